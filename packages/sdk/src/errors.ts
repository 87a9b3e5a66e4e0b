import { problemTypes, type Problem } from '@omsorg/contract';

export type ErrorKind =
  /** The server answered with an error status (problem+json or not). */
  | 'http'
  /** No answer: offline, DNS, connection reset, CORS. */
  | 'network'
  /** The server answered 2xx with something that does not match the contract. */
  | 'invalid-response'
  /** No session, or the session expired. */
  | 'auth'
  /** The caller aborted via AbortSignal. */
  | 'aborted';

export interface OmsorgErrorInit {
  status?: number;
  type?: string;
  title?: string;
  detail?: string;
  retryable?: boolean;
  problem?: Problem;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type the SDK throws. `retryable` answers "may the same request succeed if the
 * user tries again later?" (network, 408, 429, 500, 502, 503, 504). The SDK's own automatic
 * retries are narrower: they skip 500, which is usually a deterministic server bug and would
 * only delay the error for the user.
 */
export class OmsorgError extends Error {
  readonly kind: ErrorKind;
  readonly status?: number;
  /** Problem type URN (`urn:omsorg:problem:…`) when the server sent problem+json. */
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly retryable: boolean;
  readonly problem?: Problem;
  /** From a `Retry-After` header, when the server sent one. */
  readonly retryAfterMs?: number;

  constructor(kind: ErrorKind, message: string, init: OmsorgErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'OmsorgError';
    this.kind = kind;
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.retryable = init.retryable ?? kind === 'network';
    this.problem = init.problem;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * The server wants a more recent sign-in before it gives or takes back relatives' access (403
 * `step-up-required`, RFC 9470's `max_age`): the element asks the person to sign in again with
 * `maxAge` and repeats the same intent. It is an `OmsorgError` too (kind `http`, status 403),
 * so code that only knows those still shows an error and never signs the person out.
 */
export class StepUpRequiredError extends OmsorgError {
  /** The longest a sign-in may be old for this, in seconds (`max_age` for the new sign-in). */
  readonly maxAge: number;

  constructor(source: OmsorgError, maxAge: number) {
    super('http', source.message, { status: source.status, type: source.type, title: source.title, detail: source.detail, problem: source.problem, retryable: false, cause: source });
    this.name = 'OmsorgError';
    this.maxAge = maxAge;
  }
}

/** True for a step-up-required refusal (also one from a second copy of the SDK on the page). */
export function isStepUpRequired(e: unknown): e is StepUpRequiredError {
  return isOmsorgError(e) && e.type === problemTypes.stepUpRequired && typeof (e as StepUpRequiredError).maxAge === 'number';
}

/** The typed step-up error for a refusal of that type, else the error as it was. */
export function withStepUp(e: unknown): unknown {
  if (!isOmsorgError(e) || e.type !== problemTypes.stepUpRequired || e instanceof StepUpRequiredError) return e;
  const maxAge = (e.problem as { maxAge?: unknown } | undefined)?.maxAge;
  return new StepUpRequiredError(e, typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge >= 0 ? maxAge : 0);
}

/** Duck-typed so errors from a second copy of the SDK on the same page also pass. */
export function isOmsorgError(e: unknown): e is OmsorgError {
  return e instanceof OmsorgError || (e instanceof Error && e.name === 'OmsorgError' && typeof (e as OmsorgError).kind === 'string');
}

/**
 * The one answer to "may the same request succeed if tried again later?", for the SDK's send
 * queue and for elements deciding whether to offer "try again": an `OmsorgError` whose
 * `retryable` is set (no answer, 408, 429, 500, 502, 503, 504). Anything else is final.
 */
export function isRetryable(e: unknown): boolean {
  return isOmsorgError(e) && e.retryable === true;
}

/** Statuses the SDK retries by itself (with backoff). */
export const AUTO_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([...AUTO_RETRY_STATUSES, 500]);

/** Milliseconds from a `Retry-After` header (delta-seconds or HTTP-date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP-date names its day and month; this keeps Date.parse from reading "-1" as a year.
  const at = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `application/json`, `application/problem+json` and other `+json` types. */
export function isJsonType(contentType: string | null): boolean {
  return !!contentType && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType);
}

/** Maps a non-2xx response to an OmsorgError. Reads (consumes) the body; never throws. */
export async function errorFromResponse(res: Response): Promise<OmsorgError> {
  let problem: Problem | undefined;
  if (isJsonType(res.headers.get('content-type'))) {
    try {
      const body: unknown = await res.json();
      if (body && typeof body === 'object' && typeof (body as Problem).type === 'string') problem = body as Problem;
    } catch {
      // Broken error bodies are common behind proxies; the status still says enough.
    }
  } else {
    // Do not keep HTML error pages around; just release the connection.
    res.body?.cancel().catch(() => {});
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const title = str(problem?.title) ?? (res.statusText || undefined);
  return new OmsorgError(res.status === 401 ? 'auth' : 'http', title ? `${res.status} ${title}` : `HTTP ${res.status}`, {
    status: res.status,
    type: str(problem?.type),
    title,
    detail: str(problem?.detail),
    // A 409 request-in-progress: the same request with the same key succeeds later.
    retryable: TRANSIENT_STATUSES.has(res.status) || (res.status === 409 && problem?.type === problemTypes.requestInProgress),
    problem,
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
  });
}
