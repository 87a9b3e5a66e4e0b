// @ts-check
/**
 * The `messages` operations of the contract. Rules in the order of the other handlers:
 * token → subject (404) → scope `messages` (403) → headers (Idempotency-Key 400, If-Match 428)
 * → JSON (400) → replay or key reuse (422) → the object (404) → body (400 with errors[])
 * → state (409 thread-closed, 412, 422 recipient-not-allowed). Writes run in one transaction
 * that first claims the Idempotency-Key, as cancel.js does; only successes are kept.
 */
import { createHash } from 'node:crypto';
import { attachmentTypes, downloadDisposition, filenameFromDisposition, messageLimits, normaliseText, sniffAttachmentType, textProblem } from '@omsorg/contract';
import { canonical, checkDraft, checkIdempotencyKey, checkNewThread, checkReply, checkSeen, matchesEtag, noneMatch, parseThreadQuery, pdfRefusal, threadCursor } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { fieldErrors } from './contract.js';
import { isId } from './store.js';
import {
  deleteDraftRow,
  findDownloadable,
  findDraft,
  findMessage,
  findThreadRow,
  insertMessage,
  insertThread,
  listRecipients,
  listThreadRows,
  markSeen,
  newId,
  threadParties,
  toAttachment,
  toSecond,
  toThreadDetail,
  toThreads,
  unreadCount,
  usableAttachments,
} from './messages-store.js';

/** @typedef {import('./problems.js').FieldError} FieldError */
/** @typedef {import('./index.js').Reply} Reply */
/** @typedef {import('./store.js').SubjectAccess} SubjectAccess */

/** The upload route's own limit. */
export const MAX_UPLOAD_BYTES = messageLimits.attachmentMaxBytes;
/**
 * JSON limits where the contract's texts do not fit the API's 16 KB: 4,000 characters of up to
 * 4 bytes plus a title; a draft of 20,000 (escaped in JSON, up to 6 bytes each).
 */
const MAX_MESSAGE_JSON_BYTES = 32 * 1024;
const MAX_DRAFT_JSON_BYTES = 128 * 1024;

/** The messaging operations (routed here by index.js). */
export const MESSAGE_OPERATIONS = new Set([
  'listMessageRecipients',
  'listThreads',
  'startThread',
  'getThread',
  'sendMessage',
  'markThreadSeen',
  'getDraft',
  'saveDraft',
  'deleteDraft',
  'uploadAttachment',
  'downloadAttachment',
]);

/**
 * @param {unknown} body
 * @param {number} [status]
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
const json = (body, status = 200, headers = {}) => ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body });

/** @param {string} detail @param {FieldError[]} [errors] */
const invalid = (detail, errors) => new ProblemError(400, 'validation', detail, errors && errors.length ? { errors } : {});

/** @param {string | undefined} v */
const checkKey = (v) => orThrow(checkIdempotencyKey(v));

/** @param {{ text: string, tooLarge: boolean }} body */
function parseJson(body) {
  if (body.tooLarge) throw invalid('The body is too large.', [{ pointer: '', code: 'too-long' }]);
  try {
    return JSON.parse(body.text);
  } catch {
    throw invalid('The body is not JSON.', [{ pointer: '', code: 'invalid' }]);
  }
}

/**
 * Attachment ids that the sender may use: uploaded by them for this subject, not yet sent.
 * @param {import('../db/index.js').Queryable} q
 * @param {string} subjectId
 * @param {import('./messages-store.js').Reader} reader
 * @param {string[]} ids
 */
async function checkUsable(q, subjectId, reader, ids) {
  const usable = new Set((await usableAttachments(q, subjectId, reader, ids)).map((a) => a.id));
  /** @type {FieldError[]} */
  const errors = [];
  ids.forEach((id, i) => {
    if (!usable.has(id)) errors.push({ pointer: `/attachmentIds/${i}`, code: 'invalid' });
  });
  if (errors.length) throw invalid('An attachment is not one you uploaded for this person, or it was already sent.', errors);
}

/**
 * Claims an Idempotency-Key inside the transaction (a concurrent duplicate waits on the unique
 * index); returns the stored first answer for a replay.
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} personId
 * @param {string} key
 * @param {string} requestHash
 * @returns {Promise<{ status: number, body: unknown, etag?: string } | undefined>}
 */
async function claimKey(tx, personId, key, requestHash) {
  const claim = await tx.query(
    `INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, key) DO NOTHING RETURNING key`,
    [personId, key, requestHash],
  );
  if (claim.rows.length > 0) return undefined;
  const { rows } = await tx.query('SELECT request_hash, status, response FROM idempotency_records WHERE person_id = $1 AND key = $2', [personId, key]);
  const earlier = rows[0];
  if (earlier && earlier.request_hash === requestHash && earlier.response) {
    return { status: earlier.status, body: earlier.response.body, ...(earlier.response.etag ? { etag: earlier.response.etag } : {}) };
  }
  throw new ProblemError(422, 'idempotencyKeyReused', 'This Idempotency-Key was used for a different request.');
}

/**
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} personId
 * @param {string} key
 * @param {{ status: number, body: unknown, etag?: string }} answer
 */
const rememberAnswer = (tx, personId, key, answer) =>
  tx.query('UPDATE idempotency_records SET status = $3, response = $4::json WHERE person_id = $1 AND key = $2', [
    personId,
    key,
    answer.status,
    JSON.stringify({ ...(answer.etag ? { etag: answer.etag } : {}), body: answer.body }),
  ]);

/** @param {string} s */
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

// ---- attachments -------------------------------------------------------------------------

/** Characters never kept in a file name: controls, bidi marks/overrides/isolates, path separators. */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/**
 * The file name from `Content-Disposition` (`filename*=UTF-8''…`, or a plain `filename="…"`),
 * made safe: no path, no control or bidi characters, at most 255 characters.
 * @param {string | undefined} header
 * @returns {string | undefined} undefined when there is no usable name
 */
export function attachmentFilename(header) {
  let name = filenameFromDisposition(header);
  if (name === null) return undefined;
  name = name.replace(UNSAFE_NAME_CHARS, '').trim().replace(/^\.+/, '');
  if (!name) return undefined;
  const chars = Array.from(name);
  if (chars.length > 255) {
    // Keep the extension when cutting.
    const dot = name.lastIndexOf('.');
    const extPart = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, 255 - Array.from(extPart).length).join('') + extPart;
  }
  return name;
}

/**
 * Reads an upload, stopping as soon as it passes `max` bytes.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} max
 * @returns {Promise<Buffer | undefined>} undefined when too large
 */
async function readUpload(req, max) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) {
      req.pause();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// ---- the operations ----------------------------------------------------------------------

/**
 * @typedef {object} MessageContext
 * @property {import('../db/index.js').Database} db
 * @property {import('./contract.js').Contract} contract
 * @property {import('node:http').IncomingMessage} req
 * @property {URL} url
 * @property {string} path
 * @property {string} method
 * @property {Record<string, string>} params
 * @property {{ id: string, name: string }} person
 * @property {Date} at
 * @property {string} today
 * @property {(scope: 'messages', what: any) => Promise<SubjectAccess>} access
 * @property {(e: any, q?: import('../db/index.js').Queryable) => Promise<void>} log
 * @property {(max?: number) => Promise<{ text: string, tooLarge: boolean }>} body the JSON body (default: the API's 16 KB limit)
 * @property {(name: string) => string | undefined} header
 * @property {() => void} closeConnection ask for the connection to close after the answer
 */

/**
 * @param {string} operationId
 * @param {MessageContext} c
 * @returns {Promise<Reply>}
 */
export async function messageOperation(operationId, c) {
  const { db, person, at, params } = c;
  /** @type {import('./messages-store.js').Reader} */
  const reader = { kind: 'person', id: person.id };

  /**
   * Runs `fn` after access; logs a refusal (or a 404 for an object) before rethrowing.
   * @param {any} what
   * @param {(subject: SubjectAccess) => Promise<Reply>} fn
   */
  const guarded = async (what, fn) => {
    const subject = await c.access('messages', what);
    try {
      return await fn(subject);
    } catch (err) {
      if (err instanceof ProblemError) await c.log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
      throw err;
    }
  };
  /** @param {SubjectAccess} subject @param {any} what @param {number} status @param {import('../db/index.js').Queryable} [q] */
  const ok = (subject, what, status, q, replayed = false) => c.log({ ...what, subjectId: subject.id, outcome: replayed ? 'replayed' : 'ok', status }, q);
  /** A backstop after our own checks: the contract's schema. @param {unknown} body */
  const schemaErrors = (body) =>
    fieldErrors(c.contract.validateRequest(operationId, { method: c.method, path: c.path, headers: c.req.headers, query: c.url.search.slice(1), body }));
  /** @param {SubjectAccess} subject */
  const roleOf = (subject) => (subject.relation.code === 'self' ? /** @type {const} */ ('citizen') : /** @type {const} */ ('relative'));
  /** @param {string} id */
  const threadOrNotFound = async (/** @type {import('../db/index.js').Queryable} */ q, /** @type {string} */ subjectId, id, forUpdate = false) => {
    const row = isId(id) ? await findThreadRow(q, subjectId, id, { forUpdate }) : undefined;
    if (!row) throw new ProblemError(404, 'notFound', 'No such thread.');
    return row;
  };

  switch (operationId) {
    case 'listMessageRecipients': {
      const what = { action: 'read', resource: 'message-recipients' };
      return guarded(what, async (subject) => {
        const items = await listRecipients(db, subject.id);
        await ok(subject, what, 200);
        return json({ items });
      });
    }

    case 'listThreads': {
      const what = { action: 'read', resource: 'threads' };
      return guarded(what, async (subject) => {
        const { limit, after } = orThrow(parseThreadQuery(c.url.searchParams));
        const [page, parties, total] = await Promise.all([
          listThreadRows(db, subject.id, { limit, ...(after ? { after } : {}) }),
          threadParties(db, subject.id, c.today),
          unreadCount(db, subject.id, reader),
        ]);
        const items = await toThreads(db, subject.id, page.rows, { reader, parties });
        const lastRow = page.rows[page.rows.length - 1];
        const nextCursor = page.more && lastRow ? threadCursor(lastRow.last_activity_at.getTime(), lastRow.id) : null;
        const body = { items, nextCursor, unreadCount: total };
        // The body, as this caller sees it (unread counts, isCurrentUser): the tag changes with it.
        const etag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
        if (noneMatch(c.header('if-none-match'), etag)) {
          await ok(subject, what, 304);
          return { status: 304, headers: { ETag: etag }, body: undefined };
        }
        await ok(subject, what, 200);
        return json(body, 200, { ETag: etag });
      });
    }

    case 'getThread': {
      const threadId = params.threadId ?? '';
      const what = { action: 'read', resource: 'thread', resourceId: threadId };
      return guarded(what, async (subject) => {
        const row = await threadOrNotFound(db, subject.id, threadId);
        // The version moves with every message and every read pointer: the caller's unread state too.
        const etag = `"v${row.version_no}"`;
        if (noneMatch(c.header('if-none-match'), etag)) {
          await ok(subject, what, 304);
          return { status: 304, headers: { ETag: etag }, body: undefined };
        }
        const detail = await toThreadDetail(db, row, { reader, parties: await threadParties(db, subject.id, c.today) });
        await ok(subject, what, 200);
        return json(detail, 200, { ETag: etag });
      });
    }

    case 'startThread': {
      const what = { action: 'create', resource: 'threads' };
      return guarded(what, async (subject) => {
        const key = checkKey(c.header('idempotency-key'));
        const body = parseJson(await c.body(MAX_MESSAGE_JSON_BYTES));
        const hash = sha256(`startThread\n${subject.id}\n${canonical(body)}`);
        return db.transaction(async (tx) => {
          const replay = await claimKey(tx, person.id, key, hash);
          if (replay) {
            await ok(subject, what, replay.status, tx, true);
            return json(replay.body, replay.status, replay.etag ? { ETag: replay.etag } : {});
          }
          const { errors, value } = checkNewThread(body);
          const { title, text, attachmentIds } = value;
          if (errors.length === 0) errors.push(...schemaErrors({ ...body, title, text }));
          if (errors.length) throw invalid('The new thread is not valid.', errors);

          const [recipient] = await listRecipients(tx, subject.id, value.grantedServiceId);
          if (!recipient) throw new ProblemError(422, 'recipientNotAllowed', 'Write only to the care service of a service this person receives.');
          await checkUsable(tx, subject.id, reader, attachmentIds);

          const role = roleOf(subject);
          const threadId = await insertThread(tx, {
            subjectId: subject.id,
            grantedServiceId: recipient.grantedServiceId,
            careServiceId: recipient.careService.id,
            title,
            startedBy: role,
            at,
          });
          await insertMessage(tx, { subjectId: subject.id, threadId, role, sender: reader, text, attachmentIds, at });
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: 'new' });
          const row = await threadOrNotFound(tx, subject.id, threadId);
          const detail = await toThreadDetail(tx, row, { reader, parties: await threadParties(tx, subject.id, c.today) });
          const answer = { status: 201, body: detail, etag: `"${detail.version}"` };
          await rememberAnswer(tx, person.id, key, answer);
          await ok(subject, { ...what, resourceId: threadId }, 201, tx);
          return json(detail, 201, { ETag: answer.etag });
        });
      });
    }

    case 'sendMessage': {
      const threadId = params.threadId ?? '';
      const what = { action: 'create', resource: 'message', resourceId: threadId };
      return guarded(what, async (subject) => {
        const key = checkKey(c.header('idempotency-key'));
        const body = parseJson(await c.body(MAX_MESSAGE_JSON_BYTES));
        const hash = sha256(`sendMessage\n${subject.id}/${threadId}\n${canonical(body)}`);
        return db.transaction(async (tx) => {
          const replay = await claimKey(tx, person.id, key, hash);
          if (replay) {
            await ok(subject, what, replay.status, tx, true);
            return json(replay.body, replay.status);
          }
          const row = await threadOrNotFound(tx, subject.id, threadId, true);
          const { errors, value } = checkReply(body);
          const { text, attachmentIds } = value;
          if (errors.length === 0) errors.push(...schemaErrors({ ...body, text }));
          if (errors.length) throw invalid('The message is not valid.', errors);
          if (row.status !== 'open') throw new ProblemError(409, 'threadClosed', 'The care service has closed this thread. Start a new one.');
          await checkUsable(tx, subject.id, reader, attachmentIds);

          const messageId = await insertMessage(tx, { subjectId: subject.id, threadId, role: roleOf(subject), sender: reader, text, attachmentIds, at });
          // The sender's draft for this thread goes with the send (same transaction).
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: threadId });
          const parties = await threadParties(tx, subject.id, c.today);
          const message = await findMessage(tx, subject.id, messageId, { reader, subjectName: parties.subjectName });
          await rememberAnswer(tx, person.id, key, { status: 201, body: message });
          await ok(subject, what, 201, tx);
          return json(message, 201);
        });
      });
    }

    case 'markThreadSeen': {
      const threadId = params.threadId ?? '';
      const what = { action: 'update', resource: 'seen', resourceId: threadId };
      return guarded(what, async (subject) => {
        const body = parseJson(await c.body());
        return db.transaction(async (tx) => {
          await threadOrNotFound(tx, subject.id, threadId, true);
          const { errors, value } = checkSeen(body);
          if (errors.length) throw invalid('The request is not valid.', errors);
          const { rows } = await tx.query('SELECT seq FROM messages WHERE subject_id = $1 AND thread_id = $2 AND id = $3', [subject.id, threadId, value.upToMessageId]);
          if (!rows[0]) throw invalid('No such message in this thread.', [{ pointer: '/upToMessageId', code: 'invalid' }]);
          await markSeen(tx, { subjectId: subject.id, threadId, reader, seq: Number(rows[0].seq), at });
          const [inThread, total] = [await unreadCount(tx, subject.id, reader, threadId), await unreadCount(tx, subject.id, reader)];
          await ok(subject, what, 200, tx);
          return json({ threadId, unreadCount: inThread, totalUnreadCount: total });
        });
      });
    }

    case 'getDraft': {
      const draftKey = params.draftKey ?? '';
      const what = { action: 'read', resource: 'draft', resourceId: draftKey };
      return guarded(what, async (subject) => {
        if (draftKey !== 'new') await threadOrNotFound(db, subject.id, draftKey);
        const draft = await findDraft(db, { personId: person.id, subjectId: subject.id, key: draftKey });
        if (!draft) throw new ProblemError(404, 'notFound', 'No draft.');
        await ok(subject, what, 200);
        return json(draft, 200, { ETag: `"${draft.version}"` });
      });
    }

    case 'saveDraft': {
      const draftKey = params.draftKey ?? '';
      const what = { action: 'update', resource: 'draft', resourceId: draftKey };
      return guarded(what, async (subject) => {
        const ifMatch = c.header('if-match')?.trim();
        const ifNoneMatch = c.header('if-none-match')?.trim();
        if (!ifMatch && ifNoneMatch !== '*') {
          throw new ProblemError(428, 'preconditionRequired', "Send If-None-Match: * to create the draft, or If-Match with the draft's ETag to replace it.");
        }
        const body = parseJson(await c.body(MAX_DRAFT_JSON_BYTES));
        return db.transaction(async (tx) => {
          if (draftKey !== 'new') await threadOrNotFound(tx, subject.id, draftKey);
          const { errors, value } = checkDraft(body);
          const { text, title, attachmentIds, grantedServiceId: gs } = value;
          if (errors.length === 0) errors.push(...schemaErrors({ ...body, text }));
          if (errors.length === 0 && typeof gs === 'string' && (await listRecipients(tx, subject.id, gs)).length === 0) {
            errors.push({ pointer: '/grantedServiceId', code: 'invalid' });
          }
          if (errors.length) throw invalid('The draft is not valid.', errors);
          await checkUsable(tx, subject.id, reader, attachmentIds);

          const current = await findDraft(tx, { personId: person.id, subjectId: subject.id, key: draftKey, forUpdate: true });
          if (ifMatch ? !current || !matchesEtag(ifMatch, `"${current.version}"`) : current) {
            throw new ProblemError(412, 'preconditionFailed', 'The draft was changed elsewhere (another tab or device). Fetch it again.');
          }
          const version = newId('d');
          await tx.query(
            `INSERT INTO drafts (person_id, subject_id, key, version, text, title, granted_service_id, attachment_ids, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9)
             ON CONFLICT (person_id, subject_id, key) DO UPDATE
               SET version = EXCLUDED.version, text = EXCLUDED.text, title = EXCLUDED.title,
                   granted_service_id = EXCLUDED.granted_service_id, attachment_ids = EXCLUDED.attachment_ids, updated_at = EXCLUDED.updated_at`,
            [person.id, subject.id, draftKey, version, text, title, typeof gs === 'string' ? gs : null, attachmentIds, toSecond(at)],
          );
          const saved = /** @type {import('@omsorg/contract').Draft} */ (await findDraft(tx, { personId: person.id, subjectId: subject.id, key: draftKey }));
          await ok(subject, what, 200, tx);
          return json(saved, 200, { ETag: `"${saved.version}"` });
        });
      });
    }

    case 'deleteDraft': {
      const draftKey = params.draftKey ?? '';
      const what = { action: 'delete', resource: 'draft', resourceId: draftKey };
      return guarded(what, async (subject) => {
        const ifMatch = c.header('if-match')?.trim();
        if (!ifMatch) throw new ProblemError(428, 'preconditionRequired', "Send If-Match with the draft's ETag.");
        return db.transaction(async (tx) => {
          const current = isId(draftKey) ? await findDraft(tx, { personId: person.id, subjectId: subject.id, key: draftKey, forUpdate: true }) : undefined;
          if (!current) throw new ProblemError(404, 'notFound', 'No draft.');
          if (!matchesEtag(ifMatch, `"${current.version}"`)) throw new ProblemError(412, 'preconditionFailed', 'The draft was changed elsewhere. Fetch it again.');
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: draftKey });
          await ok(subject, what, 204, tx);
          return { status: 204, headers: {}, body: undefined };
        });
      });
    }

    case 'uploadAttachment': {
      const what = { action: 'create', resource: 'attachment' };
      return guarded(what, async (subject) => {
        const key = checkKey(c.header('idempotency-key'));
        const filename = attachmentFilename(c.header('content-disposition'));
        if (!filename) throw invalid("Send the file name as Content-Disposition: attachment; filename*=UTF-8''<name>.");
        const declared = (c.header('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
        const tooLarge = () => {
          c.closeConnection();
          return new ProblemError(413, 'attachmentTooLarge', `An attachment may be at most ${messageLimits.attachmentMaxBytes} bytes (5 MiB).`);
        };
        if (Number(c.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
        const bytes = await readUpload(c.req, MAX_UPLOAD_BYTES);
        if (!bytes) throw tooLarge();
        if (bytes.length === 0) throw invalid('The file is empty.');
        const type = sniffAttachmentType(bytes);
        if (!type) throw new ProblemError(415, 'attachmentType', 'Only PDF, PNG and JPEG files can be attached.');
        if (declared !== type) throw new ProblemError(415, 'attachmentType', `The file's content is ${type}, not ${declared || 'what was declared'}.`);
        const refusal = type === 'application/pdf' ? await pdfRefusal(bytes) : undefined;
        if (refusal) throw new ProblemError(415, 'attachmentType', refusal);
        const digest = createHash('sha256').update(bytes).digest('hex');
        const hash = sha256(`uploadAttachment\n${subject.id}\n${filename}\n${type}\n${digest}`);
        return db.transaction(async (tx) => {
          const replay = await claimKey(tx, person.id, key, hash);
          if (replay) {
            await ok(subject, what, replay.status, tx, true);
            return json(replay.body, replay.status);
          }
          const id = newId('att');
          await tx.query(
            `INSERT INTO attachments (id, subject_id, uploader_person_id, filename, content_type, size, sha256, data, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [id, subject.id, person.id, filename, type, bytes.length, digest, bytes, toSecond(at)],
          );
          const attachment = toAttachment({ id, filename, content_type: type, size: bytes.length });
          await rememberAnswer(tx, person.id, key, { status: 201, body: attachment });
          await ok(subject, { ...what, resourceId: id }, 201, tx);
          return json(attachment, 201);
        });
      });
    }

    case 'downloadAttachment': {
      const attachmentId = params.attachmentId ?? '';
      const what = { action: 'read', resource: 'attachment', resourceId: attachmentId };
      return guarded(what, async (subject) => {
        const a = isId(attachmentId) ? await findDownloadable(db, subject.id, attachmentId, reader) : undefined;
        if (!a) throw new ProblemError(404, 'notFound', 'No such attachment.');
        await ok(subject, what, 200);
        return attachmentReply(a);
      });
    }

    default:
      throw new ProblemError(404, 'notFound', `No route for ${c.method} ${c.url.pathname}.`);
  }
}

/**
 * The download answer: the bytes, never shown inline, never sniffed, never scripted, never kept.
 * @param {{ filename: string, content_type: string, data: Uint8Array }} a
 * @returns {Reply}
 */
export function attachmentReply(a) {
  const data = Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  return {
    status: 200,
    headers: {
      'Content-Type': attachmentTypes.includes(/** @type {any} */ (a.content_type)) ? a.content_type : 'application/octet-stream',
      'Content-Disposition': downloadDisposition(a.filename),
      'Content-Security-Policy': 'sandbox',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
    body: data,
  };
}
