// @ts-check
/**
 * `POST …/appointments/{id}/cancellation` over SQL. The rules core (@omsorg/contract,
 * rules/cancel.ts) decides the order, the validation and the outcome; this file keeps replays and
 * the change in the database.
 *
 * Concurrency: everything after the header checks runs in ONE transaction that first claims the
 * Idempotency-Key (an INSERT on the unique (person_id, key); a second request with the same key
 * while the first runs is answered 409 request-in-progress: in-flight.js), then locks the appointment row
 * (`SELECT … FOR UPDATE`). Only a success commits; every refusal rolls back, so failed attempts
 * leave no idempotency record (as in the mocks), and a duplicate sent again then runs for itself.
 */
import { createHash } from 'node:crypto';
import { cancelFingerprint, checkCancelRequest, decideCancel, etagOf, validateCancellationRequest } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { lockKey, whileInFlight } from './in-flight.js';
import { sqlRecords } from '../records/sql.js';

/** @typedef {import('./problems.js').FieldError} FieldError */

/**
 * The checks that need no database, in order; returns the parsed body.
 * @param {{ idempotencyKey: string | undefined, ifMatch: string | undefined, bodyText: string, contentType: string | undefined }} req
 */
export const checkCancelHeaders = (req) => orThrow(checkCancelRequest(req));

/**
 * @typedef {object} CancelOutcome
 * @property {number} status
 * @property {import('@omsorg/contract').Appointment} body
 * @property {string} etag
 * @property {boolean} replayed
 */

/**
 * The transactional part of a cancellation (after access and header checks). Throws a
 * ProblemError (after the rollback) for every refusal.
 * @param {import('../db/index.js').Database} db
 * @param {object} o
 * @param {{ id: string, name: string }} o.actor the signed-in person
 * @param {string} o.subjectId the resolved subject id
 * @param {string} o.appointmentId
 * @param {string} o.key Idempotency-Key
 * @param {string} o.ifMatch
 * @param {unknown} o.body the parsed JSON body
 * @param {Date} o.now
 * @param {(tx: import('../db/index.js').Queryable, outcome: CancelOutcome) => Promise<void>} [o.onCommit]
 *   runs inside the transaction just before COMMIT (the access log row)
 * @param {(body: unknown) => FieldError[]} [o.extraValidation] a schema check after ours
 * @param {import('../notices/notifier.js').Notifier} [o.notices] a final cancellation is answered at
 *   once: `cancellation-answered` is queued in the transaction and handed on after it
 * @param {import('../records/index.js').RecordSystem} [o.records] where the appointment is (default: the sandbox's tables)
 * @returns {Promise<CancelOutcome>}
 */
export async function cancelAppointment(db, { actor, subjectId, appointmentId, key, ifMatch, body, now, onCommit, extraValidation, notices, records = sqlRecords }) {
  const requestHash = createHash('sha256').update(cancelFingerprint(subjectId, appointmentId, body)).digest('hex');

  // A second request with this key while this one runs is a 409 (in-flight.js), not a wait.
  const outcome = await whileInFlight(db, actor.id, key, () => db.transaction(async (tx) => {
    await lockKey(tx, actor.id, key);
    const claim = await tx.query(
      `INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (person_id, key) DO NOTHING RETURNING key`,
      [actor.id, key, requestHash],
    );
    if (claim.rows.length === 0) {
      const { rows } = await tx.query('SELECT request_hash, status, response FROM idempotency_records WHERE person_id = $1 AND key = $2', [actor.id, key]);
      const earlier = rows[0];
      if (earlier && earlier.request_hash === requestHash) {
        // Committed records always carry the answer (it is written in the claiming transaction).
        if (!earlier.response) throw new Error('idempotency record without a response');
        /** @type {CancelOutcome} */
        const replay = { status: earlier.status, body: earlier.response.body, etag: earlier.response.etag, replayed: true };
        if (onCommit) await onCommit(tx, replay);
        return replay;
      }
      throw new ProblemError(422, 'idempotencyKeyReused', 'This Idempotency-Key was used for a different request.');
    }

    // The record system reads the appointment (locked, or conditionally written back), and the
    // rules decide on what it holds now: 404, then the body, then 412/409 or the change.
    let decided = false;
    const appointment = await records.cancelAppointment(tx, {
      subjectId,
      appointmentId,
      now,
      decide(target) {
        const errors = validateCancellationRequest(body);
        if (errors.length === 0 && extraValidation) errors.push(...extraValidation(body));
        if (errors.length) throw new ProblemError(400, 'validation', 'The cancellation is not valid.', { errors });
        const request = /** @type {import('@omsorg/contract').CancellationRequest} */ (body);
        const decision = orThrow(decideCancel(target, ifMatch, request, actor, now));
        decided = !!decision.cancellation.answeredAt;
        return decision;
      },
    });
    if (!appointment) throw new ProblemError(404, 'notFound', 'No such appointment.');
    if (decided && notices) await notices.queue(tx, subjectId, 'cancellation-answered', now);
    /** @type {CancelOutcome} */
    const outcome = { status: 200, body: appointment, etag: etagOf(appointment), replayed: false };
    await tx.query('UPDATE idempotency_records SET status = $3, response = $4::json WHERE person_id = $1 AND key = $2', [
      actor.id,
      key,
      outcome.status,
      JSON.stringify({ etag: outcome.etag, body: outcome.body }),
    ]);
    if (onCommit) await onCommit(tx, outcome);
    return outcome;
  }));
  if (notices && !outcome.replayed) await notices.dispatch(db, now);
  return outcome;
}
