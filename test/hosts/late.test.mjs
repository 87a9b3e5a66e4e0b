// Hostile host 4: elements added late, moved, removed and added again, as CMSs and SPAs do.
// pages/late.html starts empty; after boot the test adds <omsorg-login>, an appointment list,
// a service list and an <omsorg-inbox> (its chunk loads when the tag appears) by script, signs
// in, then
//   - moves the list and the inbox between two containers 20 times,
//   - removes all four and adds the same instances back 20 times (a CMS hiding a block), with a
//     thread open in the inbox before every fourth removal,
//   - replaces all four with new instances 20 times (an SPA changing route), again with a
//     thread open in every fourth.
// Asserted for each phase:
//   - API requests (msw answers them in the service worker, but the page still issues them, so
//     puppeteer sees them): at most one per element per (re)connect, i.e. no request storm and no
//     duplicates (with the SDK's read cache a reconnect usually needs none; that count is shown);
//     the thread list at most two (the inbox's conditional read, then its poller's first poll);
//   - no leaks: after the 20th cycle and a forced GC, the counts return to what they were after
//     the 1st cycle, within a small FIXED slack: the client's event subscriptions and the context
//     provider's subscribers (exactly), live timers (setTimeout/setInterval, counted by a
//     wrapper), event listeners on document and window (CDP DOMDebugger.getEventListeners),
//     and Performance.getMetrics' JSEventListeners, Nodes and Documents.
//   - a login taken out and put back does not fire omsorg-signed-in again.
// Then the page still works: sign out and in again reaches every element, one request each.
// Finally, with a thread open, every element is removed: no polling continues (woken by 'online'
// and 'visibilitychange', no request to a thread or the thread list; no poll timer left to fire later), and
// the client's subscriptions and the document/window listeners are back at the level before the
// first element was added.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startHostServer } from './server.mjs';
import { booted, inboxes, launch, openableThread, shown, threadRequests, until, watchedPage } from './harness.mjs';

const CYCLES = 20;
/** Fixed slack over the level after the first cycle (not a share of the growth). */
const SLACK = { nodes: 40, jsEventListeners: 10, documentListeners: 0, windowListeners: 0, timers: 2, subscriptions: 0, providerSubscribers: 0, documents: 0 };

/** @type {Awaited<ReturnType<typeof startHostServer>>} */ let server;
/** @type {Awaited<ReturnType<typeof launch>>} */ let chromium;

before(async () => {
  server = await startHostServer();
  chromium = await launch();
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

/** Counts live timers: a timeout lives until it fires or is cleared, an interval until cleared. */
function countTimers() {
  const live = new Map();
  Object.defineProperty(window, '__liveTimers', { value: live });
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = function setTimeout(fn, ms, ...args) {
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
  window.setInterval = function setInterval(fn, ms, ...args) {
    const id = si.call(window, fn, ms, ...args);
    live.set(id, 'interval');
    return id;
  };
  window.clearInterval = function clearInterval(id) {
    live.delete(id);
    return ci.call(window, id);
  };
}

/** The elements the test adds, moves, parks and replaces. */
const ELEMENTS = ['omsorg-login', '#list', '#services', '#inbox'];

/** Every element shows its loaded, signed-in content (the inbox: its thread list). */
function settled(page) {
  return page.evaluate(() => {
    const els = [...document.querySelectorAll('omsorg-appointment-list, omsorg-service-list, omsorg-inbox')];
    const lists = els.map((el) => {
      const root = el.shadowRoot;
      const items = el.localName === 'omsorg-inbox' ? 'li[part~="thread"]' : '[part~="item"]';
      return root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'false' && root.querySelectorAll(items).length > 0;
    });
    const login = document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent ?? '';
    return els.length === 3 && lists.every(Boolean) && login.includes('Ola Nordmann');
  });
}

/** The SDK's poll intervals (DEFAULT_POLL in packages/sdk/src/poll.ts): a poller's waits. */
const POLL = (() => {
  const src = readFileSync(new URL('../../packages/sdk/src/poll.ts', import.meta.url), 'utf8');
  const m = /DEFAULT_POLL[^=]*=\s*\{\s*minMs:\s*([\d_]+),\s*maxMs:\s*([\d_]+)/.exec(src);
  if (!m) throw new Error('DEFAULT_POLL not found in packages/sdk/src/poll.ts');
  return { minMs: Number(m[1].replaceAll('_', '')), maxMs: Number(m[2].replaceAll('_', '')) };
})();

/** Whether a request is a read of the thread list (not of one thread). */
const isThreadList = (key) => /^GET \S*\/threads(\?|$)/.test(key);

test('elements added late, moved, removed and re-added: no request storm, no leaked listeners, timers or nodes', { timeout: 120_000 }, async (t) => {
  const { page, seen } = await watchedPage(chromium.browser);
  await page.evaluateOnNewDocument(countTimers);
  await page.goto(`${server.url}/late.html`, { waitUntil: 'load' });
  await booted(page);
  const cdp = await page.target().createCDPSession();
  await cdp.send('Performance.enable');
  // The loader provides the client once the SDK's chunk is in (after the script's load event).
  await page.waitForFunction(() => document.documentElement[Symbol.for('omsorg.client-provider')]?.value, { polling: 50 });

  // The client's live event subscriptions, by type (the client is a plain object: wrap `on`).
  await page.evaluate(() => {
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
    if (!client) throw new Error('no client provided');
    const live = {};
    Object.defineProperty(window, '__subscriptions', { value: live });
    const on = client.on.bind(client);
    client.on = (type, listener) => {
      live[type] = (live[type] ?? 0) + 1;
      const off = on(type, listener);
      let done = false;
      return () => {
        if (!done) live[type]--;
        done = true;
        off();
      };
    };
    let signedIn = 0;
    document.addEventListener('omsorg-signed-in', () => signedIn++);
    Object.defineProperty(window, '__signedInEvents', { get: () => signedIn });
  });

  async function measure() {
    // Let pending work finish, then collect garbage twice (weak refs, finalizers). Short one-shot
    // timers end by themselves (the inbox's "load the thread view soon", 500 ms after each load):
    // wait for them rather than count them, up to 1.5 s (one that keeps coming back is counted).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    await page
      .waitForFunction(() => ![...window.__liveTimers.values()].some((ms) => typeof ms === 'number' && ms <= 1000), { polling: 50, timeout: 1500 })
      .catch(() => {});
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const listenersOn = async (expression) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: /** @type {string} */ (result.objectId) });
      await cdp.send('Runtime.releaseObject', { objectId: /** @type {string} */ (result.objectId) });
      return listeners.length;
    };
    const inPage = await page.evaluate(() => ({
      timers: window.__liveTimers.size,
      timerDelays: [...window.__liveTimers.values()].join(' '),
      subscriptions: Object.values(window.__subscriptions).reduce((a, b) => a + b, 0),
      byType: { ...window.__subscriptions },
      providerSubscribers: document.documentElement[Symbol.for('omsorg.client-provider')]?.subscriptions?.size ?? -1,
    }));
    return {
      nodes: m.Nodes,
      jsEventListeners: m.JSEventListeners,
      documents: m.Documents,
      documentListeners: await listenersOn('document'),
      windowListeners: await listenersOn('window'),
      ...inPage,
    };
  }

  function assertNoGrowth(first, last, phase) {
    t.diagnostic(`${phase}: after cycle 1 ${JSON.stringify({ ...first, byType: undefined })}`);
    t.diagnostic(`${phase}: after cycle ${CYCLES} ${JSON.stringify({ ...last, byType: undefined })}`);
    for (const [key, slack] of Object.entries(SLACK)) {
      assert.ok(last[key] <= first[key] + slack, `${phase}: ${key} ${first[key]} → ${last[key]} (slack ${slack})`);
    }
    assert.deepEqual(last.byType, first.byType, `${phase}: client subscriptions by event type`);
  }

  /** Requests per `METHOD path` issued by `fn`. */
  async function requestsDuring(fn) {
    const from = seen.api.length;
    await fn();
    await until(() => settled(page), 'every element loaded');
    await page.waitForNetworkIdle({ idleTime: 250 });
    const counts = {};
    for (const r of seen.api.slice(from)) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
    return counts;
  }

  /** At most `times` requests per resource (the thread list: twice that, see above). */
  function assertPerReconnect(counts, times, phase) {
    for (const [key, n] of Object.entries(counts)) {
      const most = isThreadList(key) ? 2 * times : times;
      assert.ok(n <= most, `${phase}: ${key} ${n} times (at most ${most})`);
    }
  }

  /**
   * Opens a thread in the inbox (its own poller, draft and seen mark start). Clicked in the page,
   * not through puppeteer: no ElementHandle may keep a node alive for the counts.
   */
  async function openAThread() {
    const id = await openableThread(page, '#inbox');
    await page.evaluate((id) => {
      const root = document.getElementById('inbox')?.shadowRoot;
      /** @type {HTMLElement | null | undefined} */ (root?.querySelector(`button[data-thread="${id}"]`))?.click();
    }, id);
    await until(async () => {
      const i = (await inboxes(page)).find((x) => x.id === 'inbox');
      return i?.thread?.id === id && !i.thread.busy && i.thread.reply;
    }, `thread ${id} open`);
  }

  // Before any element: the level the page must come back to once they are all gone.
  const empty = await measure();

  // ---- elements added after boot -------------------------------------------------------------
  await page.evaluate(() => {
    const add = (parent, tag, attrs = {}) => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      parent.append(el);
    };
    add(document.getElementById('top'), 'omsorg-login');
    add(document.getElementById('left'), 'omsorg-appointment-list', { id: 'list', 'page-size': '5' });
    add(document.getElementById('left'), 'omsorg-service-list', { id: 'services' });
    add(document.getElementById('right'), 'omsorg-inbox', { id: 'inbox' });
  });
  await shown(page, 'omsorg-login >>> button[part~="sign-in-button"]');
  const signIn = await requestsDuring(() => page.locator('omsorg-login >>> button[part~="sign-in-button"]').click());
  t.diagnostic(`sign-in requests: ${JSON.stringify(signIn)}`);
  assertPerReconnect(signIn, 1, 'sign-in');
  assert.equal(Object.keys(signIn).length, 5, `me, visits, services, threads and the consent to digital dialogue: ${JSON.stringify(signIn)}`);

  // ---- moved between containers ----------------------------------------------------------------
  const move = (i) =>
    page.evaluate((i) => {
      document.getElementById(i % 2 ? 'right' : 'left')?.append(document.getElementById('list'));
      document.getElementById(i % 2 ? 'left' : 'right')?.append(document.getElementById('inbox'));
    }, i);
  let first;
  const moves = await requestsDuring(async () => {
    for (let i = 1; i <= CYCLES; i++) {
      await move(i);
      await until(() => settled(page), `moved ${i}`);
      if (i === 1) first = await measure();
    }
  });
  assert.equal(await page.evaluate(() => document.getElementById('list')?.parentElement?.id), 'left');
  assert.equal(await page.evaluate(() => document.getElementById('inbox')?.parentElement?.id), 'right');
  assertNoGrowth(first, await measure(), 'move');
  t.diagnostic(`move: requests ${JSON.stringify(moves)}`);
  assertPerReconnect(moves, CYCLES, 'move');

  // ---- removed and the same instances added back -----------------------------------------------
  const removeAndReadd = async () => {
    await page.evaluate(() => {
      const parked = ['omsorg-login', '#list', '#services', '#inbox'].map((sel) => {
        const el = document.querySelector(sel);
        const parent = el.parentElement;
        el.remove();
        return [el, parent];
      });
      Object.defineProperty(window, '__parked', { value: parked, configurable: true });
    });
    // Out of the page for a while (a task, a frame), then back.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    await page.evaluate(() => {
      for (const [el, parent] of window.__parked) parent.append(el);
      delete window.__parked;
    });
  };
  const eventsBefore = await page.evaluate(() => window.__signedInEvents);
  const readds = await requestsDuring(async () => {
    for (let i = 1; i <= CYCLES; i++) {
      if (i % 4 === 1) await openAThread();
      await removeAndReadd();
      await until(() => settled(page), `re-added ${i}`);
      if (i === 1) first = await measure();
    }
  });
  assertNoGrowth(first, await measure(), 'remove + re-add');
  // The same <omsorg-login> put back announces nothing: the session did not change.
  assert.equal(await page.evaluate(() => window.__signedInEvents), eventsBefore, 'remove + re-add: no omsorg-signed-in event');
  t.diagnostic(`remove + re-add: requests ${JSON.stringify(readds)}`);
  assertPerReconnect(readds, CYCLES, 'remove + re-add');

  // ---- replaced by new instances (an SPA's route change) ---------------------------------------
  const replace = () =>
    page.evaluate(() => {
      for (const sel of ['omsorg-login', '#list', '#services', '#inbox']) {
        const old = document.querySelector(sel);
        const fresh = document.createElement(old.localName);
        for (const a of old.attributes) fresh.setAttribute(a.name, a.value);
        old.replaceWith(fresh);
      }
    });
  const replaced = await requestsDuring(async () => {
    for (let i = 1; i <= CYCLES; i++) {
      if (i % 4 === 1) await openAThread();
      await replace();
      await until(() => settled(page), `replaced ${i}`);
      if (i === 1) first = await measure();
    }
  });
  assertNoGrowth(first, await measure(), 'replace');
  t.diagnostic(`replace: requests ${JSON.stringify(replaced)}`);
  assertPerReconnect(replaced, CYCLES, 'replace');

  // ---- still one session, and no zombie reacts -------------------------------------------------
  await page.locator('omsorg-login >>> button[part~="sign-out-button"]').click();
  await until(
    () =>
      page.evaluate(() =>
        [...document.querySelectorAll('omsorg-appointment-list, omsorg-service-list, omsorg-inbox')].every((el) => el.shadowRoot?.querySelector('[part~="signed-out"]')),
      ),
    'every element signed out',
  );
  const again = await requestsDuring(() => page.locator('omsorg-login >>> button[part~="sign-in-button"]').click());
  t.diagnostic(`sign in again: requests ${JSON.stringify(again)}; omsorg-signed-in events in all: ${await page.evaluate(() => window.__signedInEvents)}`);
  assertPerReconnect(again, 1, 'sign in again');
  assert.equal(Object.keys(again).length, 5, `me, visits, services, threads and the consent again: ${JSON.stringify(again)}`);

  // ---- all removed: nothing keeps polling ------------------------------------------------------
  await openAThread();
  const pollTimers = () =>
    page.evaluate(({ minMs, maxMs }) => [...window.__liveTimers.values()].filter((ms) => typeof ms === 'number' && ms >= minMs && ms <= maxMs).length, POLL);
  assert.ok((await pollTimers()) >= 1, 'polling while the inbox shows a thread');
  await page.evaluate((sels) => sels.forEach((sel) => document.querySelector(sel)?.remove()), ELEMENTS);
  assert.equal((await inboxes(page)).length, 0, 'no inbox left');
  // Let the removal's own work (the thread's last draft save, say) land, then wake any poller
  // that is left, as the tab shown again and the network back would: a live poller polls at
  // once (in the wake's own task), so after the page's next turn and the network going quiet
  // its request would be seen. No poll timer is live either (asserted below), so nothing polls
  // later: the test need not wait for a poll interval to pass.
  await page.waitForNetworkIdle({ idleTime: 250 });
  const from = seen.api.length;
  const wake = async () => {
    await page.evaluate(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
      return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    });
    await page.waitForNetworkIdle({ idleTime: 250 });
  };
  await wake();
  await wake();
  const after = seen.api.slice(from).map((r) => `${r.method} ${r.path}`);
  t.diagnostic(`after removal: requests ${JSON.stringify(after)}; poll timers ${await pollTimers()}`);
  assert.deepEqual(threadRequests(seen.api, from), [], 'no request to the thread list or a thread after removal');
  assert.equal(await pollTimers(), 0, 'no poll timer waiting after removal');
  const gone = await measure();
  t.diagnostic(`before the first element ${JSON.stringify({ ...empty, byType: undefined })}`);
  t.diagnostic(`all removed ${JSON.stringify({ ...gone, byType: undefined })}`);
  for (const key of ['documentListeners', 'windowListeners', 'subscriptions', 'providerSubscribers']) {
    assert.ok(gone[key] <= empty[key], `all removed: ${key} ${empty[key]} before the first element → ${gone[key]}`);
  }

  assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
  await cdp.detach();
  await page.close();
});

test('a lone <omsorg-message-thread> added late (no inbox on the page) is defined and shows its thread', { timeout: 30_000 }, async () => {
  const { page, seen } = await watchedPage(chromium.browser);
  await page.goto(`${server.url}/late.html`, { waitUntil: 'load' });
  await booted(page);
  await page.evaluate(() => document.getElementById('top')?.append(document.createElement('omsorg-login')));
  await shown(page, 'omsorg-login >>> button[part~="sign-in-button"]').then((h) => h?.dispose());
  await page.locator('omsorg-login >>> button[part~="sign-in-button"]').click();
  // A thread the person has, as a host page that shows one thread (a deep link) would know it.
  const id = await until(
    () =>
      page.evaluate(async () => {
        const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
        if (client?.auth.state().status !== 'signed-in') return undefined;
        const threads = await client.listThreads();
        return threads.items.find((t) => t.status === 'open')?.id;
      }),
    'signed in, an open thread known',
  );
  await page.evaluate((id) => {
    const el = document.createElement('omsorg-message-thread');
    el.setAttribute('thread-id', id);
    document.getElementById('left')?.append(el);
  }, id);
  // The CDN file loads the message elements' chunk when one of their tags is in the document.
  await until(() => page.evaluate(() => !!customElements.get('omsorg-message-thread')), '<omsorg-message-thread> defined', 5_000);
  await until(
    () =>
      page.evaluate(() => {
        const root = document.querySelector('omsorg-message-thread')?.shadowRoot;
        return root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'false' && !!root.querySelector('li[part~="message"]') && !!root.querySelector('textarea[part~="textarea"]');
      }),
    'the thread shown with its reply box',
  );
  assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
  await page.close();
});
