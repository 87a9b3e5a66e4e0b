// Shared set-up of the browser journeys against the sandbox: a sandbox on a fresh PGlite
// database in a temporary folder, serving the demo and the built CDN file, and one Chromium page
// that records CSP violations and uncaught errors. `E2E_DEBUG=1` logs the page's console and
// every response.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, WAIT_MS, until as untilFn } from '../hosts/harness.mjs';
import { demoRoots } from '../../scripts/serve-demo.mjs';
import { startSandbox } from '../../packages/sandbox/src/index.js';

/**
 * @param {{ accessTokenTtl?: number, bff?: boolean }} [options]
 */
export async function startJourney(options = {}) {
  assert.ok(existsSync(join(demoRoots[1], 'omsorg.js')), 'packages/elements/dist/cdn/omsorg.js is missing: run `npm run build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'omsorg-e2e-'));
  const quiet = { log() {}, error: (/** @type {unknown[]} */ ...a) => console.error('[sandbox]', ...a) };
  const sandbox = await startSandbox({ port: 0, dataDir, demoDir: [...demoRoots], logger: quiet, ...options });
  const chromium = await launch();
  const page = await chromium.browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.setViewport({ width: 1280, height: 900 });
  const problems = { csp: /** @type {string[]} */ ([]), pageErrors: /** @type {string[]} */ ([]) };
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP-VIOLATION ${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`));
  });
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('CSP-VIOLATION') || /Content Security Policy/i.test(text)) problems.csp.push(text);
    if (process.env.E2E_DEBUG) console.error('CONSOLE', m.type(), text.slice(0, 300));
  });
  if (process.env.E2E_DEBUG) page.on('response', (r) => console.error('RES', r.status(), r.request().method(), r.url().replace(/^https?:\/\/[^/]+/, '').slice(0, 100)));
  page.on('pageerror', (e) => problems.pageErrors.push(String(e?.message ?? e)));

  /** Polls `fn` until truthy; the message names the page's address. */
  const until = (fn, what, ms = WAIT_MS) => untilFn(fn, `${what} at ${page.url()}`, ms);
  /** Waits until visible (`>>>` pierces shadow roots; visibility polling sees inside them). */
  const shown = (selector) => page.waitForSelector(selector, { visible: true });
  const click = async (selector) => {
    await shown(selector);
    await page.locator(selector).click();
  };
  const close = async () => {
    await chromium.close();
    await sandbox.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  };
  return { sandbox, page, problems, until, shown, click, close };
}
