// @ts-check
/**
 * Idempotency-Keys whose first request is still running. A second request with such a key is
 * answered at once with 409 `request-in-progress` and `Retry-After` (the client sends it again
 * later with the same key and then gets the stored first answer) instead of waiting behind the
 * first one's transaction. In this process by memory (PGlite runs one transaction at a time, so
 * the database alone could only make it wait); across processes on one PostgreSQL by a
 * transaction-scoped advisory lock on the key (`lockKey`).
 */
import { ProblemError } from './problems.js';

/** Seconds a client waits before it sends the request again. */
export const IN_PROGRESS_RETRY_AFTER_SEC = 1;

/** @type {WeakMap<object, Set<string>>} keys in flight, per database (one API per database) */
const running = new WeakMap();

const inProgress = () =>
  new ProblemError(409, 'requestInProgress', 'The first request with this Idempotency-Key is still running. Send it again after Retry-After.', {
    headers: { 'Retry-After': String(IN_PROGRESS_RETRY_AFTER_SEC) },
  });

/**
 * Runs `fn` while the key is marked in flight; a 409 when it already is.
 * @template T
 * @param {object} db the database the keys belong to
 * @param {string} personId
 * @param {string} key
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function whileInFlight(db, personId, key, fn) {
  let keys = running.get(db);
  if (!keys) running.set(db, (keys = new Set()));
  const id = `${personId}\n${key}`;
  if (keys.has(id)) throw inProgress();
  keys.add(id);
  try {
    return await fn();
  } finally {
    keys.delete(id);
  }
}

/**
 * Inside the claiming transaction, before the claim: another process's transaction that holds
 * the same key is still running → 409 (released at its COMMIT or ROLLBACK).
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} personId
 * @param {string} key
 */
export async function lockKey(tx, personId, key) {
  const { rows } = await tx.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok', [`idempotency\n${personId}\n${key}`]);
  if (!rows[0]?.ok) throw inProgress();
}
