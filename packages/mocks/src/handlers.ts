/**
 * msw 2 handlers for the omsorg contract, backed by the in-memory db. The rules (auth, access,
 * paging, ETag/If-Match, Idempotency-Key, validation, deadlines) are enforced, not canned.
 */
import type {
  Appointment,
  AppointmentPage,
  Me,
  operations,
  paths,
  Problem,
  ServiceList,
  Subject,
} from '@omsorg/contract';
import { http, type HttpHandler, type HttpResponse, type JsonBodyType } from 'msw';
import { authenticate } from './auth.js';
import { cancel } from './cancel.js';
import { createDb, type MockDb, type SubjectRecord } from './db.js';
import type { PersonKey } from '@omsorg/fixtures';
import { messageHandlers } from './messages-handlers.js';
import type { MockSession } from './route-context.js';
import { relativesHandlers } from './relatives-handlers.js';
import { consentHandlers } from './consent-handlers.js';
import { noticeHandlers } from './notices.js';
import { accessLogHandlers, logAccess } from './access-log.js';
import { figuresHandlers } from './figures.js';
import { malformedAppointment, malformedCancellation, malformedMe, malformedPage, malformedServices } from './malformed.js';
import { isProblemSpec, json, noneMatch, notFound, notModified, problem, unauthorized } from './problems.js';
import { scenarioBehaviour, type ScenarioName } from './scenarios.js';
import { realWait, type MockWait } from './timers.js';
import { accessLogNotOwn, addMinutes, allowedQueryParameters, appointmentPage, checkQueryParameters, etagOf, isCancellable, listEtag, osloDate, osloIso, parseAppointmentQuery, recordsUnavailable, sameSource, scopesInForce, type RecordSource } from '@omsorg/contract';

type SubjectParams = paths['/v1/subjects/{subjectId}/appointments']['parameters']['path'];
type AppointmentParams = paths['/v1/subjects/{subjectId}/appointments/{appointmentId}']['parameters']['path'];
type CancelBody = operations['cancelAppointment']['requestBody']['content']['application/json'];
type Scope = Subject['scopes'][number];

export interface CreateHandlersOptions {
  /** Origin and/or path prefix before `/v1`: '' (same origin, default), '/api', 'http://mock.omsorg.test'. */
  baseUrl?: string;
  /** Default 'default'. */
  scenario?: ScenarioName;
  /** Who is signed in when the token does not name a mock person (`mock-token-<key>`). Default 'ola'. */
  person?: PersonKey;
  /** The clock for fixtures, upcoming/past and deadlines. Default `() => new Date()`. */
  now?: () => Date;
  /** Delay before every answer, in ms. Default 0, or 2500 in the `slow` scenario. */
  delayMs?: number;
  /** Default true: no Authorization header → 401. False serves `person` (a cookie-based BFF). */
  requireAuth?: boolean;
  /** Use this db instead of building one (to share it or shape the data in a test). */
  db?: MockDb;
  /**
   * Staff answer a citizen's or relative's message this many ms later (a fixed text), so "new
   * messages without reload" shows in the offline demo. Default 0 (off); `startMockWorker`
   * turns it on in the `default` scenario (AUTO_REPLY_MS) unless you pass 0.
   */
  autoReplyMs?: number;
  /**
   * How `delayMs` and `autoReplyMs` pass. Default: a real timer. Tests pass `heldTimers().wait`
   * and release each wait themselves.
   */
  wait?: MockWait;
}

export interface MockApi {
  readonly handlers: HttpHandler[];
  readonly db: MockDb;
  readonly scenario: ScenarioName;
  /** Rebuilds the data from fresh fixtures at `now()` and forgets Idempotency-Keys. */
  reset(): void;
}

/** The handlers plus the db behind them. */
export function createMockApi(options: CreateHandlersOptions = {}): MockApi {
  const scenario = options.scenario ?? options.db?.scenario ?? 'default';
  const behaviour = scenarioBehaviour(scenario);
  const now = options.now ?? (() => new Date());
  const db = options.db ?? createDb({ scenario, now: now() });
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const fallback = options.person ?? 'ola';
  const requireAuth = options.requireAuth ?? true;
  const delayMs = options.delayMs ?? behaviour.delayMs ?? 0;
  const wait = options.wait ?? realWait;
  const url = (path: string): string => `${base}/v1${path}`;
  db.clock = now;
  /** Whether the item's record source answers (the `source-unavailable` scenario: one does not). */
  const down = behaviour.unavailableSource;
  const answers = (x: { source?: RecordSource }): boolean => !down || !sameSource(x.source, down);
  /** A list's `unavailableSources` while a source is down (as the sandbox's composite says it). */
  const unavailable = (): { unavailableSources?: RecordSource[] } => (down ? { unavailableSources: [structuredClone(down)] } : {});

  /** Delay, scenario-wide failures and authentication; then the route. */
  async function guard<T extends JsonBodyType>(
    request: Request,
    route: (person: PersonKey, session: MockSession) => Response | Promise<Response>,
  ): Promise<HttpResponse<T | Problem>> {
    if (delayMs > 0) await wait(delayMs);
    if (behaviour.fail === 'server-error') {
      return problem({ status: 500, key: 'serverError', detail: 'The mock server is in the server-error scenario.' });
    }
    if (behaviour.fail === 'unauthorized') return unauthorized('The session has expired.', true);
    const who = authenticate(request.headers.get('Authorization'), fallback, requireAuth);
    if ('error' in who) return unauthorized(who.error, who.tokenGiven);
    // Routes answer HttpResponse (JSON) or a plain Response (files, 204, 304, network errors).
    return (await route(who.person, { authTime: who.authTime ?? now() })) as HttpResponse<T | Problem>;
  }

  /**
   * The subject behind `me` or an id, when the person may see it (with `selfOnly`, only their
   * own); otherwise a 404 or 403; then the query (a parameter the operation does not take is a
   * 400), as in the sandbox.
   */
  /**
   * The subjects the person may act for today, as the sandbox answers them: a parent's grant for
   * a child (`CHILD`) held to the child's age from the register (rules core: `scopesInForce`).
   */
  function subjectsInForce(me: Me | undefined): Subject[] {
    const today = osloDate(now());
    return (me?.subjects ?? [])
      .map((s) => (s.relation.code === 'CHILD' ? { ...s, scopes: scopesInForce('CHILD', s.scopes, db.register.find((r) => r.subjectId === s.id)?.birthDate, today) } : s))
      .filter((s) => s.relation.code === 'self' || s.scopes.length > 0);
  }

  function access(
    person: PersonKey,
    subjectId: string | undefined,
    scope: Scope | null,
    request: Request,
    { selfOnly = false }: { selfOnly?: boolean } = {},
  ): SubjectRecord | HttpResponse<Problem> {
    const me = db.me.get(person);
    const id = subjectId === 'me' ? me?.subjects[0]?.id : subjectId;
    const entry = subjectsInForce(me).find((s) => s.id === id);
    const expired = entry?.validTo != null && entry.validTo < osloDate(now());
    const record = entry && !expired && id ? db.subjects.get(id) : undefined;
    // The same answer for "does not exist" and "not yours": no existence leaks.
    if (!entry || !record) return notFound('No such subject.');
    // The access log is the person's own (rules/access-log.ts): a relative is refused.
    if (selfOnly && entry.relation.code !== 'self') return problem(accessLogNotOwn);
    if (scope !== null && !entry.scopes.includes(scope)) return problem({ status: 403, key: 'forbidden', detail: `Your access to this subject lacks ${scope}.` });
    const query = unknownQuery(request);
    return query ?? record;
  }

  /** The 400 for a query parameter the operation does not take (rules core: paging.ts), or undefined. */
  function unknownQuery(request: Request): HttpResponse<Problem> | undefined {
    const { pathname, searchParams } = new URL(request.url);
    const path = pathname.slice(pathname.indexOf('/v1/'));
    const spec = checkQueryParameters(searchParams, allowedQueryParameters(request.method, path));
    return spec ? problem(spec) : undefined;
  }

  /** A copy with `cancellable` as of now (the deadline may pass while the data sits in memory). */
  function present(a: Appointment): Appointment {
    const copy = structuredClone(a);
    copy.cancellationPolicy.cancellable = isCancellable(copy.status, copy.cancellationPolicy.deadline, now());
    return copy;
  }

  /** The `malformed` scenario answers 2xx with bodies the contract forbids; the cast is the point. */
  const broken = <T extends JsonBodyType>(body: unknown, headers?: Record<string, string>): HttpResponse<T> =>
    json(body as T, headers ? { headers } : {});

  const handlers: HttpHandler[] = [
    http.get<Record<string, never>, never, Me | Problem>(url('/me'), ({ request }) =>
      guard<Me>(request, (person) => {
        const me = db.me.get(person);
        if (!me) return notFound('No such person.');
        const query = unknownQuery(request);
        if (query) return query;
        const body: Me = { ...structuredClone(me), subjects: structuredClone(subjectsInForce(me)), sessionExpiresAt: osloIso(addMinutes(now(), 60)) };
        const own = me.subjects[0];
        if (own) logAccess(db, person, own.id, 'me');
        return behaviour.malformed ? broken<Me>(malformedMe(body)) : json(body);
      }),
    ),

    http.get<SubjectParams, never, AppointmentPage | Problem>(url('/subjects/:subjectId/appointments'), ({ request, params }) =>
      guard<AppointmentPage>(request, (person) => {
        const subject = access(person, params.subjectId, 'appointments.read', request);
        if (!('appointments' in subject)) return subject;
        const items = [...subject.appointments.values()].filter(answers);
        const query = parseAppointmentQuery(new URL(request.url).searchParams);
        if (isProblemSpec(query)) return problem(query);
        const page = appointmentPage(items, query, now());
        const body: AppointmentPage = { items: page.items.map(present), nextCursor: page.nextCursor, ...unavailable() };
        const tag = listEtag(body);
        // A 304 is not logged (docs/architecture.md): it discloses nothing new.
        if (noneMatch(request.headers.get('If-None-Match'), tag)) return notModified(tag);
        logAccess(db, person, subject.id, 'appointments');
        return behaviour.malformed ? broken<AppointmentPage>(malformedPage(body)) : json(body, { headers: { ETag: tag } });
      }),
    ),

    http.get<AppointmentParams, never, Appointment | Problem>(
      url('/subjects/:subjectId/appointments/:appointmentId'),
      ({ request, params }) =>
        guard<Appointment>(request, (person) => {
          const subject = access(person, params.subjectId, 'appointments.read', request);
          if (!('appointments' in subject)) return subject;
          const a = subject.appointments.get(params.appointmentId);
          if (a && !answers(a)) return problem(recordsUnavailable());
          if (!a) return notFound('No such appointment.');
          logAccess(db, person, subject.id, 'appointment');
          const body = present(a);
          const headers = { ETag: etagOf(body) };
          return behaviour.malformed ? broken<Appointment>(malformedAppointment(body), headers) : json(body, { headers });
        }),
    ),

    http.post<AppointmentParams, CancelBody, Appointment | Problem>(
      url('/subjects/:subjectId/appointments/:appointmentId/cancellation'),
      ({ request, params }) =>
        guard<Appointment>(request, async (person) => {
          const subject = access(person, params.subjectId, 'appointments.cancel', request);
          if (!('appointments' in subject)) return subject;
          const actor = db.me.get(person)?.person;
          if (!actor) return notFound('No such person.');
          // The system the item came from does not answer: the write goes nowhere else.
          const target = subject.appointments.get(params.appointmentId);
          if (target && !answers(target)) return problem(recordsUnavailable());
          const known = db.idempotency.size;
          const result = cancel({
            db,
            personKey: person,
            actor,
            subject,
            appointmentId: params.appointmentId,
            idempotencyKey: request.headers.get('Idempotency-Key'),
            ifMatch: request.headers.get('If-Match'),
            bodyText: await request.text(),
            contentType: request.headers.get('Content-Type'),
            now: now(),
            conflictOnCancel: !!behaviour.conflictOnCancel,
          });
          if (isProblemSpec(result)) return problem(result);
          // A first answer (not a replay) stores its Idempotency-Key: that is a change to log.
          if (db.idempotency.size > known) logAccess(db, person, subject.id, 'appointment', 'cancel');
          const headers = { ETag: result.etag };
          if (behaviour.malformed) return broken<Appointment>(malformedCancellation(), headers);
          return json(result.body, { status: result.status, headers });
        }),
    ),

    http.get<SubjectParams, never, ServiceList | Problem>(url('/subjects/:subjectId/services'), ({ request, params }) =>
      guard<ServiceList>(request, (person) => {
        const subject = access(person, params.subjectId, 'services.read', request);
        if (!('appointments' in subject)) return subject;
        const body: ServiceList = { items: structuredClone(subject.services.filter(answers)), ...unavailable() };
        logAccess(db, person, subject.id, 'services');
        return behaviour.malformed ? broken<ServiceList>(malformedServices(body.items)) : json(body);
      }),
    ),

    ...messageHandlers({ db, now, url, behaviour, guard, access, autoReplyMs: options.autoReplyMs ?? 0, wait }),
    ...consentHandlers({ db, now, url, guard, access }),
    ...accessLogHandlers({ db, now, url, guard, access }),
    ...relativesHandlers({ db, now, url, guard, access }),
    ...noticeHandlers({ db, url, guard, access }),
    ...figuresHandlers({ db, now, url, requireAuth }),

    // Anything else under /v1 is a contract mistake in the caller: say so in a problem.
    http.all(url('/*'), ({ request }) =>
      guard<Problem>(request, () => notFound(`No route for ${request.method} ${new URL(request.url).pathname}.`)),
    ),
  ];

  return {
    handlers,
    db,
    scenario,
    reset: () => db.reset(now()),
  };
}

/** msw handlers for the contract: `setupWorker(...createHandlers({ scenario: 'deadline-passed' }))`. */
export function createHandlers(options: CreateHandlersOptions = {}): HttpHandler[] {
  return createMockApi(options).handlers;
}
