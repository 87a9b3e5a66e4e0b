/**
 * `GET …/appointments` query rules: upcoming (end ≥ now, ascending by start) or past (end < now,
 * descending), from/to filters, limit, and a keyset cursor that stays correct when items change.
 */
import type { Appointment, AppointmentPage } from '@omsorg/contract';
import type { ProblemSpec } from './problems.js';

type When = 'upcoming' | 'past';

// RFC 3339 date-time with a mandatory offset. A '+' sent unencoded in a query string arrives as
// a space, and is refused here as a real server would.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

interface CursorKey {
  when: When;
  start: number;
  id: string;
}

export const encodeCursor = (key: CursorKey): string => base64url(JSON.stringify([key.when, key.start, key.id]));

export function decodeCursor(cursor: string): CursorKey | undefined {
  try {
    const value: unknown = JSON.parse(unbase64url(cursor));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [when, start, id] = value as unknown[];
    if ((when !== 'upcoming' && when !== 'past') || typeof start !== 'number' || typeof id !== 'string') return undefined;
    return { when, start, id };
  } catch {
    return undefined;
  }
}

const bad = (detail: string): ProblemSpec => ({ status: 400, key: 'validation', detail });

/** One page, or a 400 problem for a bad query. `items` must already be the subject's appointments. */
export function listPage(items: readonly Appointment[], query: URLSearchParams, now: Date): AppointmentPage | ProblemSpec {
  const when = query.get('when') ?? 'upcoming';
  if (when !== 'upcoming' && when !== 'past') return bad('when must be "upcoming" or "past".');

  const limitText = query.get('limit') ?? '20';
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 100)) return bad('limit must be an integer from 1 to 100.');

  const instant = (name: 'from' | 'to'): number | undefined | ProblemSpec => {
    const text = query.get(name);
    if (text === null) return undefined;
    const t = Date.parse(text);
    if (!DATE_TIME.test(text) || Number.isNaN(t)) {
      return bad(`${name} must be an RFC 3339 date-time with an offset (encode "+" as %2B).`);
    }
    return t;
  };
  const from = instant('from');
  if (typeof from === 'object') return from;
  const to = instant('to');
  if (typeof to === 'object') return to;

  let after: CursorKey | undefined;
  const cursor = query.get('cursor');
  if (cursor !== null) {
    after = cursor.length <= 200 ? decodeCursor(cursor) : undefined;
    if (!after || after.when !== when) return bad('cursor is not valid for this query.');
  }

  const nowMs = now.getTime();
  const dir = when === 'upcoming' ? 1 : -1;
  const key = (a: Appointment) => ({ start: Date.parse(a.start), id: a.id });
  const compare = (a: { start: number; id: string }, b: { start: number; id: string }) =>
    dir * (a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const matching = items
    .filter((a) => {
      const end = Date.parse(a.end);
      if (when === 'upcoming' ? end < nowMs : end >= nowMs) return false;
      if (from !== undefined && end < from) return false;
      if (to !== undefined && Date.parse(a.start) >= to) return false;
      return !after || compare(key(a), after) > 0;
    })
    .sort((a, b) => compare(key(a), key(b)));

  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: matching.length > limit && last ? encodeCursor({ when, ...key(last) }) : null,
  };
}

/** A keyset cursor for other lists: `[kind, number, id]`, so a cursor of one list fails another. */
export const encodeKey = (kind: string, at: number, id: string): string => base64url(JSON.stringify([kind, at, id]));

/** The position in a cursor from `encodeKey(kind, …)`, or null when it is not one. */
export function decodeKey(cursor: string, kind: string): { at: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(unbase64url(cursor));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [k, at, id] = value as unknown[];
    return k === kind && typeof at === 'number' && typeof id === 'string' ? { at, id } : null;
  } catch {
    return null;
  }
}
