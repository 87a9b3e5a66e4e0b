// @ts-check
/**
 * Shared by the sandbox's API tests (not a test itself): an API on a throw-away database
 * (PGlite, or PostgreSQL when TEST_DATABASE_URL is set) behind a node:http server, with a FAKE
 * token verifier that exists only here: `Authorization: Bearer test:<personId>` signs in that
 * person (client id from `X-Test-Client`, default `test-client`; `auth_time` from
 * `X-Test-Auth-Time`, seconds, else none; roles from `X-Test-Roles`, space-separated).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { createServer } from 'node:http';
import { createApi } from '../src/api/index.js';
import { openTestDatabase } from '../test-support/database.js';
import { seed } from '../src/db/seed.js';

/** The mocks' test clock (packages/mocks/src/test/worker.ts). */
export const NOW = new Date('2025-06-11T10:00:00+02:00');

export const PERSONS = Object.freeze({ ola: 'psn-ola-7f3a', kari: 'psn-kari-2c91', per: 'psn-per-51d0', test: 'psn-test-9e1b' });
export const SUBJECTS = Object.freeze({ ola: 'sub-ola-7f3a', kari: 'sub-kari-2c91', per: 'sub-per-51d0', emma: 'sub-emma-b8e4' });
/** Synthetic national identity numbers in the seed: never in a response or the log. */
export const PIDS = Object.freeze(['14833840127', '22896624028', '05914531111', '01819012012', '03861650080']);

export const ILL = Object.freeze({ reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' }, comment: 'Feber' });

/** @typedef {keyof typeof PERSONS} PersonKey */

export const fakeVerifier = {
  /** @param {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders }} req */
  async verify({ headers }) {
    const m = /^Bearer test:([A-Za-z0-9_-]+)$/.exec(String(headers.authorization ?? ''));
    if (!m?.[1]) {
      throw Object.assign(new Error('no token'), {
        status: 401,
        type: 'urn:omsorg:problem:unauthorized',
        detail: headers.authorization ? 'The access token is not valid' : 'No access token',
        wwwAuthenticate: headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
      });
    }
    const client = headers['x-test-client'];
    // `auth_time` (seconds) when a test names it: for the step-up of relatives' access.
    const authTime = Number(headers['x-test-auth-time']);
    const roles = String(headers['x-test-roles'] ?? '').split(' ').filter(Boolean);
    return {
      roles,
      ...(Number.isFinite(authTime) && authTime > 0 ? { authTime } : {}),
      personId: m[1],
      clientId: typeof client === 'string' ? client : 'test-client',
      acr: 'idporten-loa-high',
      scope: 'openid',
      // As the mocks' sessionExpiresAt: an hour after now.
      expiresAt: NOW.getTime() / 1000 + 3600,
    };
  },
};

/**
 * @typedef {object} CallResult
 * @property {number} status
 * @property {Headers} headers
 * @property {any} body parsed JSON (or null)
 * @property {string} text
 */

/**
 * @typedef {object} CallOptions
 * @property {PersonKey | string | null} [person] a key of PERSONS, a person id, or null (no token); default ola
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] JSON-encoded unless a string
 * @property {string} [clientId]
 */

/**
 * An API on a fresh, seeded database (`population`: with the figures' fictional population too).
 * `records`: the record system behind it, made once the database is seeded (default: its tables).
 * @param {{ now?: Date, population?: boolean, records?: (db: import('../src/db/index.js').Database) => Promise<import('../src/records/index.js').RecordSystem> }} [o]
 */
export async function startTestApi({ now = NOW, population = false, records } = {}) {
  const t = await openTestDatabase();
  const db = t.db;
  await seed(db, { now: NOW, population });
  let clock = now;
  const errors = /** @type {unknown[]} */ ([]);
  const api = createApi({ db, verifier: fakeVerifier, now: () => clock, logger: { error: (...a) => errors.push(a) }, ...(records ? { records: await records(db) } : {}) });
  await api.ready;
  const server = createServer((req, res) => {
    api.handle(req, res);
  });
  // Longer than fetch keeps an idle connection (4 s): with node's 5 s, a busy machine could let
  // the server close a connection just as fetch reused it ("fetch failed" between two tests).
  server.keepAliveTimeout = 30_000;
  await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(0, '127.0.0.1', () => ok())));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

  /**
   * @param {string} path
   * @param {CallOptions} [o]
   * @returns {Promise<CallResult>}
   */
  async function call(path, { person = 'ola', method = 'GET', headers = {}, body, clientId } = {}) {
    /** @type {Record<string, string>} */
    const h = { ...headers };
    if (person !== null) h.Authorization = `Bearer test:${PERSONS[/** @type {PersonKey} */ (person)] ?? person}`;
    if (clientId) h['X-Test-Client'] = clientId;
    if (body !== undefined) h['Content-Type'] ??= 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers: h,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    /** @type {any} */
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  let keys = 0;
  const newKey = () => `key-${process.pid}-${Date.now()}-${++keys}`;

  /**
   * POST …/cancellation; `ifMatch: 'current'` fetches the appointment's ETag first.
   * @param {string} id
   * @param {{ key?: string | null, ifMatch?: string | null, body?: unknown, person?: string, subject?: string, clientId?: string }} [o]
   */
  async function cancel(id, { key, ifMatch = 'current', body = ILL, person = 'ola', subject = 'me', clientId } = {}) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (key !== null) headers['Idempotency-Key'] = key ?? newKey();
    if (ifMatch === 'current') {
      const current = await call(`/v1/subjects/${subject}/appointments/${id}`, { person, ...(clientId ? { clientId } : {}) });
      assert.equal(current.status, 200, `GET ${id} before cancelling: ${current.text}`);
      headers['If-Match'] = /** @type {string} */ (current.headers.get('etag'));
    } else if (ifMatch !== null) headers['If-Match'] = ifMatch;
    return call(`/v1/subjects/${subject}/appointments/${id}/cancellation`, { method: 'POST', person, headers, body, ...(clientId ? { clientId } : {}) });
  }

  return {
    get db() {
      return t.db;
    },
    api,
    base,
    call,
    cancel,
    newKey,
    /** Moves the API's clock. */
    setNow: (/** @type {Date} */ d) => {
      clock = d;
    },
    /** Fresh data (the access log stays: it is append-only). */
    async reseed() {
      clock = now;
      await t.db.exec(`DELETE FROM visit_reminders; DELETE FROM notice_queue; DELETE FROM notice_preferences;
        DELETE FROM idempotency_records; DELETE FROM drafts; DELETE FROM attachments; DELETE FROM thread_reads;
        DELETE FROM messages; DELETE FROM threads; DELETE FROM staff; DELETE FROM reply_policies; DELETE FROM granted_services; DELETE FROM appointments; DELETE FROM appointment_series;
        DELETE FROM care_services; DELETE FROM proxy_grants; DELETE FROM dialogue_consents; DELETE FROM subjects; DELETE FROM persons;`);
      await seed(t.db, { now: NOW });
    },
    /** The highest access_log id so far (0 when empty). */
    async logMark() {
      const { rows } = await t.db.query('SELECT COALESCE(MAX(id), 0)::int AS id FROM access_log');
      return /** @type {number} */ (rows[0].id);
    },
    /** Access-log rows after `mark`, oldest first. */
    async logSince(/** @type {number} */ mark) {
      const { rows } = await t.db.query(
        `SELECT id::int AS id, at, actor_person_id, subject_id, action, resource, resource_id, client_id, outcome, status
           FROM access_log WHERE id > $1 ORDER BY id`,
        [mark],
      );
      return rows;
    },
    /** Unexpected errors the API logged. */
    errors,
    async close() {
      await new Promise((ok) => {
        server.close(() => ok(undefined));
        server.closeAllConnections();
      });
      await t.cleanup();
      assert.deepEqual(api.contractViolations, [], 'every response must match the contract');
    },
  };
}

/**
 * @param {CallResult} r
 * @param {number} status
 * @param {string} type the problem type's last segment (`not-found`) or the full URN
 */
export function assertProblem(r, status, type) {
  const urn = type.startsWith('urn:') ? type : `urn:omsorg:problem:${type}`;
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.body.type, urn);
  assert.equal(r.body.status, status);
  assert.equal(typeof r.body.title, 'string');
  assert.ok(r.body.detail, 'a problem has a detail');
  assert.ok(!/\bat\s+\S+\s+\(|node:internal|\.js:\d+/.test(r.text), 'no stack trace in a problem');
}

/**
 * For a test file: `started()` once before its tests and closed after them, stood for by a
 * stand-in whose members reach the started object (so a file writes `const t = useStarted(…)`
 * instead of the same before/after/beforeEach lines again).
 * @template {object} T
 * @param {() => Promise<T>} start
 * @param {{ close: (value: T) => Promise<unknown>, reseed?: (value: T) => Promise<unknown> }} o
 * @returns {T}
 */
export function useStarted(start, { close, reseed }) {
  /** @type {T | undefined} */
  let value;
  before(async () => {
    value = await start();
  });
  after(async () => {
    if (value) await close(value);
  });
  if (reseed) beforeEach(async () => reseed(/** @type {T} */ (value)));
  return /** @type {T} */ (
    new Proxy(
      {},
      {
        get(_, key) {
          if (!value) throw new Error('used before the test file started it');
          // Not bound: a method called on the stand-in reads its members through it, and a
          // member that is a function with properties of its own (the API) keeps them.
          return /** @type {any} */ (value)[key];
        },
      },
    )
  );
}

/**
 * One test API for a test file; with `reseed` (the default) back to the seed data before each test.
 * @param {{ reseed?: boolean }} [o]
 */
export const useTestApi = ({ reseed = true } = {}) =>
  useStarted(() => startTestApi(), { close: (t) => t.close(), ...(reseed ? { reseed: (t) => t.reseed() } : {}) });
