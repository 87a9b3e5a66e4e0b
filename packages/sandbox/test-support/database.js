// @ts-check
/**
 * Throw-away databases for tests (and the contract suite): one environment variable switches
 * every test between the engines.
 *
 * - default: PGlite in a new temporary directory. Creating a PGlite cluster takes several
 *   seconds, so a migrated template is made once per migration set (in the OS temp dir) and
 *   copied for each test, which then opens in a fraction of a second;
 * - `TEST_DATABASE_URL` set: a PostgreSQL server, with a new schema per test (dropped by
 *   `cleanup()`), so tests never see each other's data.
 */
import { randomBytes, createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, dropSchema } from '../src/db/index.js';
import { loadMigrations } from '../src/db/migrate.js';

/**
 * @typedef {object} TestDatabase
 * @property {import('../src/db/index.js').Database} db
 * @property {string | undefined} dataDir PGlite's directory (reopen it to test a restart)
 * @property {string | undefined} databaseUrl
 * @property {string} schema
 * @property {() => Promise<import('../src/db/index.js').Database>} reopen closes the database and opens it again on the same data
 * @property {() => Promise<void>} cleanup closes and deletes everything
 */

/** The engine the tests run on: `postgres` when TEST_DATABASE_URL is set. */
export const testEngine = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');

/**
 * A migrated, empty database of its own.
 * @param {{ databaseUrl?: string }} [o] default `process.env.TEST_DATABASE_URL`
 * @returns {Promise<TestDatabase>}
 */
export async function openTestDatabase({ databaseUrl = process.env.TEST_DATABASE_URL } = {}) {
  if (databaseUrl) {
    const schema = `omsorg_test_${randomBytes(6).toString('hex')}`;
    let db = await openDatabase({ databaseUrl, schema, poolSize: 12 });
    return {
      get db() {
        return db;
      },
      dataDir: undefined,
      databaseUrl,
      schema,
      async reopen() {
        await db.close();
        db = await openDatabase({ databaseUrl, schema, poolSize: 12 });
        return db;
      },
      async cleanup() {
        try {
          await dropSchema(db);
          await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await db.close();
        }
      },
    };
  }

  const template = await pgliteTemplate();
  const root = await mkdtemp(join(tmpdir(), 'omsorg-sandbox-test-'));
  const dataDir = join(root, 'pg');
  await cp(template, dataDir, { recursive: true });
  let db = await openDatabase({ dataDir });
  return {
    get db() {
      return db;
    },
    dataDir,
    databaseUrl: undefined,
    schema: db.schema,
    async reopen() {
      await db.close();
      db = await openDatabase({ dataDir });
      return db;
    },
    async cleanup() {
      try {
        await db.close();
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The directory of a migrated PGlite template for the current migrations (made if missing).
 * Copy it, never open it: the browser journeys seed a copy (test/e2e/sandbox-browser.mjs).
 * @returns {Promise<string>}
 */
export async function pgliteTemplate() {
  const hash = createHash('sha256');
  for (const m of await loadMigrations()) hash.update(`${m.version}:${m.checksum}\n`);
  // A new PGlite may write another on-disk format: part of the template's name.
  const pkg = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  hash.update(String(JSON.parse(await readFile(pkg, 'utf8')).version));
  const dir = join(tmpdir(), `omsorg-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  if (await exists(join(dir, 'PG_VERSION'))) return dir;

  // Build it beside, then rename into place: parallel test processes never see half a template.
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ dataDir: building });
  await db.close();
  try {
    await rename(building, dir);
  } catch {
    await rm(building, { recursive: true, force: true });
  }
  return dir;
}

/** @param {string} path */
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
