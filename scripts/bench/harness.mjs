// Shared plumbing of the browser benchmarks: a page bundled in memory from the built packages
// (as a consumer's bundler would), a static server on loopback, and headless Debian Chromium.
import { createServer } from 'node:http';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { findChromium } from '../browsers.mjs';

/** Bundles `input` into one ES module (browser builds). */
export async function bundlePage(input, { external } = {}) {
  const b = await rollup({ input, plugins: [nodeResolve({ browser: true })], ...(external ? { external } : {}), onwarn: () => {} });
  const { output } = await b.generate({ format: 'es', inlineDynamicImports: true });
  await b.close();
  return output[0].code;
}

/**
 * Serves `files` ({ '/path': [contentType, body, extraHeaders?] }) on 127.0.0.1, no-store.
 * Resolves with the origin and a close function.
 */
export async function serveFiles(files) {
  const server = createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store', ...(f[2] ?? {}) });
    res.end(f[1]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Headless Debian Chromium with the flags this machine needs. */
export async function launchChromium() {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}
