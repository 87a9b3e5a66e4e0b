// @ts-check
/**
 * Group commit for small writes that many concurrent requests make (the access log's rows, DPoP
 * proof ids): each caller adds its item and waits until the statement that holds it has committed.
 * The first item is written at once, as before; items that arrive while a write is on its way go
 * together in the next one (up to `max`). So a quiet server writes one row per statement, and a
 * busy one one statement, one commit and one WAL flush for many rows: PostgreSQL's cost per
 * request falls as the load rises. No timer, no delay: nobody waits for a batch to fill.
 *
 * When a batch fails, its items are written again one by one, so that one bad item fails only
 * its own request.
 */

/**
 * @template T, R
 * @param {(items: T[]) => Promise<R[]>} write writes the items in one statement; the results in the items' order
 * @param {{ max?: number }} [o]
 * @returns {(item: T) => Promise<R>}
 */
export function createBatcher(write, { max = 256 } = {}) {
  /** @type {Array<{ item: T, ok: (r: R) => void, ko: (e: unknown) => void }>} */
  let queue = [];
  let writing = false;

  const drain = async () => {
    writing = true;
    try {
      while (queue.length) {
        const batch = queue.slice(0, max);
        queue = queue.slice(batch.length);
        try {
          const results = await write(batch.map((b) => b.item));
          batch.forEach((b, i) => b.ok(/** @type {R} */ (results[i])));
        } catch (err) {
          if (batch.length === 1) batch[0]?.ko(err);
          else {
            // One by one: only the item that cannot be written fails.
            for (const b of batch) {
              try {
                const [r] = await write([b.item]);
                b.ok(/** @type {R} */ (r));
              } catch (e) {
                b.ko(e);
              }
            }
          }
        }
      }
    } finally {
      writing = false;
    }
  };

  return (item) =>
    new Promise((ok, ko) => {
      queue.push({ item, ok, ko });
      if (!writing) void drain();
    });
}
