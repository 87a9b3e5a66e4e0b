/**
 * The period of the figures for management: Europe/Oslo calendar months and the query that
 * names them (`from`, `to`). Split from figures.ts, which re-exports it.
 *
 * Decisions (docs/architecture.md repeats them):
 * - Months are Europe/Oslo calendar months (`YYYY-MM`): an event at 00:30 on 1 April Oslo time is
 *   April, though it is still March in UTC. The period is `from`..`to`, both included, at most
 *   24 months; without parameters the 12 months ending last month.
 * - Finished months only: `to` is at the latest the last finished Oslo month. The current month's
 *   event counts grow while it runs, so reading them on two days and subtracting would show that
 *   day's events (one online cancellation today, in one service); a month that has ended no
 *   longer changes, as statistics offices publish a period only once it is over.
 */
import { invalid, type FieldError, type ProblemSpec } from './problems.js';
import { osloDate, osloDateTime } from './time.js';

export const figuresLimits = {
  /** The longest period one query may ask for, in months, both ends included. */
  maxMonths: 24,
  /** Without `from`: this many months, ending with `to`. */
  defaultMonths: 12,
} as const;

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The Oslo calendar month of an instant, `YYYY-MM`. */
export const osloMonth = (at: Date): string => osloDate(at).slice(0, 7);

/** `YYYY-MM` moved by `months`. */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + months;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const monthIndex = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};

/** The months from `from` to `to`, both included, in order. */
export const monthsBetween = (from: string, to: string): string[] =>
  Array.from({ length: Math.max(0, monthIndex(to) - monthIndex(from) + 1) }, (_, i) => addMonths(from, i));

/** The first instant of an Oslo month (midnight on the 1st, Oslo time). */
export const osloMonthStart = (month: string): Date => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return osloDateTime(new Date(Date.UTC(y, m - 1, 1, 12)), 0, 0, 0);
};

/** The first instant after an Oslo month. */
export const osloMonthEnd = (month: string): Date => osloMonthStart(addMonths(month, 1));

export interface FiguresQuery {
  from: string;
  to: string;
  months: string[];
}

const rangeError = (parameter: 'from' | 'to', detail: string): ProblemSpec =>
  invalid(detail, [{ pointer: '', code: 'invalid', parameter } satisfies FieldError]);

/** The last Oslo month that has ended at `now`: the latest month figures are published for. */
export const lastFinishedMonth = (now: Date): string => addMonths(osloMonth(now), -1);

/**
 * `GET /v1/management/figures`: `from`, `to` (`YYYY-MM`, Oslo months, both included; `to` the
 * last finished month by default, `from` 12 months ending with `to`; at most 24 months; `to`
 * not the current month or later: finished months only). A 400 problem naming the parameter
 * otherwise.
 */
export function parseFiguresQuery(query: URLSearchParams, now: Date): FiguresQuery | ProblemSpec {
  const latest = lastFinishedMonth(now);
  const toText = query.get('to');
  if (toText !== null && !monthPattern.test(toText)) return rangeError('to', 'to must be a month YYYY-MM.');
  const fromText = query.get('from');
  if (fromText !== null && !monthPattern.test(fromText)) return rangeError('from', 'from must be a month YYYY-MM.');
  const to = toText ?? latest;
  if (monthIndex(to) > monthIndex(latest)) {
    return rangeError('to', `The current month is not over: figures are published for finished months only, so to is at the latest ${latest}.`);
  }
  const from = fromText ?? addMonths(to, -(figuresLimits.defaultMonths - 1));
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count < 1) return rangeError('from', 'from must not be after to.');
  if (count > figuresLimits.maxMonths) return rangeError('from', `The period is at most ${figuresLimits.maxMonths} months.`);
  return { from, to, months: monthsBetween(from, to) };
}
