// @ts-check
/**
 * Double clicks, retries and second tabs: concurrent cancels make exactly one change. Real
 * concurrency on PostgreSQL (TEST_DATABASE_URL: a pool of connections, row locks and the unique
 * idempotency key decide); PGlite has one connection and runs the transactions one by one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../test-support/database.js';
import { ILL, SUBJECTS, useTestApi } from './api-helpers.js';

const t = useTestApi();

const id = 'apt-ola-prakt-d02';

describe(`concurrent cancels (${testEngine()})`, () => {
  it('five identical cancels at once: one change; each answer the first 200, or 409 request-in-progress while it runs', async () => {
    // PGlite runs one transaction at a time, so there every duplicate comes after the first and
    // replays it; on PostgreSQL a duplicate that arrives while the first runs is told to retry.
    const key = t.newKey();
    const mark = await t.logMark();
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.cancel(id, { key, ifMatch: '"v1"' })));
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 409);
    assert.equal(ok.length + busy.length, 5, answers.map((a) => a.text).join('\n'));
    assert.ok(ok.length >= 1);
    for (const a of ok) {
      assert.equal(a.text, ok[0]?.text);
      assert.equal(a.headers.get('etag'), '"v2"');
    }
    for (const a of busy) {
      assert.equal(a.body.type, 'urn:omsorg:problem:request-in-progress');
      assert.equal(a.headers.get('retry-after'), '1');
    }
    const now = await t.call(`/v1/subjects/me/appointments/${id}`);
    assert.equal(now.body.version, 'v2', 'exactly one change');
    assert.equal(now.body.status, 'cancelled');
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM idempotency_records WHERE key = $1', [key]);
    assert.equal(rows[0].n, 1);
    const log = (await t.logSince(mark)).filter((r) => r.action === 'cancel');
    assert.deepEqual(log.map((r) => r.outcome).sort(), ['ok', ...Array(busy.length).fill('refused'), ...Array(ok.length - 1).fill('replayed')].sort());
  });

  it('two cancels with different keys and the same If-Match: one 200, one 412', async () => {
    const [a, b] = await Promise.all([
      t.cancel(id, { ifMatch: '"v1"' }),
      t.cancel(id, { ifMatch: '"v1"', body: { reason: { ...ILL.reason, code: 'pat-away' } } }),
    ]);
    assert.deepEqual([a?.status, b?.status].sort(), [200, 412], `${a?.text}\n${b?.text}`);
    const winner = a?.status === 200 ? a : b;
    const stored = await t.call(`/v1/subjects/me/appointments/${id}`);
    assert.deepEqual(stored.body, winner?.body, 'the one that won is what is stored');
    assert.equal(stored.body.version, 'v2');
  });

  it('a second tab (Kari) and Ola at once: one wins, the other is told it changed', async () => {
    const answers = await Promise.all([
      t.cancel(id, { ifMatch: '"v1"' }),
      t.cancel(id, { ifMatch: '"v1"', person: 'kari', subject: SUBJECTS.ola }),
      t.cancel(id, { ifMatch: '"v1"' }),
      t.cancel(id, { ifMatch: '"v1"', person: 'kari', subject: SUBJECTS.ola }),
    ]);
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 412, 412, 412]);
    assert.equal((await t.call(`/v1/subjects/me/appointments/${id}`)).body.version, 'v2');
  });

  it('cancels of different appointments do not block each other', async () => {
    const ids = ['apt-ola-prakt-d02', 'apt-ola-dagsenter-d03', 'apt-ola-hsp-d02-am', 'apt-ola-prakt-d09'];
    const answers = await Promise.all(ids.map((x) => t.cancel(x, { ifMatch: '"v1"' })));
    assert.deepEqual(answers.map((x) => x.status), [200, 200, 200, 200], answers.map((a) => a.text).join('\n'));
  });
});
