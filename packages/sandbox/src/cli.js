#!/usr/bin/env node
// @ts-check
/**
 * node packages/sandbox/src/cli.js start [--port 8080] [--host 127.0.0.1] [--data-dir DIR] [--reset] [--instances N] [--bff] [--records sql|fhir|sql,fhir|fhir,sql] [--fhir-url URL]
 * node packages/sandbox/src/cli.js reset [--data-dir DIR]
 * node packages/sandbox/src/cli.js verify-log [--data-dir DIR]
 *
 * DATABASE_URL=postgres://… uses that PostgreSQL database (schema `omsorg`, or SANDBOX_DB_SCHEMA)
 * instead of PGlite.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, REPO_ROOT, dropSchema, openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { seed } from './db/seed.js';
import { verifyAccessLog } from './data/access-log.js';
import { BFF_CLIENT_ID, DEMO_CLIENT_ID, TEST_CLIENT_ID, startSandbox } from './server.js';
import { runInstances } from './instances.js';
import { parseRecordsKind } from './records/open.js';

const USAGE = `omsorg sandbox

  start   run the API, the OpenID provider and the demo page on one loopback origin
            --port N        default 8080 (0: any free port)
            --host ADDR     default 127.0.0.1 (loopback only)
            --data-dir DIR  default ${DEFAULT_DATA_DIR}
            --reset         drop the data and load fresh test data first
            --instances N   N processes behind the one port, in turn (PostgreSQL only;
                            npm run sandbox:two); each answer names its X-Sandbox-Instance
            --bff           also the backend-for-frontend under /bff (client omsorg-bff; its
                            keys in DIR/bff); with --instances, in every process
            --cors-origin O  let a page on origin O (scheme://host[:port]) call the API; repeat
                            for more (default: none, the sandbox's own pages need no CORS)
            --redirect-uri U also accept U as a sign-in redirect of the demo client (omsorg-demo),
                            e.g. a page on another origin; repeat for more
            --post-logout-redirect-uri U  also accept U after sign-out; repeat for more
            --records KIND  the record system behind the API: sql (default: the sandbox's own
                            tables) or fhir (a FHIR R4 server; docs/fhir-mapping.md); sql,fhir
                            (or fhir,sql): two municipalities' systems side by side, Bergen's on
                            the first, Askøy's on the second (docs/record-sources.md); or a
                            file.json naming the sources (record-sources.example.json)
            --fhir-url URL  with fhir: that server's base URL (default: the sandbox starts its
                            development FHIR server in memory, seeded from the test data)
  reset   drop all sandbox data (appointments, grants, messages, idempotency keys, access log),
          migrate, and load the test data again, relative to today
  verify-log  check the access log's hash chain: exit 0 "chain intact: N rows", or exit 1
          naming the first broken row (PGlite: stop the sandbox first, it holds the files)

  DATABASE_URL=postgres://user@127.0.0.1:5432/db  use PostgreSQL instead of PGlite
  DATABASE_OWNER_URL=postgres://owner@…          the role that owns the schema and migrates;
                                                 DATABASE_URL's role then only gets what the API
                                                 needs (on the access log: INSERT and SELECT)
  SANDBOX_DB_SCHEMA=name                         the schema to use (default omsorg)
  SANDBOX_DATA_DIR=dir, PORT=n, HOST=addr         as the options above
  OMSORG_CORS_ORIGINS="https://a.example http://127.0.0.1:5173"     as --cors-origin (commas or spaces)
  OMSORG_REDIRECT_URIS=…, OMSORG_POST_LOGOUT_REDIRECT_URIS=…       as the redirect options
  OMSORG_RECORDS=fhir, OMSORG_FHIR_URL=…                          as --records, --fhir-url
`;

/**
 * @param {string} dataDir
 * @param {string | undefined} databaseUrl
 * @param {string | undefined} schema
 */
async function reset(dataDir, databaseUrl, schema) {
  // The owner drops and migrates; the application's role gets its rights on the next start.
  const url = process.env.DATABASE_OWNER_URL || databaseUrl;
  const db = await openDatabase({ dataDir: join(dataDir, 'pg'), databaseUrl: url, migrate: false, ...(schema ? { schema } : {}) });
  try {
    await dropSchema(db);
    // The development FHIR server's records go with the database's (its next start seeds afresh).
    await rm(join(dataDir, 'fhir'), { recursive: true, force: true });
    const applied = await migrate(db);
    const counts = await seed(db, { now: new Date(), population: true });
    console.log(
      `Reset the sandbox database (${db.kind === 'pglite' ? join(dataDir, 'pg') : `PostgreSQL, schema ${db.schema}`}): ` +
        `migrations ${applied.join(', ')}; ${counts.persons} persons, ${counts.grants} proxy grants, ` +
        `${counts.appointments} appointments, ${counts.services} granted services, ${counts.threads} message threads` +
        (counts.population ? `; for the figures for management, ${counts.population.persons} fictional persons, ${counts.population.appointments} cancelled visits, ${counts.population.threads} threads.` : '.'),
    );
  } finally {
    await db.close();
  }
}

/**
 * @param {string} dataDir
 * @param {string | undefined} databaseUrl
 * @param {string | undefined} schema
 * @returns {Promise<number>} the exit code
 */
async function verifyLog(dataDir, databaseUrl, schema) {
  const db = await openDatabase({ dataDir: join(dataDir, 'pg'), databaseUrl, migrate: false, ...(schema ? { schema } : {}) });
  try {
    const report = await verifyAccessLog(db);
    if (report.intact) {
      console.log(`chain intact: ${report.rows} rows (head hash ${report.headHash})`);
      return 0;
    }
    console.error(`chain broken at row ${report.brokenId}: ${report.reason} (${report.rows} rows before it are intact)`);
    return 1;
  } finally {
    await db.close();
  }
}

/** @param {string} url @param {boolean} bff */
async function describe(url, bff) {
  const { testPersons } = await import('./oidc/persons.js');
  const lines = [
    '',
    `omsorg sandbox on ${url}`,
    `  demo page        ${url}/`,
    `  API              ${url}/v1   (e.g. GET ${url}/v1/me with an access token)`,
    `  OpenID provider  ${url}/oidc (discovery: ${url}/oidc/.well-known/openid-configuration)`,
    ...(bff ? [`  BFF              ${url}/bff  (sign-in: ${url}/bff/login; client ${BFF_CLIENT_ID})`] : []),
    `  clients          ${DEMO_CLIENT_ID} (redirect ${url}/), ${TEST_CLIENT_ID} (redirect ${url}/callback)`,
    '',
    'Test persons (pick one on the sign-in page; no password):',
  ];
  /** @type {Record<string, string>} */
  const notes = {
    'psn-ola-7f3a': 'Ola Nordmann, 86: home nursing, practical help, day centre, safety alarm',
    'psn-kari-2c91': 'Kari Nordmann: acts for her father Ola (relation PRN)',
    'psn-per-51d0': 'Per Hansen: acts for his daughter Emma, 9 (relation CHILD)',
  };
  for (const p of testPersons) lines.push(`  ${p.id.padEnd(16)} ${notes[p.id] ?? `${p.name}: no data`}`);
  lines.push('', 'Ctrl+C stops the sandbox. `npm run sandbox:reset` loads fresh test data.', '');
  console.log(lines.join('\n'));
}

/** `a, b c` → ['a', 'b', 'c'] @param {string | undefined} v */
const list = (v) => (v ?? '').split(/[\s,]+/).filter(Boolean);

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      instances: { type: 'string' },
      bff: { type: 'boolean' },
      'cors-origin': { type: 'string', multiple: true },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      records: { type: 'string' },
      'fhir-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || !['start', 'reset', 'verify-log'].includes(command)) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const dataDir = values['data-dir'] ?? process.env.SANDBOX_DATA_DIR ?? DEFAULT_DATA_DIR;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = process.env.SANDBOX_DB_SCHEMA || undefined;

  if (command === 'reset') {
    await reset(dataDir, databaseUrl, schema);
    return;
  }

  if (command === 'verify-log') {
    process.exitCode = await verifyLog(dataDir, databaseUrl, schema);
    return;
  }

  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${values.port}`);
  const instances = Number(values.instances ?? 1);
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) throw new Error(`not a number of instances (1 to 16): ${values.instances}`);
  const demoDirs = [join(REPO_ROOT, 'demo'), join(REPO_ROOT, 'packages/elements/dist/cdn')].filter((d) => existsSync(d));
  const ownerDatabaseUrl = process.env.DATABASE_OWNER_URL || undefined;
  const options = {
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    port,
    dataDir,
    databaseUrl,
    ...(ownerDatabaseUrl ? { ownerDatabaseUrl } : {}),
    ...(schema ? { schema } : {}),
    demoDir: demoDirs,
    bff: values.bff ?? false,
    corsOrigins: [...list(process.env.OMSORG_CORS_ORIGINS), ...(values['cors-origin'] ?? [])].join(' '),
    redirectUris: [...list(process.env.OMSORG_REDIRECT_URIS), ...(values['redirect-uri'] ?? [])],
    postLogoutRedirectUris: [...list(process.env.OMSORG_POST_LOGOUT_REDIRECT_URIS), ...(values['post-logout-redirect-uri'] ?? [])],
    records: parseRecordsKind(values.records ?? process.env.OMSORG_RECORDS),
    ...((values['fhir-url'] ?? process.env.OMSORG_FHIR_URL) ? { fhirUrl: values['fhir-url'] ?? process.env.OMSORG_FHIR_URL } : {}),
  };
  if (instances > 1) {
    const url = await runInstances(instances, options, values.reset ? { reset: () => reset(dataDir, databaseUrl, schema) } : {});
    if (url) {
      await describe(url, options.bff);
      console.log(`Database: PostgreSQL (DATABASE_URL), schema ${schema ?? 'omsorg'}; ${instances} instances on this port, in turn (X-Sandbox-Instance)`);
    }
    return;
  }

  if (values.reset) await reset(dataDir, databaseUrl, schema);
  const sandbox = await startSandbox(options);
  await describe(sandbox.url, options.bff);
  console.log(`Database: ${sandbox.db.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pg')}` : `PostgreSQL (DATABASE_URL), schema ${sandbox.db.schema}`}`);
  console.log(`Records: ${sandbox.recordsWhere}`);

  let stopping = false;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      sandbox.close().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err) => {
  console.error(`omsorg sandbox: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
