/**
 * More than one record system for one person: each item says its source (the municipality and
 * the record system), lists merge the sources' pages in the contract's order with the one keyset
 * cursor of paging.ts, and a source that does not answer is named in `unavailableSources` while
 * the others' items are shown. The sandbox's composite record system and the mocks both use these.
 */
import type { Appointment, RecordSource } from '../types.js';
import { appointmentPage, type ListQuery } from './paging.js';
import type { ProblemSpec } from './problems.js';

/** A kommunenummer: four digits (Statistics Norway's list of municipalities). */
export const municipalityNumberPattern = /^[0-9]{4}$/;

/** True when both are the same source (the same record system in the same municipality). */
export function sameSource(a: RecordSource | undefined | null, b: RecordSource | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  return a.system.id === b.system.id && a.municipality.number === b.municipality.number;
}

/** The distinct municipalities of `items`, in first-seen order (the elements show each item's only when there are two or more). */
export function municipalitiesOf(items: readonly { source?: RecordSource | undefined }[]): RecordSource['municipality'][] {
  const out: RecordSource['municipality'][] = [];
  for (const x of items) {
    const m = x.source?.municipality;
    if (m && !out.some((o) => o.number === m.number)) out.push(m);
  }
  return out;
}

/** One source's answer to a page query: its first `limit` items after the cursor, and whether it has more. */
export interface SourcePage {
  items: readonly Appointment[];
  more: boolean;
}

/**
 * The merged page of several sources' pages, each asked the same query (the same keyset cursor:
 * start and id, which mean the same in every source). Each source gave its first `limit` items
 * after the cursor, so the first `limit` of their union, in the contract's order, are the first
 * `limit` of all; there is more when the union had more than a page or any source had more.
 */
export function mergeAppointmentPages(pages: readonly SourcePage[], q: ListQuery, now: Date): { items: Appointment[]; more: boolean } {
  const union = pages.flatMap((p) => p.items);
  const ids = new Set<string>();
  for (const a of union) {
    if (ids.has(a.id)) throw new Error(`two record sources gave the id ${a.id}: ids must be unique across sources`);
    ids.add(a.id);
  }
  const page = appointmentPage(union, { ...q, after: undefined }, now);
  return { items: page.items, more: page.nextCursor !== null || pages.some((p) => p.more) };
}

/** Every source failed: 503 `unavailable` (retryable), never an empty list that looks complete. */
export const recordsUnavailable = (): ProblemSpec => ({ status: 503, key: 'unavailable', detail: 'The record systems did not answer. Try again in a little while.', headers: { 'Retry-After': '5' } });
