// @ts-check
/**
 * The database's types, shared by index.js (which opens it) and migrate.js (which index.js runs
 * on open), so that neither imports the other for them.
 */

/**
 * @typedef {object} QueryResult
 * @property {any[]} rows
 * @property {number} rowCount rows changed by INSERT/UPDATE/DELETE, or returned by SELECT
 */

/**
 * @typedef {object} Queryable
 * @property {(sql: string, params?: readonly unknown[]) => Promise<QueryResult>} query one statement, `$1…` parameters
 * @property {(sql: string) => Promise<void>} exec several statements, no parameters (migrations)
 */

/**
 * @typedef {object} DatabaseExtra
 * @property {'pglite' | 'postgres'} kind
 * @property {string} schema
 * @property {string | undefined} dataDir PGlite's directory (undefined for PostgreSQL)
 * @property {<T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>} transaction
 *   runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK (and rethrow) when it throws.
 *   Inside, use only `tx` (on PGlite, `db.query` waits for the transaction to end).
 * @property {import('@omsorg/bff/listen').Listen} listen LISTEN on a channel (the BFF's session
 *   cache hears of ended sessions this way)
 * @property {() => Promise<void>} close
 */

/** @typedef {Queryable & DatabaseExtra} Database */

export {};
