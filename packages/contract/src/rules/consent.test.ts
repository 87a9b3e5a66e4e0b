import { expect } from '@open-wc/testing';
import {
  accessScopes,
  checkGrant,
  daysInPeriod,
  decideDialogueConsent,
  dialogueConsentOf,
  dialogueConsentTextVersion,
  dialogueProblem,
  dialogueRefusal,
  validateDialogueConsentChange,
  findableRelative,
  grantProblem,
  isGrantInForce,
  relativeNotFound,
  scopesInForce,
  stepUpProblem,
  validatePersonLookup,
  validateRelativeAccessRequest,
  isRecentSignIn,
  mayAct,
  parentScopes,
  relativeAccessLimits,
  scopeOfAction,
} from './consent.js';

const today = '2026-12-03';
const now = new Date('2026-12-03T10:00:00+01:00');
const fresh = { authTime: new Date(now.getTime() - 60_000), now };
const request = { scopes: ['appointments.read', 'services.read'], period: { start: today, end: '2027-06-02' } };
const parties = { giverId: 'psn-ola', giverBirthDate: '1938-03-14', relative: { id: 'psn-kari', birthDate: '1966-09-22' } };

describe('rules: consent and relatives’ access', () => {
  it('grants a valid request, and names every reason to refuse one, in order', () => {
    expect(checkGrant(request, parties, today, fresh)).to.deep.equal([]);
    expect(
      checkGrant({ scopes: [], period: { start: '2026-12-02', end: '2027-12-02' } }, { ...parties, giverBirthDate: '2011-01-01', relative: { id: 'k', birthDate: '2009-01-01' } }, today, { authTime: undefined, now }),
    ).to.deep.equal(['step-up-required', 'giver-too-young', 'relative-too-young', 'no-scope', 'period-starts-in-past', 'period-too-long']);
    expect(checkGrant({ scopes: ['appointments.read', 'journal'], period: { start: '2027-01-01', end: '2026-12-31' } }, { ...parties, relative: undefined }, today, fresh)).to.deep.equal([
      'relative-not-found',
      'unknown-scope',
      'period-invalid',
    ]);
    expect(checkGrant(request, { ...parties, relative: { id: 'psn-ola', birthDate: '1938-03-14' } }, today, fresh)).to.deep.equal(['self']);
    for (const bad of [{ start: '2026-02-30', end: '2026-12-31' }, { start: today, end: '2027-13-01' }, { start: '3.12.2026', end: '2027-01-01' }])
      expect(checkGrant({ ...request, period: bad }, parties, today, fresh), JSON.stringify(bad)).to.deep.equal(['period-invalid']);
  });

  it('draws the age lines on the birthday: giver 16, relative 18', () => {
    const giverTurns16 = { ...parties, giverBirthDate: '2010-12-03' };
    expect(checkGrant(request, giverTurns16, today, fresh)).to.deep.equal([]);
    expect(checkGrant(request, { ...parties, giverBirthDate: '2010-12-04' }, today, fresh)).to.deep.equal(['giver-too-young']);
    expect(checkGrant(request, { ...parties, relative: { id: 'k', birthDate: '2008-12-03' } }, today, fresh)).to.deep.equal([]);
    expect(checkGrant(request, { ...parties, relative: { id: 'k', birthDate: '2008-12-04' } }, today, fresh)).to.deep.equal(['relative-too-young']);
  });

  it('allows a period of at most maxDays calendar days, from today, across a summer-time change', () => {
    expect(relativeAccessLimits.maxDays).to.equal(365);
    expect(daysInPeriod('2026-03-28', '2026-03-30')).to.equal(3);
    expect(daysInPeriod('2026-10-24', '2026-10-26')).to.equal(3);
    expect(checkGrant({ ...request, period: { start: today, end: '2027-12-02' } }, parties, today, fresh)).to.deep.equal([]);
    expect(checkGrant({ ...request, period: { start: today, end: '2027-12-03' } }, parties, today, fresh)).to.deep.equal(['period-too-long']);
    expect(checkGrant({ ...request, period: { start: today, end: today } }, parties, today, fresh)).to.deep.equal([]);
  });

  it('needs a sign-in at most five minutes old to give or take back access', () => {
    expect(isRecentSignIn(new Date(now.getTime() - 300_000), now)).to.equal(true);
    expect(isRecentSignIn(new Date(now.getTime() - 301_000), now)).to.equal(false);
    expect(isRecentSignIn(new Date(now.getTime() + 120_000), now), 'a sign-in from the future').to.equal(false);
    expect(isRecentSignIn(undefined, now)).to.equal(false);
    expect(checkGrant(request, parties, today, { authTime: new Date(now.getTime() - 10 * 60_000), now })).to.deep.equal(['step-up-required']);
  });

  it('holds a grant in force only while active and inside its period', () => {
    const grant = { status: 'active' as const, period: { start: '2026-12-01', end: '2026-12-31' } };
    expect(isGrantInForce(grant, today)).to.equal(true);
    expect(isGrantInForce(grant, '2026-12-31')).to.equal(true);
    expect(isGrantInForce(grant, '2027-01-01')).to.equal(false);
    expect(isGrantInForce(grant, '2026-11-30')).to.equal(false);
    expect(isGrantInForce({ ...grant, status: 'inactive' }, today), 'taken back').to.equal(false);
  });

  it('gives parents full access below 12, no messages from 12, nothing from 16', () => {
    const noMessages = ['appointments.read', 'services.read', 'appointments.cancel'];
    expect(parentScopes('2015-12-04', today)).to.deep.equal([...noMessages, 'messages']);
    expect(parentScopes('2014-12-03', today)).to.deep.equal(noMessages);
    expect(parentScopes('2010-12-04', today)).to.deep.equal(noMessages);
    expect(parentScopes('2010-12-03', today)).to.deep.equal([]);
    expect(parentScopes('2027-01-01', today), 'not born yet').to.deep.equal([]);
  });

  it('lets a relative do only what the scopes name; the person does everything', () => {
    for (const action of Object.keys(scopeOfAction) as (keyof typeof scopeOfAction)[]) {
      expect(mayAct(action, 'self')).to.equal(true);
      expect(mayAct(action, [])).to.equal(false);
      expect(mayAct(action, [...accessScopes])).to.equal(true);
    }
    expect(mayAct('read-appointments', ['appointments.read'])).to.equal(true);
    expect(mayAct('read-services', ['appointments.read'])).to.equal(false);
    expect(mayAct('read-services', ['services.read'])).to.equal(true);
    expect(mayAct('cancel', ['appointments.read'])).to.equal(false);
    expect(mayAct('read-messages', ['appointments.read', 'appointments.cancel'])).to.equal(false);
    expect(mayAct('send-message', ['messages'])).to.equal(true);
  });

  it('refuses messages without dialogue consent to the current text, and after withdrawal', () => {
    expect(dialogueRefusal(undefined, 'v2')).to.equal('consent-required');
    expect(dialogueRefusal({ status: 'active', textVersion: 'v2' }, 'v2')).to.equal(null);
    expect(dialogueRefusal({ status: 'inactive', textVersion: 'v2' }, 'v2')).to.equal('consent-required');
    expect(dialogueRefusal({ status: 'active', textVersion: 'v1' }, 'v2')).to.equal('consent-text-outdated');
  });

  it('answers dialogue consent from its decisions: none, then the latest; versioned by count', () => {
    const none = dialogueConsentOf([]);
    expect(none).to.deep.equal({ status: 'none', textVersion: null, currentTextVersion: dialogueConsentTextVersion, history: [], version: '0' });
    expect(dialogueProblem(none)).to.include({ status: 403, key: 'consentRequired' });
    const by = { id: 'psn-ola', name: 'Ola Nordmann' };
    const given = { status: 'active' as const, textVersion: dialogueConsentTextVersion, decidedAt: '2026-12-03T10:00:00+01:00', decidedBy: by };
    const withdrawn = { ...given, status: 'inactive' as const, decidedAt: '2026-12-03T11:00:00+01:00' };
    expect(dialogueConsentOf([given])).to.include({ status: 'active', version: '1' });
    expect(dialogueProblem(dialogueConsentOf([given]))).to.equal(null);
    const back = dialogueConsentOf([withdrawn, given]);
    expect(back).to.include({ status: 'inactive', version: '2' });
    expect(back.history.map((d) => d.status)).to.deep.equal(['inactive', 'active']);
    expect(dialogueProblem(back)).to.include({ key: 'consentRequired' });
    expect(dialogueProblem(dialogueConsentOf([{ ...given, textVersion: '2020-01' }]))?.detail).to.match(/earlier consent text/);
  });

  it('validates a change and decides it: 412 on a stale ETag, 409 on an old text, nothing when it already holds', () => {
    const ok = { status: 'active', textVersion: dialogueConsentTextVersion };
    expect(validateDialogueConsentChange(ok)).to.deep.equal([]);
    expect(validateDialogueConsentChange({ status: 'given', textVersion: '', x: 1 })).to.deep.equal([
      { pointer: '/x', code: 'invalid' },
      { pointer: '/status', code: 'invalid' },
      { pointer: '/textVersion', code: 'invalid' },
    ]);
    expect(validateDialogueConsentChange({ textVersion: 'v'.repeat(41) })).to.deep.equal([
      { pointer: '/status', code: 'required' },
      { pointer: '/textVersion', code: 'too-long' },
    ]);
    expect(validateDialogueConsentChange(null)).to.deep.equal([{ pointer: '', code: 'invalid' }]);
    const actor = { id: 'psn-ola', name: 'Ola Nordmann' };
    const none = dialogueConsentOf([]);
    expect(decideDialogueConsent(none, '"1"', { status: 'active', textVersion: dialogueConsentTextVersion }, actor, now)).to.include({ status: 412 });
    expect(decideDialogueConsent(none, '"0"', { status: 'active', textVersion: '2020-01' }, actor, now)).to.include({ status: 409, key: 'consentTextOutdated' });
    const given = decideDialogueConsent(none, '"0"', { status: 'active', textVersion: dialogueConsentTextVersion }, actor, new Date('2026-07-01T10:00:00.900Z'));
    expect(given).to.deep.equal({ decision: { status: 'active', textVersion: dialogueConsentTextVersion, decidedAt: '2026-07-01T12:00:00+02:00', decidedBy: actor } });
    const after = dialogueConsentOf(['decision' in given && given.decision ? [given.decision] : []].flat());
    expect(decideDialogueConsent(after, '"1"', { status: 'active', textVersion: dialogueConsentTextVersion }, actor, now)).to.deep.equal({ decision: null });
    expect(decideDialogueConsent(after, '"1"', { status: 'inactive', textVersion: dialogueConsentTextVersion }, actor, now)).to.have.nested.property('decision.status', 'inactive');
  });

  it('answers a refused grant in one order: step-up, giver, fields, not found, self, relative', () => {
    expect(grantProblem([])).to.equal(null);
    const all = checkGrant({ scopes: [], period: { start: '2026-12-02', end: '2027-12-02' } }, { ...parties, giverBirthDate: '2011-01-01', relative: undefined }, today, { authTime: undefined, now });
    expect(grantProblem(all)).to.include({ status: 403, key: 'stepUpRequired', maxAge: relativeAccessLimits.stepUpMaxAgeSeconds });
    expect(grantProblem(all.slice(1))).to.include({ status: 403, key: 'giverTooYoung' });
    expect(grantProblem(['no-scope', 'unknown-scope', 'period-starts-in-past', 'period-too-long', 'relative-not-found'])).to.deep.include({
      status: 400,
      key: 'validation',
      errors: [
        { pointer: '/scopes', code: 'required' },
        { pointer: '/scopes', code: 'unknown-code' },
        { pointer: '/period/start', code: 'in-past' },
        { pointer: '/period/end', code: 'too-long' },
      ],
    });
    expect(grantProblem(['relative-not-found', 'self'])).to.equal(relativeNotFound);
    expect(grantProblem(['self'])).to.deep.include({ status: 400, errors: [{ pointer: '/nationalIdentityNumber', code: 'self' }] });
    expect(grantProblem(['relative-too-young'])).to.include({ status: 422, key: 'relativeTooYoung' });
  });

  it('tells the client which max_age to sign in again with', () => {
    const p = stepUpProblem('DPoP');
    expect(p).to.include({ status: 403, key: 'stepUpRequired', maxAge: 300 });
    expect(p.headers?.['WWW-Authenticate']).to.equal('DPoP error="insufficient_user_authentication", error_description="A more recent sign-in is required", max_age=300');
  });

  it('finds no one with a confidential address: the same as no one', () => {
    expect(findableRelative(undefined)).to.equal(undefined);
    expect(findableRelative({ id: 'p', birthDate: '1990-01-01', confidentialAddress: true })).to.equal(undefined);
    expect(findableRelative({ id: 'p', birthDate: '1990-01-01', confidentialAddress: false })).to.deep.equal({ id: 'p', birthDate: '1990-01-01' });
  });

  it('checks the shape of a request to give access and of a look-up', () => {
    const ok = { nationalIdentityNumber: '22896624028', scopes: ['appointments.read'], period: { start: today, end: '2027-01-31' } };
    expect(validateRelativeAccessRequest(ok)).to.deep.equal([]);
    expect(validateRelativeAccessRequest({ ...ok, nationalIdentityNumber: '22896624029', scopes: ['messages', 'messages'], period: { start: '2026-02-30', x: 1 }, y: 2 })).to.deep.equal([
      { pointer: '/y', code: 'invalid' },
      { pointer: '/nationalIdentityNumber', code: 'invalid' },
      { pointer: '/scopes', code: 'invalid' },
      { pointer: '/period/x', code: 'invalid' },
      { pointer: '/period/start', code: 'invalid' },
      { pointer: '/period/end', code: 'required' },
    ]);
    expect(validateRelativeAccessRequest({})).to.deep.equal([
      { pointer: '/nationalIdentityNumber', code: 'required' },
      { pointer: '/scopes', code: 'required' },
      { pointer: '/period', code: 'required' },
    ]);
    expect(validateRelativeAccessRequest([])).to.deep.equal([{ pointer: '', code: 'invalid' }]);
    expect(validatePersonLookup({ nationalIdentityNumber: '22896624028' })).to.deep.equal([]);
    expect(validatePersonLookup({ nationalIdentityNumber: 22896624028 })).to.deep.equal([{ pointer: '/nationalIdentityNumber', code: 'invalid' }]);
  });

  it('holds a parent\'s grant to the child\'s age every day; other grants keep their scopes', () => {
    const all = [...accessScopes];
    expect(scopesInForce('CHILD', all, '2015-12-04', today)).to.deep.equal(all);
    expect(scopesInForce('CHILD', all, '2014-12-03', today)).to.deep.equal(['appointments.read', 'services.read', 'appointments.cancel']);
    expect(scopesInForce('CHILD', ['messages'], '2014-12-03', today)).to.deep.equal([]);
    expect(scopesInForce('CHILD', all, '2010-12-03', today)).to.deep.equal([]);
    expect(scopesInForce('CHILD', all, undefined, today)).to.deep.equal([]);
    expect(scopesInForce('PRN', all, '1938-03-14', today)).to.deep.equal(all);
  });
});
