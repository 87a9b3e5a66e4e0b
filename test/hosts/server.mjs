// A tiny static server for the hostile host pages (test/hosts/pages/), on 127.0.0.1 with an
// ephemeral port. It serves:
//   /<page>.html, /<file>           test/hosts/pages/ (in HTML, every `{{NONCE}}` becomes this
//                                   response's fresh nonce)
//   /omsorg.js, /omsorg-*.js        the built CDN bundle and its lazy chunks (also under any one
//                                   path segment: /a/omsorg.js, /b/omsorg-oidc-….js)
//   /v009/omsorg*.js                a patched copy whose VERSION is OTHER_VERSION ('0.0.9')
//   /omsorg-mocks.js                the offline mocks bundle (startMockWorker)
//   /mockServiceWorker.js           msw's service worker
//   /axe.min.js                     axe-core (same-origin, for page.addScriptTag({ url }))
//   /demo/<file>                    the demo's own files (demo/), with /demo/boot.js the offline
//                                   boot (demo/boot-mocks.js), as `serve-demo.mjs --offline`
// `headers(pathname, nonce)` adds per-page headers (a CSP, say) to every response; it is also
// asked for the worker script, whose own CSP governs the worker.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));
export const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));
export const cdnDir = join(root, 'packages/elements/dist/cdn');
const workerFile = join(root, 'node_modules/msw/lib/mockServiceWorker.js');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** The elements' VERSION (packages/elements/src/internal/version.ts), today '0.1.0'. */
export const VERSION = /VERSION = '([^']+)'/.exec(readFileSync(join(root, 'packages/elements/src/internal/version.ts'), 'utf8'))?.[1] ?? '?';
/** The version of the patched copy served at /v009/omsorg.js. */
export const OTHER_VERSION = VERSION === '0.0.9' ? '0.0.8' : '0.0.9';

/**
 * The CDN file with its VERSION changed. In the minified bundle VERSION is one string literal,
 * `const ae="0.1.0";function de(e,t){const n=globalThis.customElements…` (the constant, then
 * defineElement); the version is not repeated anywhere else (the elements' static
 * `omsorgVersion` refers to the same constant). Throws unless the literal occurs exactly once.
 */
export function patchVersion(text, from = VERSION, to = OTHER_VERSION) {
  const literal = `"${from}"`;
  const count = text.split(literal).length - 1;
  if (count !== 1) throw new Error(`expected the VERSION literal ${literal} once in omsorg.js, found it ${count} times`);
  // The source map would describe the unpatched file: drop the comment.
  return text.replace(literal, `"${to}"`).replace(/\n\/\/# sourceMappingURL=.*$/, '\n');
}

/**
 * The copy served under /v009/: each CDN script (omsorg.js and the chunks it imports, which the
 * copy loads from /v009/ too) with VERSION patched in the one file that holds the literal (the
 * entry, or a chunk when rollup moves shared code there). Throws unless exactly one file has it.
 * @param {Map<string, Buffer>} build
 * @returns {Map<string, string>} file name → patched text
 */
function patchedCopy(build, from = VERSION) {
  const literal = `"${from}"`;
  const scripts = [...build.keys()].filter((n) => /^omsorg[\w.-]*\.js$/.test(n) && n !== 'omsorg-mocks.js');
  const holders = scripts.filter((n) => build.get(n).toString('utf8').includes(literal));
  if (holders.length !== 1) throw new Error(`expected the VERSION literal ${literal} in one CDN file, found it in ${holders.length} (${holders.join(', ')})`);
  return new Map(holders.map((n) => [n, patchVersion(build.get(n).toString('utf8'), from)]));
}

const needed = () => [join(cdnDir, 'omsorg.js'), join(cdnDir, 'omsorg-mocks.js'), workerFile];

/**
 * Reads the built files into memory once, so a rebuild running meanwhile (rollup empties
 * dist/cdn/) cannot change them under a test. Waits a little for a build in progress.
 * @returns {Promise<Map<string, Buffer>>} file name → bytes (CDN files and the worker)
 */
async function snapshotBuild() {
  const end = Date.now() + 45_000;
  for (;;) {
    try {
      const files = new Map();
      for (const name of readdirSync(cdnDir)) {
        if (/^omsorg[\w.-]*\.js(\.map)?$/.test(name)) files.set(name, readFileSync(join(cdnDir, name)));
      }
      files.set('mockServiceWorker.js', readFileSync(workerFile));
      // Complete files only (rollup ends each with its source map comment).
      const whole = (name) => /\/\/# sourceMappingURL=\S+\s*$/.test(files.get(name)?.toString('utf8') ?? '');
      if (needed().every((f) => files.has(basename(f))) && whole('omsorg.js') && whole('omsorg-mocks.js')) return files;
    } catch {
      // dist/cdn/ is being rewritten: try again.
    }
    if (Date.now() > end) {
      const missing = needed().filter((f) => !existsSync(f));
      throw new Error(`${missing.join(', ') || 'the build'} is missing: run \`npx rollup -c rollup.config.mjs\` (or \`npm run build\`) first`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * @param {{ headers?: (pathname: string, nonce: string) => Record<string, string> }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: string[] }>}
 */
export async function startHostServer(options = {}) {
  const build = await snapshotBuild();
  const extra = options.headers ?? (() => ({}));
  const patched = patchedCopy(build);
  /** Every path asked for, in order (for debugging). */
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    requests.push(`${req.method} ${path}`);
    const nonce = randomBytes(16).toString('base64');
    const send = (status, body, type) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extra(path, nonce),
      });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', 'text/plain');
      if (path === '/mockServiceWorker.js') return send(200, build.get('mockServiceWorker.js'), types['.js']);
      if (path === '/axe.min.js') return send(200, await readFile(join(root, 'node_modules/axe-core/axe.min.js')), types['.js']);
      const demo = /^\/demo\/([\w.-]+)$/.exec(path);
      if (demo) {
        const name = demo[1] === 'boot.js' ? 'boot-mocks.js' : demo[1];
        const file = join(demoDir, name);
        if (!existsSync(file)) return send(404, 'not found', 'text/plain');
        return send(200, await readFile(file), types[extname(file)] ?? 'application/octet-stream');
      }
      const copy = /^\/v009\/(omsorg[\w.-]*\.js)$/.exec(path);
      if (copy && patched.has(copy[1])) return send(200, patched.get(copy[1]), types['.js']);
      const cdn = /^(?:\/[\w-]+)?\/(omsorg[\w.-]*\.js(?:\.map)?)$/.exec(path);
      if (cdn && build.has(cdn[1])) return send(200, build.get(cdn[1]), types[extname(cdn[1])]);
      if (path.startsWith('/api/')) {
        // The mock service worker answers /api; reaching the server means it is not running.
        return send(404, JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'msw is not active' }), 'application/problem+json');
      }
      const file = normalize(join(pagesDir, path === '/' ? 'index.html' : path));
      if (!file.startsWith(pagesDir) || file.includes(`${sep}.`) || !existsSync(file)) return send(404, 'not found', 'text/plain');
      const ext = extname(file);
      if (ext === '.html') return send(200, (await readFile(file, 'utf8')).replaceAll('{{NONCE}}', nonce), types[ext]);
      return send(200, await readFile(file), types[ext] ?? 'application/octet-stream');
    } catch (e) {
      send(500, String(e), 'text/plain');
    }
  });
  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
