// @ts-check
/**
 * Acting as care-service staff in tests, without the staff page's HTML: against the database
 * directly (node tests that hold `sandbox.db`), or against a running sandbox's URL (browser
 * e2e tests), through the same forms a person would use (session cookie + CSRF token).
 *
 *   await staffReply(sandbox.db, { staffId: 'stf-ingrid-hsp', subjectId: 'sub-ola-7f3a', threadId, text });
 *   await staffReply('http://127.0.0.1:8080', { staffId: 'stf-ingrid-hsp', subjectId, threadId, text });
 *
 * Staff test persons: `staffPersons` of @omsorg/fixtures (Ingrid Berg, home nursing north;
 * Solveig Aas, the day centre; Ahmed Saleh, practical help; Tor Aune, the safety alarm; Hanne
 * Lund, respite care for children).
 */
import * as ops from '../src/staff/ops.js';

export { staffPersons } from '@omsorg/fixtures';
export { StaffError } from '../src/staff/ops.js';

/** @typedef {import('../src/db/index.js').Database | string} Target a database, or a sandbox origin */

/**
 * A signed-in staff session over HTTP.
 * @param {string} origin e.g. `http://127.0.0.1:8080`
 * @param {string} staffId
 */
export async function staffSession(origin, staffId) {
  /** @type {Map<string, string>} */
  const jar = new Map();
  /** @param {Response} res */
  const keep = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  /** @param {string} path @param {RequestInit} [init] */
  const go = async (path, init = {}) =>
    keep(
      await fetch(new URL(path, origin), {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers ?? {}), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      }),
    );
  /** @param {string} text */
  const csrfOf = (text) => {
    const m = /name="csrf" value="([^"]+)"/.exec(text);
    if (!m?.[1]) throw new Error('no CSRF token on the staff page');
    return m[1];
  };
  /**
   * Posts a form; throws with the page's text when the page refuses.
   * @param {string} path
   * @param {Record<string, string>} fields
   */
  const post = async (path, fields) => {
    const res = await go(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(origin).origin },
      body: new URLSearchParams(fields).toString(),
    });
    const text = await res.text();
    if (res.status !== 303) throw new Error(`staff page answered ${res.status} to ${path}: ${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
    const location = res.headers.get('location') ?? '';
    if (location.includes('?feil=')) throw new Error(`staff page refused ${path}: ${decodeURIComponent(location.split('?feil=')[1] ?? '')}`);
    return location;
  };

  const login = await go('/staff');
  if (login.status !== 200) throw new Error(`staff page answered ${login.status}`);
  await post('/staff/login', { csrf: csrfOf(await login.text()), staffId });
  let csrf = csrfOf(await (await go('/staff')).text());

  return {
    /** GET a staff page; returns status and HTML. @param {string} path */
    async get(path) {
      const res = await go(path);
      const text = await res.text();
      return { status: res.status, text };
    },
    /** @param {{ subjectId: string, threadId: string, text: string }} o */
    async reply({ subjectId, threadId, text }) {
      await post(`/staff/threads/${subjectId}/${threadId}/reply`, { csrf, text });
    },
    /** @param {{ subjectId: string, grantedServiceId: string, title: string, text: string }} o @returns {Promise<string>} the thread id */
    async startThread({ subjectId, grantedServiceId, title, text }) {
      const location = await post('/staff/threads', { csrf, to: `${subjectId}/${grantedServiceId}`, title, text });
      return location.split('/').pop() ?? '';
    },
    /**
     * Accepts or turns down a cancellation request on the list page (the note: what the person reads).
     * @param {{ subjectId: string, appointmentId: string, accept: boolean, note?: string }} o
     */
    async answer({ subjectId, appointmentId, accept, note }) {
      await post(`/staff/appointments/${subjectId}/${appointmentId}/${accept ? 'accept' : 'reject'}`, { csrf, ...(accept ? {} : { note: note ?? '' }) });
    },
    /** @param {{ subjectId: string, threadId: string }} o */
    async close({ subjectId, threadId }) {
      await post(`/staff/threads/${subjectId}/${threadId}/close`, { csrf });
    },
    /** The session's Cookie header (for raw requests such as downloads). */
    cookie: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    /** Refreshes the CSRF token (after the page changed). */
    async refresh() {
      csrf = csrfOf(await (await go('/staff')).text());
    },
  };
}

/**
 * @param {Target} target
 * @param {{ staffId: string, subjectId: string, threadId: string, text: string, now?: Date }} o
 */
export async function staffReply(target, o) {
  if (typeof target === 'string') return (await staffSession(target, o.staffId)).reply(o);
  await ops.staffReply(target, o);
}

/**
 * @param {Target} target
 * @param {{ staffId: string, subjectId: string, grantedServiceId: string, title: string, text: string, now?: Date }} o
 * @returns {Promise<string>} the new thread's id
 */
export async function staffStartThread(target, o) {
  if (typeof target === 'string') return (await staffSession(target, o.staffId)).startThread(o);
  return ops.staffStartThread(target, o);
}

/**
 * @param {Target} target
 * @param {{ staffId: string, subjectId: string, threadId: string, now?: Date }} o
 */
export async function staffCloseThread(target, o) {
  if (typeof target === 'string') return (await staffSession(target, o.staffId)).close(o);
  await ops.staffCloseThread(target, o);
}

/**
 * @param {Target} target
 * @param {{ staffId: string, subjectId: string, appointmentId: string, accept: boolean, note?: string, now?: Date }} o
 */
export async function staffAnswerCancellation(target, o) {
  if (typeof target === 'string') return (await staffSession(target, o.staffId)).answer(o);
  await ops.staffAnswerCancellation(target, o);
}
