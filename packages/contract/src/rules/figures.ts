/**
 * Figures for management ("styringsdata"), written once for the mocks (memory) and the sandbox
 * (rows selected from its tables): per Oslo calendar month and per care service, from rows each
 * server selects. No person can be recognised in them.
 *
 * The pieces, each re-exported here: figures-period.ts (Oslo months, the query),
 * figures-disclosure.ts (what may be shown: "under 5"), figures-rows.ts (the rows in, the
 * figures out), figures-csv.ts (the CSV). This module computes the figures.
 *
 * Decisions (docs/architecture.md repeats them; those of the period and of the disclosure control
 * are in their modules):
 * - A median, a 90th percentile, a share or an average is shown only when it is computed over at
 *   least 5 people and the counts it is made from are shown (a share with its total would
 *   otherwise give the suppressed count back).
 * - Percentiles interpolate linearly between the closest ranks (the "inclusive" method of
 *   spreadsheets); the median is the 50th.
 * - Messages, by the month each thing happened in: the threads with a message in the month, the
 *   messages written in it (and so messages per thread), and the first answers given in it. A
 *   thread that goes on into the next month counts in both, and an ended month stays as it was.
 * - Time to first answer: from the first message of a thread written by the citizen's side to
 *   the first staff message after it, in hours, in the month of the answer; a thread staff
 *   started, or not answered yet, is not in it. The promise is the service's expected reply time in working days (Monday to
 *   Friday in Oslo; public holidays are not known here): answered by the end of the Nth working
 *   day after the day of the question counts as within the promise.
 * - Consent and relatives: the people with dialogue consent in force, and the relatives with an
 *   access in force, at the end of the month (the period holds finished months only, so that end
 *   is in the past; a query not checked by parseFiguresQuery counts at most up to now). By
 *   service: the people who receive that service (a granted service in force then). Both are stocks, so they
 *   are published rounded to a multiple of 5 (`shownStock`, figures-disclosure.ts says why).
 */
import type { ManagementFigures } from '../types.js';
import { belowMinimum, isSuppressed, minimumCount, protect, shown, shownStock, suppressed, type Cell, type CellGroup, type Figure } from './figures-disclosure.js';
import { osloMonth, osloMonthEnd } from './figures-period.js';
import { isAfterDeadline, type FiguresInput, type FiguresRowOut, type InForce, type ManagementFiguresOut, type ThreadRow } from './figures-rows.js';
import type { ProblemSpec } from './problems.js';
import { osloDate, osloDateTime } from './time.js';

export * from './figures-csv.js';
export * from './figures-disclosure.js';
export * from './figures-period.js';
export * from './figures-rows.js';

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

const newCell = (): Cell & { people: Set<string> } => ({ value: 0, people: new Set<string>() });

const add = (c: Cell & { people: Set<string> }, person: string, n = 1) => {
  c.value += n;
  c.people.add(person);
};

const inForceAt = (r: InForce, at: Date): boolean => r.from.getTime() <= at.getTime() && (r.to === null || r.to.getTime() > at.getTime());

/** When a thread's first question was answered: the hours, and whether within the promise. */
export function firstAnswer(thread: ThreadRow, replyWorkingDays: number | null): { asked: Date; answered: Date; hours: number; withinPromise: boolean | null } | undefined {
  const question = thread.messages.find((m) => !m.staff);
  if (!question) return undefined;
  const answer = thread.messages.find((m) => m.staff && m.at.getTime() >= question.at.getTime());
  if (!answer) return undefined;
  const hours = (answer.at.getTime() - question.at.getTime()) / 3_600_000;
  const withinPromise = replyWorkingDays === null ? null : answer.at.getTime() < replyDeadline(question.at, replyWorkingDays).getTime();
  return { asked: question.at, answered: answer.at, hours, withinPromise };
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

  // Each message figure counts what happened in its month, so a month that has ended never
  // changes when a thread goes on: the threads with a message in it, the messages written in it,
  // and the first answers given in it.
  for (const t of input.threads) {
    const months = new Set<string>();
    for (const m of t.messages) {
      const month = osloMonth(m.at);
      for (const r of both(month, t.serviceId)) {
        if (!months.has(month)) add(r.threads, t.subjectId);
        add(r.messages, t.subjectId);
      }
      months.add(month);
    }
    const answer = firstAnswer(t, promise.get(t.serviceId) ?? null);
    if (!answer) continue;
    for (const r of both(osloMonth(answer.answered), t.serviceId)) {
      add(r.answered, t.subjectId);
      r.hours.push(answer.hours);
      if (answer.withinPromise) add(r.within, t.subjectId);
    }
  }

  // People in force at the month's end. parseFiguresQuery admits finished months only, so the
  // end is in the past; the min with now keeps a month not over (an unchecked query) from
  // counting people in the future.
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
      consent: { people: shownStock(r.consent) },
      relatives: { people: shownStock(r.relatives) },
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

/** A person without the management role asking for the figures. */
export const figuresNotAllowed: ProblemSpec = {
  status: 403,
  key: 'forbidden',
  detail: 'The figures for management need the management role.',
};

/** The role a sign-in carries (the access token's `roles` claim) to read the figures. */
export const managementRole = 'management';
