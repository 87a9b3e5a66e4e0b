// One journey through the backend-for-frontend in a real browser (Chromium), the shape `npm start`
// runs: the demo page with data-auth="bff" → "Logg inn" → the BFF's pushed authorization request
// → the provider's login page → Ola → back signed in, his visits listed through /bff/api →
// sign out: the BFF ends its session and the page POSTs the provider's logout form → signed out.
// All along: no token, ID token or identity number in the page's storage, cookies or any
// response it received; no request from the page carries Authorization; no CSP violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { leaksIdentity } from '@omsorg/sandbox/test-support/leaks.js';
import { startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann' };
const LIST = 'omsorg-appointment-list:not(.next-visit)';

/** @type {Awaited<ReturnType<typeof startJourney>>} */
let j;
/** @type {{ url: string, method: string, authorization?: string }[]} */
const requests = [];
/** @type {string[]} */
const leaks = [];

before(async () => {
  j = await startJourney({ bff: true });
  j.page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), authorization: r.headers().authorization }));
  j.page.on('response', async (r) => {
    const head = Object.entries(r.headers()).map(([k, v]) => `${k}: ${v}`).join('\n');
    const body = r.status() >= 300 && r.status() < 400 ? '' : await r.text().catch(() => '');
    if (leaksIdentity(head) || leaksIdentity(body)) leaks.push(`${r.status()} ${r.url()}`);
  });
});
after(async () => {
  await j?.close();
});

test('sign in through the BFF, see the visits, sign out: no token ever in the browser', async () => {
  const { page, until, sandbox } = j;
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  let loginForm = false;
  await j.signIn(OLA, {
    atLoginForm: async () => {
      assert.match(new URL(page.url()).pathname, /^\/oidc\/interaction\//);
      assert.ok(requests.some((r) => new URL(r.url).pathname === '/bff/login'), 'sign-in went through the BFF');
      loginForm = true;
    },
  });
  assert.ok(loginForm, 'signed in on the provider’s login page');

  const items = () =>
    page.evaluate((sel) => {
      const login = document.querySelector('omsorg-login')?.shadowRoot;
      const root = document.querySelector(sel)?.shadowRoot;
      return {
        user: login?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        items: root?.querySelectorAll('li[part~="item"][data-id]').length ?? 0,
        signedOut: !!root?.querySelector('[part~="signed-out"]'),
      };
    }, LIST);
  await until(async () => {
    const s = await items();
    return s.user?.includes(OLA.name) && s.items > 0;
  }, 'Ola signed in with his visits');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.demoAuth), 'bff');

  const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/bff/api/'));
  assert.ok(api.length > 0, 'the page called the API through the BFF');
  assert.deepEqual(requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/')), [], 'never the API itself');
  assert.deepEqual(requests.filter((r) => r.authorization), [], 'no request carries Authorization');
  const seen = await page.evaluate(() => ({ cookie: document.cookie, session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }));
  assert.equal(seen.cookie, '', 'the session cookie is HttpOnly');
  assert.equal(leaksIdentity(seen.session + seen.local), false, 'no token or identity number in web storage');

  // A second tab of the page shares the cookie, so the session: it shows Ola's visits, and the
  // sign-out in the first tab clears it at once, by the tabs' channel, without a request of its own.
  const tab2 = await page.browserContext().newPage();
  await tab2.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  const tab2State = () => tab2.evaluate((sel) => ({
    user: document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent ?? null,
    items: document.querySelector(sel)?.shadowRoot?.querySelectorAll('li[part~="item"][data-id]').length ?? 0,
  }), LIST);
  await until(async () => {
    const s = await tab2State();
    return !!s.user?.includes(OLA.name) && s.items > 0;
  }, 'the second tab signed in with the visits');
  // Its own loading done (the inbox reads the consent to digital dialogue after its list), so
  // what is counted from here is what the sign-out makes it do.
  await tab2.waitForNetworkIdle({ idleTime: 500 });
  /** @type {string[]} */
  const tab2Requests = [];
  tab2.on('request', (r) => tab2Requests.push(new URL(r.url()).pathname));

  await j.signOut();
  await until(async () => {
    const s = await tab2State();
    return s.user === null && s.items === 0;
  }, 'the second tab cleared');
  assert.deepEqual(tab2Requests.filter((p) => p.startsWith('/bff/')), [], 'the second tab heard it from the first, it did not find out by a call');
  await tab2.close();
  await until(async () => {
    const s = await items();
    return s.user === null && s.signedOut && s.items === 0;
  }, 'back on the demo, signed out');
  assert.equal(JSON.parse(await page.evaluate(() => fetch('/bff/session').then((r) => r.text()))).signedIn, false);
  assert.ok(requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/oidc/session/end'), 'the provider logout was a POST');
  assert.deepEqual(requests.filter((r) => /id_token_hint|eyJ/.test(r.url)), [], 'no ID token in any URL');
  assert.deepEqual(leaks, [], 'no token-shaped or 11-digit string in any response');
  assert.deepEqual(j.problems.csp, []);
  assert.deepEqual(j.problems.pageErrors, []);
});
