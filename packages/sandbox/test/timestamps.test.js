// @ts-check
// The fast timestamptz reader (db/timestamps.js) answers exactly as pg's own parser does, for
// the shape PostgreSQL writes in UTC and for every other shape it hands on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { utcTimestampParser } from '../src/db/timestamps.js';

/** pg's own parser of timestamptz text (postgres-date). */
const parseDate = /** @type {(s: string) => unknown} */ (pg.types.getTypeParser(1184, 'text'));

/** @type {string[]} */
let handedOn = [];
const fast = utcTimestampParser((s) => {
  handedOn.push(s);
  return parseDate(s);
});
const same = (/** @type {string} */ s) => {
  const a = /** @type {Date | number | null} */ (fast(s));
  const b = /** @type {Date | number | null} */ (parseDate(s));
  assert.equal(a instanceof Date ? a.getTime() : a, b instanceof Date ? b.getTime() : b, s);
};

describe('reading timestamptz', () => {
  it('reads the UTC shape itself, with and without a fraction, the same as postgres-date', () => {
    handedOn = [];
    const texts = [
      '2026-06-10 08:00:00+00',
      '2026-03-29 00:59:59+00', // the last second of winter time in Oslo
      '2026-03-29 01:00:00+00', // the first of summer time
      '2026-10-25 00:59:59.999+00',
      '2026-10-25 01:00:00+00',
      '2024-02-29 23:59:59.5+00',
      '1999-12-31 23:59:59.123456+00',
      '0100-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999999+00',
      '2026-06-10 08:00:00.1235+00', // a fraction of a millisecond: truncated alike
    ];
    for (const s of texts) same(s);
    assert.deepEqual(handedOn, [], 'none handed on');
    // Every minute of two days across the autumn change, as PostgreSQL writes them.
    for (let m = 0; m < 2 * 24 * 60; m++) {
      const iso = new Date(Date.UTC(2026, 9, 24) + m * 60_000).toISOString();
      same(`${iso.slice(0, 10)} ${iso.slice(11, 19)}+00`);
    }
    assert.deepEqual(handedOn, []);
  });

  it('hands every other shape to the general parser', () => {
    handedOn = [];
    const others = [
      '2026-06-10 10:00:00+02', // another offset
      '2026-06-10 08:00:00+05:30',
      '0099-06-10 08:00:00+00', // years 0–99
      '0001-01-01 00:00:00+00 BC',
      'infinity',
      '-infinity',
      '2026-06-10',
      '2026-06-10 08:00:00,5+00', // not a dot before the fraction
      '2026-06-1x 08:00:00+00', // not a digit
      '12026-06-10 08:00:00+00', // five-digit year
    ];
    for (const s of others) same(s);
    assert.deepEqual(handedOn, others);
  });
});
