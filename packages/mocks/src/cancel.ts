/**
 * `POST …/appointments/{id}/cancellation` in memory: the rules core decides (order, validation,
 * If-Match, status, deadline, the change); this file keeps replays and the appointment in the
 * mock db, and the `conflict` scenario's move.
 */
import {
  addMinutes,
  cancelFingerprint,
  checkCancelRequest,
  decideCancel,
  etagOf,
  isCancellable,
  isProblemSpec,
  nextVersion,
  osloIso,
  validateCancellationRequest,
  type Appointment,
  type CancellationRequest,
  type Person,
  type ProblemSpec,
} from '@omsorg/contract';
import type { MockDb, SubjectRecord } from './db.js';
import { queueNotices } from './notices.js';

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
  contentType: string | null;
  now: Date;
  conflictOnCancel: boolean;
}

export interface CancelResult {
  status: number;
  body: Appointment;
  etag: string;
}

/** The `conflict` scenario: someone at the service moves the appointment 30 minutes. */
function moveOnServer(a: Appointment, now: Date): void {
  a.start = osloIso(addMinutes(new Date(a.start), 30));
  a.end = osloIso(addMinutes(new Date(a.end), 30));
  a.version = nextVersion(a.version);
  a.cancellationPolicy.cancellable = isCancellable(a.status, a.cancellationPolicy.deadline, now);
}

export function cancel(ctx: CancelContext): CancelResult | ProblemSpec {
  const { db, subject, now } = ctx;
  const req = checkCancelRequest(ctx);
  if (isProblemSpec(req)) return req;

  const fingerprint = cancelFingerprint(subject.id, ctx.appointmentId, req.body);
  const recordKey = `${ctx.personKey}:${req.key}`;
  const earlier = db.idempotency.get(recordKey);
  if (earlier) {
    if (earlier.fingerprint === fingerprint) {
      return { status: earlier.status, body: structuredClone(earlier.body) as Appointment, etag: earlier.etag ?? etagOf(earlier.body as Appointment) };
    }
    return { status: 422, key: 'idempotencyKeyReused', detail: 'This Idempotency-Key was used for a different request.' };
  }

  const a = subject.appointments.get(ctx.appointmentId);
  if (!a) return { status: 404, key: 'notFound', detail: 'No such appointment.' };

  const errors = validateCancellationRequest(req.body);
  if (errors.length) return { status: 400, key: 'validation', detail: 'The cancellation is not valid.', errors };

  const conflictKey = `${subject.id}/${a.id}`;
  if (ctx.conflictOnCancel && !db.conflicted.has(conflictKey)) {
    db.conflicted.add(conflictKey);
    moveOnServer(a, now);
    queueNotices(db, subject.id, 'appointment-changed', now);
  }

  const policy = a.cancellationPolicy;
  const target = { version: a.version, status: a.status, deadline: new Date(policy.deadline), phone: policy.phone, mode: policy.mode };
  const decision = decideCancel(target, req.ifMatch, req.body as CancellationRequest, ctx.actor, now);
  if (isProblemSpec(decision)) return decision;
  a.status = decision.status;
  a.cancellation = decision.cancellation;
  a.version = nextVersion(a.version);
  policy.cancellable = false;
  // A final cancellation is confirmed at once: the person hears that it was answered.
  if (decision.cancellation.answeredAt) queueNotices(db, subject.id, 'cancellation-answered', now);

  const result: CancelResult = { status: 200, body: structuredClone(a), etag: etagOf(a) };
  db.idempotency.set(recordKey, { fingerprint, status: result.status, body: structuredClone(a), etag: result.etag });
  return result;
}
