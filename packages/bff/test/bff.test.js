// @ts-check
/**
 * The BFF end to end over real HTTP: the sandbox's development OpenID provider and API, PGlite
 * (or PostgreSQL with TEST_DATABASE_URL), and a browser stand-in that records every response.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, request } from 'node:http';
import { decodeJwt } from 'jose';
import { createBff } from '../src/index.js';
import { unseal } from '../src/seal.js';
import { leaksIdentity } from '@omsorg/sandbox/test-support/leaks.js';
import { browser, startWithBff } from './helpers.js';

const OLA = 'psn-ola-7f3a';
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;

/** @type {Awaited<ReturnType<typeof startWithBff>>} */
let env;
/** @type {string} */
let origin;

before(async () => {
  env = await startWithBff();
  origin = env.sandbox.url;
});
after(async () => {
  await env?.close();
});

/** Everything a browser saw: status lines, headers, bodies, cookies. @param {ReturnType<typeof browser>} b */
const everything = (b) => [...b.seen.map((s) => `${s.url}\n${s.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${s.body}`), ...b.setCookies].join('\n');

describe('sign-in through the BFF', () => {
  it('uses a pushed authorization request: the browser sees only client_id and request_uri', async () => {
    const b = browser(origin);
    const { res } = await b.go('/bff/login?returnTo=/min-side', { follow: false });
    assert.equal(res.status, 303);
    const to = new URL(/** @type {string} */ (res.headers.get('location')));
    assert.equal(to.pathname, '/oidc/auth');
    assert.deepEqual([...to.searchParams.keys()].sort(), ['client_id', 'request_uri']);
    assert.match(/** @type {string} */ (to.searchParams.get('request_uri')), /^urn:ietf:params:oauth:request_uri:/);
  });

  it('the provider refuses the BFF client without PAR, and a token request without its key', async () => {
    const auth = new URL(`${origin}/oidc/auth`);
    auth.search = new URLSearchParams({ client_id: 'omsorg-bff', redirect_uri: `${origin}/bff/callback`, response_type: 'code', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).toString();
    const direct = await fetch(auth, { redirect: 'manual' });
    const to = new URL(String(direct.headers.get('location')), origin);
    assert.equal(to.pathname, '/bff/callback', 'no login page without PAR');
    assert.equal(to.searchParams.get('error'), 'invalid_request');
    assert.match(String(to.searchParams.get('error_description')), /pushed authorization request/i);
    const token = await fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: 'omsorg-bff', redirect_uri: `${origin}/bff/callback` }).toString(),
    });
    assert.equal(token.status, 401);
    assert.equal((await token.json()).error, 'invalid_client');
  });

  it('signs in (PAR, PKCE, nonce, private_key_jwt), comes back to the return path, and the API answers through the proxy', async () => {
    const b = browser(origin);
    const end = await b.signIn(OLA, '/min-side?tab=2');
    assert.equal(end.url.pathname + end.url.search, '/min-side?tab=2');
    const session = await b.api('/bff/session');
    const state = JSON.parse(session.body);
    assert.equal(state.signedIn, true);
    assert.equal(state.user.name, 'Ola Nordmann');
    assert.notEqual(state.user.sub, OLA, 'the browser gets an opaque id, not the provider subject');
    assert.ok(state.expiresAt > Date.now() + 29 * 60_000 && state.expiresAt <= Date.now() + 30 * 60_000 + 1000);
    const me = await b.api('/bff/api/v1/me');
    assert.equal(me.res.status, 200);
    assert.equal(JSON.parse(me.body).person.name, 'Ola Nordmann');
    const list = await b.api('/bff/api/v1/subjects/me/appointments?limit=3');
    assert.equal(list.res.status, 200);
    assert.equal(JSON.parse(list.body).items.length, 3);
  });

  it('keeps DPoP-bound, loa-high tokens on the server, sealed, and the ID token not at all', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const keys = JSON.parse(await readFile(join(env.dataDir, 'bff', 'bff-keys.json'), 'utf8'));
    const { rows } = await env.sandbox.db.query('SELECT id, sealed, auth_time FROM bff_sessions');
    const mine = rows.map((r) => unseal(Buffer.from(keys.sessionKey, 'base64url'), r.sealed, r.id));
    const s = mine.at(-1);
    assert.equal(s.tokenType, 'DPoP');
    const at = decodeJwt(s.accessToken);
    assert.equal(at.acr, 'idporten-loa-high');
    assert.match(String(/** @type {any} */ (at.cnf)?.jkt), /^[\w-]{43}$/);
    assert.ok(s.refreshToken, 'the provider gives the confidential client a refresh token');
    assert.equal(Object.keys(s).includes('idToken'), false);
    for (const r of rows) assert.doesNotMatch(r.sealed, JWT);
  });

  it('no token, ID token or identity number reaches the browser, in any body or header', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    await b.api('/bff/session');
    await b.api('/bff/api/v1/me');
    await b.api('/bff/api/v1/subjects/me/appointments');
    await b.api('/bff/api/v1/subjects/me/threads');
    await b.api('/bff/logout', { method: 'POST' });
    const all = everything(b);
    assert.ok(b.seen.length > 8);
    assert.doesNotMatch(all, JWT);
    assert.equal(leaksIdentity(all), false, 'no JWT, lone 11-digit number or test person\'s number');
  });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/ (plain-http development name, not Secure)', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const set = b.setCookies.filter((c) => c.startsWith('omsorg-session=') && !/max-age=0/i.test(c));
    assert.equal(set.length, 1);
    const attrs = set[0]?.split(';').slice(1).map((a) => a.trim()) ?? [];
    assert.deepEqual(attrs.sort(), ['HttpOnly', 'Path=/', 'SameSite=Strict']);
    const login = b.setCookies.find((c) => c.startsWith('omsorg-login=') && !/max-age=0/i.test(c));
    assert.match(String(login), /HttpOnly; SameSite=Lax; Max-Age=600$/);
  });

  it('over https the cookies are __Host- and Secure', async () => {
    const bff = await createBff({
      db: env.sandbox.db,
      sessionKey: Buffer.alloc(32, 7),
      publicOrigin: 'https://www.kommune.example',
      apiBaseUrl: `${origin}`,
      issuer: `${origin}/oidc`,
      clientId: 'omsorg-bff',
      clientKey: JSON.parse(await readFile(join(env.dataDir, 'bff', 'bff-keys.json'), 'utf8')).clientKey,
      allowHttp: true,
    });
    const server = createServer((req, res) => void bff.handle(req, res));
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    try {
      const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
      const res = await fetch(`http://127.0.0.1:${port}/bff/session`, { headers: { Cookie: '__Host-omsorg-session=stale' } });
      assert.deepEqual(await res.json(), { signedIn: false });
      assert.equal(res.headers.get('set-cookie'), '__Host-omsorg-session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0');
    } finally {
      server.close();
      await bff.close();
    }
  });

  it('a callback without the sign-in cookie, or with a forged state, signs no one in', async () => {
    const b = browser(origin);
    const forged = await b.go('/bff/callback?code=abc&state=xyz', { follow: false });
    assert.equal(forged.res.headers.get('location'), '/?omsorg-signin=failed');
    const login = await b.go('/bff/login?returnTo=/back', { follow: false });
    assert.equal(login.res.status, 303);
    const wrong = await b.go('/bff/callback?code=abc&state=not-the-state', { follow: false });
    assert.equal(wrong.res.headers.get('location'), '/back?omsorg-signin=failed');
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, false);
  });

  it('refuses open redirects in returnTo', async () => {
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const b = browser(origin);
      await b.go(`/bff/login?returnTo=${encodeURIComponent(bad)}`, { follow: false });
      const { rows } = await env.sandbox.db.query('SELECT count(*)::int AS n FROM bff_logins');
      assert.ok(rows[0].n > 0);
    }
    const { safeReturnPath } = await import('../src/index.js');
    assert.deepEqual(['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:x', '/ok?a=1'].map(safeReturnPath), ['/', '/', '/', '/', '/ok?a=1']);
  });
});

describe('CSRF and the proxy', () => {
  /** @type {ReturnType<typeof browser>} */
  let b;
  before(async () => {
    b = browser(origin);
    await b.signIn(OLA);
  });

  it('a write without the CSRF header, or from another Origin, is 403 problem+json', async () => {
    const path = '/bff/api/v1/subjects/me/threads/thr-x/seen';
    const body = JSON.stringify({ upToMessageId: 'msg-x' });
    /** @type {{ headers: Record<string, string> }[]} */
    const cases = [
      { headers: { 'Content-Type': 'application/json', Origin: origin } },
      { headers: { 'Content-Type': 'application/json', 'X-Omsorg-Csrf': '1', Origin: 'https://evil.example' } },
      { headers: { 'Content-Type': 'application/json', 'X-Omsorg-Csrf': '1' } },
      { headers: { 'Content-Type': 'application/json', 'X-Omsorg-Csrf': '1', Origin: origin, 'Sec-Fetch-Site': 'cross-site' } },
    ];
    for (const c of cases) {
      const r = await b.api(path, { method: 'PUT', body, csrf: false, ...c });
      assert.equal(r.res.status, 403);
      assert.equal(r.res.headers.get('content-type'), 'application/problem+json');
      assert.equal(JSON.parse(r.body).type, 'urn:omsorg:problem:forbidden');
    }
    const logout = await b.api('/bff/logout', { method: 'POST', csrf: false });
    assert.equal(logout.res.status, 403);
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true, 'a forged sign-out ends nothing');
  });

  it('with the header and the Origin, a write goes through to the API', async () => {
    const r = await b.api('/bff/api/v1/subjects/me/drafts/new', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' }, body: JSON.stringify({ text: 'Hei' }) });
    assert.ok([200, 201].includes(r.res.status), `${r.res.status} ${r.body}`);
  });

  it('only the contract reaches the API: other paths, methods, traversal and absolute URLs are 404', async () => {
    const refused = [
      ['GET', '/bff/api/v1/admin'],
      ['GET', '/bff/api/v1/me/'],
      ['DELETE', '/bff/api/v1/me'],
      ['GET', '/bff/api/v1/subjects/me/../../me'],
      ['GET', '/bff/api/v1/subjects/me/%2e%2e/me'],
      ['GET', '/bff/api/v1/subjects/me/%2E%2E/services'],
      ['GET', '/bff/api/v1//me'],
      ['GET', '/bff/api/v1/subjects/me%2fservices'],
      ['GET', '/bff/api/oidc/jwks'],
      ['GET', '/bff/api//127.0.0.1/v1/me'],
      ['GET', '/bff/api/http://evil.example/v1/me'],
      ['GET', '/bff/api'],
      ['OPTIONS', '/bff/api/v1/me'],
    ];
    const cookieHeader = [...b.jar].map(([k, v]) => `${k}=${v.value}`).join('; ');
    const { port } = new URL(origin);
    for (const [method, path] of refused) {
      // Raw request targets: fetch would resolve `..` before sending, a hostile client need not.
      const status = await new Promise((ok, ko) => {
        const r = request({ host: '127.0.0.1', port, method, path, headers: { Cookie: cookieHeader, Origin: origin, 'X-Omsorg-Csrf': '1' } }, (res) => {
          res.resume();
          ok([res.statusCode, res.headers['content-type']]);
        });
        r.on('error', ko);
        r.end();
      });
      assert.deepEqual(status, [404, 'application/problem+json'], `${method} ${path}`);
    }
  });

  it('without a session the proxy answers 401 problem+json and the API is not called', async () => {
    const anon = browser(origin);
    const r = await anon.api('/bff/api/v1/me');
    assert.equal(r.res.status, 401);
    assert.equal(JSON.parse(r.body).type, 'urn:omsorg:problem:unauthorized');
  });

  it('streams an attachment up and down unchanged', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(70_000, 1)]);
    const up = await b.api('/bff/api/v1/subjects/me/attachments', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', 'Idempotency-Key': crypto.randomUUID(), 'Content-Disposition': "attachment; filename*=UTF-8''a.png" },
      body: png,
    });
    assert.equal(up.res.status, 201, up.body);
    const { id } = JSON.parse(up.body);
    const down = await fetch(`${origin}/bff/api/v1/subjects/me/attachments/${id}`, { headers: { Cookie: [...b.jar].map(([k, v]) => `${k}=${v.value}`).join('; ') } });
    assert.equal(down.status, 200);
    assert.deepEqual(Buffer.from(await down.arrayBuffer()), png);
  });
});

describe('sign-out', () => {
  it('POST /bff/logout ends the session and answers a POST form for the provider, with no ID token', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const out = await b.api('/bff/logout', { method: 'POST' });
    assert.equal(out.res.status, 200);
    const body = JSON.parse(out.body);
    assert.deepEqual(body, {
      signedIn: false,
      endSession: { method: 'POST', url: `${origin}/oidc/session/end`, fields: { client_id: 'omsorg-bff', post_logout_redirect_uri: `${origin}/` } },
    });
    assert.equal((await b.api('/bff/api/v1/me')).res.status, 401);
    // The browser posts the form; the provider asks, the person confirms, and is sent back.
    const page = await b.go(body.endSession.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body.endSession.fields).toString() });
    assert.equal(page.res.status, 200);
    const form = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"[\s\S]*?<\/form>/.exec(page.body);
    assert.ok(form, 'the provider shows its logout form');
    const fields = Object.fromEntries([...form[0].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const done = await b.go(new URL(String(form[1]), page.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, logout: 'yes' }).toString() });
    assert.equal(done.url.href, `${origin}/`);
    for (const s of b.seen) assert.doesNotMatch(s.url, /id_token_hint|eyJ/);
  });

  it('back-channel logout: when the provider session ends elsewhere, the BFF session ends too', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true);
    // Another tab (or another service) ends the provider session: GET end_session with client_id.
    const page = await b.go(`/oidc/session/end?client_id=omsorg-test`);
    const form = /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"[\s\S]*?<\/form>/.exec(page.body);
    assert.ok(form);
    const fields = Object.fromEntries([...form[0].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    await b.go(new URL(String(form[1]), page.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, logout: 'yes' }).toString() });
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, false);
    assert.equal((await b.api('/bff/api/v1/me')).res.status, 401);
  });

  it('refuses a forged logout token', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const forged = 'eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.';
    const r = await fetch(`${origin}/bff/backchannel-logout`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `logout_token=${forged}` });
    assert.equal(r.status, 400);
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true);
  });

  it('front-channel logout (ID-porten): the provider\'s iframe with iss and sid ends those sessions, without a cookie; a wrong iss ends nothing', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const { rows } = await env.sandbox.db.query('SELECT sid FROM bff_sessions WHERE sid IS NOT NULL ORDER BY created_at DESC LIMIT 1');
    const sid = String(rows[0]?.sid ?? '');
    assert.ok(sid, 'the session keeps the provider session id from the ID token');
    const issuer = env.sandbox.issuer;
    const wrong = await fetch(`${origin}/bff/frontchannel-logout?${new URLSearchParams({ iss: 'https://evil.example', sid })}`);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true);
    const r = await fetch(`${origin}/bff/frontchannel-logout?${new URLSearchParams({ iss: issuer, sid })}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.match(String(r.headers.get('content-security-policy')), new RegExp(`frame-ancestors ${new URL(issuer).origin.replace(/[.]/g, '\\.')}$`));
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, false);
    assert.equal((await b.api('/bff/api/v1/me')).res.status, 401);
  });
});

