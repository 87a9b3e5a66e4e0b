/**
 * Relatives' access, in the messaging part with the consent (the consent panel is its only
 * user; a page of appointments never loads it): who may act for the person and whom they act
 * for, the look-up of a relative's name by national identity number (in the body only, never in
 * a URL), giving access (one intent: its Idempotency-Key made here unless given, reused on every
 * automatic retry and when the same intent is sent again after a new sign-in) and taking it back.
 * Answers are validated against the contract. A sign-in too old for a change is thrown as a
 * `StepUpRequiredError` (with the `maxAge` to sign in again with), never as a sign-out. After a
 * change the client emits `relatives-access-changed`.
 */
import type { PersonLookupResult, RelativeAccess, RelativeAccessList, RelativeAccessRequest } from '@omsorg/contract';
import type { CallOptions, ClientEventName, ClientEvents } from './types.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { withStepUp } from './errors.js';
import { asPersonLookupResult, asRelativeAccess, asRelativeAccessList } from './validate-messages.js';

const enc = encodeURIComponent;

export interface RelativesDeps {
  http: HttpContext;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
}

/** The person's own subject: relatives' access is only ever their own to see and change. */
const OWN = 'me';

export function createRelatives(deps: RelativesDeps) {
  const base = `/v1/subjects/${OWN}`;
  /** Runs a call, turning a step-up-required refusal into its typed error. */
  const stepUp = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (e) {
      throw withStepUp(e);
    }
  };

  return {
    listRelativesAccess(options?: CallOptions): Promise<RelativeAccessList> {
      return send(deps.http, { method: 'GET', path: `${base}/relatives-access`, validate: asRelativeAccessList }, options?.signal);
    },

    lookUpPerson(nationalIdentityNumber: string, options?: CallOptions): Promise<PersonLookupResult> {
      return send(deps.http, { method: 'POST', path: `${base}/person-lookup`, body: { nationalIdentityNumber }, validate: asPersonLookupResult }, options?.signal);
    },

    async grantRelativeAccess(input: RelativeAccessRequest, options: CallOptions & { idempotencyKey?: string } = {}): Promise<RelativeAccess> {
      const headers = { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() };
      const body: RelativeAccessRequest = { nationalIdentityNumber: input.nationalIdentityNumber, scopes: [...input.scopes], period: { start: input.period.start, end: input.period.end } };
      const access = await stepUp(send(deps.http, { method: 'POST', path: `${base}/relatives-access`, body, headers, validate: asRelativeAccess }, options.signal));
      deps.emit('relatives-access-changed', { access });
      return access;
    },

    async revokeRelativeAccess(accessId: string, options?: CallOptions): Promise<RelativeAccess> {
      const access = await stepUp(send(deps.http, { method: 'DELETE', path: `${base}/relatives-access/${enc(accessId)}`, validate: asRelativeAccess }, options?.signal));
      deps.emit('relatives-access-changed', { access });
      return access;
    },
  };
}
