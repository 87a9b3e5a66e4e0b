// `npm run bench` (part 2; also `node scripts/bench-messages.mjs` after `npm run build`):
// the messages elements with large data in headless Debian Chromium.
//  - <omsorg-inbox> with 500 threads: append → all 500 rows in the shadow DOM, → laid out,
//    then the frame time while scrolling the page from top to bottom (300 px per frame).
//  - <omsorg-message-thread> with 2,000 messages: append → the first (newest) window rendered
//    and laid out, then "show earlier" until all 2,000 are in the DOM, then scrolling frames.
// Data: the msw mocks' `large` scenario, answered once and replayed from memory
// (scripts/bench/messages-page.js). One cold run, then RUNS warm runs (default 5).
// Budgets (checked here, not in CI's timed tests): median scroll frame ≤ 50 ms (20 fps) and
// inbox first render ≤ 1,500 ms at the median; exit 1 when over. Machines differ: a busy
// 2-core machine is noisy, so the check uses medians.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { bundlePage, launchChromium, serveFiles } from './bench/harness.mjs';
import { table } from './size-budgets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(3, Number(process.env.BENCH_MESSAGES_RUNS ?? 5));
export const SCROLL_FRAME_BUDGET_MS = 50;
export const INBOX_RENDER_BUDGET_MS = 1500;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f1 = (x) => x.toFixed(1);

const js = await bundlePage(`${root}scripts/bench/messages-page.js`);
const server = await serveFiles({
  '/': ['text/html; charset=utf-8', readFileSync(`${root}scripts/bench/index.html`)],
  '/bench.js': ['text/javascript', js],
});
const url = `${server.origin}/`;
const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage();
  // A phone-sized viewport: the case that matters most (many rows, long scroll).
  await page.setViewport({ width: 390, height: 844 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.omsorgMessagesBench?.ready === true, { timeout: 30_000 });
  const data = await page.evaluate(() => window.omsorgMessagesBench.prepare());
  if (data.threads !== data.expectedThreads) throw new Error(`expected ${data.expectedThreads} threads, the mocks gave ${data.threads}`);

  const runs = async (fn) => {
    const cold = await page.evaluate((f) => window.omsorgMessagesBench[f](), fn);
    const warm = [];
    for (let i = 0; i < RUNS; i++) warm.push(await page.evaluate((f) => window.omsorgMessagesBench[f](), fn));
    return { cold, warm };
  };
  const inbox = await runs('inbox');
  const thread = await runs('thread');
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  if (inbox.warm.some((r) => r.rows !== data.threads)) throw new Error(`inbox rows: ${inbox.warm.map((r) => r.rows)}`);
  if (thread.warm.some((r) => r.all !== data.messages)) throw new Error(`thread messages: ${thread.warm.map((r) => r.all)}`);

  const version = await browser.version();
  console.log(`\nMessages with large data (${version}, headless, 390×844 viewport; ${RUNS} warm runs + 1 cold)`);
  console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg().map(f1).join(' / ')} (numbers from a busy machine are noisy)\n`);
  const allFrames = (rs) => rs.flatMap((r) => r.frames);
  const iFrames = allFrames(inbox.warm);
  const tFrames = allFrames(thread.warm);
  table(
    [
      [`inbox, ${data.threads} threads: append → rows in DOM`, f1(inbox.cold.renderMs), f1(median(inbox.warm.map((r) => r.renderMs)))],
      ['inbox: append → laid out', f1(inbox.cold.layoutMs), f1(median(inbox.warm.map((r) => r.layoutMs)))],
      [`thread, ${data.messages} messages: append → newest ${thread.warm[0].firstShown} laid out`, f1(thread.cold.firstMs), f1(median(thread.warm.map((r) => r.firstMs)))],
      [`thread: "show earlier" → all ${data.messages} laid out`, f1(thread.cold.allMs), f1(median(thread.warm.map((r) => r.allMs)))],
    ],
    ['ms', 'cold (1st)', `median of ${RUNS}`],
  );
  console.log('');
  table(
    [
      [`inbox (${f1(inbox.warm[0].height / 1000)}k px, ${inbox.warm[0].nodes} shadow nodes)`, String(iFrames.length), f1(median(iFrames)), f1(pct(iFrames, 95)), f1(Math.max(...iFrames))],
      [`thread, all ${data.messages} (${f1(thread.warm[0].height / 1000)}k px, ${thread.warm[0].nodes} shadow nodes)`, String(tFrames.length), f1(median(tFrames)), f1(pct(tFrames, 95)), f1(Math.max(...tFrames))],
    ],
    ['scrolling, frame time ms (300 px/frame)', 'frames', 'median', 'p95', 'max'],
  );
  const checks = [
    ['inbox first render (median)', median(inbox.warm.map((r) => r.layoutMs)), INBOX_RENDER_BUDGET_MS],
    ['inbox scroll frame (median)', median(iFrames), SCROLL_FRAME_BUDGET_MS],
    ['thread scroll frame (median)', median(tFrames), SCROLL_FRAME_BUDGET_MS],
  ];
  console.log('');
  for (const [name, value, budget] of checks) {
    const ok = value <= budget;
    failed ||= !ok;
    console.log(`${ok ? 'PASS' : 'OVER'}  ${name}: ${f1(value)} ms (budget ${budget} ms)`);
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
