/**
 * msw's side of answering: every answer carries `Cache-Control: no-store`; a refusal is a
 * `ProblemSpec` from the rules core, sent as problem+json.
 */
import { problemBody, type Problem, type ProblemSpec } from '@omsorg/contract';
import { HttpResponse, type JsonBodyType } from 'msw';

export { isProblemSpec, noneMatch, problemBody, type FieldError, type ProblemKey, type ProblemSpec } from '@omsorg/contract';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;
/** Lets a page on another origin read ETag and friends when the mock sits on a separate base URL. */
export const EXPOSE = { 'Access-Control-Expose-Headers': 'ETag, WWW-Authenticate, Retry-After, Content-Disposition' } as const;

export function json<T extends JsonBodyType>(body: T, init: { status?: number; headers?: Record<string, string> } = {}): HttpResponse<T> {
  return HttpResponse.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...EXPOSE, ...init.headers } });
}

export function problem(spec: ProblemSpec): HttpResponse<Problem> {
  return json(problemBody(spec), {
    status: spec.status,
    headers: { 'Content-Type': 'application/problem+json', ...spec.headers },
  });
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
