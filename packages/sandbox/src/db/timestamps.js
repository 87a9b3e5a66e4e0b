// @ts-check
/**
 * Reading `timestamptz` values from PostgreSQL. Every connection of the sandbox works in UTC
 * (db/index.js sets `TimeZone=UTC`), so PostgreSQL writes each one as
 * `2026-06-10 08:00:00+00` or `2026-06-10 08:00:00.123456+00`. A page of 20 appointments carries
 * about 120 of them; pg's general parser (postgres-date) runs three regular expressions on each
 * and was 6 % of the server's CPU per list request (scripts/bench-sandbox.mjs). This one reads
 * the fixed positions of that one shape and hands anything else (another offset, years before
 * 100, BC, infinity) to the general parser, so its answer is always postgres-date's.
 */

/** The two digits at `i` as a number (NaN-free only for digits; the shape is checked first). */
const twoDigits = (/** @type {string} */ s, /** @type {number} */ i) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);

/** True when every position of `s` in `positions` holds a digit 0–9. */
function digitsAt(/** @type {string} */ s, /** @type {readonly number[]} */ positions) {
  for (const i of positions) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * A parser for `timestamptz` text: the UTC shape at fixed positions, else `general`.
 * @param {(text: string) => unknown} general pg's own parser for the type
 * @returns {(text: string) => unknown}
 */
export function utcTimestampParser(general) {
  return (s) => {
    const n = s.length;
    if (
      n >= 22 &&
      s.charCodeAt(4) === 45 && // -
      s.charCodeAt(7) === 45 &&
      s.charCodeAt(10) === 32 && // space
      s.charCodeAt(13) === 58 && // :
      s.charCodeAt(16) === 58 &&
      s.charCodeAt(n - 3) === 43 && // +00
      s.charCodeAt(n - 2) === 48 &&
      s.charCodeAt(n - 1) === 48 &&
      (n === 22 || s.charCodeAt(19) === 46) && // . before a fraction
      digitsAt(s, DIGITS)
    ) {
      const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
      const ms = n === 22 ? 0 : 1000 * Number(s.slice(19, n - 3));
      // Date.UTC reads years 0–99 as 1900–1999: those go to the general parser.
      if (year >= 100 && ms === ms) {
        const t = Date.UTC(year, twoDigits(s, 5) - 1, twoDigits(s, 8), twoDigits(s, 11), twoDigits(s, 14), twoDigits(s, 17), ms);
        if (t === t) return new Date(t);
      }
    }
    return general(s);
  };
}
