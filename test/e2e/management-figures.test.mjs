// The management page in a real browser (Chromium), through the BFF as `npm start` runs it:
// /management → "Logg inn" → the provider's login page → the management test person → back, the
// figures drawn by Chart.js (canvases) with a table under each chart, and a CSV link; a citizen
// (Ola, in a browser context of their own) gets a clear refusal. No CSP violation, no page error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { until as untilFn, WAIT_MS } from '../hosts/harness.mjs';
import { startJourney } from './sandbox-browser.mjs';

const MANAGER = { id: 'psn-leder-5c2e', name: 'Liv Lederstad (ledelse)' };
const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann' };

/** @type {Awaited<ReturnType<typeof startJourney>>} */
let j;

before(async () => {
  j = await startJourney({ bff: true });
});
after(async () => {
  await j?.close();
});

/**
 * /management → "Logg inn" → the provider's login form → `person` → back on /management.
 * @param {import('puppeteer-core').Page} page
 * @param {{ id: string }} person
 */
async function signInOnPage(page, person) {
  await page.goto(`${j.sandbox.url}/management`, { waitUntil: 'load' });
  await page.waitForSelector('#sign-in', { visible: true });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#sign-in')]);
  await untilFn(async () => {
    const path = new URL(page.url()).pathname;
    if (path.startsWith('/oidc/interaction/')) {
      const button = await page.$(`form button[value="${person.id}"]`);
      if (button) await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      return false;
    }
    return path === '/management';
  }, `back on /management as ${person.id} (at ${page.url()})`, WAIT_MS);
}

/** The text of each cell of a table, by row. @param {import('puppeteer-core').Page} page @param {string} id */
const tableOf = (page, id) =>
  page.evaluate((id) => [...document.querySelectorAll(`#${id} tr`)].map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')), id);

test('the management person signs in and sees the figures as charts with tables, and a CSV link', async () => {
  const { page } = j;
  await signInOnPage(page, MANAGER);
  await page.waitForSelector('html[data-figures="ready"]');
  assert.match(await page.$eval('#user', (e) => e.textContent ?? ''), /Liv Lederstad/);

  // Five charts, each a canvas Chart.js drew on (a chart instance, a real size), each with a table.
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('#charts figure')].map((f) => {
      const canvas = /** @type {HTMLCanvasElement | null} */ (f.querySelector('canvas'));
      // @ts-ignore Chart is the UMD global
      const chart = canvas ? globalThis.Chart.getChart(canvas) : undefined;
      return { id: f.id, canvas: !!canvas, drawn: !!chart && canvas.width > 0 && canvas.height > 0, label: canvas?.getAttribute('aria-label') ?? '', table: !!f.querySelector('table caption') };
    }),
  );
  assert.deepEqual(
    charts.map((c) => c.id),
    ['figure-cancellations', 'figure-deadline', 'figure-reasons', 'figure-answers', 'figure-consent'],
  );
  for (const c of charts) {
    assert.ok(c.canvas && c.drawn, `${c.id}: a drawn chart`);
    assert.ok(c.table, `${c.id}: a table alternative`);
    assert.match(c.label, /Tallene står i tabellen under\./);
  }

  // The tables: a row per month (12), numbers of at least 5 or "under 5", never a smaller count.
  const cancellations = await tableOf(page, 'table-cancellations');
  assert.deepEqual(cancellations[0], ['Måned', 'I alt', 'På nett', 'På annen måte', 'Andel på nett']);
  assert.equal(cancellations.length, 1 + 12);
  const cells = cancellations.slice(1).flatMap((r) => r.slice(1, 4));
  assert.ok(cells.some((c) => /^\d+$/.test(c)), 'some counts are shown (the fictional population)');
  assert.ok(cells.includes('under 5'), 'small counts say "under 5"');
  for (const c of cells) assert.ok(c === 'under 5' || Number(c) >= 5, `a count of ${c}`);
  const answers = await tableOf(page, 'table-answers');
  assert.ok(answers.slice(1).some((r) => / t$/.test(r[3] ?? '')), 'a median time to first answer is shown');

  // The CSV link: the same period, through the BFF, as a download.
  const href = await page.$eval('#csv', (a) => a.getAttribute('href'));
  assert.match(href ?? '', /^\/bff\/api\/v1\/management\/figures\.csv\?from=\d{4}-\d{2}&to=\d{4}-\d{2}$/);
  const csv = await page.evaluate(async (href) => {
    const r = await fetch(href, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type ?? '', /^text\/csv/);
  assert.match(csv.text, /^month,service_id,service,cancellations,/);

  // One service: the page shows its rows.
  await page.select('#service', 'cs-hjemmesykepleie-nord');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#period button[type="submit"]')]);
  await page.waitForSelector('html[data-figures="ready"]');
  assert.equal(await page.$eval('#service', (s) => /** @type {HTMLSelectElement} */ (s).value), 'cs-hjemmesykepleie-nord');
  assert.match(await page.$eval('#chart-answers', (c) => c.getAttribute('aria-label') ?? ''), /Lovet svartid: 2 arbeidsdager\./);

  assert.deepEqual(j.problems.csp, []);
  assert.deepEqual(j.problems.pageErrors, []);
});

test('a citizen signed in on the management page gets a clear refusal, and no figures', async () => {
  const other = await j.otherPage();
  try {
    await signInOnPage(other, OLA);
    await untilFn(async () => (await other.$eval('#status', (e) => e.textContent ?? '')).includes('ikke tilgang'), 'the refusal', WAIT_MS);
    assert.equal(await other.$eval('#status', (e) => e.textContent), 'Du har ikke tilgang til styringstallene. De er bare for kommunens ledelse.');
    assert.equal(await other.$eval('#figures', (e) => /** @type {HTMLElement} */ (e).hidden), true);
    assert.equal(await other.$$eval('canvas', (c) => c.length), 0);
    // The API itself refuses, whatever the page does.
    const r = await other.evaluate(async () => {
      const res = await fetch('/bff/api/v1/management/figures', { credentials: 'same-origin' });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
    });
    assert.equal(r.status, 403);
    assert.equal(r.type, 'application/problem+json');
    assert.equal(r.body.type, 'urn:omsorg:problem:forbidden');
  } finally {
    await other.browserContext().close();
  }
  assert.deepEqual(j.problems.csp, []);
  assert.deepEqual(j.problems.pageErrors, []);
});
