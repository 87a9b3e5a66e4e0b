/**
 * The mocks' access log: one helper every read and change handler calls once it has served a
 * subject's data, and the handler of `GET …/access-log`, both thin over the rules core
 * (rules/access-log.ts), as the sandbox is over SQL: the same shape, order, period and refusals.
 */
import { accessLogPage, parseAccessLogQuery, type AccessLogEntry, type AccessLogPage, type AccessLogResource } from '@omsorg/contract';
import type { PersonKey } from '@omsorg/fixtures';
import { http, type HttpHandler } from 'msw';
import type { MessageRouteContext } from './route-context.js';
import type { MockDb } from './records.js';
import { isProblemSpec, json, problem } from './problems.js';

/**
 * Logs that `person` was served `resource` of `subjectId` now: in the role they have towards the
 * subject (self, or relative with the grant's relation), with their name for the log's answer.
 */
export function logAccess(db: MockDb, person: PersonKey, subjectId: string, resource: AccessLogResource, action: AccessLogEntry['action'] = 'read'): void {
  const me = db.me.get(person);
  const relation = me?.subjects.find((s) => s.id === subjectId)?.relation.code;
  if (!me || !relation) return;
  const last = db.accessLog[db.accessLog.length - 1];
  db.accessLog.push({
    id: String((last ? Number(last.id) : 0) + 1),
    subjectId,
    at: db.clock(),
    actorKind: 'person',
    actorRole: relation === 'self' ? 'self' : 'relative',
    relationCode: relation === 'self' ? null : relation,
    action,
    resource,
    outcome: 'ok',
    actorName: me.person.name,
    careService: null,
  });
}

/** `GET …/access-log`: the subject (404) → the person themselves only (403) → the query (400) → the page. */
export function accessLogHandlers({ db, now, url, guard, access }: Pick<MessageRouteContext, 'db' | 'now' | 'url' | 'guard' | 'access'>): HttpHandler[] {
  return [
    http.get(url('/subjects/:subjectId/access-log'), ({ request, params }) =>
      guard<AccessLogPage>(request, (person) => {
        const subject = access(person, params.subjectId as string, null, request, { selfOnly: true });
        if (!('threads' in subject)) return subject;
        const query = parseAccessLogQuery(new URL(request.url).searchParams, now());
        if (isProblemSpec(query)) return problem(query);
        // Logged before it is read, as the sandbox does: the answer includes this read.
        logAccess(db, person, subject.id, 'access-log');
        return json(accessLogPage(db.accessLog.filter((r) => r.subjectId === subject.id), query));
      }),
    ),
  ];
}
