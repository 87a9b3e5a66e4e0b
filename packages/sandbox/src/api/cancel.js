// @ts-check
/**
 * `POST …/appointments/{id}/cancellation`, with the contract's rules in the same order as the
 * msw mocks (packages/mocks/src/cancel.ts):
 *
 *   Idempotency-Key present, 8–100 chars (400) → If-Match present (428) → body is JSON (400)
 *   → replay of the same request (the first answer) or the key used for another request (422)
 *   → appointment exists for this subject (404) → body valid (400 with errors[])
 *   → If-Match is the current strong ETag (412) → status allows it (409 not-cancellable)
 *   → deadline not passed (409 deadline-passed) → change; remember the answer for replays.
 *
 * Concurrency: everything after the header checks runs in ONE transaction that first claims the
 * Idempotency-Key (an INSERT on the unique (person_id, key): a second request with the same key
 * waits there until the first commits or rolls back), then locks the appointment row
 * (`SELECT … FOR UPDATE`). Only a success commits; every refusal rolls back, so failed attempts
 * leave no idempotency record (as in the mocks) and a waiting duplicate then runs for itself.
 */
import { createHash } from 'node:crypto';
import { cancellableStatuses, cancellationReasons, isKnownCode } from '@omsorg/contract';
import { ProblemError } from './problems.js';
import { findAppointmentRow, toAppointment } from './store.js';

/** @typedef {import('./problems.js').FieldError} FieldError */

/** @param {{ version: string }} a */
export const etagOf = (a) => `"${a.version}"`;

/**
 * `v1` → `v2`; anything else gets a suffix (the mocks' rule).
 * @param {string} version
 */
export function nextVersion(version) {
  const m = /^v(\d+)$/.exec(version);
  return m ? `v${Number(m[1]) + 1}` : `${version.slice(0, 60)}-2`;
}

/**
 * JSON with sorted object keys: key order does not make two bodies different.
 * @param {unknown} value
 * @returns {string}
 */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** @param {string} s */
const codePoints = (s) => Array.from(s).length;

/**
 * Field errors against CancellationRequest (additionalProperties false), in the mocks' order
 * and with their codes: required, invalid, too-long, unknown-code (a reason outside the code set).
 * @param {unknown} body
 * @returns {FieldError[]}
 */
export function validateCancellationRequest(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [{ pointer: '', code: 'invalid' }];
  /** @type {FieldError[]} */
  const errors = [];
  const b = /** @type {Record<string, unknown>} */ (body);
  for (const k of Object.keys(b)) if (k !== 'reason' && k !== 'comment') errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });

  const r = b.reason;
  if (r === undefined) errors.push({ pointer: '/reason', code: 'required' });
  else if (!r || typeof r !== 'object' || Array.isArray(r)) errors.push({ pointer: '/reason', code: 'invalid' });
  else {
    const c = /** @type {Record<string, unknown>} */ (r);
    for (const k of Object.keys(c)) if (k !== 'system' && k !== 'code') errors.push({ pointer: `/reason/${escapePointer(k)}`, code: 'invalid' });
    for (const k of /** @type {const} */ (['system', 'code'])) {
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
    else if (codePoints(b.comment) > 500) errors.push({ pointer: '/comment', code: 'too-long' });
  }
  return errors;
}

/**
 * RFC 6901: `~` → `~0`, `/` → `~1`.
 * @param {string} key
 */
const escapePointer = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Strong comparison against a list of entity tags; `*` and weak tags never match.
 * @param {string} ifMatch
 * @param {string} etag
 */
export const matchesEtag = (ifMatch, etag) => ifMatch.split(',').some((t) => t.trim() === etag);

/**
 * The checks that need no database, in order; returns the parsed body.
 * @param {{ idempotencyKey: string | undefined, ifMatch: string | undefined, bodyText: string }} req
 * @returns {{ key: string, ifMatch: string, body: unknown }}
 */
export function checkCancelHeaders({ idempotencyKey, ifMatch, bodyText }) {
  const key = idempotencyKey?.trim() ?? '';
  if (!key) throw new ProblemError(400, 'idempotencyKeyMissing', 'Send an Idempotency-Key header (one UUID per user intent).');
  if (key.length < 8 || key.length > 100) throw new ProblemError(400, 'idempotencyKeyMissing', 'Idempotency-Key must be 8 to 100 characters.');
  const match = ifMatch?.trim();
  if (!match) throw new ProblemError(428, 'preconditionRequired', "Send If-Match with the appointment's ETag.");
  /** @type {unknown} */
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new ProblemError(400, 'validation', 'The body is not JSON.', { errors: [{ pointer: '', code: 'invalid' }] });
  }
  return { key, ifMatch: match, body };
}

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
 * @returns {Promise<CancelOutcome>}
 */
export async function cancelAppointment(db, { actor, subjectId, appointmentId, key, ifMatch, body, now, onCommit, extraValidation }) {
  const requestHash = createHash('sha256').update(`${subjectId}/${appointmentId}\n${canonical(body)}`).digest('hex');

  return db.transaction(async (tx) => {
    // Claim the key. A concurrent request with the same key waits here for this one to finish.
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

    const row = await findAppointmentRow(tx, subjectId, appointmentId, { forUpdate: true });
    if (!row) throw new ProblemError(404, 'notFound', 'No such appointment.');

    const errors = validateCancellationRequest(body);
    if (errors.length === 0 && extraValidation) errors.push(...extraValidation(body));
    if (errors.length) throw new ProblemError(400, 'validation', 'The cancellation is not valid.', { errors });
    const request = /** @type {{ reason: { system: string, code: string }, comment?: string }} */ (body);

    if (!matchesEtag(ifMatch, etagOf(row))) {
      throw new ProblemError(412, 'preconditionFailed', 'The appointment has changed. Fetch it again and confirm.');
    }
    if (!cancellableStatuses.includes(row.status)) {
      throw new ProblemError(409, 'notCancellable', `An appointment with status ${row.status} cannot be cancelled.`);
    }
    if (row.policy_deadline.getTime() < now.getTime()) {
      throw new ProblemError(409, 'deadlinePassed', `Call ${row.policy_phone} to cancel after the deadline.`);
    }

    const final = row.policy_mode === 'final';
    // To the second, as the contract's times are written.
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
    await tx.query(
      `UPDATE appointments
          SET status = $3, version = $4, cancel_reason_system = $5, cancel_reason_code = $6, cancel_comment = $7,
              cancel_requested_at = $8, cancel_requested_by = $9, cancel_answered_at = $10, cancel_rejection_note = NULL,
              updated_at = now()
        WHERE subject_id = $1 AND id = $2`,
      [
        subjectId,
        appointmentId,
        final ? 'cancelled' : 'cancellation-requested',
        nextVersion(row.version),
        request.reason.system,
        request.reason.code,
        request.comment ?? null,
        at,
        actor.id,
        // A final cancellation is answered at once; a request waits for the service.
        final ? at : null,
      ],
    );
    const changed = await findAppointmentRow(tx, subjectId, appointmentId);
    const appointment = toAppointment(changed, now);
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
  });
}
