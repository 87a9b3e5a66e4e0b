/**
 * From a broken rule to an RFC 9457 problem: every side builds refusals as a `ProblemSpec`
 * (status, the stable problem key, a detail for developers, field errors), and each transport
 * turns it into its answer (an msw `HttpResponse`, a Node response, a thrown error).
 */
import { problemTypes, type Problem } from '../types.js';

export type ProblemKey = keyof typeof problemTypes;

export type FieldError = NonNullable<Problem['errors']>[number];

export interface ProblemSpec {
  status: number;
  key: ProblemKey;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** For `step-up-required`: the `max_age` (seconds) the client signs in again with. */
  maxAge?: number;
}

export function isProblemSpec(value: unknown): value is ProblemSpec {
  return typeof value === 'object' && value !== null && 'key' in value && 'status' in value && 'detail' in value;
}

const keyByType: ReadonlyMap<string, ProblemKey> = new Map(Object.entries(problemTypes).map(([k, v]) => [v, k as ProblemKey]));

/** The problem key for a type URN, or undefined. */
export const problemKeyOf = (type: unknown): ProblemKey | undefined => (typeof type === 'string' ? keyByType.get(type) : undefined);

/** A 400 validation problem. */
export const invalid = (detail: string, errors?: FieldError[]): ProblemSpec => ({ status: 400, key: 'validation', detail, ...(errors ? { errors } : {}) });

/** RFC 6901: `~` → `~0`, `/` → `~1`, for a JSON Pointer to a member named by the client. */
export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
