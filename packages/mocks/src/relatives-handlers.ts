/**
 * msw handlers for relatives' access, in the sandbox's order: authentication (guard) → the subject
 * (404) → the person themselves only (403) → for a change, a sign-in at most 300 s old (403
 * step-up-required) → Idempotency-Key (400) → JSON (415/400) → replay or reuse (422) → the body
 * (400) → `checkGrant` answered by `grantProblem` → the grant. Taking access back takes the
 * subject out of the relative's `me` at once, so their next request is a 404. The rules core
 * decides; this is the memory side.
 */
import {
  checkGrant,
  checkIdempotencyKey,
  findableRelative,
  grantProblem,
  invalid,
  isRecentSignIn,
  osloDate,
  osloIso,
  readJson,
  relativeAccessFingerprint,
  relativeNotFound,
  relations,
  scopesInForce,
  stepUpProblem,
  toSecond,
  validatePersonLookup,
  validateRelativeAccessRequest,
  type AccessScope,
  type Problem,
  type RelativeAccess,
  type RelativeAccessInput,
  type RelativeAccessList,
  type Subject,
} from '@omsorg/contract';
import type { PersonKey, RegisterPerson } from '@omsorg/fixtures';
import { http, type HttpHandler, type HttpResponse } from 'msw';
import { logAccess } from './access-log.js';
import { remember, replay } from './idempotency.js';
import type { MessageRouteContext } from './route-context.js';
import type { GrantRecord, MockDb, SubjectRecord } from './records.js';
import { isProblemSpec, json, notFound, problem } from './problems.js';

type Scope = Subject['scopes'][number];

export interface RelativesRouteContext extends Pick<MessageRouteContext, 'db' | 'now' | 'url' | 'guard'> {
  access: (person: PersonKey, subjectId: string | undefined, scope: Scope, request: Request) => SubjectRecord | HttpResponse<Problem>;
}

/** The register entry of a person id. */
const registered = (db: MockDb, personId: string): RegisterPerson | undefined => db.register.find((r) => r.id === personId);

/** Not taken back and not ended on `today`. */
const live = (g: GrantRecord, today: string): boolean => g.status === 'active' && (g.period.end === null || g.period.end >= today);

/** A grant as answered: a parent's scopes as the child's age leaves them today. */
function present(db: MockDb, g: GrantRecord, today: string): RelativeAccess {
  const copy = structuredClone(g);
  copy.scopes = scopesInForce(g.relationship.code, g.scopes as AccessScope[], registered(db, g.subject.id)?.birthDate, today);
  return copy;
}

export function relativesHandlers({ db, now, url, guard, access }: RelativesRouteContext): HttpHandler[] {
  /** The subject, when it is the person's own; else the 404/403 to answer. */
  function own(person: PersonKey, subjectId: string, request: Request): SubjectRecord | HttpResponse<Problem> {
    const subject = access(person, subjectId, 'appointments.read', request);
    if (!('threads' in subject)) return subject;
    if (db.me.get(person)?.subjects[0]?.id !== subject.id) {
      return problem({ status: 403, key: 'forbidden', detail: 'Only the person themselves sees and changes who may act for them.' });
    }
    return subject;
  }

  /** The relative's `me` follows the grants: the subject listed while one is in force, with its scopes. */
  function syncMe(relativePersonId: string, subject: SubjectRecord, grant: GrantRecord | undefined, today: string): void {
    const me = [...db.me.values()].find((m) => m.person.id === relativePersonId);
    if (!me) return;
    me.subjects = me.subjects.filter((s) => s.id !== subject.id || s.relation.code === 'self');
    if (grant && live(grant, today) && (grant.period.start === null || grant.period.start <= today)) {
      me.subjects.push({ id: subject.id, name: subject.name, relation: { ...grant.relationship }, scopes: [...grant.scopes] as Scope[], validTo: grant.period.end });
    }
  }

  return [
    http.get(url('/subjects/:subjectId/relatives-access'), ({ request, params }) =>
      guard<RelativeAccessList>(request, (person) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const today = osloDate(now());
        const personId = db.me.get(person)?.person.id;
        const shown = (a: RelativeAccess) => a.scopes.length > 0;
        const body: RelativeAccessList = {
          relatives: db.grants.filter((g) => g.subjectId === subject.id && live(g, today)).map((g) => present(db, g, today)).filter(shown),
          actingFor: db.grants.filter((g) => g.relative.id === personId && live(g, today)).map((g) => present(db, g, today)).filter(shown),
        };
        logAccess(db, person, subject.id, 'relatives-access');
        return json(body);
      }),
    ),

    http.post(url('/subjects/:subjectId/person-lookup'), ({ request, params }) =>
      guard<{ name: string }>(request, async (person) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const read = readJson(await request.text(), request.headers.get('Content-Type'));
        if ('problem' in read) return problem(read.problem);
        const errors = validatePersonLookup(read.value);
        if (errors.length) return problem(invalid('The look-up is not valid.', errors));
        const found = db.register.find((r) => r.nationalIdentityNumber === (read.value as { nationalIdentityNumber: string }).nationalIdentityNumber);
        if (!findableRelative(found) || !found) return problem(relativeNotFound);
        logAccess(db, person, subject.id, 'person-lookup');
        return json({ name: found.name });
      }),
    ),

    http.post(url('/subjects/:subjectId/relatives-access'), ({ request, params }) =>
      guard<RelativeAccess>(request, async (person, session) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const at = now();
        if (!isRecentSignIn(session.authTime, at)) return problem(stepUpProblem());
        const key = checkIdempotencyKey(request.headers.get('Idempotency-Key'));
        if (typeof key !== 'string') return problem(key);
        const read = readJson(await request.text(), request.headers.get('Content-Type'));
        if ('problem' in read) return problem(read.problem);
        const fingerprint = relativeAccessFingerprint(subject.id, read.value);
        const replayed = replay(db, person, key, fingerprint);
        if (replayed) return replayed;
        const errors = validateRelativeAccessRequest(read.value);
        if (errors.length) return problem(invalid('The access is not valid.', errors));
        const me = db.me.get(person);
        if (!me) return notFound('No such person.');
        const body = read.value as RelativeAccessInput;
        const today = osloDate(at);
        const found = db.register.find((r) => r.nationalIdentityNumber === body.nationalIdentityNumber);
        const refused = grantProblem(
          checkGrant(body, { giverId: me.person.id, giverBirthDate: registered(db, me.person.id)?.birthDate ?? '9999-12-31', relative: findableRelative(found) }, today, {
            authTime: session.authTime,
            now: at,
          }),
        );
        if (refused) return problem(refused);
        const relative = found as RegisterPerson;
        const stamp = osloIso(toSecond(at));
        // A grant the relative holds is replaced (kept as taken back). The relation is that of the
        // latest grant between the two, taken back or not (as the sandbox); a new relative is O, other.
        const earlier = db.grants.filter((g) => g.subjectId === subject.id && g.relative.id === relative.id);
        const relationship: GrantRecord['relationship'] = earlier.length ? { ...earlier[earlier.length - 1]!.relationship } : { system: relations.system, code: 'O' };
        for (const g of earlier) if (g.status === 'active') Object.assign(g, { status: 'inactive', revokedAt: stamp });
        const grant: GrantRecord = {
          id: `rac-${db.grants.length + 1}`,
          basis: 'consent',
          status: 'active',
          subjectId: subject.id,
          subject: { ...me.person },
          relative: { id: relative.id, name: relative.name },
          relationship,
          scopes: [...body.scopes] as Scope[],
          period: { start: body.period.start, end: body.period.end },
          grantedAt: stamp,
          revokedAt: null,
        };
        db.grants.push(grant);
        syncMe(relative.id, subject, grant, today);
        const answer = present(db, grant, today);
        remember(db, person, key, fingerprint, 201, answer);
        logAccess(db, person, subject.id, 'relatives-access', 'create');
        return json(answer, { status: 201 });
      }),
    ),

    http.delete(url('/subjects/:subjectId/relatives-access/:accessId'), ({ request, params }) =>
      guard<RelativeAccess>(request, (person, session) => {
        const subject = own(person, params.subjectId as string, request);
        if (!('threads' in subject)) return subject;
        const at = now();
        if (!isRecentSignIn(session.authTime, at)) return problem(stepUpProblem());
        const grant = db.grants.find((g) => g.subjectId === subject.id && g.id === params.accessId);
        if (!grant) return notFound('No such access.');
        if (grant.basis === 'parent') return problem({ status: 403, key: 'forbidden', detail: "A parent's access follows the population register and the child's age; it is not taken back here." });
        const today = osloDate(at);
        if (grant.status === 'active') Object.assign(grant, { status: 'inactive', revokedAt: osloIso(toSecond(at)) });
        syncMe(grant.relative.id, subject, undefined, today);
        logAccess(db, person, subject.id, 'relatives-access', 'revoke');
        return json(present(db, grant, today));
      }),
    ),
  ];
}
