// @ts-check
/**
 * The omsorg API (`/v1/*`) over the sandbox database, as a node:http handler.
 *
 * Every request: authenticate (the token verifier, caller.js) → route (openapi-backend, from the
 * contract) → the person → the subject, checked against the database on every request (own
 * subject, or a live, unexpired, unrevoked grant with the needed scope: otherwise 404 as for a
 * subject that does not exist, or 403 for a missing scope; caller.js) → the operation (one module
 * per resource area: appointments.js, messages.js, consent.js, relatives.js, notices.js,
 * figures.js; the person and their access log here), with the same rules, order and answers as
 * the msw mocks → one row in the append-only access log for every read, change or refusal of a
 * person's data.
 *
 * In development and tests (`validateResponses`, on unless NODE_ENV=production) every response
 * is checked against the contract; a response that breaks it is recorded in
 * `contractViolations`, logged, and replaced by a 500 problem, so tests fail loudly (reply-kit.js).
 */
import {
  accessLogCursor,
  allowedQueryParameters,
  checkQueryParameters,
  isProblemSpec,
  osloDate,
  osloIso,
  parseAccessLogQuery,
  recordsUnavailable,
  toAccessLogEntry,
} from '@omsorg/contract';
import { ProblemError } from './problems.js';
import { loadContract } from './contract.js';
import { APPOINTMENT_OPERATIONS, appointmentOperation } from './appointments.js';
import { MESSAGE_OPERATIONS, messageOperation } from './messages.js';
import { CONSENT_OPERATIONS, consentOperation } from './consent.js';
import { RELATIVES_OPERATIONS, relativesOperation } from './relatives.js';
import { NOTICE_OPERATIONS, noticeOperation } from './notices.js';
import { FIGURES_OPERATIONS, figuresOperation } from './figures.js';
import { defaultNotifier } from '../notices/notifier.js';
import { createCors } from './cors.js';
import { MAX_BODY_BYTES, createSender, headerValue, json, problemReply, readBody } from './reply-kit.js';
import { DEFAULT_API_SCOPE, MAX_SESSION_AGE_SEC } from './session.js';
import { createCallers } from './caller.js';
import { accessLogPageRows } from '../data/access-log.js';
import { personFinder } from './kept-persons.js';
import { createAccessLogWriter, subjectsFor } from '../data/store.js';
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
  const send = createSender({ validateResponses, contractViolations, logger });
  const callers = createCallers({ db, verifier, now, publicOrigin, requiredScope, maxSessionAgeSec, appendLog });

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

    // Who is calling (caller.js).
    const { token, at } = await callers.authenticate(req, method);

    const op = contract.match(method, path);
    if (!op) throw noRoute();
    ctx.operationId = op.operationId;

    // The figures for management: a role, not a person's data (api/figures.js).
    if (FIGURES_OPERATIONS.has(op.operationId)) return figuresOperation(op.operationId, { db, roles: token.roles ?? [], url, at });

    const today = osloDate(at);
    // One rule for every operation (rules core: paging.ts), checked once the subject is known.
    const unknownQuery = checkQueryParameters(url.searchParams, allowedQueryParameters(method, path));
    // For whom: the person, the subject in the path (`access`) and the access log (`log`).
    const { person, access, log } = callers.actingFor(await persons.find(token.personId), {
      clientId: token.clientId ?? null,
      today,
      subjectRef: op.params.subjectId ?? '',
      unknownQuery,
    });

    const run = [
      [APPOINTMENT_OPERATIONS, appointmentOperation],
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

      default:
        // An operation in the contract that this server does not implement yet.
        throw noRoute();
    }
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
