// @ts-check
/**
 * Versioned migrations: `packages/sandbox/migrations/NNN_name.sql`, applied in order of NNN.
 * All pending files are applied in ONE transaction, under an advisory lock (so two processes
 * starting at once do not both migrate), and recorded in `schema_migrations` with a checksum.
 * A file that changed after it was applied is an error (reset the sandbox, or add a new file).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE = /^(\d{3,})_([A-Za-z0-9_-]+)\.sql$/;

/**
 * @typedef {object} Migration
 * @property {string} version e.g. `001`
 * @property {string} name e.g. `init`
 * @property {string} sql
 * @property {string} checksum sha256 of the file, hex
 */

/**
 * @param {string} [dir]
 * @returns {Promise<Migration[]>} sorted by version
 */
export async function loadMigrations(dir = MIGRATIONS_DIR) {
  const files = (await readdir(dir)).filter((f) => FILE.test(f)).sort();
  /** @type {Migration[]} */
  const out = [];
  for (const file of files) {
    const [, version = '', name = ''] = /** @type {RegExpExecArray} */ (FILE.exec(file));
    if (out.some((m) => m.version === version)) throw new Error(`two migrations with version ${version}`);
    const sql = await readFile(join(dir, file), 'utf8');
    out.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

/**
 * Applies the pending migrations. Idempotent: a second call (or a restart) applies nothing.
 * @param {import('./types.js').Database} db
 * @param {{ dir?: string }} [options]
 * @returns {Promise<string[]>} the versions applied now
 */
export async function migrate(db, { dir } = {}) {
  const migrations = await loadMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`omsorg-migrations:${db.schema}`]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     text PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query('SELECT version, checksum FROM schema_migrations');
    /** @type {Map<string, string>} */
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    /** @type {string[]} */
    const done = [];
    for (const m of migrations) {
      const checksum = applied.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new Error(`migration ${m.version}_${m.name}.sql changed after it was applied: add a new migration instead, or reset the sandbox (npm run sandbox:reset)`);
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      done.push(m.version);
    }
    return done;
  });
}
