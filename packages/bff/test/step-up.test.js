// @ts-check
/**
 * A step-up sign-in through the BFF (`/bff/login?max_age=…`): the input checked, `max_age` and
 * `prompt=login` in the pushed request (the provider asks for the login again), the new
 * `auth_time` checked at the callback on the BFF's clock, and the new session's access token
 * carrying it to the API. One injected clock for the sandbox (the provider's sign-in time, the
 * API's step-up rule, the BFF's sessions): "ten minutes later" needs no waiting.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { loginMaxAge } from '../src/bff.js';
import { unseal } from '../src/seal.js';
import { browser, startWithBff, testClock } from './helpers.js';

const OLA = 'psn-ola-7f3a';
const MIN = 60_000;
const STEP_UP = 'urn:omsorg:problem:step-up-required';

const clock = testClock();
/** @type {Awaited<ReturnType<typeof startWithBff>>} */
let env;
/** @type {string} */
let origin;

before(async () => {
  env = await startWithBff({ now: clock.now });
  origin = env.sandbox.url;
});
after(async () => {
  await env?.close();
});

/** The BFF's sessions: id, auth_time (ms) and the access token's claims. */
async function sessionRows() {
  const keys = JSON.parse(await readFile(join(env.dataDir, 'bff', 'bff-keys.json'), 'utf8'));
  const { rows } = await env.sandbox.db.query('SELECT id, auth_time, sealed FROM bff_sessions ORDER BY created_at');
  return rows.map((r) => ({ id: String(r.id), authTime: new Date(r.auth_time).getTime(), at: decodeJwt(unseal(Buffer.from(keys.sessionKey, 'base64url'), r.sealed, r.id).accessToken) }));
}
const count = async (/** @type {string} */ table) => (await env.sandbox.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

/** Takes back Ola's first relative's access through the proxy: the status and the problem type. @param {ReturnType<typeof browser>} b */
async function revokeFirst(b) {
  const list = JSON.parse((await b.api('/bff/api/v1/subjects/me/relatives-access')).body);
  const id = list.relatives.find((/** @type {{ status: string }} */ r) => r.status === 'active')?.id;
  assert.ok(id, 'Ola has given someone access');
  const r = await b.api(`/bff/api/v1/subjects/me/relatives-access/${id}`, { method: 'DELETE' });
  return { status: r.res.status, type: r.body ? JSON.parse(r.body).type ?? null : null };
}

/** The login form's POST for Ola on a provider login page. @param {{ body: string, url: URL }} page */
function loginForm(page) {
  const form = [...page.body.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[2]?.includes(`value="${OLA}"`));
  assert.ok(form, `a login page for Ola at ${page.url}`);
  return /** @type {const} */ ([new URL(String(form[1]).replace(/&amp;/g, '&'), page.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ person: OLA }).toString() }]);
}

describe('the step-up max_age at /bff/login', () => {
  it('takes one whole number of seconds within the rules core\'s range', () => {
    const q = (/** @type {string} */ s) => loginMaxAge(new URLSearchParams(s));
    assert.equal(q('returnTo=/x'), undefined);
    assert.equal(q('max_age=300'), 300);
    assert.equal(q('max_age=0'), 0);
    assert.equal(q('max_age=3600'), 3600);
    for (const bad of ['max_age=', 'max_age=-1', 'max_age=1.5', 'max_age=1e3', 'max_age=+300', 'max_age=%20300', 'max_age=0x10', 'max_age=3601', 'max_age=99999999', 'max_age=300&max_age=300']) {
      assert.equal(q(bad), false, bad);
    }
  });

  it('a malformed max_age starts no sign-in: back as a failed one, the session untouched', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const logins = await count('bff_logins');
    const sessions = await sessionRows();
    for (const bad of ['-1', '1.5', '3601', 'abc']) {
      const r = await b.go(`/bff/login?returnTo=/back&max_age=${encodeURIComponent(bad)}`, { follow: false });
      assert.equal(r.res.status, 303, bad);
      assert.equal(r.res.headers.get('location'), '/back?omsorg-signin=failed', bad);
      assert.equal(r.res.headers.get('set-cookie'), null, 'no sign-in cookie, the session cookie kept');
    }
    assert.equal(await count('bff_logins'), logins, 'no sign-in was started');
    assert.deepEqual((await sessionRows()).map((s) => s.id), sessions.map((s) => s.id));
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true);
  });
});

describe('a step-up sign-in through the BFF', () => {
  it('makes the provider ask for the login again; the new session carries the new auth_time to the API, which then takes the access back', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const before = (await sessionRows()).at(-1);
    assert.ok(before);
    // Without max_age the provider's session signs Ola in again without asking.
    const sso = await b.go('/bff/login?returnTo=/back');
    assert.equal(sso.url.pathname + sso.url.search, '/back', 'single sign-on: no login page');

    clock.advance(10 * MIN);
    assert.deepEqual(await revokeFirst(b), { status: 403, type: STEP_UP }, 'a sign-in ten minutes old is refused');

    const page = await b.go('/bff/login?returnTo=/back&max_age=300');
    assert.match(page.url.pathname, /^\/oidc\/interaction\//, 'with max_age the provider shows its login page although its session is fresh');
    const back = await b.go(...loginForm(page));
    assert.equal(back.url.pathname + back.url.search, '/back', 'signed in, no failure');

    const after = (await sessionRows()).at(-1);
    assert.ok(after && after.id !== before.id, 'a new session in place of the old');
    assert.equal(after.authTime, Math.floor(clock.now().getTime() / 1000) * 1000, 'auth_time is the new sign-in\'s');
    assert.equal(Number(after.at.auth_time) * 1000, after.authTime, 'and the access token carries it');
    assert.equal(after.at.acr, 'idporten-loa-high');
    assert.ok(!(await sessionRows()).some((s) => s.id === before.id), 'the old session is gone');
    assert.deepEqual(await revokeFirst(b), { status: 200, type: null }, 'the same press now succeeds');
  });

  it('an auth_time older than max_age at the callback is refused as a failed sign-in; the old session stays', async () => {
    const b = browser(origin);
    await b.signIn(OLA);
    const before = await sessionRows();
    const page = await b.go('/bff/login?returnTo=/back&max_age=300');
    // The person logs in at the provider; the way back reaches the BFF six minutes later (past
    // max_age and the clock leeway, within the ten minutes a sign-in may take).
    const [action, init] = loginForm(page);
    let hop = await b.go(action, { ...init, follow: false });
    for (let i = 0; i < 10 && !String(hop.res.headers.get('location')).includes('/bff/callback'); i++) {
      hop = await b.go(new URL(String(hop.res.headers.get('location')), hop.url), { follow: false });
    }
    const callback = new URL(String(hop.res.headers.get('location')), hop.url);
    assert.equal(callback.pathname, '/bff/callback');
    clock.advance(6 * MIN);
    const done = await b.go(callback, { follow: false });
    assert.equal(done.res.headers.get('location'), '/back?omsorg-signin=failed');
    assert.deepEqual((await sessionRows()).map((s) => s.id), before.map((s) => s.id), 'no new session');
    assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, true, 'the old session stays');
  });
});
