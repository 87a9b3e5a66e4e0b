/**
 * Cancelling an appointment: the request's shape, the header rules, and the decision, in the one
 * order every server follows:
 *
 *   Idempotency-Key present, 8–100 chars (400) → If-Match present (428) → body is JSON (400)
 *   → replay of the same request (the first answer) or the key used for another request (422)
 *   → appointment exists for this subject (404) → body valid (400 with errors[])
 *   → If-Match is the current strong ETag (412) → status allows it (409 not-cancellable)
 *   → deadline not passed (409 deadline-passed) → change; remember the answer for replays.
 *
 * The steps that need storage (replays, existence, the change itself) belong to each server: the
 * mocks keep them in memory, the sandbox in one SQL transaction.
 */
import { cancellationReasons, isKnownCode } from '../codes.js';
import { cancellableStatuses } from '../types.js';
import type { AppointmentStatus, Cancellation, CancellationRequest } from '../types.js';
import { canonical, etagOf, matchesEtag } from './etag.js';
import { readJson } from './json.js';
import { idempotencyKeyLength } from './patterns.js';
import { escapePointer, type FieldError, type ProblemSpec } from './problems.js';
import { normaliseText, textLength, textProblem } from './text.js';
import { osloIso, toSecond } from './time.js';

export const cancelLimits = {
  /** Unicode code points in the optional comment. */
  commentMaxChars: 500,
} as const;

/** True when an appointment in `status` with this deadline may still be cancelled at `now`. */
export function isCancellable(status: string, deadline: string | Date, now: Date): boolean {
  // Refused only once the deadline is before now.
  const t = typeof deadline === 'string' ? Date.parse(deadline) : deadline.getTime();
  return (cancellableStatuses as readonly string[]).includes(status) && t >= now.getTime();
}

/** Field errors against CancellationRequest (additionalProperties false), in a fixed order. */
export function validateCancellationRequest(body: unknown): FieldError[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ pointer: '', code: 'invalid' }];
  const errors: FieldError[] = [];
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k !== 'reason' && k !== 'comment') errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });

  const r = b.reason;
  if (r === undefined) errors.push({ pointer: '/reason', code: 'required' });
  else if (!r || typeof r !== 'object' || Array.isArray(r)) errors.push({ pointer: '/reason', code: 'invalid' });
  else {
    const c = r as Record<string, unknown>;
    for (const k of Object.keys(c)) if (k !== 'system' && k !== 'code') errors.push({ pointer: `/reason/${escapePointer(k)}`, code: 'invalid' });
    for (const k of ['system', 'code'] as const) {
      if (c[k] === undefined) errors.push({ pointer: `/reason/${k}`, code: 'required' });
      else if (typeof c[k] !== 'string') errors.push({ pointer: `/reason/${k}`, code: 'invalid' });
    }
    if (typeof c.system === 'string' && typeof c.code === 'string') {
      if (c.system !== cancellationReasons.system) errors.push({ pointer: '/reason/system', code: 'unknown-code' });
      else if (!isKnownCode(cancellationReasons, { system: c.system, code: c.code })) errors.push({ pointer: '/reason/code', code: 'unknown-code' });
    }
  }

  if (b.comment !== undefined) {
    if (typeof b.comment !== 'string') errors.push({ pointer: '/comment', code: 'invalid' });
    else if (textLength(b.comment) > cancelLimits.commentMaxChars) errors.push({ pointer: '/comment', code: 'too-long' });
  }
  return errors;
}

/** The Idempotency-Key header trimmed, or the 400 problem for a missing or badly sized one. */
export function checkIdempotencyKey(header: string | null | undefined): string | ProblemSpec {
  const key = header?.trim() ?? '';
  if (!key) return { status: 400, key: 'idempotencyKeyMissing', detail: 'Send an Idempotency-Key header (one UUID per user intent).' };
  if (key.length < idempotencyKeyLength.min || key.length > idempotencyKeyLength.max) {
    return { status: 400, key: 'idempotencyKeyMissing', detail: 'Idempotency-Key must be 8 to 100 characters.' };
  }
  return key;
}

export interface CancelHeaders {
  key: string;
  ifMatch: string;
  body: unknown;
}

/**
 * The checks of a change that need no storage, in order (Idempotency-Key 400, If-Match 428, JSON
 * 400): the parsed body, or the first problem. `resource` names what If-Match is the ETag of.
 * `ifMatchFirst`: If-Match (428) before the Idempotency-Key (400), as the notice preferences'
 * contract orders them.
 */
export function checkWriteRequest(
  req: { idempotencyKey: string | null | undefined; ifMatch: string | null | undefined; bodyText: string; contentType: string | null | undefined },
  resource: string,
  { ifMatchFirst = false }: { ifMatchFirst?: boolean } = {},
): CancelHeaders | ProblemSpec {
  const ifMatch = req.ifMatch?.trim();
  const noIfMatch: ProblemSpec = { status: 428, key: 'preconditionRequired', detail: `Send If-Match with the ${resource}'s ETag.` };
  if (ifMatchFirst && !ifMatch) return noIfMatch;
  const key = checkIdempotencyKey(req.idempotencyKey);
  if (typeof key !== 'string') return key;
  if (!ifMatch) return noIfMatch;
  const body = readJson(req.bodyText, req.contentType);
  return 'problem' in body ? body.problem : { key, ifMatch, body: body.value };
}

/** A cancellation's checks that need no storage (checkWriteRequest for the appointment). */
export const checkCancelRequest = (req: Parameters<typeof checkWriteRequest>[0]): CancelHeaders | ProblemSpec => checkWriteRequest(req, 'appointment');

/** What makes a replay "the same request": the route, the subject and the canonical body. */
export const cancelFingerprint = (subjectId: string, appointmentId: string, body: unknown): string =>
  `${subjectId}/${appointmentId}\n${canonical(body)}`;

/** The appointment as far as the decision needs it. */
export interface CancelTarget {
  version: string;
  status: AppointmentStatus | string;
  deadline: Date;
  phone: string;
  mode: 'final' | 'request';
}

/**
 * After the appointment was found and the body validated: refuse (412, 409, 409) or say what
 * changes. `actor` is the signed-in person; the change is to the second.
 */
export function decideCancel(
  target: CancelTarget,
  ifMatch: string,
  request: CancellationRequest,
  actor: { id: string; name: string },
  now: Date,
): ProblemSpec | { status: 'cancelled' | 'cancellation-requested'; cancellation: Cancellation; at: Date } {
  if (!matchesEtag(ifMatch, etagOf(target))) {
    return { status: 412, key: 'preconditionFailed', detail: 'The appointment has changed. Fetch it again and confirm.' };
  }
  if (!(cancellableStatuses as readonly string[]).includes(target.status)) {
    return { status: 409, key: 'notCancellable', detail: `An appointment with status ${target.status} cannot be cancelled.` };
  }
  if (target.deadline.getTime() < now.getTime()) {
    return { status: 409, key: 'deadlinePassed', detail: `Call ${target.phone} to cancel after the deadline.` };
  }
  const final = target.mode === 'final';
  const at = toSecond(now);
  const when = osloIso(at);
  return {
    status: final ? 'cancelled' : 'cancellation-requested',
    at,
    cancellation: {
      reason: { system: request.reason.system, code: request.reason.code },
      comment: request.comment ?? null,
      requestedAt: when,
      requestedBy: { id: actor.id, name: actor.name },
      // A final cancellation is answered at once; a request waits for the service.
      answeredAt: final ? when : null,
      rejectionNote: null,
    },
  };
}

/**
 * The care service's answer to a cancellation the person asked for (status
 * `cancellation-requested`): accepted, the appointment is `cancelled`; turned down, it is
 * `cancellation-rejected` with a note the person reads (`cancellation.rejectionNote`, the only
 * place the contract has for the service's words). An accepted request carries no note: the
 * contract has nowhere to show one.
 */
export const cancellationAnswerLimits = {
  /** Unicode code points in the note of a turned-down request (the contract's maxLength). */
  noteMaxChars: 500,
} as const;

/** Why an answer cannot be given; `note-*` are about the note the answer carries. */
export type CancellationAnswerProblem = 'not-requested' | 'note-required' | 'note-too-long' | 'note-invalid-character' | 'note-not-allowed';

/**
 * The note of an answer, checked: text rules of `text.ts` (limit in code points, forbidden
 * characters, line endings as stored). Required when turning down; refused when accepting.
 */
export function cancellationAnswerNoteProblem(accept: boolean, note: string): CancellationAnswerProblem | null {
  if (accept) return note.trim() === '' ? null : 'note-not-allowed';
  const p = textProblem(normaliseText(note), cancellationAnswerLimits.noteMaxChars);
  return p === null ? null : p === 'required' ? 'note-required' : p === 'too-long' ? 'note-too-long' : 'note-invalid-character';
}

/**
 * Decides an answer: a refusal, or the appointment's next status and cancellation (answered at
 * the second, the note stored as it will be shown); `target.cancellation` is the stored request.
 */
export function decideCancellationAnswer(
  target: { status: AppointmentStatus | string; cancellation?: Cancellation | null },
  answer: { accept: boolean; note: string },
  now: Date,
): CancellationAnswerProblem | { status: 'cancelled' | 'cancellation-rejected'; cancellation: Cancellation } {
  if (target.status !== 'cancellation-requested' || !target.cancellation) return 'not-requested';
  const noteProblem = cancellationAnswerNoteProblem(answer.accept, answer.note);
  if (noteProblem) return noteProblem;
  return {
    status: answer.accept ? 'cancelled' : 'cancellation-rejected',
    cancellation: {
      ...target.cancellation,
      answeredAt: osloIso(toSecond(now)),
      rejectionNote: answer.accept ? null : normaliseText(answer.note).trim(),
    },
  };
}
