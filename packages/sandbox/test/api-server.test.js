// @ts-check
/**
 * The whole sandbox on one origin: /v1 (API with real tokens from /oidc, Bearer and DPoP),
 * /oidc (the provider), static files under a strict CSP, loopback only, Host checked.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSP, startSandbox, TEST_CLIENT_ID } from '../src/server.js';
import { openTestDatabase, testEngine } from '../test-support/database.js';
import { signIn } from '../test-support/login.js';
import { staffReply } from '../test-support/staff.js';
import { STAFF_CSP } from '../src/staff/page.js';
import { ILL, NOW, SUBJECTS } from './api-helpers.js';

/** @type {import('../test-support/database.js').TestDatabase} */
let t;
/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let s;
/** @type {string} */
let tmp;

before(async () => {
  t = await openTestDatabase();
  await t.db.close();
  tmp = await mkdtemp(join(tmpdir(), 'omsorg-server-'));
  const demo = join(tmp, 'demo');
  await mkdir(demo);
  await writeFile(join(demo, 'index.html'), '<!doctype html><title>Min side</title>');
  await writeFile(join(demo, 'app.js'), 'export {};');
  await writeFile(join(demo, '.env'), 'SECRET=1');
  await writeFile(join(tmp, 'outside.txt'), 'outside');
  s = await startSandbox({
    port: 0,
    dataDir: t.dataDir ? dirname(t.dataDir) : tmp,
    databaseUrl: t.databaseUrl,
    schema: t.schema,
    demoDir: demo,
    now: () => NOW,
    seedNow: NOW,
    logger: { log() {}, error: console.error },
  });
});
after(async () => {
  await s?.close();
  await t?.reopen();
  await t?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * A raw request (fetch would normalise the path and set Host itself).
 * @param {string} path
 * @param {{ method?: string, host?: string }} [o]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string }>}
 */
function raw(path, { method = 'GET', host } = {}) {
  const u = new URL(s.url);
  return new Promise((ok, ko) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers: { Host: host ?? u.host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', ko);
    req.end();
  });
}

describe(`sandbox server (${testEngine()})`, () => {
  it('binds to loopback only', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.org']) {
      await assert.rejects(startSandbox({ host, port: 0 }), /loopback/);
    }
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the demo with a strict CSP; no dotfiles, nothing outside its root, GET/HEAD only', async () => {
    const page = await fetch(`${s.url}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CSP);
    assert.equal(
      CSP,
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await page.text(), /Min side/);
    assert.equal((await fetch(`${s.url}/app.js`)).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await raw('/.env')).status, 404);
    assert.equal((await raw('/../outside.txt')).status, 404);
    assert.equal((await raw('/%2e%2e/outside.txt')).status, 404);
    assert.equal((await raw('/..%2foutside.txt')).status, 404);
    assert.equal((await raw('/', { method: 'POST' })).status, 405);
    assert.equal((await raw('/missing.js')).status, 404);
  });

  it('answers only to its own host name (DNS rebinding)', async () => {
    assert.equal((await raw('/', { host: 'evil.example:80' })).status, 421);
    assert.equal((await raw('/v1/me', { host: 'evil.example' })).status, 421);
    assert.equal((await raw('/', { host: `localhost:${new URL(s.url).port}` })).status, 200);
  });

  it('serves the staff page on the same origin; staff act through it and Ola sees the reply for real', async () => {
    const page = await raw('/staff');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], STAFF_CSP);
    assert.equal((await raw('/staff', { host: 'evil.example' })).status, 421);
    await staffReply(s.url, { staffId: 'stf-solveig-dagsenter', subjectId: SUBJECTS.ola, threadId: 'thr-dx1k8s', text: 'Svar fra ansattsiden' });
    const ola = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: 'psn-ola-7f3a' });
    const url = `${s.url}/v1/subjects/me/threads/thr-dx1k8s`;
    const thread = /** @type {any} */ (await (await fetch(url, { headers: await ola.authorization('GET', url) })).json());
    assert.equal(thread.messages.at(-1).text, 'Svar fra ansattsiden');
    assert.equal(thread.messages.at(-1).sender.role, 'staff');
  });

  it('runs the provider under /oidc with the API as its audience', async () => {
    const meta = /** @type {any} */ (await (await fetch(`${s.url}/oidc/.well-known/openid-configuration`)).json());
    assert.equal(meta.issuer, `${s.url}/oidc`);
    assert.equal(s.apiAudience, `${s.url}/v1`);
  });

  it('refuses the API without a valid token: 401 problem with WWW-Authenticate', async () => {
    for (const auth of [undefined, 'Bearer abc.def.ghi', 'Basic b2xh']) {
      const r = await fetch(`${s.url}/v1/me`, { headers: auth ? { Authorization: auth } : {} });
      assert.equal(r.status, 401);
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.ok(r.headers.get('www-authenticate'));
      assert.equal((/** @type {any} */ (await r.json())).type, 'urn:omsorg:problem:unauthorized');
    }
  });

  it('signs Kari in for real (DPoP-bound token) and lets her read and cancel for Ola; the log has the client', async () => {
    const kari = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: 'psn-kari-2c91', dpop: true });
    const get = async (/** @type {string} */ path) => {
      const url = `${s.url}${path}`;
      return fetch(url, { headers: await kari.authorization('GET', url) });
    };
    const me = await get('/v1/me');
    assert.equal(me.status, 200);
    const body = /** @type {any} */ (await me.json());
    assert.deepEqual(body.subjects.map((/** @type {any} */ x) => x.id), [SUBJECTS.kari, SUBJECTS.ola]);
    assert.ok(Date.parse(body.sessionExpiresAt) > Date.now(), 'the session ends when the token does');

    assert.equal((await get(`/v1/subjects/${SUBJECTS.ola}/appointments`)).status, 200);
    assert.equal((await get(`/v1/subjects/${SUBJECTS.emma}/appointments`)).status, 404);
    assert.equal((await get('/v1/subjects/me/nothing')).status, 404);

    const url = `${s.url}/v1/subjects/${SUBJECTS.ola}/appointments/apt-ola-prakt-d02/cancellation`;
    const r = await fetch(url, {
      method: 'POST',
      headers: { ...(await kari.authorization('POST', url)), 'Content-Type': 'application/json', 'Idempotency-Key': 'server-key-0001', 'If-Match': '"v1"' },
      body: JSON.stringify(ILL),
    });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal((/** @type {any} */ (await r.json())).cancellation.requestedBy.id, 'psn-kari-2c91');
    // A DPoP proof is good for one request only.
    const proofHeaders = await kari.authorization('GET', `${s.url}/v1/me`);
    assert.equal((await fetch(`${s.url}/v1/me`, { headers: proofHeaders })).status, 200);
    assert.equal((await fetch(`${s.url}/v1/me`, { headers: proofHeaders })).status, 401);

    // Every row of Kari's requests names this client (the seed's own rows, the fixtures' log, say `fixtures`).
    const log = (await s.db.query("SELECT DISTINCT client_id FROM access_log WHERE actor_person_id = 'psn-kari-2c91' AND client_id IS DISTINCT FROM 'fixtures'")).rows;
    assert.deepEqual(log, [{ client_id: TEST_CLIENT_ID }]);
    assert.deepEqual(s.api.contractViolations, []);
  });
});
