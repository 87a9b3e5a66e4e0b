/** Response helpers: every answer carries `Cache-Control: no-store`; errors are problem+json. */
import { problemTitles, problemTypes, type Problem } from '@omsorg/contract';
import { HttpResponse, type JsonBodyType } from 'msw';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;
/** Lets a page on another origin read ETag and friends when the mock sits on a separate base URL. */
export const EXPOSE = { 'Access-Control-Expose-Headers': 'ETag, WWW-Authenticate, Retry-After, Content-Disposition' } as const;

export function json<T extends JsonBodyType>(body: T, init: { status?: number; headers?: Record<string, string> } = {}): HttpResponse<T> {
  return HttpResponse.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...EXPOSE, ...init.headers } });
}

export type ProblemKey = keyof typeof problemTypes;

export type FieldError = NonNullable<Problem['errors']>[number];

export interface ProblemSpec {
  status: number;
  key: ProblemKey;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export function problemBody(spec: ProblemSpec): Problem {
  return {
    type: problemTypes[spec.key],
    title: problemTitles[spec.key],
    status: spec.status,
    detail: spec.detail,
    ...(spec.errors ? { errors: spec.errors } : {}),
  };
}

export function problem(spec: ProblemSpec): HttpResponse<Problem> {
  return json(problemBody(spec), {
    status: spec.status,
    headers: { 'Content-Type': 'application/problem+json', ...spec.headers },
  });
}

export function isProblemSpec(value: unknown): value is ProblemSpec {
  return typeof value === 'object' && value !== null && 'key' in value && 'status' in value;
}

export const unauthorized = (detail: string, tokenGiven = false): HttpResponse<Problem> =>
  problem({
    status: 401,
    key: 'unauthorized',
    detail,
    headers: { 'WWW-Authenticate': tokenGiven ? 'Bearer realm="omsorg", error="invalid_token"' : 'Bearer realm="omsorg"' },
  });

export const notFound = (detail = 'No such resource.'): HttpResponse<Problem> => problem({ status: 404, key: 'notFound', detail });

/** 304 for a matching If-None-Match: no body, the same ETag. */
export const notModified = (etag: string): HttpResponse<null> =>
  new HttpResponse(null, { status: 304, headers: { ...NO_STORE, ...EXPOSE, ETag: etag } });

/** True when an If-None-Match header matches `etag` (weak comparison, lists and `*`). */
export function noneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
