// @ts-check
/**
 * The development OpenID provider, end to end over HTTP on a loopback port: sign-in with the
 * test-support client, the tokens it issues, the pages, PKCE, DPoP binding, CORS, logout, and
 * keys that survive a restart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from 'jose';
import { createTokenVerifier } from '../src/auth/verify.js';
import { testPersons } from '../src/oidc/persons.js';
import { isLoopbackAddress } from '../src/oidc/provider.js';
import { loadOrCreateCookieKeys, loadOrCreateJwks } from '../src/oidc/keys.js';
import { signIn } from '../test-support/login.js';
import { startTestOidcServer } from '../test-support/oidc-server.js';

/** @type {import('../test-support/oidc-server.js').TestOidcServer} */
let op;

before(async () => {
  op = await startTestOidcServer();
});
after(async () => {
  await op?.close();
});

/** @param {string} personId */
const signInAs = (personId, dpop = false) =>
  signIn({ issuer: op.issuer, clientId: op.clientId, redirectUri: op.redirectUri, personId, dpop });

const verifier = () => createTokenVerifier({ issuer: op.issuer, audience: op.apiAudience, jwks: op.oidc.jwks });

/**
 * An authorization request URL, with PKCE unless `pkce: false`.
 * @param {Record<string, string | undefined>} [extra]
 */
function authorizeUrl(extra = {}, pkce = true) {
  const u = new URL(`${op.issuer}/auth`);
  const params = {
    client_id: op.clientId,
    redirect_uri: op.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: 'st-1',
    nonce: 'n-1',
    acr_values: 'idporten-loa-high',
    ...(pkce ? { code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'), code_challenge_method: 'S256' } : {}),
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u;
}

/**
 * Follows the authorization request to the login page; returns the page, its URL and the cookies.
 * @param {URL} url
 */
async function openLoginPage(url) {
  const first = await fetch(url, { redirect: 'manual' });
  assert.equal(first.status, 303, `authorize should redirect to the login page (got ${first.status})`);
  const cookies = first.headers.getSetCookie().map((c) => c.split(';', 1)[0]).join('; ');
  const loginUrl = new URL(/** @type {string} */ (first.headers.get('location')), url);
  const page = await fetch(loginUrl, { headers: { cookie: cookies } });
  return { page, html: await page.text(), loginUrl, cookies };
}

describe('sign-in', () => {
  test('Bearer: every test person signs in and the access token verifies to their person id', async () => {
    const verify = verifier();
    for (const person of testPersons) {
      const s = await signInAs(person.id);
      assert.equal(s.tokenType, 'Bearer');
      const url = `${op.origin}/v1/me`;
      const who = await verify({ method: 'GET', url, headers: await s.authorization('GET', url) });
      assert.equal(who.personId, person.id);
      assert.equal(who.clientId, op.clientId);
      assert.equal(who.acr, 'idporten-loa-high');
      assert.equal(who.jkt, undefined);
    }
  });

  test('the access token is a JWT for the API: at+jwt, ES256, thumbprint kid, acr, no pid, no refresh token', async () => {
    const s = await signInAs('psn-kari-2c91');
    const head = decodeProtectedHeader(s.accessToken);
    assert.equal(head.typ, 'at+jwt');
    assert.equal(head.alg, 'ES256');
    assert.ok(op.oidc.jwks.keys.some((k) => k.kid === head.kid), 'kid is in the JWKS');
    const at = decodeJwt(s.accessToken);
    assert.equal(at.iss, op.issuer);
    assert.equal(at.aud, op.apiAudience);
    assert.equal(at.sub, 'psn-kari-2c91');
    assert.equal(at.acr, 'idporten-loa-high');
    assert.deepEqual(at.amr, ['TestID']);
    assert.equal(at.pid, undefined, 'the pid is only in the ID token');
    assert.equal(at.cnf, undefined);
    assert.ok(/** @type {number} */ (at.exp) - /** @type {number} */ (at.iat) <= 600);
    assert.equal(s.expiresIn, 600);
    assert.equal(s.refreshToken, undefined, 'no refresh token');
    const offline = await signIn({ issuer: op.issuer, clientId: op.clientId, redirectUri: op.redirectUri, personId: 'psn-kari-2c91', scope: 'openid profile offline_access' });
    assert.equal(offline.refreshToken, undefined, 'not even when offline_access is asked for');
  });

  test('the ID token carries sub, name, pid, acr, amr and the nonce', async () => {
    const s = await signInAs('psn-ola-7f3a');
    const id = decodeJwt(s.idToken);
    assert.equal(id.sub, 'psn-ola-7f3a');
    assert.equal(id.name, 'Ola Nordmann');
    assert.equal(id.pid, testPersons[0]?.pid);
    assert.equal(id.acr, 'idporten-loa-high');
    assert.deepEqual(id.amr, ['TestID']);
    assert.equal(id.aud, op.clientId);
    assert.equal(typeof id.nonce, 'string');
  });

  test('DPoP: the token is bound to the key (cnf.jkt, token_type DPoP) and verifies with a proof', async () => {
    const s = await signInAs('psn-per-51d0', true);
    assert.equal(s.tokenType, 'DPoP');
    assert.ok(s.dpopKey);
    assert.equal(/** @type {{ jkt?: string }} */ (decodeJwt(s.accessToken).cnf)?.jkt, s.dpopKey.jkt);
    const url = `${op.origin}/v1/subjects/me/appointments?when=upcoming`;
    const headers = await s.authorization('GET', url);
    assert.match(headers.Authorization ?? '', /^DPoP /);
    const who = await verifier()({ method: 'GET', url, headers });
    assert.equal(who.personId, 'psn-per-51d0');
    assert.equal(who.jkt, s.dpopKey.jkt);
    assert.equal(who.scheme, 'DPoP');
  });
});

describe('discovery', () => {
  test('looks like ID-porten at the highest level', async () => {
    const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const d = /** @type {any} */ (await res.json());
    assert.equal(d.issuer, op.issuer);
    assert.equal(d.authorization_endpoint, `${op.issuer}/auth`);
    assert.equal(d.token_endpoint, `${op.issuer}/token`);
    assert.equal(d.jwks_uri, `${op.issuer}/jwks`);
    assert.equal(d.end_session_endpoint, `${op.issuer}/session/end`);
    assert.deepEqual(d.acr_values_supported, ['idporten-loa-high']);
    assert.deepEqual(d.response_types_supported, ['code']);
    assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
    assert.ok(d.dpop_signing_alg_values_supported.includes('ES256'));
    assert.ok(d.claims_supported.includes('pid') && d.claims_supported.includes('name') && d.claims_supported.includes('acr'));
    assert.equal(d.userinfo_endpoint, undefined, 'claims come from the ID token');
    assert.ok(!d.scopes_supported.includes('offline_access'), 'no refresh tokens');
  });

  test('the served JWKS is public keys only, with thumbprint kids', async () => {
    const { keys } = /** @type {any} */ (await (await fetch(`${op.issuer}/jwks`)).json());
    assert.ok(keys.length >= 2);
    for (const k of keys) {
      assert.equal(k.d, undefined, 'no private key material');
      assert.equal(k.kid, await calculateJwkThumbprint(k, 'sha256'), 'kid is the JWK thumbprint');
      assert.ok(op.oidc.jwks.keys.some((o) => o.kid === k.kid));
    }
    assert.deepEqual(keys.map((/** @type {{ alg: string }} */ k) => k.alg).sort(), ['ES256', 'RS256']);
  });

  test('handle() answers only under the issuer path', async () => {
    /** @type {{ status?: number, body?: string }} */
    const out = {};
    const res = /** @type {any} */ ({ writeHead: (/** @type {number} */ s) => (out.status = s), end: (/** @type {string} */ b) => (out.body = b) });
    await op.oidc.handle(/** @type {any} */ ({ url: '/oidcx/.well-known/openid-configuration', method: 'GET', headers: {}, socket: { remoteAddress: '127.0.0.1' } }), res);
    assert.equal(out.status, 404);
  });
});

describe('authorization requests', () => {
  test('PKCE is required: without code_challenge the request is refused', async () => {
    const res = await fetch(authorizeUrl({}, false), { redirect: 'manual' });
    assert.equal(res.status, 303);
    const back = new URL(/** @type {string} */ (res.headers.get('location')));
    assert.equal(`${back.origin}${back.pathname}`, op.redirectUri);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.match(back.searchParams.get('error_description') ?? '', /PKCE|code_challenge/);
    assert.equal(back.searchParams.get('code'), null);
  });

  test('the plain PKCE method is refused', async () => {
    const res = await fetch(authorizeUrl({ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }), { redirect: 'manual' });
    const back = new URL(/** @type {string} */ (res.headers.get('location')));
    assert.equal(back.searchParams.get('error'), 'invalid_request');
  });

  test('an unknown resource indicator is refused; the API resource is accepted', async () => {
    const bad = await fetch(authorizeUrl({ resource: 'https://elsewhere.example/api' }), { redirect: 'manual' });
    assert.equal(new URL(/** @type {string} */ (bad.headers.get('location'))).searchParams.get('error'), 'invalid_target');
    const s = await signIn({ issuer: op.issuer, clientId: op.clientId, redirectUri: op.redirectUri, personId: 'psn-ola-7f3a', resource: op.apiAudience });
    assert.equal(decodeJwt(s.accessToken).aud, op.apiAudience);
  });

  test('an unregistered redirect_uri gets an error page, not a redirect', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:1/evil' }), { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });
});

describe('login page', () => {
  test('lists every test person as its own POST form, has no script and a strict CSP', async () => {
    const { page, html } = await openLoginPage(authorizeUrl());
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    for (const p of testPersons) {
      assert.ok(html.includes(`value="${p.id}"`), `${p.id} on the page`);
      assert.ok(html.includes(p.name), `${p.name} on the page`);
      assert.ok(!html.includes(p.pid), 'no pid on the page');
    }
    assert.equal((html.match(/<form method="post"/g) ?? []).length, testPersons.length + 1, 'one form per person, plus cancel');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /https?:\/\//, 'no external resources');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(html, /<html lang="nb">/);
  });

  test('an unknown person is refused', async () => {
    const { loginUrl, cookies } = await openLoginPage(authorizeUrl());
    const res = await fetch(`${loginUrl.href}/login`, {
      method: 'POST',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=psn-nobody',
      redirect: 'manual',
    });
    assert.equal(res.status, 400);
  });

  test('cancel sends the user back to the client with access_denied', async () => {
    const { loginUrl, cookies } = await openLoginPage(authorizeUrl());
    const res = await fetch(`${loginUrl.href}/abort`, {
      method: 'POST',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    assert.equal(res.status, 303);
    const resume = await fetch(new URL(/** @type {string} */ (res.headers.get('location')), loginUrl), { headers: { cookie: cookies }, redirect: 'manual' });
    const back = new URL(/** @type {string} */ (resume.headers.get('location')));
    assert.equal(`${back.origin}${back.pathname}`, op.redirectUri);
    assert.equal(back.searchParams.get('error'), 'access_denied');
  });

  test('without the interaction cookie the page is refused', async () => {
    const { loginUrl } = await openLoginPage(authorizeUrl());
    const res = await fetch(loginUrl);
    assert.equal(res.status, 400);
    assert.doesNotMatch(await res.text(), /psn-ola-7f3a/);
  });

  test('the interaction pages answer only loopback addresses (403 otherwise)', async () => {
    assert.ok(isLoopbackAddress('127.0.0.1') && isLoopbackAddress('::1') && isLoopbackAddress('::ffff:127.0.0.1') && isLoopbackAddress('127.1.2.3'));
    assert.ok(!isLoopbackAddress('10.0.0.5') && !isLoopbackAddress('::ffff:192.168.1.2') && !isLoopbackAddress(undefined) && !isLoopbackAddress('fe80::1'));
    const { loginUrl } = await openLoginPage(authorizeUrl());
    for (const [method, path] of [['GET', loginUrl.pathname], ['POST', `${loginUrl.pathname}/login`]]) {
      /** @type {{ status?: number, body?: string }} */
      const out = {};
      const res = /** @type {any} */ ({ writeHead: (/** @type {number} */ s) => (out.status = s), end: (/** @type {string} */ b) => (out.body = b) });
      await op.oidc.handle(/** @type {any} */ ({ url: path, method, headers: {}, socket: { remoteAddress: '203.0.113.7' } }), res);
      assert.equal(out.status, 403, `${method} ${path}`);
    }
  });
});

describe('token endpoint', () => {
  test('CORS is allowed for the client origin only', async () => {
    const post = (/** @type {string} */ origin) =>
      fetch(`${op.issuer}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: op.clientId, redirect_uri: op.redirectUri, code_verifier: 'x'.repeat(43) }),
      });
    const evil = await post('http://evil.example');
    assert.equal(evil.status, 400);
    assert.match((/** @type {any} */ (await evil.json())).error_description, /origin .* not allowed/);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const ok = await post(op.origin);
    assert.equal((/** @type {any} */ (await ok.json())).error, 'invalid_grant', 'gets past the CORS check');
    assert.equal(ok.headers.get('access-control-allow-origin'), op.origin);
  });
});

describe('logout', () => {
  test('RP-initiated logout shows a script-free confirmation and returns to post_logout_redirect_uri', async () => {
    const s = await signInAs('psn-ola-7f3a');
    const u = new URL(`${op.issuer}/session/end`);
    u.searchParams.set('id_token_hint', s.idToken);
    u.searchParams.set('post_logout_redirect_uri', op.postLogoutRedirectUri);
    u.searchParams.set('state', 'bye');
    const session = s.providerCookies(u.href);
    assert.ok(session, 'the sign-in left a provider session cookie');
    const page = await fetch(u, { headers: { cookie: session } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src/);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html);
    assert.ok(action, 'the logout form');
    const cookies = [session, ...page.headers.getSetCookie().map((c) => c.split(';', 1)[0])].join('; ');
    const confirm = await fetch(new URL(/** @type {string} */ (action[1]), u), {
      method: 'POST',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: /** @type {string} */ (action[2]), logout: 'yes' }),
      redirect: 'manual',
    });
    assert.equal(confirm.status, 303);
    const back = new URL(/** @type {string} */ (confirm.headers.get('location')));
    assert.equal(back.href.split('?')[0], op.postLogoutRedirectUri);
    assert.equal(back.searchParams.get('state'), 'bye');
    // The provider session is gone: a new authorization request asks for a login again.
    const again = await fetch(authorizeUrl(), { headers: { cookie: cookies }, redirect: 'manual' });
    assert.match(again.headers.get('location') ?? '', /\/oidc\/interaction\//);
  });

  test('without a provider session, logout still works (self-submitting form allowed by a script hash, with a noscript button)', async () => {
    const s = await signInAs('psn-ola-7f3a');
    const u = new URL(`${op.issuer}/session/end`);
    u.searchParams.set('id_token_hint', s.idToken);
    u.searchParams.set('post_logout_redirect_uri', op.postLogoutRedirectUri);
    const page = await fetch(u);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<noscript>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self' 'sha256-/);
  });
});

describe('restart', () => {
  test('two starts at once on a new dataDir agree on the keys', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omsorg-oidc-race-'));
    try {
      const [a, b, c] = await Promise.all([loadOrCreateJwks(dataDir), loadOrCreateJwks(dataDir), loadOrCreateJwks(dataDir)]);
      const kids = (/** @type {{ keys: { kid: string }[] }} */ s) => s.keys.map((k) => k.kid).sort().join();
      assert.equal(kids(a), kids(b));
      assert.equal(kids(a), kids(c));
      const [x, y] = await Promise.all([loadOrCreateCookieKeys(dataDir), loadOrCreateCookieKeys(dataDir)]);
      assert.deepEqual(x, y);
      assert.deepEqual(await loadOrCreateCookieKeys(dataDir), x);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('keys survive a restart: same kids, an old token still verifies, the key file is private', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omsorg-oidc-restart-'));
    try {
      const first = await startTestOidcServer({ dataDir });
      const s = await signIn({ issuer: first.issuer, clientId: first.clientId, redirectUri: first.redirectUri, personId: 'psn-kari-2c91' });
      const kids = first.oidc.jwks.keys.map((k) => k.kid).sort();
      const servedBefore = await (await fetch(`${first.issuer}/jwks`)).json();
      const port = Number(new URL(first.origin).port);
      await first.close();

      const second = await startTestOidcServer({ dataDir, port });
      try {
        assert.equal(second.issuer, first.issuer);
        assert.deepEqual(second.oidc.jwks.keys.map((k) => k.kid).sort(), kids);
        assert.deepEqual(await (await fetch(`${second.issuer}/jwks`)).json(), servedBefore);
        // Verified against the keys the restarted provider serves (as an API with a cached JWKS would).
        const verify = createTokenVerifier({ issuer: second.issuer, audience: second.apiAudience, jwks: new URL(`${second.issuer}/jwks`) });
        const url = `${second.origin}/v1/me`;
        const who = await verify({ method: 'GET', url, headers: { authorization: `Bearer ${s.accessToken}` } });
        assert.equal(who.personId, 'psn-kari-2c91');
        // And the restarted provider still signs people in.
        const again = await signIn({ issuer: second.issuer, clientId: second.clientId, redirectUri: second.redirectUri, personId: 'psn-ola-7f3a' });
        assert.ok(kids.includes(/** @type {string} */ (decodeProtectedHeader(again.accessToken).kid)));
      } finally {
        await second.close();
      }
      const { keys } = JSON.parse(await readFile(join(dataDir, 'oidc-jwks.json'), 'utf8'));
      assert.deepEqual(keys.map((/** @type {{ kid: string }} */ k) => k.kid).sort(), kids);
      const { stat } = await import('node:fs/promises');
      assert.equal((await stat(join(dataDir, 'oidc-jwks.json'))).mode & 0o077, 0, 'not readable by others');
      assert.equal((await stat(join(dataDir, 'oidc-cookie-keys.json'))).mode & 0o077, 0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
