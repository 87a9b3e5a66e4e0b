// @ts-check
/**
 * Group commit (src/db/batch.js): the first item is written at once, items that arrive meanwhile
 * share the next write, each caller learns its own result, and one bad item fails only its own
 * caller. The access log's writer and the shared DPoP replay store are built on it: checked here
 * against the database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatcher } from '../src/db/batch.js';
import { createAccessLogWriter } from '../src/data/store.js';
import { verifyAccessLog } from '../src/data/access-log.js';
import { createSharedReplayStore } from '../src/auth/replay.js';
import { openTestDatabase } from '../test-support/database.js';

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

describe('on the database', () => {
  it('the access log: concurrent rows share statements, the chain stays intact, a bad row fails alone', async () => {
    const tdb = await openTestDatabase();
    try {
      let statements = 0;
      const q = {
        query: (/** @type {string} */ sql, /** @type {readonly unknown[] | undefined} */ params) => {
          statements++;
          return tdb.db.query(sql, params);
        },
        exec: (/** @type {string} */ sql) => tdb.db.exec(sql),
      };
      const append = createAccessLogWriter(q);
      /** @type {import('../src/data/store.js').AccessLogEntry[]} */
      const entries = Array.from({ length: 40 }, (_, i) => ({
        actorPersonId: 'psn-ola-7f3a',
        subjectId: i % 3 ? 'sub-ola-7f3a' : 'not an id',
        action: 'read',
        resource: 'threads',
        outcome: 'ok',
        status: i % 2 ? 404 : 200,
        actorRole: 'self',
        clientId: i % 5 ? 'omsorg-test' : null,
      }));
      await Promise.all(entries.map((e) => append(e)));
      assert.equal(statements, 2, 'the first row at once, the other 39 in one statement');
      const rows = (await tdb.db.query('SELECT subject_id, status, client_id FROM access_log ORDER BY id')).rows;
      assert.deepEqual(
        rows,
        entries.map((e, i) => ({ subject_id: i % 3 ? 'sub-ola-7f3a' : null, status: e.status, client_id: e.clientId })),
        'in order, with the same values as logAccess stores (a malformed id left out)',
      );
      const entry = (/** @type {number} */ i) => /** @type {import('../src/data/store.js').AccessLogEntry} */ (entries[i]);
      const outcomes = await Promise.allSettled([append(entry(1)), append(entry(2)), append({ ...entry(3), resource: /** @type {any} */ ('nonsense') }), append(entry(4))]);
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const report = await verifyAccessLog(tdb.db);
      assert.equal(report.intact, true, report.reason);
      assert.equal(report.rows, 43);
    } finally {
      await tdb.cleanup();
    }
  });

  it('DPoP proof ids: concurrent ids share a statement; an id is new once, at any instance', async () => {
    const tdb = await openTestDatabase();
    try {
      const now = Date.now();
      const one = createSharedReplayStore(tdb.db);
      assert.deepEqual(await Promise.all(['a', 'b', 'c', 'a'].map((k) => one.seen(`jkt:${k}`, now + 120_000, now))), [false, false, false, true]);
      const other = createSharedReplayStore(tdb.db); // another instance: nothing in its memory
      assert.deepEqual(await Promise.all(['b', 'd', 'c'].map((k) => other.seen(`jkt:${k}`, now + 120_000, now))), [true, false, true]);
      assert.equal((await tdb.db.query('SELECT count(*)::int AS n FROM dpop_proofs')).rows[0].n, 4);
    } finally {
      await tdb.cleanup();
    }
  });
});
