// @ts-check
/**
 * The care service's answer to a cancellation the person asked for (status
 * `cancellation-requested`), one implementation for the staff page (/staff) and the notices'
 * development page (/dev/notices). The rules core decides (`decideCancellationAnswer`: a request
 * waiting, the note required when turning down and held to the text rules); the record system
 * that holds the appointment stores the answer with a new version (so a client's If-Match and
 * If-None-Match see it): the sandbox's tables under a row lock, or FHIR by a conditional update
 * (records/). One transaction checks the appointment belongs to the answering care service when
 * one is named, queues the person's `cancellation-answered` notice and writes the access log;
 * the notice goes to the gateway once it has committed.
 */
import { decideCancellationAnswer } from '@omsorg/contract';
import { defaultNotifier } from '../notices/notifier.js';
import { sqlRecords } from '../records/sql.js';

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
 *   notices?: import('../notices/notifier.js').Notifier, audit?: AnswerAudit, records?: import('../records/index.js').RecordSystem }} o
 *   `records`: where the appointment is (default the sandbox's own tables)
 * @returns {Promise<import('@omsorg/contract').Appointment>} the appointment as answered
 */
export async function answerCancellation(db, { subjectId, appointmentId, accept, note = '', careServiceId, now = new Date(), notices = defaultNotifier, audit, records = sqlRecords }) {
  try {
    const answered = await db.transaction(async (tx) => {
      const a = await records.answerCancellation(tx, {
        subjectId,
        appointmentId,
        now,
        decide: (current) => {
          if (careServiceId !== undefined && current.careService.id !== careServiceId) throw new AnswerError('not-found', 404);
          const decision = decideCancellationAnswer(current, { accept, note }, now);
          if (typeof decision === 'string') throw new AnswerError(decision, decision === 'not-requested' ? 409 : 400);
          return decision;
        },
      });
      if (!a) throw new AnswerError('not-found', 404);
      await notices.queue(tx, subjectId, 'cancellation-answered', now);
      await audit?.log(tx, 'ok', 200);
      return a;
    });
    await notices.dispatch(db, now);
    return answered;
  } catch (err) {
    if (err instanceof AnswerError) await audit?.log(db, err.code === 'not-found' ? 'not-found' : 'refused', err.status);
    throw err;
  }
}
