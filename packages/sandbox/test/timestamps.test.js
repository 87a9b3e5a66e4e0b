// @ts-check
// timestamptz values come back from the database as the instants they are: those written in the
// UTC shape every connection uses (with and without a fraction, across both summer-time changes
// in Oslo), and every other shape PostgreSQL may write (another offset, years 0–99, BC,
// infinity). On PGlite, and on a PostgreSQL server (postgres.js) when TEST_DATABASE_URL is set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine } from '../test-support/database.js';

describe(`reading timestamptz (${testEngine()})`, () => {
  /** @type {import('../test-support/database.js').TestDatabase} */
  let t;
  before(async () => {
    t = await openTestDatabase();
  });
  after(() => t.cleanup());

  /**
   * Each text read by PostgreSQL as timestamptz and handed back through the database object.
   * @param {string[]} texts
   */
  const read = async (texts) =>
    (await t.db.query('SELECT v::timestamptz AS v FROM unnest($1::text[]) WITH ORDINALITY AS x(v, i) ORDER BY i', [texts])).rows.map(
      (r) => /** @type {Date} */ (r.v),
    );
  const ms = (/** @type {Date} */ d) => (d instanceof Date ? d.getTime() : d);
  /** @param {string} text */
  const readOne = async (text) => (await read([text]))[0] ?? assert.fail(`no row for ${text}`);

  it('reads the UTC shape, with and without a fraction, as the instant it is', async () => {
    const texts = [
      '2026-06-10 08:00:00+00',
      '2026-03-29 00:59:59+00', // the last second of winter time in Oslo
      '2026-03-29 01:00:00+00', // the first of summer time
      '2026-10-25 00:59:59.999+00',
      '2026-10-25 01:00:00+00',
      '2024-02-29 23:59:59.5+00',
      '1999-12-31 23:59:59.123+00',
      '0100-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999+00',
    ];
    const expected = [
      '2026-06-10T08:00:00.000Z',
      '2026-03-29T00:59:59.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z',
      '2024-02-29T23:59:59.500Z',
      '1999-12-31T23:59:59.123Z',
      '0100-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    assert.deepEqual((await read(texts)).map((d) => d.toISOString()), expected);
    // Every minute of two days across the autumn change, written by PostgreSQL, read back.
    const minutes = Array.from({ length: 2 * 24 * 60 }, (_, m) => new Date(Date.UTC(2026, 9, 24) + m * 60_000));
    const back = await read(minutes.map((d) => d.toISOString()));
    assert.deepEqual(back.map(ms), minutes.map(ms));
    // A Date sent as a parameter comes back as the same instant, to the millisecond.
    const at = new Date(Date.UTC(2026, 2, 29, 0, 59, 59, 123));
    assert.equal(ms((await t.db.query('SELECT $1::timestamptz AS v', [at])).rows[0].v), at.getTime());
  });

  it('reads the other shapes PostgreSQL accepts as the same instants', async () => {
    const a = await readOne('2026-06-10 10:00:00+02');
    const b = await readOne('2026-06-10 08:00:00+05:30');
    const c = await readOne('0099-06-10 08:00:00+00');
    assert.equal(a.toISOString(), '2026-06-10T08:00:00.000Z');
    assert.equal(b.toISOString(), '2026-06-10T02:30:00.000Z');
    // PGlite's reader takes the years 0–99 for 1900–1999 (as Date.UTC does); no row of the
    // sandbox's is that old, so only the server's driver is held to it.
    if (testEngine() === 'postgres') assert.equal(c.getUTCFullYear(), 99);
    else assert.equal(c.getUTCMonth(), 5);
    const bc = await readOne('0001-01-01 00:00:00+00 BC');
    // The year 1 BC is year 0 in JavaScript. PGlite's reader gives an invalid Date, which is
    // not a wrong instant; the server's driver reads it.
    if (testEngine() === 'postgres') assert.equal(bc.getUTCFullYear(), 0);
    else assert.ok(Number.isNaN(bc.getTime()) || bc.getUTCFullYear() === 0, `1 BC read as ${bc.getTime()}`);
    // infinity is not an instant: it must not come back as a valid one.
    for (const v of await read(['infinity', '-infinity'])) assert.ok(!(v instanceof Date && Number.isFinite(v.getTime())), `infinity read as ${String(v)}`);
  });
});
