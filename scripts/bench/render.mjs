// The render part of `npm run bench`, also runnable alone once built: `node scripts/bench/render.mjs`.
// Time to render N appointments (default 500) in headless Debian Chromium, measured inside the
// page (scripts/bench/bench-page.js) with performance.now() from appending
// <omsorg-appointment-list> (client already set) until all N items are in its shadow DOM, and
// until laid out. One cold run, then RUNS warm runs (default 9, at least 7): median, min, max.
// Budgets on the warm medians (RENDER_BUDGETS_MS); over one, the run fails (exit 1 alone, and
// `npm run bench` fails too). Env: BENCH_N, BENCH_RUNS.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { bundlePage, launchChromium, serveFiles } from './harness.mjs';
import { benchData } from './data.mjs';
import { fmt, table } from '../size-budgets.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Budgets for 500 appointments, median of the warm runs (issue 9). */
export const RENDER_BUDGETS_MS = { renderMs: 50, layoutMs: 150 };

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] };
};

/**
 * Runs the render benchmark and prints it. `js` is the bench page already bundled (default:
 * scripts/bench/bench-page.js bundled from the built packages). Resolves to true when every
 * median is within its budget (budgets are checked for N = 500 only).
 */
export async function renderBench({ n = Number(process.env.BENCH_N ?? 500), runs = Math.max(7, Number(process.env.BENCH_RUNS ?? 9)), js } = {}) {
  const { me, appointments, persons } = await benchData(n);
  const data = JSON.stringify({ me, appointments, person: persons.ola.name });
  js ??= await bundlePage(`${here}bench-page.js`, { external: (id) => /^(msw|oidc-client-ts)(\/|$)/.test(id) });
  const server = await serveFiles({
    '/': ['text/html; charset=utf-8', readFileSync(`${here}index.html`)],
    '/bench.js': ['text/javascript', js],
    '/data.json': ['application/json', data],
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.omsorgBench?.ready === true, { timeout: 15_000 });
    const runOnce = () => page.evaluate((count) => window.omsorgBench.run(count), n);
    const cold = await runOnce();
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await runOnce());
    if (errors.length) console.log('page errors:', errors);
    if (warm.some((r) => r.items !== n)) throw new Error(`expected ${n} items, got ${warm.map((r) => r.items).join(',')}`);
    const version = await browser.version();
    const perItem = (warm[0].nodes / n).toFixed(1);
    console.log(`\nRender ${n} appointments in <omsorg-appointment-list> (${version}, headless; ${warm[0].items} items, ${fmt(warm[0].nodes)} shadow nodes, ${perItem} per item)`);
    console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (numbers from a busy machine are noisy)\n`);
    const checked = n === 500;
    let ok = true;
    const row = (label, key) => {
      const s = stats(warm.map((r) => r[key]));
      const budget = RENDER_BUDGETS_MS[key];
      const within = s.median <= budget;
      ok &&= within || !checked;
      const verdict = checked ? `≤ ${budget} ${within ? 'ok' : 'OVER'}` : 'n/a (N ≠ 500)';
      return [label, cold[key].toFixed(1), s.median.toFixed(1), s.min.toFixed(1), s.max.toFixed(1), verdict];
    };
    table([row('append → items in DOM', 'renderMs'), row('append → laid out', 'layoutMs')], ['ms', 'cold (1st)', `median of ${runs}`, 'min', 'max', 'budget (median)']);
    if (!ok) console.error(`\nRendering ${n} appointments is over its budget (median ≤ ${RENDER_BUDGETS_MS.renderMs} ms to the DOM, ≤ ${RENDER_BUDGETS_MS.layoutMs} ms laid out).`);
    return ok;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit((await renderBench()) ? 0 : 1);
}
