// Hostile host 3: two copies of the bundle on one page, as when a CMS widget and an app each
// bring their own. pages/two-copies.html loads, in order, /a/omsorg.js and /b/omsorg.js (the
// same file under two URLs: two module instances) and /v009/omsorg.js (a copy whose VERSION
// literal is patched from 0.1.0 to 0.0.9; see server.mjs). Asserted:
//   - no uncaught exception;
//   - each tag is registered once, by the first copy (customElements.define is watched);
//   - ONE session: signing in through either <omsorg-login> signs in every element, and each
//     resource is fetched once (one GET /api/v1/me however many elements need it);
//   - the message elements (two <omsorg-inbox> for the same person, each copy loading its own
//     lazy chunk): <omsorg-inbox> and <omsorg-message-thread> registered once too, and ONE poll
//     stream for the thread list: a wake-up ('online') brings one GET of the list, and one poll
//     timer is waiting, not one per inbox or per copy (poll timers are held, never fired: the
//     counts do not depend on how long the page took);
//   - the copy with another version warns once per tag it tries to register, naming both
//     versions; the copy with the same version stays silent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { OTHER_VERSION, VERSION, startHostServer } from './server.mjs';
import { booted, HOST_ENGINES, inboxes, inboxesLoaded, launch, shown, snapshot, threadRequests, until, watchedPage } from './harness.mjs';

/**
 * Registered by each copy's autoloader: the tags on the page (an empty <omsorg-provider> among
 * them), and <omsorg-cancel-dialog>, which the list needs and which comes once the list is in.
 */
const TAGS = ['omsorg-provider', 'omsorg-login', 'omsorg-cancel-dialog', 'omsorg-appointment-list', 'omsorg-service-list'];
/** Registered from lazily loaded chunks: the inbox's when the tag is in the page, the thread's when an inbox needs it. */
const MESSAGE_TAGS = ['omsorg-inbox', 'omsorg-message-thread'];

/** The SDK's poll intervals (DEFAULT_POLL in packages/sdk/src/poll.ts): the waits between polls. */
const POLL = (() => {
  const src = readFileSync(new URL('../../packages/sdk/src/poll.ts', import.meta.url), 'utf8');
  const m = /DEFAULT_POLL[^=]*=\s*\{\s*minMs:\s*([\d_]+),\s*maxMs:\s*([\d_]+)/.exec(src);
  if (!m) throw new Error('DEFAULT_POLL not found in packages/sdk/src/poll.ts');
  return { minMs: Number(m[1].replaceAll('_', '')), maxMs: Number(m[2].replaceAll('_', '')) };
})();

/** @type {Awaited<ReturnType<typeof startHostServer>>} */ let server;
/** @type {Record<string, Awaited<ReturnType<typeof launch>>>} */ const browsers = {};

before(async () => {
  server = await startHostServer();
  await Promise.all(HOST_ENGINES.map(async (e) => (browsers[e] = await launch(e))));
});

after(async () => {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
  await server?.close();
});

for (const engine of HOST_ENGINES) {
  test(`${engine}: two copies of the bundle (and one of another version) share one registration and one session`, { timeout: 90_000 }, async (t) => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    // Who defines what: every customElements.define call, with the script it came from.
    await page.evaluateOnNewDocument((poll) => {
      const defined = [];
      Object.defineProperty(window, '__defined', { value: defined });
      const original = CustomElementRegistry.prototype.define;
      CustomElementRegistry.prototype.define = function define(name, ctor, options) {
        // The first frame in a script file (Chromium: "at f (http://…/a/omsorg.js:1:2)",
        // Firefox: "f@http://…/a/omsorg.js:1:2"); Firefox names this wrapper by the page's URL.
        const script = /https?:\/\/[^/\s]+(\/[^:)\s]*\.m?js)/;
        const at = (new Error().stack ?? '').split('\n').find((l) => script.test(l)) ?? '';
        const from = (at.match(script) ?? [])[1] ?? '?';
        defined.push({ name, from, ctor });
        return original.call(this, name, ctor, options);
      };
      // Live timers and their delays (a poller waits with setTimeout). A wait as long as a
      // poll's is held: it is counted but never fires, so the number of polls the test sees
      // comes from what it does (sign-in, a wake-up), not from how long the machine took.
      const live = new Map();
      Object.defineProperty(window, '__timers', { value: live });
      const { setTimeout: st, clearTimeout: ct } = window;
      let heldId = 2_000_000_000;
      window.setTimeout = function setTimeout(fn, ms, ...args) {
        const delay = Number(ms) || 0;
        if (delay >= poll.minMs && delay <= poll.maxMs) {
          const id = heldId++;
          live.set(id, delay);
          return id;
        }
        const id = st.call(window, (...a) => {
          live.delete(id);
          if (typeof fn === 'function') fn(...a);
        }, ms, ...args);
        live.set(id, Number(ms) || 0);
        return id;
      };
      window.clearTimeout = function clearTimeout(id) {
        live.delete(id);
        return ct.call(window, id);
      };
    }, POLL);

    await page.goto(`${server.url}/two-copies.html`, { waitUntil: 'load' });
    await booted(page);
    await shown(page, '#login-side >>> button[part~="sign-in-button"]');
    const scripts = await page.evaluate(() => [...document.querySelectorAll('script[data-omsorg]')].map((s) => new URL(s.src).pathname));
    assert.deepEqual(scripts, ['/a/omsorg.js', '/b/omsorg.js', '/v009/omsorg.js'], 'all three copies ran');

    // One provider, one client, one session.
    const providers = await page.evaluate(() => {
      const holder = document.documentElement;
      return { provider: !!holder[Symbol.for('omsorg.client-provider')], root: !!holder[Symbol.for('omsorg.context-root')] };
    });
    assert.deepEqual(providers, { provider: true, root: true });

    const before = seen.api.length;
    assert.equal(before, 0, 'signed out: no API request yet');
    // Sign in through the SECOND login (upgraded by the first copy's class, as all are).
    await page.locator('#login-side >>> button[part~="sign-in-button"]').click();
    const s = await until(async () => {
      const x = await page.evaluate(() =>
        [...document.querySelectorAll('omsorg-login')].map((l) => l.shadowRoot?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null),
      );
      const snap = await snapshot(page);
      const listsIn = snap.lists.every((l) => !l.busy && !l.signedOut && l.items.length > 0);
      return x.every((u) => u?.includes('Ola Nordmann')) && listsIn ? { logins: x, snap } : undefined;
    }, 'every login and list signed in');
    t.diagnostic(`logins: ${s.logins.join(' | ')}; lists: ${s.snap.lists.map((l) => l.items.length).join(' + ')} visits`);
    // Both inboxes show the list; the thread view's chunk follows once a list has painted.
    await inboxesLoaded(page, 'both inboxes loaded');
    await page.waitForFunction(() => customElements.get('omsorg-message-thread'), { polling: 50 });
    // The list's cancel dialog is loaded when the browser is idle after the list.
    await page.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), { polling: 50 }, TAGS);
    const registry = await page.evaluate(() => ({
      defined: window.__defined.map(({ name, from }) => ({ name, from })),
      sameClass: window.__defined.map((d) => customElements.get(d.name) === d.ctor),
      versions: window.__defined.map((d) => customElements.get(d.name)?.omsorgVersion),
    }));
    // The page's tags and the message elements from their chunks.
    const tags = registry.defined.map((d) => d.name);
    assert.equal(new Set(tags).size, tags.length, `each tag defined exactly once: ${JSON.stringify(registry.defined)}`);
    for (const tag of [...TAGS, ...MESSAGE_TAGS]) assert.ok(tags.includes(tag), `<${tag}> is defined: ${JSON.stringify(registry.defined)}`);
    assert.ok(tags.every((tag) => tag.startsWith('omsorg-')), `only omsorg tags: ${tags}`);
    // From the first copy: its entry or a chunk it loaded from the same folder.
    assert.ok(registry.defined.every((d) => /^\/a\/omsorg[\w.-]*\.js$/.test(d.from)), `by the first copy: ${JSON.stringify(registry.defined)}`);
    assert.deepEqual(registry.sameClass, tags.map(() => true), 'customElements.get() is the first copy’s class');
    assert.deepEqual(registry.versions, tags.map(() => VERSION));

    const services = await page.evaluate(() => {
      const root = document.querySelector('omsorg-service-list')?.shadowRoot;
      return { signedOut: !!root?.querySelector('[part~="signed-out"]'), text: root?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 80) };
    });
    assert.equal(services.signedOut, false, `the service list is signed in too: ${services.text}`);

    // Let late requests arrive, then count: one request per resource.
    await page.waitForNetworkIdle({ idleTime: 250 });
    const counts = {};
    for (const r of seen.api) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
    t.diagnostic(`API requests: ${JSON.stringify(counts)}`);
    assert.equal(counts['GET /api/v1/me'], 1, 'one /api/v1/me for two logins (and anything else that needs it)');
    const list = threadRequests(seen.api).filter((r) => r.method === 'GET' && /\/threads$/.test(r.path));
    for (const [key, n] of Object.entries(counts)) {
      // The thread list: the inboxes' shared read, then the poller's first (conditional) poll.
      const most = /\/threads$/.test(key) ? 2 : 1;
      assert.ok(n <= most, `${key} requested ${n} times (at most ${most})`);
    }
    assert.ok(list.length >= 1, 'the thread list was read');

    // One poll stream per resource: one poll timer for the thread list and one for the
    // appointment lists (both copies' lists show the same page: one watcher's poller), and a
    // wake-up polls each once.
    const pollTimers = () => page.evaluate(({ minMs, maxMs }) => [...window.__timers.values()].filter((ms) => ms >= minMs && ms <= maxMs), POLL);
    const waiting = await until(async () => {
      const x = await pollTimers();
      return x.length ? x : undefined;
    }, 'a poll timer waiting');
    t.diagnostic(`poll timers waiting: ${JSON.stringify(waiting)}`);
    assert.equal(waiting.length, 2, `one poll timer for one person's thread list and one for the shared appointment page, not one per element or copy: ${JSON.stringify(waiting)}`);
    const from = seen.api.length;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await until(async () => threadRequests(seen.api, from).length > 0, 'a poll after the wake-up', 5_000);
    await page.waitForNetworkIdle({ idleTime: 250 });
    const woke = threadRequests(seen.api, from).map((r) => `${r.method} ${r.path}`);
    t.diagnostic(`after a wake-up: ${JSON.stringify(woke)}`);
    assert.deepEqual(woke, ['GET /api/v1/subjects/me/threads'], 'a wake-up polls the thread list once');
    const lists = seen.api.slice(from).filter((r) => r.method === 'GET' && /\/appointments(?:\?|$)/.test(r.path)).length;
    assert.equal(lists, 1, 'and the appointment page once');
    assert.equal((await pollTimers()).length, 2, 'still one poll timer each');

    // Sign out through the FIRST login: every element is signed out.
    await page.locator('#login-header >>> button[part~="sign-out-button"]').click();
    await until(async () => {
      const snap = await snapshot(page);
      const logins = await page.evaluate(() => [...document.querySelectorAll('omsorg-login')].map((l) => !!l.shadowRoot?.querySelector('[part~="sign-in-button"]')));
      const inboxesOut = (await inboxes(page)).every((i) => i.signedOut && i.rows.length === 0);
      return logins.every(Boolean) && snap.lists.every((l) => l.signedOut) && inboxesOut;
    }, 'every element signed out');

    // The version mismatch is told, once per tag, by the 0.0.9 copy only.
    const warnings = seen.console.filter((m) => m.type === 'warn' && m.text.includes('[omsorg]'));
    t.diagnostic(`warnings: ${warnings.length}; first: ${warnings[0]?.text}`);
    const mismatch = warnings.filter((w) => w.text.includes(VERSION) && w.text.includes(OTHER_VERSION));
    // Every tag the 0.0.9 copy tries to register: its own at load and its inbox chunk (the
    // tags are in the page). Its thread chunk loads only when its own inbox class would need it,
    // and the page's inboxes are the first copy's: no attempt, so no warning, is fine.
    const tried = [...TAGS, 'omsorg-inbox'];
    for (const tag of tried) assert.equal(mismatch.filter((w) => w.text.includes(`<${tag}>`)).length, 1, `one warning names <${tag}>: ${JSON.stringify(warnings.map((w) => w.text))}`);
    assert.ok(mismatch.length <= tags.length, `at most one version warning per tag: ${JSON.stringify(warnings.map((w) => w.text))}`);
    assert.ok(mismatch.every((w) => tags.some((tag) => w.text.includes(`<${tag}>`))), 'warnings name defined tags only');
    assert.equal(warnings.length, mismatch.length, 'the same-version copy warns about nothing');

    assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
    await page.close();
  });
}
