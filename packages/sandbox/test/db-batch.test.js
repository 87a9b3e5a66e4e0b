// @ts-check
/**
 * Group commit (src/db/batch.js): the first item is written at once, items that arrive meanwhile
 * share the next write, each caller learns its own result, and one bad item fails only its own
 * caller. The access log's writer and the shared DPoP replay store are built on it; their rows
 * are checked against the database in access-log.test.js, api.test.js and shared-state.test.js.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatcher } from '../src/db/batch.js';

/** A write that records the batches it was given and waits for the test to release each. */
function heldWrites() {
  /** @type {Array<{ items: number[], release: () => void }>} */
  const writes = [];
  /** @param {number[]} items */
  const write = (items) =>
    new Promise((ok, ko) => {
      writes.push({
        items,
        release: () => (items.includes(13) ? ko(new Error('unlucky')) : ok(items.map((n) => n * 2))),
      });
    });
  return { writes, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('createBatcher', () => {
  it('writes the first item at once and the items that arrive meanwhile together, in order', async () => {
    const { writes, write } = heldWrites();
    const add = createBatcher(write);
    const first = add(1);
    await tick();
    assert.deepEqual(writes.map((w) => w.items), [[1]], 'no waiting for a batch to fill');
    const rest = [2, 3, 4, 5].map((n) => add(n));
    await tick();
    assert.equal(writes.length, 1, 'one write at a time');
    writes[0]?.release();
    assert.equal(await first, 2);
    await tick();
    assert.deepEqual(writes.map((w) => w.items), [[1], [2, 3, 4, 5]]);
    writes[1]?.release();
    assert.deepEqual(await Promise.all(rest), [4, 6, 8, 10], 'each caller gets its own result');
  });

  it('keeps batches to `max` items', async () => {
    const { writes, write } = heldWrites();
    const add = createBatcher(write, { max: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => add(n));
    for (let i = 0; i < 4; i++) {
      await tick();
      writes[i]?.release();
    }
    await tick();
    writes[3]?.release();
    assert.deepEqual(await Promise.all(all), [2, 4, 6, 8, 10]);
    assert.deepEqual(writes.map((w) => w.items), [[1], [2, 3], [4, 5]]);
  });

  it('writes a failed batch again one by one: only the bad item fails', async () => {
    const { writes, write } = heldWrites();
    const add = createBatcher(write);
    const first = add(1);
    const batch = [12, 13, 14].map((n) => add(n).then((v) => ({ v }), (e) => ({ e: e.message })));
    await tick();
    writes[0]?.release();
    await first;
    for (let i = 1; i < 5; i++) {
      await tick();
      writes[i]?.release();
    }
    assert.deepEqual(await Promise.all(batch), [{ v: 24 }, { e: 'unlucky' }, { v: 28 }]);
    assert.deepEqual(writes.map((w) => w.items), [[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('starts again after an idle moment', async () => {
    const { writes, write } = heldWrites();
    const add = createBatcher(write);
    const a = add(1);
    await tick();
    writes[0]?.release();
    assert.equal(await a, 2);
    const b = add(2);
    await tick();
    writes[1]?.release();
    assert.equal(await b, 4);
    assert.deepEqual(writes.map((w) => w.items), [[1], [2]]);
  });
});
