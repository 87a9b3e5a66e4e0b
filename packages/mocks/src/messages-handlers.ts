/**
 * msw handlers for secure messages. Every route checks, in this order: authentication (guard) →
 * the subject and the person's grant (404) → the `messages` scope (403) → the request
 * (Idempotency-Key / preconditions, JSON, replay, the thread, the body: 400) → for a message,
 * the subject's dialogue consent (403 consent-required) → the state
 * (422 recipient-not-allowed, 409 thread-closed) → the attachments the sender may use (400) →
 * 412 → the change: the sandbox's order.
 */
import { logAccess } from './access-log.js';
import {
  attachmentTypes,
  canonical,
  checkAttachment,
  checkDraft,
  checkDraftDeletion,
  checkDraftPreconditions,
  checkIdempotencyKey as idempotencyKey,
  checkNewThread,
  checkReply,
  checkSeen,
  compareThreads,
  dialogueConsentOf,
  dialogueProblem,
  downloadDisposition,
  digest,
  draftConflict,
  etagOf,
  filenameFromDisposition,
  firstThreadChanges,
  invalid as bad,
  listEtag,
  messageLimits,
  normaliseText,
  osloIso,
  parseJsonBody,
  parseThreadQuery,
  pdfRefusal,
  recipientNotAllowed,
  threadClosed,
  threadNotFound,
  textLength,
  textProblem,
  threadCursor,
  threadVersion,
  unusableAttachments,
  type Attachment,
  type Draft,
  type Message,
  type RecipientList,
  type SeenState,
  type ThreadDetail,
  type ThreadPage,
} from '@omsorg/contract';
import { HttpResponse, http, type HttpHandler, type JsonBodyType } from 'msw';
import type { MockDb, SubjectRecord } from './records.js';
import type { MessageRouteContext } from './route-context.js';
import type { PersonKey } from '@omsorg/fixtures';
import { malformedMessage, malformedRecipients, malformedThread, malformedThreadPage } from './malformed.js';
import {
  addMessage,
  markSeen,
  messageServices,
  presentDraft,
  presentMessage,
  presentThread,
  presentThreadDetail,
  recipients,
  totalUnread,
  type DraftRecord,
  type ThreadRecord,
} from './messages.js';
import { lastActivity, type MessageFixture, type Party } from '@omsorg/fixtures';
import { EXPOSE, NO_STORE, isProblemSpec, json, noneMatch, notFound, notModified, problem } from './problems.js';
import { remember as rememberFirst, replay as replayFirst } from './idempotency.js';

/** The automatic answer of the offline demo. */
export const AUTO_REPLY_TEXT = 'Takk for meldingen. Vi har mottatt den og svarer så snart vi kan.';

/**
 * The refusal for (well-formed) attachment ids this person may not use: not uploaded by them for
 * this subject, or sent already. Asked only when the body has no other error, as the sandbox does.
 */
function unusable(db: MockDb, ids: readonly string[], subjectId: string, personId: string) {
  return unusableAttachments(ids, (id) => {
    const a = db.attachments.get(id);
    return !!a && a.subjectId === subjectId && a.uploadedBy === personId && a.messageId === null;
  });
}

export function messageHandlers(ctx: MessageRouteContext): HttpHandler[] {
  const { db, now, url, behaviour, guard, access } = ctx;
  const personId = (person: PersonKey): string => db.me.get(person)?.person.id ?? person;

  /** The caller as a party of the subject's threads: the citizen, or a relative acting for them. */
  function party(person: PersonKey, subject: SubjectRecord): Party & { onBehalfOf: string | null } {
    const me = db.me.get(person);
    const self = me?.subjects[0]?.id === subject.id;
    return { role: self ? 'citizen' : 'relative', personId: personId(person), name: me?.person.name ?? person, onBehalfOf: self ? null : subject.name };
  }

  const broken = <T extends JsonBodyType>(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): HttpResponse<T> => json(body as T, init);

  /** The message POSTs of the send-fails and offline-send scenarios fail first. */
  function failedPost(): Response | undefined {
    db.messagePosts += 1;
    if (db.messagePosts <= (behaviour.offlineMessagePosts ?? 0)) return HttpResponse.error();
    if (db.messagePosts <= (behaviour.failMessagePosts ?? 0)) {
      return problem({ status: 503, key: 'unavailable', detail: 'The message service is unavailable (send-fails scenario). Try again.' });
    }
    return undefined;
  }

  function scheduleAutoReply(threadId: string): void {
    if (ctx.autoReplyMs <= 0) return;
    void ctx.wait(ctx.autoReplyMs).then(() => {
      const thread = db.findThread(threadId);
      if (thread && thread.status === 'open') db.staffReply(threadId, AUTO_REPLY_TEXT);
    });
  }

  const replay = (person: PersonKey, key: string, fingerprint: string) => replayFirst(db, person, key, fingerprint);
  const remember = (person: PersonKey, key: string, fingerprint: string, status: number, body: unknown, etagValue?: string) =>
    rememberFirst(db, person, key, fingerprint, status, body, etagValue);

  const draftKey = (pid: string, subjectId: string, key: string): string => `${pid}|${subjectId}|${key}`;

  /** A draft key is `new` or one of the subject's threads. */
  const draftKeyKnown = (subject: SubjectRecord, key: string): boolean => key === 'new' || subject.threads.has(key);

  return [
    http.get(url('/subjects/:subjectId/message-recipients'), ({ request, params }) =>
      guard<RecipientList>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const body: RecipientList = { items: recipients(db, subject) };
        logAccess(db, person, subject.id, 'message-recipients');
        return behaviour.malformed ? broken<RecipientList>(malformedRecipients(body)) : json(body);
      }),
    ),

    http.get(url('/subjects/:subjectId/threads'), ({ request, params }) =>
      guard<ThreadPage>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const query = parseThreadQuery(new URL(request.url).searchParams);
        if (isProblemSpec(query)) return problem(query);
        const { limit, after } = query;

        const pid = personId(person);
        const key = (t: ThreadRecord) => ({ at: Date.parse(lastActivity(t)), id: t.id });
        const sorted = [...subject.threads.values()].filter((t) => !after || compareThreads(key(t), after) > 0).sort((a, b) => compareThreads(key(a), key(b)));
        const page = sorted.slice(0, limit);
        const last = page[page.length - 1];
        const body: ThreadPage = {
          items: page.map((t) => presentThread(db, subject, t, pid)),
          nextCursor: sorted.length > limit && last ? threadCursor(key(last).at, last.id) : null,
          unreadCount: totalUnread(subject, pid),
        };
        const tag = listEtag(body);
        // A 304 is not logged (docs/architecture.md): it discloses nothing new.
        if (noneMatch(request.headers.get('If-None-Match'), tag)) return notModified(tag);
        logAccess(db, person, subject.id, 'threads');
        return behaviour.malformed ? broken<ThreadPage>(malformedThreadPage(body), { headers: { ETag: tag } }) : json(body, { headers: { ETag: tag } });
      }),
    ),

    http.post(url('/subjects/:subjectId/threads'), ({ request, params }) =>
      guard<ThreadDetail>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const failed = failedPost();
        if (failed) return failed;
        const key = idempotencyKey(request.headers.get('Idempotency-Key'));
        if (typeof key !== 'string') return problem(key);
        const body = parseJsonBody(await request.text(), request.headers.get('Content-Type'));
        if (isProblemSpec(body)) return problem(body);
        const fingerprint = `POST ${subject.id}/threads\n${canonical(body)}`;
        const replayed = replay(person, key, fingerprint);
        if (replayed) return replayed;

        const pid = personId(person);
        const { errors, value } = checkNewThread(body);
        if (errors.length) return problem(bad('The new thread is not valid.', errors));
        const noConsent = dialogueProblem(dialogueConsentOf(subject.dialogueConsent));
        if (noConsent) return problem(noConsent);
        const service = messageServices(subject).find((s) => s.id === value.grantedServiceId);
        if (!service) return problem(recipientNotAllowed);
        const attachmentIds = value.attachmentIds;
        const refused = unusable(db, attachmentIds, subject.id, pid);
        if (refused) return problem(refused);

        const at = now();
        const thread: ThreadRecord = {
          id: db.nextId('thr'),
          subjectId: subject.id,
          title: value.title,
          status: 'open',
          grantedServiceId: service.id,
          startedBy: party(person, subject).role,
          createdAt: osloIso(at),
          messages: [],
          reads: [],
          version: firstThreadChanges,
        };
        const message = newMessage(person, subject, value.text, attachmentIds, at);
        subject.threads.set(thread.id, thread);
        addMessage(thread, message, at);
        for (const id of attachmentIds) db.attachments.get(id)!.messageId = message.id;
        db.drafts.delete(draftKey(pid, subject.id, 'new'));
        const detail = presentThreadDetail(db, subject, thread, pid);
        const tag = etagOf(detail);
        remember(person, key, fingerprint, 201, detail, tag);
        logAccess(db, person, subject.id, 'threads', 'create');
        scheduleAutoReply(thread.id);
        if (behaviour.malformed) return broken<ThreadDetail>(malformedThread(detail), { status: 201, headers: { ETag: tag } });
        return json(detail, { status: 201, headers: { ETag: tag } });
      }),
    ),

    http.get(url('/subjects/:subjectId/threads/:threadId'), ({ request, params }) =>
      guard<ThreadDetail>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const thread = subject.threads.get(params.threadId as string);
        if (!thread) return problem(threadNotFound);
        const pid = personId(person);
        const tag = etagOf({ version: threadVersion(thread.version) });
        if (noneMatch(request.headers.get('If-None-Match'), tag)) return notModified(tag);
        logAccess(db, person, subject.id, 'thread');
        const body = presentThreadDetail(db, subject, thread, pid);
        return behaviour.malformed ? broken<ThreadDetail>(malformedThread(body), { headers: { ETag: tag } }) : json(body, { headers: { ETag: tag } });
      }),
    ),

    http.post(url('/subjects/:subjectId/threads/:threadId/messages'), ({ request, params }) =>
      guard<Message>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const failed = failedPost();
        if (failed) return failed;
        const key = idempotencyKey(request.headers.get('Idempotency-Key'));
        if (typeof key !== 'string') return problem(key);
        const body = parseJsonBody(await request.text(), request.headers.get('Content-Type'));
        if (isProblemSpec(body)) return problem(body);
        const threadId = params.threadId as string;
        const fingerprint = `POST ${subject.id}/threads/${threadId}/messages\n${canonical(body)}`;
        const replayed = replay(person, key, fingerprint);
        if (replayed) return replayed;

        const thread = subject.threads.get(threadId);
        if (!thread) return problem(threadNotFound);
        const pid = personId(person);
        const { errors, value } = checkReply(body);
        if (errors.length) return problem(bad('The message is not valid.', errors));
        const noConsent = dialogueProblem(dialogueConsentOf(subject.dialogueConsent));
        if (noConsent) return problem(noConsent);
        if (thread.status === 'closed') return problem(threadClosed);
        const attachmentIds = value.attachmentIds;
        const refused = unusable(db, attachmentIds, subject.id, pid);
        if (refused) return problem(refused);

        const at = now();
        const message = newMessage(person, subject, value.text, attachmentIds, at);
        addMessage(thread, message, at);
        for (const id of attachmentIds) db.attachments.get(id)!.messageId = message.id;
        db.drafts.delete(draftKey(pid, subject.id, thread.id));
        const out = presentMessage(db, thread, message, pid);
        remember(person, key, fingerprint, 201, out);
        logAccess(db, person, subject.id, 'message', 'create');
        scheduleAutoReply(thread.id);
        return behaviour.malformed ? broken<Message>(malformedMessage(out), { status: 201 }) : json(out, { status: 201 });
      }),
    ),

    http.put(url('/subjects/:subjectId/threads/:threadId/seen'), ({ request, params }) =>
      guard<SeenState>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const body = parseJsonBody(await request.text(), request.headers.get('Content-Type'));
        if (isProblemSpec(body)) return problem(body);
        const thread = subject.threads.get(params.threadId as string);
        if (!thread) return problem(threadNotFound);
        const { errors, value } = checkSeen(body);
        const upTo = value.upToMessageId;
        if (errors.length) return problem(bad('The request is not valid.', errors));
        if (!thread.messages.some((m) => m.id === upTo)) return problem(bad('No such message in this thread.', [{ pointer: '/upToMessageId', code: 'invalid' }]));
        const { onBehalfOf: _, ...reader } = party(person, subject);
        markSeen(thread, reader, upTo as string, now());
        logAccess(db, person, subject.id, 'seen', 'update');
        const pid = personId(person);
        const out: SeenState = { threadId: thread.id, unreadCount: 0, totalUnreadCount: totalUnread(subject, pid) };
        out.unreadCount = presentThread(db, subject, thread, pid).unreadCount;
        return json(out);
      }),
    ),

    http.get(url('/subjects/:subjectId/drafts/:draftKey'), ({ request, params }) =>
      guard<Draft>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const d = db.drafts.get(draftKey(personId(person), subject.id, params.draftKey as string));
        if (!d) return notFound('No draft.');
        logAccess(db, person, subject.id, 'draft');
        return json(presentDraft(db, d), { headers: { ETag: etagOf(d) } });
      }),
    ),

    http.put(url('/subjects/:subjectId/drafts/:draftKey'), ({ request, params }) =>
      guard<Draft>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const pre = checkDraftPreconditions(request.headers.get('If-Match'), request.headers.get('If-None-Match'));
        if (isProblemSpec(pre)) return problem(pre);
        const body = parseJsonBody(await request.text(), request.headers.get('Content-Type'));
        if (isProblemSpec(body)) return problem(body);
        const k = params.draftKey as string;
        if (!draftKeyKnown(subject, k)) return problem(threadNotFound);
        const pid = personId(person);
        const { errors, value } = checkDraft(body);
        if (errors.length) return problem(bad('The draft is not valid.', errors));
        const attachmentIds = value.attachmentIds;
        const refused = unusable(db, attachmentIds, subject.id, pid);
        if (refused) return problem(refused);

        const id = draftKey(pid, subject.id, k);
        const existing = db.drafts.get(id);
        const conflict = draftConflict(existing, pre);
        if (conflict) return problem(conflict);
        const d: DraftRecord = {
          key: k,
          subjectId: subject.id,
          personId: pid,
          // A db-wide sequence: a deleted and re-created draft never reuses an old ETag.
          version: db.nextId('d'),
          text: value.text,
          title: value.title,
          grantedServiceId: value.grantedServiceId,
          attachmentIds,
          updatedAt: osloIso(now()),
        };
        db.drafts.set(id, d);
        logAccess(db, person, subject.id, 'draft', 'update');
        return json(presentDraft(db, d), { headers: { ETag: etagOf(d) } });
      }),
    ),

    http.delete(url('/subjects/:subjectId/drafts/:draftKey'), ({ request, params }) =>
      guard<null>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const pre = checkDraftDeletion(request.headers.get('If-Match'));
        if (isProblemSpec(pre)) return problem(pre);
        const id = draftKey(personId(person), subject.id, params.draftKey as string);
        const existing = db.drafts.get(id);
        if (!existing) return notFound('No draft.');
        const conflict = draftConflict(existing, pre);
        if (conflict) return problem(conflict);
        db.drafts.delete(id);
        logAccess(db, person, subject.id, 'draft', 'delete');
        return new HttpResponse(null, { status: 204, headers: { ...NO_STORE, ...EXPOSE } });
      }),
    ),

    http.post(url('/subjects/:subjectId/attachments'), ({ request, params }) =>
      guard<Attachment>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const key = idempotencyKey(request.headers.get('Idempotency-Key'));
        if (typeof key !== 'string') return problem(key);
        const filename = filenameFromDisposition(request.headers.get('Content-Disposition'));
        if (filename === null) return problem(bad("Send the file name as Content-Disposition: attachment; filename*=UTF-8''<name>."));
        if (textLength(filename) > 255 || textProblem(filename, 255)) return problem(bad('The file name is too long or holds control or bidirectional characters.'));
        const declared = (request.headers.get('Content-Type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
        const bytes = new Uint8Array(await request.arrayBuffer());
        const fingerprint = `POST ${subject.id}/attachments\n${filename}\n${declared}\n${bytes.length}:${digest(bytes)}`;
        const replayed = replay(person, key, fingerprint);
        if (replayed) return replayed;

        const type = checkAttachment(bytes, declared);
        if (isProblemSpec(type)) return problem(type);
        const refusal = type === 'application/pdf' ? await pdfRefusal(bytes) : undefined;
        if (refusal) return problem({ status: 415, key: 'attachmentType', detail: refusal });

        const id = db.nextId('att');
        db.attachments.set(id, { id, filename, contentType: type, size: bytes.length, subjectId: subject.id, bytes, uploadedBy: personId(person), messageId: null });
        const out: Attachment = { id, filename, contentType: type, size: bytes.length };
        remember(person, key, fingerprint, 201, out);
        logAccess(db, person, subject.id, 'attachment', 'create');
        return json(out, { status: 201 });
      }),
    ),

    http.get(url('/subjects/:subjectId/attachments/:attachmentId'), ({ request, params }) =>
      guard<null>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const a = db.attachments.get(params.attachmentId as string);
        // Sent in one of the subject's threads (every party), or uploaded by the caller and not sent yet.
        const visible = a && a.subjectId === subject.id && (a.messageId !== null ? true : a.uploadedBy === personId(person));
        if (!a || !visible) return notFound('No such attachment.');
        logAccess(db, person, subject.id, 'attachment');
        return new HttpResponse(a.bytes.slice().buffer, {
          status: 200,
          headers: {
            ...NO_STORE,
            ...EXPOSE,
            'Content-Type': a.contentType,
            'Content-Length': String(a.size),
            'Content-Disposition': downloadDisposition(a.filename),
            'X-Content-Type-Options': 'nosniff',
            'Content-Security-Policy': 'sandbox',
          },
        });
      }),
    ),
  ];

  function newMessage(person: PersonKey, subject: SubjectRecord, text: string, attachmentIds: string[], at: Date): MessageFixture {
    return { id: db.nextId('msg'), sentAt: osloIso(at), sender: party(person, subject), text: normaliseText(text), attachmentIds };
  }
}
