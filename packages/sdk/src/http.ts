import { problemTypes } from '@omsorg/contract';
import type { Auth, ClientEvents, RetryOptions } from './types.js';
import { AUTO_RETRY_STATUSES, OmsorgError, errorFromResponse, isJsonType, isOmsorgError, parseRetryAfter } from './errors.js';
import { abortedError } from './store.js';

export interface HttpContext {
  baseUrl: string;
  auth: Auth;
  fetch: typeof fetch;
  retry: Required<RetryOptions>;
  /** Calls in a row, client-wide, that got no answer; any answer resets it. */
  network: { failures: number };
  authRequired(reason: ClientEvents['auth-required']['reason']): void;
}

export interface HttpRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Starts with `/v1/`; path parameters already encoded. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a file upload), with its own Content-Type. */
  blob?: Blob;
  /** `blob`: the 2xx body is handed to `validate` as a Blob instead of parsed JSON. */
  read?: 'json' | 'blob';
  /**
   * A conditional GET: sends If-None-Match with `etag`; a 304 resolves with `value` (the
   * caller's cached copy) and carries no body.
   */
  conditional?: { etag: string; value: T };
  /** Checks a 2xx body (and headers); throws OmsorgError `invalid-response`. 204 passes undefined. */
  validate: (body: unknown, response: Response) => T;
}

export const DEFAULT_RETRY: Required<Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs'>> = { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000 };
/** The longest `Retry-After` the SDK honours by default: a longer one is waited for this long. */
export const MAX_RETRY_AFTER_MS = 120_000;
/**
 * Retries of a call that got no answer (offline, DNS, a refused CORS preflight) while the client
 * as a whole keeps getting none: a page of many elements on a broken origin tries a few times,
 * not every call four times.
 */
export const NETWORK_RETRIES = 2;

type RetryTiming = Pick<Required<RetryOptions>, 'baseDelayMs' | 'maxDelayMs'> & Pick<RetryOptions, 'maxRetryAfterMs'>;

/**
 * Wait before retry number `attempt + 1`: Retry-After when given (up to `maxRetryAfterMs`, or
 * `maxDelayMs` when that is not set), else full-jitter backoff up to `maxDelayMs`.
 */
export function retryDelay(attempt: number, retryAfter: string | null, o: RetryTiming, random = Math.random): number {
  const ms = parseRetryAfter(retryAfter);
  if (ms !== undefined) return Math.min(ms, o.maxRetryAfterMs ?? o.maxDelayMs);
  return random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
}

/** Settles with `p`, or rejects with `aborted` as soon as `signal` aborts. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) {
    // `p` has started already (authorize, a sleep): its own failure is no longer anyone's, and
    // must not surface as an unhandled rejection on the page.
    p.catch(() => undefined);
    return Promise.reject(abortedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const sleep = (ms: number, signal?: AbortSignal) =>
  abortable(new Promise<void>((r) => setTimeout(r, ms)), signal);

async function authorize(ctx: HttpContext, method: string, url: string, signal?: AbortSignal): Promise<Record<string, string>> {
  try {
    return await abortable(ctx.auth.authorize({ method, url }), signal);
  } catch (e) {
    if (isOmsorgError(e) && e.kind === 'aborted') throw e;
    ctx.authRequired(ctx.auth.state().reason === 'expired' ? 'expired' : 'no-session');
    throw isOmsorgError(e) && e.kind === 'auth' ? e : new OmsorgError('auth', 'Not signed in', { cause: e });
  }
}

function parse<T>(res: Response, raw: string | Blob, validate: HttpRequest<T>['validate']): T {
  const invalid = (why: string, cause?: unknown) =>
    new OmsorgError('invalid-response', `Invalid response: ${why}`, { status: res.status, detail: why, cause });
  let body: unknown = raw;
  if (res.status === 204) body = undefined;
  else if (typeof raw === 'string') {
    if (!isJsonType(res.headers.get('content-type'))) throw invalid('not JSON');
    try {
      body = JSON.parse(raw);
    } catch (e) {
      throw invalid('malformed JSON', e);
    }
  }
  try {
    return validate(body, res);
  } catch (e) {
    throw isOmsorgError(e) ? invalid(e.detail ?? e.message, e) : e;
  }
}

/**
 * One API call: credentials per attempt (a DPoP proof is single-use), retries with backoff on
 * network errors (a few, client-wide: `networkRetries`), on 408/429/502/503/504 and on a 409
 * `request-in-progress` (also for POST, with the same Idempotency-Key: the server then answers
 * the first request's result), abort at any point. Tokens only ever go into headers.
 */
export async function send<T>(ctx: HttpContext, req: HttpRequest<T>, signal?: AbortSignal): Promise<T> {
  const url = ctx.baseUrl + req.path;
  // A Blob can be sent again on a retry; a stream could not.
  const body = req.blob ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < ctx.retry.retries;
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.blob) headers['Content-Type'] = req.blob.type || 'application/octet-stream';
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (req.conditional) headers['If-None-Match'] = req.conditional.etag;
    Object.assign(headers, await authorize(ctx, req.method, url, signal));

    let res: Response;
    let raw: string | Blob = '';
    try {
      res = await abortable(ctx.fetch(url, { method: req.method, headers, body, signal }), signal);
      if (res.ok) raw = await abortable<string | Blob>(req.read === 'blob' ? res.blob() : res.text(), signal);
    } catch (e) {
      if (isOmsorgError(e)) throw e;
      if (signal?.aborted) throw abortedError(signal.reason);
      ctx.network.failures++;
      if (!canRetry || ctx.network.failures > ctx.retry.networkRetries) throw new OmsorgError('network', 'The API could not be reached', { cause: e, retryable: true });
      await sleep(retryDelay(attempt, null, ctx.retry), signal);
      continue;
    }

    ctx.network.failures = 0;
    if (res.ok) return parse(res, raw, req.validate);
    if (res.status === 304) {
      res.body?.cancel().catch(() => {});
      if (req.conditional) return req.conditional.value;
      throw new OmsorgError('invalid-response', 'Invalid response: 304 to an unconditional request', { status: 304, detail: '304' });
    }
    if (canRetry && AUTO_RETRY_STATUSES.has(res.status)) {
      res.body?.cancel().catch(() => {});
      await sleep(retryDelay(attempt, res.headers.get('retry-after'), ctx.retry), signal);
      continue;
    }
    const err = await errorFromResponse(res);
    if (canRetry && res.status === 409 && err.type === problemTypes.requestInProgress) {
      // The first request with this key is still running: ask again later, with the same key.
      await sleep(retryDelay(attempt, res.headers.get('retry-after'), ctx.retry), signal);
      continue;
    }
    if (res.status === 401) {
      const exp = ctx.auth.state().expiresAt;
      // A sign-in older than the server allows ends the session as an expiry does.
      const expired = err.type === problemTypes.sessionExpired || (exp !== undefined && exp <= Date.now());
      ctx.authRequired(expired ? 'expired' : 'unauthorized');
    }
    throw err;
  }
}
