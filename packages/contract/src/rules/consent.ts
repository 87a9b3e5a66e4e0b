/**
 * Consent and relatives' access: the rules every side enforces, written once (the consent panel
 * checks before sending, the servers refuse what breaks them). Names follow FHIR R4 `Consent`
 * (status `active` / `inactive`, a period, provisions as actions) and `RelatedPerson`.
 *
 * - Dialogue consent: messages are sent and received only with an active consent to the text
 *   version the service shows now. Withdrawing takes effect at once; earlier threads stay readable.
 * - Relatives' access, as on helsenorge: the giver is at least 16 and the relative at least 18;
 *   a period is required, at most `relativeAccessLimits.maxDays` days; a person with a
 *   confidential address can be neither found nor granted. Parents have full access to a child
 *   under 12, limited access (no messages) from 12, and none from 16.
 * - Giving or taking back access needs a sign-in at most 5 minutes old (`auth_time`).
 *
 * A refusal is a code here; the servers answer it as a problem, the elements as a translated text.
 */
import type { ConsentDecision, DialogueConsent, DialogueConsentChange, Person } from '../types.js';
import { canonical, etagOf, matchesEtag } from './etag.js';
import { ageOn, parseIdentityNumber } from './identity.js';
import { escapePointer, type FieldError, type ProblemSpec } from './problems.js';
import { osloIso, toSecond } from './time.js';

/** FHIR R4 Consent.status values this API uses: in force, or withdrawn (history is kept). */
export type ConsentStatus = 'active' | 'inactive';

/**
 * What a relative may do for the person: the contract's `Subject.scopes` (see appointments, see
 * granted services, cancel, write and read messages); FHIR Consent.provision.action in spirit.
 */
export const accessScopes = ['appointments.read', 'services.read', 'appointments.cancel', 'messages'] as const;
export type AccessScope = (typeof accessScopes)[number];

/** What a request asks to do, and the scope it needs when a relative asks. */
export const scopeOfAction = {
  'read-appointments': 'appointments.read',
  'read-services': 'services.read',
  cancel: 'appointments.cancel',
  'read-messages': 'messages',
  'send-message': 'messages',
} as const satisfies Record<string, AccessScope>;
export type Action = keyof typeof scopeOfAction;

export const relativeAccessLimits = {
  giverMinAge: 16,
  relativeMinAge: 18,
  /** The longest period one grant may have, in calendar days, first and last day included. */
  maxDays: 365,
  /** Parents' access: full below this age, */
  parentFullBelowAge: 12,
  /** limited (no messages) below this one, and none from it. */
  parentEndsAtAge: 16,
  /** How old the sign-in may be for giving or taking back access, in seconds (`max_age`). */
  stepUpMaxAgeSeconds: 300,
} as const;

/** Why a grant of access is refused. */
export type GrantRefusal =
  | 'giver-too-young'
  | 'relative-too-young'
  | 'relative-not-found'
  | 'self'
  | 'no-scope'
  | 'unknown-scope'
  | 'period-invalid'
  | 'period-starts-in-past'
  | 'period-too-long'
  | 'step-up-required';

export interface GrantRequest {
  scopes: readonly string[];
  /** First and last day of the access, Oslo calendar dates `YYYY-MM-DD`. */
  period: { start: string; end: string };
}

export interface GrantParties {
  giverBirthDate: string;
  /** Undefined when no person has the number, or the person has a confidential address. */
  relative: { id: string; birthDate: string } | undefined;
  giverId: string;
}

/** A calendar date `YYYY-MM-DD` that exists (not 2026-02-30). */
function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Calendar days from `start` to `end`, both included (`2026-01-01` to `2026-01-01` is 1). */
export function daysInPeriod(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** True when a sign-in at `authTime` is recent enough at `now` to give or take back access. */
export function isRecentSignIn(authTime: Date | undefined, now: Date): boolean {
  if (!authTime) return false;
  const age = (now.getTime() - authTime.getTime()) / 1000;
  return age <= relativeAccessLimits.stepUpMaxAgeSeconds && age >= -60;
}

/**
 * Every reason to refuse a grant, in a fixed order (empty when it may be given). `today` is the
 * Oslo calendar date now (osloDate(new Date())).
 */
export function checkGrant(request: GrantRequest, parties: GrantParties, today: string, signIn: { authTime: Date | undefined; now: Date }): GrantRefusal[] {
  const out: GrantRefusal[] = [];
  if (!isRecentSignIn(signIn.authTime, signIn.now)) out.push('step-up-required');
  if (ageOn(parties.giverBirthDate, today) < relativeAccessLimits.giverMinAge) out.push('giver-too-young');
  const r = parties.relative;
  if (!r) out.push('relative-not-found');
  else if (r.id === parties.giverId) out.push('self');
  else if (ageOn(r.birthDate, today) < relativeAccessLimits.relativeMinAge) out.push('relative-too-young');
  if (request.scopes.length === 0) out.push('no-scope');
  if (request.scopes.some((s) => !(accessScopes as readonly string[]).includes(s))) out.push('unknown-scope');
  const { start, end } = request.period ?? {};
  if (!isDate(start) || !isDate(end) || end < start) out.push('period-invalid');
  else {
    if (start < today) out.push('period-starts-in-past');
    if (daysInPeriod(start, end) > relativeAccessLimits.maxDays) out.push('period-too-long');
  }
  return out;
}

/**
 * How a refusal of a grant is answered, in one order for every server: a stale sign-in first
 * (403 step-up-required with the `max_age` to ask for: 403, not RFC 9470's 401, because clients
 * end the session on a 401), then the giver's age (403), the body's fields (400 validation with
 * field errors), a person who cannot be found (404, worded exactly as for an unknown number, so
 * a confidential address does not show), oneself (400) and the relative's age (422).
 */
export function grantProblem(refusals: readonly GrantRefusal[]): ProblemSpec | null {
  if (refusals.length === 0) return null;
  const has = (r: GrantRefusal) => refusals.includes(r);
  if (has('step-up-required')) return stepUpProblem();
  if (has('giver-too-young')) {
    return { status: 403, key: 'giverTooYoung', detail: `Only a person aged ${relativeAccessLimits.giverMinAge} or more may give access.` };
  }
  const errors: FieldError[] = [];
  if (has('no-scope')) errors.push({ pointer: '/scopes', code: 'required' });
  if (has('unknown-scope')) errors.push({ pointer: '/scopes', code: 'unknown-code' });
  if (has('period-invalid')) errors.push({ pointer: '/period', code: 'invalid' });
  if (has('period-starts-in-past')) errors.push({ pointer: '/period/start', code: 'in-past' });
  if (has('period-too-long')) errors.push({ pointer: '/period/end', code: 'too-long' });
  if (errors.length) return { status: 400, key: 'validation', detail: `The access is not valid (a period from today of at most ${relativeAccessLimits.maxDays} days, and at least one known scope).`, errors };
  if (has('relative-not-found')) return relativeNotFound;
  if (has('self')) return { status: 400, key: 'validation', detail: 'You cannot give access to yourself.', errors: [{ pointer: '/nationalIdentityNumber', code: 'self' }] };
  if (has('relative-too-young')) {
    return { status: 422, key: 'relativeTooYoung', detail: `A relative must be ${relativeAccessLimits.relativeMinAge} or older.` };
  }
  return null;
}

/** The one answer for a number no one may be found by: unknown, or a confidential address. */
export const relativeNotFound: ProblemSpec = { status: 404, key: 'notFound', detail: 'No person with this national identity number can be given access.' };

/**
 * The 403 for giving or taking back access with a sign-in older than `stepUpMaxAgeSeconds`:
 * the body's `maxAge` and the `WWW-Authenticate` challenge (RFC 9470's parameters) tell the
 * client which `max_age` to sign in again with.
 */
export function stepUpProblem(scheme: 'Bearer' | 'DPoP' = 'Bearer'): ProblemSpec & { maxAge: number } {
  const maxAge = relativeAccessLimits.stepUpMaxAgeSeconds;
  return {
    status: 403,
    key: 'stepUpRequired',
    detail: `Sign in again: giving or taking back access needs a sign-in at most ${maxAge / 60} minutes old.`,
    maxAge,
    headers: { 'WWW-Authenticate': `${scheme} error="insufficient_user_authentication", error_description="A more recent sign-in is required", max_age=${maxAge}` },
  };
}

/** The body of a request to give access (RelativeAccessRequest), once its shape is checked. */
export interface RelativeAccessInput extends GrantRequest {
  nationalIdentityNumber: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Field errors against RelativeAccessRequest's shape (additionalProperties false), in a fixed
 * order: unknown members, the number (11 digits with right check digits and a date of birth that
 * exists), scopes (a list of strings), the period (an object of two strings). Whether the scopes
 * are known and the period allowed is `checkGrant`'s.
 */
export function validateRelativeAccessRequest(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ pointer: '', code: 'invalid' }];
  const errors: FieldError[] = [];
  for (const k of Object.keys(body)) if (!['nationalIdentityNumber', 'scopes', 'period'].includes(k)) errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });
  errors.push(...validateIdentityNumberField(body.nationalIdentityNumber));
  if (body.scopes === undefined) errors.push({ pointer: '/scopes', code: 'required' });
  else if (!Array.isArray(body.scopes) || body.scopes.some((s) => typeof s !== 'string')) errors.push({ pointer: '/scopes', code: 'invalid' });
  else if (new Set(body.scopes).size !== body.scopes.length) errors.push({ pointer: '/scopes', code: 'invalid' });
  if (body.period === undefined) errors.push({ pointer: '/period', code: 'required' });
  else if (!isObject(body.period)) errors.push({ pointer: '/period', code: 'invalid' });
  else {
    for (const k of Object.keys(body.period)) if (k !== 'start' && k !== 'end') errors.push({ pointer: `/period/${escapePointer(k)}`, code: 'invalid' });
    for (const k of ['start', 'end'] as const) {
      if (body.period[k] === undefined) errors.push({ pointer: `/period/${k}`, code: 'required' });
      else if (!isDate(body.period[k])) errors.push({ pointer: `/period/${k}`, code: 'invalid' });
    }
  }
  return errors;
}

/** Field errors against PersonLookup (one member: the number). */
export function validatePersonLookup(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ pointer: '', code: 'invalid' }];
  const errors: FieldError[] = [];
  for (const k of Object.keys(body)) if (k !== 'nationalIdentityNumber') errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });
  errors.push(...validateIdentityNumberField(body.nationalIdentityNumber));
  return errors;
}

function validateIdentityNumberField(n: unknown): FieldError[] {
  if (n === undefined) return [{ pointer: '/nationalIdentityNumber', code: 'required' }];
  return parseIdentityNumber(n) ? [] : [{ pointer: '/nationalIdentityNumber', code: 'invalid' }];
}

/**
 * What makes a replay "the same request". The number is in the body, so the fingerprint (kept
 * only as a SHA-256 digest by the sandbox) carries it too, never in clear in a log.
 */
export const relativeAccessFingerprint = (subjectId: string, body: unknown): string => `${subjectId}/relatives-access\n${canonical(body)}`;

/**
 * A person in the register as the grant rules see them: undefined for a confidential address,
 * so "cannot be found" is one answer whatever the reason.
 */
export function findableRelative(p: { id: string; birthDate: string; confidentialAddress: boolean } | undefined): { id: string; birthDate: string } | undefined {
  return p && !p.confidentialAddress ? { id: p.id, birthDate: p.birthDate } : undefined;
}

/**
 * The scopes a relative has today through a grant of `relation`: a parent's access to a child
 * (the subject is the grantee's `CHILD`) is also held to `parentScopes` by the child's birth date,
 * so it narrows at 12 and ends at 16 on its own; any other grant keeps its scopes.
 */
export function scopesInForce(relationCode: string, scopes: readonly AccessScope[], subjectBirthDate: string | undefined, today: string): AccessScope[] {
  if (relationCode !== 'CHILD') return [...scopes];
  if (!subjectBirthDate) return [];
  const allowed = parentScopes(subjectBirthDate, today);
  return scopes.filter((s) => allowed.includes(s));
}

/** True while a grant is in force on the Oslo date `today`: active, and inside its period. */
export function isGrantInForce(grant: { status: ConsentStatus; period: { start: string; end: string } }, today: string): boolean {
  return grant.status === 'active' && grant.period.start <= today && today <= grant.period.end;
}

/** The scopes a parent has for a child born on `childBirthDate`, on the Oslo date `today`. */
export function parentScopes(childBirthDate: string, today: string): AccessScope[] {
  const age = ageOn(childBirthDate, today);
  if (age < 0 || age >= relativeAccessLimits.parentEndsAtAge) return [];
  if (age < relativeAccessLimits.parentFullBelowAge) return [...accessScopes];
  return accessScopes.filter((s) => s !== 'messages');
}

/**
 * Whether someone acting with `scopes` may do `action` (the person themselves passes no scopes
 * and may do everything).
 */
export function mayAct(action: Action, scopes: readonly AccessScope[] | 'self'): boolean {
  return scopes === 'self' || scopes.includes(scopeOfAction[action]);
}

/** The version of the dialogue consent text the service shows now (the consent panel has its words). */
export const dialogueConsentTextVersion = '2026-12';

/** Why sending or receiving a message is refused for the person: no consent in force. */
export type DialogueRefusal = 'consent-required' | 'consent-text-outdated';

/**
 * Whether messages may be sent (by the person, a relative or staff) to a person with this consent,
 * given the consent text version the service shows now.
 */
export function dialogueRefusal(consent: Pick<DialogueConsent, 'status' | 'textVersion'> | undefined, currentTextVersion: string = dialogueConsentTextVersion): DialogueRefusal | null {
  if (!consent || consent.status !== 'active') return 'consent-required';
  return consent.textVersion === currentTextVersion ? null : 'consent-text-outdated';
}

/** The 403 a message gets without dialogue consent in force, or null when it may be sent. */
export function dialogueProblem(consent: Pick<DialogueConsent, 'status' | 'textVersion'> | undefined): ProblemSpec | null {
  const refusal = dialogueRefusal(consent);
  if (!refusal) return null;
  return {
    status: 403,
    key: 'consentRequired',
    detail: refusal === 'consent-required' ? 'The subject has not consented to digital dialogue.' : 'The subject consented to an earlier consent text; consent to the current one first.',
  };
}

/** The consent as the API answers it, from every decision newest first. */
export function dialogueConsentOf(history: readonly ConsentDecision[]): DialogueConsent {
  const latest = history[0];
  return {
    status: latest?.status ?? 'none',
    textVersion: latest?.textVersion ?? null,
    currentTextVersion: dialogueConsentTextVersion,
    history: history.map((d) => ({ ...d, decidedBy: { ...d.decidedBy } })),
    version: String(history.length),
  };
}

/** Field errors against DialogueConsentChange (additionalProperties false), in a fixed order. */
export function validateDialogueConsentChange(body: unknown): FieldError[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ pointer: '', code: 'invalid' }];
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const k of Object.keys(b)) if (k !== 'status' && k !== 'textVersion') errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });
  if (b.status === undefined) errors.push({ pointer: '/status', code: 'required' });
  else if (b.status !== 'active' && b.status !== 'inactive') errors.push({ pointer: '/status', code: 'invalid' });
  if (b.textVersion === undefined) errors.push({ pointer: '/textVersion', code: 'required' });
  else if (typeof b.textVersion !== 'string' || b.textVersion.length === 0) errors.push({ pointer: '/textVersion', code: 'invalid' });
  else if (b.textVersion.length > 40) errors.push({ pointer: '/textVersion', code: 'too-long' });
  return errors;
}

/** What makes a replay "the same request": the subject and the canonical body. */
export const dialogueConsentFingerprint = (subjectId: string, body: unknown): string => `${subjectId}/dialogue-consent\n${canonical(body)}`;

/**
 * After the body was validated: refuse (412 stale If-Match, 409 an outdated text) or say what is
 * decided; `decision` null when the state asked for already holds (nothing is recorded).
 */
export function decideDialogueConsent(
  current: DialogueConsent,
  ifMatch: string,
  change: DialogueConsentChange,
  actor: Person,
  now: Date,
): ProblemSpec | { decision: ConsentDecision | null } {
  if (!matchesEtag(ifMatch, etagOf(current))) return { status: 412, key: 'preconditionFailed', detail: 'The consent has changed. Fetch it again.' };
  if (change.textVersion !== current.currentTextVersion) {
    return { status: 409, key: 'consentTextOutdated', detail: `The consent text is now version ${current.currentTextVersion}: show it and ask again.` };
  }
  if (current.status === change.status && current.textVersion === change.textVersion) return { decision: null };
  return { decision: { status: change.status, textVersion: change.textVersion, decidedAt: osloIso(toSecond(now)), decidedBy: { id: actor.id, name: actor.name } } };
}
