// Loads stories from a built Storybook (storybook-static/) in Debian's headless Chromium, waits
// until each has rendered and finished its play function, reports errors and optionally saves
// screenshots:
//
//   node .storybook/smoke.mjs                       every story, errors only
//   node .storybook/smoke.mjs --shots=/tmp/sb id…   these stories, with screenshots
//   --settle=ms (wait after rendering, default 300)   --globals=locale:en (toolbar globals)
//
// Uses puppeteer-core (installed with @web/test-runner-chrome) rather than `chromium --screenshot`:
// in Chromium's command-line screenshot mode a service worker never becomes ready, so msw (and
// with it every story) would never get past loading.
import http from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('../storybook-static/', import.meta.url));
if (!existsSync(root)) {
  console.error('No storybook-static/: run `npm run storybook:build` first.');
  process.exit(2);
}
const args = process.argv.slice(2);
const shots = args.find((a) => a.startsWith('--shots='))?.slice('--shots='.length);
const globals = args.find((a) => a.startsWith('--globals='))?.slice('--globals='.length); // e.g. locale:en
const settle = Number(args.find((a) => a.startsWith('--settle='))?.slice('--settle='.length) ?? 300);
let ids = args.filter((a) => !a.startsWith('--'));
if (shots) mkdirSync(shots, { recursive: true });

const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const serve = sirv(root, { dev: true });
const server = http.createServer((req, res) => serve(req, res, () => ((res.statusCode = 404), res.end())));
await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
const origin = `http://127.0.0.1:${server.address().port}`;

if (ids.length === 0) {
  const index = await (await fetch(`${origin}/index.json`)).json();
  ids = Object.values(index.entries).filter((e) => e.type === 'story').map((e) => e.id);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
let failures = 0;
const started = Date.now();
try {
  for (const id of ids) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 900 });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e).slice(0, 300)}`));
    page.on('console', (m) => {
      // The browser logs every 4xx/5xx answer; the error scenarios make those on purpose.
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(m.text())) problems.push(`console.error: ${m.text().slice(0, 300)}`);
    });
    await page.evaluateOnNewDocument(() => {
      const seen = (globalThis.__smoke = []);
      const hook = () => {
        const ch = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
        if (!ch) return void setTimeout(hook, 10);
        for (const ev of ['storyRendered', 'storyErrored', 'storyThrewException', 'playFunctionThrewException', 'storyMissing']) {
          ch.on(ev, (detail) => seen.push({ ev, detail: detail && typeof detail === 'object' ? String(detail.message ?? detail.title ?? '') : String(detail ?? '') }));
        }
      };
      hook();
    });
    const t0 = Date.now();
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story${globals ? `&globals=${globals}` : ""}`, { waitUntil: 'load' });
    let outcome;
    try {
      await page.waitForFunction(() => globalThis.__smoke?.length > 0, { timeout: 20_000, polling: 50 });
      outcome = await page.evaluate(() => globalThis.__smoke);
    } catch {
      outcome = [{ ev: 'timeout', detail: 'no storyRendered within 20 s' }];
    }
    await new Promise((r) => setTimeout(r, settle));
    const bad = outcome.filter((o) => o.ev !== 'storyRendered');
    const ok = bad.length === 0 && problems.length === 0;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${id} (${Date.now() - t0} ms)`);
    for (const b of bad) console.log(`     ${b.ev}: ${b.detail}`);
    for (const p of problems) console.log(`     ${p}`);
    if (shots) await page.screenshot({ path: `${shots}/${id}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${ids.length - failures}/${ids.length} stories ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures ? 1 : 0);
