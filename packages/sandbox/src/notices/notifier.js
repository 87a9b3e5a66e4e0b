// @ts-check
/**
 * Notices over SQL: the person's choice (notice_preferences), the queue an event fills
 * (notice_queue, in the event's own transaction) and its hand-over to the gateway once that
 * transaction has committed (`dispatch`). Who gets what, by which channel and in which words is
 * the rules core's (`noticesFor`, `noticeText`); the contact register and the gateway are
 * adapters (contact-register.js, gateway.js), so a real KRR client and a real SMS/e-mail gateway
 * replace the development ones without touching this file.
 */
import { isVisitTomorrow, noticesFor, osloDateTime } from '@omsorg/contract';
import { noticeSender } from '@omsorg/fixtures';
import { fixtureContactRegister } from './contact-register.js';
import { developmentGateway } from './gateway.js';

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').NoticeChoice} NoticeChoice */
/** @typedef {import('@omsorg/contract').NoticeEvent} NoticeEvent */

/** Rows handed to the gateway per transaction. */
const BATCH = 20;

/**
 * @typedef {object} NotifierOptions
 * @property {import('./contact-register.js').ContactRegister} [contactRegister] default: the fixtures' register
 * @property {import('./gateway.js').NoticeGateway} [gateway] default: sends nothing, `would-have-been-sent`
 * @property {import('@omsorg/contract').NoticeSender} [sender] the municipality and its Min side (default: Fjordvik kommune)
 * @property {Pick<Console, 'error'>} [logger]
 */

/** @param {NotifierOptions} [o] */
export function createNotifier({ contactRegister = fixtureContactRegister(), gateway = developmentGateway, sender = noticeSender, logger = console } = {}) {
  /**
   * The register's record of the subject's person.
   * @param {Queryable} q
   * @param {string} subjectId
   */
  async function contactOf(q, subjectId) {
    const { rows } = await q.query('SELECT person_id FROM subjects WHERE id = $1', [subjectId]);
    return rows[0] ? contactRegister.lookup(rows[0].person_id) : undefined;
  }

  /**
   * The subject's choice, or undefined when none is made (`lock`: for the rest of the transaction).
   * @param {Queryable} q
   * @param {string} subjectId
   * @returns {Promise<NoticeChoice | undefined>}
   */
  async function choiceOf(q, subjectId, lock = false) {
    const { rows } = await q.query(`SELECT channels, events, language, version FROM notice_preferences WHERE subject_id = $1${lock ? ' FOR UPDATE' : ''}`, [subjectId]);
    const r = rows[0];
    return r ? { channels: r.channels, events: r.events, language: r.language, version: String(r.version) } : undefined;
  }

  /**
   * Stores the subject's choice.
   * @param {Queryable} tx
   * @param {string} subjectId
   * @param {NoticeChoice} c
   * @param {Date} at
   */
  async function saveChoice(tx, subjectId, c, at) {
    await tx.query(
      `INSERT INTO notice_preferences (subject_id, channels, events, language, version, updated_at) VALUES ($1, $2::text[], $3::text[], $4, $5, $6)
       ON CONFLICT (subject_id) DO UPDATE SET channels = EXCLUDED.channels, events = EXCLUDED.events, language = EXCLUDED.language,
              version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [subjectId, c.channels, c.events, c.language, Number(c.version), at],
    );
  }

  /**
   * Queues what `event` sends the subject's person, in the caller's transaction: one row per
   * chosen channel with an address, nothing unless they chose the event. Returns how many.
   * @param {Queryable} tx
   * @param {string} subjectId
   * @param {NoticeEvent} event
   * @param {Date} at
   * @param {import('@omsorg/contract').NoticeTarget} [target] what the notice may link to (a new message's thread)
   */
  async function queue(tx, subjectId, event, at, target = {}) {
    const notices = noticesFor(event, await choiceOf(tx, subjectId), await contactOf(tx, subjectId), sender, target);
    for (const n of notices) {
      await tx.query(
        `INSERT INTO notice_queue (subject_id, event, channel, address, masked_address, subject_line, text, language, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [subjectId, n.event, n.channel, n.address, n.maskedAddress, n.subject, n.text, n.language, at],
      );
    }
    return notices.length;
  }

  /**
   * Hands every queued notice to the gateway and records what became of it. Run after the
   * transaction that queued them has committed; a gateway's failure is the row's, never the
   * request's. Several instances share the queue: a row one of them holds, the others skip.
   * @param {import('../db/index.js').Database} db
   * @param {Date} [at]
   */
  async function dispatch(db, at = new Date()) {
    try {
      for (;;) {
        const handled = await db.transaction(async (tx) => {
          const { rows } = await tx.query(
            `SELECT id, channel, address, subject_line, text, language FROM notice_queue WHERE status = 'queued' ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          );
          for (const r of rows) {
            const status = await gateway
              .send({ id: Number(r.id), channel: r.channel, address: r.address, subject: r.subject_line, text: r.text, language: r.language })
              .catch((/** @type {unknown} */ err) => {
                logger.error('omsorg sandbox: the notice gateway failed', err);
                return /** @type {const} */ ('failed');
              });
            await tx.query('UPDATE notice_queue SET status = $2, handled_at = $3 WHERE id = $1', [r.id, status, at]);
          }
          return rows.length;
        });
        if (handled < BATCH) return;
      }
    } catch (err) {
      logger.error('omsorg sandbox: handing notices to the gateway failed', err);
    }
  }

  /**
   * Queues a reminder of every visit tomorrow (the Oslo calendar's) to those who chose it, once
   * per visit however often this runs, then hands them to the gateway. Triggered explicitly (the
   * development page's button, tests with a fixed clock), never by a timer of its own.
   * @param {import('../db/index.js').Database} db
   * @param {Date} now
   * @returns {Promise<number>} the notices queued now
   */
  async function queueVisitReminders(db, now) {
    const queued = await db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT subject_id, id, start_at, status FROM appointments WHERE start_at >= $1 AND start_at < $2 ORDER BY start_at, subject_id, id', [
        osloDateTime(now, 1, 0),
        osloDateTime(now, 2, 0),
      ]);
      let n = 0;
      for (const r of rows) {
        if (!isVisitTomorrow(new Date(r.start_at), r.status, now)) continue;
        const first = await tx.query(
          'INSERT INTO visit_reminders (subject_id, appointment_id, reminded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING appointment_id',
          [r.subject_id, r.id, now],
        );
        if (first.rows.length) n += await queue(tx, r.subject_id, 'visit-reminder', now);
      }
      return n;
    });
    await dispatch(db, now);
    return queued;
  }

  return { sender, contactOf, choiceOf, saveChoice, queue, dispatch, queueVisitReminders };
}

/** @typedef {ReturnType<typeof createNotifier>} Notifier */

/** The development notifier (the fixtures' register, the gateway that sends nothing): the default everywhere. */
export const defaultNotifier = createNotifier();

/**
 * The queue, newest first, as the development page lists it (masked addresses only).
 * @param {Queryable} q
 * @param {number} [limit]
 */
export async function listNoticeQueue(q, limit = 200) {
  const { rows } = await q.query(
    `SELECT n.id, n.created_at, n.subject_id, p.name, n.channel, n.masked_address, n.event, n.subject_line, n.text, n.language, n.status
       FROM notice_queue n JOIN subjects s ON s.id = n.subject_id JOIN persons p ON p.id = s.person_id
      ORDER BY n.created_at DESC, n.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    createdAt: new Date(r.created_at),
    subjectId: String(r.subject_id),
    name: String(r.name),
    channel: /** @type {'sms' | 'email'} */ (r.channel),
    to: String(r.masked_address),
    event: /** @type {NoticeEvent} */ (r.event),
    subject: String(r.subject_line),
    text: String(r.text),
    language: String(r.language),
    status: String(r.status),
  }));
}
