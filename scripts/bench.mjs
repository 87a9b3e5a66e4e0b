// `npm run bench` (builds first): the numbers behind the README's performance section.
//  (a) Size: the CDN file (raw / gzip) against the 45,000 B gzip budget (exit 1 when over), its
//      lazily loaded chunks, and each element on its own (its define.js bundled with lit,
//      minified; 25,000 B gzip each), so a growing element shows up by name. The measuring and
//      the budgets live in scripts/size-budgets.mjs (`npm run size` checks only those).
//  (b) Speed: time to render N appointments (default 500) in headless Debian Chromium, measured
//      inside the page with performance.now() from appending <omsorg-appointment-list> (client
//      already set) until all N items are in its shadow DOM, and until laid out. One cold run,
//      then RUNS warm runs (default 9): median, min, max.
// Env: BENCH_N, BENCH_RUNS, BENCH_SKIP_BROWSER=1 (sizes only). No budgets on timings: they are
// reported, not asserted (machines differ).
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { findChromium } from './browsers.mjs';
import { CDN_BUDGET_GZIP, ELEMENT_BUDGET_GZIP, bundleSize, elementNames, gzipSize as gzip, fmt, table } from './size-budgets.mjs';

export { CDN_BUDGET_GZIP } from './size-budgets.mjs';
const root = fileURLToPath(new URL('..', import.meta.url));
const cdnDir = `${root}packages/elements/dist/cdn`;
const N = Number(process.env.BENCH_N ?? 500);
const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 9));


// ---------------------------------------------------------------------------------------------
// (a) sizes
// ---------------------------------------------------------------------------------------------
if (!existsSync(`${cdnDir}/omsorg.js`)) {
  console.error('packages/elements/dist/cdn/omsorg.js is missing: run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}

const cdnFile = readFileSync(`${cdnDir}/omsorg.js`);
const cdn = [cdnFile.length, gzip(cdnFile)];
const sizeRows = [['omsorg.js (CDN, every page)', fmt(cdn[0]), fmt(cdn[1]), cdn[1] <= CDN_BUDGET_GZIP ? `≤ ${fmt(CDN_BUDGET_GZIP)} ok` : `> ${fmt(CDN_BUDGET_GZIP)} OVER`]];
for (const f of readdirSync(cdnDir).filter((f) => f.endsWith('.js') && f !== 'omsorg.js').sort()) {
  const buf = readFileSync(`${cdnDir}/${f}`);
  const note = f === 'omsorg-mocks.js' ? 'offline demo only' : 'lazy (OIDC sign-in only)';
  sizeRows.push([`${f}`, fmt(buf.length), fmt(gzip(buf)), note]);
}

const elementsDist = `${root}packages/elements/dist`;
const base = await bundleSize(`${root}node_modules/lit/index.js`);
sizeRows.push(['lit alone (reference)', fmt(base[0]), fmt(base[1]), '']);
const elementsOver = [];
for (const name of elementNames()) {
  const [raw, gz] = await bundleSize(`${elementsDist}/${name}/define.js`);
  if (gz > ELEMENT_BUDGET_GZIP) elementsOver.push(name);
  sizeRows.push([`${name}/define.js + deps`, fmt(raw), fmt(gz), `+${fmt(gz - base[1])} over lit; ${gz <= ELEMENT_BUDGET_GZIP ? `≤ ${fmt(ELEMENT_BUDGET_GZIP)} ok` : `> ${fmt(ELEMENT_BUDGET_GZIP)} OVER`}`]);
}
console.log('\nSizes (bytes, minified; gzip level 9)\n');
table(sizeRows, ['file', 'raw', 'gzip', 'note']);
const overBudget = cdn[1] > CDN_BUDGET_GZIP || elementsOver.length > 0;

// ---------------------------------------------------------------------------------------------
// (b) render time in Chromium
// ---------------------------------------------------------------------------------------------
async function renderBench() {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer-core')).default;
  } catch {
    console.log('\npuppeteer-core is not installed: render timing skipped.');
    return;
  }
  // Test data: the mock fixtures' appointments (valid per the contract), cloned N times
  // across the coming days. @omsorg/mocks resolves to its dist here (plain Node).
  const { createFixtures, persons } = await import('@omsorg/mocks');
  const fx = createFixtures(new Date());
  const me = fx.me.ola;
  const own = fx.subjects[me.subjects[0].id];
  const now = Date.now();
  const templates = own.appointments.filter((a) => Date.parse(a.start) > now);
  const day = 86_400_000;
  const shift = (iso, k) => new Date(Date.parse(iso) + k * day).toISOString();
  const appointments = Array.from({ length: N }, (_, i) => {
    const t = templates[i % templates.length];
    const k = Math.floor(i / templates.length) * 7;
    return {
      ...t,
      id: `bench-${i}`,
      start: shift(t.start, k),
      end: shift(t.end, k),
      cancellationPolicy: { ...t.cancellationPolicy, deadline: shift(t.cancellationPolicy.deadline, k) },
    };
  }).sort((a, b) => a.start.localeCompare(b.start));
  const data = JSON.stringify({ me, appointments, person: persons.ola.name });

  const b = await rollup({
    input: `${root}scripts/bench/bench-page.js`,
    plugins: [nodeResolve({ browser: true })],
    external: (id) => /^(msw|oidc-client-ts)(\/|$)/.test(id),
    onwarn: () => {},
  });
  const { output } = await b.generate({ format: 'es', inlineDynamicImports: true });
  await b.close();
  const js = output[0].code;
  const html = readFileSync(`${root}scripts/bench/index.html`);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type, body) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/') return send('text/html; charset=utf-8', html);
    if (path === '/bench.js') return send('text/javascript', js);
    if (path === '/data.json') return send('application/json', data);
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;

  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.omsorgBench?.ready === true, { timeout: 15_000 });
    const runOnce = () => page.evaluate((n) => window.omsorgBench.run(n), N);
    const cold = await runOnce();
    const warm = [];
    for (let i = 0; i < RUNS; i++) warm.push(await runOnce());
    if (errors.length) console.log('page errors:', errors);
    const version = await browser.version();
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = s.length >> 1;
      const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
      return [median, s[0], s[s.length - 1]].map((x) => x.toFixed(1));
    };
    console.log(`\nRender ${N} appointments in <omsorg-appointment-list> (${version}, headless; ${warm[0].items} items, ${fmt(warm[0].nodes)} shadow nodes)`);
    console.log(`machine: ${cpus().length} CPU(s), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (numbers from a busy machine are noisy)\n`);
    table(
      [
        ['append → items in DOM', cold.renderMs.toFixed(1), ...stats(warm.map((r) => r.renderMs))],
        ['append → laid out', cold.layoutMs.toFixed(1), ...stats(warm.map((r) => r.layoutMs))],
      ],
      ['ms', 'cold (1st)', `median of ${RUNS}`, 'min', 'max'],
    );
    if (warm.some((r) => r.items !== N)) throw new Error(`expected ${N} items, got ${warm.map((r) => r.items).join(',')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.env.BENCH_SKIP_BROWSER !== '1') await renderBench();

if (overBudget) {
  if (cdn[1] > CDN_BUDGET_GZIP) console.error(`\nomsorg.js is ${fmt(cdn[1])} B gzip: over the ${fmt(CDN_BUDGET_GZIP)} B budget.`);
  if (elementsOver.length) console.error(`\n${elementsOver.join(', ')}: over the ${fmt(ELEMENT_BUDGET_GZIP)} B budget per element.`);
  process.exit(1);
}
console.log(`\nomsorg.js: ${fmt(cdn[1])} B gzip, within the ${fmt(CDN_BUDGET_GZIP)} B budget.`);
