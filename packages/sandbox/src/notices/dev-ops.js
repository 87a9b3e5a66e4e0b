// @ts-check
/**
 * What the care service does to an appointment, as sandbox development operations (the
 * /dev/notices page and tests): change a visit's time. It changes the appointment's version (so a
 * client's If-Match sees it) and queues the person's `appointment-changed` notice in the same
 * transaction, handed to the gateway once it has committed. A record system would do this; the
 * API has no such operation for citizens. Answering a cancellation request is shared with the
 * staff page: ../care/answer.js.
 */
import { addMinutes, nextVersion } from '@omsorg/contract';
import { findAppointmentRow } from '../data/store.js';
import { defaultNotifier } from './notifier.js';

/** A refusal the development page shows; `code` is stable. */
export class DevOpError extends Error {
  /** @param {'not-found' | 'invalid'} code @param {string} message @param {number} status */
  constructor(code, message, status) {
    super(message);
    this.name = 'DevOpError';
    this.code = code;
    this.status = status;
  }
}

/**
 * Moves a visit by `minutes` (start and end; the deadline to cancel moves with it).
 * @param {import('../db/index.js').Database} db
 * @param {{ subjectId: string, appointmentId: string, minutes: number, now?: Date, notices?: import('./notifier.js').Notifier }} o
 */
export async function moveAppointment(db, { subjectId, appointmentId, minutes, now = new Date(), notices = defaultNotifier }) {
  if (!Number.isInteger(minutes) || minutes === 0 || Math.abs(minutes) > 7 * 24 * 60) throw new DevOpError('invalid', 'Flytt avtalen med et helt antall minutter (høyst en uke).', 400);
  await db.transaction(async (tx) => {
    const row = await findAppointmentRow(tx, subjectId, appointmentId, { forUpdate: true });
    if (!row) throw new DevOpError('not-found', 'Fant ikke avtalen.', 404);
    const move = (/** @type {Date | string} */ d) => addMinutes(new Date(d), minutes);
    await tx.query(
      `UPDATE appointments SET start_at = $3, end_at = $4, policy_deadline = $5, version = $6, updated_at = now()
        WHERE subject_id = $1 AND id = $2`,
      [subjectId, appointmentId, move(row.start_at), move(row.end_at), move(row.policy_deadline), nextVersion(row.version)],
    );
    await notices.queue(tx, subjectId, 'appointment-changed', now);
  });
  await notices.dispatch(db, now);
}

/**
 * Upcoming appointments the development page offers to change, soonest first.
 * @param {import('../db/index.js').Queryable} q
 * @param {Date} now
 */
export async function upcomingAppointments(q, now) {
  const { rows } = await q.query(
    `SELECT a.subject_id, a.id, a.start_at, a.status, p.name FROM appointments a JOIN subjects s ON s.id = a.subject_id JOIN persons p ON p.id = s.person_id
      WHERE a.start_at >= $1 ORDER BY a.start_at, a.subject_id, a.id LIMIT 50`,
    [now],
  );
  return rows.map((r) => ({ subjectId: String(r.subject_id), id: String(r.id), start: new Date(r.start_at), status: String(r.status), name: String(r.name) }));
}
