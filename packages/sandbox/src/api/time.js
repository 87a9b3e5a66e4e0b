// @ts-check
/**
 * Europe/Oslo formatting, the same as @omsorg/mocks (src/time.ts): ISO 8601 with the offset of
 * the date itself (+01:00 / +02:00), to the second; calendar dates as `YYYY-MM-DD` in Oslo.
 * Through Intl with an explicit time zone, so the machine's own zone never matters.
 */
const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * @param {Date} date
 * @returns {{ year: number, month: number, day: number, hour: number, minute: number, second: number }}
 */
function wallClock(date) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const p of osloParts.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** @param {number} n @param {number} [width] */
const pad = (n, width = 2) => String(n).padStart(width, '0');

/**
 * Minutes east of UTC in Oslo at `t` (ms), through Intl: exact, but slow (formatToParts costs
 * ~10 µs, and a page of 20 appointments needs 60 of these).
 * @param {number} t whole seconds, in ms
 */
function exactOffsetMinutes(t) {
  const w = wallClock(new Date(t));
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t) / 60000);
}

/** Oslo's offset per UTC hour (it changes only on the hour, at 01:00 UTC); null: it changes within that hour. */
/** @type {Map<number, number | null>} */
const offsetByHour = new Map();
const HOUR = 3_600_000;
// The fast path (cached offset, UTC arithmetic) only for ordinary years; Intl for the rest.
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(9999, 0, 1);

/**
 * Minutes east of UTC in Oslo at `t`, cached per UTC hour.
 * @param {number} t whole seconds, in ms
 */
function offsetMinutes(t) {
  const hour = Math.floor(t / HOUR);
  let off = offsetByHour.get(hour);
  if (off === undefined) {
    const first = exactOffsetMinutes(hour * HOUR);
    off = first === exactOffsetMinutes(hour * HOUR + HOUR - 1000) ? first : null;
    if (offsetByHour.size >= 50_000) offsetByHour.clear();
    offsetByHour.set(hour, off);
  }
  return off ?? exactOffsetMinutes(t);
}

/**
 * The Oslo wall clock and offset of `date` (to the second).
 * @param {Date} date
 */
function oslo(date) {
  const ms = date.getTime();
  const t = Math.floor(ms / 1000) * 1000;
  if (!(ms >= FAST_FROM && ms < FAST_TO)) {
    // Intl as before (and its RangeError for an invalid date).
    return { ...wallClock(date), offset: exactOffsetMinutes(t) };
  }
  const offset = offsetMinutes(t);
  const d = new Date(t + offset * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    offset,
  };
}

/**
 * Minutes east of UTC in Oslo at `date`.
 * @param {Date} date
 */
export function osloOffsetMinutes(date) {
  return oslo(date).offset;
}

/**
 * `2025-03-31T08:00:00+02:00`
 * @param {Date} date
 */
export function osloIso(date) {
  const w = oslo(date);
  const m = w.offset;
  const abs = Math.abs(m);
  const offset = `${m < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}

/**
 * The Oslo calendar date of `date`, `YYYY-MM-DD`.
 * @param {Date} date
 */
export function osloDate(date) {
  const w = oslo(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
