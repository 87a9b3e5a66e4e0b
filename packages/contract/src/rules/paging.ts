/**
 * Paging rules for the lists: query parameters, their limits, and opaque keyset cursors that stay
 * correct when items are added or changed. A cursor is base64url(JSON `[kind, number, id]`), so a
 * cursor of one list (or one `when`) fails another. The mocks page arrays in memory with
 * `appointmentPage`; the sandbox turns the parsed query into SQL.
 */
import type { Appointment, AppointmentPage } from '../types.js';
import { dateTimePattern, idPattern } from './patterns.js';
import { invalid, type ProblemSpec } from './problems.js';

export type When = 'upcoming' | 'past';

export const pagingLimits = {
  appointments: { default: 20, max: 100 },
  threads: { default: 50, max: 500 },
  /** Longer cursors are refused before they are decoded. */
  cursorMaxChars: 200,
} as const;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url (atob would skip white space); undefined when it is not. */
function unbase64url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** A cursor for position (`at`, `id`) in the list called `kind`. */
export const encodeKey = (kind: string, at: number, id: string): string => base64url(JSON.stringify([kind, at, id]));

/** The position in a cursor made by `encodeKey(kind, …)`, or null when it is not one. */
export function decodeKey(cursor: string, kind: string): { at: number; id: string } | null {
  if (cursor.length > pagingLimits.cursorMaxChars) return null;
  try {
    const text = unbase64url(cursor);
    if (text === undefined) return null;
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [k, at, id] = value as unknown[];
    if (k !== kind || typeof at !== 'number' || !Number.isFinite(at) || Math.abs(at) > 8.64e15) return null;
    return typeof id === 'string' && idPattern.test(id) ? { at, id } : null;
  } catch {
    return null;
  }
}

/** `limit` as an integer within 1..max, its default when absent; a 400 otherwise. */
export function parseLimit(text: string | null, limits: { default: number; max: number }): number | ProblemSpec {
  const t = text ?? String(limits.default);
  const limit = /^\d{1,3}$/.test(t) ? Number(t) : NaN;
  return limit >= 1 && limit <= limits.max ? limit : invalid(`limit must be an integer from 1 to ${limits.max}.`);
}

const badCursor = (): ProblemSpec => invalid('cursor is not valid for this query.');

export interface ListQuery {
  when: When;
  limit: number;
  from: Date | undefined;
  to: Date | undefined;
  /** Start (ms) and id of the last item of the previous page. */
  after: { start: number; id: string } | undefined;
}

/** `GET …/appointments`: when, limit, from, to, cursor; a 400 problem for a bad query. */
export function parseAppointmentQuery(query: URLSearchParams): ListQuery | ProblemSpec {
  const when = query.get('when') ?? 'upcoming';
  if (when !== 'upcoming' && when !== 'past') return invalid('when must be "upcoming" or "past".');
  const limit = parseLimit(query.get('limit'), pagingLimits.appointments);
  if (typeof limit !== 'number') return limit;

  const instant = (name: 'from' | 'to'): Date | undefined | ProblemSpec => {
    const text = query.get(name);
    if (text === null) return undefined;
    const t = Date.parse(text);
    if (!dateTimePattern.test(text) || Number.isNaN(t)) return invalid(`${name} must be an RFC 3339 date-time with an offset (encode "+" as %2B).`);
    return new Date(t);
  };
  const from = instant('from');
  if (from && !(from instanceof Date)) return from;
  const to = instant('to');
  if (to && !(to instanceof Date)) return to;

  let after: ListQuery['after'];
  const cursor = query.get('cursor');
  if (cursor !== null) {
    const key = decodeKey(cursor, when);
    if (!key) return badCursor();
    after = { start: key.at, id: key.id };
  }
  return { when, limit, from, to, after };
}

/** The next page's cursor after `last`. */
export const appointmentCursor = (when: When, last: { start: string; id: string }): string => encodeKey(when, Date.parse(last.start), last.id);

/**
 * One page of appointments in memory: upcoming (end ≥ now, ascending by start, then id) or past
 * (end < now, descending); `from` (end ≥ from) and `to` (start < to).
 */
export function appointmentPage(items: readonly Appointment[], q: ListQuery, now: Date): AppointmentPage {
  const nowMs = now.getTime();
  const dir = q.when === 'upcoming' ? 1 : -1;
  const key = (a: Appointment) => ({ start: Date.parse(a.start), id: a.id });
  const compare = (a: { start: number; id: string }, b: { start: number; id: string }) =>
    dir * (a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const matching = items
    .filter((a) => {
      const end = Date.parse(a.end);
      if (q.when === 'upcoming' ? end < nowMs : end >= nowMs) return false;
      if (q.from && end < q.from.getTime()) return false;
      if (q.to && Date.parse(a.start) >= q.to.getTime()) return false;
      return !q.after || compare(key(a), q.after) > 0;
    })
    .sort((a, b) => compare(key(a), key(b)));
  const page = matching.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: matching.length > q.limit && last ? appointmentCursor(q.when, last) : null };
}

export interface ThreadQuery {
  limit: number;
  /** Last activity (ms) and id of the last thread of the previous page. */
  after: { at: number; id: string } | undefined;
}

/** `GET …/threads`: limit and cursor; latest activity first, then id descending. */
export function parseThreadQuery(query: URLSearchParams): ThreadQuery | ProblemSpec {
  const limit = parseLimit(query.get('limit'), pagingLimits.threads);
  if (typeof limit !== 'number') return limit;
  const cursor = query.get('cursor');
  if (cursor === null) return { limit, after: undefined };
  const after = decodeKey(cursor, 'threads');
  return after ? { limit, after } : badCursor();
}

/** The next page's cursor after the thread whose last activity was at `at` (ms). */
export const threadCursor = (at: number, id: string): string => encodeKey('threads', at, id);

/** Thread order: latest activity first, then id descending. */
export const compareThreads = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The query parameters of the lists that take any; every other operation takes none. */
export const queryParameters = {
  listAppointments: ['when', 'from', 'to', 'limit', 'cursor'],
  listThreads: ['limit', 'cursor'],
  getAccessLog: ['from', 'to', 'limit', 'cursor'],
  getManagementFigures: ['from', 'to'],
} as const satisfies Record<string, readonly string[]>;

/** The parameters the operation at `method` `path` (from `/v1/`, no query) takes. */
export function allowedQueryParameters(method: string, path: string): readonly string[] {
  if (method !== 'GET') return [];
  if (/^\/v1\/subjects\/[^/]+\/appointments$/.test(path)) return queryParameters.listAppointments;
  if (/^\/v1\/subjects\/[^/]+\/threads$/.test(path)) return queryParameters.listThreads;
  if (/^\/v1\/subjects\/[^/]+\/access-log$/.test(path)) return queryParameters.getAccessLog;
  if (path === '/v1/management/figures' || path === '/v1/management/figures.csv') return queryParameters.getManagementFigures;
  return [];
}

/**
 * One rule for every operation: a query parameter it does not take is a 400 with a field error
 * `unknown-parameter` per name (a misspelt `limt` must not be silently ignored). Null when all
 * are known.
 */
export function checkQueryParameters(query: URLSearchParams, allowed: readonly string[]): ProblemSpec | null {
  const unknown = [...new Set(query.keys())].filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return null;
  return invalid(
    `Unknown query parameter: ${unknown.join(', ')}.`,
    unknown.map((parameter) => ({ pointer: '', code: 'unknown-parameter', parameter })),
  );
}
