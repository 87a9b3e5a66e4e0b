/**
 * The cancel intent: one Idempotency-Key per thing the person means to do, reused on every
 * retry; the one retry policy (`send`: network errors, 408, 429, 502, 503, 504); the local update
 * (the returned appointment goes to the store, which emits `appointment-changed`); and after a
 * refusal that says the appointment is not what the person saw (412) or can no longer be
 * cancelled (409), exactly one fresh read of it into the store. Elements call this and render
 * what the store says; they own no key and fetch nothing after a cancel.
 */
import { problemTypes, type Appointment, type CancellationRequest } from '@omsorg/contract';
import type { CallOptions, CancelDraft, CancelInput, CancelIntent, CancelTarget } from './types.js';
import { isOmsorgError, type OmsorgError } from './errors.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import type { Store } from './store.js';
import { asAppointment, withEtag } from './validate.js';

const enc = encodeURIComponent;
const withAppointmentEtag = withEtag(asAppointment);

export interface CancelContext {
  http: HttpContext;
  store: Store;
  /**
   * Reads the appointment fresh and stores it; `force` emits `appointment-changed` even when
   * the version is the one already stored.
   */
  refetch(subjectId: string, appointmentId: string, options: CallOptions, force: boolean): Promise<unknown>;
}

/** The request body: only the reason's system and code, and a comment when there is one. */
export function cancellationBody(draft: Pick<CancelDraft, 'reason' | 'comment'>): CancellationRequest {
  const body: CancellationRequest = { reason: { system: draft.reason.system, code: draft.reason.code } };
  const comment = draft.comment?.trim();
  if (comment) body.comment = comment;
  return body;
}

const isStale = (e: OmsorgError) => e.status === 412 || e.type === problemTypes.preconditionFailed;
/** A 409 that refuses the change (not `request-in-progress`: that one is retried, and is retryable). */
const isRefused = (e: OmsorgError) => e.status === 409 && e.type !== problemTypes.requestInProgress;

export function createCancelling(ctx: CancelContext) {
  const { http, store } = ctx;

  async function cancelAppointment(input: CancelInput, options: CallOptions = {}): Promise<Appointment> {
    const path = `/v1/subjects/${enc(input.subjectId)}/appointments/${enc(input.appointmentId)}/cancellation`;
    const headers = { 'If-Match': `"${input.version}"`, 'Idempotency-Key': input.idempotencyKey ?? newIdempotencyKey() };
    const generation = store.generation;
    try {
      const a = await send(http, { method: 'POST', path, body: cancellationBody(input), validate: withAppointmentEtag, headers }, options.signal);
      if (generation === store.generation) store.put(a, store.ticket(), true);
      return a;
    } catch (e) {
      if (isOmsorgError(e) && (isStale(e) || isRefused(e)) && generation === store.generation) {
        // One read, here and nowhere else: the error goes up, the fresh copy goes to the store
        // (a 412 always tells the listeners, so the dialog can say what changed).
        await ctx.refetch(input.subjectId, input.appointmentId, { fresh: true, signal: options.signal }, isStale(e)).catch(() => {});
      }
      throw e;
    }
  }

  function cancelIntent(target: CancelTarget): CancelIntent {
    let key: string | undefined;
    /** What the key was last sent with, and whether the server answered that with a failure. */
    let sentBody: string | undefined;
    let answered = false;
    let flight: Promise<Appointment> | undefined;

    const reset = () => {
      key = sentBody = undefined;
      answered = false;
    };

    const settle = (e: unknown) => {
      if (!isOmsorgError(e)) return;
      // Sign in again and send the same: the same key.
      if (e.kind === 'auth' || e.status === 401) return;
      // The appointment changed, or the server saw this key with other content: a new intent.
      if (isStale(e) || (e.status === 422 && e.type === problemTypes.idempotencyKeyReused)) {
        reset();
        return;
      }
      answered = e.kind !== 'network';
    };

    return {
      target,
      get key() {
        return key;
      },
      get pending() {
        return !!flight;
      },
      send(draft: CancelDraft, options?: CallOptions): Promise<Appointment> {
        if (flight) return flight;
        const body = JSON.stringify(cancellationBody(draft));
        // Made on the first send, reused on retries; a new one only when the person changed
        // what they send after the server answered a failure.
        if (!key || (answered && body !== sentBody)) {
          key = newIdempotencyKey();
          answered = false;
        }
        sentBody = body;
        const p = cancelAppointment({ ...target, ...draft, idempotencyKey: key }, options).then(
          (a) => {
            reset();
            return a;
          },
          (e: unknown) => {
            settle(e);
            throw e;
          },
        );
        const done = () => {
          if (flight === tracked) flight = undefined;
        };
        const tracked: Promise<Appointment> = p.finally(done);
        flight = tracked;
        return tracked;
      },
      reset,
    };
  }

  return { cancelAppointment, cancelIntent };
}
