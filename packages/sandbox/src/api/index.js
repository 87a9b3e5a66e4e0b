// @ts-check
/**
 * The omsorg API (`/v1/*`) over the sandbox database, as a node:http handler.
 *
 * Every request: authenticate (the token verifier) → route (openapi-backend, from the contract)
 * → the person → the subject, checked against the database on every request (own subject, or a
 * live, unexpired, unrevoked grant with the needed scope: otherwise 404 as for a subject that
 * does not exist, or 403 for a missing scope) → the operation, with the same rules, order and
 * answers as the msw mocks → one row in the append-only access log for every read, change or
 * refusal of a person's data.
 *
 * In development and tests (`validateResponses`, on unless NODE_ENV=production) every response
 * is checked against the contract; a response that breaks it is recorded in
 * `contractViolations`, logged, and replaced by a 500 problem, so tests fail loudly.
 */
import {
  accessLogCursor,
  accessLogNotOwn,
  allowedQueryParameters,
  appointmentCursor,
  checkQueryParameters,
  etagOf,
  isProblemSpec,
  noneMatch,
  osloDate,
  osloIso,
  parseAccessLogQuery,
  parseAppointmentQuery,
  recordsUnavailable,
  subjectRefPattern,
  toAccessLogEntry,
} from '@omsorg/contract';
import { ProblemError, orThrow, problemKeyOf } from './problems.js';
import { fieldErrors, loadContract } from './contract.js';
import { cancelAppointment, checkCancelHeaders } from './cancel.js';
import { MESSAGE_OPERATIONS, messageOperation } from './messages.js';
import { CONSENT_OPERATIONS, consentOperation } from './consent.js';
import { RELATIVES_OPERATIONS, relativesOperation } from './relatives.js';
import { NOTICE_OPERATIONS, noticeOperation } from './notices.js';
import { FIGURES_OPERATIONS, figuresOperation } from './figures.js';
import { defaultNotifier } from '../notices/notifier.js';
import { createCors } from './cors.js';
import { COMMON_HEADERS, MAX_BODY_BYTES, headerValue, json, jsonWithListEtag, problemReply, readBody } from './reply-kit.js';
import { DEFAULT_API_SCOPE, MAX_SESSION_AGE_SEC, checkSession } from './session.js';
import { accessLogPageRows } from '../data/access-log.js';
import { personFinder } from './kept-persons.js';
import { createAccessLogWriter, isId, logAccess, roleOf, selfAccess, subjectsFor } from '../data/store.js';
import { sqlRecords } from '../records/sql.js';
import { RecordsUnavailableError } from '../records/composite.js';


/**
 * @typedef {object} VerifiedToken
 * @property {string} personId
 * @property {string} [clientId]
 * @property {string} [acr]
 * @property {string} [scope]
 * @property {number} [expiresAt] seconds since the epoch
 * @property {number} [authTime] when the person signed in (`auth_time`), seconds since the epoch
 * @property {'Bearer' | 'DPoP'} [scheme]
 * @property {string[]} [roles] the token's `roles` claim (`management`)
 */

/**
 * @typedef {object} TokenVerifier
 * @property {(req: { method: string, url: string, headers: import('node:http').IncomingHttpHeaders }) => Promise<VerifiedToken>} verify
 *   resolves the caller, or throws an error with `status` (401), `type`, `detail`, `wwwAuthenticate`
 */

/**
 * @typedef {object} ApiOptions
 * @property {import('../db/index.js').Database} db
 * @property {TokenVerifier} verifier
 * @property {() => Date} [now] the clock for upcoming/past, deadlines and grant expiry
 * @property {string} [basePath] a prefix before `/v1` (e.g. `/api`), default ''
 * @property {boolean} [validateResponses] default: NODE_ENV !== 'production'
 * @property {string} [publicOrigin] the origin clients call (for DPoP `htu`), default from the Host header
 * @property {readonly string[]} [corsOrigins] pages on other origins that may call the API (cors.js), default none
 * @property {string} [requiredScope] the scope every access token needs, default `openid` ('' for none)
 * @property {number} [maxSessionAgeSec] the longest a sign-in lasts by `auth_time`, default 7200
 * @property {import('../notices/notifier.js').Notifier} [notices] the contact register, the queue and the gateway (default: the development ones)
 * @property {import('../records/index.js').RecordSystem} [records] the record system: the person, appointments,
 *   granted services and cancellations (records/: default the sandbox's own tables; or a FHIR R4 server)
 * @property {boolean} [keepPersons] keep the person rows read while listening for their changes
 *   (kept-persons.js), default false; the sandbox's server turns it on and calls `close`
 * @property {Pick<Console, 'error'>} [logger]
 */

/**
 * @typedef {object} ContractViolation
 * @property {string | undefined} operationId
 * @property {number} status
 * @property {string[]} problems
 */

/** @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} Handler */

/**
 * @typedef {object} ApiExtra
 * @property {Handler} handle the same function (for `api.handle(req, res)`)
 * @property {Promise<void>} ready resolves when the contract is loaded (and, with `keepPersons`, listening has started)
 * @property {ContractViolation[]} contractViolations responses that broke the contract (validateResponses on)
 * @property {import('./kept-persons.js').PersonFinder} persons who the signed-in person is
 * @property {() => Promise<void>} close stops listening (with `keepPersons`)
 */

/** @typedef {Handler & ApiExtra} Api the node:http handler for `/v1/*` (basePath before it), with extras */

/** @typedef {import('../http/reply.js').Reply} Reply */


/**
 * @param {ApiOptions} options
 * @returns {Api}
 */
export function createApi({
  db,
  verifier,
  now = () => new Date(),
  basePath = '',
  validateResponses = process.env.NODE_ENV !== 'production',
  publicOrigin,
  corsOrigins = [],
  requiredScope = DEFAULT_API_SCOPE,
  maxSessionAgeSec = MAX_SESSION_AGE_SEC,
  notices = defaultNotifier,
  records = sqlRecords,
  keepPersons = false,
  logger = console,
}) {
  const base = basePath.replace(/\/+$/, '');
  const cors = createCors(corsOrigins);
  const contractPromise = loadContract();
  // The log rows written on their own (not with a change) share statements under load (db/batch.js).
  const appendLog = createAccessLogWriter(db);
  const persons = personFinder({ db, records, keep: keepPersons, logger });
  /** @type {ContractViolation[]} */
  const contractViolations = [];

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('./contract.js').Contract} contract
   * @param {{ operationId?: string, closeConnection?: boolean }} ctx
   * @returns {Promise<Reply>}
   */
  async function route(req, contract, ctx) {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    let path = url.pathname;
    if (base) path = path === base || path.startsWith(`${base}/`) ? path.slice(base.length) || '/' : '';
    const noRoute = () => new ProblemError(404, 'notFound', `No route for ${method} ${url.pathname}.`);
    // Read only once the route is known: an upload has its own limit and must not be buffered here.
    /** @type {Promise<{ text: string, tooLarge: boolean }> | undefined} */
    let bodyRead;
    const readJsonBody = (max = MAX_BODY_BYTES) =>
      (bodyRead ??= method === 'POST' || method === 'PUT' || method === 'PATCH' ? readBody(req, max) : Promise.resolve({ text: '', tooLarge: false }));
    if (path !== '/v1' && !path.startsWith('/v1/')) throw noRoute();

    // Who is calling. Everything under /v1 needs a valid token, as in the mocks.
    /** @type {VerifiedToken} */
    let token;
    try {
      const origin = publicOrigin ?? `http://${req.headers.host ?? 'localhost'}`;
      token = await verifier.verify({ method, url: new URL(req.url ?? '/', origin).href, headers: req.headers });
    } catch (err) {
      const e = /** @type {{ status?: number, type?: string, detail?: string, wwwAuthenticate?: string }} */ (err);
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
        const key = problemKeyOf(e.type) ?? 'unauthorized';
        throw new ProblemError(e.status, key, e.detail ?? 'No valid access token.', {
          headers: e.wwwAuthenticate ? { 'WWW-Authenticate': e.wwwAuthenticate } : {},
        });
      }
      throw err;
    }
    const at = now();
    checkSession(token, { now: at, requiredScope, maxSessionAgeSec });

    const op = contract.match(method, path);
    if (!op) throw noRoute();
    ctx.operationId = op.operationId;

    // The figures for management: a role, not a person's data (api/figures.js).
    if (FIGURES_OPERATIONS.has(op.operationId)) return figuresOperation(op.operationId, { db, roles: token.roles ?? [], url, at });

    const found = await persons.find(token.personId);
    if (!found) throw new ProblemError(403, 'forbidden', 'The signed-in person is not known to this service.');
    const person = { id: found.id, name: found.name };
    const self = selfAccess(found);

    const today = osloDate(at);
    // One rule for every operation (rules core: paging.ts), checked once the subject is known.
    const unknownQuery = checkQueryParameters(url.searchParams, allowedQueryParameters(method, path));
    const clientId = token.clientId ?? null;
    // The caller's role towards the request's subject (and a relative's relation): their own until
    // `access` has looked up the subject in the path.
    let role = roleOf(self);
    /**
     * @param {Omit<import('../data/store.js').AccessLogEntry, 'actorPersonId' | 'clientId'>} e
     * @param {import('../db/index.js').Queryable} [q]
     */
    const log = (e, q = db) => {
      const entry = { ...role, ...e, actorPersonId: person.id, clientId };
      return q === db ? appendLog(entry) : logAccess(q, entry);
    };

    /**
     * The subject in the path, when the caller may act for it with `scope`; else a logged 404/403.
     * `selfOnly`: only the person themselves, whatever a relative's scopes (the access log).
     * @param {'appointments.read' | 'appointments.cancel' | 'services.read' | 'messages' | null} scope
     * @param {{ action: import('../data/store.js').AccessLogEntry['action'], resource: import('../data/store.js').AccessLogEntry['resource'], resourceId?: string | null }} what
     * @param {{ selfOnly?: boolean }} [o]
     */
    async function access(scope, what, { selfOnly = false } = {}) {
      const ref = op?.params.subjectId ?? '';
      // The caller's own subject came with the person (one query less); grants are looked up.
      const own = ref === 'me' || (ref !== '' && ref === self?.id);
      const found = own ? self : subjectRefPattern.test(ref) ? (await subjectsFor(db, person.id, today, ref))[0] : undefined;
      role = roleOf(found);
      // The same answer for "does not exist" and "not yours": no existence leaks.
      if (!found) {
        await log({ ...what, subjectId: ref === 'me' ? null : ref, outcome: 'denied', status: 404 });
        throw new ProblemError(404, 'notFound', 'No such subject.');
      }
      if (selfOnly && found.relation.code !== 'self') {
        await log({ ...what, subjectId: found.id, outcome: 'denied', status: 403 });
        throw ProblemError.from(accessLogNotOwn);
      }
      if (scope !== null && !found.scopes.includes(scope)) {
        await log({ ...what, subjectId: found.id, outcome: 'denied', status: 403 });
        throw new ProblemError(403, 'forbidden', `Your access to this subject lacks ${scope}.`);
      }
      if (unknownQuery) {
        await log({ ...what, subjectId: found.id, outcome: 'refused', status: 400 });
        throw ProblemError.from(unknownQuery);
      }
      return found;
    }

    const run = [
      [MESSAGE_OPERATIONS, messageOperation],
      [CONSENT_OPERATIONS, consentOperation],
      [RELATIVES_OPERATIONS, relativesOperation],
      [NOTICE_OPERATIONS, noticeOperation],
    ].find(([ops]) => /** @type {Set<string>} */ (ops).has(op.operationId))?.[1];
    if (run) {
      return /** @type {typeof relativesOperation} */ (run)(op.operationId, {
        notices,
        records,
        // Giving or taking back relatives' access asks how recent the sign-in is (`auth_time`).
        authTime: token.authTime,
        scheme: token.scheme ?? 'Bearer',
        db,
        contract,
        req,
        url,
        path,
        method,
        params: op.params,
        person,
        at,
        today,
        access,
        log,
        body: readJsonBody,
        header: (name) => headerValue(req.headers, name),
        closeConnection: () => {
          ctx.closeConnection = true;
        },
      });
    }

    switch (op.operationId) {
      case 'getMe': {
        const subjects = await subjectsFor(db, person.id, today);
        const self = subjects.find((s) => s.relation.code === 'self');
        if (unknownQuery) {
          await log({ action: 'read', resource: 'me', subjectId: self?.id ?? null, outcome: 'refused', status: 400 });
          throw ProblemError.from(unknownQuery);
        }
        await log({ action: 'read', resource: 'me', subjectId: self?.id ?? null, outcome: 'ok', status: 200 });
        return json({
          person: { id: person.id, name: person.name },
          subjects,
          ...(typeof token.expiresAt === 'number' ? { sessionExpiresAt: osloIso(new Date(token.expiresAt * 1000)) } : {}),
        });
      }

      case 'listAppointments': {
        const what = /** @type {const} */ ({ action: 'read', resource: 'appointments' });
        const subject = await access('appointments.read', what);
        let query;
        try {
          query = orThrow(parseAppointmentQuery(url.searchParams));
          const errors = contract.validateRequest('listAppointments', { method, path, headers: req.headers, query: url.search.slice(1) });
          if (errors.length) {
            const fields = fieldErrors(errors);
            throw new ProblemError(400, 'validation', 'The query is not valid.', fields.length ? { errors: fields } : {});
          }
        } catch (err) {
          if (err instanceof ProblemError) await log({ ...what, subjectId: subject.id, outcome: 'refused', status: err.status });
          throw err;
        }
        const page = await records.listAppointments(db, subject.id, query, at);
        const items = page.items;
        const last = items[items.length - 1];
        const nextCursor = page.more && last ? appointmentCursor(query.when, last) : null;
        // A source that did not answer is said, not hidden (several record systems: composite.js).
        const body = { items, nextCursor, ...(page.unavailable?.length ? { unavailableSources: page.unavailable } : {}) };
        const { etag, reply } = jsonWithListEtag(body);
        // Not logged: a 304 discloses nothing the caller was not given, in a logged 200, already
        // (docs/architecture.md, "A 304 is not logged").
        if (noneMatch(headerValue(req.headers, 'if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
        await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
        return reply();
      }

      case 'getAppointment': {
        const appointmentId = op.params.appointmentId ?? '';
        const what = /** @type {const} */ ({ action: 'read', resource: 'appointment', resourceId: appointmentId });
        const subject = await access('appointments.read', what);
        const appointment = isId(appointmentId) ? await records.getAppointment(db, subject.id, appointmentId, at) : undefined;
        if (!appointment) {
          await log({ ...what, subjectId: subject.id, outcome: 'not-found', status: 404 });
          throw new ProblemError(404, 'notFound', 'No such appointment.');
        }
        await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
        return json(appointment, 200, { ETag: etagOf(appointment) });
      }

      case 'cancelAppointment': {
        const appointmentId = op.params.appointmentId ?? '';
        const what = /** @type {const} */ ({ action: 'cancel', resource: 'appointment', resourceId: appointmentId });
        const subject = await access('appointments.cancel', what);
        const body = await readJsonBody();
        try {
          if (body.tooLarge) {
            // Where the mocks check "is the body JSON": after the two headers.
            const contentType = headerValue(req.headers, 'content-type');
            checkCancelHeaders({ idempotencyKey: headerValue(req.headers, 'idempotency-key'), ifMatch: headerValue(req.headers, 'if-match'), bodyText: '{}', contentType });
            throw new ProblemError(400, 'validation', 'The body is too large.', { errors: [{ pointer: '', code: 'too-long' }] });
          }
          const checked = checkCancelHeaders({
            idempotencyKey: headerValue(req.headers, 'idempotency-key'),
            ifMatch: headerValue(req.headers, 'if-match'),
            bodyText: body.text,
            contentType: headerValue(req.headers, 'content-type'),
          });
          const outcome = await cancelAppointment(db, {
            actor: person,
            subjectId: subject.id,
            appointmentId,
            key: checked.key,
            ifMatch: checked.ifMatch,
            body: checked.body,
            now: at,
            notices,
            records,
            extraValidation: (b) =>
              fieldErrors(contract.validateRequest('cancelAppointment', { method, path, headers: req.headers, query: url.search.slice(1), body: b })),
            onCommit: (tx, o) => log({ ...what, subjectId: subject.id, outcome: o.replayed ? 'replayed' : 'ok', status: o.status }, tx),
          });
          return json(outcome.body, outcome.status, { ETag: outcome.etag });
        } catch (err) {
          if (err instanceof ProblemError) {
            await log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
          }
          throw err;
        }
      }

      case 'getAccessLog': {
        // The person's own log: a relative acting for them is refused (rules/access-log.ts).
        const what = /** @type {const} */ ({ action: 'read', resource: 'access-log' });
        const subject = await access(null, what, { selfOnly: true });
        const query = parseAccessLogQuery(url.searchParams, at);
        if (isProblemSpec(query)) {
          await log({ ...what, subjectId: subject.id, outcome: 'refused', status: 400 });
          throw ProblemError.from(query);
        }
        // Logged before it is read, in the same transaction: the answer includes this read.
        const page = await db.transaction(async (tx) => {
          await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 }, tx);
          return accessLogPageRows(tx, subject.id, query);
        });
        const last = page.rows[page.rows.length - 1];
        return json({
          items: page.rows.map(toAccessLogEntry),
          nextCursor: page.more && last ? accessLogCursor(last.at, last.id) : null,
          from: query.fromDate,
          to: query.toDate,
        });
      }

      case 'listServices': {
        const what = /** @type {const} */ ({ action: 'read', resource: 'services' });
        const subject = await access('services.read', what);
        const { items, unavailable } = await records.listServices(db, subject.id);
        await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
        return json({ items, ...(unavailable?.length ? { unavailableSources: unavailable } : {}) });
      }

      default:
        // An operation in the contract that this server does not implement yet.
        throw noRoute();
    }
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {Reply} reply
   * @param {import('./contract.js').Contract | undefined} contract
   * @param {string | undefined} operationId
   * @param {boolean} [closeConnection] an upload refused before its body was read
   * @param {Record<string, string>} [corsHeaders]
   */
  function send(res, reply, contract, operationId, closeConnection = false, corsHeaders = {}) {
    let { status, body } = reply;
    /** @type {Record<string, string>} */
    let headers = { ...reply.headers, ...COMMON_HEADERS, ...corsHeaders };
    if (validateResponses && contract) {
      const problems = contract.validateResponse(operationId, status, headers, body);
      if (problems.length) {
        contractViolations.push({ operationId, status, problems });
        logger.error(`omsorg sandbox: a ${status} answer to ${operationId ?? 'an unknown route'} breaks the contract: ${problems.join('; ')}`);
        const p = new ProblemError(500, 'serverError', 'The server produced an answer that breaks the API contract.');
        ({ status, body } = problemReply(p));
        headers = { 'Content-Type': 'application/problem+json', ...COMMON_HEADERS, ...corsHeaders };
      }
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (closeConnection) headers.Connection = 'close';
    if (body === undefined) {
      // 204 and 304: no body.
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const data = Buffer.isBuffer(body) ? body : Buffer.from(reply.text !== undefined && body === reply.body ? reply.text : JSON.stringify(body));
    res.writeHead(status, { ...headers, 'Content-Length': String(data.length) });
    res.end(data);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    // A preflight carries no token: answered before authentication (cors.js).
    if (req.method === 'OPTIONS') return cors.preflight(req, res);
    /** @type {{ operationId?: string, closeConnection?: boolean }} */
    const ctx = {};
    /** @type {import('./contract.js').Contract | undefined} */
    let contract;
    /** @type {Reply} */
    let reply;
    try {
      contract = await contractPromise;
      reply = await route(req, contract, ctx);
    } catch (err) {
      if (err instanceof ProblemError) reply = problemReply(err);
      else if (err instanceof RecordsUnavailableError) reply = problemReply(ProblemError.from(recordsUnavailable()));
      else {
        logger.error('omsorg sandbox: unexpected error', err);
        reply = problemReply(new ProblemError(500, 'serverError', 'Something went wrong on the server. Try again later.'));
      }
    }
    send(res, reply, contract, ctx.operationId, ctx.closeConnection, cors.headers(req));
  }

  // Callable as `api(req, res)` and as `api.handle(req, res)`.
  return Object.assign(handle, {
    handle,
    contractViolations,
    persons,
    ready: Promise.all([contractPromise, persons.ready]).then(() => undefined),
    close: () => persons.close(),
  });
}
