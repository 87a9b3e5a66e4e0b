// @web/test-runner: every element, SDK and mocks test runs in three engines, all from Debian:
//   chromium  Chromium through puppeteer-core (CDP); coverage comes from here only
//   firefox   Firefox ESR through puppeteer-core (WebDriver BiDi)
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver + webdriverio (WebDriver classic),
//             on a virtual X display (Xvfb) that this config starts and stops with the driver
// OMSORG_BROWSERS=chromium,firefox picks engines (default: all three). A missing engine is
// installed with apt when we are root, otherwise we fail at once with the install command.
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { readFileSync, existsSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { failedFilesReporter, keyChordPlugin, pageHooksPlugin } from './test/runner/plugins.mjs';
import { testBundlesPlugin } from './test/runner/bundles.mjs';
import {
  selectedEngines, ensureEngines, findChromium, findFirefox, findWebKitDriver, findMiniBrowser, findXvfb,
} from './scripts/browsers.mjs';

const mswWorker = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

const engines = selectedEngines();
ensureEngines(engines);

// Each test page gets its own browser context: with two pages in one context the one in the
// background runs no animation frames, and fixture()/until() would hang. Own contexts also keep
// msw's service worker registrations and storage apart between test files.
const pageInOwnContext = async ({ browser }) => (await browser.createBrowserContext()).newPage();

/** What a test page shows, read in the page: see describeStalls. */
function pageState() {
  const p = window.__omsorgProgress;
  return {
    href: location.href, readyState: document.readyState, bodyChars: document.body?.innerHTML.length ?? 0,
    worker: navigator.serviceWorker?.controller?.state ?? 'none',
    // The runner's socket, which carries the results (0 connecting, 1 open, 2-3 closed).
    socket: window.__WDS_WEB_SOCKET__?.webSocket?.readyState ?? 'none',
    progress: p ? { ...p, forMs: p.since ? Date.now() - p.since : undefined } : 'none (the page hooks did not load)',
  };
}

/**
 * When the runner stops a page because its tests did not finish in time, first say what the page
 * shows (pageState: which test and which wait it was in and for how long, whether its tests had
 * ended, requests the mock API has not answered, the service worker and the runner's socket), or
 * that it did not answer, and keep a screenshot in the temp folder. The runner itself says only
 * that the file did not finish. `page.evaluate(id, fn)` and `page.screenshot(id)` (PNG, base64)
 * reach the session's page in this launcher.
 */
function describeStalls(launcher, name, page) {
  const startedAt = new Map();
  const { startSession, stopSession } = launcher;
  launcher.startSession = function (id, url) {
    startedAt.set(id, Date.now());
    return startSession.call(this, id, url);
  };
  launcher.stopSession = async function (id) {
    const started = startedAt.get(id);
    startedAt.delete(id);
    if (started !== undefined && Date.now() - started >= this.config.testsFinishTimeout - 1000) {
      // (Promise.resolve().then: a page already gone throws at once, and must not stop the stopping.)
      const state = await withTimeout(Promise.resolve().then(() => page.evaluate.call(this, id, pageState)), 10_000, 'asking the page what it shows')
        .catch((err) => ({ error: err?.message ?? String(err) }));
      const shot = join(tmpdir(), `omsorg-${name.toLowerCase()}-stalled-${Date.now()}.png`);
      const saved = await withTimeout(Promise.resolve().then(() => page.screenshot.call(this, id)), 10_000, 'a screenshot')
        .then((png) => (writeFileSync(shot, png, 'base64'), `screenshot ${shot}`), (err) => `no screenshot (${err?.message ?? err})`);
      say(`${name}: a test page that did not finish in time: ${JSON.stringify(state)}; ${saved}`);
    }
    return stopSession.call(this, id);
  };
  return launcher;
}

/** describeStalls for launchers on puppeteer (Chromium, Firefox). */
const puppeteerPage = {
  evaluate(id, fn) { return this.getPage(id).evaluate(fn); },
  screenshot(id) { return this.getPage(id).screenshot({ encoding: 'base64' }); },
};

function chromium() {
  return describeStalls(chromeLauncher({
    createPage: pageInOwnContext,
    launchOptions: {
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  }), 'Chromium', puppeteerPage);
}

function firefox() {
  return describeStalls(chromeLauncher({
    puppeteer: puppeteerCore,
    // One test page at a time. Unlike headless Chromium, which lets every page keep its own
    // focus, Firefox has one focused window: a second page running at the same time takes focus
    // and keyboard input away from the first (Tab/Enter tests then fail at random). Measured: the
    // whole suite takes as long with 1 as with 2 pages.
    concurrency: 1,
    // A window of its own (not a tab of the first window, which would be in the background and
    // get about one animation frame a second).
    createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage({ type: 'window' }),
    launchOptions: {
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
    },
  }), 'Firefox', puppeteerPage);
}

// ---- WebKitGTK: WebKitWebDriver (+ Xvfb) started and stopped with the launcher -------------

const children = new Set();
function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch {} }
}
// Last resort when wtr exits without stopping its launchers (Ctrl-C, crash).
process.once('exit', () => { for (const c of children) killGroup(c, 'SIGKILL'); });

// wtr stops without a word on SIGINT, and an error it logs while stopping can be lost when it
// exits right after: say it here, synchronously, so a run that ends early tells why.
const say = (line) => {
  try { writeSync(2, `\n[omsorg test runner] ${line}\n`); } catch {}
};
process.on('SIGINT', () => say('SIGINT received: the run stops'));
process.on('uncaughtExceptionMonitor', (err, origin) => say(`${origin}: ${err?.stack ?? err}`));
process.once('exit', (code) => { if (code) say(`exiting with code ${code}`); });

function spawnGroup(cmd, args, options) {
  // detached: own process group, so the driver's MiniBrowser and WebKit helper processes
  // go down with it.
  const child = spawn(cmd, args, { detached: true, ...options });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    // Not stopped by stopGroup: it went down on its own, and the run will fail because of it.
    if (!stopping.has(child)) say(`${cmd.split('/').pop()} exited on its own (code ${code}, signal ${signal})`);
  });
  return child;
}

/** Children being stopped on purpose (their exit is not news). */
const stopping = new WeakSet();
async function stopGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** `promise`, or a rejection naming `what` after `ms`. */
function withTimeout(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startXvfb() {
  const xvfb = spawnGroup(findXvfb(), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr.on('data', (d) => { stderr += d; });
  let timer;
  const display = await new Promise((resolve, reject) => {
    let out = '';
    // Xvfb picks a free display number and writes it to fd 3 once it is ready.
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
    timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${stderr}`)), 10000);
  }).finally(() => clearTimeout(timer));
  return { xvfb, display };
}

async function waitForDriver(port, child) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not answer on /status');
}

/** Test files per MiniBrowser before a fresh one starts (see WebKitLauncher.startSession). */
const WEBKIT_FILES_PER_BROWSER = 12;
/**
 * How long a new MiniBrowser session may take to start (it takes a second or two), and how many
 * fresh WebKitWebDriver processes are tried before the run gives up. In one CI run of 2026-12-04
 * the second session's request hung until undici's 300 s limit, and every later test file failed.
 */
const WEBKIT_SESSION_MS = 30_000;
const WEBKIT_SESSION_TRIES = 3;

async function webkit() {
  // Loaded only when WebKit is asked for, so chromium/firefox-only runs need no webdriverio.
  const { WebdriverLauncher } = await import('@web/test-runner-webdriver');
  const { remote } = await import('webdriverio');
  // The launcher's one-page session manager; the package does not export it by name.
  const { SessionManager } = createRequire(import.meta.url)('./node_modules/@web/test-runner-webdriver/dist/SessionManager.js');

  class WebKitLauncher extends WebdriverLauncher {
    constructor() {
      super({
        hostname: '127.0.0.1',
        port: 0,
        logLevel: 'error',
        connectionRetryCount: 1,
        // How long one WebDriver command may take (webdriverio's default is 120 s). Opening the
        // next test file is one command, and on a busy machine it has taken longer than that.
        connectionRetryTimeout: 300_000,
        capabilities: {
          browserName: 'MiniBrowser',
          // webdriverio 9 asks for BiDi by default; WebKitGTK refuses that session.
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation'] },
        },
      });
      // One page at a time: the webdriver launcher then drives one top-level page (its
      // SessionManager) instead of iframes, so focus, keyboard and pointer actions behave as in
      // a real window.
      this.concurrency = 1;
    }

    async initialize(config, testFiles) {
      // A display of its own, even on a desktop: no windows pop up, and nobody's clicks take
      // focus away from the test page.
      const { xvfb, display } = await startXvfb();
      this.xvfb = xvfb;
      this.display = display;
      await this.startDriver();
      await super.initialize({ ...config, concurrency: 1 }, testFiles);
      this.name = 'WebKit';
    }

    /** WebKitWebDriver on a free port, in a process group of its own with the browsers it starts. */
    async startDriver() {
      const port = await freePort();
      this.driverProcess = spawnGroup(findWebKitDriver(), [`--port=${port}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DISPLAY: this.display, GDK_BACKEND: 'x11', WAYLAND_DISPLAY: '' },
      });
      this.driverProcess.stderr.on('data', (d) => { if (process.env.OMSORG_DEBUG_WEBKIT) process.stderr.write(d); });
      await waitForDriver(port, this.driverProcess);
      this.options.port = port;
    }

    /**
     * The browser and its driver go, and a new driver starts: nothing of the old MiniBrowser
     * (its web process, a hung session) can hold up the next one.
     */
    async restartDriver() {
      clearInterval(this.pendingHeartbeat);
      const old = this.driver;
      this.driver = undefined;
      this.driverManager = undefined;
      if (old) await withTimeout(old.deleteSession(), 10_000, 'closing the browser').catch((err) => say(`WebKit: ${err?.message ?? err}`));
      await stopGroup(this.driverProcess);
      await this.startDriver();
    }

    /**
     * The launcher's own createDriverManager, with a time limit on the new session: one that
     * does not start in time is abandoned with its driver, and a fresh driver tries again.
     */
    async createDriverManager() {
      for (let attempt = 1; ; attempt++) {
        const session = remote({ logLevel: 'error', ...this.options });
        try {
          this.driver = await withTimeout(session, WEBKIT_SESSION_MS, 'a new MiniBrowser session');
          this.driverManager = new SessionManager(this.config, this.driver, false);
          this.setupHeartbeat();
          return this.driverManager;
        } catch (err) {
          session.catch(() => {}); // an abandoned attempt fails later, when its driver is stopped
          if (this.stopping || attempt >= WEBKIT_SESSION_TRIES) {
            await this.stop();
            throw err;
          }
          say(`WebKit: ${err?.message ?? err}; trying again with a fresh WebKitWebDriver (${attempt + 1} of ${WEBKIT_SESSION_TRIES})`);
          await this.restartDriver();
        }
      }
    }

    /**
     * A fresh MiniBrowser every WEBKIT_FILES_PER_BROWSER test files. One web process for the
     * whole run grew past 1 GB, and in full CI runs opening a test file around the 45th then
     * timed out (2 runs in 3, none when WebKit ran alone).
     */
    async startSession(id, url) {
      this.filesInBrowser = (this.filesInBrowser ?? 0) + 1;
      if (this.filesInBrowser > WEBKIT_FILES_PER_BROWSER && this.driver) {
        this.filesInBrowser = 1;
        await this.restartDriver();
      }
      await this.ensureManagerInitialized();
      // wtr's SessionManager does not wait for the page to open, so a failure there would be an
      // unhandled rejection that stops the whole run without a word: report it, and let the
      // file fail on wtr's testsStartTimeout with this reason above it.
      this.driverManager.urlMap.set(id, url); // what SessionManager.startSession does first
      this.driver.navigateTo(url).catch((err) => {
        if (!this.stopping) say(`WebKit: opening ${url} failed: ${err?.message ?? err}`);
      });
    }

    async stop() {
      this.stopping = true;
      await super.stop();
      await stopGroup(this.driverProcess);
      await stopGroup(this.xvfb);
    }
  }
  return describeStalls(new WebKitLauncher(), 'WebKit', {
    evaluate(_id, fn) { return this.driver.execute(fn); },
    screenshot() { return this.driver.takeScreenshot(); },
  });
}

const launchers = { chromium, firefox, webkit };
// Coverage is measured in Chromium only (below).
const coverage = engines.includes('chromium') && process.env.OMSORG_COVERAGE !== 'off';
const root = fileURLToPath(new URL('.', import.meta.url));
const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const conditions = ['source', 'browser'];
const browsers = await Promise.all(engines.map((e) => launchers[e]()));

/** The test files: the runner's, and the ones the test pages' bundles are built from. */
const testFiles = ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'];

export default {
  rootDir: '.',
  files: testFiles,
  nodeResolve: { exportConditions: conditions },
  // 2 cores: two test files at a time in Chromium, alone; one at a time in Firefox and in WebKit,
  // and those two side by side (each keeps its own focus: Firefox headless, WebKit on its own
  // virtual display), so `test:unit:engines` runs Chromium, then Firefox and WebKit together.
  concurrency: 2,
  concurrentBrowsers: engines.includes('chromium') ? 1 : 2,
  // Generous limits: a test waits on conditions, never on time, so these only decide how long a
  // broken test takes to fail, and a 2-core machine under other work must not fail a good one.
  testFramework: { config: { timeout: 60000 } },
  // WebKit may need a fresh driver or two for a new browser (WEBKIT_SESSION_MS, _TRIES).
  browserStartTimeout: 120000,
  testsStartTimeout: 60000,
  // A whole file: the longest takes under a minute in a full CI run. 15 minutes here once let one
  // WebKit file that stopped answering hold CI up for all of it (2026-12-04); 5 are plenty.
  testsFinishTimeout: 300000,
  plugins: [
    // Fewer modules per test page: with coverage node_modules in shared chunks, else whole test
    // files (test/runner/bundles.mjs says why). Whole files are bundled once, at the start, so a
    // run that watches for changes serves the project's modules one by one.
    testBundlesPlugin({
      mode: coverage || process.argv.includes('--watch') ? 'dependencies' : 'whole',
      root, files: testFiles, tsconfig, conditions,
    }),
    pageHooksPlugin(), keyChordPlugin(),
    // TypeScript only: the browsers run the sources' syntax as written, and the .js files (the
    // bundles' chunks, the runner's own modules) are served untouched ('esnext' skips them).
    esbuildPlugin({ ts: true, tsconfig, target: 'esnext' }),
  ],
  middleware: [
    // msw's service worker must be served from the root so its scope covers the test pages.
    function mswWorkerAtRoot(context, next) {
      if (context.path === '/mockServiceWorker.js' && existsSync(mswWorker)) {
        context.type = 'application/javascript';
        context.body = readFileSync(mswWorker, 'utf8');
        return;
      }
      return next();
    },
  ],
  browsers,
  reporters: [defaultReporter(), failedFilesReporter()],
  // Coverage is measured (and its thresholds enforced) from Chromium only: Firefox and WebKit
  // report none, and sessions without coverage are left out of the merge.
  // (OMSORG_COVERAGE=off: a re-run of a few files, which would fall below the thresholds.)
  coverage,
  coverageConfig: {
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov'],
    include: ['packages/sdk/src/**/*.ts', 'packages/elements/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/test/**', '**/node_modules/**', '**/generated/**'],
    threshold: { lines: 80, statements: 80, functions: 70, branches: 60 },
  },
};
