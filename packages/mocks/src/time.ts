/**
 * Europe/Oslo wall-clock helpers. Everything goes through Intl with an explicit time zone, so the
 * result never depends on the machine's own zone, and the offset is +01:00 or +02:00 as the
 * date falls on either side of a daylight-saving change.
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

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(date: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of osloParts.formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Minutes east of UTC in Oslo at `date` (60 in winter, 120 in summer). */
export function osloOffsetMinutes(date: Date): number {
  const t = Math.floor(date.getTime() / 1000) * 1000;
  const w = wallClock(new Date(t));
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t) / 60000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `+01:00` or `+02:00` for `date`. */
export function osloOffset(date: Date): string {
  const m = osloOffsetMinutes(date);
  const sign = m < 0 ? '-' : '+';
  const abs = Math.abs(m);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 in Oslo local time with its offset, to the second: `2025-03-31T08:00:00+02:00`. */
export function osloIso(date: Date): string {
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${osloOffset(date)}`;
}

/** The Oslo calendar date of `date` as `YYYY-MM-DD`. */
export function osloDate(date: Date): string {
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant when Oslo's clocks show `hour:minute` on the day `dayOffset` calendar days after
 * the Oslo date of `from`. Calendar days, not 24-hour steps, so 08:00 stays 08:00 across a DST
 * change. A wall time inside the spring-forward gap lands one hour later.
 */
export function osloDateTime(from: Date, dayOffset: number, hour: number, minute = 0): Date {
  const w = wallClock(from);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day + dayOffset, hour, minute);
  const first = osloOffsetMinutes(new Date(asUtc));
  let t = asUtc - first * 60000;
  const second = osloOffsetMinutes(new Date(t));
  if (second !== first) t = asUtc - second * 60000;
  return new Date(t);
}

/** `date` moved by `minutes`. */
export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60000);
}
