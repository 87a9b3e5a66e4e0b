/**
 * The shapes of the in-memory database: the db (db.ts) builds and changes them, the messages
 * module (messages.ts) reads and changes them, the handlers answer from them. Types only, so db.ts
 * and messages.ts both depend on this module and not on each other.
 */
import type { Appointment, Attachment, ConsentDecision, ContactRecord, GrantedService, Me, NoticeChannel, NoticeChoice, NoticeEvent, RelativeAccess, ReplyPolicy, StoredAccess } from '@omsorg/contract';
import type { AttachmentFixture, MessageFixture, PersonKey, RegisterPerson, ThreadFixture } from '@omsorg/fixtures';
import type { ScenarioName } from './scenarios.js';

/** A stored thread; `version` counts every change to it (a message, a read pointer, its status). */
export interface ThreadRecord extends ThreadFixture {
  version: number;
}

export interface DraftRecord {
  key: string;
  subjectId: string;
  personId: string;
  version: string;
  text: string;
  title: string | null;
  grantedServiceId: string | null;
  attachmentIds: string[];
  updatedAt: string;
}

export interface StaffMessageOptions {
  /** Default: the staff name of the thread's last staff message, else the care service's name. */
  name?: string;
  /** Default: the db's clock. */
  at?: Date;
  /** Files staff attach: `{ filename, contentType, bytes }`. */
  attachments?: Array<{ filename: string; contentType: Attachment['contentType']; bytes: Uint8Array }>;
}

export interface SubjectRecord {
  readonly id: string;
  readonly name: string;
  /** By appointment id. */
  readonly appointments: Map<string, Appointment>;
  services: GrantedService[];
  /** The granted services one may write to, when they differ from `services` (the `empty` scenario). */
  messageServices?: GrantedService[];
  /** Message threads by id. */
  readonly threads: Map<string, ThreadRecord>;
  /** Decisions on consent to digital dialogue, newest first. */
  dialogueConsent: ConsentDecision[];
}

/** One row of the mocks' access log: the rules core's stored row and whose data it was. */
export interface AccessRecord extends StoredAccess {
  readonly subjectId: string;
}

/** The first answer to an Idempotency-Key, replayed for retries with the same request. */
export interface IdempotencyRecord {
  /** Route, subject and canonical body (or the file's digest) of the first request. */
  readonly fingerprint: string;
  readonly status: number;
  /** An Appointment (cancel), ThreadDetail, Message or Attachment. */
  readonly body: unknown;
  readonly etag?: string;
}

/** A notice an event would have sent (the mocks send nothing): what the sandbox's queue holds. */
export interface QueuedNotice {
  id: string;
  subjectId: string;
  event: NoticeEvent;
  channel: NoticeChannel;
  /** The address, masked as the preferences show it. */
  to: string;
  subject: string;
  text: string;
  language: NoticeChoice['language'];
  createdAt: string;
  status: 'would-have-been-sent';
}

/** One relative's access as stored: the answer's shape, with the scopes as given. */
export type GrantRecord = RelativeAccess;

export interface MockDb {
  readonly scenario: ScenarioName;
  /** The `now` the data was generated from (changes on `reset`). */
  readonly createdAt: Date;
  /** `GET /v1/me` per person. */
  readonly me: Map<PersonKey, Me>;
  /** By subject id. */
  readonly subjects: Map<string, SubjectRecord>;
  /** By `<person>:<Idempotency-Key>`. */
  readonly idempotency: Map<string, IdempotencyRecord>;
  /** Appointments the `conflict` scenario has already moved once. */
  readonly conflicted: Set<string>;
  /** Uploaded and attached files by id. */
  readonly attachments: Map<string, AttachmentFixture>;
  /** Drafts by `<person id>|<subject id>|<draft key>`. */
  readonly drafts: Map<string, DraftRecord>;
  /** Reply policies by care service id. */
  readonly replyPolicies: Map<string, ReplyPolicy>;
  /**
   * The access log, oldest first: every served access to a subject's data (the fixtures' entries,
   * then what the handlers log through access-log.ts). Only served accesses are kept: the log
   * shows no refusals (rules/access-log.ts), so the mocks need not store them.
   */
  readonly accessLog: AccessRecord[];
  /** The population register (numbers, dates of birth, confidential addresses). */
  readonly register: RegisterPerson[];
  /** Every relative's access ever given, taken back ones too (history), oldest first. */
  readonly grants: GrantRecord[];
  /** The contact register (KRR) by person id: phone, e-mail, reserved. */
  readonly contactRegister: Record<string, ContactRecord>;
  /** Each subject's notice preferences, once chosen (by subject id). */
  readonly noticeChoices: Map<string, NoticeChoice>;
  /** The notices events would have sent, oldest first (notices.ts: `queueNotices`). */
  readonly noticeQueue: QueuedNotice[];
  /** Visits already reminded of (`<subject>/<appointment>`): a reminder goes out once. */
  readonly remindedVisits: Set<string>;
  /** Message POSTs (new thread or reply) seen so far, for the send-fails and offline-send scenarios. */
  messagePosts: number;
  /** The clock for changes made outside a request (staffReply); the handlers set it to their `now`. */
  clock: () => Date;
  /** A fresh id with `prefix` (`msg-1`, `att-2`, …), unique within this db until a reset. */
  nextId(prefix: string): string;
  /**
   * A staff member answers in a thread (the "new message without reload" control for the demo,
   * stories and tests). Throws when there is no such thread.
   */
  staffReply(threadId: string, text: string, options?: StaffMessageOptions): MessageFixture;
  /** The care service starts a thread with the subject (staff-initiated message). */
  staffStartThread(subjectId: string, grantedServiceId: string, title: string, text: string, options?: StaffMessageOptions): ThreadRecord;
  /**
   * The care service answers a cancellation request (the staff page's answer, for stories, the
   * demo and tests): accepted, the appointment is `cancelled`; turned down, `cancellation-rejected`
   * with `note`, which the person reads. Decided by the rules core (`decideCancellationAnswer`), a
   * new version, the `cancellation-answered` notice queued. Throws with the refusal's code (no such
   * appointment, no request waiting, a missing or bad note).
   */
  answerCancellation(subjectId: string, appointmentId: string, answer: { accept: boolean; note?: string; at?: Date }): Appointment;
  /** The service closes (or reopens) a thread. */
  setThreadStatus(threadId: string, status: ThreadRecord['status']): void;
  /** Reminders of tomorrow's visits (Oslo), once per visit; the notices queued now. */
  queueVisitReminders(now?: Date): QueuedNotice[];
  /** The thread with this id in any subject. */
  findThread(threadId: string): ThreadRecord | undefined;
  /** Rebuilds everything from fresh fixtures (default: the same `now` as before). */
  reset(now?: Date): void;
}
