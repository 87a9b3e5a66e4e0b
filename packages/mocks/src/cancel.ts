/**
 * `POST …/appointments/{id}/cancellation` with the contract's rules, checked in this order:
 * Idempotency-Key (400) → If-Match present (428) → JSON body (400) → replay or key reuse (422)
 * → appointment exists (404) → body valid (400) → If-Match current (412) → status (409
 * not-cancellable) → deadline (409 deadline-passed) → change, remember the answer for replays.
 */
import { cancellableStatuses, cancellationReasons, isKnownCode, type Appointment, type Person } from '@omsorg/contract';
import type { MockDb, SubjectRecord } from './db.js';
import type { FieldError, ProblemSpec } from './problems.js';
import { addMinutes, osloIso } from '@omsorg/contract';
import { isCancellable } from '@omsorg/contract';

export interface CancelContext {
  db: MockDb;
  /** Scopes Idempotency-Keys: two people never share replays. */
  personKey: string;
  actor: Person;
  subject: SubjectRecord;
  appointmentId: string;
  idempotencyKey: string | null;
  ifMatch: string | null;
  bodyText: string;
  now: Date;
  conflictOnCancel: boolean;
}

export interface CancelResult {
  status: number;
  body: Appointment;
  etag: string;
}

export const etagOf = (a: { version: string }): string => `"${a.version}"`;

export function nextVersion(version: string): string {
  const m = /^v(\d+)$/.exec(version);
  return m ? `v${Number(m[1]) + 1}` : `${version.slice(0, 60)}-2`;
}

/** Key order does not matter for "the same body". */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const codePoints = (s: string): number => Array.from(s).length;

/** Field errors against the CancellationRequest schema (additionalProperties false). */
export function validateCancellationRequest(body: unknown): FieldError[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ pointer: '', code: 'invalid' }];
  const errors: FieldError[] = [];
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k !== 'reason' && k !== 'comment') errors.push({ pointer: `/${k}`, code: 'invalid' });

  const r = b.reason;
  if (r === undefined) errors.push({ pointer: '/reason', code: 'required' });
  else if (!r || typeof r !== 'object' || Array.isArray(r)) errors.push({ pointer: '/reason', code: 'invalid' });
  else {
    const c = r as Record<string, unknown>;
    for (const k of Object.keys(c)) if (k !== 'system' && k !== 'code') errors.push({ pointer: `/reason/${k}`, code: 'invalid' });
    for (const k of ['system', 'code'] as const) {
      if (c[k] === undefined) errors.push({ pointer: `/reason/${k}`, code: 'required' });
      else if (typeof c[k] !== 'string') errors.push({ pointer: `/reason/${k}`, code: 'invalid' });
    }
    if (typeof c.system === 'string' && typeof c.code === 'string') {
      if (c.system !== cancellationReasons.system) errors.push({ pointer: '/reason/system', code: 'unknown-code' });
      else if (!isKnownCode(cancellationReasons, { system: c.system, code: c.code })) {
        errors.push({ pointer: '/reason/code', code: 'unknown-code' });
      }
    }
  }

  if (b.comment !== undefined) {
    if (typeof b.comment !== 'string') errors.push({ pointer: '/comment', code: 'invalid' });
    else if (codePoints(b.comment) > 500) errors.push({ pointer: '/comment', code: 'too-long' });
  }
  return errors;
}

/** Strong comparison against a list of entity tags; `*` and weak tags never match. */
function matches(ifMatch: string, etag: string): boolean {
  return ifMatch.split(',').some((t) => t.trim() === etag);
}

/** The `conflict` scenario: someone at the service moves the appointment 30 minutes. */
function moveOnServer(a: Appointment, now: Date): void {
  a.start = osloIso(addMinutes(new Date(a.start), 30));
  a.end = osloIso(addMinutes(new Date(a.end), 30));
  a.version = nextVersion(a.version);
  a.cancellationPolicy.cancellable = isCancellable(a.status, a.cancellationPolicy.deadline, now);
}

/** The Idempotency-Key header trimmed, or the 400 problem for a missing or badly sized one. */
export function idempotencyKey(header: string | null): string | ProblemSpec {
  const key = header?.trim() ?? '';
  if (!key) return { status: 400, key: 'idempotencyKeyMissing', detail: 'Send an Idempotency-Key header (one UUID per user intent).' };
  if (key.length < 8 || key.length > 100) {
    return { status: 400, key: 'idempotencyKeyMissing', detail: 'Idempotency-Key must be 8 to 100 characters.' };
  }
  return key;
}

export function cancel(ctx: CancelContext): CancelResult | ProblemSpec {
  const { db, subject, now } = ctx;
  const key = idempotencyKey(ctx.idempotencyKey);
  if (typeof key !== 'string') return key;
  const ifMatch = ctx.ifMatch?.trim();
  if (!ifMatch) return { status: 428, key: 'preconditionRequired', detail: 'Send If-Match with the appointment\'s ETag.' };

  let body: unknown;
  try {
    body = JSON.parse(ctx.bodyText);
  } catch {
    return { status: 400, key: 'validation', detail: 'The body is not JSON.', errors: [{ pointer: '', code: 'invalid' }] };
  }

  const fingerprint = `${subject.id}/${ctx.appointmentId}\n${canonical(body)}`;
  const recordKey = `${ctx.personKey}:${key}`;
  const earlier = db.idempotency.get(recordKey);
  if (earlier) {
    if (earlier.fingerprint === fingerprint) {
      return { status: earlier.status, body: structuredClone(earlier.body) as Appointment, etag: earlier.etag ?? etagOf(earlier.body as Appointment) };
    }
    return { status: 422, key: 'idempotencyKeyReused', detail: 'This Idempotency-Key was used for a different request.' };
  }

  const a = subject.appointments.get(ctx.appointmentId);
  if (!a) return { status: 404, key: 'notFound', detail: 'No such appointment.' };

  const errors = validateCancellationRequest(body);
  if (errors.length) return { status: 400, key: 'validation', detail: 'The cancellation is not valid.', errors };
  const request = body as { reason: { system: string; code: string }; comment?: string };

  const conflictKey = `${subject.id}/${a.id}`;
  if (ctx.conflictOnCancel && !db.conflicted.has(conflictKey)) {
    db.conflicted.add(conflictKey);
    moveOnServer(a, now);
  }

  if (!matches(ifMatch, etagOf(a))) {
    return { status: 412, key: 'preconditionFailed', detail: 'The appointment has changed. Fetch it again and confirm.' };
  }
  if (!cancellableStatuses.includes(a.status)) {
    return { status: 409, key: 'notCancellable', detail: `An appointment with status ${a.status} cannot be cancelled.` };
  }
  if (Date.parse(a.cancellationPolicy.deadline) < now.getTime()) {
    return { status: 409, key: 'deadlinePassed', detail: `Call ${a.cancellationPolicy.phone} to cancel after the deadline.` };
  }

  const final = a.cancellationPolicy.mode === 'final';
  const at = osloIso(now);
  a.status = final ? 'cancelled' : 'cancellation-requested';
  a.cancellation = {
    reason: { system: request.reason.system, code: request.reason.code },
    comment: request.comment ?? null,
    requestedAt: at,
    requestedBy: { id: ctx.actor.id, name: ctx.actor.name },
    // A final cancellation is answered at once; a request waits for the service.
    answeredAt: final ? at : null,
    rejectionNote: null,
  };
  a.version = nextVersion(a.version);
  a.cancellationPolicy.cancellable = false;

  const result: CancelResult = { status: 200, body: structuredClone(a), etag: etagOf(a) };
  db.idempotency.set(recordKey, { fingerprint, status: result.status, body: structuredClone(a), etag: result.etag });
  return result;
}
