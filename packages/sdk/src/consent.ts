/**
 * Consent to digital dialogue, in the messaging part (it decides whether messages can be sent,
 * and a page without messages never loads it). Reading validates against the contract; giving or
 * withdrawing is one intent: one Idempotency-Key made here (unless given), reused on every
 * automatic retry, with If-Match on the version the person saw. After a success the client emits
 * `dialogue-consent-changed`, so an inbox or thread on the page can say what now holds.
 *
 * One read per subject and page: every element that asks (an inbox and its thread, two copies of
 * the bundle) shares it, a change made here replaces it, `fresh` reads again, and a sign-out or
 * another person forgets it. A change made elsewhere shows when a send is refused.
 */
import type { DialogueConsent } from '@omsorg/contract';
import type { CallOptions, ClientEventName, ClientEvents } from './types.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { asDialogueConsent as asConsent } from './validate-messages.js';

const enc = encodeURIComponent;

export interface ConsentDeps {
  http: HttpContext;
  subject(): string;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
}

export function createConsent(deps: ConsentDeps) {
  const path = (subjectId: string) => `/v1/subjects/${enc(subjectId)}/dialogue-consent`;
  /** The read (or the answer to the last change) per subject as the caller named it. */
  const known = new Map<string, Promise<DialogueConsent>>();

  return {
    getDialogueConsent(subjectId: string | undefined, options?: CallOptions): Promise<DialogueConsent> {
      const s = subjectId ?? deps.subject();
      const had = known.get(s);
      if (had && !options?.fresh) return had;
      const read = send(deps.http, { method: 'GET', path: path(s), validate: asConsent }, options?.signal);
      known.set(s, read);
      // A failed read is not kept: the next call asks again.
      read.catch(() => {
        if (known.get(s) === read) known.delete(s);
      });
      return read;
    },

    async setDialogueConsent(
      input: { subjectId?: string; status: 'active' | 'inactive'; textVersion: string; version: string },
      options: CallOptions & { idempotencyKey?: string } = {},
    ): Promise<DialogueConsent> {
      const subjectId = input.subjectId ?? deps.subject();
      const headers = { 'If-Match': `"${input.version}"`, 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() };
      const body = { status: input.status, textVersion: input.textVersion };
      const consent = await send(deps.http, { method: 'PUT', path: path(subjectId), body, headers, validate: asConsent }, options.signal);
      known.set(subjectId, Promise.resolve(consent));
      deps.emit('dialogue-consent-changed', { subjectId, consent });
      return consent;
    },

    /** Sign-out or another person: forget what was read. */
    forget: () => known.clear(),
  };
}
