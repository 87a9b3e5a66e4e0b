// @web/test-runner: every *.test.ts under packages/ runs in Debian's Chromium (headless).
// Firefox ESR and WebKitGTK join in the quality-gates work (see docs/architecture.md).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { readFileSync, existsSync } from 'node:fs';
import { findChromium } from './scripts/browsers.mjs';

const mswWorker = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

export default {
  rootDir: '.',
  files: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)), target: 'es2022' })],
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
  browsers: [
    chromeLauncher({
      // Each test page gets its own browser context: with two pages in one context the one in
      // the background runs no animation frames, and fixture()/until() would hang.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  coverage: true,
  coverageConfig: {
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov'],
    include: ['packages/sdk/src/**/*.ts', 'packages/elements/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/test/**', '**/node_modules/**', '**/generated/**'],
    threshold: { lines: 80, statements: 80, functions: 70, branches: 60 },
  },
};
