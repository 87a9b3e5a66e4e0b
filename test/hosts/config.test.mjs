// The configuration file in real browsers, under a strict CSP (no inline script runs; the inline
// configuration is JSON, read, never run):
//
// 1. Our own page (demo/nynorsk.html, served as `serve-demo.mjs --offline` serves it): a
//    configuration file (demo/omsorg.json) with its own texts, in nynorsk, Northern Sami
//    registered, in dark mode. The file is fetched, its nynorsk heading shown, the elements in
//    their dark palette, Sami followed when the page switches to it, the access log off (its tag
//    never defined, its chunk never fetched), attachments off in a new message, cancelling
//    still on; no console error, no CSP violation; axe finds nothing in the elements' region.
// 2. A broken configuration (pages/config-broken.html, inline): exactly ONE console error, the
//    one that names the field; every element shows the polite "unavailable" text in the page's
//    language (nb, then nn and en); nothing is asked of the API; the host page's own script
//    still works; axe finds nothing.
// 3. A configuration file that is not there (pages/config-missing.html, data-config): one
//    omsorg console error naming the address and the HTTP status; the same polite state.
//
// Needs a build: packages/elements/dist/cdn/{omsorg.js,omsorg-mocks.js}.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { demoDir, startHostServer } from './server.mjs';
import { click, HOST_ENGINES, launch, openNewMessage, shown, signIn, snapshot, until, watchedPage } from './harness.mjs';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const demoConfig = JSON.parse(readFileSync(`${demoDir}omsorg.json`, 'utf8'));
/** The "unavailable" text per language, from the catalogs' sources. */
const unavailable = (() => {
  const src = (f) => readFileSync(new URL(`../../packages/elements/src/config/${f}`, import.meta.url), 'utf8');
  const pick = (text) => /text: '([^']+)'/.exec(text)?.[1];
  return { nb: pick(src('unavailable.messages.ts')), nn: pick(src('unavailable.messages.nn.ts')), en: pick(src('unavailable.messages.en.ts')) };
})();

/** @type {Awaited<ReturnType<typeof startHostServer>>} */ let server;
/** @type {Record<string, Awaited<ReturnType<typeof launch>>>} */ const browsers = {};

before(async () => {
  assert.ok(unavailable.nb && unavailable.nn && unavailable.en, 'the unavailable texts were found');
  server = await startHostServer({ headers: () => ({ 'Content-Security-Policy': CSP }) });
  await Promise.all(HOST_ENGINES.map(async (e) => (browsers[e] = await launch(e))));
});

after(async () => {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
  await server?.close();
});

/** axe-core on `include` (a selector), from the same origin; the violations' ids and targets. */
async function axe(page, include) {
  await page.addScriptTag({ url: '/axe.min.js' });
  return page.evaluate(async (sel) => {
    const r = await globalThis.axe.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
}

/** Each omsorg element's shadow text, by tag. */
const texts = (page, tags) =>
  page.evaluate((list) => Object.fromEntries(list.map((t) => [t, document.querySelector(t)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? null])), tags);

const omsorgErrors = (seen) => seen.console.filter((m) => m.type === 'error' && /omsorg/i.test(m.text));

for (const engine of HOST_ENGINES) {
  test(`${engine}: our own page with a configuration file: overrides, nynorsk, a registered se, dark mode`, { timeout: 90_000 }, async () => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    /** Paths answered 404 (the browser logs each as a console error of its own). */
    const notFound = [];
    page.on('response', (r) => r.status() === 404 && notFound.push(new URL(r.url()).pathname));
    const from = server.requests.length;
    await page.goto(`${server.url}/demo/nynorsk.html`, { waitUntil: 'load' });
    await shown(page, 'omsorg-login >>> button[part~="sign-in-button"]');
    const requests = () => server.requests.slice(from);
    assert.ok(requests().includes('GET /demo/omsorg.json'), 'the configuration file was fetched');

    const s = await signIn(page);
    assert.equal(s.lists[0].heading, demoConfig.texts.nn['appointment-list'].title, "the file's nynorsk heading");
    assert.ok(s.lists[0].items.some((i) => i.cancellable), 'cancelling is still on');

    // Dark mode: the page says color-scheme: dark and the elements follow with their own palette.
    const color = await page.evaluate(() => getComputedStyle(document.querySelector('omsorg-appointment-list')).color);
    assert.equal(color, 'rgb(236, 238, 242)', 'the dark palette');

    // The access log is off: never defined, its chunk never fetched.
    assert.equal(await page.evaluate(() => customElements.get('omsorg-access-log') === undefined), true);
    assert.ok(!requests().some((r) => /omsorg-access-log-/.test(r)), 'no access-log chunk');

    // Attachments are off in a new message.
    await openNewMessage(page);
    const attach = await page.evaluate(() => !!document.querySelector('omsorg-inbox').shadowRoot.querySelector('[part~="attachments"], input[type="file"]'));
    assert.equal(attach, false, 'no attachments field');

    // Northern Sami, registered by the file: its words where it has them.
    await click(page, 'button[data-lang="se"]');
    await until(async () => (await snapshot(page)).signOutText === demoConfig.texts.se.login.signOut, 'the Sami sign-out text');

    assert.deepEqual(await axe(page, '#omsorg-area'), [], 'axe: no violations in the elements');
    assert.deepEqual(seen.csp, [], 'no CSP violation');
    assert.deepEqual(seen.pageErrors, [], 'no page error');
    // The browser's own line for each 404: only the API's "no draft yet" for the new message.
    assert.ok(notFound.every((p) => /\/api\/v1\/.*draft/.test(p)), `only a missing draft is a 404: ${notFound.join(', ')}`);
    const errors = seen.console.filter((m) => m.type === 'error' && !/^Failed to load resource: the server responded with a status of 404/.test(m.text));
    assert.deepEqual(errors, [], 'no console error');
    await page.close();
  });

  test(`${engine}: a broken configuration: one clear console error, the elements politely unavailable, the host page working`, { timeout: 60_000 }, async () => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    await page.goto(`${server.url}/config-broken.html`, { waitUntil: 'load' });
    const tags = ['omsorg-login', 'omsorg-appointment-list', 'omsorg-inbox'];
    await until(async () => Object.values(await texts(page, tags)).every((t) => t === unavailable.nb), 'every element unavailable (nb)');

    const errors = seen.console.filter((m) => m.type === 'error');
    assert.equal(errors.length, 1, `exactly one console error: ${JSON.stringify(errors)}`);
    assert.match(errors[0].text, /^omsorg config: contact\.phone must be a phone number: 3 to 15 digits, .*not "ring oss"$/);

    // The page's language, as every element does.
    for (const lang of ['nn', 'en']) {
      await page.evaluate((l) => (document.documentElement.lang = l), lang);
      await until(async () => Object.values(await texts(page, tags)).every((t) => t === unavailable[lang]), `every element unavailable (${lang})`);
    }

    // The host page is untouched and its own script works.
    await click(page, '#host-button');
    await click(page, '#host-button');
    assert.equal(await page.$eval('#host-count', (o) => o.textContent), '2');
    assert.equal(await page.$eval('#host-text', (p) => p.textContent), 'Dette er kommunens egen tekst.');
    assert.deepEqual(seen.api, [], 'nothing asked of the API');
    assert.deepEqual(await axe(page), [], 'axe: no violations');
    assert.deepEqual(seen.csp, [], 'no CSP violation');
    assert.deepEqual(seen.pageErrors, [], 'no page error');
    assert.equal(seen.console.filter((m) => m.type === 'error').length, 1, 'still one console error');
    await page.close();
  });

  test(`${engine}: a configuration file that is not there: one omsorg error with the address and status`, { timeout: 60_000 }, async () => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    await page.goto(`${server.url}/config-missing.html`, { waitUntil: 'load' });
    await until(async () => (await texts(page, ['omsorg-service-list']))['omsorg-service-list'] === unavailable.en, 'the service list unavailable (en)');
    const errors = omsorgErrors(seen);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].text, /^omsorg config: http:\/\/127\.0\.0\.1:\d+\/no-such-omsorg\.json could not be loaded \(HTTP 404\)$/);
    await click(page, '#host-button');
    assert.equal(await page.$eval('#host-count', (o) => o.textContent), '1');
    assert.deepEqual(seen.api, []);
    assert.deepEqual(seen.pageErrors, []);
    await page.close();
  });
}
