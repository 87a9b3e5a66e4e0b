// @ts-check
/**
 * Where the token verifier remembers the DPoP proof ids it accepted (a proof is good once):
 * `ReplayCache` in memory (one process), `createSharedReplayStore` in the database for several
 * API instances (table dpop_proofs, migration 003), so that a proof used at one instance is
 * refused at every other: `INSERT … ON CONFLICT DO NOTHING RETURNING` says in
 * one statement whether the id is new (the ids of concurrent requests in one statement). Each instance keeps its in-memory `ReplayCache` as a first
 * check (a replay to the same instance costs no query). Expired ids are deleted on the way, at
 * most once a minute per instance (by the clock of the requests: no timer).
 */

import { boundedMap } from '@omsorg/bff/bounded';
import { createBatcher } from '../db/batch.js';

/**
 * @typedef {object} ReplayStore
 * @property {(key: string, expiresAt: number, now: number) => boolean | Promise<boolean>} seen
 *   records `key` (until `expiresAt`, ms) unless it was seen; true when it was seen (a replay)
 */

/**
 * An in-memory, bounded set of seen DPoP proof ids. Entries expire after the proof's window;
 * when more than `max` unexpired proofs arrive within a window, the oldest are forgotten
 * (memory stays bounded; this only matters under a flood).
 */
export class ReplayCache {
  /** @type {ReturnType<typeof boundedMap<number>>} */
  #seen;

  /** @param {number} max */
  constructor(max) {
    this.#seen = boundedMap(max);
  }

  get size() {
    return this.#seen.size;
  }

  /**
   * Records `key` unless it was seen; returns true when it was seen (a replay).
   * @param {string} key
   * @param {number} expiresAt ms
   * @param {number} now ms
   */
  seen(key, expiresAt, now) {
    for (const [k, exp] of this.#seen.entries()) {
      if (exp > now) break;
      this.#seen.delete(k);
    }
    const exp = this.#seen.get(key);
    if (exp !== undefined && exp > now) return true;
    this.#seen.set(key, expiresAt);
    return false;
  }
}

/**
 * @param {import('../db/types.js').Queryable} db
 * @param {{ memorySize?: number, cleanupEveryMs?: number }} [o]
 * @returns {ReplayStore}
 */
export function createSharedReplayStore(db, { memorySize = 100_000, cleanupEveryMs = 60_000 } = {}) {
  const memory = new ReplayCache(memorySize);
  let nextCleanup = 0;
  // The ids of concurrent requests share one INSERT (db/batch.js); each request still waits until
  // its id is committed, and learns from RETURNING whether it was new.
  const record = createBatcher(
    /** @param {Array<{ key: string, expiresAt: number }>} proofs */ async (proofs) => {
      const { rows } = await db.query(
        `INSERT INTO dpop_proofs (jkt_jti, expires_at)
         SELECT k, e FROM unnest($1::text[], $2::timestamptz[]) AS t(k, e)
         ON CONFLICT (jkt_jti) DO NOTHING RETURNING jkt_jti`,
        [proofs.map((p) => p.key), proofs.map((p) => new Date(p.expiresAt))],
      );
      const fresh = new Set(rows.map((r) => r.jkt_jti));
      return proofs.map((p) => !fresh.has(p.key));
    },
  );
  return {
    async seen(key, expiresAt, now) {
      if (memory.seen(key, expiresAt, now)) return true;
      if (now >= nextCleanup) {
        nextCleanup = now + cleanupEveryMs;
        await db.query('DELETE FROM dpop_proofs WHERE expires_at < $1', [new Date(now)]);
      }
      return record({ key, expiresAt });
    },
  };
}
