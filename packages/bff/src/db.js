// @ts-check
/**
 * The BFF's database: the sandbox's pattern (one set of SQL for PGlite and PostgreSQL, versioned
 * migrations under an advisory lock), with the BFF's own tables (`bff_*`) and migration history
 * (`bff_schema_migrations`), so it can share a database and schema with the sandbox or run on
 * one of its own. Several BFF processes on one PostgreSQL database share the sessions.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteListen, postgresListen } from './listen.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * @typedef {object} Queryable
 * @property {(sql: string, params?: readonly unknown[]) => Promise<{ rows: any[], rowCount: number }>} query
 * @property {(sql: string) => Promise<void>} exec
 */
/**
 * @typedef {Queryable & {
 *   transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>,
 *   close?: () => Promise<void>,
 *   schema?: string,
 *   listen?: import('./listen.js').Listen,
 * }} BffDatabase A database handle; the sandbox's `Database` is one. Without `listen`, every
 *   request reads its session row (the session cache needs to hear of changes).
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** @type {Map<string, string>} */
const statementNames = new Map();
/** A prepared statement's name for `sql`: the same text always gets the same name. @param {string} sql */
function statementName(sql) {
  let name = statementNames.get(sql);
  if (!name) {
    name = `omsorg_bff_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * Opens a database of the BFF's own: PostgreSQL when `databaseUrl`, else PGlite in `dataDir`.
 * @param {{ databaseUrl?: string, dataDir?: string, schema?: string }} o
 * @returns {Promise<BffDatabase & { close: () => Promise<void> }>}
 */
export async function openBffDatabase({ databaseUrl, dataDir, schema = 'omsorg_bff' }) {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`not a valid schema name: ${schema}`);
  if (databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${schema} -c TimeZone=UTC`, application_name: 'omsorg-bff' });
    pool.on('error', (err) => console.error(`omsorg bff: PostgreSQL connection error: ${err.message}`));
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((err) => {
      if (!['23505', '42P06'].includes(/** @type {{ code?: string }} */ (err).code ?? '')) throw err;
    });
    /** @param {import('pg').Pool | import('pg').PoolClient} q @returns {Queryable} */
    const wrap = (q) => ({
      query: async (sql, params = []) => {
        // A named statement: each connection parses and plans it once, not on every request
        // (the session lookup runs on each proxied call).
        const r = await q.query({ name: statementName(sql), text: sql, values: [...params] });
        return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
      },
      exec: async (sql) => void (await q.query(sql)),
    });
    return {
      ...wrap(pool),
      schema,
      async transaction(fn) {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const out = await fn(wrap(c));
          await c.query('COMMIT');
          return out;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          c.release();
        }
      },
      listen: postgresListen(databaseUrl, 'omsorg-bff-listen'),
      close: () => pool.end(),
    };
  }
  if (!dataDir) throw new TypeError('dataDir (PGlite) or databaseUrl (PostgreSQL) is needed');
  const { PGlite } = await import('@electric-sql/pglite');
  await mkdir(dirname(dataDir), { recursive: true });
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  await pg.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"; SET TIME ZONE 'UTC';`);
  /** @param {Pick<import('@electric-sql/pglite').PGliteInterface, 'query' | 'exec'>} q @returns {Queryable} */
  const wrap = (q) => ({
    query: async (sql, params = []) => {
      const r = await q.query(sql, /** @type {any[]} */ ([...params]));
      return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
    },
    exec: async (sql) => void (await q.exec(sql)),
  });
  return { ...wrap(pg), schema, transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))), listen: pgliteListen(pg), close: () => pg.close() };
}

/**
 * Applies the BFF's pending migrations (idempotent; one transaction, advisory lock).
 * @param {BffDatabase} db
 */
export async function migrateBff(db) {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['omsorg-bff-migrations']);
    await tx.exec(`CREATE TABLE IF NOT EXISTS bff_schema_migrations (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query('SELECT version, checksum FROM bff_schema_migrations');
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    /** @type {string[]} */
    const done = [];
    for (const file of files) {
      const sql = await readFile(join(MIGRATIONS_DIR, file), 'utf8');
      const version = file.slice(0, 3);
      const checksum = createHash('sha256').update(sql).digest('hex');
      const had = applied.get(version);
      if (had !== undefined) {
        if (had !== checksum) throw new Error(`BFF migration ${file} changed after it was applied: add a new one`);
        continue;
      }
      await tx.exec(sql);
      await tx.query('INSERT INTO bff_schema_migrations (version, checksum) VALUES ($1, $2)', [version, checksum]);
      done.push(version);
    }
    return done;
  });
}
