/**
 * Replays in memory: the first answer to a person's Idempotency-Key, given again for the same
 * request and refused (422) for another. Only successes are remembered, as in the sandbox.
 */
import type { JsonBodyType } from 'msw';
import type { PersonKey } from '@omsorg/fixtures';
import type { MockDb } from './records.js';
import { json, problem } from './problems.js';

/** The first answer again, a 422 for a reuse, or undefined when the key is new. */
export function replay(db: MockDb, person: PersonKey, key: string, fingerprint: string): Response | undefined {
  const earlier = db.idempotency.get(`${person}:${key}`);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) {
    return problem({ status: 422, key: 'idempotencyKeyReused', detail: 'This Idempotency-Key was used for a different request.' });
  }
  return json(structuredClone(earlier.body) as JsonBodyType, { status: earlier.status, headers: earlier.etag ? { ETag: earlier.etag } : {} });
}

export function remember(db: MockDb, person: PersonKey, key: string, fingerprint: string, status: number, body: unknown, etagValue?: string): void {
  db.idempotency.set(`${person}:${key}`, { fingerprint, status, body: structuredClone(body), ...(etagValue ? { etag: etagValue } : {}) });
}
