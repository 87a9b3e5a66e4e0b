// The whole omsorg flow for real, in a real browser: the demo page, the sandbox's OpenID provider,
// the API over PGlite, a restart of the server on the same data. Once in each sign-in mode of the
// demo, each on a sandbox of its own:
// - browser: the page signs in itself (oidc-client-ts: code flow + PKCE + DPoP) and calls /v1;
// - bff: the sandbox runs the backend-for-frontend under /bff; the page holds one HttpOnly
//   cookie and calls /bff/api, and the BFF calls /v1 with the DPoP-bound token it keeps.
//
//   node --test test/e2e/                          headless Debian Chromium (/usr/lib/chromium/chromium)
//   CHROMIUM=/path/to/chrome node --test test/e2e/   another Chromium
//   E2E_SCREENSHOT=/tmp/demo.png node --test test/e2e/   also saves the signed-in page (and demo-full.png)
//   E2E_DEBUG=1 node --test test/e2e/                     logs the page's responses and console
// Needs a build (`npm run build`: packages/elements/dist/cdn/).
//
// Journey 1, Ola Nordmann: open the demo → "Logg inn" → the provider's login page → Ola → back
// signed in → his visits → cancel one through the dialog → cancelled in BOTH lists → reload →
// still cancelled → restart the server on the same data → reload → still signed in, still
// cancelled → sign out (through the provider) → lists empty, no tokens in Web Storage, no DPoP
// key in the page.
// Journey 2, Per Hansen: sign in → Ola's cancelled visit is nowhere, and a direct API call to
// Ola's subject with Per's session is a 404, logged as refused.
// All along: no CSP violation on any page, no uncaught page error. In browser mode every API
// request carries `Authorization: DPoP …` and a `DPoP` proof; in BFF mode every API request goes
// to /bff/api and none carries either.
//
// The server and the browser both use the real clock (the dialog checks the deadline against the
// browser's clock, and DPoP proofs carry it). The fixtures' deadlines are 15:00 the day before a
// visit, so after 15:00 tomorrow's visits are no longer cancellable: the test widens both lists
// (as a CMS could) so they share visits further ahead, and picks one that is cancellable now.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { safelyCancellable } from '../hosts/harness.mjs';
import { AUTH_MODES, startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const PER = { id: 'psn-per-51d0', name: 'Per Hansen' };
const MAIN = 'omsorg-appointment-list:not(.next-visit)';
const SIDE = 'omsorg-appointment-list.next-visit';

// ---- helpers ------------------------------------------------------------------------------

/** What the login element and both lists show. @param {import('puppeteer-core').Page} page */
function snapshot(page) {
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

/** Web Storage, the page's cookies and the DPoP key store, as the page sees them. @param {import('puppeteer-core').Page} page */
function storage(page) {
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
    return { session: dump(sessionStorage), local: dump(localStorage), cookie: document.cookie, dpopKeys };
  });
}
const tokenLike = (entry) => /access_token|id_token|oidc\.user|eyJ[\w-]{8,}\./.test(entry);

// ---- the journeys, once per sign-in mode --------------------------------------------------

for (const auth of AUTH_MODES) {
  const bff = auth === 'bff';
  describe(bff ? 'signed in through the BFF (auth: bff)' : 'signed in in the browser (auth: browser)', () => {
    /** @type {Awaited<ReturnType<typeof startJourney>>} */ let j;
    /** The visit Ola cancelled in the first journey. */
    let cancelledByOla = '';
    let setupSeconds = '';

    before(async () => {
      const t0 = Date.now();
      j = await startJourney({ bff });
      setupSeconds = ((Date.now() - t0) / 1000).toFixed(1);
    });
    after(() => j?.close());

    const signedInAs = (name) =>
      j.until(async () => {
        const s = await snapshot(j.page);
        return s.user?.includes(name) && loaded(s.main) && loaded(s.side) ? s : undefined;
      }, `${name} signed in with both lists loaded`);

    /** Demo page → "Logg inn" → the provider's login page → `person` → back on the demo. */
    async function signIn(person) {
      let loginPage = false;
      await j.signIn(person, {
        atLoginForm: async (page) => {
          assert.match(new URL(page.url()).pathname, /^\/oidc\/interaction\//, 'the login page is the provider’s');
          assert.equal(await page.title(), 'Logg inn – testpersoner (omsorg sandkasse)');
          loginPage = true;
        },
      });
      assert.ok(loginPage, 'signed in on the provider’s login page');
      return signedInAs(person.name);
    }

    /** The page's API requests: to the API itself, and to the BFF's proxy. */
    const apiRequests = () => j.requests.filter((r) => r.path.startsWith('/v1/') && r.method !== 'OPTIONS');
    const bffRequests = () => j.requests.filter((r) => r.path.startsWith('/bff/api/'));
    const bffSessions = async () => Number((await j.sandbox.db.query('SELECT count(*)::int AS n FROM bff_sessions')).rows[0].n);

    test('Ola signs in for real, cancels a visit, it stays cancelled over reload and restart, and signs out clean', { timeout: 90_000 }, async (t) => {
      const { page, until, click, shown, openSeriesOf } = j;
      const started = Date.now();
      const step = (name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
      t.diagnostic(`setup: sandbox${bff ? ' with the BFF' : ''} on a freshly seeded PGlite database + Chromium in ${setupSeconds} s`);

      await page.goto(`${j.sandbox.url}/`, { waitUntil: 'load' });
      await until(async () => (await snapshot(page)).signInButton, 'the sign-in button');
      const boot = await page.$eval('script[data-omsorg]', (s) => ({ ...s.dataset }));
      const url = j.sandbox.url;
      assert.deepEqual(
        { auth: boot.auth, api: boot.api, authority: boot.authority, clientId: boot.clientId, dpop: boot.dpop },
        bff
          ? { auth: 'bff', api: undefined, authority: undefined, clientId: undefined, dpop: undefined }
          : { auth: 'oidc', api: url, authority: `${url}/oidc`, clientId: 'omsorg-demo', dpop: 'true' },
      );
      assert.equal(await page.evaluate(() => document.documentElement.dataset.demoAuth), auth);
      step(`demo page, signed out (data-auth="${boot.auth}")`);
      let s = await signIn(OLA);
      assert.equal(s.path, '/', 'the code and state are gone from the address bar');
      assert.ok(s.main.items.length > 0 && s.side.items.length > 0, 'both lists show visits');
      assert.ok([...s.main.items, ...s.side.items].every((i) => i.id?.startsWith('apt-ola-')), 'his visits');
      if (bff) {
        const paths = j.requests.map((r) => r.path);
        assert.ok(paths.includes('/bff/login') && paths.includes('/bff/callback'), 'the sign-in went through the BFF');
      }
      step(`signed in as Ola: ${s.main.items.length} + ${s.side.items.length} visits`);
      // Both lists show enough visits to share some beyond tomorrow (see the note at the top); every
      // page load (sign-in redirect, reload) brings the page's own page sizes back.
      const widen = async () => {
        const before = (await snapshot(page)).side.items.length;
        await page.evaluate(() => document.querySelectorAll('omsorg-appointment-list').forEach((l) => l.setAttribute('page-size', '40')));
        return until(async () => {
          const x = await snapshot(page);
          return x.side.items.length > before && x.main.items.length >= x.side.items.length ? x : undefined;
        }, 'both lists widened to 40 visits');
      };
      s = await widen();
      const shot = process.env.E2E_SCREENSHOT;
      if (shot && !bff) {
        await page.screenshot({ path: shot });
        await page.screenshot({ path: shot.replace(/(\.png)?$/, '-full.png'), fullPage: true });
      }

      // A visit in both lists that Ola may cancel for good (not a request), whose deadline cannot
      // pass while the test runs (the sandbox is on the real clock): ask the page's client.
      const target = await safelyCancellable(
        page,
        s.side.items.filter((i) => s.main.items.some((m) => m.id === i.id && m.cancellable)).map((i) => i.id),
      );
      assert.ok(target, `a cancellable visit in both lists: ${JSON.stringify(s.side.items)}`);

      await openSeriesOf(MAIN, target);
      await click(`${MAIN} >>> button#act-${target}`);
      await click('omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
      await click('omsorg-cancel-dialog >>> [part~="confirm-button"]');
      await shown('omsorg-cancel-dialog >>> [part~="outcome"]');
      await click('omsorg-cancel-dialog >>> [part~="close-button"]');
      await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });
      const cancelledInBoth = async () => {
        const x = await snapshot(page);
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
      let st = await storage(page);
      if (bff) {
        // The cookie the page cannot read, and the BFF's session in the database, are the session.
        assert.deepEqual(st.session.filter(tokenLike), [], `no token in sessionStorage: ${st.session.join(', ')}`);
        assert.deepEqual(st.local.filter(tokenLike), [], `localStorage: ${st.local.join(', ')}`);
        assert.equal(st.cookie, '', 'the session cookie is HttpOnly');
        assert.deepEqual(st.dpopKeys, [], 'no DPoP key in the page: the BFF holds it');
        assert.equal(await bffSessions(), 1, 'one BFF session in the database');
        step('reload: session kept by the BFF’s cookie, nothing in sessionStorage, still cancelled');
      } else {
        assert.ok(st.session.some((e) => e.startsWith('oidc.user:')), 'the session is in sessionStorage');
        step('reload: session restored from sessionStorage, still cancelled');
      }

      assert.deepEqual(j.sandbox.api.contractViolations, [], 'every API answer kept the contract');
      // The provider's sessions are in memory and go; the database, the provider's signing keys
      // and the BFF's keys are on disk and stay: the page's token (browser) or the BFF's session
      // row with its sealed token (bff) still holds.
      const sandbox = await j.restart();
      const sinceRestart = j.requests.length;
      await page.reload({ waitUntil: 'load' });
      await signedInAs(OLA.name);
      const signIns = j.requests.slice(sinceRestart).filter((r) => r.path.startsWith('/oidc/') || r.path === '/bff/login');
      assert.deepEqual(signIns.map((r) => r.url), [], 'the same session, not a new sign-in');
      await widen();
      await until(cancelledInBoth, `${target} still cancelled after a server restart`);
      // Asked of the record system the sandbox runs on (its tables, or FHIR with OMSORG_RECORDS=fhir).
      const stored = await sandbox.records.getAppointment(sandbox.db, OLA.subject, target, new Date());
      assert.equal(stored?.status, 'cancelled', `the record system (${sandbox.records.kind}) has it`);
      if (bff) assert.equal(await bffSessions(), 1, 'the BFF session outlived the restart');
      step('server restarted on the same data: still signed in, still cancelled');

      // Sign out: the SDK wipes its store (and the BFF its session), then the provider ends its
      // session and sends us back.
      await j.signOut();
      s = await until(async () => {
        const x = await snapshot(page);
        return x.signInButton && x.main.signedOut && x.side.signedOut ? x : undefined;
      }, 'both lists signed out');
      assert.equal(s.user, null);
      assert.deepEqual([s.main.items, s.side.items], [[], []], 'the lists’ content is gone');
      st = await storage(page);
      assert.deepEqual(st.session.filter(tokenLike), [], `sessionStorage: ${st.session.join(', ')}`);
      assert.deepEqual(st.local.filter(tokenLike), [], `localStorage: ${st.local.join(', ')}`);
      assert.deepEqual(st.dpopKeys, [], 'the DPoP key is deleted');
      if (bff) {
        assert.equal(JSON.parse(await page.evaluate(() => fetch('/bff/session').then((r) => r.text()))).signedIn, false, 'the BFF says signed out');
        assert.equal(await bffSessions(), 0, 'the BFF session is gone from the database');
      }
      step('signed out: lists empty, no tokens, no DPoP key');

      if (bff) {
        // The page never called the API itself, and never sent a token: the BFF did both.
        assert.deepEqual(apiRequests().map((r) => r.url), [], 'no request from the page to /v1');
        assert.ok(bffRequests().length > 0, 'the page called the API through /bff/api');
        assert.deepEqual(j.requests.filter((r) => r.authorization || r.dpop).map((r) => r.url), [], 'no request carries Authorization or DPoP');
      } else {
        // DPoP was really used, on every API call.
        assert.ok(apiRequests().length > 0, 'the page called the API');
        for (const r of apiRequests()) {
          assert.match(r.authorization ?? '', /^DPoP [\w-]+\.[\w-]+\.[\w-]+$/, `${r.method} ${r.url}: Authorization`);
          assert.match(r.dpop ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/, `${r.method} ${r.url}: DPoP proof`);
        }
      }
      const calls = bff ? bffRequests() : apiRequests();
      assert.ok(calls.some((r) => r.method === 'POST' && r.url.endsWith(`/appointments/${target}/cancellation`)), 'the cancel went to the API');

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

      const [direct] = await j.callApi([`/v1/subjects/${OLA.subject}/appointments`]);
      // Browser: the page's own DPoP-bound token; BFF: the cookie and the CSRF header, no token.
      assert.deepEqual({ status: direct.status, scheme: direct.scheme, csrf: direct.csrf }, { status: 404, scheme: bff ? null : 'DPoP', csrf: bff });
      assert.match(direct.type ?? '', /not-found/);

      const denied = await j.sandbox.db.query(
        'SELECT outcome, status FROM access_log WHERE actor_person_id = $1 AND subject_id = $2',
        [PER.id, OLA.subject],
      );
      assert.deepEqual(denied.rows.map((r) => [r.outcome, Number(r.status)]), [['denied', 404]], 'the refusal is in the access log');

      if (bff) assert.deepEqual(j.requests.filter((r) => r.authorization || r.path.startsWith('/v1/')).map((r) => r.url), [], 'still no token and no direct API call from the page');
      assert.deepEqual(j.sandbox.api.contractViolations, [], 'every API answer kept the contract');
      assert.deepEqual(j.problems.csp, [], 'no Content-Security-Policy violation on any page');
      assert.deepEqual(j.problems.pageErrors, [], 'no uncaught error in any page');
    });
  });
}
