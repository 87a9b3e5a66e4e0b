/**
 * Europe/Oslo wall-clock time, the one copy every side uses (the mocks' fixtures and answers, the
 * sandbox's SQL rows turned into JSON, the elements' dates and checks). ISO 8601 with the offset
 * of the date itself (+01:00 in winter, +02:00 in summer), to the second; calendar dates as
 * `YYYY-MM-DD` in Oslo. The machine's own zone never matters.
 *
 * From 1996 Oslo keeps the EU's summer-time rule, so its offset is computed, not looked up: no
 * Intl object is made for those years. A page's first `Intl.DateTimeFormat` loads the engine's
 * locale and zone data (tens of milliseconds on a slow phone, before the first visit is shown),
 * and Intl's formatToParts costs ~10 µs where a list page needs 60 conversions. Earlier years
 * (Norway's rules changed several times) and invalid dates go through Intl. The tests compare
 * the rule with the engine's zone data, so a change of the rule (the EU has discussed ending
 * clock changes) shows up as a failing test when the engines' data has it.
 */
let osloFormat: Intl.DateTimeFormat | undefined;

/**
 * The years of the EU rule, 1996–2099, where `osloIso` writes by integer arithmetic. `offsetAt`
 * checks the same years on its estimated year instead: a day off at New Year changes nothing,
 * it is winter either way. To 2099, since the last-Sunday arithmetic in `offsetAt` holds while
 * every fourth year is a leap year (1901–2099).
 */
const RULE_FROM = 820_454_400_000; // Date.UTC(1996, 0, 1), a literal so bundles can drop it
const RULE_TO = 4_102_444_800_000; // Date.UTC(2100, 0, 1)
const inRuleYears = (ms: number): boolean => ms >= RULE_FROM && ms < RULE_TO;

/** The year the rule was last asked about, and its summer time: [from, to) in UTC ms. */
let ruleYear = 0;
let summer = [0, 0];

/** Minutes east of UTC in Oslo at `t` (whole seconds, in ms): by the EU rule, else through Intl. */
function offsetAt(t: number): number {
  // The year by the average Gregorian year: off by at most two days around New Year, months
  // from either change, so the rule's answer is the same (and where the guess falls outside
  // 1996–2099, Intl's is right too); no Date is made for a year already seen (a server writes
  // about 80 times of one year per list page).
  const y = 1970 + Math.floor(t / 31_556_952_000);
  if (y >= 1996 && y < 2100) {
    if (y !== ruleYear) {
      // Summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
      // of October; those Sundays are the 31st less (⌊5y/4⌋ + 4) mod 7 and (⌊5y/4⌋ + 1) mod 7.
      const q = Math.floor((5 * y) / 4);
      summer = [Date.UTC(y, 2, 31 - ((q + 4) % 7), 1), Date.UTC(y, 9, 31 - ((q + 1) % 7), 1)];
      ruleYear = y;
    }
    return t >= summer[0]! && t < summer[1]! ? 120 : 60;
  }
  // Intl's wall clock read as UTC, minus the instant (and Intl's RangeError for an invalid date).
  osloFormat ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p: Record<string, number> = {};
  for (const x of osloFormat.formatToParts(new Date(t))) p[x.type] = Number(x.value);
  // setUTCFullYear, since Date.UTC reads the years 0–99 as 1900–1999.
  return Math.round((new Date(Date.UTC(2000, p.month! - 1, p.day, p.hour, p.minute, p.second)).setUTCFullYear(p.year!) - t) / 60_000);
}

const wholeSecond = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000;

/** An Oslo wall clock. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The weekday of a wall clock's date: 0 Monday … 6 Sunday. */
export const weekdayOf = (w: WallClock): number => (new Date(new Date(Date.UTC(2000, w.month - 1, w.day)).setUTCFullYear(w.year)).getUTCDay() + 6) % 7;

/** The Oslo wall clock of `date`, to the second: what the elements format dates and times from. */
export function osloWallClock(date: Date): WallClock {
  const t = wholeSecond(date);
  // The instant moved by Oslo's offset: its UTC fields are Oslo's wall clock.
  const d = new Date(t + offsetAt(t) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Minutes east of UTC in Oslo at `date` (60 in winter, 120 in summer). */
export function osloOffsetMinutes(date: Date): number {
  return offsetAt(wholeSecond(date));
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
const TWO_DIGITS = /* @__PURE__ */ Array.from({ length: 100 }, (_, n) => pad(n));
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
  if (inRuleYears(date.getTime())) {
    // The rule's offset and integer arithmetic, about 70 ns a call in Node. A list page writes
    // about 80 of these, on every request; Date's toISOString().slice() took about 500 ns.
    const t = wholeSecond(date);
    const offset = offsetAt(t);
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
  const w = osloWallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${osloOffset(date)}`;
}

/** The Oslo calendar date of `date` as `YYYY-MM-DD`. */
export function osloDate(date: Date): string {
  const w = osloWallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant when Oslo's clocks show `hour:minute` on the day `dayOffset` calendar days after
 * the Oslo date of `from`. Calendar days, not 24-hour steps, so 08:00 stays 08:00 across a DST
 * change. A wall time inside the spring-forward gap lands one hour later.
 */
export function osloDateTime(from: Date, dayOffset: number, hour: number, minute = 0): Date {
  const w = osloWallClock(from);
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
