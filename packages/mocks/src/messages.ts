/**
 * Messages in the mock db: each reader's view of the stored threads (unread, isCurrentUser,
 * seenSinceLastUpdate; the version and who has seen what by the rules core) and the changes
 * (a message, a read pointer, a staff reply).
 */
import {
  firstThreadChanges,
  messageLimits,
  seenSinceLastUpdate as seenSince,
  serviceTypes,
  threadVersion,
  type Attachment,
  type Draft,
  type GrantedService,
  type Message,
  type Recipient,
  type SeenBy,
  type Sender,
  type Thread,
  type ThreadDetail,
} from '@omsorg/contract';
import type { DraftRecord, MockDb, StaffMessageOptions, SubjectRecord, ThreadRecord } from './records.js';
import { defaultReplyPolicy, isRecipientService, lastActivity, type MessageFixture, type Party, type ReadFixture, type ThreadFixture } from '@omsorg/fixtures';
import { osloIso } from '@omsorg/contract';

export type { DraftRecord, StaffMessageOptions, ThreadRecord } from './records.js';

/** Who a party is, for "the same party": a person, or a staff member by name. */
const partyKey = (p: { personId: string | null; name: string }): string => p.personId ?? `staff:${p.name}`;

const codePointSlice = (text: string, max: number): string => Array.from(text).slice(0, max).join('');

/** The granted services a subject may write to (active or planned). */
export function messageServices(subject: SubjectRecord): GrantedService[] {
  return (subject.messageServices ?? subject.services).filter(isRecipientService);
}

function serviceOf(subject: SubjectRecord, grantedServiceId: string): GrantedService | undefined {
  return (subject.messageServices ?? subject.services).find((s) => s.id === grantedServiceId);
}

export function recipients(db: MockDb, subject: SubjectRecord): Recipient[] {
  return messageServices(subject).map((s) => ({
    grantedServiceId: s.id,
    serviceType: { ...s.serviceType },
    careService: { ...s.careService },
    replyPolicy: { ...(db.replyPolicies.get(s.careService.id) ?? defaultReplyPolicy) },
    // The recipient's source is that of its granted service (a message goes to that record system).
    ...(s.source ? { source: structuredClone(s.source) } : {}),
  }));
}

function pointerIndex(thread: ThreadFixture, personId: string): number {
  const read = thread.reads.find((r) => r.reader.personId === personId);
  return read ? thread.messages.findIndex((m) => m.id === read.upToMessageId) : -1;
}

/** Messages `personId` has not seen: others' messages after their read pointer. */
export function unreadCount(thread: ThreadFixture, personId: string): number {
  const from = pointerIndex(thread, personId) + 1;
  let n = 0;
  for (let i = from; i < thread.messages.length; i++) if (thread.messages[i]!.sender.personId !== personId) n++;
  return n;
}

export function totalUnread(subject: SubjectRecord, personId: string): number {
  let n = 0;
  for (const t of subject.threads.values()) n += unreadCount(t, personId);
  return n;
}

function sender(m: MessageFixture, personId: string): Sender {
  return { role: m.sender.role, name: m.sender.name, onBehalfOf: m.sender.onBehalfOf, isCurrentUser: m.sender.personId === personId };
}

function presentAttachment(db: MockDb, id: string): Attachment | undefined {
  const a = db.attachments.get(id);
  return a ? { id: a.id, filename: a.filename, contentType: a.contentType, size: a.size } : undefined;
}

export function presentMessage(db: MockDb, thread: ThreadFixture, m: MessageFixture, personId: string, index?: number): Message {
  const i = index ?? thread.messages.indexOf(m);
  return {
    id: m.id,
    threadId: thread.id,
    sentAt: m.sentAt,
    sender: sender(m, personId),
    text: m.text,
    attachments: m.attachmentIds.map((id) => presentAttachment(db, id)).filter((a): a is Attachment => !!a),
    unread: m.sender.personId !== personId && i > pointerIndex(thread, personId),
  };
}

/** The parties whose read pointer is at the last message (the rules core leaves out its writer). */
function seenSinceLastUpdate(thread: ThreadFixture, personId: string): SeenBy[] {
  const last = thread.messages[thread.messages.length - 1];
  if (!last) return [];
  return seenSince(
    thread.reads
      .filter((r) => r.upToMessageId === last.id)
      .map((r) => ({ role: r.reader.role, name: r.reader.name, seenAt: r.seenAt, isCurrentUser: r.reader.personId === personId, wroteLast: partyKey(r.reader) === partyKey(last.sender) })),
  );
}

export function presentThread(db: MockDb, subject: SubjectRecord, thread: ThreadRecord, personId: string): Thread {
  const service = serviceOf(subject, thread.grantedServiceId);
  const last = thread.messages[thread.messages.length - 1];
  const careService = service?.careService ?? { id: 'cs-unknown', name: 'Ukjent tjeneste', phone: null };
  return {
    id: thread.id,
    version: threadVersion(thread.version),
    subjectId: thread.subjectId,
    title: thread.title,
    status: thread.status,
    grantedServiceId: thread.grantedServiceId,
    serviceType: service ? { ...service.serviceType } : { system: serviceTypes.system, code: '15' },
    careService: { ...careService },
    replyPolicy: { ...(db.replyPolicies.get(careService.id) ?? defaultReplyPolicy) },
    startedBy: thread.startedBy,
    createdAt: thread.createdAt,
    lastActivityAt: lastActivity(thread),
    messageCount: thread.messages.length,
    unreadCount: unreadCount(thread, personId),
    lastMessage: last ? { sender: sender(last, personId), sentAt: last.sentAt, excerpt: codePointSlice(last.text, messageLimits.excerptMaxChars) } : null,
    seenSinceLastUpdate: seenSinceLastUpdate(thread, personId),
    // The thread's source is that of the granted service it is about.
    ...(service?.source ? { source: structuredClone(service.source) } : {}),
  };
}

export function presentThreadDetail(db: MockDb, subject: SubjectRecord, thread: ThreadRecord, personId: string): ThreadDetail {
  return { ...presentThread(db, subject, thread, personId), messages: thread.messages.map((m, i) => presentMessage(db, thread, m, personId, i)) };
}

export function presentDraft(db: MockDb, d: DraftRecord): Draft {
  return {
    key: d.key,
    version: d.version,
    text: d.text,
    title: d.title,
    grantedServiceId: d.grantedServiceId,
    attachments: d.attachmentIds.map((id) => presentAttachment(db, id)).filter((a): a is Attachment => !!a),
    updatedAt: d.updatedAt,
  };
}

/** Moves `reader`'s pointer forward to `messageId` (never back). True when it moved. */
export function markSeen(thread: ThreadRecord, reader: Party, messageId: string, at: Date): boolean {
  const target = thread.messages.findIndex((m) => m.id === messageId);
  if (target < 0) return false;
  const key = partyKey(reader);
  const existing = thread.reads.find((r) => partyKey(r.reader) === key);
  const current = existing ? thread.messages.findIndex((m) => m.id === existing.upToMessageId) : -1;
  if (target <= current) return false;
  const read: ReadFixture = { reader: { ...reader }, upToMessageId: messageId, seenAt: osloIso(at) };
  if (existing) Object.assign(existing, read);
  else thread.reads.push(read);
  thread.version += 1;
  return true;
}

/** Adds a message; its sender has seen the thread up to it. */
export function addMessage(thread: ThreadRecord, message: MessageFixture, at: Date): void {
  thread.messages.push(message);
  thread.version += 1;
  markSeen(thread, message.sender, message.id, at);
}

function staffName(db: MockDb, thread: ThreadFixture, options: StaffMessageOptions): string {
  if (options.name) return options.name;
  const last = [...thread.messages].reverse().find((m) => m.sender.role === 'staff');
  if (last) return last.sender.name;
  const subject = db.subjects.get(thread.subjectId);
  return (subject && serviceOf(subject, thread.grantedServiceId)?.careService.name) || 'Tjenesten';
}

function staffAttachments(db: MockDb, thread: ThreadFixture, messageId: string, options: StaffMessageOptions): string[] {
  return (options.attachments ?? []).slice(0, messageLimits.attachmentsPerMessage).map((f) => {
    const id = db.nextId('att');
    db.attachments.set(id, { id, filename: f.filename, contentType: f.contentType, size: f.bytes.length, subjectId: thread.subjectId, bytes: f.bytes, uploadedBy: null, messageId });
    return id;
  });
}

export function addStaffMessage(db: MockDb, thread: ThreadRecord, text: string, options: StaffMessageOptions = {}): MessageFixture {
  const at = options.at ?? db.clock();
  const id = db.nextId('msg');
  const message: MessageFixture = {
    id,
    sentAt: osloIso(at),
    sender: { role: 'staff', personId: null, name: staffName(db, thread, options), onBehalfOf: null },
    text,
    attachmentIds: staffAttachments(db, thread, id, options),
  };
  addMessage(thread, message, at);
  return message;
}

export function startStaffThread(db: MockDb, subject: SubjectRecord, grantedServiceId: string, title: string, text: string, options: StaffMessageOptions = {}): ThreadRecord {
  const at = options.at ?? db.clock();
  const thread: ThreadRecord = {
    id: db.nextId('thr'),
    subjectId: subject.id,
    title,
    status: 'open',
    grantedServiceId,
    startedBy: 'staff',
    createdAt: osloIso(at),
    messages: [],
    reads: [],
    version: firstThreadChanges,
  };
  subject.threads.set(thread.id, thread);
  addStaffMessage(db, thread, text, { ...options, at });
  return thread;
}
