/**
 * What the list derives from an appointment before rendering: its Oslo day, its tone, and the
 * date and time texts. The texts are remembered per instant and locale, so 500 appointments
 * that share days, deadlines and times compute each distinct value once, not several times
 * per item.
 */
import { parseSeriesRule, type Appointment, type AppointmentStatus } from '@omsorg/contract';
import { formatDateTime, formatDay, formatTime, osloDayKey } from '../internal/format.js';
import type { Locale } from '../internal/locale.js';

export type Tone = 'positive' | 'attention' | 'negative';

export const tones: Record<AppointmentStatus, Tone> = {
  proposed: 'attention',
  pending: 'attention',
  booked: 'positive',
  arrived: 'positive',
  'checked-in': 'positive',
  fulfilled: 'positive',
  waitlist: 'attention',
  'cancellation-requested': 'attention',
  cancelled: 'negative',
  noshow: 'negative',
  'entered-in-error': 'negative',
  'cancellation-rejected': 'negative',
};

/** Statuses for which a calendar entry makes no sense. */
export const noCalendar: ReadonlySet<AppointmentStatus> = new Set(['cancelled', 'noshow', 'entered-in-error', 'fulfilled']);

const HOUR = 3_600_000;
const LIMIT = 4096;

/** A small memo that forgets everything when it grows past LIMIT entries. */
function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      v = compute(key);
      cache.set(key, v);
    }
    return v;
  };
}

// Oslo's offset from UTC is a whole number of hours and changes on the hour, so every instant
// in one UTC hour has the same Oslo date: computed once per hour (from 1970; earlier instants,
// never seen in practice, are computed each time).
const dayKeyByHour = memo((hour: number) => osloDayKey(new Date(hour * HOUR)));

/** `YYYY-MM-DD` of the instant in Oslo (as `osloDayKey`), remembered per UTC hour. */
export function dayKey(d: Date): string {
  const t = d.getTime();
  return t >= 0 ? dayKeyByHour(Math.floor(t / HOUR)) : osloDayKey(d);
}

const times = memo((key: string) => {
  const [locale, t, withDate] = key.split('|') as [Locale, string, string];
  const d = new Date(Number(t));
  return withDate ? formatDateTime(d, locale) : formatTime(d, locale);
});
// Noon UTC is on the same date in Oslo (13:00 or 14:00 there).
const days = memo((key: string) => {
  const [locale, day] = key.split('|') as [Locale, string];
  return formatDay(new Date(`${day}T12:00:00Z`), locale);
});

/** `formatTime` (or with `withDate`, `formatDateTime`) of the instant, remembered per locale. */
export function timeText(d: Date, locale: Locale, withDate = false): string {
  return times(`${locale}|${d.getTime()}|${withDate ? '1' : ''}`);
}

/** `formatDay` of the instant's Oslo date, remembered per date and locale. */
export function dayText(d: Date, locale: Locale): string {
  const key = dayKey(d);
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? days(`${locale}|${key}`) : formatDay(d, locale);
}

/** Appointments in their order, grouped by Oslo day (`''` for an unreadable start). */
export function groupByDay(items: readonly Appointment[], parse: (iso: string) => Date | undefined): Map<string, { date?: Date; items: Appointment[] }> {
  const groups = new Map<string, { date?: Date; items: Appointment[] }>();
  for (const a of items) {
    const start = parse(a.start);
    const key = start ? dayKey(start) : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { date: start, items: [] }));
    g.items.push(a);
  }
  return groups;
}

/**
 * The list's visits of each series with two or more of them (whose rule the contract allows):
 * `shown` keeps the list's order with only the first visit of such a series (it stands for the
 * series among the days); `series` maps that first visit's id to all the series' visits in order.
 */
export function groupSeries(items: readonly Appointment[]): { shown: Appointment[]; series: Map<string, Appointment[]> } {
  const bySeries = new Map<string, Appointment[]>();
  for (const a of items) {
    const id = a.series && parseSeriesRule(a.series.rule) ? a.series.id : undefined;
    if (id === undefined) continue;
    const g = bySeries.get(id);
    if (g) g.push(a);
    else bySeries.set(id, [a]);
  }
  const series = new Map<string, Appointment[]>();
  for (const g of bySeries.values()) if (g.length > 1) series.set(g[0]!.id, g);
  if (series.size === 0) return { shown: items as Appointment[], series };
  const hidden = new Set<string>();
  for (const g of series.values()) for (const a of g.slice(1)) hidden.add(a.id);
  return { shown: items.filter((a) => !hidden.has(a.id)), series };
}
