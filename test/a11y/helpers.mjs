// Shared pieces of the universal-design (WCAG 2.1 AA) checks: serves a built Storybook on
// 127.0.0.1, launches Debian's headless Chromium through puppeteer-core and opens one story at a
// time on a reused page, waiting until Storybook says it rendered and the omsorg elements have
// settled (nothing aria-busy inside their shadow roots).
//
// STORYBOOK_DIR overrides the default storybook-static/ (e.g. a build in a temp dir).
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import puppeteer from 'puppeteer-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STORYBOOK_DIR = resolve(process.env.STORYBOOK_DIR ?? join(ROOT, 'storybook-static'));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';
export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** Where serveStorybook() serves axe-core, for page.addScriptTag({ url }). */
export const AXE_PATH = '/__test/axe.min.js';

/** Serves the built Storybook; returns its origin, the story ids and a close function. */
export async function serveStorybook() {
  assert.ok(existsSync(join(STORYBOOK_DIR, 'index.json')), `no Storybook build at ${STORYBOOK_DIR}: run \`npm run storybook:build\` first`);
  // Cacheable answers (the build does not change during a run): each story reloads Storybook's
  // iframe, and from the browser's cache its scripts come with V8's compiled code (about a third
  // of each story's load time). axe-core is served the same way, at AXE_PATH.
  const serve = sirv(STORYBOOK_DIR, { etag: true, maxAge: 3600 });
  const server = http.createServer((req, res) => {
    if (req.url === AXE_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' });
      return void res.end(AXE_SOURCE);
    }
    serve(req, res, () => ((res.statusCode = 404), res.end()));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const index = JSON.parse(readFileSync(join(STORYBOOK_DIR, 'index.json'), 'utf8'));
  const ids = Object.values(index.entries).filter((e) => e.type === 'story').map((e) => e.id);
  return { origin, ids, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

/** Headless Chromium with the project's usual flags and a throwaway profile. */
export async function launch() {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM=…)`);
  const profileDir = await mkdtemp(join(tmpdir(), 'omsorg-a11y-profile-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profileDir,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--font-render-hinting=none', '--hide-scrollbars'],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Records Storybook's render events on every document the page loads. */
export async function preparePage(page) {
  page.setDefaultTimeout(20_000);
  await page.evaluateOnNewDocument(() => {
    // The mocks' answer delays wait for the test (stories/support.ts): see openStory.
    globalThis.__omsorgHoldMockWaits = true;
    const seen = (globalThis.__a11y = []);
    const hook = () => {
      const ch = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
      if (!ch) return void setTimeout(hook, 10);
      for (const ev of ['storyRendered', 'storyErrored', 'storyThrewException', 'playFunctionThrewException', 'storyMissing']) {
        ch.on(ev, () => seen.push(ev));
      }
    };
    hook();
  });
}

/** Stories that stay busy on purpose: `--loading` (its answer is held) and a provider with no client. */
const STAYS_BUSY = /--(loading|no-client)$/;

/**
 * Opens a story and waits until it rendered (and its play function ran), every omsorg element
 * has rendered, and nothing inside their shadow roots is aria-busy. The mocks' answer delays are
 * held (preparePage): a story that stays busy on purpose (STAYS_BUSY, or `loading: true`) is
 * returned busy and stays so; in every other story the test lets the delays end at once (the
 * `slow` scenario then answers without its 2.5 s), and waits for the answers as a condition.
 * Nothing here waits for a duration: what a story shows does not depend on the machine's speed.
 */
export async function openStory(page, origin, id, { loading = STAYS_BUSY.test(id), scheme = 'light' } = {}) {
  // The accessibility panel's own axe run is off here (a11y.manual): the tests run axe themselves,
  // with the same rule sets, once the story has settled. `scheme`: the page's colour scheme
  // (.storybook/preview.ts: light, dark as Designsystemet sets it, auto = the reader's).
  await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true;scheme:${scheme}`, { waitUntil: 'load' });
  await page.waitForFunction(
    (loading) => {
      // The story's mock timers exist once its loader ran: let them go unless it shows loading.
      if (!loading) globalThis.__omsorgMockTimers?.open();
      return globalThis.__a11y?.length > 0;
    },
    { polling: 50 },
    loading,
  );
  const events = await page.evaluate(() => globalThis.__a11y);
  assert.deepEqual(events.filter((e) => e !== 'storyRendered'), [], `${id}: Storybook reported ${events}`);
  if (!loading) {
    await page.evaluate(() => globalThis.__omsorgMockTimers?.open());
    await page.waitForFunction(
      () => {
        const all = [];
        const walk = (root) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) {
              all.push(el);
              walk(el.shadowRoot);
            }
          }
        };
        walk(document);
        // An omsorg element in nynorsk or English renders once its language's texts are in.
        const rendered = (el) => !el.localName.startsWith('omsorg-') || el.hasUpdated !== false;
        return all.every((el) => rendered(el) && !el.shadowRoot.querySelector('[aria-busy="true"]') && el.getAttribute('aria-busy') !== 'true');
      },
      { timeout: 30_000, polling: 50 },
    ).catch((e) => assert.fail(`${id}: still busy: ${e.message}`));
  }
  // Let the last render land and transitions end (finite animations only: a loading skeleton
  // pulses forever).
  await page.evaluate(async () => {
    // Every font face the page asked for has loaded (or failed) before anything is measured.
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const finite = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
  return { settled: !loading };
}

/** The story's page-level rectangle of the first element matching `selector` (through shadow roots). */
export function deepQuerySource() {
  return `(function deepQuery(root, sel) {
    const hit = root.querySelector(sel);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const h = deepQuery(el.shadowRoot, sel); if (h) return h; }
    }
    return null;
  })`;
}

/** The built Storybook served, Chromium launched and one prepared page, for one test file. */
export async function openStoryPage({ width = 1000, height = 900 } = {}) {
  const sb = await serveStorybook();
  const chrome = await launch();
  const page = await chrome.browser.newPage();
  await page.setViewport({ width, height });
  await preparePage(page);
  return {
    sb,
    page,
    close: async () => {
      await chrome.close();
      await sb.close();
    },
  };
}
