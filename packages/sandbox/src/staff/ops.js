// @ts-check
/**
 * What staff of a care service do with messages, over the database: used by the staff page
 * (/staff) and by tests (test-support/staff.js). Staff see only their own care service's
 * threads; every read and change is in the access log (actor_kind staff).
 */
import { cancellationAnswerLimits, dialogueConsentOf, dialogueRefusal, messageLimits, normaliseText, textProblem } from '@omsorg/contract';
import { logAccess } from '../data/store.js';
import { AnswerError, answerCancellation } from '../care/answer.js';
import { dialogueDecisions, messageConsentProblem } from '../data/consent.js';
import { osloDate } from '@omsorg/contract';
import { defaultNotifier } from '../notices/notifier.js';
import { sqlRecords } from '../records/sql.js';
import {
  closeThread,
  findThreadRow,
  insertMessage,
  insertThread,
  listCareServiceThreadRows,
  listRecipients,
  markSeen,
  threadParties,
  toThreadDetail,
  toThreads,
} from '../data/messages.js';

/** A refusal the staff page shows (and tests see): `code` is stable. */
export class StaffError extends Error {
  /**
   * @param {'unknown-staff' | 'not-found' | 'thread-closed' | 'recipient-not-allowed' | 'consent-required' | 'required' | 'too-long' | 'invalid-character'
   *   | import('@omsorg/contract').CancellationAnswerProblem} code
   * @param {string} message
   * @param {number} status
   */
  constructor(code, message, status) {
    super(message);
    this.name = 'StaffError';
    this.code = code;
    this.status = status;
  }
}

/**
 * @typedef {{ id: string, name: string, careServiceId: string, careServiceName: string }} Staff
 */

/**
 * @param {import('../db/index.js').Queryable} q
 * @returns {Promise<Staff[]>}
 */
export async function listStaff(q) {
  const { rows } = await q.query('SELECT s.id, s.name, s.care_service_id, c.name AS cs_name FROM staff s JOIN care_services c ON c.id = s.care_service_id ORDER BY s.name, s.id');
  return rows.map((r) => ({ id: r.id, name: r.name, careServiceId: r.care_service_id, careServiceName: r.cs_name }));
}

/**
 * @param {import('../db/index.js').Queryable} q
 * @param {string} staffId
 * @returns {Promise<Staff>}
 */
export async function findStaff(q, staffId) {
  const s = (await listStaff(q)).find((x) => x.id === staffId);
  if (!s) throw new StaffError('unknown-staff', 'Ukjent ansatt.', 403);
  return s;
}

/** @param {Staff} staff @returns {import('../data/messages.js').Reader} */
const readerOf = (staff) => ({ kind: 'staff', id: staff.id, careServiceId: staff.careServiceId });

/**
 * @param {import('../db/index.js').Queryable} q
 * @param {Staff} staff
 * @param {Omit<import('../data/store.js').AccessLogEntry, 'actorPersonId' | 'actorKind'>} e
 */
const log = (q, staff, e) => logAccess(q, { ...e, actorPersonId: staff.id, actorKind: 'staff', clientId: 'staff-page' });

/**
 * @param {string} text
 * @param {number} max
 * @param {string} what
 */
function checkText(text, max, what) {
  const p = textProblem(text, max);
  if (p === 'required') throw new StaffError(p, `${what} mangler.`, 400);
  if (p === 'too-long') throw new StaffError(p, `${what} er for lang (høyst ${max} tegn).`, 400);
  if (p === 'invalid-character') throw new StaffError(p, `${what} inneholder tegn som ikke er tillatt.`, 400);
}

/**
 * The care service's threads, latest activity first, each with the subject's name.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, now?: Date }} o
 */
export async function staffThreads(db, { staffId, now = new Date() }) {
  const staff = await findStaff(db, staffId);
  const rows = await listCareServiceThreadRows(db, staff.careServiceId);
  const out = [];
  /** @type {Map<string, Awaited<ReturnType<typeof threadParties>>>} */
  const partiesOf = new Map();
  for (const row of rows) {
    let parties = partiesOf.get(row.subject_id);
    if (!parties) {
      parties = await threadParties(db, row.subject_id, osloDate(now));
      partiesOf.set(row.subject_id, parties);
      await log(db, staff, { action: 'read', resource: 'threads', subjectId: row.subject_id, outcome: 'ok', status: 200 });
    }
    const [thread] = await toThreads(db, row.subject_id, [row], { reader: readerOf(staff), parties });
    out.push({ subjectName: parties.subjectName, thread: /** @type {import('@omsorg/contract').Thread} */ (thread) });
  }
  return { staff, threads: out };
}

/**
 * One thread of the care service, with its messages; reading it marks it seen by this staff member.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, subjectId: string, threadId: string, now?: Date }} o
 */
export async function staffThread(db, { staffId, subjectId, threadId, now = new Date() }) {
  const staff = await findStaff(db, staffId);
  return db.transaction(async (tx) => {
    const row = await findThreadRow(tx, subjectId, threadId);
    if (!row || row.care_service_id !== staff.careServiceId) {
      await log(tx, staff, { action: 'read', resource: 'thread', subjectId, resourceId: threadId, outcome: 'not-found', status: 404 });
      throw new StaffError('not-found', 'Fant ikke tråden.', 404);
    }
    const { rows } = await tx.query('SELECT max(seq) AS seq FROM messages WHERE subject_id = $1 AND thread_id = $2', [subjectId, threadId]);
    if (rows[0]?.seq != null) await markSeen(tx, { subjectId, threadId, reader: readerOf(staff), seq: Number(rows[0].seq), at: now });
    const fresh = await findThreadRow(tx, subjectId, threadId);
    const parties = await threadParties(tx, subjectId, osloDate(now));
    const thread = await toThreadDetail(tx, fresh, { reader: readerOf(staff), parties });
    // Whether the person may be written to (consent to digital dialogue), shown with the thread.
    const consent = dialogueConsentOf(await dialogueDecisions(tx, subjectId));
    await log(tx, staff, { action: 'read', resource: 'thread', subjectId, resourceId: threadId, outcome: 'ok', status: 200 });
    return { staff, subjectName: parties.subjectName, thread, consent };
  });
}

/** Staff cannot write to a person without consent to digital dialogue either. */
const noConsent = () => new StaffError('consent-required', 'Personen har ikke samtykket til digital dialog. Ring i stedet.', 403);

/**
 * A staff reply in an open thread of the staff member's care service.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, subjectId: string, threadId: string, text: string, now?: Date, notices?: import('../notices/notifier.js').Notifier, records?: import('../records/index.js').RecordSystem }} o
 *   `notices`: the person hears of it by the notices they chose (`message-new`); `records`: the
 *   record system is told of the message as of one the person sends (FHIR: a Communication)
 * @returns {Promise<string>} the message id
 */
export async function staffReply(db, { staffId, subjectId, threadId, text, now = new Date(), notices = defaultNotifier, records = sqlRecords }) {
  const staff = await findStaff(db, staffId);
  const body = normaliseText(text);
  const what = /** @type {const} */ ({ action: 'create', resource: 'message', subjectId, resourceId: threadId });
  try {
    return await db.transaction(async (tx) => {
      const row = await findThreadRow(tx, subjectId, threadId, { forUpdate: true });
      if (!row || row.care_service_id !== staff.careServiceId) throw new StaffError('not-found', 'Fant ikke tråden.', 404);
      checkText(body, messageLimits.textMaxChars, 'Meldingen');
      if (await messageConsentProblem(tx, subjectId)) throw noConsent();
      if (row.status !== 'open') throw new StaffError('thread-closed', 'Tråden er lukket.', 409);
      const thread = { id: threadId, title: row.title, careServiceId: row.care_service_id, grantedServiceId: row.granted_service_id };
      const id = await writeStaffMessage(tx, { staff, subjectId, thread, text: body, now, notices, records });
      await log(tx, staff, { ...what, outcome: 'ok', status: 201 });
      return id;
    }).finally(() => notices.dispatch(db, now));
  } catch (err) {
    if (err instanceof StaffError) await log(db, staff, { ...what, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
    throw err;
  }
}

/**
 * A staff member's message in a thread, in the caller's transaction: stored, sent to the record
 * system (on FHIR a Communication from the care service), and a notice queued for the person.
 * The one step a reply and a thread started by staff share.
 * @param {import('../db/index.js').Queryable} tx
 * @param {{ staff: Staff, subjectId: string, thread: { id: string, title: string, careServiceId: string, grantedServiceId: string }, text: string, now: Date,
 *   notices: import('../notices/notifier.js').Notifier, records: import('../records/index.js').RecordSystem }} o
 * @returns {Promise<string>} the message id
 */
async function writeStaffMessage(tx, { staff, subjectId, thread, text, now, notices, records }) {
  const id = await insertMessage(tx, { subjectId, threadId: thread.id, role: 'staff', sender: readerOf(staff), text, at: now });
  await records.recordMessage(tx, {
    id, subjectId, threadId: thread.id, title: thread.title, careServiceId: thread.careServiceId, grantedServiceId: thread.grantedServiceId,
    sender: { staffId: staff.id, role: 'staff' }, text, sentAt: now, attachments: 0,
  });
  await notices.queue(tx, subjectId, 'message-new', now, { threadId: thread.id });
  return id;
}

/**
 * The citizens the staff member may write to: subjects with an active or planned granted
 * service from their care service.
 * @param {import('../db/index.js').Queryable} q
 * @param {string} careServiceId
 * @returns {Promise<{ subjectId: string, name: string, grantedServiceId: string, consent: boolean }[]>}
 */
export async function staffRecipients(q, careServiceId) {
  const { rows } = await q.query(
    `SELECT g.subject_id, p.name, g.id, c.status AS consent_status, c.text_version FROM granted_services g
       JOIN subjects s ON s.id = g.subject_id JOIN persons p ON p.id = s.person_id
       LEFT JOIN LATERAL (SELECT status, text_version FROM dialogue_consents d WHERE d.subject_id = g.subject_id ORDER BY d.seq DESC LIMIT 1) c ON true
      WHERE g.care_service_id = $1 AND g.status IN ('active', 'planned')
      ORDER BY p.name, g.subject_id, g.position, g.id`,
    [careServiceId],
  );
  return rows.map((r) => ({
    subjectId: r.subject_id,
    name: r.name,
    grantedServiceId: r.id,
    // Without consent to digital dialogue the person cannot be written to (shown, not offered).
    consent: dialogueRefusal(r.consent_status ? { status: r.consent_status, textVersion: r.text_version } : undefined) === null,
  }));
}

/**
 * A thread started by staff with a citizen who receives one of the care service's services.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, subjectId: string, grantedServiceId: string, title: string, text: string, now?: Date, notices?: import('../notices/notifier.js').Notifier, records?: import('../records/index.js').RecordSystem }} o
 *   `records`: as for staffReply
 * @returns {Promise<string>} the thread id
 */
export async function staffStartThread(db, { staffId, subjectId, grantedServiceId, title, text, now = new Date(), notices = defaultNotifier, records = sqlRecords }) {
  const staff = await findStaff(db, staffId);
  const what = /** @type {const} */ ({ action: 'create', resource: 'threads', subjectId });
  try {
    return await db.transaction(async (tx) => {
      const t = normaliseText(title).trim();
      const body = normaliseText(text);
      checkText(t, messageLimits.titleMaxChars, 'Emnet');
      checkText(body, messageLimits.textMaxChars, 'Meldingen');
      const [recipient] = /^[A-Za-z0-9_-]{1,64}$/.test(subjectId) ? await listRecipients(tx, subjectId, grantedServiceId) : [];
      if (!recipient || recipient.careService.id !== staff.careServiceId) {
        throw new StaffError('recipient-not-allowed', 'Personen mottar ikke en tjeneste fra denne enheten.', 422);
      }
      if (await messageConsentProblem(tx, subjectId)) throw noConsent();
      const threadId = await insertThread(tx, { subjectId, grantedServiceId, careServiceId: staff.careServiceId, title: t, startedBy: 'staff', at: now });
      const thread = { id: threadId, title: t, careServiceId: staff.careServiceId, grantedServiceId };
      await writeStaffMessage(tx, { staff, subjectId, thread, text: body, now, notices, records });
      await log(tx, staff, { ...what, resourceId: threadId, outcome: 'ok', status: 201 });
      return threadId;
    }).finally(() => notices.dispatch(db, now));
  } catch (err) {
    if (err instanceof StaffError) await log(db, staff, { ...what, outcome: 'refused', status: err.status });
    throw err;
  }
}

/**
 * Closes a thread of the care service (no more replies).
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, subjectId: string, threadId: string, now?: Date }} o
 */
export async function staffCloseThread(db, { staffId, subjectId, threadId, now = new Date() }) {
  const staff = await findStaff(db, staffId);
  const what = /** @type {const} */ ({ action: 'close', resource: 'thread', subjectId, resourceId: threadId });
  try {
    await db.transaction(async (tx) => {
      const row = await findThreadRow(tx, subjectId, threadId, { forUpdate: true });
      if (!row || row.care_service_id !== staff.careServiceId) throw new StaffError('not-found', 'Fant ikke tråden.', 404);
      if (!(await closeThread(tx, { subjectId, threadId, at: now }))) throw new StaffError('thread-closed', 'Tråden er allerede lukket.', 409);
      await log(tx, staff, { ...what, outcome: 'ok', status: 200 });
    });
  } catch (err) {
    if (err instanceof StaffError) await log(db, staff, { ...what, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
    throw err;
  }
}

/**
 * The cancellations waiting for the staff member's care service to answer (status
 * `cancellation-requested`, that service's appointments only), soonest visit first, each with
 * the person's name. Reading them is in each person's access log.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, now?: Date, records?: import('../records/index.js').RecordSystem }} o
 *   `records`: where the appointments are (default the sandbox's own tables)
 */
export async function staffCancellationRequests(db, { staffId, now = new Date(), records = sqlRecords }) {
  const staff = await findStaff(db, staffId);
  const waiting = await records.listCancellationRequests(db, staff.careServiceId, now);
  const subjects = [...new Set(waiting.map((a) => a.subjectId))];
  const names = new Map(
    subjects.length
      ? (await db.query('SELECT s.id, p.name FROM subjects s JOIN persons p ON p.id = s.person_id WHERE s.id = ANY($1)', [subjects])).rows.map((r) => [String(r.id), String(r.name)])
      : [],
  );
  for (const subjectId of subjects) await log(db, staff, { action: 'read', resource: 'appointments', subjectId, outcome: 'ok', status: 200 });
  return {
    staff,
    requests: waiting.map((appointment) => ({ subjectName: names.get(appointment.subjectId) ?? '', appointment })),
  };
}

/** The staff page's words for an answer refused (bokmål, as the page). */
const ANSWER_ERRORS = /** @type {const} */ ({
  'not-found': 'Fant ikke avtalen.',
  'not-requested': 'Avtalen har ingen avbestilling som venter på svar. Den kan være besvart allerede.',
  'note-required': 'Skriv en begrunnelse når du avslår. Innbyggeren ser den.',
  'note-too-long': `Begrunnelsen er for lang (høyst ${cancellationAnswerLimits.noteMaxChars} tegn).`,
  'note-invalid-character': 'Begrunnelsen inneholder tegn som ikke er tillatt.',
  'note-not-allowed': 'Et svar som godtar avbestillingen har ingen begrunnelse: innbyggeren får bare se begrunnelsen for et avslag.',
});

/**
 * A staff member accepts or turns down a cancellation request of their own care service; the
 * note (required when turning down) is what the person reads. Another service's appointment is
 * refused as not found and nothing changes. Logged as an update of the appointment, by staff.
 * @param {import('../db/index.js').Database} db
 * @param {{ staffId: string, subjectId: string, appointmentId: string, accept: boolean, note?: string, now?: Date, notices?: import('../notices/notifier.js').Notifier,
 *   records?: import('../records/index.js').RecordSystem }} o
 */
export async function staffAnswerCancellation(db, { staffId, subjectId, appointmentId, accept, note = '', now = new Date(), notices = defaultNotifier, records = sqlRecords }) {
  const staff = await findStaff(db, staffId);
  const what = /** @type {const} */ ({ action: 'update', resource: 'appointment', subjectId, resourceId: appointmentId });
  try {
    return await answerCancellation(db, {
      subjectId,
      appointmentId,
      accept,
      note,
      careServiceId: staff.careServiceId,
      now,
      notices,
      records,
      audit: { log: (q, outcome, status) => log(q, staff, { ...what, outcome, status }) },
    });
  } catch (err) {
    if (err instanceof AnswerError) throw new StaffError(err.code, ANSWER_ERRORS[err.code], err.status);
    throw err;
  }
}
