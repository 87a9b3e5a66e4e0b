// A step-up for real, through the BFF (the shape `npm start` runs): Ola's sign-in is ten minutes
// old when he takes back his daughter's access in the consent panel. The API refuses (403
// step-up-required, maxAge 300); "sign in again" goes to /bff/login with max_age=300, and the
// provider asks for the login again although its session is still there (prompt=login); back on
// the page, the same press takes the access back.
//
// "Ten minutes later" is the sandbox's injected clock (the provider's sign-in time, the API's
// step-up rule and the BFF's sessions read it), moved forward by the test: nothing waits.
//
//   node --test test/e2e/step-up-journey.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedInName, startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann' };
const PANEL = 'omsorg-consent-panel';
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let j;

before(async () => {
  j = await startJourney({ bff: true, now: clock.now });
});
after(async () => {
  await j?.close();
});

/** The relatives section: names in "who may act for you", the step-up notice, the polite text. @param {import('puppeteer-core').Page} page */
const relatives = (page) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    const fold = (/** @type {Element | null | undefined} */ e) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return {
      names: [...(root?.querySelectorAll('[part="relatives-list"] [part="grant"] .grant-name bdi') ?? [])].map((b) => b.textContent),
      empty: !!root?.querySelector('[part="relatives-empty"]'),
      stepUp: fold(root?.querySelector('[part="step-up"] p')),
    };
  }, PANEL);

/** Takes back the first relative's access: the row's button, then the confirmation. */
async function takeBack() {
  await j.click(`${PANEL} >>> [part="relatives-list"] [part="revoke-button"]`);
  await j.click(`${PANEL} >>> [part="revoke-yes-button"]`);
}

test('a sign-in ten minutes old: the panel asks for a step-up, the provider asks for the login again, and the same press then succeeds', { timeout: 180_000 }, async () => {
  const { page, sandbox, until } = j;
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await j.signIn(OLA);
  const before = await until(async () => {
    const s = await relatives(page);
    return s.names.length ? s : undefined;
  }, "Ola's relatives");
  assert.deepEqual(before.names, ['Kari Nordmann']);

  clock.offsetMs = 10 * 60_000;
  await takeBack();
  const refused = await until(async () => (await relatives(page)).stepUp ?? undefined, 'the step-up notice');
  assert.match(refused, /logge inn på nytt/);
  assert.deepEqual((await relatives(page)).names, ['Kari Nordmann'], 'nothing taken back yet');

  // "Sign in again": the BFF's login with the refusal's max age, and the provider's login page
  // although its session from the first sign-in is still there.
  let loginPage = false;
  await j.click(`${PANEL} >>> [part="step-up-sign-in-button"]`);
  await until(async () => {
    if (!new URL(page.url()).pathname.startsWith('/oidc/interaction/')) return false;
    const button = await page.$(`form button[value="${OLA.id}"]`);
    if (!button) return false;
    loginPage = true;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    return true;
  }, "the provider's login page");
  assert.equal(loginPage, true);
  const login = j.requests.find((r) => r.path === '/bff/login' && new URL(r.url).searchParams.has('max_age'));
  assert.equal(login && new URL(login.url).searchParams.get('max_age'), '300', 'the refusal\'s max age went to the BFF');
  await until(async () => new URL(page.url()).pathname === '/' && (await signedInName(page))?.includes(OLA.name), 'back on the page, signed in');
  assert.equal(new URL(page.url()).searchParams.has('omsorg-signin'), false, 'not a failed sign-in');

  await until(async () => ((await relatives(page)).names.length ? true : undefined), "Ola's relatives again");
  await takeBack();
  const done = await until(async () => {
    const s = await relatives(page);
    return s.empty ? s : undefined;
  }, 'the access taken back');
  assert.equal(done.stepUp, null, 'no step-up asked this time');

  assert.deepEqual(j.problems.csp, [], 'no CSP violation');
  assert.deepEqual(j.problems.pageErrors, [], 'no uncaught page error');
  assert.deepEqual(sandbox.api.contractViolations, [], 'the sandbox kept to the contract');
});
