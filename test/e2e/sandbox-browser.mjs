// Shared set-up of the browser journeys against the sandbox: a sandbox on a freshly seeded PGlite
// database in a temporary folder, serving the demo and the built CDN file, and one Chromium page
// that records CSP violations, uncaught errors and every request it makes. `E2E_DEBUG=1` logs
// the page's console, every response and the sandbox's (and the BFF's) log lines.
//
// Both sign-in modes of the demo: `startJourney()` runs the sandbox without the BFF, so the page
// signs in in the browser (oidc-client-ts, data-auth="oidc"); `startJourney({ bff: true })` runs
// it with the BFF under /bff, which the demo's boot finds and uses (data-auth="bff"). `signIn` and
// `signOut` (on any page, or the journey's own) are the same clicks in both modes: the login
// element's buttons and the provider's pages.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, WAIT_MS, until as untilFn } from '../hosts/harness.mjs';
import { demoRoots } from '../../scripts/serve-demo.mjs';
import { startSandbox } from '../../packages/sandbox/src/index.js';
import { pgliteTemplate } from '../../packages/sandbox/test-support/database.js';

/** The two ways the demo signs in, as the journeys name them. */
export const AUTH_MODES = /** @type {const} */ (['browser', 'bff']);

const SIGN_IN = 'omsorg-login >>> button[part~="sign-in-button"]';
const SIGN_OUT = 'omsorg-login >>> button[part~="sign-out-button"]';

/** The login element's name of the signed-in person, or null. @param {import('puppeteer-core').Page} page */
export const signedInName = (page) =>
  page.evaluate(() => document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null);
/** The login element shows its sign-in button. @param {import('puppeteer-core').Page} page */
const signInShown = (page) => page.evaluate(() => !!document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="sign-in-button"]'));

/** Clicks once visible (`>>>` pierces shadow roots; visibility polling sees inside them). @param {import('puppeteer-core').Page} on @param {string} selector */
async function clickOn(on, selector) {
  await on.waitForSelector(selector, { visible: true });
  await on.locator(selector).click();
}

/**
 * The login element's sign-in button → the provider (its login form, where `person` is
 * chosen; or straight back when the provider still has a session) → back on the demo page
 * (through /bff/callback in BFF mode), until `done` (default: the login element names the
 * person). Returns what `done` returned.
 * @template T
 * @param {import('puppeteer-core').Page} on
 * @param {{ id: string, name: string }} person
 * @param {{ atLoginForm?: (page: import('puppeteer-core').Page) => Promise<void>, done?: (page: import('puppeteer-core').Page) => Promise<T>, what?: string, ms?: number }} [o]
 * @returns {Promise<T>}
 */
export async function signIn(on, person, { atLoginForm, done, what, ms = WAIT_MS } = {}) {
  await on.bringToFront(); // clicks wait for animation frames, which a background tab does not get
  await clickOn(on, SIGN_IN);
  let formSeen = false;
  /** @type {unknown} */
  let failed;
  const result = await untilFn(async () => {
    const path = new URL(on.url()).pathname;
    if (path.startsWith('/oidc/interaction/')) {
      const button = await on.$(`form button[value="${person.id}"]`);
      if (!button) return false;
      if (!formSeen && atLoginForm) {
        // The caller's checks fail the sign-in, not one poll of it.
        try {
          await atLoginForm(on);
        } catch (err) {
          failed = err;
          return true;
        }
      }
      formSeen = true;
      await Promise.all([on.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      return false;
    }
    if (path.startsWith('/oidc/') || path.startsWith('/bff/')) return false;
    return done ? done(on) : (await signedInName(on))?.includes(person.name);
  }, what ?? `signed in as ${person.name}`, ms).catch((err) => {
    throw new Error(`${err.message}: ${formSeen ? 'the login form was used' : 'no login form was seen'}; the page is at ${on.url()}`);
  });
  if (failed) throw failed;
  return /** @type {T} */ (result);
}

/**
 * The login element's sign-out button → the provider's confirmation (the page shows
 * signed-out before it leaves for it, so wait for the way back) → back on the demo, signed
 * out. Both the page's session (sessionStorage, or the BFF's) and the provider's are over:
 * otherwise the provider would sign the next person in as this one.
 * @param {import('puppeteer-core').Page} on
 * @param {{ ms?: number }} [o]
 */
export async function signOut(on, { ms = WAIT_MS } = {}) {
  await on.bringToFront();
  // The provider is seen from the navigations, not from polling the address: a provider with
  // no session for the person (its sessions are in memory, and a journey restarts the sandbox)
  // confirms the sign-out itself with a form that posts at once, and the page is back on the
  // demo in a few milliseconds, between two polls.
  const isProvider = (/** @type {string} */ url) => new URL(url).pathname.startsWith('/oidc/');
  let atProvider = false;
  let confirmed = false;
  const onNavigation = (/** @type {import('puppeteer-core').Frame} */ frame) => {
    if (frame === on.mainFrame() && isProvider(frame.url())) atProvider = true;
  };
  on.on('framenavigated', onNavigation);
  try {
    await clickOn(on, SIGN_OUT);
    await untilFn(async () => {
      if (isProvider(on.url())) {
        const yes = await on.$('button[name="logout"][value="yes"]');
        if (yes) await Promise.all([on.waitForNavigation({ waitUntil: 'load' }), yes.click()]);
        confirmed ||= !!yes;
        return false;
      }
      return atProvider && signInShown(on);
    }, 'signed out at the provider and back on the demo', ms).catch((err) => {
      const where = atProvider ? `the provider was reached${confirmed ? ' and its sign-out confirmed' : ''}` : 'the provider was never reached';
      throw new Error(`${err.message}: ${where}; the page is at ${on.url()}`);
    });
  } finally {
    on.off('framenavigated', onNavigation);
  }
}

/** The sandbox's errors; its other lines (the BFF's warnings among them) with `E2E_DEBUG=1`. */
const quiet = {
  log: (/** @type {unknown[]} */ ...a) => void (process.env.E2E_DEBUG && console.error('[sandbox]', ...a)),
  error: (/** @type {unknown[]} */ ...a) => console.error('[sandbox]', ...a),
};

/** @type {Promise<string> | undefined} */
let seeded;
/**
 * A freshly migrated and seeded database (PGlite's folder), made once per test file and copied
 * for each of its journeys: a copy of the closed one takes under a second. It starts from the
 * migrated template the sandbox's tests share (made once per set of migrations), so only the
 * seeding, at this file's time, is left. Each journey still gets a database of its own, in the
 * state a fresh sandbox would have.
 */
const seededDatabase = () =>
  (seeded ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omsorg-e2e-seed-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await cp(await pgliteTemplate(), join(dir, 'pg'), { recursive: true });
    await (await startSandbox({ port: 0, dataDir: dir, logger: quiet })).close();
    return join(dir, 'pg');
  })());

/**
 * @typedef {{ url: string, path: string, method: string, authorization?: string, dpop?: string }} SeenRequest
 * @param {{ accessTokenTtl?: number, bff?: boolean }} [options]
 */
export async function startJourney(options = {}) {
  assert.ok(existsSync(join(demoRoots[1], 'omsorg.js')), 'packages/elements/dist/cdn/omsorg.js is missing: run `npm run build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'omsorg-e2e-'));
  await cp(await seededDatabase(), join(dataDir, 'pg'), { recursive: true });
  /** @param {number} port */
  const start = (port) => startSandbox({ port, dataDir, demoDir: [...demoRoots], logger: quiet, ...options });
  const sandbox = await start(0);
  const chromium = await launch();
  const page = await chromium.browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewport({ width: 1280, height: 900 });
  const problems = { csp: /** @type {string[]} */ ([]), pageErrors: /** @type {string[]} */ ([]) };
  /** Every request of the page (navigations included), with the headers that carry a token. */
  const requests = /** @type {SeenRequest[]} */ ([]);
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP-VIOLATION ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`));
  });
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('CSP-VIOLATION') || /Content Security Policy/i.test(text)) problems.csp.push(text);
    if (process.env.E2E_DEBUG) console.error('CONSOLE', m.type(), text.slice(0, 300));
  });
  if (process.env.E2E_DEBUG) page.on('response', (r) => console.error('RES', r.status(), r.request().method(), r.url().replace(/^https?:\/\/[^/]+/, '').slice(0, 100)));
  page.on('pageerror', (e) => {
    problems.pageErrors.push(String(e?.message ?? e));
    if (process.env.E2E_DEBUG) console.error('PAGEERROR', e?.stack);
  });
  page.on('request', (r) => {
    const h = r.headers();
    requests.push({ url: r.url(), path: new URL(r.url()).pathname, method: r.method(), authorization: h.authorization, dpop: h.dpop });
  });

  /** Polls `fn` until truthy; the message names the page's address. */
  const until = (fn, what, ms = WAIT_MS) => untilFn(fn, `${what} at ${page.url()}`, ms);
  /** Waits until visible (`>>>` pierces shadow roots; visibility polling sees inside them). */
  const shown = (selector) => page.waitForSelector(selector, { visible: true });
  const click = (selector) => clickOn(page, selector);
  /** Opens the closed series that holds visit `id` in `list`, as a reader would (its disclosure button). */
  const openSeriesOf = async (/** @type {string} */ list, /** @type {string} */ id) => {
    const series = await page.evaluate(
      (list, id) => document.querySelector(list)?.shadowRoot?.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.closest('ul[hidden]')?.closest('li[part="series"]')?.getAttribute('data-series') ?? null,
      list,
      id,
    );
    if (series) await click(`${list} >>> li[part="series"][data-series="${series}"] [part~="series-toggle"]`);
  };

  /**
   * GETs `paths` (`/v1/…`) from the page as the page's own client would: in browser mode to
   * the API with the client's `Authorization` and DPoP proof, in BFF mode to the BFF's proxy
   * with the cookie and the CSRF header. What the client sent (the Authorization scheme, or
   * null) and what came back.
   * @param {readonly string[]} paths
   * @returns {Promise<{ path: string, status: number, scheme: string | null, csrf: boolean, type: string | null }[]>}
   */
  const callApi = (paths) =>
    page.evaluate(async (paths) => {
      const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
      const base = client.auth.kind === 'bff' ? client.auth.apiBaseUrl : location.origin;
      const out = [];
      for (const path of paths) {
        const url = `${base}${path}`;
        const headers = await client.auth.authorize({ method: 'GET', url });
        const r = await fetch(url, { headers, credentials: 'same-origin' });
        const body = await r.json().catch(() => ({}));
        out.push({ path, status: r.status, scheme: headers.Authorization?.split(' ')[0] ?? null, csrf: headers['X-Omsorg-Csrf'] === '1', type: body.type ?? null });
      }
      return out;
    }, paths);

  const journey = {
    /** 'bff' when the sandbox runs the BFF (the demo then signs in through it), else 'browser'. */
    auth: /** @type {'browser' | 'bff'} */ (options.bff ? 'bff' : 'browser'),
    sandbox,
    page,
    problems,
    requests,
    until,
    shown,
    click,
    openSeriesOf,
    /** `signIn` above, on this journey's page. @param {{ id: string, name: string }} person @param {Parameters<typeof signIn>[2]} [o] */
    signIn: (person, o) => signIn(page, person, o),
    /** `signOut` above, on this journey's page. @param {Parameters<typeof signOut>[1]} [o] */
    signOut: (o) => signOut(page, o),
    callApi,
    /**
     * A second page in a browser context of its own (its own cookies and storage: another person
     * at another computer), with the same CSP and page-error watch.
     */
    async otherPage() {
      const context = await chromium.browser.createBrowserContext();
      const other = await context.newPage();
      other.setDefaultTimeout(WAIT_MS);
      await other.setViewport({ width: 1280, height: 900 });
      other.on('console', (m) => {
        const text = m.text();
        if (text.startsWith('CSP-VIOLATION') || /Content Security Policy/i.test(text)) problems.csp.push(text);
      });
      other.on('pageerror', (e) => {
        problems.pageErrors.push(String(e?.message ?? e));
        if (process.env.E2E_DEBUG) console.error('PAGEERROR (other page)', e?.stack);
      });
      return other;
    },
    /** Stops the sandbox and starts it again on the same port, data (database, keys) and options. */
    async restart() {
      const port = Number(new URL(journey.sandbox.url).port);
      await journey.sandbox.close();
      journey.sandbox = await start(port);
      return journey.sandbox;
    },
    async close() {
      await chromium.close();
      await journey.sandbox.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
  return journey;
}
