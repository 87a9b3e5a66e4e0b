/**
 * Figures for management ("styringsdata"), written once for the mocks (memory) and the sandbox
 * (rows selected from its tables): per Oslo calendar month and per care service, from rows each
 * server selects. No person can be recognised in them.
 *
 * Decisions (docs/architecture.md repeats them):
 * - Months are Europe/Oslo calendar months (`YYYY-MM`): an event at 00:30 on 1 April Oslo time is
 *   April, though it is still March in UTC. The period is `from`..`to`, both included, at most
 *   24 months, not after the current month; without parameters the 12 months ending this month.
 * - Disclosure control. A count is a number of events (cancellations, threads, messages) or of
 *   people; each counted cell also knows how many distinct people are behind it. A cell is shown
 *   only when both are at least 5 (`minimumCount`): otherwise it is `{ "suppressed": true }` on
 *   the wire ("under 5" on the page, `<5` in the CSV). Zero is suppressed too.
 *   Secondary suppression: where cells add up to a shown total (online + other = cancellations;
 *   before + after the deadline; the reasons; the services of a month), the suppressed cells of
 *   the group must together hold at least 5, be at least two, and not all be 4 (which would name
 *   each one); otherwise the smallest shown cell of the group is suppressed too, and with none
 *   left, the total. Repeated until nothing changes, so a cell in two groups is safe in both.
 * - A median, a 90th percentile, a share or an average is shown only when it is computed over at
 *   least 5 people and the counts it is made from are shown (a share with its total would
 *   otherwise give the suppressed count back).
 * - Percentiles interpolate linearly between the closest ranks (the "inclusive" method of
 *   spreadsheets); the median is the 50th.
 * - Time to first answer: from the first message of a thread written by the citizen's side to
 *   the first staff message after it, in hours; a thread staff started, or not answered yet, is
 *   not in it. The promise is the service's expected reply time in working days (Monday to
 *   Friday in Oslo; public holidays are not known here): answered by the end of the Nth working
 *   day after the day of the question counts as within the promise.
 * - Consent and relatives: the people with dialogue consent in force, and the relatives with an
 *   access in force, at the end of the month (or now, for the current month). By service: the
 *   people who receive that service (a granted service in force then).
 */
import type { ManagementFigures } from '../types.js';
import { invalid, type FieldError, type ProblemSpec } from './problems.js';
import { osloDate, osloDateTime } from './time.js';

/** Below this, a count is not shown. */
export const minimumCount = 5;

export const figuresLimits = {
  /** The longest period one query may ask for, in months, both ends included. */
  maxMonths: 24,
  /** Without `from`: this many months, ending with `to`. */
  defaultMonths: 12,
} as const;

/** On the wire: a figure that is not shown. */
export interface Suppressed {
  suppressed: true;
}
export const suppressed: Suppressed = Object.freeze({ suppressed: true }) as Suppressed;
export type Figure = number | Suppressed;

export const isSuppressed = (f: Figure | null | undefined): f is Suppressed => typeof f === 'object' && f !== null && f.suppressed === true;

/* ------------------------------------------------------------------ months (Europe/Oslo) */

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

/**
 * `GET /v1/management/figures`: `from`, `to` (`YYYY-MM`, Oslo months, both included; `to` this
 * month by default, `from` 12 months ending with `to`; at most 24 months; `to` not after this
 * month). A 400 problem naming the parameter otherwise.
 */
export function parseFiguresQuery(query: URLSearchParams, now: Date): FiguresQuery | ProblemSpec {
  const current = osloMonth(now);
  const toText = query.get('to');
  if (toText !== null && !monthPattern.test(toText)) return rangeError('to', 'to must be a month YYYY-MM.');
  const fromText = query.get('from');
  if (fromText !== null && !monthPattern.test(fromText)) return rangeError('from', 'from must be a month YYYY-MM.');
  const to = toText ?? current;
  if (monthIndex(to) > monthIndex(current)) return rangeError('to', 'to must not be after the current month.');
  const from = fromText ?? addMonths(to, -(figuresLimits.defaultMonths - 1));
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count < 1) return rangeError('from', 'from must not be after to.');
  if (count > figuresLimits.maxMonths) return rangeError('from', `The period is at most ${figuresLimits.maxMonths} months.`);
  return { from, to, months: monthsBetween(from, to) };
}

/* ------------------------------------------------------------------ statistics */

/** The p-th percentile (0–100) of numbers, interpolating linearly between the closest ranks; undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export const median = (values: readonly number[]): number | undefined => percentile(values, 50);

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Monday to Friday (the Oslo calendar date `YYYY-MM-DD`). */
const isWeekday = (date: string): boolean => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day !== 0 && day !== 6;
};

/**
 * The end of the promise for a question asked at `askedAt` with a reply time of `workingDays`:
 * the first instant after the `workingDays`-th working day (Mon–Fri, Oslo) after the question's day.
 */
export function replyDeadline(askedAt: Date, workingDays: number): Date {
  let left = workingDays;
  let steps = 0;
  while (left > 0) {
    steps++;
    if (isWeekday(osloDate(osloDateTime(askedAt, steps, 12)))) left--;
  }
  return osloDateTime(askedAt, steps + 1, 0, 0);
}

/* ------------------------------------------------------------------ disclosure control */

/** A counted cell before it is shown: the events and the people behind them. */
export interface Cell {
  value: number;
  people: ReadonlySet<string>;
  hidden?: boolean;
}

const newCell = (): Cell & { people: Set<string> } => ({ value: 0, people: new Set<string>() });

const add = (c: Cell & { people: Set<string> }, person: string, n = 1) => {
  c.value += n;
  c.people.add(person);
};

/** A group of cells that add up to `total`. */
export interface CellGroup {
  total: Cell;
  parts: Cell[];
}

/** Primary suppression of one cell: fewer than 5 events or fewer than 5 people. */
export const belowMinimum = (c: Pick<Cell, 'value' | 'people'>): boolean => c.value < minimumCount || c.people.size < minimumCount;

/**
 * Marks `hidden` on every cell that must not be shown: primary suppression, then secondary
 * suppression over the groups until nothing changes (see the module's decisions).
 */
export function protect(cells: Iterable<Cell>, groups: readonly CellGroup[]): void {
  for (const c of cells) if (belowMinimum(c)) c.hidden = true;
  for (const g of groups) {
    if (belowMinimum(g.total)) g.total.hidden = true;
    for (const p of g.parts) if (belowMinimum(p)) p.hidden = true;
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      if (g.total.hidden) continue;
      const hidden = g.parts.filter((p) => p.hidden);
      if (hidden.length === 0) continue;
      const residual = hidden.reduce((s, p) => s + p.value, 0);
      const safe = hidden.length >= 2 && residual >= minimumCount && residual !== (minimumCount - 1) * hidden.length;
      if (safe) continue;
      const shown = g.parts.filter((p) => !p.hidden).sort((a, b) => a.value - b.value);
      const next = shown[0];
      if (next) next.hidden = true;
      else g.total.hidden = true;
      changed = true;
    }
  }
}

/** A cell as shown. */
export const shown = (c: Cell): Figure => (c.hidden || belowMinimum(c) ? suppressed : c.value);

/* ------------------------------------------------------------------ the rows both servers select */

export interface FiguresService {
  id: string;
  name: string;
  /** The promised reply time in working days (null: no promise known). */
  replyWorkingDays: number | null;
}

/** The appointment statuses counted as cancelled: done, or asked for (and not rejected). */
export const cancelledStatuses = ['cancelled', 'cancellation-requested'] as const;

/** An appointment cancelled (or asked to be cancelled, and not rejected). */
export interface CancellationRow {
  subjectId: string;
  serviceId: string;
  /** The visit that was cancelled: its month is the cancellation's month. */
  visitAt: Date;
  /** When it was cancelled (asked for, online; else when the record changed). */
  cancelledAt: Date;
  /** The provider's deadline for cancelling it. */
  deadline: Date;
  /** By the citizen or a relative, online (else by staff or otherwise). */
  online: boolean;
  /** The reason's code (urn:omsorg:codesystem:avbestillingsarsak), null when none was given. */
  reasonCode: string | null;
}

/** After the deadline: cancelled later than the deadline's instant. */
export const isAfterDeadline = (c: Pick<CancellationRow, 'cancelledAt' | 'deadline'>): boolean => c.cancelledAt.getTime() > c.deadline.getTime();

export interface ThreadRow {
  subjectId: string;
  serviceId: string;
  /** The messages in order: when, and whether staff wrote it. */
  messages: readonly { at: Date; staff: boolean }[];
}

/** A period in force: from (included) to (excluded, null: open). */
export interface InForce {
  from: Date;
  to: Date | null;
}

/** Oslo calendar dates (both included; null: open) as a period in force. */
export function datePeriod(validFrom: string | null, validTo: string | null, since?: Date): InForce {
  const start = validFrom === null ? new Date(0) : osloDateTime(new Date(`${validFrom}T12:00:00Z`), 0, 0, 0);
  const from = since && since.getTime() > start.getTime() ? since : start;
  return { from, to: validTo === null ? null : osloDateTime(new Date(`${validTo}T12:00:00Z`), 1, 0, 0) };
}

/** A relative's grant as a period in force: from its dates (and not before it was given), until it ends or is taken back. */
export function grantPeriod(g: { grantedAt: Date; validFrom: string | null; validTo: string | null; revokedAt: Date | null }): InForce {
  const p = datePeriod(g.validFrom, g.validTo, g.grantedAt);
  const to = g.revokedAt && (p.to === null || g.revokedAt.getTime() < p.to.getTime()) ? g.revokedAt : p.to;
  return { from: p.from, to };
}

/** A subject's dialogue-consent decisions (any order) as the periods an active one was in force. */
export function consentPeriods(decisions: readonly { subjectId: string; seq: number; status: 'active' | 'inactive'; decidedAt: Date }[]): ConsentRow[] {
  const bySubject = new Map<string, (typeof decisions)[number][]>();
  for (const d of decisions) bySubject.set(d.subjectId, [...(bySubject.get(d.subjectId) ?? []), d]);
  const out: ConsentRow[] = [];
  for (const [subjectId, list] of bySubject) {
    const sorted = [...list].sort((a, b) => a.seq - b.seq);
    sorted.forEach((d, i) => {
      if (d.status !== 'active') return;
      const next = sorted[i + 1];
      out.push({ subjectId, from: d.decidedAt, to: next ? next.decidedAt : null });
    });
  }
  return out;
}

/** A person's dialogue consent in force (one row per period), and the services they receive. */
export interface ConsentRow extends InForce {
  subjectId: string;
}

/** A relative's access in force to a subject. */
export interface RelativeAccessRow extends InForce {
  relativeId: string;
  subjectId: string;
}

/** Which services a subject receives, and when. */
export interface ServiceUseRow extends InForce {
  subjectId: string;
  serviceId: string;
}

export interface FiguresInput {
  query: FiguresQuery;
  now: Date;
  services: readonly FiguresService[];
  /** The reason codes, in the order shown. */
  reasonCodes: readonly string[];
  cancellations: readonly CancellationRow[];
  threads: readonly ThreadRow[];
  consents: readonly ConsentRow[];
  relatives: readonly RelativeAccessRow[];
  serviceUse: readonly ServiceUseRow[];
}

export interface CancellationFigures {
  total: Figure;
  online: Figure;
  other: Figure;
  onlineShare: Figure;
  beforeDeadline: Figure;
  afterDeadline: Figure;
  reasons: { code: string; count: Figure }[];
}

export interface MessageFigures {
  threads: Figure;
  messages: Figure;
  messagesPerThread: Figure;
  answered: Figure;
  firstAnswerMedianHours: Figure;
  firstAnswerP90Hours: Figure;
  answeredWithinPromise: Figure;
  withinPromiseShare: Figure;
}

export interface FiguresRowOut {
  month: string;
  /** The care service's id; null for all services together. */
  service: string | null;
  cancellations: CancellationFigures;
  messages: MessageFigures;
  consent: { people: Figure };
  relatives: { people: Figure };
}

export interface ManagementFiguresOut {
  from: string;
  to: string;
  minimumCount: number;
  services: { id: string; name: string; replyWorkingDays: number | null }[];
  rows: FiguresRowOut[];
}

const inForceAt = (r: InForce, at: Date): boolean => r.from.getTime() <= at.getTime() && (r.to === null || r.to.getTime() > at.getTime());

/** When a thread's first question was answered: the hours, and whether within the promise. */
export function firstAnswer(thread: ThreadRow, replyWorkingDays: number | null): { asked: Date; hours: number; withinPromise: boolean | null } | undefined {
  const question = thread.messages.find((m) => !m.staff);
  if (!question) return undefined;
  const answer = thread.messages.find((m) => m.staff && m.at.getTime() >= question.at.getTime());
  if (!answer) return undefined;
  const hours = (answer.at.getTime() - question.at.getTime()) / 3_600_000;
  const withinPromise = replyWorkingDays === null ? null : answer.at.getTime() < replyDeadline(question.at, replyWorkingDays).getTime();
  return { asked: question.at, hours, withinPromise };
}

interface RowCells {
  month: string;
  service: string | null;
  total: Cell & { people: Set<string> };
  online: Cell & { people: Set<string> };
  other: Cell & { people: Set<string> };
  before: Cell & { people: Set<string> };
  after: Cell & { people: Set<string> };
  reasons: Map<string, Cell & { people: Set<string> }>;
  threads: Cell & { people: Set<string> };
  messages: Cell & { people: Set<string> };
  answered: Cell & { people: Set<string> };
  within: Cell & { people: Set<string> };
  hours: number[];
  consent: Cell & { people: Set<string> };
  relatives: Cell & { people: Set<string> };
}

/** The figures for the period: per month, per service and for all services, protected. */
export function computeFigures(input: FiguresInput): ManagementFiguresOut & ManagementFigures {
  const { query, now, services } = input;
  const serviceIds = services.map((s) => s.id);
  const promise = new Map(services.map((s) => [s.id, s.replyWorkingDays]));
  const rows = new Map<string, RowCells>();
  const keyOf = (month: string, service: string | null) => `${month}|${service ?? '*'}`;
  for (const month of query.months) {
    for (const service of [null, ...serviceIds]) {
      rows.set(keyOf(month, service), {
        month,
        service,
        total: newCell(),
        online: newCell(),
        other: newCell(),
        before: newCell(),
        after: newCell(),
        reasons: new Map(input.reasonCodes.map((c) => [c, newCell()])),
        threads: newCell(),
        messages: newCell(),
        answered: newCell(),
        within: newCell(),
        hours: [],
        consent: newCell(),
        relatives: newCell(),
      });
    }
  }
  const both = (month: string, service: string): RowCells[] =>
    [rows.get(keyOf(month, null)), serviceIds.includes(service) ? rows.get(keyOf(month, service)) : undefined].filter((r): r is RowCells => !!r);

  for (const c of input.cancellations) {
    for (const r of both(osloMonth(c.visitAt), c.serviceId)) {
      add(r.total, c.subjectId);
      add(c.online ? r.online : r.other, c.subjectId);
      add(isAfterDeadline(c) ? r.after : r.before, c.subjectId);
      const reason = c.reasonCode !== null ? r.reasons.get(c.reasonCode) : undefined;
      if (reason) add(reason, c.subjectId);
    }
  }

  for (const t of input.threads) {
    const first = t.messages[0];
    if (!first) continue;
    const answer = firstAnswer(t, promise.get(t.serviceId) ?? null);
    for (const r of both(osloMonth(first.at), t.serviceId)) {
      add(r.threads, t.subjectId);
      add(r.messages, t.subjectId, t.messages.length);
      if (answer) {
        add(r.answered, t.subjectId);
        r.hours.push(answer.hours);
        if (answer.withinPromise) add(r.within, t.subjectId);
      }
    }
  }

  // People in force at the month's end (or now, for the current month).
  for (const month of query.months) {
    const end = osloMonthEnd(month);
    const at = end.getTime() > now.getTime() ? now : new Date(end.getTime() - 1);
    const receives = new Map<string, Set<string>>();
    for (const u of input.serviceUse) {
      if (!inForceAt(u, at)) continue;
      const set = receives.get(u.subjectId) ?? new Set<string>();
      set.add(u.serviceId);
      receives.set(u.subjectId, set);
    }
    const all = rows.get(keyOf(month, null));
    const consenting = new Set(input.consents.filter((c) => inForceAt(c, at)).map((c) => c.subjectId));
    for (const subject of consenting) {
      if (all) add(all.consent, subject);
      for (const s of receives.get(subject) ?? []) {
        const r = rows.get(keyOf(month, s));
        if (r) add(r.consent, subject);
      }
    }
    const relatives = new Map<string, Set<string>>();
    for (const g of input.relatives) {
      if (!inForceAt(g, at)) continue;
      const set = relatives.get(g.relativeId) ?? new Set<string>();
      set.add(g.subjectId);
      relatives.set(g.relativeId, set);
    }
    for (const [relative, subjects] of relatives) {
      if (all) add(all.relatives, relative);
      const via = new Set<string>();
      for (const subject of subjects) for (const s of receives.get(subject) ?? []) via.add(s);
      for (const s of via) {
        const r = rows.get(keyOf(month, s));
        if (r) add(r.relatives, relative);
      }
    }
  }

  // Disclosure control over every cell and every group that adds up.
  const cells: Cell[] = [];
  const groups: CellGroup[] = [];
  for (const r of rows.values()) {
    cells.push(r.total, r.online, r.other, r.before, r.after, ...r.reasons.values(), r.threads, r.messages, r.answered, r.within, r.consent, r.relatives);
    groups.push({ total: r.total, parts: [r.online, r.other] }, { total: r.total, parts: [r.before, r.after] });
    // The reasons add up to the cancellations that gave one.
    const reasons = [...r.reasons.values()];
    const given: Cell = { value: reasons.reduce((s, c) => s + c.value, 0), people: new Set(reasons.flatMap((c) => [...c.people])) };
    groups.push({ total: given, parts: reasons });
    if (r.total.hidden || belowMinimum(r.total)) given.hidden = true;
  }
  // A month's services add up to its total (for the counts of events; people may use several).
  for (const month of query.months) {
    const all = rows.get(keyOf(month, null));
    if (!all) continue;
    const per = serviceIds.map((s) => rows.get(keyOf(month, s))).filter((r): r is RowCells => !!r);
    for (const pick of [(r: RowCells) => r.total, (r: RowCells) => r.online, (r: RowCells) => r.other, (r: RowCells) => r.before, (r: RowCells) => r.after, (r: RowCells) => r.threads, (r: RowCells) => r.messages, (r: RowCells) => r.answered, (r: RowCells) => r.within]) {
      groups.push({ total: pick(all), parts: per.map(pick) });
    }
    for (const code of input.reasonCodes) {
      const total = all.reasons.get(code);
      if (total) groups.push({ total, parts: per.map((r) => r.reasons.get(code)).filter((c): c is Cell & { people: Set<string> } => !!c) });
    }
  }
  protect(cells, groups);

  const share = (part: Cell, whole: Cell): Figure => {
    const p = shown(part);
    const w = shown(whole);
    return isSuppressed(p) || isSuppressed(w) || w === 0 ? suppressed : round3(p / w);
  };
  const out: FiguresRowOut[] = [...rows.values()].map((r) => {
    const answeredShown = !isSuppressed(shown(r.answered));
    const stat = (p: number): Figure => {
      const v = answeredShown ? percentile(r.hours, p) : undefined;
      return v === undefined ? suppressed : round1(v);
    };
    const threads = shown(r.threads);
    const messages = shown(r.messages);
    return {
      month: r.month,
      service: r.service,
      cancellations: {
        total: shown(r.total),
        online: shown(r.online),
        other: shown(r.other),
        onlineShare: share(r.online, r.total),
        beforeDeadline: shown(r.before),
        afterDeadline: shown(r.after),
        reasons: [...r.reasons].map(([code, c]) => ({ code, count: shown(c) })),
      },
      messages: {
        threads,
        messages,
        messagesPerThread: isSuppressed(threads) || isSuppressed(messages) ? suppressed : round1(messages / threads),
        answered: shown(r.answered),
        firstAnswerMedianHours: stat(50),
        firstAnswerP90Hours: stat(90),
        answeredWithinPromise: shown(r.within),
        withinPromiseShare: share(r.within, r.answered),
      },
      consent: { people: shown(r.consent) },
      relatives: { people: shown(r.relatives) },
    };
  });
  return {
    from: query.from,
    to: query.to,
    minimumCount,
    services: services.map((s) => ({ id: s.id, name: s.name, replyWorkingDays: s.replyWorkingDays })),
    rows: out,
  };
}

/* ------------------------------------------------------------------ CSV */

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  // RFC 4180 quoting; a leading = + - @ would be a formula in a spreadsheet, so such text is quoted with a '.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A figure in the CSV: the number, or `<5`. */
export const csvFigure = (f: Figure): string => (isSuppressed(f) ? '<5' : String(f));

/** The same figures as CSV (RFC 4180, CRLF, a header row; one row per month and service; `<5` for a suppressed figure). */
export function figuresCsv(f: ManagementFiguresOut, reasonCodes: readonly string[]): string {
  const names = new Map(f.services.map((s) => [s.id, s.name]));
  const header = [
    'month',
    'service_id',
    'service',
    'cancellations',
    'cancelled_online',
    'cancelled_other',
    'online_share',
    'before_deadline',
    'after_deadline',
    ...reasonCodes.map((c) => `reason_${c}`),
    'threads',
    'messages',
    'messages_per_thread',
    'answered',
    'first_answer_median_hours',
    'first_answer_p90_hours',
    'promised_reply_working_days',
    'answered_within_promise',
    'within_promise_share',
    'people_with_consent',
    'relatives_with_access',
  ];
  const lines = [header.join(',')];
  for (const r of f.rows) {
    const c = r.cancellations;
    const m = r.messages;
    const reasons = new Map(c.reasons.map((x) => [x.code, x.count]));
    const promised = r.service === null ? null : (f.services.find((s) => s.id === r.service)?.replyWorkingDays ?? null);
    lines.push(
      [
        csvCell(r.month),
        csvCell(r.service ?? ''),
        csvCell(r.service === null ? 'Alle tjenester' : (names.get(r.service) ?? r.service)),
        ...[c.total, c.online, c.other, c.onlineShare, c.beforeDeadline, c.afterDeadline].map(csvFigure),
        ...reasonCodes.map((code) => csvFigure(reasons.get(code) ?? suppressed)),
        ...[m.threads, m.messages, m.messagesPerThread, m.answered, m.firstAnswerMedianHours, m.firstAnswerP90Hours].map(csvFigure),
        csvCell(promised),
        csvFigure(m.answeredWithinPromise),
        csvFigure(m.withinPromiseShare),
        csvFigure(r.consent.people),
        csvFigure(r.relatives.people),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A person without the management role asking for the figures. */
export const figuresNotAllowed: ProblemSpec = {
  status: 403,
  key: 'forbidden',
  detail: 'The figures for management need the management role.',
};

/** The role a sign-in carries (the access token's `roles` claim) to read the figures. */
export const managementRole = 'management';
