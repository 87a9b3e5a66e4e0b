// @ts-check
/**
 * Two sandbox processes (API, provider and BFF) behind one port (`cli.js start --instances 2
 * --bff`, node:cluster) on one PostgreSQL database, as the owner and the application role:
 * journeys whose requests go to both instances in turn, one with tokens in the client, one
 * through the BFF with a cookie. Each request is sent on a connection whose instance is known (a
 * probe on the same kept-alive connection reads `X-Sandbox-Instance` first), so "the other
 * instance" is a fact, not a hope. Runs in .ci/run's PostgreSQL pass (PGlite is one process's).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent as ConnectionPool, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/index.js';
import { verifyAccessLog } from '../src/data/access-log.js';
import { signIn } from '../test-support/login.js';
import { browser } from '../test-support/bff-browser.js';
import { postgresUrls } from './urls.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const ILL = { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' }, comment: 'Feber' };
const { ownerUrl, appUrl } = postgresUrls();
const schema = `omsorg_two_${randomBytes(5).toString('hex')}`;

/** @type {import('node:child_process').ChildProcess} */
let primary;
/** @type {string} */
let origin;
/** @type {string} */
let dataDir;
/** @type {import('../src/db/index.js').Database} */
let owner;
/** @type {Record<string, ConnectionPool>} one kept-alive connection to each instance */
const to = {};

/**
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string, instance: string | undefined }} Answer
 */

/**
 * @param {ConnectionPool} conn
 * @param {string} method
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @param {string} [body]
 * @returns {Promise<Answer>}
 */
function send(conn, method, url, headers = {}, body) {
  return new Promise((ok, ko) => {
    const req = request(url, { method, agent: conn, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const h = res.headers['x-sandbox-instance'];
        ok({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), instance: Array.isArray(h) ? h[0] : h });
      });
      res.on('error', ko);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
    req.on('error', ko);
    req.end(body);
  });
}

/**
 * A connection to instance `n`: new connections until one is answered by it (the primary hands
 * connections out in turn), kept alive, one socket.
 * @param {string} n
 */
async function connectTo(n) {
  for (let i = 0; i < 40; i++) {
    const conn = new ConnectionPool({ keepAlive: true, maxSockets: 1 });
    const probe = await send(conn, 'GET', `${origin}/oidc/.well-known/openid-configuration`);
    assert.equal(probe.status, 200);
    if (probe.instance === n) return conn;
    conn.destroy();
  }
  throw new Error(`no connection reached instance ${n}`);
}

/**
 * The kept-alive connection to instance `n`, checked just now (a probe on it answered by `n`): a
 * connection left idle longer than the server keeps it is replaced by a new one, which may
 * reach the other instance; then a new connection to `n` is found.
 * @param {string} n
 */
async function on(n) {
  const conn = to[n];
  if (conn) {
    const probe = await send(conn, 'GET', `${origin}/oidc/.well-known/openid-configuration`);
    if (probe.instance === n) return conn;
    conn.destroy();
  }
  return (to[n] = await connectTo(n));
}

/**
 * fetch over one instance's connection (what signIn needs: method, headers, body, no redirects).
 * @param {ConnectionPool} conn
 * @param {string | URL | Request} input
 * @param {RequestInit} [init]
 */
async function fetchOn(conn, input, init = {}) {
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const a = await send(conn, init.method ?? 'GET', String(input), headers, typeof init.body === 'string' ? init.body : undefined);
  const h = new Headers();
  for (const [k, v] of Object.entries(a.headers)) for (const one of Array.isArray(v) ? v : [v ?? '']) h.append(k, one);
  return Object.assign(new Response(a.status === 204 || a.status === 304 ? null : a.text, { status: a.status, headers: h }), { instance: a.instance });
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'omsorg-two-'));
  primary = spawn(process.execPath, [CLI, 'start', '--instances', '2', '--bff', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl, SANDBOX_DB_SCHEMA: schema, SANDBOX_DATA_DIR: dataDir, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  primary.stderr?.on('data', (d) => (err += d));
  origin = await new Promise((ok, ko) => {
    primary.stdout?.on('data', (d) => {
      out += d;
      const m = /omsorg sandbox on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1] && /instances on this port/.test(out)) ok(m[1]);
    });
    primary.once('exit', (code) => ko(new Error(`the sandbox stopped (exit ${code}): ${err}`)));
  });
  owner = await openDatabase({ databaseUrl: ownerUrl, schema, migrate: false, poolSize: 1 });
  to['1'] = await connectTo('1');
  to['2'] = await connectTo('2');
});

after(async () => {
  for (const a of Object.values(to)) a.destroy();
  if (primary && primary.exitCode === null) {
    const exited = new Promise((ok) => primary.once('exit', ok));
    primary.kill('SIGTERM');
    await exited;
  }
  try {
    await owner?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await owner?.close();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two instances behind one port, one PostgreSQL database', () => {
  it('a journey across both: sign-in, reads, a cancel replayed and a DPoP proof replayed at the other instance', async () => {
    // Sign-in: each step of the authorization code flow goes to the other instance than the one before.
    /** @type {string[]} */
    const steps = [];
    let turn = 0;
    /** @type {typeof fetch} */
    const alternating = async (input, init) => {
      const res = await fetchOn(await on(turn++ % 2 ? '2' : '1'), input, init);
      steps.push(/** @type {string} */ (res.instance));
      return res;
    };
    const ola = await signIn({ issuer: `${origin}/oidc`, clientId: 'omsorg-test', redirectUri: `${origin}/callback`, personId: 'psn-ola-7f3a', dpop: true, fetch: alternating });
    assert.ok(steps.length >= 4, `sign-in steps: ${steps.join(', ')}`);
    assert.deepEqual([...new Set(steps)].sort(), ['1', '2']);

    // The token works at both; a proof used at one is refused at the other.
    const list = `${origin}/v1/subjects/me/appointments?limit=50`;
    const headers = await ola.authorization('GET', list);
    const first = await send(await on('1'), 'GET', list, headers);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.instance, '1');
    const replay = await send(await on('2'), 'GET', list, headers);
    assert.equal(replay.instance, '2');
    assert.equal(replay.status, 401, replay.text);
    assert.match(replay.text, /used before/);
    assert.equal(replay.headers['content-type'], 'application/problem+json');
    const fresh = await send(await on('2'), 'GET', list, await ola.authorization('GET', list));
    assert.equal(fresh.status, 200, fresh.text);

    // A cancel at instance 1, replayed with its Idempotency-Key at instance 2: the same answer, one cancellation.
    const target = JSON.parse(first.text).items.find((/** @type {any} */ a) => a.cancellationPolicy.cancellable);
    assert.ok(target, 'a cancellable appointment in the seed');
    const url = `${origin}/v1/subjects/me/appointments/${target.id}/cancellation`;
    const key = `two-${randomUUID()}`;
    const cancelHeaders = async () => ({
      ...(await ola.authorization('POST', url)),
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
      'If-Match': `"${target.version}"`,
    });
    const done = await send(await on('1'), 'POST', url, await cancelHeaders(), JSON.stringify(ILL));
    assert.equal(done.status, 200, done.text);
    const again = await send(await on('2'), 'POST', url, await cancelHeaders(), JSON.stringify(ILL));
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(JSON.parse(again.text), JSON.parse(done.text));
    assert.equal(again.headers.etag, done.headers.etag);
    assert.equal(JSON.parse(done.text).cancellation.reason.code, 'pat-crs');

    // What the database holds: one cancellation (logged ok, then replayed), a chain intact across both.
    const log = (await owner.query("SELECT outcome, actor_role FROM access_log WHERE action = 'cancel' ORDER BY id")).rows;
    assert.deepEqual(log, [{ outcome: 'ok', actor_role: 'self' }, { outcome: 'replayed', actor_role: 'self' }]);
    const proofs = (await owner.query('SELECT count(*)::int AS n FROM dpop_proofs')).rows[0].n;
    assert.ok(proofs >= 4, `${proofs} proof ids shared`);
    const chain = await verifyAccessLog(owner);
    assert.equal(chain.intact, true, chain.reason);
    assert.ok(chain.rows >= 4);
  });

  it('a BFF journey across both: sign-in in turns, one session valid at both, a write, a sign-out at one that ends it at both', async () => {
    // The browser's requests: in turn to 1 and 2, or to the one instance `pin` names; every
    // answer must come from the instance it was sent to.
    /** @type {string | undefined} */
    let pin;
    let turn = 0;
    /** @type {string[]} */
    const steps = [];
    const b = browser(origin, async (input, init) => {
      const n = pin ?? (turn++ % 2 ? '2' : '1');
      const res = await fetchOn(await on(n), input, init);
      assert.equal(res.headers.get('x-sandbox-instance'), n, `${init?.method ?? 'GET'} ${input}`);
      steps.push(n);
      return res;
    });
    /** @template T @param {string} n @param {() => Promise<T>} fn */
    const at = async (n, fn) => {
      pin = n;
      try {
        return await fn();
      } finally {
        pin = undefined;
      }
    };

    // Sign-in: /bff/login, the provider's pages, /bff/callback, each step at the other instance.
    const end = await b.signIn('psn-ola-7f3a', '/min-side');
    assert.equal(end.url.pathname, '/min-side', 'the sign-in came back to where it started');
    assert.ok(steps.length >= 5, `sign-in steps: ${steps.join(', ')}`);
    assert.deepEqual([...new Set(steps)].sort(), ['1', '2']);
    const cookie = b.jar.get('omsorg-session');
    assert.ok(cookie, 'a session cookie');

    // One session, valid at both.
    for (const n of ['1', '2']) {
      const s = await at(n, () => b.go('/bff/session'));
      assert.equal(s.res.headers.get('x-sandbox-instance'), n);
      const state = JSON.parse(s.body);
      assert.equal(state.signedIn, true, `signed in at instance ${n}`);
      assert.equal(state.user.name, 'Ola Nordmann');
      const me = await at(n, () => b.api('/bff/api/v1/me'));
      assert.equal(me.res.status, 200, me.body);
      assert.equal(JSON.parse(me.body).person.name, 'Ola Nordmann');
    }

    // A write through the BFF at instance 2, seen in a read at instance 1.
    const list = await at('1', () => b.api('/bff/api/v1/subjects/me/appointments?limit=50'));
    assert.equal(list.res.status, 200, list.body);
    const target = JSON.parse(list.body).items.find((/** @type {any} */ a) => a.cancellationPolicy.cancellable);
    assert.ok(target, 'a cancellable appointment left');
    const done = await at('2', () =>
      b.api(`/bff/api/v1/subjects/me/appointments/${target.id}/cancellation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `two-bff-${randomUUID()}`, 'If-Match': `"${target.version}"` },
        body: JSON.stringify(ILL),
      }),
    );
    assert.equal(done.res.status, 200, done.body);
    const after = await at('1', () => b.api(`/bff/api/v1/subjects/me/appointments/${target.id}`));
    assert.equal(after.res.status, 200, after.body);
    const read = JSON.parse(after.body);
    assert.notEqual(read.status, target.status);
    assert.equal(read.status, JSON.parse(done.body).status);
    assert.equal(read.cancellation.reason.code, 'pat-crs');
    const logged = (await owner.query("SELECT client_id FROM access_log WHERE action = 'cancel' AND resource_id = $1", [target.id])).rows;
    assert.deepEqual(logged, [{ client_id: 'omsorg-bff' }]);

    // Sign-out at instance 1. The browser drops its cookie; a copy of it (another tab, a
    // stolen one) is refused at instance 2 too: the session is gone from the database.
    const out = await at('1', () => b.api('/bff/logout', { method: 'POST' }));
    assert.equal(out.res.status, 200, out.body);
    assert.equal(JSON.parse(out.body).signedIn, false);
    assert.equal(b.jar.has('omsorg-session'), false);
    b.jar.set('omsorg-session', cookie);
    const gone = await at('2', () => b.go('/bff/session'));
    assert.equal(gone.res.headers.get('x-sandbox-instance'), '2');
    assert.deepEqual(JSON.parse(gone.body), { signedIn: false });
    b.jar.set('omsorg-session', cookie);
    const refused = await at('2', () => b.api('/bff/api/v1/me'));
    assert.equal(refused.res.status, 401, refused.body);
    assert.equal(refused.res.headers.get('content-type'), 'application/problem+json');
    assert.equal((await owner.query('SELECT count(*)::int AS n FROM bff_sessions')).rows[0].n, 0);
  });

  it('stops both instances on SIGTERM to the primary', async () => {
    const exited = new Promise((ok) => primary.once('exit', (code) => ok(code)));
    primary.kill('SIGTERM');
    assert.equal(await exited, 0);
    await assert.rejects(send(new ConnectionPool(), 'GET', `${origin}/oidc/.well-known/openid-configuration`));
  });
});
