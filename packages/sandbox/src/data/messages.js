// @ts-check
/**
 * The SQL of secure messages, shared by the API (citizens and relatives) and the staff page:
 * threads, messages and read pointers, and the mapping to the contract's shapes (attachments and
 * drafts have files of their own). Threads are always looked up by (subject_id, id).
 *
 * A reader is a signed-in person (whoever they act for: Kari reading Ola's threads has her own
 * pointers) or a staff member. `seq` (a global sequence) orders messages, so "seen up to" and
 * "unread" never depend on two messages sharing a second.
 */
import { randomBytes } from 'node:crypto';
import { messageLimits, osloIso, seenSinceLastUpdate, threadVersion, toSecond } from '@omsorg/contract';
import { defaultReplyPolicy } from '@omsorg/fixtures';
import { ATTACHMENT_META, toAttachment } from './attachments.js';
import { sourceOf } from './store.js';
import { withHomeSource } from '../records/index.js';

export { toSecond };

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').Thread} Thread */
/** @typedef {import('@omsorg/contract').ThreadDetail} ThreadDetail */
/** @typedef {import('@omsorg/contract').Message} Message */
/** @typedef {import('@omsorg/contract').Sender} Sender */
/** @typedef {import('@omsorg/contract').Attachment} Attachment */
/** @typedef {import('@omsorg/contract').Recipient} Recipient */

/** @typedef {import('./reader.js').Reader} Reader */

/** When a care service has no policy row: the fixtures' default, as in the mocks. */
const DEFAULT_REPLY_DAYS = Number(defaultReplyPolicy.expectedReplyWorkingDays);

/** @param {string} prefix */
export const newId = (prefix) => `${prefix}-${randomBytes(9).toString('base64url')}`;

/** A thread row's version (its ETag is `"<version>"`). @param {{ version_no: number }} row */
export const versionOf = (row) => threadVersion(row.version_no);

/**
 * The people on the subject's side of its threads: the subject and everyone with a live grant
 * that carries `messages`. The first is the subject.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} today Oslo date
 * @returns {Promise<{ subjectPersonId: string, subjectName: string, personIds: Set<string> }>}
 */
export async function threadParties(q, subjectId, today) {
  const { rows } = await q.query(
    `SELECT s.person_id, p.name, 0 AS rank FROM subjects s JOIN persons p ON p.id = s.person_id WHERE s.id = $1
     UNION ALL
     SELECT g.grantee_person_id, NULL, 1 FROM proxy_grants g
      WHERE g.subject_id = $1 AND g.revoked_at IS NULL AND 'messages' = ANY (g.scopes)
        AND (g.valid_to IS NULL OR g.valid_to >= $2::date) AND (g.valid_from IS NULL OR g.valid_from <= $2::date)
     ORDER BY rank`,
    [subjectId, today],
  );
  const first = rows[0];
  if (!first || first.rank !== 0) throw new Error(`no subject ${subjectId}`);
  return { subjectPersonId: first.person_id, subjectName: first.name, personIds: new Set(rows.map((r) => r.person_id)) };
}

/**
 * The care services the subject may write to: one per active or planned granted service, each
 * with its service's source when the row says one (a composite record system marks the others
 * with its home source: `withHomeSource`).
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} [grantedServiceId] only this one
 * @returns {Promise<Recipient[]>}
 */
export async function listRecipients(q, subjectId, grantedServiceId) {
  const { rows } = await q.query(
    `SELECT g.id, g.service_type_system, g.service_type_code, g.care_service_id, c.name, c.phone,
            COALESCE(r.expected_reply_working_days, ${DEFAULT_REPLY_DAYS}) AS days, r.notice,
            g.source_municipality_number, g.source_municipality_name, g.source_system_id, g.source_system_name
       FROM granted_services g
       JOIN care_services c ON c.id = g.care_service_id
       LEFT JOIN reply_policies r ON r.care_service_id = g.care_service_id
      WHERE g.subject_id = $1 AND g.status IN ('active', 'planned') ${grantedServiceId === undefined ? '' : 'AND g.id = $2'}
      ORDER BY g.position, g.id`,
    grantedServiceId === undefined ? [subjectId] : [subjectId, grantedServiceId],
  );
  return rows.map((r) => ({
    grantedServiceId: r.id,
    serviceType: { system: r.service_type_system, code: r.service_type_code },
    careService: { id: r.care_service_id, name: r.name, phone: r.phone },
    replyPolicy: { expectedReplyWorkingDays: r.days, notice: r.notice },
    // The recipient's source is that of its granted service.
    ...sourceOf(r),
  }));
}

const THREAD_SELECT = `
  SELECT t.subject_id, t.id, t.version_no, t.title, t.status, t.granted_service_id, g.service_type_system, g.service_type_code,
         t.care_service_id, c.name AS care_service_name, c.phone AS care_service_phone,
         COALESCE(rp.expected_reply_working_days, ${DEFAULT_REPLY_DAYS}) AS reply_days, rp.notice AS reply_notice,
         t.started_by, t.created_at, t.last_activity_at,
         g.source_municipality_number, g.source_municipality_name, g.source_system_id, g.source_system_name
    FROM threads t
    JOIN granted_services g ON g.subject_id = t.subject_id AND g.id = t.granted_service_id
    JOIN care_services c ON c.id = t.care_service_id
    LEFT JOIN reply_policies rp ON rp.care_service_id = t.care_service_id`;

/**
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} threadId
 * @param {{ forUpdate?: boolean }} [o] lock the thread until the transaction ends
 */
export async function findThreadRow(q, subjectId, threadId, { forUpdate = false } = {}) {
  const { rows } = await q.query(`${THREAD_SELECT} WHERE t.subject_id = $1 AND t.id = $2${forUpdate ? ' FOR UPDATE OF t' : ''}`, [subjectId, threadId]);
  return rows[0];
}

/**
 * One page of the subject's threads, latest activity first (keyset on last activity, id).
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {{ limit: number, after?: { at: number, id: string } }} page
 */
export async function listThreadRows(q, subjectId, { limit, after }) {
  /** @type {unknown[]} */
  const params = [subjectId];
  let where = 't.subject_id = $1';
  if (after) {
    params.push(new Date(after.at), after.id);
    where += ' AND (t.last_activity_at, t.id) < ($2::timestamptz, $3::text)';
  }
  params.push(limit + 1);
  const { rows } = await q.query(`${THREAD_SELECT} WHERE ${where} ORDER BY t.last_activity_at DESC, t.id DESC LIMIT $${params.length}`, params);
  const more = rows.length > limit;
  return { rows: more ? rows.slice(0, limit) : rows, more };
}

/**
 * The threads of one care service (the staff page), latest activity first.
 * @param {Queryable} q
 * @param {string} careServiceId
 */
export async function listCareServiceThreadRows(q, careServiceId) {
  const { rows } = await q.query(`${THREAD_SELECT} WHERE t.care_service_id = $1 ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 200`, [careServiceId]);
  return rows;
}

/**
 * @param {any} r a message row with person_name / staff_name
 * @param {{ reader: Reader, subjectName: string }} ctx
 * @returns {Sender}
 */
function senderOf(r, { reader, subjectName }) {
  const mine = reader.kind === 'person' ? r.sender_person_id === reader.id : r.sender_staff_id === reader.id;
  return {
    role: r.sender_role,
    name: r.sender_role === 'staff' ? r.staff_name : r.person_name,
    onBehalfOf: r.sender_role === 'relative' ? subjectName : null,
    isCurrentUser: mine,
  };
}

/**
 * The reader's read pointer columns for a query: ($n kind, $n+1 id).
 * "Own" messages never count as unread.
 */
const UNREAD_FILTER = `m.seq > COALESCE(r.last_seen_seq, 0)
  AND (CASE WHEN $3 = 'person' THEN m.sender_person_id = $4 ELSE m.sender_staff_id = $4 END) IS NOT TRUE`;

/**
 * Unread messages for the reader in all the subject's threads.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {Reader} reader
 * @param {string} [threadId] only this thread
 */
export async function unreadCount(q, subjectId, reader, threadId) {
  const { rows } = await q.query(
    `SELECT count(*)::int AS n
       FROM messages m
       LEFT JOIN thread_reads r ON r.subject_id = m.subject_id AND r.thread_id = m.thread_id AND r.reader_kind = $3 AND r.reader_id = $4
      WHERE m.subject_id = $1 AND ($2::text IS NULL OR m.thread_id = $2) AND ${UNREAD_FILTER}`,
    [subjectId, threadId ?? null, reader.kind, reader.id],
  );
  return /** @type {number} */ (rows[0]?.n ?? 0);
}

const MESSAGE_COLUMNS = `m.thread_id, m.id, m.seq, m.sent_at, m.sender_role, m.sender_person_id, m.sender_staff_id,
  p.name AS person_name, st.name AS staff_name`;
const MESSAGE_JOINS = `LEFT JOIN persons p ON p.id = m.sender_person_id LEFT JOIN staff st ON st.id = m.sender_staff_id`;

/**
 * The contract's Thread for each row (all of one subject), for this reader, in the rows' order.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {any[]} rows from THREAD_SELECT
 * @param {{ reader: Reader, parties: Awaited<ReturnType<typeof threadParties>>, homeSource?: import('@omsorg/contract').RecordSource | undefined }} ctx
 *   `homeSource`: a composite record system's home source, for the threads whose service says none
 * @returns {Promise<Thread[]>}
 */
export async function toThreads(q, subjectId, rows, { reader, parties, homeSource }) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [stats, lasts, reads] = await Promise.all([
    q.query(
      `SELECT m.thread_id, count(*)::int AS message_count, max(m.seq) AS last_seq,
              (count(*) FILTER (WHERE ${UNREAD_FILTER}))::int AS unread
         FROM messages m
         LEFT JOIN thread_reads r ON r.subject_id = m.subject_id AND r.thread_id = m.thread_id AND r.reader_kind = $3 AND r.reader_id = $4
        WHERE m.subject_id = $1 AND m.thread_id = ANY ($2::text[])
        GROUP BY m.thread_id`,
      [subjectId, ids, reader.kind, reader.id],
    ),
    q.query(
      `SELECT DISTINCT ON (m.thread_id) ${MESSAGE_COLUMNS}, left(m.text, ${messageLimits.excerptMaxChars}) AS excerpt
         FROM messages m ${MESSAGE_JOINS}
        WHERE m.subject_id = $1 AND m.thread_id = ANY ($2::text[])
        ORDER BY m.thread_id, m.seq DESC`,
      [subjectId, ids],
    ),
    q.query(
      `SELECT r.thread_id, r.reader_kind, r.reader_id, r.last_seen_seq, r.seen_at, p.name AS person_name,
              st.name AS staff_name, st.care_service_id
         FROM thread_reads r
         LEFT JOIN persons p ON r.reader_kind = 'person' AND p.id = r.reader_id
         LEFT JOIN staff st ON r.reader_kind = 'staff' AND st.id = r.reader_id
        WHERE r.subject_id = $1 AND r.thread_id = ANY ($2::text[])
        ORDER BY r.seen_at, r.reader_kind, r.reader_id`,
      [subjectId, ids],
    ),
  ]);
  const statOf = new Map(stats.rows.map((s) => [s.thread_id, s]));
  const lastOf = new Map(lasts.rows.map((m) => [m.thread_id, m]));
  const ctx = { reader, subjectName: parties.subjectName };

  return rows.map((t) => {
    const s = statOf.get(t.id);
    const last = lastOf.get(t.id);
    const lastSeq = s ? Number(s.last_seq) : 0;
    const seen = seenSinceLastUpdate(
      reads.rows
        .filter((r) => r.thread_id === t.id && lastSeq > 0 && Number(r.last_seen_seq) >= lastSeq)
        // Only current parties: a relative whose grant ended, or staff who moved, drop out.
        .filter((r) => (r.reader_kind === 'person' ? parties.personIds.has(r.reader_id) : r.care_service_id === t.care_service_id))
        .map((r) => ({
          role: /** @type {'citizen' | 'relative' | 'staff'} */ (r.reader_kind === 'staff' ? 'staff' : r.reader_id === parties.subjectPersonId ? 'citizen' : 'relative'),
          name: r.reader_kind === 'staff' ? r.staff_name : r.person_name,
          seenAt: osloIso(r.seen_at),
          isCurrentUser: r.reader_kind === reader.kind && r.reader_id === reader.id,
          wroteLast: !!last && r.reader_id === (r.reader_kind === 'person' ? last.sender_person_id : last.sender_staff_id),
        })),
    );
    return {
      id: t.id,
      version: versionOf(t),
      subjectId: t.subject_id,
      title: t.title,
      status: t.status,
      grantedServiceId: t.granted_service_id,
      serviceType: { system: t.service_type_system, code: t.service_type_code },
      careService: { id: t.care_service_id, name: t.care_service_name, phone: t.care_service_phone },
      replyPolicy: { expectedReplyWorkingDays: t.reply_days, notice: t.reply_notice },
      startedBy: t.started_by,
      createdAt: osloIso(t.created_at),
      lastActivityAt: osloIso(t.last_activity_at),
      messageCount: s?.message_count ?? 0,
      unreadCount: s?.unread ?? 0,
      lastMessage: last ? { sender: senderOf(last, ctx), sentAt: osloIso(last.sent_at), excerpt: last.excerpt } : null,
      seenSinceLastUpdate: seen,
      // The thread's source is that of the granted service it is about (as its recipient's is).
      ...withHomeSource([sourceOf(t)], homeSource)[0],
    };
  });
}

/**
 * A thread with all its messages (oldest first), for this reader.
 * @param {Queryable} q
 * @param {any} row from THREAD_SELECT
 * @param {{ reader: Reader, parties: Awaited<ReturnType<typeof threadParties>>, homeSource?: import('@omsorg/contract').RecordSource | undefined }} ctx
 * @returns {Promise<ThreadDetail>}
 */
export async function toThreadDetail(q, row, ctx) {
  const [[thread], messages, attachments, read] = await Promise.all([
    toThreads(q, row.subject_id, [row], ctx),
    q.query(`SELECT ${MESSAGE_COLUMNS}, m.text FROM messages m ${MESSAGE_JOINS} WHERE m.subject_id = $1 AND m.thread_id = $2 ORDER BY m.seq`, [
      row.subject_id,
      row.id,
    ]),
    q.query(
      `SELECT ${ATTACHMENT_META} FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.subject_id = $1 AND m.thread_id = $2 ORDER BY a.position, a.id`,
      [row.subject_id, row.id],
    ),
    q.query('SELECT last_seen_seq FROM thread_reads WHERE subject_id = $1 AND thread_id = $2 AND reader_kind = $3 AND reader_id = $4', [
      row.subject_id,
      row.id,
      ctx.reader.kind,
      ctx.reader.id,
    ]),
  ]);
  const seenSeq = Number(read.rows[0]?.last_seen_seq ?? 0);
  const sctx = { reader: ctx.reader, subjectName: ctx.parties.subjectName };
  return {
    .../** @type {Thread} */ (thread),
    messages: messages.rows.map((m) => {
      const sender = senderOf(m, sctx);
      return {
        id: m.id,
        threadId: m.thread_id,
        sentAt: osloIso(m.sent_at),
        sender,
        text: m.text,
        attachments: attachments.rows.filter((a) => a.message_id === m.id).map(toAttachment),
        unread: !sender.isCurrentUser && Number(m.seq) > seenSeq,
      };
    }),
  };
}

/**
 * One message as the API answers a send.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} messageId
 * @param {{ reader: Reader, subjectName: string }} ctx
 * @returns {Promise<Message>}
 */
export async function findMessage(q, subjectId, messageId, ctx) {
  const { rows } = await q.query(`SELECT ${MESSAGE_COLUMNS}, m.text FROM messages m ${MESSAGE_JOINS} WHERE m.subject_id = $1 AND m.id = $2`, [subjectId, messageId]);
  const m = rows[0];
  const att = await q.query(`SELECT ${ATTACHMENT_META} FROM attachments a WHERE a.message_id = $1 ORDER BY a.position, a.id`, [messageId]);
  return {
    id: m.id,
    threadId: m.thread_id,
    sentAt: osloIso(m.sent_at),
    sender: senderOf(m, ctx),
    text: m.text,
    attachments: att.rows.map(toAttachment),
    unread: false,
  };
}

/**
 * Moves the reader's pointer forward to `seq` (never back). Bumps the thread's version when it
 * moved, since everyone's seenSinceLastUpdate may change.
 * @param {Queryable} tx
 * @param {{ subjectId: string, threadId: string, reader: Reader, seq: number, at: Date }} o
 * @returns {Promise<boolean>} whether anything changed
 */
export async function markSeen(tx, { subjectId, threadId, reader, seq, at }) {
  const { rows } = await tx.query(
    `INSERT INTO thread_reads (subject_id, thread_id, reader_kind, reader_id, last_seen_seq, seen_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (subject_id, thread_id, reader_kind, reader_id) DO UPDATE
       SET last_seen_seq = EXCLUDED.last_seen_seq, seen_at = EXCLUDED.seen_at
       WHERE thread_reads.last_seen_seq < EXCLUDED.last_seen_seq
     RETURNING last_seen_seq`,
    [subjectId, threadId, reader.kind, reader.id, seq, toSecond(at)],
  );
  if (rows.length === 0) return false;
  await tx.query('UPDATE threads SET version_no = version_no + 1 WHERE subject_id = $1 AND id = $2', [subjectId, threadId]);
  return true;
}

/**
 * Adds a message (and links its attachments, in order); the sender has seen it.
 * @param {Queryable} tx
 * @param {object} o
 * @param {string} o.subjectId
 * @param {string} o.threadId
 * @param {'citizen' | 'relative' | 'staff'} o.role
 * @param {Reader} o.sender
 * @param {string} o.text normalised and checked
 * @param {readonly string[]} [o.attachmentIds] checked: the sender's, unused, for this subject
 * @param {Date} o.at
 * @param {string} [o.id]
 * @returns {Promise<string>} the message id
 */
export async function insertMessage(tx, { subjectId, threadId, role, sender, text, attachmentIds = [], at, id = newId('msg') }) {
  const sentAt = toSecond(at);
  const { rows } = await tx.query(
    `INSERT INTO messages (id, subject_id, thread_id, sent_at, sender_role, sender_person_id, sender_staff_id, text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`,
    [id, subjectId, threadId, sentAt, role, sender.kind === 'person' ? sender.id : null, sender.kind === 'staff' ? sender.id : null, text],
  );
  const seq = Number(rows[0].seq);
  for (const [i, a] of attachmentIds.entries()) {
    await tx.query('UPDATE attachments SET message_id = $2, position = $3 WHERE id = $1 AND message_id IS NULL', [a, id, i]);
  }
  await tx.query('UPDATE threads SET last_activity_at = $3, version_no = version_no + 1 WHERE subject_id = $1 AND id = $2', [subjectId, threadId, sentAt]);
  await markSeen(tx, { subjectId, threadId, reader: sender, seq, at: sentAt });
  return id;
}

/**
 * @param {Queryable} tx
 * @param {object} o
 * @param {string} o.subjectId
 * @param {string} o.grantedServiceId checked: active or planned for the subject
 * @param {string} o.careServiceId
 * @param {string} o.title
 * @param {'citizen' | 'relative' | 'staff'} o.startedBy
 * @param {Date} o.at
 * @param {string} [o.id]
 */
export async function insertThread(tx, { subjectId, grantedServiceId, careServiceId, title, startedBy, at, id = newId('thr') }) {
  const t = toSecond(at);
  await tx.query(
    `INSERT INTO threads (subject_id, id, title, granted_service_id, care_service_id, started_by, created_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [subjectId, id, title, grantedServiceId, careServiceId, startedBy, t],
  );
  return id;
}

/**
 * Closes an open thread (staff only); no replies after this.
 * @param {Queryable} tx
 * @param {{ subjectId: string, threadId: string, at: Date }} o
 * @returns {Promise<boolean>} false when it was not open
 */
export async function closeThread(tx, { subjectId, threadId, at }) {
  const t = toSecond(at);
  const r = await tx.query(
    `UPDATE threads SET status = 'closed', closed_at = $3, last_activity_at = $3, version_no = version_no + 1
      WHERE subject_id = $1 AND id = $2 AND status = 'open'`,
    [subjectId, threadId, t],
  );
  return r.rowCount > 0;
}
