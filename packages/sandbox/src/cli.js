#!/usr/bin/env node
// @ts-check
/**
 * node packages/sandbox/src/cli.js start [--port 8080] [--host 127.0.0.1] [--data-dir DIR] [--reset]
 * node packages/sandbox/src/cli.js reset [--data-dir DIR]
 *
 * DATABASE_URL=postgres://… uses that PostgreSQL database (schema `omsorg`, or SANDBOX_DB_SCHEMA)
 * instead of PGlite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, REPO_ROOT, dropSchema, openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { seed } from './db/seed.js';
import { DEMO_CLIENT_ID, TEST_CLIENT_ID, startSandbox } from './server.js';

const USAGE = `omsorg sandbox

  start   run the API, the OpenID provider and the demo page on one loopback origin
            --port N        default 8080 (0: any free port)
            --host ADDR     default 127.0.0.1 (loopback only)
            --data-dir DIR  default ${DEFAULT_DATA_DIR}
            --reset         drop the data and load fresh test data first
  reset   drop all sandbox data (appointments, grants, messages, idempotency keys, access log),
          migrate, and load the test data again, relative to today

  DATABASE_URL=postgres://user@127.0.0.1:5432/db  use PostgreSQL instead of PGlite
  SANDBOX_DB_SCHEMA=name                         the schema to use (default omsorg)
  SANDBOX_DATA_DIR=dir, PORT=n, HOST=addr         as the options above
`;

/**
 * @param {string} dataDir
 * @param {string | undefined} databaseUrl
 * @param {string | undefined} schema
 */
async function reset(dataDir, databaseUrl, schema) {
  const db = await openDatabase({ dataDir: join(dataDir, 'pg'), databaseUrl, migrate: false, ...(schema ? { schema } : {}) });
  try {
    await dropSchema(db);
    const applied = await migrate(db);
    const counts = await seed(db, { now: new Date() });
    console.log(
      `Reset the sandbox database (${db.kind === 'pglite' ? join(dataDir, 'pg') : `PostgreSQL, schema ${db.schema}`}): ` +
        `migrations ${applied.join(', ')}; ${counts.persons} persons, ${counts.grants} proxy grants, ` +
        `${counts.appointments} appointments, ${counts.services} granted services, ${counts.threads} message threads.`,
    );
  } finally {
    await db.close();
  }
}

/** @param {string} url */
async function describe(url) {
  const { testPersons } = await import('./oidc/persons.js');
  const lines = [
    '',
    `omsorg sandbox on ${url}`,
    `  demo page        ${url}/`,
    `  API              ${url}/v1   (e.g. GET ${url}/v1/me with an access token)`,
    `  OpenID provider  ${url}/oidc (discovery: ${url}/oidc/.well-known/openid-configuration)`,
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

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || !['start', 'reset'].includes(command)) {
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

  if (values.reset) await reset(dataDir, databaseUrl, schema);
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${values.port}`);
  const demoDirs = [join(REPO_ROOT, 'demo'), join(REPO_ROOT, 'packages/elements/dist/cdn')].filter((d) => existsSync(d));
  const sandbox = await startSandbox({
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    port,
    dataDir,
    databaseUrl,
    ...(schema ? { schema } : {}),
    demoDir: demoDirs,
  });
  await describe(sandbox.url);
  console.log(`Database: ${sandbox.db.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pg')}` : `PostgreSQL (DATABASE_URL), schema ${sandbox.db.schema}`}`);

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
