// @ts-check
/**
 * The API holds against what clients should not send: another media type (415), JSON nested
 * past the limit (400, never 500), unpaired surrogates (400, never silently altered), unknown
 * query parameters (400 on every operation), a key whose first request is still running (409
 * with Retry-After). The token rules (scope: 403; a sign-in older than 120 minutes: 401
 * session-expired) and the transport (421, CORS) are tested on the whole sandbox with real
 * tokens signed by the development provider's key.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { dirname, join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { ILL, PERSONS, useTestApi } from './api-helpers.js';
import { whileInFlight } from '../src/api/in-flight.js';
import { sendProblem } from '../src/http/problem.js';
import { startSandbox } from '../src/server.js';
import { openTestDatabase, testEngine } from '../test-support/database.js';
import { craftAccessToken } from '../test-support/tokens.js';

const t = useTestApi();
const THREAD = 'thr-qc7m4w';
const APPOINTMENT = 'apt-ola-prakt-d02';
const urn = (/** @type {string} */ name) => `urn:omsorg:problem:${name}`;

/** @param {string} path @param {string} text @param {Record<string, string>} [headers] */
const post = (path, text, headers = {}) =>
  t.call(path, { method: 'POST', body: text, headers: { 'Idempotency-Key': t.newKey(), ...headers } });
const sendText = (/** @type {string} */ text, /** @type {Record<string, string>} */ headers = {}) => post(`/v1/subjects/me/threads/${THREAD}/messages`, text, headers);
const cancelText = (/** @type {string} */ text, /** @type {Record<string, string>} */ headers = {}) =>
  post(`/v1/subjects/me/appointments/${APPOINTMENT}/cancellation`, text, { 'If-Match': '"v1"', ...headers });

/** @param {import('./api-helpers.js').CallResult} r @param {number} status @param {string} type */
function problem(r, status, type) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.equal(r.body.type, urn(type));
  assert.equal(r.body.status, status);
}

describe(`API hardening: bodies, queries, keys (${testEngine()})`, () => {
  it('415 unsupported-media-type for a JSON body sent as another type (or none), on every JSON operation', async () => {
    const body = JSON.stringify({ text: 'Hei' });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      problem(await sendText(body, { 'Content-Type': type }), 415, 'unsupported-media-type');
    }
    problem(await cancelText(JSON.stringify(ILL), { 'Content-Type': 'text/plain' }), 415, 'unsupported-media-type');
    const seen = await t.call(`/v1/subjects/me/threads/${THREAD}/seen`, { method: 'PUT', body: '{}', headers: { 'Content-Type': 'text/plain' } });
    problem(seen, 415, 'unsupported-media-type');
    // application/json with a UTF-8 charset is fine.
    assert.equal((await sendText(body, { 'Content-Type': 'application/json; charset=utf-8' })).status, 201);
    assert.deepEqual(t.api.contractViolations, []);
  });

  it('400 too-deep for JSON nested past 32 levels, never a 500; 32 levels pass the depth check', async () => {
    const deep = (/** @type {number} */ n) => `${'['.repeat(n)}${']'.repeat(n)}`;
    // The probe's 15,000 levels fit a message's 32 KB; a cancellation's body is at most 16 KB.
    for (const r of [await sendText(deep(15_000)), await cancelText(deep(5_000)), await sendText(`{"text":"x","a":${deep(33)}}`)]) {
      problem(r, 400, 'validation');
      assert.deepEqual(r.body.errors, [{ pointer: '', code: 'too-deep' }]);
    }
    // Brackets inside strings do not count; 32 levels are read and refused for their shape.
    assert.equal((await sendText(JSON.stringify({ text: '['.repeat(100) }))).status, 201);
    const limit = await sendText(`{"text":"x","a":${'['.repeat(31)}${']'.repeat(31)}}`);
    problem(limit, 400, 'validation');
    assert.deepEqual(limit.body.errors, [{ pointer: '/a', code: 'invalid' }]);
  });

  it('400 invalid-character for an unpaired surrogate in any string or member name; a real pair is stored as sent', async () => {
    const lone = await sendText('{"text":"Hei \\ud800 der"}');
    problem(lone, 400, 'validation');
    assert.deepEqual(lone.body.errors, [{ pointer: '/text', code: 'invalid-character' }]);
    const low = await cancelText('{"reason":{"system":"urn:omsorg:codesystem:avbestillingsarsak","code":"pat-crs"},"comment":"\\udc00"}');
    assert.deepEqual(low.body.errors, [{ pointer: '/comment', code: 'invalid-character' }]);
    const key = await sendText('{"text":"x","\\ud83d":1}');
    assert.deepEqual(key.body.errors, [{ pointer: '', code: 'invalid-character' }]);
    const pair = await sendText('{"text":"Hei \\ud83d\\ude00"}');
    assert.equal(pair.status, 201, pair.text);
    assert.equal(pair.body.text, 'Hei 😀');
  });

  it('400 unknown-parameter for a query parameter the operation does not take, on every list and read', async () => {
    const paths = [
      '/v1/me?x=1',
      '/v1/subjects/me/appointments?limt=5',
      `/v1/subjects/me/appointments/${APPOINTMENT}?fields=all`,
      '/v1/subjects/me/services?limit=5',
      '/v1/subjects/me/message-recipients?all=1',
      '/v1/subjects/me/threads?limit=5&sort=asc',
      `/v1/subjects/me/threads/${THREAD}?since=1`,
    ];
    for (const path of paths) {
      const r = await t.call(path);
      problem(r, 400, 'validation');
      const name = path.endsWith('sort=asc') ? 'sort' : (/[?&]([a-z]+)=[^&]*$/.exec(path)?.[1] ?? '');
      assert.deepEqual(r.body.errors, [{ pointer: '', code: 'unknown-parameter', parameter: name }], path);
    }
    for (const path of ['/v1/me', '/v1/subjects/me/appointments?when=past&limit=5', '/v1/subjects/me/services', '/v1/subjects/me/threads?limit=5']) {
      assert.equal((await t.call(path)).status, 200, path);
    }
    // Access first: an unknown subject stays a 404 whatever the query.
    assert.equal((await t.call('/v1/subjects/sub-nobody/threads?x=1')).status, 404);
    const log = await t.db.query("SELECT outcome, status FROM access_log WHERE resource = 'threads' AND status = 400");
    assert.ok(log.rows.some((r) => r.outcome === 'refused'), 'the refusal is in the access log');
    assert.deepEqual(t.api.contractViolations, []);
  });

  it('409 request-in-progress with Retry-After while the first request with the key runs; the same request then goes through', async () => {
    const key = t.newKey();
    /** @type {() => void} */
    let release = () => {};
    const gate = new Promise((ok) => (release = () => ok(undefined)));
    // An explicit trigger: the key is held in flight (as by a first request) until released.
    const first = whileInFlight(t.db, PERSONS.ola, key, () => gate);
    const busy = await sendText(JSON.stringify({ text: 'Hei' }), { 'Idempotency-Key': key, 'Content-Type': 'application/json' });
    problem(busy, 409, 'request-in-progress');
    assert.equal(busy.headers.get('retry-after'), '1');
    const cancelBusy = await cancelText(JSON.stringify(ILL), { 'Idempotency-Key': key });
    problem(cancelBusy, 409, 'request-in-progress');
    release();
    await first;
    const sent = await sendText(JSON.stringify({ text: 'Hei' }), { 'Idempotency-Key': key });
    assert.equal(sent.status, 201, sent.text);
    const replay = await sendText(JSON.stringify({ text: 'Hei' }), { 'Idempotency-Key': key });
    assert.equal(replay.text, sent.text, 'the retry after the wait gets the first answer');
  });
});

describe(`sandbox: tokens, Host and CORS (${testEngine()})`, () => {
  const PAGE = 'http://127.0.0.1:5173';
  let clock = new Date();
  /** @type {import('../test-support/database.js').TestDatabase} */
  let d;
  /** @type {Awaited<ReturnType<typeof startSandbox>>} */
  let s;
  /** @type {string} */
  let tmp;
  /** @type {string} */
  let oidcDir;

  before(async () => {
    d = await openTestDatabase();
    await d.db.close();
    tmp = await mkdtemp(join(tmpdir(), 'omsorg-hardening-'));
    const dataDir = d.dataDir ? dirname(d.dataDir) : tmp;
    oidcDir = join(dataDir, 'oidc');
    s = await startSandbox({
      port: 0,
      dataDir,
      databaseUrl: d.databaseUrl,
      schema: d.schema,
      now: () => clock,
      corsOrigins: `${PAGE}, https://minside.fjordvik.example`,
      redirectUris: [`${PAGE}/callback`],
      postLogoutRedirectUris: [`${PAGE}/`],
      logger: { log() {}, error() {} },
    });
  });
  after(async () => {
    await s?.close();
    await d?.reopen();
    await d?.cleanup();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** @param {Record<string, unknown>} claims */
  const token = (claims) => craftAccessToken({ dataDir: oidcDir, issuer: s.issuer, audience: s.apiAudience, claims });

  it("403 insufficient-scope for a token without the API's scope", async () => {
    const ok = await fetch(`${s.url}/v1/me`, { headers: { Authorization: `Bearer ${await token({ scope: 'openid profile' })}` } });
    assert.equal(ok.status, 200);
    for (const scope of ['profile', '', 'openidx']) {
      const res = await fetch(`${s.url}/v1/me`, { headers: { Authorization: `Bearer ${await token({ scope })}` } });
      assert.equal(res.status, 403, scope);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal((/** @type {any} */ (await res.json())).type, urn('insufficient-scope'));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_scope", scope="openid"$/);
    }
  });

  it('401 session-expired once the sign-in (auth_time) is more than 120 minutes old, on the API clock', async () => {
    const realNow = Date.now();
    const at = await token({ auth_time: Math.floor(realNow / 1000) });
    const me = () => fetch(`${s.url}/v1/me`, { headers: { Authorization: `Bearer ${at}` } });
    try {
      clock = new Date(realNow + 119 * 60_000);
      assert.equal((await me()).status, 200);
      clock = new Date(realNow + 121 * 60_000);
      const res = await me();
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal((/** @type {any} */ (await res.json())).type, urn('session-expired'));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
    } finally {
      clock = new Date();
    }
  });

  it('421 misdirected-request as problem+json for another Host; a 503 is problem+json too', async () => {
    const u = new URL(s.url);
    const res = await new Promise((ok, ko) => {
      const req = request({ host: u.hostname, port: u.port, path: '/v1/me', headers: { Host: 'evil.example' } }, (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => ok({ status: r.statusCode, type: r.headers['content-type'], text }));
      });
      req.on('error', ko);
      req.end();
    });
    assert.equal(res.status, 421);
    assert.equal(res.type, 'application/problem+json');
    assert.equal(JSON.parse(res.text).type, urn('misdirected-request'));
    // The answer the server gives while it starts (and for any failure outside the API).
    const server = createServer((_req, r) => sendProblem(r, 503, 'unavailable', 'Starting.', { 'Retry-After': '1' }));
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    try {
      const r = await fetch(`http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/`);
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
      assert.equal(r.headers.get('retry-after'), '1');
      assert.deepEqual(await r.json(), { type: urn('unavailable'), title: 'Service unavailable', status: 503, detail: 'Starting.' });
    } finally {
      server.close();
    }
  });

  it('answers a preflight from an allowed origin before authentication, with exactly the contract headers', async () => {
    const res = await fetch(`${s.url}/v1/subjects/me/threads/x/messages`, {
      method: 'OPTIONS',
      headers: { Origin: PAGE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,dpop,content-type,idempotency-key' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), PAGE);
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, PUT, DELETE');
    assert.equal(res.headers.get('access-control-allow-headers'), 'Authorization, DPoP, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept-Language');
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.equal(res.headers.get('vary'), 'Origin');
  });

  it('gives an unknown origin no CORS headers; an allowed one gets ACAO and the headers the SDK reads', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5174', 'null']) {
      const pre = await fetch(`${s.url}/v1/me`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
      assert.equal(pre.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(pre.headers.get('access-control-allow-headers'), null, origin);
      const get = await fetch(`${s.url}/v1/me`, { headers: { Origin: origin } });
      assert.equal(get.status, 401);
      assert.equal(get.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(get.headers.get('vary'), 'Origin');
    }
    const auth = { Authorization: `Bearer ${await token({})}` };
    const ok = await fetch(`${s.url}/v1/subjects/me/appointments/${APPOINTMENT}`, { headers: { Origin: PAGE, ...auth } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), PAGE);
    assert.equal(ok.headers.get('access-control-expose-headers'), 'ETag, Retry-After, Location, WWW-Authenticate, Content-Disposition');
    assert.equal(ok.headers.get('vary'), 'Origin');
    // Errors carry them too, or the page could not read the problem.
    const refused = await fetch(`${s.url}/v1/me`, { headers: { Origin: 'https://minside.fjordvik.example' } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://minside.fjordvik.example');
  });

  it('registers extra redirect URIs with the development provider; others stay refused', async () => {
    const authorize = (/** @type {string} */ redirectUri) => {
      const q = new URLSearchParams({
        client_id: 'omsorg-demo',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid profile',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        nonce: 'n-0S6_WzA2Mj',
      });
      return fetch(`${s.issuer}/auth?${q}`, { redirect: 'manual' });
    };
    const ok = await authorize(`${PAGE}/callback`);
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location') ?? '', /\/interaction\//);
    const other = await authorize('http://127.0.0.1:5174/callback');
    assert.equal(other.status, 400);
  });

  it('refuses a CORS origin that is not a bare origin', async () => {
    await assert.rejects(startSandbox({ port: 0, dataDir: tmp, corsOrigins: 'https://a.example/path' }), /not an origin/);
    await assert.rejects(startSandbox({ port: 0, dataDir: tmp, corsOrigins: '*' }), /not an origin/);
  });
});
