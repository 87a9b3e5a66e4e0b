// @ts-check
/**
 * A Map that holds at most `max` entries, the oldest set first out: the per-session caches of a
 * BFF process (imported DPoP keys, opened secrets) and the API's per-process caches (verified
 * tokens, proof keys, replayed proof ids, matched routes) stay bounded however much passes.
 * `max <= 0` keeps nothing (a cache switched off).
 * @template V
 * @param {number} max
 */
export function boundedMap(max) {
  /** @type {Map<string, V>} */
  const map = new Map();
  return {
    /** @param {string} key */
    get: (key) => map.get(key),
    /** @param {string} key */
    has: (key) => map.has(key),
    /** @param {string} key */
    delete: (key) => map.delete(key),
    clear: () => map.clear(),
    get size() {
      return map.size;
    },
    /** The entries, oldest set first. */
    entries: () => map.entries(),
    /** Sets `key` as the newest entry, dropping the oldest when full. @param {string} key @param {V} value */
    set(key, value) {
      map.delete(key);
      if (max <= 0) return value;
      if (map.size >= max) map.delete(/** @type {string} */ (map.keys().next().value));
      map.set(key, value);
      return value;
    },
  };
}
