// The whole omsorg flow for real, in a real browser: the demo page, the sandbox's OpenID provider
// (code flow + PKCE + DPoP), the API over PGlite, a restart of the server on the same data.
//
//   node --test test/e2e/                          headless Debian Chromium (/usr/lib/chromium/chromium)
//   CHROMIUM=/path/to/chrome node --test test/e2e/   another Chromium
//   E2E_SCREENSHOT=/tmp/demo.png node --test test/e2e/   also saves the signed-in page (and demo-full.png)
//   E2E_DEBUG=1 node --test test/e2e/                     logs the page's requests, responses and console
// Needs a build (`npm run build`: packages/elements/dist/cdn/).
//
// Journey 1, Ola Nordmann: open the demo → "Logg inn" → the provider's login page → Ola → back
// signed in → his visits → cancel one through the dialog → cancelled in BOTH lists → reload →
// still cancelled → restart the server on the same data → reload → still cancelled → sign out
// (through the provider) → lists empty, no tokens in Web Storage, the DPoP key gone.
// Journey 2, Per Hansen: sign in → Ola's cancelled visit is nowhere, and a direct API call to
// Ola's subject with Per's (DPoP-bound) session is a 404.
// All along: no CSP violation on any page, no uncaught page error, and every API request carries
// `Authorization: DPoP …` and a `DPoP` proof.
//
// The server and the browser both use the real clock (the dialog checks the deadline against the
// browser's clock, and DPoP proofs carry it). The fixtures' deadlines are 15:00 the day before a
// visit, so after 15:00 tomorrow's visits are no longer cancellable: the test widens both lists
// (as a CMS could) so they share visits further ahead, and picks one that is cancellable now.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, WAIT_MS } from '../hosts/harness.mjs';
import { demoRoots } from '../../scripts/serve-demo.mjs';
import { startSandbox } from '../../packages/sandbox/src/index.js';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const PER = { id: 'psn-per-51d0', name: 'Per Hansen' };
const MAIN = 'omsorg-appointment-list:not(.next-visit)';
const SIDE = 'omsorg-appointment-list.next-visit';


/** @type {string} */ let dataDir;
/** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */ let sandbox;
/** @type {Awaited<ReturnType<typeof launch>> | undefined} */ let chromium;
/** @type {import('puppeteer-core').Page} */ let page;
let port = 0;
/** The visit Ola cancelled in the first journey. */
let cancelledByOla = '';
let setupSeconds = '';

const problems = { csp: /** @type {string[]} */ ([]), pageErrors: /** @type {string[]} */ ([]) };
/** @type {{ url: string, method: string, authorization?: string, dpop?: string }[]} */
const apiRequests = [];

const quiet = { log() {}, error: (/** @type {unknown[]} */ ...a) => console.error('[sandbox]', ...a) };
async function start() {
  sandbox = await startSandbox({ port, dataDir, demoDir: [...demoRoots], logger: quiet });
  port = Number(new URL(sandbox.url).port);
  return sandbox;
}

before(async () => {
  assert.ok(existsSync(join(demoRoots[1], 'omsorg.js')), 'packages/elements/dist/cdn/omsorg.js is missing: run `npm run build` first');
  const t0 = Date.now();
  dataDir = await mkdtemp(join(tmpdir(), 'omsorg-e2e-data-'));
  await start();
  chromium = await launch();
  page = await chromium.browser.newPage();
  setupSeconds = ((Date.now() - t0) / 1000).toFixed(1);
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewport({ width: 1280, height: 900 });
  // The test's own listener (not the page's): every CSP violation on every page, provider included.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP-VIOLATION ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('CSP-VIOLATION') || /Content Security Policy/i.test(text)) problems.csp.push(text);
  });
  if (process.env.E2E_DEBUG) {
    const t0 = Date.now();
    page.on('request', (r) => console.error('REQ', Date.now() - t0, r.method(), r.url().slice(0, 120)));
    page.on('response', (r) => console.error('RES', Date.now() - t0, r.status(), r.url().slice(0, 120)));
    page.on('console', (m) => console.error('CONSOLE', Date.now() - t0, m.type(), m.text().slice(0, 300)));
  }
  page.on('pageerror', (e) => problems.pageErrors.push(String(e?.message ?? e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/v1/') && r.method() !== 'OPTIONS') {
      const h = r.headers();
      apiRequests.push({ url: r.url(), method: r.method(), authorization: h.authorization, dpop: h.dpop });
    }
  });
});

after(async () => {
  await chromium?.close();
  await sandbox?.close().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => {});
});

// ---- helpers ------------------------------------------------------------------------------

/** Polls `fn` (which may throw while a page navigates) until it returns a truthy value. */
async function until(fn, what, ms = WAIT_MS) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)}) at ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// waitForSelector's default polling watches the document with a MutationObserver, which does not
// see changes inside shadow roots: wait for visibility instead (polled every animation frame).
const shown = (selector) => page.waitForSelector(selector, { visible: true });
/** Clicks an element (`>>>` pierces shadow roots) once it is visible. */
async function click(selector) {
  await shown(selector);
  await page.locator(selector).click();
}

/** What the login element and both lists show. */
function snapshot() {
  return page.evaluate(
    (MAIN, SIDE) => {
      const login = document.querySelector('omsorg-login')?.shadowRoot;
      const list = (sel) => {
        const root = document.querySelector(sel)?.shadowRoot;
        return {
          busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
          signedOut: !!root?.querySelector('[part~="signed-out"]'),
          empty: !!root?.querySelector('[part~="empty"]'),
          error: root?.querySelector('[part~="error"]')?.textContent?.trim() ?? null,
          items: [...(root?.querySelectorAll('li[part~="item"][data-id]') ?? [])].map((li) => ({
            id: li.getAttribute('data-id'),
            status: [...li.classList].find((c) => c.startsWith('status-'))?.slice('status-'.length),
            cancellable: !!li.querySelector('button[part~="cancel-button"]'),
          })),
        };
      };
      return {
        path: location.pathname + location.search,
        user: login?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        signInButton: !!login?.querySelector('[part~="sign-in-button"]'),
        main: list(MAIN),
        side: list(SIDE),
      };
    },
    MAIN,
    SIDE,
  );
}

const loaded = (l) => !l.busy && (l.items.length > 0 || l.empty || l.error !== null || l.signedOut);

async function signedInAs(name) {
  return until(async () => {
    const s = await snapshot();
    return s.user?.includes(name) && loaded(s.main) && loaded(s.side) ? s : undefined;
  }, `${name} signed in with both lists loaded`);
}

/** Demo page → "Logg inn" → the provider's login page → `person` → back on the demo. */
async function signIn(person) {
  await click('omsorg-login >>> button[part~="sign-in-button"]');
  await page.waitForSelector(`form button[value="${person.id}"]`);
  assert.match(new URL(page.url()).pathname, /^\/oidc\/interaction\//, 'the login page is the provider’s');
  assert.equal(await page.title(), 'Logg inn – testpersoner (omsorg sandkasse)');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`form button[value="${person.id}"]`)]);
  return signedInAs(person.name);
}

/** Web Storage and the DPoP key store, as the page sees them. */
function storage() {
  return page.evaluate(async () => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    let dpopKeys = [];
    if ((await indexedDB.databases()).some((d) => d.name === 'oidc')) {
      dpopKeys = await new Promise((ok, ko) => {
        const open = indexedDB.open('oidc');
        open.onerror = () => ko(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('dpop')) return ok([]);
          const req = db.transaction('dpop', 'readonly').objectStore('dpop').getAllKeys();
          req.onsuccess = () => ok(req.result.map(String));
          req.onerror = () => ko(req.error);
        };
      });
    }
    return { session: dump(sessionStorage), local: dump(localStorage), dpopKeys };
  });
}
const tokenLike = (entry) => /access_token|id_token|oidc\.user/.test(entry);

// ---- the journeys -------------------------------------------------------------------------

test('Ola signs in for real, cancels a visit, it stays cancelled over reload and restart, and signs out clean', { timeout: 90_000 }, async (t) => {
  const started = Date.now();
  const step = (name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
  t.diagnostic(`setup: sandbox on a fresh PGlite database + Chromium in ${setupSeconds} s`);

  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await until(async () => (await snapshot()).signInButton, 'the sign-in button');
  const boot = await page.$eval('script[data-omsorg]', (s) => ({ ...s.dataset }));
  assert.deepEqual(
    { auth: boot.auth, api: boot.api, authority: boot.authority, clientId: boot.clientId, dpop: boot.dpop },
    { auth: 'oidc', api: sandbox.url, authority: `${sandbox.url}/oidc`, clientId: 'omsorg-demo', dpop: 'true' },
  );
  step('demo page, signed out');
  let s = await signIn(OLA);
  assert.equal(s.path, '/', 'the code and state are gone from the address bar');
  assert.ok(s.main.items.length > 0 && s.side.items.length > 0, 'both lists show visits');
  assert.ok([...s.main.items, ...s.side.items].every((i) => i.id?.startsWith('apt-ola-')), 'his visits');
  step(`signed in as Ola: ${s.main.items.length} + ${s.side.items.length} visits`);
  // Both lists show enough visits to share some beyond tomorrow (see the note at the top); every
  // page load (sign-in redirect, reload) brings the page's own page sizes back.
  const widen = async () => {
    const before = (await snapshot()).side.items.length;
    await page.evaluate(() => document.querySelectorAll('omsorg-appointment-list').forEach((l) => l.setAttribute('page-size', '40')));
    return until(async () => {
      const x = await snapshot();
      return x.side.items.length > before && x.main.items.length >= x.side.items.length ? x : undefined;
    }, 'both lists widened to 40 visits');
  };
  s = await widen();
  const shot = process.env.E2E_SCREENSHOT;
  if (shot) {
    await page.screenshot({ path: shot });
    await page.screenshot({ path: shot.replace(/(\.png)?$/, '-full.png'), fullPage: true });
  }

  // A visit in both lists that Ola may cancel for good (not a request): ask the page's client.
  const target = await page.evaluate(
    (ids) => {
      const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
      return ids.find((id) => {
        const p = client?.cachedAppointment(id)?.cancellationPolicy;
        return p?.cancellable && p.mode === 'final';
      });
    },
    s.side.items.filter((i) => s.main.items.some((m) => m.id === i.id && m.cancellable)).map((i) => i.id),
  );
  assert.ok(target, `a cancellable visit in both lists: ${JSON.stringify(s.side.items)}`);

  await click(`${MAIN} >>> button#act-${target}`);
  await click('omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
  await click('omsorg-cancel-dialog >>> [part~="confirm-button"]');
  await shown('omsorg-cancel-dialog >>> [part~="outcome"]');
  await click('omsorg-cancel-dialog >>> [part~="close-button"]');
  await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });
  const cancelledInBoth = async () => {
    const x = await snapshot();
    const inMain = x.main.items.find((i) => i.id === target);
    const inSide = x.side.items.find((i) => i.id === target);
    return inMain?.status === 'cancelled' && inSide?.status === 'cancelled' && !inMain.cancellable ? x : undefined;
  };
  await until(cancelledInBoth, `${target} cancelled in both lists`);
  step(`cancelled ${target}; both lists show it`);

  await page.reload({ waitUntil: 'load' });
  await signedInAs(OLA.name);
  await widen();
  await until(cancelledInBoth, `${target} still cancelled after reload`);
  step('reload: session restored from sessionStorage, still cancelled');

  assert.deepEqual(sandbox.api.contractViolations, [], 'every API answer kept the contract');
  await sandbox.close();
  await start();
  await page.reload({ waitUntil: 'load' });
  await signedInAs(OLA.name);
  await widen();
  await until(cancelledInBoth, `${target} still cancelled after a server restart`);
  const row = await sandbox.db.query('SELECT status FROM appointments WHERE id = $1', [target]);
  assert.equal(row.rows[0]?.status, 'cancelled', 'the database has it');
  step('server restarted on the same data: still cancelled');

  // Sign out: the SDK wipes its store, then the provider ends its session and sends us back.
  await click('omsorg-login >>> button[part~="sign-out-button"]');
  // The page shows signed-out before it leaves for the provider: wait for the way back.
  let atProvider = false;
  await until(async () => {
    const u = new URL(page.url());
    if (u.pathname.startsWith('/oidc/')) {
      atProvider = true;
      const yes = await page.$('button[name="logout"][value="yes"]');
      if (yes) await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), yes.click()]);
      return false;
    }
    const x = await snapshot();
    return atProvider && x.signInButton && x.main.signedOut && x.side.signedOut;
  }, 'back on the demo, signed out');
  s = await snapshot();
  assert.equal(s.user, null);
  assert.deepEqual([s.main.items, s.side.items], [[], []], 'the lists’ content is gone');
  const st = await storage();
  assert.deepEqual(st.session.filter(tokenLike), [], `sessionStorage: ${st.session.join(', ')}`);
  assert.deepEqual(st.local.filter(tokenLike), [], `localStorage: ${st.local.join(', ')}`);
  assert.deepEqual(st.dpopKeys, [], 'the DPoP key is deleted');
  step('signed out: lists empty, no tokens, no DPoP key');

  // DPoP was really used, on every API call.
  assert.ok(apiRequests.length > 0, 'the page called the API');
  for (const r of apiRequests) {
    assert.match(r.authorization ?? '', /^DPoP [\w-]+\.[\w-]+\.[\w-]+$/, `${r.method} ${r.url}: Authorization`);
    assert.match(r.dpop ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/, `${r.method} ${r.url}: DPoP proof`);
  }
  assert.ok(apiRequests.some((r) => r.method === 'POST' && r.url.endsWith(`/appointments/${target}/cancellation`)), 'the cancel went to the API');

  cancelledByOla = target;
});

test('Per Hansen signs in on the same browser and cannot see or reach Ola’s visits', { timeout: 60_000 }, async (t) => {
  const target = cancelledByOla;
  assert.ok(target, 'the first journey ran');
  const s = await signIn(PER);
  const ids = [...s.main.items, ...s.side.items].map((i) => i.id);
  t.diagnostic(`Per sees ${ids.length ? ids.join(', ') : 'no visits of his own'}`);
  assert.ok(!ids.includes(target), `Ola's cancelled visit is not shown to Per (${ids.join(', ')})`);
  assert.ok(!ids.some((id) => id?.startsWith('apt-ola-')), 'none of Ola’s visits is shown to Per');

  const direct = await page.evaluate(async (subject) => {
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
    const url = `${location.origin}/v1/subjects/${subject}/appointments`;
    const headers = await client.auth.authorize({ method: 'GET', url });
    const r = await fetch(url, { headers });
    return { status: r.status, scheme: headers.Authorization.split(' ')[0], type: (await r.json()).type };
  }, OLA.subject);
  assert.deepEqual(direct, { status: 404, scheme: 'DPoP', type: direct.type });
  assert.match(direct.type, /not-found/);

  const denied = await sandbox.db.query(
    'SELECT outcome, status FROM access_log WHERE actor_person_id = $1 AND subject_id = $2',
    [PER.id, OLA.subject],
  );
  assert.deepEqual(denied.rows.map((r) => [r.outcome, Number(r.status)]), [['denied', 404]], 'the refusal is in the access log');

  assert.deepEqual(sandbox.api.contractViolations, [], 'every API answer kept the contract');
  assert.deepEqual(problems.csp, [], 'no Content-Security-Policy violation on any page');
  assert.deepEqual(problems.pageErrors, [], 'no uncaught error in any page');
});
