// Shared pieces of the hostile-host-page tests: headless Debian Chromium (CDP) or Firefox ESR
// (WebDriver BiDi) through puppeteer-core (a fresh profile per file), page watchers (CSP
// violations, page errors, console, API requests) and small helpers that look into the omsorg
// elements' shadow roots.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { DEADLINE_MARGIN_MS } from '@omsorg/fixtures';
import { findFirefox, selectedEngines } from '../../scripts/browsers.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';
export const WAIT_MS = 20_000;

/**
 * The engines these pages run in: Chromium and Firefox ESR among those OMSORG_BROWSERS picks
 * (both by default). The leak test (late.test.mjs) needs CDP and stays on Chromium.
 */
export const HOST_ENGINES = (() => {
  const picked = selectedEngines().filter((e) => e === 'chromium' || e === 'firefox');
  return picked.length ? picked : ['chromium'];
})();

/**
 * Launches Chromium (or Firefox ESR over WebDriver BiDi, `engine: 'firefox'`) with the
 * project's usual flags and a throwaway profile.
 */
export async function launch(engine = 'chromium') {
  const firefox = engine === 'firefox';
  const executablePath = firefox ? findFirefox() : CHROMIUM;
  assert.ok(existsSync(executablePath), `no ${engine} at ${executablePath} (${firefox ? 'apt-get install firefox-esr, or FIREFOX_PATH=…' : 'apt-get install chromium, or CHROMIUM=…'})`);
  const profileDir = await mkdtemp(join(tmpdir(), 'omsorg-hosts-profile-'));
  const browser = await puppeteer.launch(
    firefox
      ? {
          browser: 'firefox',
          executablePath,
          headless: true,
          userDataDir: profileDir,
          // Overlay scrollbars, as headless Chromium has (and GTK and Windows 11 by default): a
          // classic one would narrow the page once the elements make it scroll.
          extraPrefsFirefox: { 'ui.useOverlayScrollbars': 1 },
        }
      : {
          executablePath,
          headless: true,
          userDataDir: profileDir,
          args: [
            '--no-sandbox',
            '--disable-dev-shm-usage',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
  );
  return {
    browser,
    engine,
    async close() {
      await browser.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * A new page that records what the tests assert on: every `securitypolicyviolation` (through a
 * listener the test adds before any page script runs), uncaught page errors, console warnings
 * and errors, and requests to the mock API (`/api/v1/…`, answered by msw's service worker but
 * still issued by the page, so puppeteer sees them).
 * @param {import('puppeteer-core').Browser} browser
 */
export async function watchedPage(browser, { width = 1280, height = 900 } = {}) {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewport({ width, height });
  const seen = {
    csp: /** @type {string[]} */ ([]),
    pageErrors: /** @type {string[]} */ ([]),
    console: /** @type {{ type: string, text: string }[]} */ ([]),
    api: /** @type {{ method: string, path: string, at: number }[]} */ ([]),
  };
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP-VIOLATION ${e.violatedDirective} blocked=${e.blockedURI} sample=${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    seen.console.push({ type: m.type(), text });
    if (text.startsWith('CSP-VIOLATION') || /Content Security Policy|Trusted Type/i.test(text)) seen.csp.push(text);
    if (process.env.HOSTS_DEBUG) console.error('CONSOLE', m.type(), text.slice(0, 300));
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(/** @type {Error} */ (e)?.stack ?? e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/v1/')) seen.api.push({ method: r.method(), path: u.pathname + u.search, at: Date.now() });
    if (process.env.HOSTS_DEBUG) console.error('REQ', r.method(), r.url().slice(0, 120));
  });
  return { page, seen };
}

/** Polls `fn` until it returns a truthy value. */
export async function until(fn, what, ms = WAIT_MS) {
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
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until visible (`>>>` pierces shadow roots). waitForSelector's default MutationObserver
 * does not see inside shadow roots; `visible: true` polls every animation frame.
 * @param {import('puppeteer-core').Page} page
 */
export const shown = (page, selector) => page.waitForSelector(selector, { visible: true });

/**
 * Waits until visible and lets go of the element: a kept ElementHandle holds its node (and a
 * removed element's whole tree) alive in the page, which the leak test would count.
 * @param {import('puppeteer-core').Page} page
 */
export async function visible(page, selector) {
  await (await shown(page, selector))?.dispose();
}

/** Clicks an element once it is visible. @param {import('puppeteer-core').Page} page */
export async function click(page, selector) {
  await visible(page, selector);
  await page.locator(selector).click();
}

/**
 * A visit of a series is behind its series' disclosure button until the series is opened: opens
 * it as a reader would (a click on that button) when `id`'s visit is in a closed series.
 * @param {import('puppeteer-core').Page} page
 */
export async function openSeriesOf(page, list, id) {
  const series = await page.evaluate(
    (list, id) => document.querySelector(list)?.shadowRoot?.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.closest('ul[hidden]')?.closest('li[part="series"]')?.getAttribute('data-series') ?? null,
    list,
    id,
  );
  if (series) await click(page, `${list} >>> li[part="series"][data-series="${series}"] [part~="series-toggle"]`);
}

/** Waits for the page's host boot (mocks + bundles) to be done. @param {import('puppeteer-core').Page} page */
export async function booted(page) {
  await page.waitForFunction(() => document.documentElement.dataset.hostBoot, { polling: 50 });
  const state = await page.evaluate(() => document.documentElement.dataset.hostBoot);
  assert.equal(state, 'ready', 'the host boot started the mocks and loaded the bundle');
}

/**
 * What the login and every appointment list show (lists in document order, shadow-piercing).
 * @param {import('puppeteer-core').Page} page
 */
export function snapshot(page) {
  return page.evaluate(() => {
    const login = document.querySelector('omsorg-login')?.shadowRoot;
    const lists = [...document.querySelectorAll('omsorg-appointment-list')].map((el) => {
      const root = el.shadowRoot;
      return {
        busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
        signedOut: !!root?.querySelector('[part~="signed-out"]'),
        empty: !!root?.querySelector('[part~="empty"]'),
        error: root?.querySelector('[part~="error"]')?.textContent?.trim() ?? null,
        heading: root?.querySelector('[part~="heading"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        items: [...(root?.querySelectorAll('li[part~="item"][data-id]') ?? [])].map((li) => ({
          id: li.getAttribute('data-id'),
          status: [...li.classList].find((c) => c.startsWith('status-'))?.slice('status-'.length),
          cancellable: !!li.querySelector('button[part~="cancel-button"]'),
        })),
      };
    });
    return {
      user: login?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      signInButton: !!login?.querySelector('[part~="sign-in-button"]'),
      signOutText: login?.querySelector('[part~="sign-out-button"]')?.textContent?.trim() ?? null,
      lists,
    };
  });
}

export const loaded = (l) => !l.busy && (l.items.length > 0 || l.empty || l.error !== null || l.signedOut);

/** Signs in through <omsorg-login> and waits until every list has loaded. @param {import('puppeteer-core').Page} page */
export async function signIn(page, name = 'Ola Nordmann') {
  await click(page, 'omsorg-login >>> button[part~="sign-in-button"]');
  return until(async () => {
    const s = await snapshot(page);
    return s.user?.includes(name) && s.lists.every(loaded) && s.lists.every((l) => !l.signedOut) ? s : undefined;
  }, `${name} signed in with every list loaded`);
}

/**
 * The first of `ids` (appointment ids the page's client has loaded) that the person may cancel for
 * good (not a request) and whose deadline is at least the fixtures' `DEADLINE_MARGIN_MS` away.
 * @param {import('puppeteer-core').Page} page
 * @param {string[]} ids
 */
export function safelyCancellable(page, ids) {
  return page.evaluate((ids, margin) => {
    // The script tag's client, or (in Storybook) the provider element's.
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value ?? document.querySelector('omsorg-provider')?.client;
    return ids.find((id) => {
      const p = client?.cachedAppointment(id)?.cancellationPolicy;
      return p?.cancellable && p.mode === 'final' && Date.parse(p.deadline) - Date.now() > margin;
    });
  }, ids, DEADLINE_MARGIN_MS);
}

/**
 * A visit with a cancel button in `listSelector` that is `safelyCancellable`. `shown`: only one
 * whose button is shown now (not in a closed series), for a journey that reaches it by Tab.
 * @param {import('puppeteer-core').Page} page
 */
export async function cancellableVisit(page, listSelector = 'omsorg-appointment-list', { shown = false } = {}) {
  const ids = await page.evaluate((sel, shown) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return [...(root?.querySelectorAll('li[part~="item"][data-id]') ?? [])]
      .filter((li) => li.querySelector('button[part~="cancel-button"]') && !(shown && li.closest('[hidden]')))
      .map((li) => li.getAttribute('data-id'));
  }, listSelector, shown);
  return safelyCancellable(page, ids);
}

// ---- the message elements ------------------------------------------------------------------
// <omsorg-inbox> shows the thread list, and an opened thread as an <omsorg-message-thread>
// inside its own shadow root (`>>>` in a selector pierces both levels).

/**
 * What every <omsorg-inbox> shows (document order): its state, its thread rows, the new-message
 * form, and the thread opened inside it, if any.
 * @param {import('puppeteer-core').Page} page
 */
export function inboxes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('omsorg-inbox')].map((el) => {
      const root = el.shadowRoot;
      const view = root?.querySelector('omsorg-message-thread');
      const troot = view?.shadowRoot;
      return {
        id: el.id || null,
        defined: !!root,
        busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
        signedOut: !!root?.querySelector('[part~="signed-out"]'),
        empty: !!root?.querySelector('[part~="empty"]'),
        error: root?.querySelector('[part~="content"] > [part~="error"]')?.textContent?.trim() ?? null,
        heading: root?.querySelector('[part~="heading"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        rows: [...(root?.querySelectorAll('li[part~="thread"][data-id]') ?? [])].map((li) => ({
          id: li.getAttribute('data-id'),
          closed: li.classList.contains('closed'),
          unread: li.classList.contains('unread'),
        })),
        newForm: !!root?.querySelector('[part~="new-message"] form'),
        thread: view
          ? {
              id: view.getAttribute('thread-id'),
              defined: !!troot,
              busy: troot?.querySelector('[part~="content"]')?.getAttribute('aria-busy') !== 'false',
              messages: [...(troot?.querySelectorAll('li[part~="message"][data-id]') ?? [])].map((li) => ({
                id: li.getAttribute('data-id'),
                own: li.matches('[part~="message-own"]'),
                text: li.querySelector('.body')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
              })),
              reply: !!troot?.querySelector('form[part~="reply"] textarea[part~="textarea"]'),
            }
          : null,
      };
    }),
  );
}

/** An inbox that shows its list (rows, or "no messages", or an error). */
export const inboxLoaded = (i) => i.defined && !i.busy && !i.signedOut && (i.rows.length > 0 || i.empty || i.error !== null);

/** Waits until every <omsorg-inbox> on the page shows its loaded list. @param {import('puppeteer-core').Page} page */
export function inboxesLoaded(page, what = 'every inbox loaded') {
  return until(async () => {
    const all = await inboxes(page);
    return all.length > 0 && all.every(inboxLoaded) ? all : undefined;
  }, what);
}

/** The selector of the thread view inside an inbox (`inbox` selects the inbox). */
export const threadIn = (inbox = 'omsorg-inbox') => `${inbox} >>> omsorg-message-thread`;

/**
 * Opens thread `id` from the list of `inbox` and waits until it has loaded with its reply box.
 * @param {import('puppeteer-core').Page} page
 */
export async function openThread(page, id, inbox = 'omsorg-inbox') {
  await click(page, `${inbox} >>> button[part~="thread-button"][data-thread="${id}"]`);
  await visible(page, `${threadIn(inbox)} >>> form[part~="reply"] textarea[part~="textarea"]`);
  return until(async () => {
    const i = (await inboxes(page)).find((x) => x.thread?.id === id);
    return i?.thread && !i.thread.busy && i.thread.messages.length > 0 ? i.thread : undefined;
  }, `thread ${id} shown in the inbox`);
}

/** The first open (not closed) thread in an inbox's list. */
export async function openableThread(page, inbox = 'omsorg-inbox') {
  const id = await page.evaluate((sel) => {
    const li = document.querySelector(sel)?.shadowRoot?.querySelector('li[part~="thread"][data-id]:not(.closed)');
    return li?.getAttribute('data-id') ?? null;
  }, inbox);
  assert.ok(id, 'the inbox lists an open thread');
  return id;
}

/** The text of the open thread's count ("12 av 5 000 tegn"). @param {import('puppeteer-core').Page} page */
export const replyCount = (page, inbox = 'omsorg-inbox') =>
  page.$eval(`${threadIn(inbox)} >>> [part~="count"]`, (p) => p.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/**
 * Types `text` into the open thread's reply box (real key events), sends it with the send
 * button and waits until it is shown in the thread as the person's own message.
 * @param {import('puppeteer-core').Page} page
 */
export async function sendReply(page, text, inbox = 'omsorg-inbox') {
  const box = `${threadIn(inbox)} >>> textarea[part~="textarea"]`;
  await click(page, box);
  await page.keyboard.type(text);
  assert.equal(await page.$eval(box, (t) => /** @type {HTMLTextAreaElement} */ (t).value), text, 'the reply box holds what was typed');
  await click(page, `${threadIn(inbox)} >>> button[part~="send-button"]`);
  try {
    return await until(async () => {
      const i = (await inboxes(page)).find((x) => x.thread);
      return i?.thread?.messages.some((m) => m.own && m.text.includes(text)) ? i.thread : undefined;
    }, `the reply "${text}" shown in the thread`);
  } catch (e) {
    // Seen once in a loaded run: say what the thread showed instead, so the cause can be found.
    const thread = await page.evaluate(describeThread, inbox).catch((err) => `(not readable: ${err.message})`);
    throw new Error(`${/** @type {Error} */ (e).message}; the thread then: ${JSON.stringify(thread)}`);
  }
}

/** What a failing reply test needs to know of the open thread (runs in the page). @param {string} inbox */
function describeThread(inbox) {
  const root = document.querySelector(inbox)?.shadowRoot?.querySelector('omsorg-message-thread')?.shadowRoot;
  if (!root) return 'no thread view';
  const text = (/** @type {Element | null | undefined} */ el) => el?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 160) ?? null;
  const send = /** @type {HTMLButtonElement | null} */ (root.querySelector('button[part~="send-button"]'));
  return {
    busy: root.querySelector('[part~="content"]')?.getAttribute('aria-busy'),
    box: /** @type {HTMLTextAreaElement | null} */ (root.querySelector('textarea[part~="textarea"]'))?.value ?? null,
    send: send ? { disabled: send.disabled, text: text(send) } : null,
    said: [...root.querySelectorAll('[role="alert"], [role="status"], [aria-live]')].map(text).filter(Boolean),
    last: [...root.querySelectorAll('li[part~="message"]')].slice(-2).map((li) => ({ part: li.getAttribute('part'), id: li.getAttribute('data-id'), text: text(li) })),
    focus: document.activeElement?.tagName ?? null,
  };
}

/**
 * Goes back from the open thread to the list; returns the thread id of the row that has focus
 * (the inbox's shadow root's active element), or null.
 * @param {import('puppeteer-core').Page} page
 */
export async function backToList(page, inbox = 'omsorg-inbox') {
  await click(page, `${inbox} >>> button[part~="back-button"]`);
  await page.waitForSelector(threadIn(inbox), { hidden: true });
  return until(
    () =>
      page.evaluate((sel) => {
        const host = document.querySelector(sel);
        if (document.activeElement !== host) return undefined;
        return host?.shadowRoot?.activeElement?.getAttribute('data-thread') ?? undefined;
      }, inbox),
    'focus back on a thread row',
    5_000,
  ).catch(() => null);
}

/**
 * Opens the new-message form and waits until it shows its recipients and text box.
 * @param {import('puppeteer-core').Page} page
 */
export async function openNewMessage(page, inbox = 'omsorg-inbox') {
  await click(page, `${inbox} >>> button[part~="new-button"]`);
  await visible(page, `${inbox} >>> [part~="new-message"] form textarea[part~="textarea"]`);
  await visible(page, `${inbox} >>> [part~="new-message"] form input[name="recipient"]`);
}

/**
 * Every `GET`/`PUT`/`POST` to a thread list or thread (`/subjects/…/threads…`) among `api`
 * requests (`seen.api`), from index `from`.
 */
export const threadRequests = (api, from = 0) => api.slice(from).filter((r) => /\/subjects\/[^/]+\/threads(?:[/?]|$)/.test(r.path));
