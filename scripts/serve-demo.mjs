// Serves the demo municipality page (demo/) with the built CDN files, under a strict CSP.
//
//   node scripts/serve-demo.mjs             the SANDBOX (default): http://127.0.0.1:8080/ is the
//                                           demo page + the API (/v1) + the OpenID provider
//                                           (/oidc) + the backend-for-frontend (/bff) on one
//                                           origin, real sign-in through the BFF (the production
//                                           shape: one HttpOnly cookie, no token in the browser),
//                                           data in .sandbox-data/ (PGlite)
//   node scripts/serve-demo.mjs --auth=browser   the same without the BFF: sign-in in the browser
//                                           (oidc-client-ts: code flow, PKCE, DPoP), for
//                                           providers that allow public clients
//   node scripts/serve-demo.mjs --offline   the OFFLINE demo: the API is mocked in the browser
//                                           (msw, same-origin /api), mock sign-in
//
// Options: --port N (or PORT; default 8080), --host ADDR (or HOST; default 127.0.0.1),
// sandbox only: --data-dir DIR (or SANDBOX_DATA_DIR), --reset (fresh test data first),
// DATABASE_URL=postgres://… (PostgreSQL instead of PGlite), SANDBOX_DB_SCHEMA, --records=fhir (or
// OMSORG_RECORDS=fhir: the record system is a FHIR R4 server, OMSORG_FHIR_URL or a development one);
// offline only: CSP_CONNECT="https://idp.example https://api.example" adds origins to connect-src.
// `npm start` builds first. Both modes serve demo/index.html; /boot.js is demo/boot.js (OIDC
// against the sandbox) or demo/boot-mocks.js (msw) depending on the mode.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const demoDir = join(root, 'demo');
const cdnDir = join(root, 'packages/elements/dist/cdn');

/** The static roots of the sandbox mode, first match wins (also used by test/e2e). */
export const demoRoots = Object.freeze([demoDir, cdnDir]);

const extraConnect = (process.env.CSP_CONNECT ?? '').split(/\s+/).filter(Boolean).join(' ');
/** The offline server's CSP (the sandbox sends its own, packages/sandbox/src/server.js). */
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

const USAGE = `node scripts/serve-demo.mjs [--offline] [--auth=bff|browser] [--port N] [--host ADDR] [--data-dir DIR] [--reset] [--records=sql|fhir]

  (default)   the sandbox: demo page + API (/v1) + OpenID provider (/oidc) + BFF (/bff), real sign-in
  --auth=browser  sandbox without the BFF: sign-in in the browser (oidc-client-ts, public client)
  --offline   the offline demo on the msw mocks (no backend)
  --reset     sandbox: load fresh test data (relative to today) before starting
  --records=fhir  sandbox: the record system is a FHIR R4 server (OMSORG_RECORDS=fhir does the same;
              OMSORG_FHIR_URL names one, else a development server in memory); default sql
`;

function fail(message) {
  console.error(message);
  process.exit(1);
}

function needBuild(files) {
  for (const f of files) {
    if (!existsSync(f)) fail(`${f.slice(root.length)} is missing: run \`npm run build\` (or \`npm start\`) first.`);
  }
}

/** @param {{ port: number, host: string }} o */
async function serveOffline({ port, host }) {
  needBuild([join(cdnDir, 'omsorg.js'), join(cdnDir, 'omsorg-mocks.js')]);
  if (!existsSync(join(demoDir, 'mockServiceWorker.js'))) {
    fail('demo/mockServiceWorker.js is missing: run `npm run msw:init` (part of `npm run build`).');
  }
  const { default: sirv } = await import('sirv');

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
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
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
    // The page's boot script in this mode: start the mocks, then the omsorg tag with mock sign-in.
    if (path === '/boot.js') req.url = `/boot-mocks.js${url.search}`;
    // /omsorg.js, /omsorg-mocks.js, lazily loaded chunks (/omsorg-oidc-*.js) and their maps.
    if (/^\/omsorg[\w.-]*\.js(\.map)?$/.test(path)) return cdn(req, res, notFound);
    return demo(req, res, notFound);
  });

  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, host, ok);
  });
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  const { port: actual } = server.address();
  console.log(`Fjordvik kommune demo (OFFLINE, msw mocks, mock sign-in): http://${shown}:${actual}/   (Ctrl+C to stop)`);
  console.log('The real flow (sandbox with OpenID provider and database): node scripts/serve-demo.mjs');
  return () => new Promise((ok) => server.close(() => ok()));
}

const NOTES = {
  'psn-ola-7f3a': '86, home nursing, practical help, day centre, safety alarm',
  'psn-kari-2c91': "Ola's daughter, acts for her father",
  'psn-per-51d0': 'acts for his daughter Emma, 9',
};

/** @param {{ port: number, host: string, dataDir?: string, reset: boolean, bff: boolean, records?: string }} o */
async function serveSandbox({ port, host, dataDir: dir, reset, bff, records }) {
  needBuild([join(cdnDir, 'omsorg.js')]);
  const sandboxSrc = join(root, 'packages/sandbox/src');
  const [{ startSandbox, DEFAULT_DATA_DIR, openDatabase, dropSchema, migrate, seed }, { testPersons }] = await Promise.all([
    import(pathToFileURL(join(sandboxSrc, 'index.js')).href),
    import(pathToFileURL(join(sandboxSrc, 'oidc/persons.js')).href),
  ]);
  const dataDir = dir ?? process.env.SANDBOX_DATA_DIR ?? DEFAULT_DATA_DIR;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = process.env.SANDBOX_DB_SCHEMA || undefined;

  if (reset) {
    const db = await openDatabase({ dataDir: join(dataDir, 'pg'), databaseUrl, migrate: false, ...(schema ? { schema } : {}) });
    try {
      await dropSchema(db);
      // The development FHIR server's records (--records=fhir) go with the database's.
      await rm(join(dataDir, 'fhir'), { recursive: true, force: true });
      await migrate(db);
      await seed(db, { now: new Date(), population: true });
    } finally {
      await db.close();
    }
    console.log('Loaded fresh test data.');
  }

  const started = Date.now();
  const sandbox = await startSandbox({ host, port, dataDir, databaseUrl, ...(schema ? { schema } : {}), demoDir: [...demoRoots], bff, ...(records ? { records } : {}) });
  const { url } = sandbox;
  const where = sandbox.db.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pg')}` : `PostgreSQL (DATABASE_URL), schema ${sandbox.db.schema}`;
  console.log(
    [
      '',
      `Fjordvik kommune demo on the omsorg sandbox: ${url}/   (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  API              ${url}/v1`,
      `  OpenID provider  ${url}/oidc   (test sign-in: code flow, PKCE, DPoP, idporten-loa-high)`,
      bff
        ? `  sign-in          through the BFF at ${url}/bff (one HttpOnly cookie, no token in the browser; ?auth=browser on the page for oidc-client-ts)`
        : '  sign-in          in the browser (oidc-client-ts); without --auth=browser the BFF does it',
      `  database         ${where}`,
      `  records          ${sandbox.recordsWhere}`,
      '',
      'Press "Logg inn" and pick a test person (no password):',
      ...testPersons.map((p) => `  ${p.name.padEnd(15)} ${NOTES[p.id] ?? 'no data (empty lists)'}`),
      '',
      'Fresh test data: stop this, then `npm run sandbox:reset` (or start with --reset).',
      'Offline demo on mocks instead: `node scripts/serve-demo.mjs --offline`.   Ctrl+C stops.',
      '',
    ].join('\n'),
  );
  return () => sandbox.close();
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        offline: { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        reset: { type: 'boolean', default: false },
        auth: { type: 'string', default: 'bff' },
        records: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail(`${e.message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${values.port ?? process.env.PORT}`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  if (values.auth !== 'bff' && values.auth !== 'browser') fail(`--auth is bff or browser, not ${values.auth}\n\n${USAGE}`);

  let close;
  try {
    close = values.offline
      ? await serveOffline({ port, host })
      : await serveSandbox({ port, host, dataDir: values['data-dir'], reset: values.reset, bff: values.auth === 'bff', records: values.records });
  } catch (e) {
    if (e?.code === 'EADDRINUSE') fail(`Port ${port} on ${host} is in use: stop the other server or choose another port (--port N or PORT=N).`);
    fail(`The demo could not start: ${e instanceof Error ? e.message : e}`);
  }
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      close().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
