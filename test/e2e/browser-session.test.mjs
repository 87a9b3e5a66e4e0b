// The browser-only sign-in mode against the sandbox's real OpenID provider, in Chromium:
// 1. the authorization request carries a fresh nonce, the ID token carries the same one, and a
//    callback whose ID token does not match the stored nonce is refused;
// 2. nothing the page's scripts can read (Web Storage, IndexedDB, cookies, the DOM with its
//    shadow roots, every URL the page requested) holds an ID token or an identity number, and
//    the one token kept (for a reload) is DPoP-bound with a non-extractable key;
// 3. sign-out in one tab clears the other tab, and a sign-in as someone else in one tab clears
//    the other; the sign-out URL carries no JWT and no identity number;
// 4. an expired session clears the page at expiry, with no call to notice it (the tab is
//    hidden, so nothing polls), on 45-second access tokens; the page's clock is moved past the
//    expiry (Chromium's virtual time), not waited for.
//
//   node --test test/e2e/browser-session.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testPersons } from '../../packages/sandbox/src/oidc/persons.js';
import { until } from '../hosts/harness.mjs';
import { signIn as signInOn, signOut as signOutOn, startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann' };
const PER = { id: 'psn-per-51d0', name: 'Per Hansen' };
const CLIENT_ID = 'omsorg-demo';
const JWT = /[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g;
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/;
// Generous: this runs beside other heavy work on small machines.
const WAIT = 60_000;
const PIDS = testPersons.map((p) => p.pid);
/** A URL without the values of the random protocol parameters (a hex `state` often has 11 digits in a row). */
const withoutRandom = (url) => {
  const u = new URL(url);
  for (const p of ['state', 'code', 'code_challenge', 'nonce', 'dpop_jkt']) if (u.searchParams.has(p)) u.searchParams.set(p, '-');
  return u.href;
};

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let journey;
/** Every URL any page of the browser requested (navigations included). */
const urls = /** @type {string[]} */ ([]);

before(async () => {
  journey = await startJourney();
  journey.page.setDefaultTimeout(WAIT);
  journey.page.on('request', (r) => urls.push(r.url()));
});
after(() => journey?.close());

const payloadOf = (jwt) => {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** What the login element and the appointment lists show on `page`. */
const view = (page) =>
  page.evaluate(() => {
    const login = document.querySelector('omsorg-login')?.shadowRoot;
    const lists = [...document.querySelectorAll('omsorg-appointment-list')].map((l) => l.shadowRoot);
    return {
      path: location.pathname,
      user: login?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      signInButton: !!login?.querySelector('[part~="sign-in-button"]'),
      expiredNotice: !!login?.querySelector('[part~="warning"]'),
      items: lists.flatMap((r) => [...(r?.querySelectorAll('li[part~="item"][data-id]') ?? [])].map((li) => li.getAttribute('data-id'))),
      listsSignedOut: lists.length > 0 && lists.every((r) => !!r?.querySelector('[part~="signed-out"]')),
      listsLoaded: lists.length > 0 && lists.every((r) => r?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'false' && !r.querySelector('[part~="signed-out"]')),
    };
  });

/** Waits until `page`'s view passes `ok`; returns that view. */
const viewWhen = (page, ok, what, ms = WAIT) =>
  until(async () => {
    const x = await view(page);
    return ok(x) ? x : false;
  }, what, ms);

/** Sign-in button → the provider (its login form for `person`, or straight back with SSO) → signed in. */
async function signIn(page, person, { tamper } = { tamper: false }) {
  let tampered = false;
  return signInOn(page, person, {
    ms: WAIT,
    // Same origin as the demo: change the nonce oidc-client-ts stored with the state, so the
    // ID token (made for the original nonce) no longer matches it.
    atLoginForm: tamper
      ? async () => {
          const changed = await page.evaluate(() => {
            let n = 0;
            for (const key of Object.keys(sessionStorage)) {
              const v = JSON.parse(sessionStorage.getItem(key) ?? 'null');
              if (v && typeof v.nonce === 'string') (v.nonce = `${v.nonce}x`), sessionStorage.setItem(key, JSON.stringify(v)), n++;
            }
            return n;
          });
          assert.equal(changed, 1, 'one stored sign-in state with a nonce');
          tampered = true;
        }
      : undefined,
    done: async () => {
      const v = await view(page);
      if (tamper) return tampered && v.signInButton ? v : false;
      return v.user?.includes(person.name) && v.listsLoaded ? v : false;
    },
    what: tamper ? 'back on the demo, the sign-in refused' : `signed in as ${person.name}, the lists loaded`,
  });
}

/** On the demo, signed in as `person`: still (after the test before) or now. */
async function onDemoAs(page, person) {
  await page.goto(`${journey.sandbox.url}/`, { waitUntil: 'load' });
  const v = await viewWhen(page, (x) => x.signInButton || !!x.user, 'the login element settled');
  if (v.signInButton) await signIn(page, person);
}

/** Sign-out button → the provider's confirm page → back on the demo, signed out. */
const signOut = (page) => signOutOn(page, { ms: WAIT });

/** Everything the page's own scripts can read, as text. */
const readable = (page) =>
  page.evaluate(async () => {
    const keyText = (k) => `CryptoKey(${k.type}, extractable=${k.extractable})`;
    const text = (v) => JSON.stringify(v, (_k, x) => (x instanceof CryptoKey ? keyText(x) : x));
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    const idb = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, ko) => Object.assign(indexedDB.open(name), { onsuccess: (e) => ok(e.target.result), onerror: ko }));
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok, ko) => Object.assign(db.transaction(store).objectStore(store).getAll(), { onsuccess: (e) => ok(e.target.result), onerror: ko }));
        idb.push(`${name}/${store}: ${text(all)}`);
      }
      db.close();
    }
    const dom = [];
    const walk = (root) => {
      dom.push(root instanceof ShadowRoot ? root.innerHTML : root.documentElement.outerHTML);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return { session: dump(sessionStorage), local: dump(localStorage), idb, cookies: document.cookie, dom, url: location.href };
  });

test('sign-in sends a nonce, the ID token carries it, and a callback with another nonce is refused', { timeout: 240_000 }, async () => {
  const { page, sandbox } = journey;
  const idTokens = /** @type {string[]} */ ([]);
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname === '/oidc/token' && r.ok()) idTokens.push((await r.json()).id_token);
  });
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await signIn(page, OLA);
  const auths = urls.filter((u) => new URL(u).pathname === '/oidc/auth').map((u) => new URL(u).searchParams);
  assert.equal(auths.length, 1);
  const nonce = auths[0].get('nonce');
  assert.match(nonce ?? '', /^[\w-]{43}$/, 'a 256-bit nonce in the authorization request');
  await until(() => idTokens.length === 1, 'the token response', WAIT);
  assert.equal(payloadOf(idTokens[0])?.nonce, nonce, 'the ID token carries the request’s nonce');

  await signOut(page);
  const refused = await signIn(page, OLA, { tamper: true });
  const second = urls.filter((u) => new URL(u).pathname === '/oidc/auth').map((u) => new URL(u).searchParams.get('nonce'));
  assert.equal(second.length, 2);
  assert.notEqual(second[1], nonce, 'a fresh nonce per sign-in');
  assert.equal(refused.user, null, 'not signed in');
  assert.deepEqual(refused.items, []);
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('user:'))), [], 'no user stored');
  assert.deepEqual(journey.problems.pageErrors, []);
});

test('nothing the page can read holds an ID token or an identity number; the kept token is DPoP-bound', { timeout: 240_000 }, async () => {
  const { page } = journey;
  await onDemoAs(page, OLA);
  await page.reload({ waitUntil: 'load' });
  const v = await until(async () => ((x) => (x.user?.includes(OLA.name) && x.items.length > 0 ? x : false))(await view(page)), 'signed in after a reload', WAIT);
  assert.ok(v.items.every((id) => id.startsWith('apt-ola-')));
  const r = await readable(page);
  const all = [...r.session, ...r.local, ...r.idb, r.cookies, ...r.dom, r.url, ...urls].join('\n');
  const plain = [...r.local, r.cookies, ...r.dom, ...urls.map(withoutRandom)].join('\n');
  const jwts = all.match(JWT) ?? [];
  for (const jwt of jwts) {
    const p = payloadOf(jwt);
    assert.ok(p?.cnf?.jkt, `only a DPoP-bound access token may be readable: ${JSON.stringify(p)}`);
    assert.notEqual(p.aud, CLIENT_ID, 'not an ID token');
    assert.equal(p.nonce, undefined, 'not an ID token');
    assert.equal(p.pid, undefined);
  }
  assert.ok(jwts.length >= 1 && jwts.every((j) => r.session.some((e) => e.includes(j))), 'the one token kept is in sessionStorage (for the reload)');
  const decoded = jwts.map((j) => JSON.stringify(payloadOf(j))).join('\n');
  for (const pid of PIDS) assert.ok(!all.includes(pid) && !decoded.includes(pid), `identity number ${pid.slice(0, 2)}… readable`);
  assert.doesNotMatch(plain, ELEVEN_DIGITS, 'no 11-digit number in the DOM, cookies, localStorage or a URL');
  assert.doesNotMatch(r.session.join('\n').replace(JWT, '-'), ELEVEN_DIGITS, 'nor in sessionStorage');
  const user = JSON.parse(r.session.find((e) => e.startsWith('oidc.user:'))?.replace(/^[^=]*=/, '') ?? '{}');
  assert.deepEqual(user.profile, { sub: OLA.id, name: OLA.name }, 'the profile is sub and the name');
  assert.equal(user.id_token, undefined);
  assert.deepEqual(r.local, []);
  assert.match(r.idb.join('\n'), /CryptoKey\(private, extractable=false\)/, 'the DPoP key is non-extractable');
});

test('sign-out in one tab clears the other; a sign-in as someone else clears it too; no JWT or number in the sign-out URL', { timeout: 300_000 }, async (t) => {
  const { page: a, sandbox } = journey;
  const step = (what) => t.diagnostic(`${new Date().toISOString().slice(11, 19)} ${what}`);
  await onDemoAs(a, OLA);
  const b = await a.browser().newPage();
  b.setDefaultTimeout(WAIT);
  b.on('request', (r) => urls.push(r.url()));
  try {
    await b.goto(`${sandbox.url}/`, { waitUntil: 'load' });
    await signIn(b, OLA); // straight back: the provider has Ola's session
    step('tab B signed in');
    const from = urls.length;
    await signOut(a);
    step('tab A signed out');
    const cleared = await viewWhen(b, (x) => x.signInButton && x.listsSignedOut, 'tab B cleared by the sign-out in tab A');
    assert.deepEqual(cleared.items, [], 'no visit left in tab B');
    assert.equal(cleared.user, null);
    assert.deepEqual(await b.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('user:'))), [], 'tab B keeps no user');
    const ends = urls.slice(from).filter((u) => new URL(u).pathname.startsWith('/oidc/session/end'));
    assert.ok(ends.length > 0, 'the provider session was ended');
    for (const u of ends) {
      assert.doesNotMatch(u, JWT);
      assert.doesNotMatch(withoutRandom(u), ELEVEN_DIGITS);
      assert.equal(new URL(u).searchParams.get('id_token_hint'), null);
    }
    assert.equal(new URL(ends[0]).searchParams.get('client_id'), CLIENT_ID);

    // Ola again in B; the provider's session then ends (its cookies go) and Per signs in in A.
    await signIn(b, OLA);
    step('tab B signed in again');
    await a.deleteCookie(...(await a.cookies(`${sandbox.url}/oidc`)));
    await signIn(a, PER);
    const gone = await viewWhen(b, (x) => x.signInButton && x.listsSignedOut, 'tab B (Ola) cleared by Per’s sign-in in tab A');
    assert.deepEqual(gone.items, []);
    assert.ok((await view(a)).user?.includes(PER.name), 'tab A stays signed in as Per');
  } finally {
    await b.close();
  }
  assert.deepEqual(journey.problems.pageErrors, []);
  assert.deepEqual(journey.problems.csp, []);
});

test('an expired session clears the page at expiry, with nothing polling', { timeout: 300_000 }, async (t) => {
  const step = (what) => t.diagnostic(`${new Date().toISOString().slice(11, 19)} ${what}`);
  const TTL_S = 45;
  const short = await startJourney({ accessTokenTtl: TTL_S });
  try {
    const { page, sandbox } = short;
    page.setDefaultTimeout(WAIT);
    const requests = /** @type {string[]} */ ([]);
    page.on('request', (r) => new URL(r.url()).pathname.startsWith('/v1/') && requests.push(r.url()));
    await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
    await signIn(page, OLA);
    step('signed in');
    // Hidden: the pollers pause (the SDK reads document.visibilityState), so no call can notice the expiry.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForNetworkIdle({ idleTime: 500 });
    const before = requests.length;
    step('hidden, network idle');
    assert.ok((await view(page)).items.length > 0, 'still shown after hiding');
    // The page's clock runs ahead to the token's expiry and past it (Chromium's virtual time:
    // timers and Date.now() move without waiting 45 real seconds), so what clears the page is
    // the SDK's own expiry timer, as it would be after the real wait.
    const cdp = await page.createCDPSession();
    const ahead = new Promise((resolve) => cdp.once('Emulation.virtualTimeBudgetExpired', resolve));
    await cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance', budget: (TTL_S + 5) * 1000 });
    await ahead;
    step('the page’s clock is past the expiry');
    // From here on the clock runs again (on, not paused at the end of the budget).
    await cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance' });
    const v = await viewWhen(page, (x) => x.listsSignedOut, 'the page cleared at expiry', WAIT);
    assert.deepEqual(v.items, [], 'no visit left on the screen');
    assert.equal(v.user, null);
    assert.ok(v.expiredNotice, 'the login element says the session expired');
    assert.deepEqual(requests.slice(before), [], 'no API call between hiding and the clearing');
    assert.deepEqual(short.problems.pageErrors, []);
  } finally {
    await short.close();
  }
});
