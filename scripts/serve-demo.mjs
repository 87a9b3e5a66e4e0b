// Serves the demo municipality page (demo/) with the built CDN files, under a strict CSP.
//   node scripts/serve-demo.mjs            → http://127.0.0.1:8080/
//   PORT=9000 HOST=0.0.0.0 node scripts/serve-demo.mjs
//   CSP_CONNECT="https://idp.example https://api.example" adds origins to connect-src (OIDC mode).
// `npm start` builds first. The API is mocked in the browser (msw) at same-origin /api.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('..', import.meta.url));
const demoDir = `${root}demo`;
const cdnDir = `${root}packages/elements/dist/cdn`;
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(`${cdnDir}/omsorg.js`) || !existsSync(`${cdnDir}/omsorg-mocks.js`)) {
  console.error('packages/elements/dist/cdn/omsorg.js is missing: run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
if (!existsSync(`${demoDir}/mockServiceWorker.js`)) {
  console.error('demo/mockServiceWorker.js is missing: run `npm run msw:init` (part of `npm run build`).');
  process.exit(1);
}

const extraConnect = (process.env.CSP_CONNECT ?? '').split(/\s+/).filter(Boolean).join(' ');
export const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  `connect-src 'self'${extraConnect ? ` ${extraConnect}` : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function headers(res, pathname) {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // HTML is never cached (a citizen's page); scripts revalidate on every load (a dev server).
  res.setHeader('Cache-Control', /\.html?$|\/$/.test(pathname) ? 'no-store' : 'no-cache');
}

const opts = { dev: true, etag: true, dotfiles: false, setHeaders: headers };
const demo = sirv(demoDir, opts);
const cdn = sirv(cdnDir, opts);

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const notFound = () => {
    headers(res, path);
    res.statusCode = 404;
    if (path.startsWith('/api/')) {
      // The mock service worker answers /api; reaching the server means it is not running yet.
      res.setHeader('Content-Type', 'application/problem+json');
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'The demo API runs in the browser (msw); the service worker is not active.' }));
    } else {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found');
    }
  };
  // /omsorg.js, /omsorg-mocks.js, lazily loaded chunks (/omsorg-oidc-*.js) and their maps.
  if (/^\/omsorg[\w.-]*\.js(\.map)?$/.test(path)) return cdn(req, res, notFound);
  return demo(req, res, notFound);
});

server.listen(port, host, () => {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  console.log(`Fjordvik kommune demo: http://${shown}:${port}/   (Ctrl+C to stop)`);
});

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
