/**
 * Europe/Oslo wall-clock time, the one copy every side uses (the mocks' fixtures and answers, the
 * sandbox's SQL rows turned into JSON, the elements' checks). ISO 8601 with the offset of the date
 * itself (+01:00 in winter, +02:00 in summer), to the second; calendar dates as `YYYY-MM-DD` in
 * Oslo. Through Intl with an explicit time zone, so the machine's own zone never matters.
 *
 * Intl's formatToParts costs ~10 µs, and a page of 20 appointments needs 60 conversions, so the
 * offset is cached per UTC hour (Oslo's offset changes only on the hour, at 01:00 UTC) and the
 * wall clock is computed with UTC arithmetic.
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

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Minutes east of UTC in Oslo at `t` (whole seconds, in ms), exact through Intl. */
function exactOffsetMinutes(t: number): number {
  const w = wallClock(new Date(t));
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t) / 60000);
}

const HOUR = 3_600_000;
/** Oslo's offset per UTC hour; null: it changes within that hour. */
const offsetByHour = new Map<number, number | null>();
// The fast path (cached offset, UTC arithmetic) only for ordinary years; Intl for the rest.
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(9999, 0, 1);

function offsetMinutesAt(t: number): number {
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

/** The Oslo wall clock and offset of `date`, to the second. */
function oslo(date: Date): WallClock & { offset: number } {
  const ms = date.getTime();
  const t = Math.floor(ms / 1000) * 1000;
  if (!(ms >= FAST_FROM && ms < FAST_TO)) {
    // Intl as it is (and its RangeError for an invalid date).
    return { ...wallClock(date), offset: exactOffsetMinutes(t) };
  }
  const offset = offsetMinutesAt(t);
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

/** Minutes east of UTC in Oslo at `date` (60 in winter, 120 in summer). */
export function osloOffsetMinutes(date: Date): number {
  return oslo(date).offset;
}

const offsetText = (m: number): string => {
  const abs = Math.abs(m);
  return `${m < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

/** `+01:00` or `+02:00` for `date`. */
export function osloOffset(date: Date): string {
  return offsetText(osloOffsetMinutes(date));
}

/** Two digits for 0–99, so a time of day needs no padding calls. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => pad(n));
const DAY_SECONDS = 86_400;

/** `YYYY-MM-DD` of a day counted from 1970-01-01 (Hinnant's days-to-civil, integer arithmetic). */
function civilDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${pad(yearOfEra + era * 400 + (m <= 2 ? 1 : 0), 4)}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/** `YYYY-MM-DDT` per Oslo day, and `+01:00`/`+02:00` per offset: a page repeats a few of each. */
const datePrefixByDay = new Map<number, string>();
const offsetTextByMinutes = new Map<number, string>();

/** ISO 8601 in Oslo local time with its offset, to the second: `2025-03-31T08:00:00+02:00`. */
export function osloIso(date: Date): string {
  const ms = date.getTime();
  if (ms >= FAST_FROM && ms < FAST_TO) {
    // The cached offset and integer arithmetic, about 80 ns a call in Node. A list page writes
    // about 80 of these, on every request; Date's toISOString().slice() took about 500 ns.
    const t = Math.floor(ms / 1000) * 1000;
    const offset = offsetMinutesAt(t);
    const local = t / 1000 + offset * 60;
    const day = Math.floor(local / DAY_SECONDS);
    let prefix = datePrefixByDay.get(day);
    if (prefix === undefined) {
      if (datePrefixByDay.size >= 50_000) datePrefixByDay.clear();
      prefix = `${civilDate(day)}T`;
      datePrefixByDay.set(day, prefix);
    }
    let zone = offsetTextByMinutes.get(offset);
    if (zone === undefined) offsetTextByMinutes.set(offset, (zone = offsetText(offset)));
    const s = local - day * DAY_SECONDS;
    const minutes = Math.floor(s / 60);
    return `${prefix}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[s % 60]}${zone}`;
  }
  const w = oslo(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(w.offset)}`;
}

/** The Oslo calendar date of `date` as `YYYY-MM-DD`. */
export function osloDate(date: Date): string {
  const w = oslo(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant when Oslo's clocks show `hour:minute` on the day `dayOffset` calendar days after
 * the Oslo date of `from`. Calendar days, not 24-hour steps, so 08:00 stays 08:00 across a DST
 * change. A wall time inside the spring-forward gap lands one hour later.
 */
export function osloDateTime(from: Date, dayOffset: number, hour: number, minute = 0): Date {
  const w = oslo(from);
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

/** `date` truncated to the whole second, as the contract's times are written. */
export function toSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
