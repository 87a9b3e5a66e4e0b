/**
 * What the list derives from appointments before rendering: their tone, their time texts, their
 * Oslo days and their series. (The texts were once remembered per value, when each cost an
 * Intl call; computed from the wall clock they render 500 items as fast without it.)
 */
import { parseSeriesRule, type Appointment, type AppointmentStatus } from '@omsorg/contract';
import { formatDateTime, formatTime, osloDayKey } from '../internal/format.js';
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

/** `formatTime` (or with `withDate`, `formatDateTime`) of the instant. */
export function timeText(d: Date, locale: Locale, withDate = false): string {
  return withDate ? formatDateTime(d, locale) : formatTime(d, locale);
}

/** Appointments in their order, grouped by Oslo day (`''` for an unreadable start). */
export function groupByDay(items: readonly Appointment[], parse: (iso: string) => Date | undefined): Map<string, { date?: Date; items: Appointment[] }> {
  const groups = new Map<string, { date?: Date; items: Appointment[] }>();
  for (const a of items) {
    const start = parse(a.start);
    const key = start ? osloDayKey(start) : '';
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
