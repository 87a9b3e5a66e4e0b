/**
 * <omsorg-consent-panel>'s relatives' access section: both lists with names; giving access (look
 * up → confirm the name → give) with one Idempotency-Key and the number only in the body; a
 * step-up refusal that keeps what was typed and succeeds on the next press with the same key;
 * the refusals (not found, too young); taking access back; what a relative acting for the
 * person sees (and that nothing is asked); the section alone; nynorsk; the keyboard; axe.
 */
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import { osloDate, problemTypes, relations } from '@omsorg/contract';
import { mockAuthorization, subjectIds, type MockApi } from '@omsorg/mocks';
import { createClient, createMockAuth, type Auth, type Client } from '@omsorg/sdk';
import { SPACE } from '../test/keys.js';
import { API, mswWorker, until } from '../test/setup.js';
import { messageClient as client, scenario } from '../test/messages.js';
import { $, $$, alertText, deepActive, fill, inEveryLanguage, mountIn, mountSettled, polite, tabTo } from '../test/kit.js';
import { messages } from './consent-panel.messages.js';
import type { OmsorgConsentPanel } from './consent-panel.js';
import './define.js';

const t = messages.nb;
type Panel = OmsorgConsentPanel;
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const text = (node: Element | null | undefined) => fold(node?.textContent ?? '');
const mount = (c: Client, section = 'relatives') =>
  mountSettled<Panel>(html`<omsorg-consent-panel .client=${c} section=${section}></omsorg-consent-panel>`, 'the panel to load');
const names = (el: Element, list: string) => $$(el, `[part="${list}"] [part="grant"] .grant-name bdi`).map((b) => b.textContent);
const numberOf = (api: MockApi, id: string) => api.db.register.find((r) => r.id === id)!.nationalIdentityNumber;

/** Every request to relatives' access and the look-up, as the worker sees it (with its body). */
function relativesRequests(): { seen: { method: string; url: string; key: string | null; body: string }[]; stop(): void } {
  const seen: { method: string; url: string; key: string | null; body: string }[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url).pathname;
    if (!/relatives-access|person-lookup/.test(url)) return;
    const entry = { method: request.method, url: request.url, key: request.headers.get('Idempotency-Key'), body: '' };
    seen.push(entry);
    if (request.method === 'POST') void request.clone().text().then((b) => (entry.body = b));
  };
  mswWorker().events.on('request:start', listener);
  return { seen, stop: () => mswWorker().events.removeListener('request:start', listener) };
}

/**
 * A client for Ola whose sign-in is an hour old (the mocks read it from the token) until they
 * sign in again: the server then wants a step-up for giving or taking back access.
 */
function staleSignInClient(): Client {
  const inner = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  let authTime = Math.floor(Date.now() / 1000) - 3600;
  const auth: Auth = {
    ...inner,
    async authorize(request) {
      await inner.authorize(request);
      return { Authorization: mockAuthorization('ola', { authTime }) };
    },
    async signIn() {
      authTime = Math.floor(Date.now() / 1000);
      await inner.signIn();
    },
  };
  return createClient({ baseUrl: API, auth, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
}

/** Types the number and looks the person up; waits for the name to confirm. */
async function lookUp(el: Panel, number: string): Promise<void> {
  fill($<HTMLInputElement>(el, '#rel-number')!, number);
  await el.updateComplete;
  $(el, '[part="look-up-button"]')!.click();
  await until(() => !!$(el, '[part="found"]') || !!$(el, '[part="error-summary"]'), 'the look-up answered');
}

describe('<omsorg-consent-panel>: relatives\' access', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await scenario('default');
  });
  afterEach(() => document.querySelectorAll('omsorg-consent-panel').forEach((e) => e.remove()));

  it('lists who may act for the person and whom they may act for, by name', async () => {
    // Per gives Ola access too, so Ola's page has both directions.
    api.db.grants.push({
      id: 'rac-test-per',
      basis: 'consent',
      status: 'active',
      subjectId: subjectIds.per,
      subject: { id: 'psn-per-51d0', name: 'Per Hansen' },
      relative: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' },
      relationship: { system: relations.system, code: 'O' },
      scopes: ['appointments.read'],
      period: { start: null, end: null },
      grantedAt: null,
      revokedAt: null,
    });
    const el = await mount(client('ola'));
    expect(text($(el, '[part="heading"]'))).to.equal(t.relativesTitle);
    expect(names(el, 'relatives-list')).to.deep.equal(['Kari Nordmann']);
    expect(names(el, 'acting-for-list')).to.deep.equal(['Per Hansen']);
    expect($$(el, '[part="relatives-list"] [part="revoke-button"]')).to.have.length(1);
    expect($$(el, '[part="acting-for-list"] [part="revoke-button"]')).to.have.length(0);
    // The relation is the subject's to the relative: Per is Ola's "other" (O), said where Ola acts
    // for him; Kari's row does not call her Ola's parent (her grant says Ola is hers, PRN).
    expect(text($(el, '[part="acting-for-list"] .grant-name'))).to.equal('Per Hansen (Annen pårørende)');
    expect(text($(el, '[part="relatives-list"] .grant-name'))).to.equal('Kari Nordmann');
    await expect(el).to.be.accessible();
  });

  it('empty: no one may act for the person, and they act for no one', async () => {
    api.db.grants.length = 0;
    const el = await mount(client('ola'));
    expect(text($(el, '[part="relatives-empty"]'))).to.equal(t.whoForYouEmpty);
    expect(text($(el, '[part="acting-for-empty"]'))).to.equal(t.youForWhomEmpty);
    await expect(el).to.be.accessible();
  });

  it('gives access: look up, confirm the name, give; listed, said politely, focus on the new row; the number only in the body, with an Idempotency-Key', async () => {
    const el = await mount(client('ola'));
    const requests = relativesRequests();
    const lars = numberOf(api, 'psn-lars-40b2');
    await lookUp(el, lars);
    expect(text($(el, '[part="found"] p'))).to.equal(fold(`Lars Berg${(t.confirmName('') as unknown[])[1] as string}`));
    expect($(el, '[part="found"] bdi')!.textContent).to.equal('Lars Berg');
    await until(() => deepActive() === $(el, '#rel-found'), 'focus on the name to confirm');
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, '#rel-scope-see')!.click();
    $<HTMLInputElement>(el, '#rel-scope-cancel')!.click();
    const button = $(el, '[part="grant-button"]')!;
    button.click();
    button.click(); // a double click sends once
    await until(() => names(el, 'relatives-list').includes('Lars Berg'), 'Lars listed');
    expect(polite(el)).to.equal(t.granted('Lars Berg'));
    const row = $$(el, '[part="relatives-list"] [part="grant"]').find((li) => li.textContent?.includes('Lars Berg'))!;
    await until(() => deepActive() === row, 'focus on the new row');
    // The form is empty again: the number is not shown back.
    expect($<HTMLInputElement>(el, '#rel-number')!.value).to.equal('');
    expect(fold(el.shadowRoot!.textContent ?? '')).to.not.contain(lars);
    requests.stop();

    const posts = requests.seen.filter((r) => r.method === 'POST');
    expect(posts.map((r) => new URL(r.url).pathname)).to.deep.equal(['/v1/subjects/me/person-lookup', '/v1/subjects/me/relatives-access']);
    expect(posts.every((r) => !r.url.includes(lars))).to.equal(true);
    expect(posts[1]!.key).to.match(/^[0-9a-f-]{16,}$/);
    const body = JSON.parse(posts[1]!.body);
    const today = osloDate(new Date());
    expect(body).to.deep.equal({ nationalIdentityNumber: lars, scopes: ['appointments.read', 'services.read', 'appointments.cancel'], period: { start: today, end: body.period.end } });
    expect(body.period.end > today).to.equal(true);
    expect(api.db.grants.filter((g) => g.relative.name === 'Lars Berg' && g.status === 'active')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('a sign-in too old: the step-up state, what was typed kept; after signing in, the next press gives with the same Idempotency-Key', async () => {
    const c = staleSignInClient();
    const el = await mount(c);
    const requests = relativesRequests();
    await lookUp(el, numberOf(api, 'psn-lars-40b2'));
    $<HTMLInputElement>(el, '#rel-scope-messages')!.click();
    await el.updateComplete;
    $(el, '[part="grant-button"]')!.click();
    await until(() => !!$(el, '[part="step-up"]'), 'the step-up state');
    expect(text($(el, '[part="step-up"] p'))).to.equal(t.stepUpGrant);
    expect(alertText(el)).to.equal(t.stepUpGrant);
    await until(() => deepActive() === $(el, '#rel-step-up'), 'focus on the step-up notice');
    expect($(el, '[part="found"] bdi')!.textContent).to.equal('Lars Berg');
    expect($<HTMLInputElement>(el, '#rel-scope-messages')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#rel-number')!.value).to.equal(numberOf(api, 'psn-lars-40b2'));
    expect(api.db.grants.some((g) => g.relative.name === 'Lars Berg')).to.equal(false);
    await expect(el).to.be.accessible();

    $(el, '[part="step-up-sign-in-button"]')!.click();
    await until(() => polite(el) === t.stepUpDone, 'signed in again');
    await until(() => deepActive() === $(el, '#rel-give'), 'focus back on the give button');
    $(el, '[part="grant-button"]')!.click();
    await until(() => names(el, 'relatives-list').includes('Lars Berg'), 'given on the second press');
    requests.stop();
    const grants = requests.seen.filter((r) => r.method === 'POST' && r.url.endsWith('/relatives-access'));
    expect(grants).to.have.length(2);
    expect(grants[0]!.key).to.be.a('string');
    expect(grants[1]!.key).to.equal(grants[0]!.key);
    expect($(el, '[part="step-up"]')).to.equal(null);
  });

  it('taking access back with a sign-in too old asks to sign in again, then works', async () => {
    const el = await mount(staleSignInClient());
    $(el, '[part="revoke-button"]')!.click();
    await until(() => !!$(el, '[part="revoke-yes-button"]'), 'the confirmation');
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="step-up"]'), 'the step-up state');
    expect(text($(el, '[part="step-up"] p'))).to.equal(t.stepUpRevoke);
    $(el, '[part="step-up-sign-in-button"]')!.click();
    await until(() => deepActive() === $(el, '[part="revoke-yes-button"]'), 'focus back on the confirm button');
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="relatives-empty"]'), 'taken back');
    expect(polite(el)).to.equal(t.revoked);
  });

  it('a number no one can be found by (a confidential address): one text at the field, focus on the summary, nothing lost', async () => {
    const el = await mount(client('ola'));
    const nora = numberOf(api, 'psn-nora-41e5');
    await lookUp(el, nora);
    expect($(el, '[part="found"]')).to.equal(null);
    expect(text($(el, '#rel-number-error'))).to.equal(t.errorNotFound);
    expect($(el, '#rel-number')!.getAttribute('aria-describedby')).to.contain('rel-number-error');
    expect($(el, '#rel-number')!.getAttribute('aria-invalid')).to.equal('true');
    await until(() => deepActive() === $(el, '#rel-error-summary'), 'focus on the error summary');
    expect($<HTMLInputElement>(el, '#rel-number')!.value).to.equal(nora);
    expect(fold(el.shadowRoot!.textContent ?? '')).to.not.contain('Nora');
    await expect(el).to.be.accessible();
  });

  it('a number that is not a national identity number is refused before asking', async () => {
    const el = await mount(client('ola'));
    const requests = relativesRequests();
    await lookUp(el, '12345678901');
    requests.stop();
    expect(text($(el, '#rel-number-error'))).to.equal(t.errorNumber);
    expect(requests.seen).to.have.length(0);
  });

  it('a relative too young: said at the number, what was chosen kept', async () => {
    const el = await mount(client('ola'));
    await lookUp(el, numberOf(api, 'psn-sofie-17c3'));
    expect($(el, '[part="found"] bdi')!.textContent).to.equal('Sofie Berg');
    $<HTMLInputElement>(el, '#rel-scope-see')!.click();
    await el.updateComplete;
    $(el, '[part="grant-button"]')!.click();
    await until(() => !!$(el, '[part="error-summary"]'), 'the refusal');
    expect(text($(el, '#rel-number-error'))).to.equal(t.errorRelativeTooYoung);
    expect(alertText(el)).to.contain(t.errorRelativeTooYoung);
    expect($<HTMLInputElement>(el, '#rel-scope-see')!.checked).to.equal(true);
    await until(() => deepActive() === $(el, '#rel-error-summary'), 'focus on the error summary');
    await expect(el).to.be.accessible();
  });

  it('a giver too young: said for the form, by the give button, nothing lost', async () => {
    mswWorker().use(
      http.post(
        `${API}/v1/subjects/me/relatives-access`,
        () =>
          HttpResponse.json(
            { type: problemTypes.giverTooYoung, title: 'Too young to give access', status: 403, detail: 'Only a person aged 16 or more may give access.' },
            { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        { once: true },
      ),
    );
    const el = await mount(client('ola'));
    await lookUp(el, numberOf(api, 'psn-lars-40b2'));
    $<HTMLInputElement>(el, '#rel-scope-cancel')!.click();
    await el.updateComplete;
    $(el, '[part="grant-button"]')!.click();
    await until(() => !!$(el, '[part="error-summary"]'), 'the refusal');
    expect(text($(el, '#rel-give-error'))).to.equal(t.errorGiverTooYoung);
    expect($(el, '#rel-give')!.getAttribute('aria-describedby')).to.equal('rel-give-error');
    expect($(el, '[part="signed-out"]')).to.equal(null);
    expect($(el, '[part="found"] bdi')!.textContent).to.equal('Lars Berg');
    expect($<HTMLInputElement>(el, '#rel-scope-cancel')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('no scope chosen: refused before sending, the summary links to the field', async () => {
    const el = await mount(client('ola'));
    await lookUp(el, numberOf(api, 'psn-lars-40b2'));
    $(el, '[part="grant-button"]')!.click();
    await until(() => !!$(el, '[part="error-summary"]'), 'the error');
    expect(text($(el, '#rel-scope-see-error'))).to.equal(t.errorScopes);
    $(el, '[part="error-summary"] a')!.click();
    expect(deepActive()).to.equal($(el, '#rel-scope-see'));
  });

  it('the server\'s field errors land at their fields: giving access to oneself', async () => {
    const el = await mount(client('ola'));
    await lookUp(el, numberOf(api, 'psn-ola-7f3a'));
    $<HTMLInputElement>(el, '#rel-scope-see')!.click();
    await el.updateComplete;
    $(el, '[part="grant-button"]')!.click();
    await until(() => !!$(el, '[part="error-summary"]'), 'the refusal');
    expect(text($(el, '#rel-number-error'))).to.equal(t.errorSelf);
    expect(text($(el, '[part="error-summary"] a'))).to.equal(t.errorSelf);
  });

  it('a dialogue change while a look-up runs does not stop the look-up', async () => {
    const el = await mountSettled<Panel>(html`<omsorg-consent-panel .client=${client('ola')}></omsorg-consent-panel>`);
    fill($<HTMLInputElement>(el, '#rel-number')!, numberOf(api, 'psn-lars-40b2'));
    await el.updateComplete;
    $(el, '[part="look-up-button"]')!.click();
    $(el, '[part="withdraw-button"]')!.click();
    await until(() => !!$(el, '[part="found"]') && !!$(el, '[part="give-button"]'), 'both answered');
    expect($(el, '[part="found"] bdi')!.textContent).to.equal('Lars Berg');
  });

  it('takes access back after a confirmation: gone, said politely, focus on the list heading', async () => {
    const el = await mount(client('ola'));
    const requests = relativesRequests();
    $(el, '[part="revoke-button"]')!.click();
    await until(() => deepActive() === $(el, '[part="revoke-yes-button"]'), 'focus on the confirmation');
    expect(text($(el, '[part="revoke-confirm"] bdi'))).to.equal('Kari Nordmann');
    await expect(el).to.be.accessible();
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="relatives-empty"]'), 'taken back');
    expect(polite(el)).to.equal(t.revoked);
    await until(() => deepActive() === $(el, '#rel-for-you'), 'focus on the list heading');
    requests.stop();
    expect(requests.seen.filter((r) => r.method === 'DELETE')).to.have.length(1);
    expect(api.db.grants.find((g) => g.relative.name === 'Kari Nordmann')!.status).to.equal('inactive');
    await expect(el).to.be.accessible();
  });

  it('"cancel" keeps the access and returns focus to its button', async () => {
    const el = await mount(client('ola'));
    $(el, '[part="revoke-button"]')!.click();
    await until(() => !!$(el, '[part="revoke-no-button"]'), 'the confirmation');
    $(el, '[part="revoke-no-button"]')!.click();
    await until(() => deepActive() === $(el, '[part="revoke-button"]'), 'focus back on the revoke button');
    expect(names(el, 'relatives-list')).to.deep.equal(['Kari Nordmann']);
  });

  it('a relative acting for the person sees only that the person manages it, and nothing is asked', async () => {
    const requests = relativesRequests();
    const kari = client('kari');
    const el = await mountSettled<Panel>(html`<omsorg-consent-panel .client=${kari} subject-id=${subjectIds.ola}></omsorg-consent-panel>`);
    requests.stop();
    expect(text($(el, '[part="relatives-only-self"]'))).to.equal(t.relativesOnlySelf);
    expect($(el, '[part="give-form"]')).to.equal(null);
    expect($(el, '[part="relatives-list"]')).to.equal(null);
    expect(requests.seen).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('the person\'s own subject id counts as their own', async () => {
    const el = await mountSettled<Panel>(html`<omsorg-consent-panel .client=${client('ola')} subject-id=${subjectIds.ola} section="relatives"></omsorg-consent-panel>`);
    expect(names(el, 'relatives-list')).to.deep.equal(['Kari Nordmann']);
  });

  it('section="relatives" alone: its title is the heading, and dialogue consent is not read', async () => {
    const seen: string[] = [];
    const listener = ({ request }: { request: Request }) => void seen.push(new URL(request.url).pathname);
    mswWorker().events.on('request:start', listener);
    const el = await mountSettled<Panel>(html`<omsorg-consent-panel .client=${client('ola')} section="relatives" heading-level="3"></omsorg-consent-panel>`);
    mswWorker().events.removeListener('request:start', listener);
    const h = $(el, '[part="heading"]')!;
    expect(h.localName).to.equal('h3');
    expect(text(h)).to.equal(t.relativesTitle);
    expect($(el, '[part="section-heading"]')).to.equal(null);
    expect($(el, '#rel-for-you')!.localName).to.equal('h4');
    expect($(el, '[part~="section-dialogue"]')).to.equal(null);
    expect(seen.some((p) => p.endsWith('/dialogue-consent'))).to.equal(false);
    expect(seen.some((p) => p.endsWith('/relatives-access'))).to.equal(true);
  });

  it('every section by default: the relatives section after dialogue, each with its heading', async () => {
    const el = await mountSettled<Panel>(html`<omsorg-consent-panel .client=${client('ola')}></omsorg-consent-panel>`);
    expect($$(el, '[part="section-heading"]').map(text)).to.deep.equal([t.dialogueTitle, t.relativesTitle, t.noticesTitle]);
    await expect(el).to.be.accessible();
  });

  it('in nynorsk', async () => {
    const all = await inEveryLanguage(messages);
    const { el } = await mountIn<Panel>({ lang: 'nn' }, html`<omsorg-consent-panel .client=${client('ola')} section="relatives"></omsorg-consent-panel>`);
    await until(() => text($(el, '[part="heading"]')) === all.nn.relativesTitle && !!$(el, '#rel-for-you'), 'nynorsk');
    expect(text($(el, '#rel-for-you'))).to.equal(all.nn.whoForYouTitle);
    expect(text($(el, 'label[for="rel-number"]'))).to.equal(all.nn.numberLabel);
    expect(text($(el, '[part="scopes"] legend'))).to.equal(all.nn.scopesLegend);
    await expect(el).to.be.accessible();
  });

  it('with the keyboard alone: Tab to the number, type, Enter looks up, Space chooses, Enter gives', async () => {
    const el = await mount(client('ola'));
    await tabTo((a) => a === $(el, '#rel-number'), { what: 'the number field' });
    // One key at a time, each seen by the field before the next (WebKit's driver types a whole
    // string faster than the page's input events are handled, and drops keys).
    const number = numberOf(api, 'psn-lars-40b2');
    for (const digit of number) {
      const before = $<HTMLInputElement>(el, '#rel-number')!.value.length;
      await sendKeys({ press: digit });
      await until(() => $<HTMLInputElement>(el, '#rel-number')!.value.length === before + 1, `the digit ${digit} typed`);
    }
    expect($<HTMLInputElement>(el, '#rel-number')!.value).to.equal(number);
    await tabTo((a) => a === $(el, '[part="look-up-button"]'), { what: 'the look-up button' });
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive() === $(el, '#rel-found'), 'the name to confirm, focused');
    await tabTo((a) => a === $(el, '#rel-scope-see'), { what: 'the first scope' });
    await sendKeys({ press: SPACE });
    await until(() => $<HTMLInputElement>(el, '#rel-scope-see')!.checked, 'checked');
    await tabTo((a) => a === $(el, '[part="grant-button"]'), { what: 'the give button' });
    await sendKeys({ press: 'Enter' });
    await until(() => names(el, 'relatives-list').includes('Lars Berg'), 'given');
  });
});
