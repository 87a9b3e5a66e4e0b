/**
 * The SDK's public shape. Elements depend only on these interfaces; the implementation lives in
 * client.ts (HTTP, retry, store) and auth/*.ts.
 */
import type {
  Appointment,
  AppointmentPage,
  Coding,
  Me,
  ServiceList,
} from '@omsorg/contract';

export type AuthStatus = 'unknown' | 'signed-out' | 'signed-in';

export interface AuthUser {
  /** Stable subject identifier from the ID token (not a national identity number). */
  readonly sub: string;
  /** Display name from the ID token. Untrusted text. */
  readonly name: string;
}

export interface AuthState {
  readonly status: AuthStatus;
  readonly user?: AuthUser;
  /** Epoch milliseconds when the session's access token expires, when known. */
  readonly expiresAt?: number;
  /** Why the state is `signed-out`, when known: the session expired, or a sign-in callback failed. */
  readonly reason?: 'expired' | 'failed';
}

/** How requests get credentials. Two implementations: OIDC in the browser and a mock. */
export interface Auth {
  readonly kind: 'oidc' | 'mock' | 'bff';
  /** Current state without I/O. */
  state(): AuthState;
  /**
   * Restores a session and completes a sign-in callback when the URL carries one.
   * Safe to call more than once; later calls return the same promise.
   */
  init(): Promise<AuthState>;
  /** Starts sign-in (a redirect for OIDC). `returnTo` is a same-origin URL to come back to. */
  signIn(options?: { returnTo?: string }): Promise<void>;
  /** Ends the session and removes every token the SDK holds. */
  signOut(): Promise<void>;
  /**
   * Headers that authorize one request (Authorization and, with DPoP, a DPoP proof bound to
   * method and URL). Rejects with an `OmsorgError` of kind `auth` when there is no session.
   */
  authorize(request: { method: string; url: string }): Promise<Record<string, string>>;
  /** Called whenever `state()` changes. Returns an unsubscribe function. */
  onChange(listener: (state: AuthState) => void): () => void;
}

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

export interface CallOptions {
  signal?: AbortSignal;
  /** Skip the store's cached copy and ask the server. */
  fresh?: boolean;
}

export interface AppointmentQuery {
  /** `me` (default: the client's current subject) or a subject id. */
  subjectId?: string;
  when?: 'upcoming' | 'past';
  limit?: number;
  cursor?: string | null;
}

export interface CancelInput {
  subjectId: string;
  appointmentId: string;
  /** The appointment's `version` as the caller last saw it; sent as If-Match. */
  version: string;
  reason: Coding;
  comment?: string;
  /** Made once per user intent with `client.newIdempotencyKey()`, reused on every retry. */
  idempotencyKey: string;
}

export interface ClientEvents {
  /** An appointment changed in the store (cancel, refetch after 412, a newer list page). */
  'appointment-changed': { appointment: Appointment };
  /** Sign-in state changed. */
  'auth-changed': AuthState;
  /** A call needs a (new) sign-in: 401, or no session. */
  'auth-required': { reason: 'no-session' | 'expired' | 'unauthorized' };
  /** The session ends soon; shown as a warning. */
  'session-expiring': { expiresAt: number };
  /** Everything was wiped (sign-out): elements must drop all content they show. */
  'cleared': Record<string, never>;
  /** The acting-for subject changed: elements reload. */
  'subject-changed': { subjectId: string };
}

export type ClientEventName = keyof ClientEvents;

export interface Client {
  readonly auth: Auth;
  readonly baseUrl: string;
  /** The subject the page acts for: `me` or an id from `me().subjects`. */
  getSubject(): string;
  setSubject(subjectId: string): void;

  me(options?: CallOptions): Promise<Me>;
  listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<AppointmentPage>;
  getAppointment(subjectId: string, appointmentId: string, options?: CallOptions): Promise<Appointment>;
  cancelAppointment(input: CancelInput, options?: CallOptions): Promise<Appointment>;
  listServices(subjectId?: string, options?: CallOptions): Promise<ServiceList>;

  /** The newest copy of an appointment the store has seen, if any. */
  cachedAppointment(appointmentId: string): Appointment | undefined;
  /** A fresh random Idempotency-Key (UUID v4) for one user intent. */
  newIdempotencyKey(): string;
  /** Subscribe to client events. Returns an unsubscribe function. */
  on<K extends ClientEventName>(type: K, listener: (detail: ClientEvents[K]) => void): () => void;
  /** Signs out and wipes the store; fires `cleared`. */
  signOut(): Promise<void>;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff in ms (default 300); doubles each time, with full jitter. */
  baseDelayMs?: number;
  /** Cap per wait, also for Retry-After (default 10_000). */
  maxDelayMs?: number;
}

export interface ClientConfig {
  /** API origin + optional path prefix, without `/v1` (e.g. `https://api.example.no`). */
  baseUrl: string;
  auth: Auth;
  retry?: RetryOptions;
  /** For tests and server use; defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** How long a cached read counts as fresh (default 30_000 ms). */
  staleAfterMs?: number;
  /** Warn this long before the session expires (default 120_000 ms). */
  expiryWarningMs?: number;
}
