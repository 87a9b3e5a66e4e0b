// @ts-check
/**
 * The care service's answer to a cancellation the person asked for (status
 * `cancellation-requested`), one implementation for the staff page (/staff) and the notices'
 * development page (/dev/notices). The rules core decides (`decideCancellationAnswer`: a request
 * waiting, the note required when turning down and held to the text rules); this is the SQL
 * adapter: one transaction that locks the appointment, checks it belongs to the answering care
 * service when one is named, stores the answer with a new version (so a client's If-Match and
 * If-None-Match see it), queues the person's `cancellation-answered` notice and writes the
 * access log; the notice goes to the gateway once it has committed.
 */
import { decideCancellationAnswer, nextVersion } from '@omsorg/contract';
import { findAppointmentRow, toAppointment } from '../data/store.js';
import { defaultNotifier } from '../notices/notifier.js';

/** Why an answer was refused; `code` is stable (the pages map it to their own words). */
export class AnswerError extends Error {
  /**
   * @param {'not-found' | import('@omsorg/contract').CancellationAnswerProblem} code
   * @param {number} status
   */
  constructor(code, status) {
    super(code);
    this.name = 'AnswerError';
    this.code = code;
    this.status = status;
  }
}

/**
 * @typedef {object} AnswerAudit how the answer is written to the access log
 * @property {(q: import('../db/index.js').Queryable, outcome: 'ok' | 'not-found' | 'refused', status: number) => Promise<void>} log
 *   called in the answer's transaction on success, after it rolled back on a refusal
 */

/**
 * Accepts (`cancelled`) or turns down (`cancellation-rejected`, with the note the person reads)
 * a cancellation request. With `careServiceId`, an appointment of another care service is
 * refused as not found and nothing changes.
 * @param {import('../db/index.js').Database} db
 * @param {{ subjectId: string, appointmentId: string, accept: boolean, note?: string, careServiceId?: string, now?: Date,
 *   notices?: import('../notices/notifier.js').Notifier, audit?: AnswerAudit }} o
 * @returns {Promise<import('@omsorg/contract').Appointment>} the appointment as answered
 */
export async function answerCancellation(db, { subjectId, appointmentId, accept, note = '', careServiceId, now = new Date(), notices = defaultNotifier, audit }) {
  try {
    const answered = await db.transaction(async (tx) => {
      const row = await findAppointmentRow(tx, subjectId, appointmentId, { forUpdate: true });
      if (!row || (careServiceId !== undefined && row.care_service_id !== careServiceId)) throw new AnswerError('not-found', 404);
      const current = toAppointment(row, now);
      const decision = decideCancellationAnswer(current, { accept, note }, now);
      if (typeof decision === 'string') throw new AnswerError(decision, decision === 'not-requested' ? 409 : 400);
      const version = nextVersion(row.version);
      await tx.query(
        `UPDATE appointments SET status = $3, version = $4, cancel_answered_at = $5, cancel_rejection_note = $6, updated_at = now()
          WHERE subject_id = $1 AND id = $2`,
        [subjectId, appointmentId, decision.status, version, decision.cancellation.answeredAt, decision.cancellation.rejectionNote],
      );
      await notices.queue(tx, subjectId, 'cancellation-answered', now);
      await audit?.log(tx, 'ok', 200);
      return { ...current, status: decision.status, version, cancellation: decision.cancellation, cancellationPolicy: { ...current.cancellationPolicy, cancellable: false } };
    });
    await notices.dispatch(db, now);
    return answered;
  } catch (err) {
    if (err instanceof AnswerError) await audit?.log(db, err.code === 'not-found' ? 'not-found' : 'refused', err.status);
    throw err;
  }
}
