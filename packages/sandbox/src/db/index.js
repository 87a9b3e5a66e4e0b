// @ts-check
/**
 * The sandbox's database: one set of plain SQL for two engines.
 *
 * - PGlite (PostgreSQL in WebAssembly) on disk at `dataDir`, by default;
 * - a PostgreSQL server through Postgres.js (a pool of connections) when `databaseUrl` (DATABASE_URL) is set.
 *
 * Everything lives in one schema (default `omsorg`), made the connection's `search_path`, so SQL
 * never names it and a reset is `DROP SCHEMA … CASCADE` without touching anything else in a
 * shared database. Tests use a schema of their own per test.
 *
 * Values come back the same from both engines as long as queries keep to: text, integer,
 * double precision, boolean, text[], json/jsonb and timestamptz (a JS Date). Select `date`
 * columns as `::text` (the drivers disagree on dates) and avoid bigint in results (Postgres.js gives a
 * string, PGlite a number).
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteListen, postgresListen } from '@omsorg/bff/listen';
import { migrate } from './migrate.js';
import { quoteSchema } from './names.js';
import { grantAppRole } from './roles.js';

export { quoteSchema };

/** The repository root (packages/sandbox/src/db → ../../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where the sandbox keeps its state by default (PGlite files, OpenID provider keys). */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.sandbox-data');
/** PGlite's directory by default. */
export const DEFAULT_PG_DIR = join(DEFAULT_DATA_DIR, 'pg');
export const DEFAULT_SCHEMA = 'omsorg';

/** Most distinct SQL texts run as named (prepared) statements on PostgreSQL. */
const MAX_PREPARED = 200;

/**
 * @typedef {import('./types.js').QueryResult} QueryResult
 * @typedef {import('./types.js').Queryable} Queryable
 * @typedef {import('./types.js').DatabaseExtra} DatabaseExtra
 * @typedef {import('./types.js').Database} Database
 */


/**
 * Opens the database, creates the schema if needed and (unless `migrate: false`) applies the
 * pending migrations.
 *
 * With `ownerUrl` (PostgreSQL only) two roles: the owner's connection creates the schema, runs
 * the migrations and grants the role of `databaseUrl` (the application's) what it needs and no
 * more (roles.js: on the access log only INSERT and SELECT, and as it owns nothing it cannot
 * switch a trigger off); then it is closed, and the application works through `databaseUrl`.
 * `alsoMigrate` runs further migrations (another package's tables in the same schema, e.g.
 * @omsorg/bff's `migrateBff`) on the same connection after the sandbox's, so on the role split
 * they too run as the owner, before the grant that gives the application role its DML on them.
 * @param {object} [options]
 * @param {string} [options.dataDir] PGlite directory, default `<repo>/.sandbox-data/pg`
 * @param {string} [options.databaseUrl] a PostgreSQL URL; when set, PGlite is not used
 * @param {string} [options.ownerUrl] the PostgreSQL URL of the role that owns the schema and migrates
 * @param {string} [options.schema] default `omsorg`
 * @param {boolean} [options.migrate] default true
 * @param {ReadonlyArray<(db: Database) => Promise<unknown>>} [options.alsoMigrate] more migrations,
 *   run after the sandbox's (only when `migrate` is on), as the owner when there is one
 * @param {number} [options.poolSize] PostgreSQL connections, default 10
 * @returns {Promise<Database>}
 */
export async function openDatabase({ dataDir, databaseUrl, ownerUrl, schema = DEFAULT_SCHEMA, migrate: runMigrations = true, alsoMigrate = [], poolSize = 10 } = {}) {
  /** @param {Database} db */
  const migrateAll = async (db) => {
    await migrate(db);
    for (const more of alsoMigrate) await more(db);
  };
  quoteSchema(schema); // refuses a bad name before anything is opened
  if (ownerUrl && !databaseUrl) throw new Error('an owner URL (DATABASE_OWNER_URL) needs DATABASE_URL, the application role\'s URL');
  if (ownerUrl && databaseUrl) {
    const owner = await openPostgres(ownerUrl, schema, 2);
    let db;
    try {
      if (runMigrations) await migrateAll(owner);
      db = await openPostgres(databaseUrl, schema, poolSize, { createSchema: false });
      const role = String((await db.query('SELECT current_user AS r')).rows[0].r);
      const ownerRole = String((await owner.query('SELECT current_user AS r')).rows[0].r);
      if (role !== ownerRole) await grantAppRole(owner, role);
      return db;
    } catch (err) {
      await db?.close();
      throw err;
    } finally {
      await owner.close();
    }
  }
  const db = databaseUrl
    ? await openPostgres(databaseUrl, schema, poolSize)
    : await openPglite(dataDir ?? DEFAULT_PG_DIR, schema);
  try {
    if (runMigrations) await migrateAll(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * Drops everything of the sandbox in the schema (tables, data, the access log, the migration
 * history) and creates the empty schema again. Migrate and seed afterwards.
 * @param {Database} db
 */
export async function dropSchema(db) {
  const quoted = quoteSchema(db.schema);
  await db.exec(`DROP SCHEMA IF EXISTS ${quoted} CASCADE; CREATE SCHEMA ${quoted};`);
}

/**
 * @param {any} result
 * @returns {QueryResult}
 */
function normalize(result) {
  const rows = result?.rows ?? [];
  const rowCount = typeof result?.rowCount === 'number' ? result.rowCount : typeof result?.affectedRows === 'number' && result.affectedRows > 0 ? result.affectedRows : rows.length;
  return { rows, rowCount };
}

/**
 * A lock file next to PGlite's directory: PGlite has no lock of its own, and two processes on
 * one directory would corrupt it. A lock left by a process that has died is taken over.
 * @param {string} dir
 * @returns {Promise<() => Promise<void>>} releases the lock
 */
async function lockDirectory(dir) {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`the sandbox database ${dir} is in use by process ${pid}; stop it first`);
      }
      if (pid === process.pid) throw new Error(`the sandbox database ${dir} is already open in this process`);
      await rm(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

/**
 * @param {string} dataDir
 * @param {string} schema
 * @returns {Promise<Database>}
 */
async function openPglite(dataDir, schema) {
  const { PGlite } = await import('@electric-sql/pglite');
  await mkdir(dirname(dataDir), { recursive: true });
  const unlock = await lockDirectory(dataDir);
  /** @type {import('@electric-sql/pglite').PGlite} */
  let pg;
  try {
    pg = new PGlite(dataDir);
    await pg.waitReady;
    const quoted = quoteSchema(schema);
    await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}; SET TIME ZONE 'UTC';`);
  } catch (err) {
    await unlock();
    throw err;
  }
  let closed = false;

  /** @param {Pick<import('@electric-sql/pglite').PGliteInterface, 'query' | 'exec'>} q @returns {Queryable} */
  const wrap = (q) => ({
    query: async (sql, params = []) => normalize(await q.query(sql, /** @type {any[]} */ (params))),
    exec: async (sql) => {
      await q.exec(sql);
    },
  });

  return {
    ...wrap(pg),
    kind: 'pglite',
    schema,
    dataDir,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: pgliteListen(pg),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        await unlock();
      }
    },
  };
}

/**
 * @param {string} databaseUrl
 * @param {string} schema
 * @param {number} poolSize
 * @param {{ createSchema?: boolean }} [o] false: the application role (it may not create one)
 * @returns {Promise<Database>}
 */
async function openPostgres(databaseUrl, schema, poolSize, { createSchema = true } = {}) {
  const { default: postgres } = await import('postgres');
  const quoted = quoteSchema(schema);
  // Postgres.js and not node-postgres: on the API's list query it spends about a fifth of
  // node-postgres's CPU per query in this process (it reads a prepared statement's row description
  // once per connection, decodes rows without a second pass and sends a waiting query on a busy
  // connection in the same write), and PostgreSQL less too (scripts/bench-sandbox.mjs).
  const sql = postgres(databaseUrl, {
    max: poolSize,
    // Every connection works in the sandbox's schema, in UTC.
    connection: { search_path: schema, TimeZone: 'UTC', application_name: 'omsorg-sandbox' },
    // As PGlite and node-postgres do: `undefined` is NULL, and a JSON parameter given as a string
    // is that JSON text (an object is serialised); without this a string would be encoded again.
    transform: { undefined: null },
    types: {
      json: { to: 3802, from: [114, 3802], serialize: (/** @type {unknown} */ x) => (typeof x === 'string' ? x : JSON.stringify(x)), parse: JSON.parse },
    },
    // PostgreSQL's notices (`CREATE SCHEMA IF NOT EXISTS` on an existing one) are not news; a
    // connection that breaks is opened again on the next query, and an error reaches its query.
    onnotice: () => {},
  });
  try {
    if (createSchema) await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  } catch (err) {
    // Two processes creating the schema at once: one of them loses the race, which is fine.
    const code = /** @type {{ code?: string }} */ (err).code;
    if (code !== '23505' && code !== '42P06') {
      await sql.end({ timeout: 5 });
      throw err;
    }
  }

  // Named (prepared) statements: each connection parses (and, once PostgreSQL settles on a generic
  // plan, plans) a statement once, not on every request; that was about half of PostgreSQL's CPU
  // time per API request (scripts/bench-sandbox.mjs). The number of texts is small (the SQL is
  // fixed, with `$n` parameters), and past MAX_PREPARED further texts simply run unprepared.
  /** @type {Set<string>} */
  const prepared = new Set();
  /** @param {string} text */
  const prepare = (text) => {
    if (prepared.has(text)) return true;
    if (prepared.size >= MAX_PREPARED) return false;
    prepared.add(text);
    return true;
  };
  /** @param {import('postgres').Sql} q @returns {Queryable} */
  const wrap = (q) => ({
    query: async (text, params = []) => {
      const result = await q.unsafe(text, /** @type {any[]} */ ([...params]), { prepare: prepare(text) });
      // A plain array (the Result is an Array subclass with its own fields).
      return { rows: result.slice(), rowCount: typeof result.count === 'number' ? result.count : result.length };
    },
    exec: async (text) => {
      await q.unsafe(text);
    },
  });
  let closed = false;

  return {
    ...wrap(sql),
    kind: 'postgres',
    schema,
    dataDir: undefined,
    // COMMIT when `fn` resolves; ROLLBACK and rethrow when it throws (postgres.js's own begin).
    transaction: (fn) => /** @type {Promise<any>} */ (sql.begin((tx) => fn(wrap(/** @type {any} */ (tx))))),
    listen: postgresListen(databaseUrl, 'omsorg-sandbox-listen'),
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}
