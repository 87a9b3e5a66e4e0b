/** An in-memory, resettable database built from the fixtures of one scenario. */
import type { Appointment, GrantedService, Me, ReplyPolicy } from '@omsorg/contract';
import { createFixtures, personKeys, type AttachmentFixture, type MessageFixture, type PersonKey } from '@omsorg/fixtures';
import { addStaffMessage, startStaffThread, type DraftRecord, type StaffMessageOptions, type ThreadRecord } from './messages.js';
import { osloIso } from '@omsorg/contract';
import { scenarioBehaviour, type ScenarioName } from './scenarios.js';

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
  /** The service closes (or reopens) a thread. */
  setThreadStatus(threadId: string, status: ThreadRecord['status']): void;
  /** The thread with this id in any subject. */
  findThread(threadId: string): ThreadRecord | undefined;
  /** Rebuilds everything from fresh fixtures (default: the same `now` as before). */
  reset(now?: Date): void;
}

export interface CreateDbOptions {
  scenario?: ScenarioName;
  now?: Date;
}

export function createDb(options: CreateDbOptions = {}): MockDb {
  const scenario = options.scenario ?? 'default';
  let seq = 0;
  const db: { -readonly [K in keyof MockDb]: MockDb[K] } = {
    scenario,
    createdAt: options.now ?? new Date(),
    me: new Map<PersonKey, Me>(),
    subjects: new Map<string, SubjectRecord>(),
    idempotency: new Map<string, IdempotencyRecord>(),
    conflicted: new Set<string>(),
    attachments: new Map<string, AttachmentFixture>(),
    drafts: new Map<string, DraftRecord>(),
    replyPolicies: new Map<string, ReplyPolicy>(),
    messagePosts: 0,
    clock: () => new Date(),
    nextId(prefix: string): string {
      seq += 1;
      return `${prefix}-${seq}`;
    },
    findThread(threadId: string): ThreadRecord | undefined {
      for (const s of db.subjects.values()) {
        const t = s.threads.get(threadId);
        if (t) return t;
      }
      return undefined;
    },
    staffReply(threadId: string, text: string, options: StaffMessageOptions = {}): MessageFixture {
      const thread = db.findThread(threadId);
      if (!thread) throw new Error(`staffReply: no thread ${threadId}`);
      return addStaffMessage(db, thread, text, options);
    },
    staffStartThread(subjectId, grantedServiceId, title, text, options = {}): ThreadRecord {
      const subject = db.subjects.get(subjectId);
      if (!subject) throw new Error(`staffStartThread: no subject ${subjectId}`);
      return startStaffThread(db, subject, grantedServiceId, title, text, options);
    },
    setThreadStatus(threadId, status): void {
      const thread = db.findThread(threadId);
      if (!thread) throw new Error(`setThreadStatus: no thread ${threadId}`);
      if (thread.status !== status) {
        thread.status = status;
        if (status === 'closed') thread.closedAt = osloIso(db.clock());
        else delete thread.closedAt;
        thread.version += 1;
      }
    },
    reset(now: Date = db.createdAt): void {
      const fixtures = createFixtures(now);
      scenarioBehaviour(scenario).data?.(fixtures);
      db.createdAt = now;
      db.me.clear();
      db.subjects.clear();
      db.idempotency.clear();
      db.conflicted.clear();
      db.attachments.clear();
      db.drafts.clear();
      db.replyPolicies.clear();
      db.messagePosts = 0;
      seq = 0;
      for (const a of fixtures.attachments) db.attachments.set(a.id, a);
      for (const [id, policy] of Object.entries(fixtures.replyPolicies)) db.replyPolicies.set(id, policy);
      for (const key of personKeys) db.me.set(key, fixtures.me[key]);
      for (const s of Object.values(fixtures.subjects)) {
        db.subjects.set(s.id, {
          id: s.id,
          name: s.name,
          appointments: new Map(s.appointments.map((a) => [a.id, a])),
          services: s.services,
          ...(s.messageServices ? { messageServices: s.messageServices } : {}),
          threads: new Map(s.threads.map((t) => [t.id, { ...t, version: 1 }])),
        });
      }
    },
  };
  db.reset();
  return db;
}
