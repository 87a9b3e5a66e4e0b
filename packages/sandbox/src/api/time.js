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
 * Minutes east of UTC in Oslo at `date`.
 * @param {Date} date
 */
export function osloOffsetMinutes(date) {
  const t = Math.floor(date.getTime() / 1000) * 1000;
  const w = wallClock(new Date(t));
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t) / 60000);
}

/**
 * `2025-03-31T08:00:00+02:00`
 * @param {Date} date
 */
export function osloIso(date) {
  const w = wallClock(date);
  const m = osloOffsetMinutes(date);
  const abs = Math.abs(m);
  const offset = `${m < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}

/**
 * The Oslo calendar date of `date`, `YYYY-MM-DD`.
 * @param {Date} date
 */
export function osloDate(date) {
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
