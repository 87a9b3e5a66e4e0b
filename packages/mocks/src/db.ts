/** An in-memory, resettable database built from the fixtures of one scenario. */
import { decideCancellationAnswer, firstThreadChanges, nextVersion, osloIso, type Appointment, type Me, type ReplyPolicy } from '@omsorg/contract';
import { createContactRegister, createFixtures, createRegister, personKeys, persons, type AttachmentFixture, type MessageFixture, type PersonKey, type RegisterPerson } from '@omsorg/fixtures';
import { addStaffMessage, startStaffThread } from './messages.js';
import { queueNotices, queueVisitReminders } from './notices.js';
import type { AccessRecord, DraftRecord, GrantRecord, IdempotencyRecord, MockDb, QueuedNotice, StaffMessageOptions, SubjectRecord, ThreadRecord } from './records.js';
import type { NoticeChoice } from '@omsorg/contract';
import { scenarioBehaviour, type ScenarioName } from './scenarios.js';

export type { IdempotencyRecord, MockDb, SubjectRecord } from './records.js';

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
    accessLog: [] as AccessRecord[],
    register: [] as RegisterPerson[],
    grants: [] as GrantRecord[],
    contactRegister: createContactRegister(),
    noticeChoices: new Map<string, NoticeChoice>(),
    noticeQueue: [] as QueuedNotice[],
    remindedVisits: new Set<string>(),
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
      const message = addStaffMessage(db, thread, text, options);
      queueNotices(db, thread.subjectId, 'message-new', options.at, { threadId: thread.id });
      return message;
    },
    staffStartThread(subjectId, grantedServiceId, title, text, options = {}): ThreadRecord {
      const subject = db.subjects.get(subjectId);
      if (!subject) throw new Error(`staffStartThread: no subject ${subjectId}`);
      const thread = startStaffThread(db, subject, grantedServiceId, title, text, options);
      queueNotices(db, subjectId, 'message-new', options.at, { threadId: thread.id });
      return thread;
    },
    queueVisitReminders: (now?: Date) => queueVisitReminders(db, now),
    answerCancellation(subjectId, appointmentId, { accept, note = '', at = db.clock() }): Appointment {
      const a = db.subjects.get(subjectId)?.appointments.get(appointmentId);
      if (!a) throw new Error(`answerCancellation: not-found (${subjectId}/${appointmentId})`);
      const decision = decideCancellationAnswer(a, { accept, note }, at);
      if (typeof decision === 'string') throw new Error(`answerCancellation: ${decision}`);
      a.status = decision.status;
      a.cancellation = decision.cancellation;
      a.version = nextVersion(a.version);
      queueNotices(db, subjectId, 'cancellation-answered', at);
      return structuredClone(a);
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
      db.accessLog.length = 0;
      db.register.splice(0, db.register.length, ...Object.values(createRegister(now)));
      db.grants.length = 0;
      Object.assign(db.contactRegister, createContactRegister());
      db.noticeChoices.clear();
      db.noticeQueue.length = 0;
      db.remindedVisits.clear();
      db.messagePosts = 0;
      seq = 0;
      for (const a of fixtures.attachments) db.attachments.set(a.id, a);
      // The log's ids are numbers, as the sandbox's: the fixtures' entries first.
      for (const [i, e] of fixtures.accessLog.entries()) {
        const person = e.actor.kind === 'person' ? Object.values(persons).find((p) => p.id === (e.actor as { personId: string }).personId) : undefined;
        db.accessLog.push({
          id: String(i + 1),
          subjectId: e.subjectId,
          at: e.at,
          actorKind: e.actor.kind,
          actorRole: e.actor.kind === 'staff' ? 'staff' : e.actor.role,
          relationCode: e.actor.kind === 'person' ? e.actor.relationCode : null,
          action: e.action,
          resource: e.resource,
          outcome: 'ok',
          actorName: person?.name ?? null,
          careService: e.actor.kind === 'staff' ? { ...e.actor.careService } : null,
        });
      }
      for (const [id, policy] of Object.entries(fixtures.replyPolicies)) db.replyPolicies.set(id, policy);
      for (const key of personKeys) db.me.set(key, fixtures.me[key]);
      // The fixtures' relatives' access (Kari for her father Ola, Per for his daughter Emma).
      for (const key of personKeys) {
        for (const s of fixtures.me[key].subjects.slice(1)) {
          const subjectPerson = db.register.find((r) => r.subjectId === s.id);
          db.grants.push({
            id: `rac-${db.grants.length + 1}`,
            basis: s.relation.code === 'CHILD' ? 'parent' : 'consent',
            status: 'active',
            subjectId: s.id,
            subject: { id: subjectPerson?.id ?? s.id, name: s.name },
            relative: { ...fixtures.me[key].person },
            relationship: { ...s.relation },
            scopes: [...s.scopes],
            period: { start: null, end: s.validTo ?? null },
            grantedAt: null,
            revokedAt: null,
          });
        }
      }
      for (const s of Object.values(fixtures.subjects)) {
        db.subjects.set(s.id, {
          id: s.id,
          name: s.name,
          appointments: new Map(s.appointments.map((a) => [a.id, a])),
          services: s.services,
          ...(s.messageServices ? { messageServices: s.messageServices } : {}),
          threads: new Map(s.threads.map((t) => [t.id, { ...t, version: firstThreadChanges }])),
          dialogueConsent: structuredClone(s.dialogueConsent),
        });
      }
    },
  };
  db.reset();
  return db;
}
