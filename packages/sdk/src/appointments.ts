/**
 * Appointment pages. Lists of one subject's appointments that differ only in their page size
 * (a page with `page-size="3"` for "next visit" and a full list beside it) make one request:
 * first pages asked for in the same turn are fetched once with the largest limit, and a smaller
 * first page is served from a larger one that is in flight or cached. A page cut from a larger
 * one continues with a cursor the SDK makes itself (`omsorg-sdk:<offset>`): it pages on through
 * the larger page the SDK holds, then on from that page's own `nextCursor`, so paging is the same
 * as the server's. Other pages (the server's cursors, no limit) are read as they are.
 */
import type { AppointmentPage } from '@omsorg/contract';
import type { AppointmentQuery, CallOptions } from './types.js';
import type { Store } from './store.js';

const enc = encodeURIComponent;
/** The prefix of the cursors the SDK makes; the server's cursors are base64url, without a colon. */
export const LOCAL_CURSOR = 'omsorg-sdk:';
/** The contract's largest page. */
const MAX_LIMIT = 100;

export interface AppointmentPagesDeps {
  store: Store;
  /** How long a cached first page counts as fresh. */
  staleAfterMs: number;
  /** The client's subject when the query names none. */
  subject(): string;
  /** One exact page through the client's shared, cached GET (its items go to the store). */
  getPage(path: string, options: CallOptions): Promise<AppointmentPage>;
}

interface Batch {
  key: string;
  limit: number;
  fresh: boolean;
  /** Still collecting the callers of this turn; the request has not been made. */
  open: boolean;
  /** The store's turn in which it was started (fresh callers of that turn join it). */
  turn: number;
}

interface FirstPage {
  limit: number;
  page: AppointmentPage;
}

export function pagePath(subjectId: string, query: Pick<AppointmentQuery, 'when' | 'limit' | 'cursor'>): string {
  const q = new URLSearchParams();
  if (query.when) q.set('when', query.when);
  if (query.limit != null) q.set('limit', String(query.limit));
  if (query.cursor) q.set('cursor', query.cursor);
  const qs = q.toString();
  return `/v1/subjects/${enc(subjectId)}/appointments${qs ? `?${qs}` : ''}`;
}

/** `count` items of `page` from `offset`, and the cursor that continues after them. */
function cut(page: AppointmentPage, offset: number, count: number): AppointmentPage {
  const end = offset + count;
  if (offset === 0 && page.items.length <= count) return page;
  return { ...page, items: page.items.slice(offset, end), nextCursor: page.items.length > end ? `${LOCAL_CURSOR}${end}` : page.nextCursor };
}

export function createAppointmentPages(deps: AppointmentPagesDeps) {
  const { store } = deps;
  const batches = new Map<string, Batch>();
  /** The newest first page per list (subject and `when`), for the cursors the SDK made. */
  const held = new Map<string, { generation: number; first: FirstPage }>();
  let seq = 0;

  const firstKey = (base: string) => `FIRST ${base}`;

  /** The first page of a list with at least `limit` items when it has them. */
  function firstPage(base: string, subjectId: string, when: AppointmentQuery['when'], limit: number, options: CallOptions): Promise<FirstPage> {
    const fresh = !!options.fresh;
    const hit = fresh ? undefined : store.read<FirstPage>(firstKey(base), deps.staleAfterMs);
    if (hit && hit.limit >= limit) return Promise.resolve(hit);
    let b = batches.get(base);
    if (b?.open) {
      b.limit = Math.max(b.limit, limit);
      b.fresh ||= fresh;
    } else if (!b || b.limit < limit || (fresh && b.turn !== store.turnId())) {
      b = { key: `${firstKey(base)} #${++seq}`, limit, fresh, open: true, turn: store.turnId() };
      batches.set(base, b);
    }
    const batch = b;
    return store.share(
      batch.key,
      false,
      async (signal) => {
        // Let the other lists of this turn join before the one request goes out.
        await Promise.resolve();
        batch.open = false;
        const generation = store.generation;
        try {
          const page = await deps.getPage(pagePath(subjectId, { when, limit: batch.limit }), { fresh: batch.fresh, signal });
          const first = { limit: batch.limit, page };
          if (generation === store.generation) {
            store.write(firstKey(base), first);
            held.set(base, { generation, first });
          }
          return first;
        } finally {
          if (batches.get(base) === batch) batches.delete(base);
        }
      },
      options.signal,
    );
  }

  /** A page after `offset` items of the first page, from a cursor the SDK made. */
  async function pageAfter(base: string, subjectId: string, query: AppointmentQuery, offset: number, limit: number, options: CallOptions) {
    const h = held.get(base);
    const first = h && h.generation === store.generation ? h.first : await firstPage(base, subjectId, query.when, Math.min(MAX_LIMIT, offset + limit), options);
    const { page } = first;
    if (page.items.length >= offset + limit || !page.nextCursor) return cut(page, offset, limit);
    // The held page ends first: the rest of this page comes from the server after it.
    const rest = page.items.slice(offset);
    const more = await deps.getPage(pagePath(subjectId, { when: query.when, limit: limit - rest.length, cursor: page.nextCursor }), options);
    return { ...more, items: [...rest, ...more.items] };
  }

  return {
    list(query: AppointmentQuery = {}, options: CallOptions = {}): Promise<AppointmentPage> {
      const subjectId = query.subjectId ?? deps.subject();
      const { limit } = query;
      const local = query.cursor?.startsWith(LOCAL_CURSOR) ? Number(query.cursor.slice(LOCAL_CURSOR.length)) : undefined;
      const shared = limit != null && Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT;
      if (!shared || (query.cursor && (local === undefined || !Number.isInteger(local) || local < 0))) {
        return deps.getPage(pagePath(subjectId, query), options);
      }
      const base = pagePath(subjectId, { when: query.when });
      if (local) return pageAfter(base, subjectId, query, local, limit, options);
      return firstPage(base, subjectId, query.when, limit, options).then(({ page }) => cut(page, 0, limit));
    },
  };
}
