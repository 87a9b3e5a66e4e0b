// @ts-check
/**
 * The whole sandbox on ONE loopback origin:
 *   /v1/*    the omsorg API (src/api), over PGlite or PostgreSQL (src/db)
 *   /oidc/*  the development OpenID provider (src/oidc), whose JWT access tokens the API verifies
 *   /staff   the staff side of messages, a development page (src/staff)
 *   /dev/notices  the notices that would have been sent, a development page (src/notices)
 *   /management  the figures for management as charts, signed in through the BFF (src/management)
 *   /bff/*   with `bff: true`: the backend-for-frontend (@omsorg/bff) as a confidential client of
 *            the provider, proxying to /v1 over real HTTP (the demo's default sign-in)
 *   else     static files (the demo page and the CDN bundle) under a strict CSP
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { createApi } from './api/index.js';
import { DEFAULT_DATA_DIR, openDatabase } from './db/index.js';
import { isEmpty, seed } from './db/seed.js';
import { createStaffPage } from './staff/page.js';
import { createNoticesPage } from './notices/page.js';
import { createManagementPage } from './management/page.js';
import { createNotifier } from './notices/notifier.js';
import { sendProblem } from './http/problem.js';
import { loopbackAddress } from './http/loopback.js';
import { parseCorsOrigins } from './api/cors.js';
import { fhirFileIn, openRecords, parseRecordsKind } from './records/open.js';

/** The demo page's client (public, PKCE). */
export const DEMO_CLIENT_ID = 'omsorg-demo';
/** A client for headless sign-in in tests and the contract suite (redirect `<origin>/callback`, never fetched). */
export const TEST_CLIENT_ID = 'omsorg-test';
/** The backend-for-frontend's confidential client (private_key_jwt, PAR, DPoP, back-channel logout). */
export const BFF_CLIENT_ID = 'omsorg-bff';

/** The Content-Security-Policy of every static file. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** @type {Readonly<Record<string, string>>} */
const MIME = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * @typedef {object} SandboxOptions
 * @property {string} [host] default 127.0.0.1 (loopback only)
 * @property {number} [port] default 8080; 0 picks a free port
 * @property {string} [dataDir] the sandbox's state: `<dataDir>/pg` (PGlite, unless databaseUrl) and
 *   `<dataDir>/oidc` (provider keys); default `<repo>/.sandbox-data`
 * @property {string} [databaseUrl] PostgreSQL instead of PGlite
 * @property {string} [schema] the database schema, default `omsorg`
 * @property {string | readonly string[]} [demoDir] static roots (first match wins), e.g. the demo and the CDN bundle
 * @property {() => Date} [now] the sandbox's clock (tests): the API's, the BFF's, and the sign-in
 *   time (`auth_time`) the provider records; oidc-provider's own token times stay real
 * @property {Date} [seedNow] `now` for the fixtures when the database is empty (default: the clock)
 * @property {boolean} [population] seed the fictional population of the figures for management too (default true)
 * @property {import('./oidc/provider.js').OidcClientConfig[]} [clients] default: the demo and test clients
 * @property {number} [accessTokenTtl] seconds, default the provider's (600)
 * @property {string | readonly string[]} [corsOrigins] pages on other origins that may call the API
 *   (exact origins; a string may list several, separated by commas); default none
 * @property {readonly string[]} [redirectUris] more sign-in redirect URIs for the demo client
 *   (`omsorg-demo`), e.g. a page on another origin; their origins may also call the token endpoint
 * @property {readonly string[]} [postLogoutRedirectUris] more post-logout redirect URIs for it
 * @property {string} [requiredScope] the scope the API requires of every access token (default `openid`)
 * @property {boolean} [validateResponses] check every API answer against the contract; default
 *   as `createApi` (on unless NODE_ENV=production). The load benchmark turns it off.
 * @property {string} [ownerDatabaseUrl] PostgreSQL: the role that owns the schema and migrates
 *   (DATABASE_OWNER_URL); `databaseUrl` is then the application's role (see db/roles.js)
 * @property {boolean} [sharedState] keep the DPoP proof ids and the OpenID provider's sessions in
 *   the database, for several instances on one database; default: on for PostgreSQL
 * @property {string} [instanceId] one of several instances (`--instances`): every answer says
 *   which in `X-Sandbox-Instance`
 * @property {boolean} [bff] also run the backend-for-frontend under /bff (keys in `<dataDir>/bff`;
 *   its tables migrated with the sandbox's, as the owner when there is one)
 * @property {import('./notices/notifier.js').NotifierOptions} [notices] the contact register and the SMS/e-mail
 *   gateway (default: the fixtures' register, a gateway that sends nothing), the sender's name and address
 * @property {import('./records/open.js').RecordsKind | import('./records/index.js').RecordSystem} [records] the record system behind the API (`sql,fhir`: two sources, records/composite.js)
 *   (records/): `sql`, the sandbox's own tables, or `fhir`, a FHIR R4 server; default `OMSORG_RECORDS`, else `sql`
 * @property {string} [fhirUrl] with `fhir`: the FHIR server's base URL; default `OMSORG_FHIR_URL`, else the
 *   sandbox starts its development FHIR server (in memory, seeded from the fixtures)
 * @property {Pick<Console, 'error' | 'log'>} [logger]
 */

/**
 * @typedef {object} Sandbox
 * @property {string} url the origin, e.g. `http://127.0.0.1:8080`
 * @property {string} issuer `${url}/oidc`
 * @property {string} apiAudience `${url}/v1`
 * @property {import('./db/index.js').Database} db
 * @property {import('./api/index.js').Api} api
 * @property {import('@omsorg/bff').Bff | undefined} bff the backend-for-frontend (with `bff: true`)
 * @property {import('./notices/notifier.js').Notifier} notices the notice queue (`queueVisitReminders(db, now)`)
 * @property {import('./records/index.js').RecordSystem} records the record system the API reads and writes
 * @property {string} recordsWhere where that is, in words (for the start-up lines)
 * @property {import('node:http').Server} server the HTTP server (the load benchmark counts the requests it answers)
 * @property {() => Promise<void>} close
 */

/**
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
export async function startSandbox({
  host = '127.0.0.1',
  port = 8080,
  dataDir = DEFAULT_DATA_DIR,
  databaseUrl,
  schema,
  demoDir,
  now,
  seedNow,
  population = true,
  clients,
  accessTokenTtl,
  corsOrigins,
  redirectUris = [],
  postLogoutRedirectUris = [],
  requiredScope,
  validateResponses,
  bff: withBff = false,
  logger = console,
  ownerDatabaseUrl,
  sharedState,
  instanceId,
  notices: noticeOptions = {},
  records: recordsChoice = parseRecordsKind(process.env.OMSORG_RECORDS),
  fhirUrl = process.env.OMSORG_FHIR_URL || undefined,
} = {}) {
  const address = loopbackAddress(host);
  const allowedOrigins = parseCorsOrigins(corsOrigins);
  for (const uri of [...redirectUris, ...postLogoutRedirectUris]) {
    if (!URL.canParse(uri) || URL.parse(uri)?.hash) throw new TypeError(`not an absolute redirect URI without a fragment: ${uri}`);
  }
  const roots = (demoDir === undefined ? [] : typeof demoDir === 'string' ? [demoDir] : [...demoDir]).map((d) => resolve(d));

  // The BFF's tables are migrated with the sandbox's (as the owner, on the role split), before
  // the application role's grant; the BFF itself then does not migrate.
  const bffLib = withBff ? await import('@omsorg/bff') : undefined;
  const db = await openDatabase({
    dataDir: join(dataDir, 'pg'),
    databaseUrl,
    ownerUrl: ownerDatabaseUrl,
    ...(schema ? { schema } : {}),
    ...(bffLib ? { alsoMigrate: [bffLib.migrateBff] } : {}),
  });
  const shared = sharedState ?? db.kind === 'postgres';
  /** @type {import('node:http').Server | undefined} */
  let server;
  /** @type {import('./records/index.js').RecordSystem | undefined} */
  let opened;
  try {
    const seedAt = seedNow ?? (now ? now() : new Date());
    const fresh = await isEmpty(db);
    if (fresh) await seed(db, { now: seedAt, population });
    const { records, where: recordsWhere } = await openRecords(recordsChoice, { db, ...(fhirUrl ? { fhirUrl } : {}), fhirFile: fhirFileIn(dataDir), fresh, now: seedAt, logger });
    if (typeof recordsChoice !== 'object') opened = records;

    /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | undefined} */
    let handleApi;
    /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | undefined} */
    let handleOidc;
    /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | undefined} */
    let handleBff;
    /** @type {Set<string>} */
    const allowedHosts = new Set();
    // The staff side of messages: a development page (loopback callers only).
    const notices = createNotifier({ logger, ...noticeOptions });
    const handleStaff = createStaffPage({ db, ...(now ? { now } : {}), logger, notices, records });
    // What notices would have been sent, and tomorrow's reminders: a development page too.
    const handleNotices = createNoticesPage({ db, ...(now ? { now } : {}), logger, notices, records });
    const handleManagement = createManagementPage(now ? { now } : {});
    /** @param {import('node:http').IncomingMessage} _req @param {import('node:http').ServerResponse} res */
    const starting = async (_req, res) => sendProblem(res, 503, 'unavailable', 'The sandbox is starting. Try again in a second.', { 'Retry-After': '1' });

    server = createServer((req, res) => {
      if (instanceId) res.setHeader('X-Sandbox-Instance', instanceId);
      // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
      if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
        sendProblem(res, 421, 'misdirectedRequest', 'This server does not serve that host name: use the sandbox URL.');
        return;
      }
      const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
      /** @param {unknown} err */
      const fail = (err) => {
        logger.error('omsorg sandbox: unexpected error', err);
        sendProblem(res, 500, 'serverError', 'Something went wrong on the server. Try again later.');
      };
      if (path === '/v1' || path.startsWith('/v1/')) {
        (handleApi ?? starting)(req, res).catch(fail);
      } else if (path === '/oidc' || path.startsWith('/oidc/')) {
        (handleOidc ?? starting)(req, res).catch(fail);
      } else if (withBff && (path === '/bff' || path.startsWith('/bff/'))) {
        (handleBff ?? starting)(req, res).catch(fail);
      } else if (path === '/staff' || path.startsWith('/staff/')) {
        handleStaff(req, res).catch(fail);
      } else if (path === '/dev/notices' || path.startsWith('/dev/notices')) {
        handleNotices(req, res).catch(fail);
      } else if (path === '/management' || path.startsWith('/management/')) {
        handleManagement(req, res).catch(fail);
      } else {
        serveStatic(req, res, roots).catch(fail);
      }
    });
    const listening = server;
    await /** @type {Promise<void>} */ (
      new Promise((ok, ko) => {
        listening.once('error', ko);
        listening.listen(port, address, () => ok());
      })
    );
    const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
    const hostPart = address.includes(':') ? `[${address}]` : address;
    const url = `http://${hostPart}:${actual}`;
    allowedHosts.add(`${hostPart}:${actual}`);
    if (address === '127.0.0.1') allowedHosts.add(`localhost:${actual}`);
    const issuer = `${url}/oidc`;
    const apiAudience = `${url}/v1`;

    const [{ createOidcProvider }, { createTokenVerifier }, { createDatabaseAdapter }, { createSharedReplayStore }] = await Promise.all([
      import('./oidc/provider.js'),
      import('./auth/verify.js'),
      import('./oidc/adapter.js'),
      import('./auth/replay.js'),
    ]);
    const bffKeys = bffLib ? await bffLib.loadOrCreateDevKeys(join(dataDir, 'bff', 'bff-keys.json')) : undefined;
    const oidc = await createOidcProvider({
      issuer,
      dataDir: join(dataDir, 'oidc'),
      apiAudience,
      ...(now ? { now } : {}),
      clients: [
        ...(bffKeys && bffLib
          ? [
              {
                client_id: BFF_CLIENT_ID,
                client_name: 'Fjordvik kommune, Min side',
                token_endpoint_auth_method: 'private_key_jwt',
                token_endpoint_auth_signing_alg: 'ES256',
                jwks: { keys: [bffLib.publicJwk(bffKeys.clientKey)] },
                grant_types: ['authorization_code', 'refresh_token'],
                redirect_uris: [`${url}/bff/callback`],
                post_logout_redirect_uris: [`${url}/`],
                require_pushed_authorization_requests: true,
                dpop_bound_access_tokens: true,
                backchannel_logout_uri: `${url}/bff/backchannel-logout`,
                backchannel_logout_session_required: true,
              },
            ]
          : []),
        ...(clients ?? [
        {
          client_id: DEMO_CLIENT_ID,
          client_name: 'Fjordvik kommune, Min side (demo)',
          redirect_uris: [`${url}/`, `${url}/index.html`, ...redirectUris],
          post_logout_redirect_uris: [`${url}/`, ...postLogoutRedirectUris],
        },
        {
          client_id: TEST_CLIENT_ID,
          client_name: 'omsorg tests',
          redirect_uris: [`${url}/callback`],
          post_logout_redirect_uris: [`${url}/`],
        },
        ]),
      ],
      ...(accessTokenTtl ? { accessTokenTtl } : {}),
      ...(shared ? { adapter: createDatabaseAdapter(db) } : {}),
    });
    const verifier = createTokenVerifier({ issuer, audience: apiAudience, jwks: oidc.jwks, ...(shared ? { replayStore: createSharedReplayStore(db) } : {}) });
    // The DPoP `htu` is checked against the URL the client called (Host is checked above).
    const api = createApi({
      db,
      verifier,
      corsOrigins: allowedOrigins,
      ...(requiredScope === undefined ? {} : { requiredScope }),
      ...(now ? { now } : {}),
      ...(validateResponses === undefined ? {} : { validateResponses }),
      notices,
      records,
      // Who the signed-in person is, kept while this process hears of changes (api/kept-persons.js).
      keepPersons: true,
      logger,
    });
    await api.ready;
    handleOidc = oidc.handle;
    handleApi = api.handle;
    // The BFF calls the provider and the API over HTTP on this origin, as it would in production.
    const bff =
      bffKeys && bffLib
        ? await bffLib.createBff({
            db,
            migrate: false,
            sessionKey: bffKeys.sessionKey,
            publicOrigin: url,
            apiBaseUrl: url,
            issuer,
            clientId: BFF_CLIENT_ID,
            clientKey: bffKeys.clientKey,
            allowHttp: true,
            ...(now ? { now } : {}),
            logger: { error: (...a) => logger.error(...a), warn: (...a) => logger.log(...a) },
          })
        : undefined;
    handleBff = bff?.handle;

    let closed = false;
    const s = server;
    return {
      url,
      issuer,
      apiAudience,
      db,
      api,
      bff,
      notices,
      records,
      recordsWhere,
      server: s,
      async close() {
        if (closed) return;
        closed = true;
        await bff?.close();
        await new Promise((ok) => {
          s.close(() => ok(undefined));
          s.closeAllConnections();
        });
        await api.close();
        await opened?.close();
        await db.close();
      },
    };
  } catch (err) {
    server?.close();
    await opened?.close();
    await db.close();
    throw err;
  }
}

/**
 * GET/HEAD of a file under one of `roots` (directories give their index.html).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {readonly string[]} roots
 */
async function serveStatic(req, res, roots) {
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  /** @param {number} status @param {string} text @param {Record<string, string>} [extra] */
  const plain = (status, text, extra = {}) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });

  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return plain(400, 'Bad request');
  }
  // No dotfiles, no NUL, no backslashes; the resolved path must stay inside its root.
  if (pathname.includes('\0') || pathname.includes('\\') || /(^|\/)\./.test(pathname)) return plain(404, 'Not found');
  for (const root of roots) {
    let file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) continue;
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) continue;
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': String(info.size),
      // A citizen's page is never cached; scripts and styles revalidate every time (development).
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise((ok, ko) => {
      const stream = createReadStream(file);
      stream.on('error', ko);
      stream.on('end', () => ok(undefined));
      stream.pipe(res);
    });
    return;
  }
  return plain(404, 'Not found');
}
