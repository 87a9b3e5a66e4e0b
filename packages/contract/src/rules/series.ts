/**
 * Recurring visits (`Appointment.series`): the RFC 5545 RRULE subset home care needs, read once
 * here for every side. The contract's pattern fixes the shape (FREQ first, then INTERVAL, BYDAY,
 * then COUNT or UNTIL); `seriesProblem` adds what a pattern cannot say (BYDAY only with WEEKLY,
 * no day twice, the first visit on one of its days, UNTIL not before it, a visit that ends after
 * it starts). `seriesStarts` lists the occurrences' starts in Oslo wall-clock time (08:00 stays
 * 08:00 across a summer-time change): the fixtures make their visits with it, and a test checks
 * it against an independent RRULE implementation. The elements only read the rule (its text and
 * the calendar file); they never expand it: each occurrence comes from the server as an
 * appointment of its own.
 */
import { osloDateTime, osloWallClock, weekdayOf } from './time.js';

export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

export interface SeriesRule {
  freq: 'DAILY' | 'WEEKLY';
  /** 1: every day / week; 2: every other. */
  interval: number;
  /** The week's days (WEEKLY only), in week order from Monday; empty: the first visit's day. */
  byDay: Weekday[];
  count?: number;
  until?: Date;
}

export const seriesLimits = {
  /** The contract's maxLength of `series.rule`. */
  ruleMaxLength: 120,
  maxInterval: 99,
  maxCount: 999,
} as const;

/** The contract's pattern of `series.rule` (kept equal to openapi.yaml by a test). */
export const seriesRulePattern =
  /^FREQ=(DAILY|WEEKLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$/;

/** The rule read, or undefined when it is not of the contract's shape. */
export function parseSeriesRule(rule: string): SeriesRule | undefined {
  if (typeof rule !== 'string' || rule.length > seriesLimits.ruleMaxLength || !seriesRulePattern.test(rule)) return undefined;
  const parts = new Map(rule.split(';').map((p) => p.split('=') as [string, string]));
  const out: SeriesRule = {
    freq: parts.get('FREQ') as SeriesRule['freq'],
    interval: Number(parts.get('INTERVAL') ?? 1),
    byDay: [],
  };
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',') as Weekday[];
    out.byDay = weekdays.filter((d) => days.includes(d));
    if (out.byDay.length !== days.length) return undefined; // a day twice
  }
  const count = parts.get('COUNT');
  if (count) out.count = Number(count);
  const until = parts.get('UNTIL');
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(until)!;
    const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    const d = new Date(t);
    if (d.getUTCDate() !== +m[3]! || d.getUTCHours() !== +m[4]! || +m[6]! > 59 || +m[5]! > 59) return undefined;
    out.until = d;
  }
  return out;
}

/** The series' own fields, as the contract has them. */
export interface SeriesFields {
  id: string;
  rule: string;
  start: string;
  end: string;
}

/** The Oslo weekday of an instant, as an RRULE day code. */
export function osloWeekday(date: Date): Weekday {
  return weekdays[weekdayOf(osloWallClock(date))]!;
}

/**
 * What is wrong with a series, or undefined: the rule's shape, BYDAY with DAILY, the first visit
 * not on one of its days (RFC 5545 counts DTSTART as the first occurrence), UNTIL before the
 * first visit, an end not after the start.
 */
export function seriesProblem(series: SeriesFields): string | undefined {
  const rule = parseSeriesRule(series.rule);
  if (!rule) return 'rule';
  const start = new Date(series.start);
  const end = new Date(series.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'time';
  if (end.getTime() <= start.getTime()) return 'end-before-start';
  if (rule.freq === 'DAILY' && rule.byDay.length) return 'byday-with-daily';
  if (rule.byDay.length && !rule.byDay.includes(osloWeekday(start))) return 'start-not-on-byday';
  if (rule.until && rule.until.getTime() < start.getTime()) return 'until-before-start';
  return undefined;
}

/**
 * The starts of the series' occurrences, in order, at most `limit` of them (and none after
 * `to`). Oslo calendar days: each start has the first one's Oslo wall-clock time.
 */
export function seriesStarts(series: Pick<SeriesFields, 'rule' | 'start'>, options: { limit?: number; to?: Date } = {}): Date[] {
  const rule = parseSeriesRule(series.rule);
  const first = new Date(series.start);
  if (!rule || Number.isNaN(first.getTime())) return [];
  const limit = Math.min(options.limit ?? seriesLimits.maxCount, rule.count ?? Infinity, seriesLimits.maxCount);
  const last = Math.min(rule.until?.getTime() ?? Infinity, options.to?.getTime() ?? Infinity);
  const { hour, minute } = osloWallClock(first);
  const days = rule.byDay.length ? rule.byDay : [osloWeekday(first)];
  const firstDay = weekdays.indexOf(osloWeekday(first));
  const out: Date[] = [];
  for (let offset = 0; out.length < limit; offset++) {
    const at = osloDateTime(first, offset, hour, minute);
    if (at.getTime() > last) break;
    if (rule.freq === 'DAILY') {
      if (offset % rule.interval === 0) out.push(at);
      continue;
    }
    // WEEKLY: weeks start on Monday (RFC 5545's default WKST); every `interval`-th week.
    const week = Math.floor((offset + firstDay) / 7);
    if (week % rule.interval === 0 && days.includes(weekdays[(firstDay + offset) % 7]!)) out.push(at);
    if (offset > 7 * seriesLimits.maxInterval * (seriesLimits.maxCount + 1)) break;
  }
  return out;
}
