// The omsorg custom elements from React 19, Vue 3 and Angular 21: each app in this folder
// (react/, vue/, angular/) is built (React and Vue with Vite's JS API, Angular with
// @angular/build's application builder, zoneless, AOT with strict templates), consuming the
// built packages (packages/*/dist through the packages' `import` export conditions: run
// `npm run build` first), served from 127.0.0.1 with msw's service worker, and driven in
// headless Chromium. Checked per framework:
//   - property path: the client set from the framework (`client={client}` / `:client.prop` /
//     `[client]`) loads the list;
//   - framework state → element: `when` toggled by a framework button flips the list to past
//     (React 19 sets it as a property because the element has one; Vue (`.attr`) and Angular
//     (`[attr.when]`) bind it as an attribute); `lang` on a wrapper element re-renders the
//     elements in English;
//   - element → framework state: `omsorg-appointment-cancel` (from an item's cancel button) and
//     `omsorg-appointment-cancelled` (completing the dialog) update state the app renders;
//   - no page errors.
// Also: the React app (and vue/types-check.mts) type-check against the generated
// dist/frameworks/jsx.d.ts and vue.d.ts (scripts/framework-types.mjs), which they import as
// `@omsorg/elements/jsx` and `/vue`; the Angular build type-checks its template
// (strictTemplates) with handlers typed from `@omsorg/elements/angular`, and fails on any error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { buildApplication } from '@angular/build';
import { DEADLINE_MARGIN_MS } from '@omsorg/fixtures';
import { launch, watchedPage, until, shown, click } from '../hosts/harness.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const workerFile = join(root, 'node_modules/msw/lib/mockServiceWorker.js');
const run = promisify(execFile);

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json; charset=utf-8' };

/** Builds one app with Vite into a temporary folder. */
async function buildApp(name, outDir) {
  await build({
    root: join(here, name),
    configFile: false,
    logLevel: 'warn',
    base: '/',
    plugins: name === 'vue' ? [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('omsorg-') } } })] : [],
    oxc: name === 'react' ? { jsx: { runtime: 'automatic', importSource: 'react' } } : undefined,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { outDir, emptyOutDir: true, sourcemap: false, minify: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  });
}

/**
 * Builds the Angular app with @angular/build's application builder, called directly with the
 * few parts of an Architect context it reads (no angular.json, no CLI). The persistent cache is
 * off: it needs lmdb's native addon, whose install script does not run here.
 */
async function buildAngular(outDir) {
  const dir = 'test/frameworks/angular';
  const messages = [];
  const note = (level) => (m) => messages.push(`${level}: ${m}`);
  const logger = { debug() {}, info() {}, log() {}, warn: note('warn'), error: note('error'), fatal: note('fatal'), createChild: () => logger };
  const context = {
    workspaceRoot: root,
    target: { project: 'omsorg-angular-fixture', target: 'build' },
    logger,
    getProjectMetadata: async () => ({ root: dir, sourceRoot: dir, cli: { cache: { enabled: false } } }),
    addTeardown() {},
    signal: new AbortController().signal,
  };
  const options = {
    browser: `${dir}/main.ts`,
    index: `${dir}/index.html`,
    tsConfig: `${dir}/tsconfig.json`,
    outputPath: { base: outDir, browser: '' },
    polyfills: [],
    optimization: true,
    sourceMap: false,
    outputHashing: 'none',
    progress: false,
    watch: false,
  };
  for await (const result of buildApplication(options, context)) {
    assert.ok(result.success, `the Angular build failed:\n${messages.join('\n')}`);
  }
  assert.deepEqual(messages.filter((m) => !m.startsWith('warn')), [], 'the Angular build logged errors');
}

/** A static server for a built app plus msw's worker; resolves to its origin. */
function serve(dir) {
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      const file = pathname === '/mockServiceWorker.js' ? workerFile : normalize(join(dir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
      if (file !== workerFile && !file.startsWith(dir + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

/** What the test reads from the page: the app's state output and the list's shadow DOM. */
const read = (page) =>
  page.evaluate(() => {
    const state = document.getElementById('state')?.dataset ?? {};
    const list = document.querySelector('omsorg-appointment-list');
    const r = list?.shadowRoot;
    return {
      boot: document.documentElement.dataset.appBoot ?? null,
      state: { ...state },
      whenAttr: list?.getAttribute('when') ?? null,
      busy: r?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
      toggles: [...(r?.querySelectorAll('button[part~="toggle-button"]') ?? [])].map((b) => ({ text: b.textContent?.trim(), pressed: b.getAttribute('aria-pressed') })),
      items: [...(r?.querySelectorAll('li[part~="item"][data-id]') ?? [])].map((li) => ({
        id: li.getAttribute('data-id'),
        // One a reader can press: not a visit of a recurring series that is closed.
        cancellable: !!li.querySelector('button[part~="cancel-button"]') && !li.closest('ul[hidden]'),
        deadline: li.querySelector('[part~="deadline"] time')?.getAttribute('datetime') ?? null,
      })),
      user: document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    };
  });

const FRAMEWORKS = ['react', 'vue', 'angular'];
let tmp;
let chrome;
const apps = {};

before(async () => {
  for (const f of ['packages/elements/dist/define.js', 'packages/sdk/dist/index.js', 'packages/mocks/dist/browser.js']) {
    assert.ok(existsSync(join(root, f)), `${f} is missing: run \`npm run build\` first`);
  }
  tmp = await mkdtemp(join(tmpdir(), 'omsorg-frameworks-'));
  await Promise.all(
    FRAMEWORKS.map(async (name) => {
      const out = join(tmp, name);
      if (name === 'angular') await buildAngular(out);
      else await buildApp(name, out);
      apps[name] = await serve(out);
    }),
  );
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  for (const a of Object.values(apps)) a.server.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it('the apps type-check against the generated typings, which they get from the package alone (@omsorg/elements/jsx, /vue, /angular)', async () => {
  const dir = join(root, 'packages/elements/dist/frameworks');
  for (const f of ['jsx.d.ts', 'vue.d.ts', 'angular.d.ts']) {
    assert.ok(existsSync(join(dir, f)), `dist/frameworks/${f} is missing: run \`node scripts/framework-types.mjs\``);
    // The elements package declares no dependency on React or Vue: the typings only augment them.
    assert.doesNotMatch(await readFile(join(dir, f), 'utf8'), /\bfrom\s*['"](react|vue)['"]|import\(\s*['"](react|vue)['"]/, `${f} imports react/vue`);
  }
  // As an app outside this repository would: through the package's exports, not a path into dist/.
  for (const name of ['react', 'vue', 'angular']) {
    assert.doesNotMatch(await readFile(join(here, name, 'tsconfig.json'), 'utf8'), /dist\/frameworks/, `${name}/tsconfig.json points into dist/`);
  }
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // React: main.tsx itself. Vue: vue/types-check.mts (vue-tsc is not installed, so not App.vue).
  await Promise.all(
    ['react', 'vue'].map((name) =>
      run(process.execPath, [tsc, '--noEmit', '-p', join(here, name, 'tsconfig.json')], { cwd: root }).catch((e) => {
        assert.fail(`tsc -p test/frameworks/${name}/tsconfig.json failed:\n${e.stdout}${e.stderr}`);
      }),
    ),
  );
});

for (const name of FRAMEWORKS) {
  describe(`${name}`, () => {
    it('passes the client as a property, when/lang from state, and gets both events back', async () => {
      const { page, seen } = await watchedPage(chrome.browser);
      try {
        await page.goto(`${apps[name].origin}/`);
        await page.waitForFunction(() => document.documentElement.dataset.appBoot, { polling: 50 });
        assert.equal((await read(page)).boot, 'ready', 'the app booted (mock worker + render)');

        // Property path: the client set by the framework loads the appointments.
        await shown(page, 'omsorg-appointment-list >>> li[part~="item"][data-id]');
        const upcoming = await until(async () => {
          const s = await read(page);
          return !s.busy && s.items.length > 0 && s.user ? s : null;
        }, 'the list and the login to show data');
        assert.equal(upcoming.whenAttr, 'upcoming');
        assert.match(upcoming.user, /Ola Nordmann/);
        assert.deepEqual(upcoming.toggles.map((t) => t.pressed), ['true', 'false']);
        assert.deepEqual(upcoming.toggles.map((t) => t.text), ['Kommende', 'Tidligere'], 'bokmål by default');

        // Framework state → `when`: the list flips to past.
        await page.click('#toggle-when');
        const past = await until(async () => {
          const s = await read(page);
          return s.whenAttr === 'past' && s.toggles[1]?.pressed === 'true' && !s.busy && s.items.length > 0 ? s : null;
        }, 'the list to show past appointments');
        assert.equal(past.state.when, 'past');
        const upcomingIds = new Set(upcoming.items.map((i) => i.id));
        assert.ok(past.items.every((i) => !upcomingIds.has(i.id)), 'past shows other appointments than upcoming');
        await page.click('#toggle-when');
        await until(async () => {
          const s = await read(page);
          return s.whenAttr === 'upcoming' && !s.busy && s.items.length > 0;
        }, 'the list to be back to upcoming');

        // Cancel intent → framework state.
        // One whose deadline cannot pass while the test runs (the mocks use the real clock).
        const target = (await read(page)).items.find((i) => i.cancellable && Date.parse(i.deadline ?? '') - Date.now() > DEADLINE_MARGIN_MS);
        assert.ok(target, 'an upcoming appointment can be cancelled');
        await click(page, `omsorg-appointment-list >>> li[data-id="${target.id}"] button[part~="cancel-button"]`);
        await until(async () => (await read(page)).state.intents === '1', 'the intent event to reach framework state');
        assert.equal((await read(page)).state.lastIntent, target.id);
        assert.match(await page.$eval('#state', (el) => el.textContent), new RegExp(`intents=1 last=${target.id}`));

        // Completing the dialog → omsorg-appointment-cancelled → framework state.
        await click(page, 'omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
        await click(page, 'omsorg-cancel-dialog >>> [part~="confirm-button"]');
        await shown(page, 'omsorg-cancel-dialog >>> [part~="outcome"]');
        await until(async () => (await read(page)).state.cancelled === '1', 'the outcome event to reach framework state');
        const done = await read(page);
        assert.ok(done.state.lastCancelled.startsWith(`${target.id}:`), `last cancelled ${done.state.lastCancelled}`);
        assert.match(await page.$eval('#state', (el) => el.textContent), /cancelled=1/);
        await click(page, 'omsorg-cancel-dialog >>> [part~="close-button"]');
        await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });

        // `lang` on the framework's wrapper → English.
        await page.click('#toggle-lang');
        await until(async () => {
          const s = await read(page);
          return s.toggles.map((t) => t.text).join('|') === 'Upcoming|Past';
        }, 'the list to re-render in English');

        assert.deepEqual(seen.pageErrors, [], 'no page errors');
        const errors = seen.console.filter((m) => m.type === 'error');
        assert.deepEqual(errors, [], 'no console errors');
      } finally {
        await page.close();
      }
    });
  });
}
