// @ts-check
/**
 * The suite's view of a target: `call()` sends one request and checks the answer against the
 * contract (every response, whatever the check is about), plus discovery of the data
 * (`GET /v1/me`, whole lists) and the appointments the changing checks use, one each.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEADLINE_MARGIN_MS } from '@omsorg/fixtures';
import { cancellableStatuses, cancellationReasons, problemTypes } from './vocabulary.js';
import { contract } from './contract.js';

export { problemTypes, cancellableStatuses };

/** A valid cancellation body (the contract's cancellation-reason code set). */
export const validCancellation = (comment = 'contract suite') => ({ reason: { system: cancellationReasons.system, code: cancellationReasons.aCode }, comment });

/** Clock slack between the suite and the target, for "now"-relative assertions. */
export const SKEW_MS = 2 * 60_000;
const TIMEOUT_MS = 15_000;

/** A failure that is about the target's data, not its behaviour (see README, "Data"). */
export class DataError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(`DATA: ${message} (see packages/contract-suite/README.md, "Data")`);
    this.name = 'DataError';
  }
}

/**
 * @typedef {object} Reply
 * @property {string} method
 * @property {string} path the path and query after the base URL
 * @property {number} status
 * @property {Headers} headers
 * @property {string} text
 * @property {Uint8Array} bytes the body as received (files)
 * @property {any} body the parsed JSON
 */

/**
 * @typedef {object} CallOptions
 * @property {import('./targets.js').Role | null | { authorization: string }} [as]
 *   a role (default `self`), null for no Authorization header, or a raw Authorization value
 * @property {string} [method]
 * @property {string} path e.g. `/v1/me`
 * @property {Record<string, string | number | undefined>} [query]
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] JSON-encoded unless a string; a Uint8Array is sent as is (set its Content-Type in `headers`)
 * @property {number} [signedInAt] sign in at this time (seconds since the epoch) for this request
 *   (the target's `headersSignedInAt`: the step-up of relatives' access)
 */

/** @param {import('./targets.js').Target} target */
export function createContext(target) {
  const c = contract();
  /** @type {Set<string>} */
  const claimed = new Set();
  /** @type {Map<string, Promise<any>>} */
  const memo = new Map();

  /**
   * One request; the reply is checked against the contract and an AssertionError thrown on any
   * violation.
   * @param {CallOptions} o
   * @returns {Promise<Reply>}
   */
  async function call({ as = 'self', method = 'GET', path, query, headers = {}, body, signedInAt }) {
    const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString() : '';
    const rel = `${path}${qs ? `?${qs}` : ''}`;
    const url = `${target.baseUrl}${rel}`;
    /** @type {Record<string, string>} */
    let auth = {};
    if (as && typeof as === 'object') auth = { Authorization: as.authorization };
    else if (as) {
      const key = target.persons[as];
      if (!key) throw new Error(`the target has no "${as}" person`);
      if (signedInAt === undefined) auth = await target.headersFor(key, method, url);
      else if (target.headersSignedInAt) auth = await target.headersSignedInAt(key, method, url, signedInAt);
      else throw new Error('the target cannot choose when the person signed in');
    }
    const raw = body instanceof Uint8Array;
    const res = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(body === undefined || raw ? {} : { 'Content-Type': 'application/json' }),
        ...auth,
        ...headers,
      },
      ...(body === undefined ? {} : { body: raw ? body : typeof body === 'string' ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const pathname = new URL(url).pathname.slice(new URL(target.baseUrl).pathname.replace(/\/+$/, '').length);
    const checked = c.checkResponse({ method, pathname, status: res.status, headers: res.headers, text, size: bytes.length });
    const violations = [...new Set(checked.violations)];
    if (violations.length) {
      assert.fail(`${method} ${rel} → ${res.status} breaks the contract:\n  - ${violations.join('\n  - ')}\n  body: ${text.slice(0, 400)}`);
    }
    return { method, path: rel, status: res.status, headers: res.headers, text, bytes, body: checked.body };
  }

  /**
   * Asserts a status (and for errors the problem type key of `problemTypes`).
   * @param {Reply} r
   * @param {number} status
   * @param {string} [type] a key of `problemTypes`, e.g. `notFound`
   */
  function expectStatus(r, status, type) {
    if (type && !problemTypes[type]) throw new Error(`no problem type "${type}" in openapi.yaml`);
    assert.equal(r.status, status, `${r.method} ${r.path}: expected ${status}${type ? ` ${problemTypes[type]}` : ''}, got ${r.status} ${r.text.slice(0, 300)}`);
    if (type) assert.equal(r.body?.type, problemTypes[type], `${r.method} ${r.path}: problem type`);
    return r;
  }

  /** `GET /v1/me` as a role (once). @param {import('./targets.js').Role} [as] */
  const me = (as = 'self') => once(`me:${as}`, async () => expectStatus(await call({ as, path: '/v1/me' }), 200).body);

  /**
   * Every appointment of a subject, following the cursors (limit 100).
   * @param {object} o
   * @param {import('./targets.js').Role} [o.as]
   * @param {string} o.subject
   * @param {'upcoming' | 'past'} [o.when]
   * @param {Record<string, string | number | undefined>} [o.query]
   * @returns {Promise<any[]>}
   */
  async function listAll({ as = 'self', subject, when = 'upcoming', query = {} }) {
    const items = [];
    /** @type {string | null} */
    let cursor = null;
    for (let page = 0; page < 1000; page++) {
      const r = expectStatus(await call({ as, path: `/v1/subjects/${subject}/appointments`, query: { when, limit: 100, ...query, cursor: cursor ?? undefined } }), 200);
      items.push(...r.body.items);
      cursor = r.body.nextCursor;
      if (cursor === null) return items;
    }
    assert.fail(`listing ${subject} ${when}: more than 1000 pages`);
  }

  /** The subjects of a role that have a scope. @param {string} scope @param {import('./targets.js').Role} [as] */
  async function subjectsWith(scope, as = 'self') {
    return (await me(as)).subjects.filter((/** @type {any} */ s) => s.scopes.includes(scope));
  }

  /** Upcoming appointments of every subject `self` may cancel for, as `{ subject, a }`. */
  async function cancelCandidates() {
    const out = [];
    for (const s of await subjectsWith('appointments.cancel')) {
      for (const a of await listAll({ subject: s.id })) out.push({ subject: s.id, a });
    }
    return out;
  }

  /**
   * An appointment of `self` that no other check uses, cancellable with time to spare, fetched
   * again for its current ETag. Throws a DataError when the target has no more.
   * @param {{ mode?: 'final' | 'request', prefer?: 'final' | 'request', purpose: string, where?: (a: any) => boolean }} o
   */
  async function claimCancellable({ mode, prefer, purpose, where }) {
    const now = Date.now();
    const free = (await cancelCandidates()).filter(
      ({ subject, a }) =>
        !claimed.has(`${subject}/${a.id}`) &&
        a.cancellationPolicy.cancellable === true &&
        cancellableStatuses.includes(a.status) &&
        Date.parse(a.cancellationPolicy.deadline) > now + DEADLINE_MARGIN_MS &&
        (!mode || a.cancellationPolicy.mode === mode) &&
        (!where || where(a)),
    );
    free.sort((x, y) => Number(y.a.cancellationPolicy.mode === prefer) - Number(x.a.cancellationPolicy.mode === prefer));
    const pick = free[0];
    if (!pick) {
      throw new DataError(
        `no unused cancellable upcoming appointment${mode ? ` with mode ${mode}` : ''} (deadline more than 15 minutes away) left for "${purpose}"; ${claimed.size} already used by other checks`,
      );
    }
    claimed.add(`${pick.subject}/${pick.a.id}`);
    return getAppointment(pick.subject, pick.a.id);
  }

  /** Modes among the unused cancellable appointments. */
  async function availableModes() {
    const now = Date.now();
    const modes = new Set();
    for (const { subject, a } of await cancelCandidates()) {
      if (!claimed.has(`${subject}/${a.id}`) && a.cancellationPolicy.cancellable === true && Date.parse(a.cancellationPolicy.deadline) > now + DEADLINE_MARGIN_MS) {
        modes.add(a.cancellationPolicy.mode);
      }
    }
    return /** @type {('final' | 'request')[]} */ ([...modes].sort());
  }

  /** `GET` one appointment: `{ subject, a, etag }`. @param {string} subject @param {string} id @param {import('./targets.js').Role} [as] */
  async function getAppointment(subject, id, as = 'self') {
    const r = expectStatus(await call({ as, path: `/v1/subjects/${subject}/appointments/${id}` }), 200);
    return { subject, a: r.body, etag: /** @type {string} */ (r.headers.get('etag')) };
  }

  /**
   * `POST …/cancellation`.
   * @param {object} o
   * @param {string} o.subject
   * @param {string} o.id
   * @param {string | null} [o.key] Idempotency-Key (default: a fresh one; null: none)
   * @param {string | null} [o.ifMatch] (null: none)
   * @param {unknown} [o.body] default a valid cancellation
   * @param {import('./targets.js').Role} [o.as]
   */
  function cancel({ subject, id, key = newKey(), ifMatch = null, body = validCancellation(), as = 'self' }) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (key !== null) headers['Idempotency-Key'] = key;
    if (ifMatch !== null) headers['If-Match'] = ifMatch;
    return call({ as, method: 'POST', path: `/v1/subjects/${subject}/appointments/${id}/cancellation`, headers, body });
  }

  /**
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} make
   * @returns {Promise<T>}
   */
  function once(key, make) {
    let p = memo.get(key);
    if (!p) {
      p = make();
      memo.set(key, p);
      p.catch(() => memo.delete(key));
    }
    return p;
  }

  return {
    target,
    contract: c,
    call,
    expectStatus,
    me,
    listAll,
    subjectsWith,
    cancelCandidates,
    claimCancellable,
    availableModes,
    getAppointment,
    cancel,
    once,
    /** Marks an appointment as used by a check (so no changing check takes it). @param {string} subject @param {string} id */
    claim: (subject, id) => claimed.add(`${subject}/${id}`),
  };
}

/** @typedef {ReturnType<typeof createContext>} Context */

/** A fresh Idempotency-Key. */
export const newKey = () => `contract-${randomUUID()}`;
