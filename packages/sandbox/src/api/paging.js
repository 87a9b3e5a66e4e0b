// @ts-check
/**
 * `GET …/appointments` query rules, identical to @omsorg/mocks (src/paging.ts): `when`
 * upcoming (end ≥ now, ascending by start, id) or past (end < now, descending); `from` (end ≥
 * from) and `to` (start < to); `limit` 1–100 (default 20); an opaque keyset cursor,
 * base64url(JSON [when, startMs, id]), that stays correct when items are added or changed.
 * Cursors from the mocks and the sandbox are interchangeable.
 */
import { ProblemError } from './problems.js';

/** @typedef {'upcoming' | 'past'} When */
/** @typedef {{ when: When, start: number, id: string }} CursorKey */

/**
 * @typedef {object} ListQuery
 * @property {When} when
 * @property {number} limit
 * @property {Date | undefined} from
 * @property {Date | undefined} to
 * @property {CursorKey | undefined} after
 */

// RFC 3339 date-time with a mandatory offset. A '+' sent unencoded in a query string arrives as
// a space, and is refused.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** @param {CursorKey} key */
export const encodeCursor = (key) => Buffer.from(JSON.stringify([key.when, key.start, key.id]), 'utf8').toString('base64url');

/**
 * @param {string} cursor
 * @returns {CursorKey | undefined}
 */
export function decodeCursor(cursor) {
  try {
    // Strict base64url: Buffer would silently skip foreign characters.
    if (!/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [when, start, id] = value;
    if ((when !== 'upcoming' && when !== 'past') || typeof start !== 'number' || !Number.isFinite(start) || typeof id !== 'string') return undefined;
    return { when, start, id };
  } catch {
    return undefined;
  }
}

/** @param {string} detail */
const bad = (detail) => new ProblemError(400, 'validation', detail);

/**
 * Parses and checks the query; throws a 400 validation problem as the mocks answer it.
 * @param {URLSearchParams} query
 * @returns {ListQuery}
 */
export function parseListQuery(query) {
  const when = query.get('when') ?? 'upcoming';
  if (when !== 'upcoming' && when !== 'past') throw bad('when must be "upcoming" or "past".');

  const limitText = query.get('limit') ?? '20';
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 100)) throw bad('limit must be an integer from 1 to 100.');

  /** @param {'from' | 'to'} name */
  const instant = (name) => {
    const text = query.get(name);
    if (text === null) return undefined;
    const t = Date.parse(text);
    if (!DATE_TIME.test(text) || Number.isNaN(t)) throw bad(`${name} must be an RFC 3339 date-time with an offset (encode "+" as %2B).`);
    return new Date(t);
  };
  const from = instant('from');
  const to = instant('to');

  /** @type {CursorKey | undefined} */
  let after;
  const cursor = query.get('cursor');
  if (cursor !== null) {
    after = cursor.length <= 200 ? decodeCursor(cursor) : undefined;
    if (!after || after.when !== when) throw bad('cursor is not valid for this query.');
  }
  return { when, limit, from, to, after };
}
