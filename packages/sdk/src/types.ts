/**
 * The SDK's public shape. Elements depend only on these interfaces; the implementation lives in
 * client.ts (HTTP, retry, store) and auth/*.ts.
 */
import type {
  AccessLogPage,
  Appointment,
  AppointmentPage,
  Attachment,
  Coding,
  DialogueConsent,
  NoticePreferences,
  NoticePreferencesChange,
  PersonLookupResult,
  RelativeAccess,
  RelativeAccessList,
  RelativeAccessRequest,
  Draft,
  DraftInput,
  Me,
  Message,
  RecipientList,
  SeenState,
  ServiceList,
  ThreadDetail,
  ThreadPage,
} from '@omsorg/contract';
import type { OmsorgError } from './errors.js';

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

/** What `Auth.signIn` takes. */
export interface SignInOptions {
  /** A same-origin URL to come back to (default: this page). */
  returnTo?: string;
  /** A step-up: the sign-in must be at most this many seconds old (see `Auth.signIn`). */
  maxAge?: number;
}

/** How requests get credentials: OIDC in the browser, a backend-for-frontend, and a mock. */
export interface Auth {
  readonly kind: 'oidc' | 'mock' | 'bff';
  /** Current state without I/O. */
  state(): AuthState;
  /**
   * Restores a session and completes a sign-in callback when the URL carries one.
   * Safe to call more than once; later calls return the same promise.
   */
  init(): Promise<AuthState>;
  /**
   * Starts sign-in (a redirect for OIDC and the BFF). `returnTo` is a same-origin URL to come
   * back to. `maxAge` (seconds) makes it a step-up: the provider is asked to authenticate the
   * person again (`prompt=login` and `max_age`, OpenID Connect Core 3.1.2.1), and the new
   * sign-in counts only when its `auth_time` is at most `maxAge` seconds old (else it fails as
   * any sign-in does: signed out with reason `failed` in the browser-only mode, the old session
   * kept in the BFF's). Pass a `StepUpRequiredError`'s `maxAge`. It must be a whole number from
   * 0 to `signInLimits.maxAgeSeconds` (3600), else this rejects with a `RangeError` and nothing
   * is started.
   */
  signIn(options?: SignInOptions): Promise<void>;
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

/** What failed; defined beside the error class (errors.ts), which this file only imports. */
export type { ErrorKind } from './errors.js';

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
  /**
   * One per user intent, reused on every retry (`client.newIdempotencyKey()`). Default: a new
   * key for this call, which its automatic retries reuse. `cancelIntent` keeps it for you.
   */
  idempotencyKey?: string;
}

/** Which appointment a cancel intent is about. */
export interface CancelTarget {
  subjectId: string;
  appointmentId: string;
}

/** What the person sends: the version they saw (If-Match), a reason and an optional comment. */
export type CancelDraft = Pick<CancelInput, 'version' | 'reason' | 'comment'>;

/**
 * One person's intent to cancel one appointment (`client.cancelIntent`). It makes the
 * Idempotency-Key on the first send and reuses it on every retry, also after a sign-in; it makes
 * a new one after a 412 (the appointment changed), after a 422 for a reused key, and when the
 * content changed after the server answered a failure. A send while one is in flight returns
 * that one. On success the store holds the returned appointment and emits
 * `appointment-changed`; after a 412 or 409 the SDK has read the appointment once into the store
 * (`cachedAppointment`), so the caller fetches nothing.
 */
export interface CancelIntent {
  readonly target: CancelTarget;
  /** The Idempotency-Key of the intent, once sent and until it ends. */
  readonly key: string | undefined;
  /** Whether a send is in flight. */
  readonly pending: boolean;
  send(draft: CancelDraft, options?: CallOptions): Promise<Appointment>;
  /** Forgets the key: the next send is a new intent. */
  reset(): void;
}

/** A page of the access log: a period of Europe/Oslo dates `YYYY-MM-DD`, both days included. */
export interface AccessLogQuery {
  /** Default: 30 days ending with `to`. */
  from?: string;
  /** Default: today. */
  to?: string;
  /** 1-200, default 50. */
  limit?: number;
  /** `nextCursor` of the page before. */
  cursor?: string | null;
}

export interface ThreadQuery {
  /** Default: the client's current subject. */
  subjectId?: string;
  limit?: number;
  cursor?: string | null;
}

/** What a person writes: a reply in a thread, or the first message of a new thread. */
export type Outgoing =
  | { kind: 'reply'; subjectId: string; threadId: string; text: string; attachments?: readonly Attachment[] }
  | {
      kind: 'thread';
      subjectId: string;
      grantedServiceId: string;
      title: string;
      text: string;
      attachments?: readonly Attachment[];
    };

export type OutboxStatus = 'sending' | 'not-sent' | 'sent';

/**
 * One message in the send queue. It lives in memory only (no health data in browser storage);
 * the server-side draft keeps the text across a reload until the send succeeds.
 */
export interface OutboxItem {
  /** Also the Idempotency-Key: every retry of this message reuses it, so it arrives once. */
  readonly id: string;
  readonly outgoing: Outgoing;
  readonly status: OutboxStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  /** The last failure, while `not-sent`. */
  readonly error?: OmsorgError;
  /** Epoch ms when the next automatic retry runs, while `not-sent` and retryable. */
  readonly nextRetryAt?: number;
  /** The stored message (a reply) or thread (a new thread), once `sent`. */
  readonly result?: Message | ThreadDetail;
  readonly createdAt: number;
}

export interface PollOptions {
  /** First and busiest interval (default 10_000 ms). */
  minMs?: number;
  /** Interval reached after a quiet spell; doubles from minMs (default 120_000 ms). */
  maxMs?: number;
  /**
   * How a poller waits between polls (default: the global setTimeout). Tests pass one they fire
   * themselves, so a poll happens when the test says and not when a busy machine gets to it.
   */
  timer?: PollTimer;
}

/** Plans and cancels one poller's next poll. */
export interface PollTimer {
  /** Runs `poll` after `ms` milliseconds; returns a handle for `clear`. */
  set(poll: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ClientEvents {
  /**
   * An appointment changed in the store (cancel, refetch after 412, a newer list page or poll).
   * `cause: 'poll'`: a watched list's poll brought it, so it was changed elsewhere (the care
   * service's answer, another tab) and is news to the person; elements announce those.
   */
  'appointment-changed': { appointment: Appointment; cause?: 'poll' };
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
  /** A newer thread list arrived (poll, send, mark seen). */
  'threads-changed': { subjectId: string; page: ThreadPage };
  /** A newer copy of one thread arrived. */
  'thread-changed': { thread: ThreadDetail };
  /** The subject's unread count changed (for a host page's badge). */
  'unread-changed': { subjectId: string; count: number };
  /** A queued message changed state (sending, not-sent, sent). */
  'outbox-changed': { item: OutboxItem };
  /** Consent to digital dialogue was given or withdrawn on this page. */
  'dialogue-consent-changed': { subjectId: string; consent: DialogueConsent };
  /** A relative was given access, or access was taken back, on this page. */
  'relatives-access-changed': { access: RelativeAccess };
  /** The notice preferences were changed on this page (or read again after a 412). */
  'notice-preferences-changed': { subjectId: string; preferences: NoticePreferences };
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
  /**
   * Keeps a list's first page fresh without reload (the same `subjectId`, `when` and `limit` as
   * the `listAppointments` call that read it): conditional polling (If-None-Match, 304 while
   * nothing changed) on the client's `poll` options, idle while the tab is hidden or nobody is
   * signed in, at once when the tab is shown again or the browser comes online. Every appointment
   * that changed goes to the store and is announced with `appointment-changed`; the listener gets
   * each newer page. Watchers of one list share one poller. Returns a stop function.
   */
  watchAppointments(query?: Pick<AppointmentQuery, 'subjectId' | 'when' | 'limit'>, listener?: (page: AppointmentPage) => void): () => void;
  getAppointment(subjectId: string, appointmentId: string, options?: CallOptions): Promise<Appointment>;
  cancelAppointment(input: CancelInput, options?: CallOptions): Promise<Appointment>;
  /** Starts a cancel intent that owns its Idempotency-Key across retries (see `CancelIntent`). */
  cancelIntent(target: CancelTarget): CancelIntent;
  listServices(subjectId?: string, options?: CallOptions): Promise<ServiceList>;

  /**
   * One page of the person's access log (who has seen or changed their data), newest first.
   * Only the person themselves: for a subject they act for as a relative it is a 403
   * OmsorgError. Its code is loaded on the first call (a page without the log never loads it).
   */
  getAccessLog(subjectId?: string, query?: AccessLogQuery, options?: CallOptions): Promise<AccessLogPage>;

  // Messages
  listMessageRecipients(subjectId?: string, options?: CallOptions): Promise<RecipientList>;
  listThreads(query?: ThreadQuery, options?: CallOptions): Promise<ThreadPage>;
  getThread(subjectId: string, threadId: string, options?: CallOptions): Promise<ThreadDetail>;
  /** Marks the thread read up to a message; updates the unread count. */
  markThreadSeen(subjectId: string, threadId: string, upToMessageId: string, options?: CallOptions): Promise<SeenState>;
  /** The signed-in person's draft (`key`: a thread id, or `new`), or null when there is none. */
  getDraft(subjectId: string, key: string, options?: CallOptions): Promise<Draft | null>;
  /**
   * Saves a draft: `version` null creates it (If-None-Match: *), otherwise replaces that
   * version (If-Match). A 412 means another tab saved meanwhile.
   */
  saveDraft(subjectId: string, key: string, input: DraftInput, version: string | null, options?: CallOptions): Promise<Draft>;
  deleteDraft(subjectId: string, key: string, version: string, options?: CallOptions): Promise<void>;
  /**
   * Uploads a file; the server checks its content and size. One upload is one intent: its
   * Idempotency-Key is made here (unless given) and reused on every automatic retry.
   */
  uploadAttachment(subjectId: string, file: Blob & { name?: string }, options?: CallOptions & { idempotencyKey?: string }): Promise<Attachment>;
  /** Downloads an attachment the signed-in person may see. */
  downloadAttachment(subjectId: string, attachmentId: string, options?: CallOptions): Promise<Blob>;
  /** The subject's consent to digital dialogue (messages need it), with its history. */
  getDialogueConsent(subjectId?: string, options?: CallOptions): Promise<DialogueConsent>;
  /**
   * Gives (`active`) or withdraws (`inactive`) consent to digital dialogue on the current text,
   * from the `version` the person saw (If-Match). One intent: its Idempotency-Key is made here
   * (unless given) and reused on every automatic retry. Only the person themselves may; a 409
   * `consent-text-outdated` means the text changed: read it again.
   */
  setDialogueConsent(
    input: { subjectId?: string; status: 'active' | 'inactive'; textVersion: string; version: string },
    options?: CallOptions & { idempotencyKey?: string },
  ): Promise<DialogueConsent>;

  // Relatives' access (the person's own: always `me`)
  /** Who may act for the person (`relatives`) and whom they may act for (`actingFor`). */
  listRelativesAccess(options?: CallOptions): Promise<RelativeAccessList>;
  /**
   * The name of the person with this national identity number, to confirm before giving access
   * (sent in the body, never in a URL). 404 for a number no one has and for a confidential
   * address alike.
   */
  lookUpPerson(nationalIdentityNumber: string, options?: CallOptions): Promise<PersonLookupResult>;
  /**
   * Gives a relative access. One intent: its Idempotency-Key is made here unless given; pass the
   * same key when sending the same intent again after a new sign-in. A sign-in older than the
   * server allows throws a `StepUpRequiredError` (`isStepUpRequired`) with the `maxAge` to sign
   * in again with; other refusals are `OmsorgError`s with the problem type (giver-too-young,
   * relative-too-young, not-found, validation with field errors).
   */
  grantRelativeAccess(input: RelativeAccessRequest, options?: CallOptions & { idempotencyKey?: string }): Promise<RelativeAccess>;
  /** Takes access back at once (a `StepUpRequiredError` as for giving it). */
  revokeRelativeAccess(accessId: string, options?: CallOptions): Promise<RelativeAccess>;

  // Notices by SMS and e-mail (the person's own: a relative acting for them gets a 403)
  /**
   * Which notices the person gets, where they go (masked, from the national contact register)
   * and the exact text of each (`previews`, in `language`). One read per subject and page;
   * `fresh` asks again with If-None-Match.
   */
  getNoticePreferences(subjectId?: string, options?: CallOptions): Promise<NoticePreferences>;
  /**
   * Replaces the choice (no channel: notices off) on the version the SDK holds (If-Match; read
   * first when it holds none). One intent: its Idempotency-Key is made here unless given and
   * reused on every automatic retry. The answer is stored (a later read needs no request) and
   * `notice-preferences-changed` emitted. Refused before sending, as the server would: a
   * repeated or unknown code (400 `validation`), a channel the register has no detail for or any
   * channel while the person is reserved (422 `notice-channel-unavailable`, with pointers). A
   * 412 (changed elsewhere) reads the preferences once into the store, then throws.
   */
  setNoticePreferences(subjectId: string | undefined, change: NoticePreferencesChange, options?: CallOptions & { idempotencyKey?: string }): Promise<NoticePreferences>;

  /**
   * Queues a message and sends it at once. While offline or on a retryable error it stays
   * `not-sent` and is retried with the same Idempotency-Key (on `online`, with backoff, or by
   * `retryOutbox`), so it is delivered exactly once. Resolves with the item as queued.
   */
  queueMessage(outgoing: Outgoing): OutboxItem;
  /** Queued items not yet confirmed, plus those sent in this page's lifetime, oldest first. */
  outbox(filter?: { subjectId?: string; threadId?: string | null }): readonly OutboxItem[];
  /** Retries a `not-sent` item now. */
  retryOutbox(id: string): void;
  /** Removes a `not-sent` item (the writer gave up); its text is returned for the reply box. */
  discardOutbox(id: string): Outgoing | undefined;

  /**
   * Keeps the subject's thread list fresh without reload: conditional polling (If-None-Match),
   * backing off while nothing changes and paused while the tab is hidden. Listeners get every
   * newer page. Watchers of one subject share one poller. Returns a stop function.
   */
  watchThreads(subjectId: string | undefined, listener: (page: ThreadPage) => void): () => void;
  /** The same for one thread's messages. */
  watchThread(subjectId: string, threadId: string, listener: (thread: ThreadDetail) => void): () => void;
  /** The last known unread count for a subject (default: current), if any poll has run. */
  unreadCount(subjectId?: string): number | undefined;
  /**
   * Keeps the unread count fresh for a host page's badge (shares the thread-list poller);
   * the count arrives through `on('unread-changed')`. Returns a stop function.
   */
  watchUnread(subjectId?: string): () => void;

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
  /** Cap per backoff wait (default 10_000); also for Retry-After when `maxRetryAfterMs` is not set. */
  maxDelayMs?: number;
  /** The longest Retry-After honoured (createClient's default 120_000); a longer one waits this long. */
  maxRetryAfterMs?: number;
  /** Retries of calls that get no answer while the client as a whole gets none (default 2). */
  networkRetries?: number;
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
  /** Polling of threads, unread counts and watched appointment lists. */
  poll?: PollOptions;
}
