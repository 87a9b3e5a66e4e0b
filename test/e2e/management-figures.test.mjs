// The management page in a real browser (Chromium), through the BFF as `npm start` runs it:
// /management → "Logg inn" → the provider's login page → the management test person → back, the
// figures drawn by Chart.js (canvases) with a table under each chart, and a CSV link; a citizen
// (Ola, in a browser context of their own) gets a clear refusal. No CSP violation, no page error.
// The page in the reader's language: bokmål for a browser that asks for it, nynorsk for one that
// asks for that, English through the language switch, and `?lang=` kept through the sign-in;
// texts, numbers and months in that language, and axe-core finds nothing in any of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { osloMonth } from '@omsorg/contract';
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

/** A Norwegian browser (bokmål first) and a nynorsk one: what their Accept-Language says. */
const BOKMAAL_BROWSER = 'nb-NO,nb;q=0.9,no;q=0.8,en;q=0.5';
const NYNORSK_BROWSER = 'nn-NO,nn;q=0.9,no;q=0.8,en;q=0.5';

/**
 * `start` (/management, with a query or not) → the sign-in button → the provider's login form →
 * `person` → back on /management, with the same query.
 * @param {import('puppeteer-core').Page} page
 * @param {{ id: string }} person
 * @param {string} [start]
 */
async function signInOnPage(page, person, start = '/management') {
  await page.goto(`${j.sandbox.url}${start}`, { waitUntil: 'load' });
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
  assert.equal(new URL(page.url()).search, new URL(start, 'http://x').search, 'the sign-in comes back to the same address');
}

const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
/**
 * axe-core's violations on the whole page (ids and targets). It goes in through DevTools, as the
 * page's CSP lets no other script in.
 * @param {import('puppeteer-core').Page} page
 */
async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // @ts-ignore axe is the global axe-core defines
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * The page's language as it shows it: `<html lang>`, the language switch (each link's language,
 * hreflang and whether it is the current one), the heading, and the locale Chart.js formats with.
 * @param {import('puppeteer-core').Page} page
 */
const languageOf = (page) =>
  page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement | null} */ (document.querySelector('#charts canvas'));
    // @ts-ignore Chart is the UMD global
    const chart = canvas ? globalThis.Chart.getChart(canvas) : undefined;
    return {
      lang: document.documentElement.lang,
      links: [...document.querySelectorAll('#languages a')].map((a) => `${a.getAttribute('lang')}/${a.getAttribute('hreflang')}${a.getAttribute('aria-current') === 'true' ? '*' : ''} ${a.getAttribute('href')}`),
      heading: document.querySelector('h1')?.textContent ?? '',
      chartLocale: chart?.options.locale ?? null,
    };
  });

/** The text of each cell of a table, by row. @param {import('puppeteer-core').Page} page @param {string} id */
const tableOf = (page, id) =>
  page.evaluate((id) => [...document.querySelectorAll(`#${id} tr`)].map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')), id);

test('the management person signs in and sees the figures as charts with tables, and a CSV link', async () => {
  const { page } = j;
  await page.setExtraHTTPHeaders({ 'Accept-Language': BOKMAAL_BROWSER });
  await signInOnPage(page, MANAGER);
  await page.waitForSelector('html[data-figures="ready"]');
  assert.equal(await page.$eval('#user', (e) => e.textContent ?? ''), 'Logget inn som Liv Lederstad (ledelse)');
  assert.deepEqual(await languageOf(page), {
    lang: 'nb',
    links: ['nb/nb* ?lang=nb', 'nn/nn ?lang=nn', 'en/en ?lang=en'],
    heading: 'Styringstall for helse- og omsorgstjenestene',
    chartLocale: 'nb-NO',
  });

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
  // People with consent and relatives with access are counts at a month's end: rounded to 5, and the page says so.
  const consent = (await tableOf(page, 'table-consent')).slice(1).flatMap((r) => r.slice(1));
  assert.ok(consent.some((c) => /^\d+$/.test(c)), 'some people with consent or relatives are shown');
  for (const c of consent) assert.ok(c === 'under 5' || Number(c) % 5 === 0, `a stock figure of ${c}, not rounded to 5`);
  assert.match(await page.$eval('#note-consent', (e) => e.textContent ?? ''), /^Antallet personer og pårørende er avrundet til nærmeste 5 /);
  assert.match(await page.$eval('#chart-consent', (c) => c.getAttribute('aria-label') ?? ''), /avrundet til nærmeste 5/);
  assert.deepEqual(await axe(page), [], 'axe: no violations (bokmål)');

  // Finished months only: the default period ends with the last finished month, the latest
  // either month picker offers, and the page says why.
  const pickers = await page.$$eval('#from, #to', (inputs) => inputs.map((i) => ({ max: i.getAttribute('max'), value: /** @type {HTMLInputElement} */ (i).value })));
  const lastFinished = pickers[1]?.value;
  assert.match(lastFinished ?? '', /^\d{4}-\d{2}$/);
  assert.deepEqual(pickers.map((p) => p.max), [lastFinished, lastFinished]);
  const osloNow = osloMonth(new Date());
  assert.ok((lastFinished ?? '') < osloNow, `the period ends before the current month (${lastFinished} < ${osloNow})`);
  assert.match(await page.$eval('#finished-months', (e) => e.textContent ?? ''), /^Bare avsluttede måneder: /);

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
    // A bokmål browser asks for English in the address; the sign-in keeps the address.
    await other.setExtraHTTPHeaders({ 'Accept-Language': BOKMAAL_BROWSER });
    await signInOnPage(other, OLA, '/management?lang=en');
    /** @type {[string, string, string][]} */
    const refusals = [
      ['?lang=en', 'en', 'You do not have access to the management figures. They are for the municipality’s management only.'],
      ['?lang=nn', 'nn', 'Du har ikkje tilgang til styringstala. Dei er berre for leiinga i kommunen.'],
      ['', 'nb', 'Du har ikke tilgang til styringstallene. De er bare for kommunens ledelse.'],
    ];
    for (const [query, lang, refusal] of refusals) {
      if (new URL(other.url()).search !== query) await other.goto(`${j.sandbox.url}/management${query}`, { waitUntil: 'load' });
      await untilFn(async () => (await other.$eval('#status', (e) => e.classList.contains('refused'))), `the refusal (${lang})`, WAIT_MS);
      assert.equal(await other.$eval('html', (e) => e.lang), lang);
      assert.equal(await other.$eval('#status', (e) => e.textContent), refusal);
      assert.equal(await other.$eval('#figures', (e) => /** @type {HTMLElement} */ (e).hidden), true);
      assert.equal(await other.$$eval('canvas', (c) => c.length), 0);
    }
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

test('the page in nynorsk for a nynorsk browser, and in English from the language switch: texts, numbers and months in each', async () => {
  const other = await j.otherPage();
  try {
    await other.setExtraHTTPHeaders({ 'Accept-Language': NYNORSK_BROWSER });
    await other.goto(`${j.sandbox.url}/management`, { waitUntil: 'load' });
    await untilFn(async () => (await other.$eval('#status', (e) => e.textContent ?? '')) === 'Logg inn for å sjå styringstala.', 'the nynorsk sign-in prompt', WAIT_MS);
    assert.equal(await other.title(), 'Styringstal – Fjordvik kommune');

    await signInOnPage(other, MANAGER);
    await other.waitForSelector('html[data-figures="ready"]');
    // Debian's Chromium has no nynorsk formats: nynorsk falls back to bokmål's, not the browser's own.
    const nnLocale = await other.evaluate(() => Intl.NumberFormat.supportedLocalesOf(['nn-NO', 'nb-NO'])[0]);
    assert.deepEqual(await languageOf(other), {
      lang: 'nn',
      links: ['nb/nb ?lang=nb', 'nn/nn* ?lang=nn', 'en/en ?lang=en'],
      heading: 'Styringstal for helse- og omsorgstenestene',
      chartLocale: nnLocale,
    });
    assert.equal(await other.$eval('#user', (e) => e.textContent), 'Logga inn som Liv Lederstad (ledelse)');
    assert.equal(await other.$eval('#sign-out', (e) => e.textContent), 'Logg ut');
    assert.equal(await other.$eval('#service option[value=""]', (e) => e.textContent), 'Alle tenester');
    assert.deepEqual((await tableOf(other, 'table-cancellations'))[0], ['Månad', 'I alt', 'På nett', 'På anna vis', 'Del på nett']);
    assert.ok((await tableOf(other, 'table-reasons'))[0]?.includes('Eg er sjuk'), 'the reason labels in nynorsk');
    assert.equal(await other.$eval('#table-consent caption', (e) => e.textContent), 'Samtykke og tilgang for pårørande (tabell)');
    assert.match(await other.$eval('#note-consent', (e) => e.textContent ?? ''), /^Talet på personar og pårørande er runda av til næraste 5 /);
    assert.match(await other.$eval('#chart-answers', (c) => c.getAttribute('aria-label') ?? ''), /^Tid til første svar på meldingar\. .* Tala står i tabellen under\.$/);
    const nnAnswers = (await tableOf(other, 'table-answers')).slice(1);
    const nnDecimals = nnAnswers.flatMap((r) => r.slice(2, 5));
    assert.ok(nnDecimals.some((c) => /^\d+,\d( t)?$/.test(c)), `a decimal comma in messages per thread or hours (${nnDecimals.join(' | ')})`);
    assert.ok((await tableOf(other, 'table-cancellations')).flat().includes('under 5'));
    assert.deepEqual(await axe(other), [], 'axe: no violations (nynorsk)');

    // The language switch: English, whatever the browser asks for.
    await Promise.all([other.waitForNavigation({ waitUntil: 'load' }), other.click('#languages a[hreflang="en"]')]);
    await other.waitForSelector('html[data-figures="ready"]');
    assert.equal(new URL(other.url()).search, '?lang=en');
    assert.deepEqual(await languageOf(other), {
      lang: 'en',
      links: ['nb/nb ?lang=nb', 'nn/nn ?lang=nn', 'en/en* ?lang=en'],
      heading: 'Management figures for the health and care services',
      chartLocale: 'en-GB',
    });
    assert.equal(await other.title(), 'Management figures – Fjordvik municipality');
    assert.equal(await other.$eval('#user', (e) => e.textContent), 'Signed in as Liv Lederstad (ledelse)');
    assert.equal(await other.$eval('#csv', (e) => e.textContent), 'Download CSV');
    const cancellations = await tableOf(other, 'table-cancellations');
    assert.deepEqual(cancellations[0], ['Month', 'Total', 'Online', 'Otherwise', 'Share online']);
    // Months as English writes them (en-GB: "Jan 2025", "Sept 2024"), not "jan. 2025".
    for (const r of cancellations.slice(1)) assert.match(r[0] ?? '', /^[A-Z][a-z]{2,3} \d{4}$/);
    const counts = cancellations.slice(1).flatMap((r) => r.slice(1, 4));
    assert.ok(counts.includes('fewer than 5') && !counts.includes('under 5'), 'small counts say "fewer than 5"');
    // Shares as English writes them: "45%", not "45 %".
    const shares = cancellations.slice(1).map((r) => r[4] ?? '');
    assert.ok(shares.some((c) => /^\d+%$/.test(c)), `a share in English (${shares.join(' | ')})`);
    for (const c of shares) assert.match(c, /^\d+%$|^fewer than 5$/);
    // Decimals with a point and hours as "h": "2.5", "35.4 h", not "2,5", "35,4 t".
    const answers = await tableOf(other, 'table-answers');
    assert.deepEqual(answers[0], ['Month', 'Threads', 'Messages per thread', 'Median', '90th percentile', 'Answered within the promised time']);
    const decimals = answers.slice(1).flatMap((r) => r.slice(2, 5));
    assert.ok(decimals.some((c) => /^\d+\.\d( h)?$/.test(c)), `a decimal point in messages per thread or hours (${decimals.join(' | ')})`);
    for (const r of answers.slice(1)) for (const c of r.slice(3, 5)) assert.match(c, /^\d+(\.\d)? h$|^fewer than 5$/);
    assert.ok(!answers.flat().some((c) => /\d,\d/.test(c)), 'no decimal comma');
    assert.ok((await tableOf(other, 'table-reasons'))[0]?.includes('I am ill'), 'the reason labels in English');
    assert.match(await other.$eval('#note-consent', (e) => e.textContent ?? ''), /^The numbers of people and relatives are rounded to the nearest 5 /);
    // Chart.js's own numbers (the axis) in English too.
    const ticks = await other.evaluate(() => {
      // @ts-ignore Chart is the UMD global
      const chart = globalThis.Chart.getChart(document.querySelector('#chart-answers'));
      return chart.scales.y.ticks.map((/** @type {{ label: string }} */ t) => t.label);
    });
    assert.ok(ticks.length > 1 && ticks.every((/** @type {string} */ l) => /^[\d,]+(\.\d+)?$/.test(l)), `the axis in English (${ticks.join(' | ')})`);
    assert.equal(await other.$eval('#chart-answers', (c) => c.getAttribute('aria-label')), 'Time to the first answer to messages. Line chart: median and 90th percentile, in hours, from the citizen’s first message to the first answer, for the answers given in the month. Threads and messages count in the month the messages were written. The figures are in the table below.');
    assert.deepEqual(await axe(other), [], 'axe: no violations (English)');

    // The period form keeps the language (the browser still asks for nynorsk).
    await other.select('#service', 'cs-hjemmesykepleie-nord');
    await Promise.all([other.waitForNavigation({ waitUntil: 'load' }), other.click('#period button[type="submit"]')]);
    await other.waitForSelector('html[data-figures="ready"]');
    assert.equal(await other.$eval('html', (e) => e.lang), 'en');
    assert.match(await other.$eval('#chart-answers', (c) => c.getAttribute('aria-label') ?? ''), / Promised reply time: 2 working days\. The figures are in the table below\.$/);
  } finally {
    await other.browserContext().close();
  }
  assert.deepEqual(j.problems.csp, []);
  assert.deepEqual(j.problems.pageErrors, []);
});
