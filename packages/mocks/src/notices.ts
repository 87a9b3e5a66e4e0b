/**
 * Notices in memory: the person's choice per subject, the notices an event would send (the
 * queue stories and tests look at: `db.noticeQueue`), and the msw handlers of
 * `GET`/`PUT …/notice-preferences` in the sandbox's order: authentication (guard) → the subject
 * (404) → the person themselves only (403) → for a change, If-Match (428) → Idempotency-Key (400)
 * → JSON (400) → replay or reuse (422) → the body (400) → 412 → 422 notice-channel-unavailable →
 * the choice. The rules core decides and writes every text; this is the memory side.
 */
import {
  checkWriteRequest,
  decideNoticePreferences,
  etagOf,
  invalid,
  isVisitTomorrow,
  noticePreferencesFingerprint,
  noticePreferencesOf,
  noticesFor,
  noticesNotOwn,
  osloIso,
  validateNoticePreferencesChange,
  type ContactRecord,
  type NoticeEvent,
  type NoticePreferences,
  type NoticePreferencesChange,
  type Problem,
  type NoticeTarget,
} from '@omsorg/contract';
import { noticeSender, type PersonKey } from '@omsorg/fixtures';
import { http, type HttpHandler, type HttpResponse } from 'msw';
import { logAccess } from './access-log.js';
import { remember, replay } from './idempotency.js';
import type { MessageRouteContext } from './route-context.js';
import type { MockDb, QueuedNotice, SubjectRecord } from './records.js';
import { isProblemSpec, json, noneMatch, notModified, problem } from './problems.js';

/** The register's record of the subject's own person (undefined: not in the register). */
function contactOf(db: MockDb, subjectId: string): ContactRecord | undefined {
  const personId = db.register.find((r) => r.subjectId === subjectId)?.id;
  return personId ? db.contactRegister[personId] : undefined;
}

/**
 * Queues what `event` sends the subject's person (nothing unless they chose it and a channel),
 * one notice per chosen channel, newest last. Returns the notices queued.
 */
export function queueNotices(db: MockDb, subjectId: string, event: NoticeEvent, at: Date = db.clock(), target: NoticeTarget = {}): QueuedNotice[] {
  const queued = noticesFor(event, db.noticeChoices.get(subjectId), contactOf(db, subjectId), noticeSender, target).map(
    (n): QueuedNotice => ({
      id: db.nextId('ntc'),
      subjectId,
      event: n.event,
      channel: n.channel,
      to: n.maskedAddress,
      subject: n.subject,
      text: n.text,
      language: n.language,
      createdAt: osloIso(at),
      status: 'would-have-been-sent',
    }),
  );
  db.noticeQueue.push(...queued);
  return queued;
}

/** Reminders for every visit tomorrow (Oslo), once per visit however often it is called. */
export function queueVisitReminders(db: MockDb, now: Date = db.clock()): QueuedNotice[] {
  const out: QueuedNotice[] = [];
  for (const s of db.subjects.values()) {
    for (const a of s.appointments.values()) {
      const key = `${s.id}/${a.id}`;
      if (db.remindedVisits.has(key) || !isVisitTomorrow(new Date(a.start), a.status, now)) continue;
      db.remindedVisits.add(key);
      out.push(...queueNotices(db, s.id, 'visit-reminder', now));
    }
  }
  return out;
}

export function noticeHandlers({ db, url, guard, access }: Pick<MessageRouteContext, 'db' | 'url' | 'guard' | 'access'>): HttpHandler[] {
  /** The subject, when it is the person's own; else the 404/403 to answer. */
  function own(person: PersonKey, subjectId: string, request: Request): SubjectRecord | HttpResponse<Problem> {
    const subject = access(person, subjectId, null, request);
    if (!('threads' in subject)) return subject;
    if (db.me.get(person)?.subjects[0]?.id !== subject.id) return problem(noticesNotOwn);
    return subject;
  }
  const present = (subjectId: string): NoticePreferences => noticePreferencesOf(db.noticeChoices.get(subjectId), contactOf(db, subjectId), noticeSender);
  const path = url('/subjects/:subjectId/notice-preferences');

  return [
    http.get(path, ({ request, params }) =>
      guard<NoticePreferences>(request, (person) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const prefs = present(subject.id);
        const tag = etagOf(prefs);
        // A 304 is not logged (docs/architecture.md): it discloses nothing new.
        if (noneMatch(request.headers.get('If-None-Match'), tag)) return notModified(tag);
        logAccess(db, person, subject.id, 'notice-preferences');
        return json(prefs, { headers: { ETag: tag } });
      }),
    ),

    http.put(path, ({ request, params }) =>
      guard<NoticePreferences>(request, async (person) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const checked = checkWriteRequest(
          { idempotencyKey: request.headers.get('Idempotency-Key'), ifMatch: request.headers.get('If-Match'), bodyText: await request.text(), contentType: request.headers.get('Content-Type') },
          'notice preferences',
          { ifMatchFirst: true },
        );
        if (isProblemSpec(checked)) return problem(checked);
        const fingerprint = noticePreferencesFingerprint(subject.id, checked.body);
        const replayed = replay(db, person, checked.key, fingerprint);
        if (replayed) return replayed;
        const errors = validateNoticePreferencesChange(checked.body);
        if (errors.length) return problem(invalid('The notice preferences are not valid.', errors));
        const current = present(subject.id);
        const decided = decideNoticePreferences(current, checked.ifMatch, checked.body as NoticePreferencesChange, contactOf(db, subject.id));
        if (isProblemSpec(decided)) return problem(decided);
        if (decided.choice) db.noticeChoices.set(subject.id, decided.choice);
        const after = present(subject.id);
        const tag = etagOf(after);
        remember(db, person, checked.key, fingerprint, 200, after, tag);
        logAccess(db, person, subject.id, 'notice-preferences', 'update');
        return json(after, { headers: { ETag: tag } });
      }),
    ),
  ];
}
