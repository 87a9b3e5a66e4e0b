// Universal design (WCAG 2.1 AA, the law for Norwegian public web sites) on every story of the
// built Storybook: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa; axe descends into the elements'
// open shadow roots) must find nothing, and every button, link and form control inside the omsorg
// elements must offer a target of at least 24×24 CSS px (WCAG 2.2 2.5.8; a radio or checkbox
// counts with its label, inline links in running text are exempt as WCAG allows).
//
//   npm run storybook:build && node --test test/a11y/stories-axe.test.mjs
//   A11Y_STORIES=elements-login--default,…  checks only these stories.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { AXE_PATH, launch, openStory, preparePage, serveStorybook } from './helpers.mjs';
import { AXE_RULESETS } from '../../.storybook/axe-rules.mjs';

// The same rule sets as Storybook's accessibility panel (.storybook/preview.ts).
const RULESETS = [...AXE_RULESETS];
const MIN_TARGET = 24;

/**
 * Stories are checked in this many browsers at once (each story loads Storybook's whole iframe).
 * One per two cores: on a 2-core machine the 122 stories took 90 s in one browser, 106 s in two
 * and 182 s in four (2026-12-03), each extra browser only taking CPU from the others.
 */
const PAGES = Number(process.env.A11Y_PAGES ?? Math.max(1, Math.floor(availableParallelism() / 2)));

let sb;
/** One browser per page: background tabs get no animation frames, which stories wait for. */
const chromes = [];
/** @type {import('puppeteer-core').Page[]} */
const pages = [];
before(async () => {
  sb = await serveStorybook();
  await Promise.all(
    Array.from({ length: PAGES }, async () => {
      const chrome = await launch();
      chromes.push(chrome);
      const page = await chrome.browser.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      await preparePage(page);
      pages.push(page);
    }),
  );
});
after(async () => {
  await Promise.all(chromes.map((c) => c.close()));
  await sb?.close();
});

/** Buttons, links and controls inside omsorg shadow roots smaller than 24×24 px. */
function smallTargets(min) {
  const found = [];
  const visit = (root, host) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot, el.localName);
      if (!host?.startsWith('omsorg-')) continue;
      if (!el.matches('button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not rendered (closed dialog and so on)
      // A radio or checkbox is hit through its label as well: measure the label.
      if (el.matches('input[type="radio"], input[type="checkbox"]')) {
        const label = el.closest('label') ?? (el.id ? root.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) rect = label.getBoundingClientRect();
      }
      // Inline links inside a sentence are exempt (2.5.8 "Inline").
      if (el.localName === 'a' && getComputedStyle(el).display === 'inline' && el.parentElement && /\S/.test([...el.parentElement.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(''))) continue;
      if (rect.width + 0.01 < min || rect.height + 0.01 < min) {
        found.push(`${host} ${el.localName}${el.id ? '#' + el.id : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`);
      }
    }
  };
  visit(document, undefined);
  return found;
}

/** axe-core and the target sizes on one story; returns the problems found. */
async function check(page, id) {
  // `--loading` stays loading on purpose (its answer is held): checked as it is.
  await openStory(page, sb.origin, id);
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ url: sb.origin + AXE_PATH });
  const result = await page.evaluate(
    (rulesets) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: rulesets } }),
    RULESETS,
  );
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 4).map((n) => `${n.target.flat().join(' >>> ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`).join('\n      ')}`);
  // Guard against axe silently skipping the shadow roots: a node inside a shadow root has a
  // target of nested selectors ([['omsorg-login', '.status']]).
  const hasShadowContent = await page.evaluate(() => {
    const visit = (root) => [...root.querySelectorAll('*')].some((el) => (el.localName.startsWith('omsorg-') && el.shadowRoot?.querySelector('h1,h2,h3,h4,h5,h6,p,button,a,input')) || (el.shadowRoot && visit(el.shadowRoot)));
    return visit(document);
  });
  const sawShadow = result.passes.some((r) => r.nodes.some((n) => n.target.some((part) => Array.isArray(part) && part.length > 1)));
  const small = await page.evaluate(smallTargets, MIN_TARGET);
  if (hasShadowContent && !sawShadow) return ['axe-core checked nothing inside the shadow roots'];
  return [...violations.map((v) => `axe ${v}`), ...small.map((s) => `target < ${MIN_TARGET}px: ${s}`)];
}

test('every story: no axe-core WCAG 2.1 A/AA violations and targets of at least 24×24 px', async (t) => {
  const only = process.env.A11Y_STORIES?.split(',').filter(Boolean);
  const ids = only ?? sb.ids;
  assert.ok(ids.length > 0, 'no stories in index.json');
  /** @type {Map<string, string[] | Error>} */
  const results = new Map();
  const queue = [...ids];
  await Promise.all(
    pages.map(async (page) => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        results.set(id, await check(page, id).catch((e) => e));
      }
    }),
  );
  const failures = [];
  for (const id of ids) {
    await t.test(id, () => {
      const r = results.get(id);
      if (r instanceof Error) throw r;
      if (r.length) failures.push(`${id}\n    ${r.join('\n    ')}`);
      assert.deepEqual(r, [], `${id}:\n    ${r.join('\n    ')}`);
    });
  }
  if (failures.length) console.log(`\n${failures.length} stories with problems:\n${failures.join('\n')}`);
});

/**
 * The states that bring each colour of the palette out: the default, errors (danger), successes,
 * notices and badges. Both ways into dark mode give the same palette (visual.test.mjs checks
 * that), so axe runs once, under Designsystemet's data-color-scheme="dark".
 */
const DARK_STATES = /--(default|server-error|signed-out|validation-error|cancelled|conflict|deadline-passed|new-message-errors|send-fails|step-up-needed|notices-saved|period-error|session-expiring|thread-closed|closed|no-consent|withdrawn|just-withdrawn)$/;

test('dark mode: no axe-core violations (contrast included) in the states that use each colour of every element', async (t) => {
  const page = pages[0];
  const cdp = await page.createCDPSession();
  const only = process.env.A11Y_STORIES?.split(',').filter(Boolean);
  const ids = (only ?? sb.ids).filter((id) => id.startsWith('elements-') && DARK_STATES.test(id));
  assert.ok(only || ids.length > 20, `${ids.length} dark states`);
  try {
    for (const [scheme, reader] of /** @type {const} */ ([['dark', 'light']])) {
      await cdp.send('Emulation.setEmulatedMedia', { media: '', features: [{ name: 'prefers-color-scheme', value: reader }] });
      for (const id of ids) {
        await t.test(`${id} (data-color-scheme=dark)`, async () => {
          await openStory(page, sb.origin, id, { scheme });
          if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ url: sb.origin + AXE_PATH });
          const dark = await page.evaluate(() => getComputedStyle(document.querySelector('.omsorg-story-root *') ?? document.body).colorScheme);
          assert.match(dark, /dark/, 'the story is in dark mode');
          const result = await page.evaluate((rulesets) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: rulesets } }), RULESETS);
          const problems = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.flat().join(' >>> ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('; ')}`);
          assert.deepEqual(problems, []);
        });
      }
    }
  } finally {
    await cdp.send('Emulation.setEmulatedMedia', { media: '', features: [] });
    await cdp.detach();
  }
});

test("Storybook's accessibility panel checks a story with the same rule sets, and finds nothing", async () => {
  const page = pages[0];
  const id = sb.ids.find((i) => i === 'elements-login--default');
  assert.ok(id, 'a login story');
  // The story as a designer opens it (the panel on): the addon's report arrives with the story's end.
  await page.evaluate(() => delete globalThis.__omsorgA11yReport);
  await page.evaluateOnNewDocument(() => {
    const hook = () => {
      const ch = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
      if (!ch) return void setTimeout(hook, 10);
      ch.on('storyFinished', (e) => {
        globalThis.__omsorgA11yReport = (e.reporters ?? []).find((r) => r.type === 'a11y') ?? null;
      });
    };
    hook();
  });
  await page.goto(`${sb.origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
  await page.evaluate(() => globalThis.__omsorgMockTimers?.open());
  await page.waitForFunction(() => globalThis.__omsorgA11yReport !== undefined, { polling: 50 });
  const report = await page.evaluate(() => {
    const r = globalThis.__omsorgA11yReport;
    return r && { status: r.status, runOnly: r.result?.toolOptions?.runOnly, violations: (r.result?.violations ?? []).map((v) => v.id), error: r.result?.error && String(r.result.error) };
  });
  assert.ok(report, 'the accessibility panel reported on the story');
  assert.equal(report.error, undefined);
  assert.deepEqual(report.runOnly, { type: 'tag', values: RULESETS });
  assert.deepEqual(report.violations, []);
  assert.equal(report.status, 'passed');
});
