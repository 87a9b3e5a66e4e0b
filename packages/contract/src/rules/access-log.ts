/**
 * The citizen's access log ("Hvem har sett opplysningene mine"), written once for the mocks
 * (memory) and the sandbox (SQL): the query (a period of Oslo calendar dates, a page size, a
 * keyset cursor), which stored rows are shown, and the public shape of one row.
 *
 * Decisions (docs/architecture.md repeats them):
 * - Only the person themselves reads their log. A relative acting for them is refused (403, as
 *   a relative changing the dialogue consent is): the log is the person's own, and it shows the
 *   relative's own reads. Someone with no access to the subject gets 404, as everywhere.
 * - Shown: every access that was served (`ok`): reads and changes, by the person, a relative or
 *   staff. Not shown: refusals (nothing was seen), idempotent replays (the first answer is
 *   already there).
 * - Staff are shown by their care service and the role `staff`, never by name: the log stores
 *   the staff member's id, and the data holds no profession, so "Hjemmesykepleien sone Nord,
 *   helsepersonell" is what the data allows without naming employees to the public. A relative
 *   is shown by name and the grant's relation; the person themselves by name.
 * - Reading the log is itself logged (kind `access-log`), as helsenorge does.
 * - Newest first: by the time recorded (to the millisecond), then by the row's id (a number in
 *   decimal), both descending; the cursor holds both, so a page read while new rows arrive
 *   still returns every older row exactly once.
 */
import type { AccessLogEntry, AccessLogKind, AccessLogPage, Coding } from '../types.js';
import { relations } from '../codes.js';
import { accessLogEntryActionValues } from '../generated/enums.js';
import { decodeKey, encodeKey, parseLimit } from './paging.js';
import { datePattern } from './patterns.js';
import { invalid, type FieldError, type ProblemSpec } from './problems.js';
import { osloDate, osloDateTime, osloIso } from './time.js';

export const accessLogLimits = {
  page: { default: 50, max: 200 },
  /** The longest period one query may ask for, in calendar days, both ends included. */
  maxDays: 366,
  /** Without `from`: this many calendar days, ending with `to`. */
  defaultDays: 30,
} as const;

/** What a stored row's `resource` is, as the kind of data the person sees. */
export const accessLogKinds = {
  me: 'identity',
  appointments: 'appointments',
  appointment: 'appointments',
  services: 'services',
  'message-recipients': 'messages',
  threads: 'messages',
  thread: 'messages',
  message: 'messages',
  seen: 'messages',
  draft: 'messages',
  attachment: 'messages',
  'dialogue-consent': 'dialogue-consent',
  'access-log': 'access-log',
  'relatives-access': 'relatives-access',
  'person-lookup': 'relatives-access',
  'notice-preferences': 'notice-preferences',
} as const satisfies Record<string, AccessLogKind>;

export type AccessLogResource = keyof typeof accessLogKinds;

/** The kind of data for a stored resource; undefined for one the log does not know. */
export const accessLogKind = (resource: string): AccessLogKind | undefined =>
  Object.prototype.hasOwnProperty.call(accessLogKinds, resource) ? accessLogKinds[resource as AccessLogResource] : undefined;

/** What a stored action is in the public log (the same words). */
export const accessLogActions = accessLogEntryActionValues;

/** A row as both servers store it (the sandbox's columns, the mocks' record), joined with names. */
export interface StoredAccess {
  /** The row's id: a positive integer, in decimal. */
  id: string;
  at: Date;
  actorKind: 'person' | 'staff';
  /** The actor's role towards the subject; null in rows older than the role column. */
  actorRole: 'self' | 'relative' | 'staff' | 'none' | null;
  relationCode: string | null;
  action: string;
  resource: string;
  outcome: string;
  /** A person actor's name (null for staff, or when the person is gone). */
  actorName: string | null;
  /** A staff actor's care service. */
  careService: { id: string; name: string } | null;
}

/** Whether a stored row belongs in the person's log: served, and of data the log knows. */
export const isShownInAccessLog = (r: Pick<StoredAccess, 'outcome' | 'resource' | 'action' | 'actorRole'>): boolean =>
  r.outcome === 'ok' && r.actorRole !== 'none' && accessLogKind(r.resource) !== undefined && (accessLogActions as readonly string[]).includes(r.action);

/** The public shape of a row (FHIR R4 AuditEvent's names: recorded, agent, entity, action). */
export function toAccessLogEntry(r: StoredAccess): AccessLogEntry {
  const kind = accessLogKind(r.resource);
  if (!kind) throw new Error(`access log: unknown resource ${r.resource}`);
  const recorded = osloIso(r.at);
  const action = r.action as AccessLogEntry['action'];
  if (r.actorKind === 'staff' || r.actorRole === 'staff') {
    return { id: r.id, recorded, action, entity: { kind }, agent: { role: 'staff', name: null, relation: null, careService: r.careService } };
  }
  // Rows from before the role column: a relation code means a relative.
  const relative = r.actorRole === 'relative' || (r.actorRole === null && r.relationCode !== null);
  const relation: Coding | null = relative && r.relationCode ? { system: relations.system, code: r.relationCode } : null;
  return {
    id: r.id,
    recorded,
    action,
    entity: { kind },
    agent: { role: relative ? 'relative' : 'self', name: r.actorName, relation, careService: null },
  };
}

export interface AccessLogQuery {
  /** The period as asked, Oslo dates. */
  fromDate: string;
  toDate: string;
  /** The first instant of `fromDate` in Oslo (included). */
  from: Date;
  /** The first instant of the day after `toDate` in Oslo (excluded). */
  to: Date;
  limit: number;
  /** Recorded (ms) and id of the last row of the previous page. */
  after: { at: number; id: string } | undefined;
}

/** A real calendar date `YYYY-MM-DD` (no 2026-02-30). */
function isCalendarDate(text: string): boolean {
  if (!datePattern.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1900;
}

/** Noon UTC of a calendar date: the same date in Oslo, whatever the offset. */
const noonUtc = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
};

/** The first instant of the Oslo calendar day `date` + `days` (midnight is never in a DST gap in Oslo). */
export const osloDayStart = (date: string, days = 0): Date => osloDateTime(noonUtc(date), days, 0, 0);

/** The Oslo date `days` calendar days after `date`. */
export const addDays = (date: string, days: number): string => osloDate(osloDateTime(noonUtc(date), days, 12, 0));

/** Calendar days from `a` to `b` (b − a). */
const daysBetween = (a: string, b: string): number => Math.round((noonUtc(b).getTime() - noonUtc(a).getTime()) / 86_400_000);

const periodError = (parameter: 'from' | 'to', detail: string): ProblemSpec =>
  invalid(detail, [{ pointer: '', code: 'invalid', parameter } satisfies FieldError]);

/**
 * `GET …/access-log`: from, to (Oslo dates, both days included; `to` defaults to today, `from`
 * to 30 days ending with `to`), limit, cursor. A 400 problem naming the parameter otherwise.
 */
export function parseAccessLogQuery(query: URLSearchParams, now: Date): AccessLogQuery | ProblemSpec {
  const limit = parseLimit(query.get('limit'), accessLogLimits.page);
  if (typeof limit !== 'number') return limit;
  const toText = query.get('to');
  if (toText !== null && !isCalendarDate(toText)) return periodError('to', 'to must be a date YYYY-MM-DD.');
  const fromText = query.get('from');
  if (fromText !== null && !isCalendarDate(fromText)) return periodError('from', 'from must be a date YYYY-MM-DD.');
  const toDate = toText ?? (fromText !== null ? minDate(addDays(fromText, accessLogLimits.maxDays - 1), osloDate(now)) : osloDate(now));
  const fromDate = fromText ?? addDays(toDate, -(accessLogLimits.defaultDays - 1));
  const days = daysBetween(fromDate, toDate) + 1;
  if (days < 1) return periodError('from', 'from must not be after to.');
  if (days > accessLogLimits.maxDays) return periodError('from', `The period is at most ${accessLogLimits.maxDays} days.`);
  let after: AccessLogQuery['after'];
  const cursor = query.get('cursor');
  if (cursor !== null) {
    const key = decodeKey(cursor, 'access-log');
    if (!key || !/^[1-9][0-9]{0,17}$/.test(key.id)) return invalid('cursor is not valid for this query.');
    after = { at: key.at, id: key.id };
  }
  return { fromDate, toDate, from: osloDayStart(fromDate), to: osloDayStart(toDate, 1), limit, after };
}

const minDate = (a: string, b: string): string => (a < b ? a : b);

/** The next page's cursor after the row recorded at `at` with `id`. */
export const accessLogCursor = (at: Date | number, id: string): string => encodeKey('access-log', typeof at === 'number' ? at : at.getTime(), id);

/** Decimal ids compared as numbers (the log's ids grow past 9). */
const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Log order: newest first (recorded in ms, then id, both descending). Negative: `a` comes first. */
export const compareAccessLog = (a: { at: number; id: string }, b: { at: number; id: string }): number => b.at - a.at || compareIds(b.id, a.id);

/** One page of a subject's stored rows in memory (the mocks; the sandbox does the same in SQL). */
export function accessLogPage(rows: readonly StoredAccess[], q: AccessLogQuery): AccessLogPage {
  const from = q.from.getTime();
  const to = q.to.getTime();
  const key = (r: StoredAccess) => ({ at: r.at.getTime(), id: r.id });
  const matching = rows
    .filter((r) => isShownInAccessLog(r))
    .filter((r) => r.at.getTime() >= from && r.at.getTime() < to)
    .filter((r) => !q.after || compareAccessLog(q.after, key(r)) < 0)
    .sort((a, b) => compareAccessLog(key(a), key(b)));
  const page = matching.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toAccessLogEntry),
    nextCursor: matching.length > q.limit && last ? accessLogCursor(last.at, last.id) : null,
    from: q.fromDate,
    to: q.toDate,
  };
}

/** Reading the log is for the person themselves only (a relative: 403). */
export const accessLogNotOwn: ProblemSpec = { status: 403, key: 'forbidden', detail: 'Only the person themselves may read their access log.' };
