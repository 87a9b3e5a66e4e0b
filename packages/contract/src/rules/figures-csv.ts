/**
 * The figures for management as CSV (`GET /v1/management/figures.csv`). Split from figures.ts,
 * which re-exports it.
 */
import { isSuppressed, stockRounding, suppressed, type Figure } from './figures-disclosure.js';
import type { ManagementFiguresOut } from './figures-rows.js';

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  // RFC 4180 quoting; a leading = + - @ would be a formula in a spreadsheet, so such text is quoted with a '.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A figure in the CSV: the number, or `<5`. */
export const csvFigure = (f: Figure): string => (isSuppressed(f) ? '<5' : String(f));

/**
 * The same figures as CSV (RFC 4180, CRLF, a header row; one row per month and service; `<5` for a
 * suppressed figure). The two stock figures, rounded to a multiple of 5, say so in their column
 * names (`…_rounded_to_5`), since a CSV has no other place for it that every reader keeps.
 */
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
    `people_with_consent_rounded_to_${stockRounding}`,
    `relatives_with_access_rounded_to_${stockRounding}`,
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
