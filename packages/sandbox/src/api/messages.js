// @ts-check
/**
 * The `messages` operations of the contract. Rules in the order of the other handlers:
 * token → subject (404) → scope `messages` (403) → headers (Idempotency-Key 400, If-Match 428)
 * → JSON (400) → replay or key reuse (422) → the object (404) → body (400 with errors[])
 * → for a message, the subject's dialogue consent (403 consent-required) → state (409
 * thread-closed, 412, 422 recipient-not-allowed). Writes run in one transaction
 * that first claims the Idempotency-Key, as cancel.js does; only successes are kept.
 */
import {
  canonical,
  checkDraft,
  checkDraftDeletion,
  checkDraftPreconditions,
  checkNewThread,
  checkReply,
  checkSeen,
  draftConflict,
  etagOf,
  noneMatch,
  parseThreadQuery,
  recipientNotAllowed,
  threadClosed,
  threadCursor,
} from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { isId } from '../data/store.js';
import { deleteDraftRow, findDraft } from '../data/drafts.js';
import { messageConsentProblem } from '../data/consent.js';
import {
  findMessage,
  insertMessage,
  insertThread,
  listRecipients,
  listThreadRows,
  markSeen,
  newId,
  threadParties,
  toSecond,
  toThreadDetail,
  toThreads,
  unreadCount,
  versionOf,
} from '../data/messages.js';
import { downloadAttachment, uploadAttachment } from './attachments.js';
import { whileInFlight } from './in-flight.js';
import { withHomeSource } from '../records/index.js';
import { jsonWithListEtag } from './reply-kit.js';
import { MAX_DRAFT_JSON_BYTES, MAX_MESSAGE_JSON_BYTES, checkKey, checkUsable, claimKey, invalid, json, keyedId, operationKit, parseJson, rememberAnswer, sha256 } from './message-kit.js';

/** @typedef {import('./problems.js').FieldError} FieldError */

/** A message needs the subject's dialogue consent in force (403 consent-required). @param {import('../db/index.js').Queryable} tx @param {string} subjectId */
async function needsConsent(tx, subjectId) {
  const problem = await messageConsentProblem(tx, subjectId);
  if (problem) throw ProblemError.from(problem);
}
/** @typedef {import('../http/reply.js').Reply} Reply */
/** @typedef {import('../data/store.js').SubjectAccess} SubjectAccess */

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
 * @param {string} operationId
 * @param {import('./message-kit.js').MessageContext} c
 * @returns {Promise<Reply>}
 */
export async function messageOperation(operationId, c) {
  const { db, person, at, params } = c;
  const { reader, guarded, ok, schemaErrors, roleOf, threadOrNotFound } = operationKit(operationId, c);

  switch (operationId) {
    case 'listMessageRecipients': {
      const what = { action: 'read', resource: 'message-recipients' };
      return guarded(what, async (subject) => {
        // Each says its granted service's source, as the record system gives the services.
        const items = withHomeSource(await listRecipients(db, subject.id), c.records.homeSource);
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
        const items = await toThreads(db, subject.id, page.rows, { reader, parties, homeSource: c.records.homeSource });
        const lastRow = page.rows[page.rows.length - 1];
        const nextCursor = page.more && lastRow ? threadCursor(lastRow.last_activity_at.getTime(), lastRow.id) : null;
        const body = { items, nextCursor, unreadCount: total };
        // The body, as this caller sees it (unread counts, isCurrentUser): the tag changes with it.
        const { etag, reply } = jsonWithListEtag(body);
        // Not logged: a 304 discloses nothing new (docs/architecture.md, "A 304 is not logged").
        if (noneMatch(c.header('if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
        await ok(subject, what, 200);
        return reply();
      });
    }

    case 'getThread': {
      const threadId = params.threadId ?? '';
      const what = { action: 'read', resource: 'thread', resourceId: threadId };
      return guarded(what, async (subject) => {
        const row = await threadOrNotFound(db, subject.id, threadId);
        // The version moves with every message and every read pointer: the caller's unread state too.
        const etag = etagOf({ version: versionOf(row) });
        // Not logged: a 304 discloses nothing new (docs/architecture.md, "A 304 is not logged").
        if (noneMatch(c.header('if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
        const detail = await toThreadDetail(db, row, { reader, parties: await threadParties(db, subject.id, c.today), homeSource: c.records.homeSource });
        await ok(subject, what, 200);
        return json(detail, 200, { ETag: etag });
      });
    }

    case 'startThread': {
      const what = { action: 'create', resource: 'threads' };
      return guarded(what, async (subject) => {
        const key = checkKey(c.header('idempotency-key'));
        const body = parseJson(await c.body(MAX_MESSAGE_JSON_BYTES), c.header('content-type'));
        const hash = sha256(`startThread\n${subject.id}\n${canonical(body)}`);
        return whileInFlight(db, person.id, key, () => db.transaction(async (tx) => {
          const replay = await claimKey(tx, person.id, key, hash);
          if (replay) {
            await ok(subject, what, replay.status, tx, true);
            return json(replay.body, replay.status, replay.etag ? { ETag: replay.etag } : {});
          }
          const { errors, value } = checkNewThread(body);
          const { title, text, attachmentIds } = value;
          if (errors.length === 0) errors.push(...schemaErrors({ ...body, title, text }));
          if (errors.length) throw invalid('The new thread is not valid.', errors);
          await needsConsent(tx, subject.id);

          const [recipient] = await listRecipients(tx, subject.id, value.grantedServiceId);
          if (!recipient) throw ProblemError.from(recipientNotAllowed);
          await checkUsable(tx, subject.id, reader, attachmentIds);

          const role = roleOf(subject);
          const threadId = await insertThread(tx, {
            subjectId: subject.id,
            grantedServiceId: recipient.grantedServiceId,
            careServiceId: recipient.careService.id,
            title,
            startedBy: role,
            at,
            id: await keyedId(tx, 'thr', person.id, key, hash),
          });
          const messageId = await insertMessage(tx, { subjectId: subject.id, threadId, role, sender: reader, text, attachmentIds, at, id: await keyedId(tx, 'msg', person.id, key, hash) });
          await c.records.recordMessage(tx, {
            id: messageId, subjectId: subject.id, threadId, title, careServiceId: recipient.careService.id, grantedServiceId: recipient.grantedServiceId,
            sender: { personId: person.id, name: person.name, role: role === 'relative' ? 'relative' : 'citizen' }, text, sentAt: at, attachments: attachmentIds.length,
          });
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: 'new' });
          const row = await threadOrNotFound(tx, subject.id, threadId);
          const detail = await toThreadDetail(tx, row, { reader, parties: await threadParties(tx, subject.id, c.today), homeSource: c.records.homeSource });
          const answer = { status: 201, body: detail, etag: etagOf(detail) };
          await rememberAnswer(tx, person.id, key, answer);
          await ok(subject, { ...what, resourceId: threadId }, 201, tx);
          return json(detail, 201, { ETag: answer.etag });
        }));
      });
    }

    case 'sendMessage': {
      const threadId = params.threadId ?? '';
      const what = { action: 'create', resource: 'message', resourceId: threadId };
      return guarded(what, async (subject) => {
        const key = checkKey(c.header('idempotency-key'));
        const body = parseJson(await c.body(MAX_MESSAGE_JSON_BYTES), c.header('content-type'));
        const hash = sha256(`sendMessage\n${subject.id}/${threadId}\n${canonical(body)}`);
        return whileInFlight(db, person.id, key, () => db.transaction(async (tx) => {
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
          await needsConsent(tx, subject.id);
          if (row.status !== 'open') throw ProblemError.from(threadClosed);
          await checkUsable(tx, subject.id, reader, attachmentIds);

          const messageId = await insertMessage(tx, { subjectId: subject.id, threadId, role: roleOf(subject), sender: reader, text, attachmentIds, at, id: await keyedId(tx, 'msg', person.id, key, hash) });
          await c.records.recordMessage(tx, {
            id: messageId, subjectId: subject.id, threadId, title: row.title, careServiceId: row.care_service_id, grantedServiceId: row.granted_service_id,
            sender: { personId: person.id, name: person.name, role: roleOf(subject) === 'relative' ? 'relative' : 'citizen' }, text, sentAt: at, attachments: attachmentIds.length,
          });
          // The sender's draft for this thread goes with the send (same transaction).
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: threadId });
          const parties = await threadParties(tx, subject.id, c.today);
          const message = await findMessage(tx, subject.id, messageId, { reader, subjectName: parties.subjectName });
          await rememberAnswer(tx, person.id, key, { status: 201, body: message });
          await ok(subject, what, 201, tx);
          return json(message, 201);
        }));
      });
    }

    case 'markThreadSeen': {
      const threadId = params.threadId ?? '';
      const what = { action: 'update', resource: 'seen', resourceId: threadId };
      return guarded(what, async (subject) => {
        const body = parseJson(await c.body(), c.header('content-type'));
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
        return json(draft, 200, { ETag: etagOf(draft) });
      });
    }

    case 'saveDraft': {
      const draftKey = params.draftKey ?? '';
      const what = { action: 'update', resource: 'draft', resourceId: draftKey };
      return guarded(what, async (subject) => {
        const pre = orThrow(checkDraftPreconditions(c.header('if-match'), c.header('if-none-match')));
        const body = parseJson(await c.body(MAX_DRAFT_JSON_BYTES), c.header('content-type'));
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
          const conflict = draftConflict(current, pre);
          if (conflict) throw ProblemError.from(conflict);
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
          return json(saved, 200, { ETag: etagOf(saved) });
        });
      });
    }

    case 'deleteDraft': {
      const draftKey = params.draftKey ?? '';
      const what = { action: 'delete', resource: 'draft', resourceId: draftKey };
      return guarded(what, async (subject) => {
        const pre = orThrow(checkDraftDeletion(c.header('if-match')));
        return db.transaction(async (tx) => {
          const current = isId(draftKey) ? await findDraft(tx, { personId: person.id, subjectId: subject.id, key: draftKey, forUpdate: true }) : undefined;
          if (!current) throw new ProblemError(404, 'notFound', 'No draft.');
          const conflict = draftConflict(current, pre);
          if (conflict) throw ProblemError.from(conflict);
          await deleteDraftRow(tx, { personId: person.id, subjectId: subject.id, key: draftKey });
          await ok(subject, what, 204, tx);
          return { status: 204, headers: {}, body: undefined };
        });
      });
    }

    case 'uploadAttachment':
      return uploadAttachment(c);

    case 'downloadAttachment':
      return downloadAttachment(c);

    default:
      throw new ProblemError(404, 'notFound', `No route for ${c.method} ${c.url.pathname}.`);
  }
}
