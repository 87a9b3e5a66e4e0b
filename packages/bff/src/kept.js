// @ts-check
/**
 * Rows a process has read, kept while it hears of their changes on a LISTEN channel: a trigger
 * announces a changed row's key, from whichever process or statement changed it, and the row is
 * dropped here. The BFF keeps its session rows this way, the sandbox API its person rows.
 *
 * The trade: a change made elsewhere reaches this process a few milliseconds later, so a read in
 * that window may still use the old row. Nothing is kept while the listening connection is down
 * (it is opened again after 1 s, 5 s, then every 30 s), and a kept row is read again after
 * `maxAgeMs` even if nothing was heard: a bound, should a notice be lost.
 */
import { boundedMap } from './bounded.js';

/** Waits before listening again after the listening connection failed (the last one repeats). */
const LISTEN_RETRY_MS = [1_000, 5_000, 30_000];

/**
 * @template V
 * @param {object} o
 * @param {import('./listen.js').Listen | undefined} o.listen the database handle's `listen`
 *   (none: nothing is ever kept)
 * @param {string} o.channel the trigger's channel; a notice's payload is a key ('' drops all)
 * @param {number} o.size at most this many rows, the oldest set first out
 * @param {number} o.maxAgeMs
 * @param {string} o.what what is kept, for the warnings ("ended sessions")
 * @param {string} o.who whose warnings ("omsorg bff")
 * @param {string} o.otherwise what happens while nothing is kept ("each request reads its session")
 * @param {Pick<Console, 'warn'>} o.logger
 */
export function keptWhileListening({ listen: listenOn, channel, size, maxAgeMs, what, who, otherwise, logger }) {
  /** @type {ReturnType<typeof boundedMap<{ value: V, at: number }>>} */
  const kept = boundedMap(size);
  let listening = false;
  /** Counts what was heard (and lost connections): a row read while this moved may be stale already. */
  let heard = 0;
  let closed = false;
  /** @type {import('./listen.js').Listening | undefined} */
  let listener;
  /** @type {NodeJS.Timeout | undefined} */
  let retry;

  const forget = (/** @type {string} */ key) => {
    heard++;
    if (key) kept.delete(key);
    else kept.clear();
  };
  /** Listens for changed rows; on failure, tries again later (nothing is kept meanwhile). */
  const listen = async (attempt = 0) => {
    if (!listenOn || closed) return;
    try {
      const l = await listenOn(channel, forget);
      if (closed) return void (await l.close());
      listener = l;
      listening = true;
      void l.lost.then((err) => {
        listening = false;
        heard++;
        kept.clear();
        listener = undefined;
        if (closed) return;
        logger.warn(`${who}: stopped hearing of ${what} (${err.message}); ${otherwise} until listening again`);
        again(0);
      });
    } catch (err) {
      logger.warn(`${who}: cannot listen for ${what} (${err instanceof Error ? err.message : err}); ${otherwise}`);
      again(attempt + 1);
    }
  };
  const again = (/** @type {number} */ attempt) => {
    retry = setTimeout(() => void listen(attempt), LISTEN_RETRY_MS[Math.min(attempt, LISTEN_RETRY_MS.length - 1)]);
    retry.unref();
  };

  return {
    /** Starts listening (rows are kept only while it listens). */
    listen: () => listen(),
    /** Whether rows are kept now. */
    get listening() {
      return listening;
    },
    /** The kept value of `key`, if it is kept and younger than `maxAgeMs`. @param {string} key */
    get(key) {
      if (!listening) return undefined;
      const hit = kept.get(key);
      return hit && performance.now() - hit.at < maxAgeMs ? hit.value : undefined;
    },
    /** Call before reading a row; hand the result to `keep`. */
    mark: () => heard,
    /**
     * Keeps a row read since `mark`, only if nothing was heard meanwhile (the notice may have
     * been for this row) and this process is listening.
     * @param {string} key @param {V} value @param {number} mark
     */
    keep(key, value, mark) {
      if (listening && heard === mark) kept.set(key, { value, at: performance.now() });
      else kept.delete(key);
    },
    /** Replaces a kept row's value (this process changed it), keeping its age. @param {string} key @param {(v: V) => V} change */
    update(key, change) {
      const hit = kept.get(key);
      if (hit) hit.value = change(hit.value);
    },
    /** Drops a row here at once, as a notice would. @param {string} key */
    forget,
    async close() {
      closed = true;
      clearTimeout(retry);
      listening = false;
      kept.clear();
      await listener?.close();
    },
  };
}
