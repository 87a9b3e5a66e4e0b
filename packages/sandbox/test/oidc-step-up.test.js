// @ts-check
/**
 * The development OpenID provider honours a step-up (OpenID Connect Core 3.1.2.1): `max_age`
 * shows the login page again when the provider's session is older, `prompt=login` always does,
 * and the new sign-in's time is the `auth_time` of the ID token and of the access token the API
 * reads. The sign-in time comes from an injected clock (the provider's `now`), so a sign-in "ten
 * minutes ago" needs no waiting; oidc-provider judges `max_age` on the real clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startTestOidcServer } from '../test-support/oidc-server.js';
import { browser } from '../test-support/bff-browser.js';

const OLA = 'psn-ola-7f3a';
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
/** @type {import('../test-support/oidc-server.js').TestOidcServer} */
let op;

before(async () => {
  op = await startTestOidcServer({ now: () => clock.now() });
});
after(async () => {
  await op?.close();
});

/**
 * One authorization request in `b` (its cookies: the provider's session), through the login page
 * when the provider shows it, to the tokens. `beforeLogin` runs when the login page is shown.
 * @param {ReturnType<typeof browser>} b
 * @param {Record<string, string>} [extra] more authorization parameters (max_age, prompt)
 * @param {() => void} [beforeLogin]
 */
async function authorize(b, extra = {}, beforeLogin = () => {}) {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${op.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: op.clientId,
    redirect_uri: op.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: 'st',
    nonce: 'n',
    acr_values: 'idporten-loa-high',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  let r = await b.go(url);
  const loginShown = r.url.pathname.startsWith('/oidc/interaction/');
  if (loginShown) {
    const form = [...r.body.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[2]?.includes(`value="${OLA}"`));
    assert.ok(form, 'the login page lists Ola');
    beforeLogin();
    r = await b.go(new URL(String(form[1]).replace(/&amp;/g, '&'), r.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ person: OLA }).toString(),
    });
  }
  assert.equal(r.url.pathname, '/callback', `back at the client (${r.url.href})`);
  const code = r.url.searchParams.get('code');
  assert.ok(code, `a code (${r.url.search})`);
  const token = await fetch(`${op.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: op.redirectUri, client_id: op.clientId, code_verifier: verifier }).toString(),
  });
  const json = /** @type {Record<string, string>} */ (await token.json());
  assert.equal(token.status, 200, JSON.stringify(json));
  return { loginShown, idToken: decodeJwt(String(json.id_token)), accessToken: decodeJwt(String(json.access_token)) };
}

const seconds = () => Math.floor(clock.now().getTime() / 1000);

describe('step-up at the development provider', () => {
  test('max_age: a session older than it shows the login page again, a younger one does not; auth_time in both tokens', async () => {
    const b = browser(op.origin);
    clock.offsetMs = -600_000; // Ola signs in "ten minutes ago"
    // The sign-in happens between these two readings of the injected clock (however long a busy
    // machine takes over it); the real clock is ten minutes later, outside them.
    let loginFrom = 0;
    const first = await authorize(b, {}, () => void (loginFrom = seconds()));
    const loginTo = seconds();
    clock.offsetMs = 0;
    assert.equal(first.loginShown, true);
    const authTime = Number(first.idToken.auth_time);
    assert.ok(authTime >= loginFrom && authTime <= loginTo, `the sign-in time is the injected clock's (${authTime} in ${loginFrom}..${loginTo})`);
    assert.equal(first.accessToken.auth_time, first.idToken.auth_time, 'the access token carries the same auth_time');

    const sso = await authorize(b, { max_age: '3600' });
    assert.equal(sso.loginShown, false, 'a session ten minutes old meets max_age=3600: no login page');
    assert.equal(sso.idToken.auth_time, first.idToken.auth_time);

    const again = await authorize(b, { max_age: '300' });
    assert.equal(again.loginShown, true, 'a session ten minutes old does not meet max_age=300: the login page again');
    assert.ok(Number(again.idToken.auth_time) >= seconds() - 5, 'the new sign-in is now');
    assert.equal(again.accessToken.auth_time, again.idToken.auth_time, 'and the API reads the new auth_time');
  });

  test('prompt=login asks again however fresh the session; without it the session is reused', async () => {
    const b = browser(op.origin);
    clock.offsetMs = 0;
    const first = await authorize(b);
    assert.equal(first.loginShown, true);
    const reused = await authorize(b);
    assert.equal(reused.loginShown, false, 'single sign-on');
    assert.equal(reused.idToken.auth_time, first.idToken.auth_time);
    // The person signs in again a minute later (by the injected clock).
    const again = await authorize(b, { prompt: 'login', max_age: '300' }, () => void (clock.offsetMs = 60_000));
    clock.offsetMs = 0;
    assert.equal(again.loginShown, true, 'prompt=login: the login page again');
    assert.ok(Number(again.idToken.auth_time) >= Number(first.idToken.auth_time) + 59, 'a new auth_time');
    assert.equal(again.accessToken.auth_time, again.idToken.auth_time);
  });
});
