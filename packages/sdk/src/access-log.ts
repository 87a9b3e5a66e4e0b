/**
 * The person's access log ("who has seen my data"): one page at a time, newest first, for a
 * period of Oslo calendar dates. A module of its own, imported by the client the first time the
 * log is read (client-core.ts), so a page that never shows the log never loads it or its guards
 * (the CDN build puts both in the omsorg-access-log chunk).
 *
 * Reads go through the client's store like the other reads: identical reads in flight share one
 * request, a page read within `staleAfterMs` is served again (`fresh` reads anew), and a
 * sign-out or another person wipes them. The answer is checked against the contract's guard, so a
 * malformed log is an `invalid-response` OmsorgError, never a half-drawn row.
 *
 * Only the person themselves reads their log: a relative acting for them gets a 403 OmsorgError.
 */
import { accessLogPageGuard, type AccessLogPage } from '@omsorg/contract';
import type { AccessLogQuery, CallOptions } from './types.js';
import { as, type Validator } from './validate.js';

export const asAccessLogPage: Validator<AccessLogPage> = as<AccessLogPage>(accessLogPageGuard);

/** What the client lends the module: its deduplicated, cached GET and its current subject. */
export interface AccessLogDeps {
  get<T>(path: string, validate: (body: unknown, res: Response) => T, options: CallOptions | undefined, cache: boolean): Promise<T>;
  subject(): string;
}

/** The path of one page: the parameters in a fixed order, so equal queries share one request. */
export function accessLogPath(subjectId: string, query: AccessLogQuery = {}): string {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  const qs = params.toString();
  return `/v1/subjects/${encodeURIComponent(subjectId)}/access-log${qs ? `?${qs}` : ''}`;
}

/** One page of the log of `subjectId` (default: the client's subject). */
export function getAccessLog(deps: AccessLogDeps, subjectId: string | undefined, query?: AccessLogQuery, options?: CallOptions): Promise<AccessLogPage> {
  return deps.get(accessLogPath(subjectId ?? deps.subject(), query), asAccessLogPage, options, true);
}
