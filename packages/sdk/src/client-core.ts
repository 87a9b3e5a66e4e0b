import type { AppointmentPage } from '@omsorg/contract';
import type { AuthState, CallOptions, Client, ClientConfig, ClientEventName, ClientEvents } from './types.js';
import { createAppointmentPages } from './appointments.js';
import { createAppointmentWatch, listTagKey } from './appointment-watch.js';
import { browserEnv } from './poll.js';
import { createCancelling } from './cancel.js';
import { DEFAULT_RETRY, MAX_RETRY_AFTER_MS, NETWORK_RETRIES, send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { OmsorgError } from './errors.js';
import { lazyMessaging, type MessagingSource } from './messaging-facade.js';
import { Store } from './store.js';
import { asAppointment, asAppointmentPage, asMe, asServiceList, withEtag } from './validate.js';

const enc = encodeURIComponent;
// setTimeout fires at once for delays above 2^31-1 ms.
const MAX_TIMEOUT = 0x7fffffff;

const withAppointmentEtag = withEtag(asAppointment);

const sameState = (a: AuthState, b: AuthState) =>
  a.status === b.status && a.user?.sub === b.user?.sub && a.user?.name === b.user?.name && a.expiresAt === b.expiresAt && a.reason === b.reason;

/**
 * The client, with its messaging part from `messaging`: created at once (`createClient`) or
 * loaded on first use (`createLazyClient`, messaging-facade.ts). Everything else is the same.
 */
export function createClientWith(config: ClientConfig, messagingSource: MessagingSource): Client {
  const { auth } = config;
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const staleAfterMs = config.staleAfterMs ?? 30_000;
  const warnMs = config.expiryWarningMs ?? 120_000;

  const listeners = new Map<ClientEventName, Set<(detail: never) => void>>();
  const emit = <K extends ClientEventName>(type: K, detail: ClientEvents[K]) => {
    for (const l of [...(listeners.get(type) ?? [])]) {
      try {
        (l as (d: ClientEvents[K]) => void)(detail);
      } catch (e) {
        // One broken listener must not break the SDK or the other elements.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  };

  const store = new Store((appointment, cause) => emit('appointment-changed', cause ? { appointment, cause } : { appointment }));
  let subject = 'me';

  const http: HttpContext = {
    baseUrl,
    auth,
    // Bound: calling window.fetch as a method of another object throws "Illegal invocation".
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { ...DEFAULT_RETRY, maxRetryAfterMs: MAX_RETRY_AFTER_MS, networkRetries: NETWORK_RETRIES, ...config.retry },
    network: { failures: 0 },
    authRequired: (reason) => emit('auth-required', { reason }),
  };

  /** A deduplicated GET; `cache` also serves and stores fresh-enough copies. */
  function get<T>(
    path: string,
    validate: (body: unknown, res: Response) => T,
    options: CallOptions = {},
    cache: boolean,
    onData?: (data: T, ticket: number) => void,
  ): Promise<T> {
    const key = `GET ${path}`;
    const hit = cache && !options.fresh ? store.read<T>(key, staleAfterMs) : undefined;
    if (hit) return Promise.resolve(hit);
    return store.share(
      key,
      !!options.fresh,
      async (signal) => {
        const ticket = store.ticket();
        const generation = store.generation;
        const data = await send(http, { method: 'GET', path, validate }, signal);
        if (generation === store.generation) {
          onData?.(data, ticket);
          if (cache) store.write(key, data);
        }
        return data;
      },
      options.signal,
    );
  }

  const resolvePage = (page: AppointmentPage): AppointmentPage => ({ ...page, items: page.items.map((a) => store.newest(a)) });

  const loadAppointment = (subjectId: string, appointmentId: string, options: CallOptions | undefined, force: boolean) =>
    get(`/v1/subjects/${enc(subjectId)}/appointments/${enc(appointmentId)}`, withAppointmentEtag, options, false, (a, t) => store.put(a, t, force)).then(
      (a) => store.newest(a),
    );

  // Each page's ETag, kept with the page so a watcher's first poll is already conditional.
  const pageEtags = new WeakMap<AppointmentPage, string>();
  const pageWithEtag = (body: unknown, res: Response) => {
    const page = asAppointmentPage(body);
    const etag = res.headers.get('etag');
    if (etag) pageEtags.set(page, etag);
    return page;
  };

  // Lists that differ only in page size share one request (appointments.ts).
  const pages = createAppointmentPages({
    store,
    staleAfterMs,
    subject: () => subject,
    getPage: (path, options) =>
      get(path, pageWithEtag, options, true, (page, t) => {
        page.items.forEach((a) => store.put(a, t));
        store.setTag(listTagKey(path), { value: page, etag: pageEtags.get(page) ?? null });
      }),
  });

  // Lists kept fresh by conditional polling while something watches them (appointment-watch.ts).
  const watching = createAppointmentWatch({ http, store, subject: () => subject, poll: config.poll, env: browserEnv });

  const cancelling = createCancelling({
    http,
    store,
    refetch: (subjectId, appointmentId, options, force) => loadAppointment(subjectId, appointmentId, options, force),
  });

  const messaging = lazyMessaging(messagingSource, { http, store, emit, subject: () => subject, poll: config.poll });

  // Session state: forward changes once, wipe on a change of person, warn before expiry.
  let last = auth.state();
  let signingOut = false;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const wipe = () => {
    store.clear();
    messaging.wiped();
    emit('cleared', {});
  };

  const scheduleExpiry = (s: AuthState) => {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
    const { expiresAt } = s;
    if (s.status !== 'signed-in' || expiresAt === undefined || expiresAt <= Date.now()) return;
    const check = () => {
      const wait = expiresAt - warnMs - Date.now();
      // Already inside the warning window: still warn on a later tick, so listeners that
      // subscribe right after createClient() hear it.
      expiryTimer = wait > 0 ? setTimeout(check, Math.min(wait, MAX_TIMEOUT)) : setTimeout(() => emit('session-expiring', { expiresAt }), 0);
    };
    check();
  };

  const authChanged = (s: AuthState) => {
    const prev = last;
    last = s;
    if (sameState(prev, s)) return;
    if (!signingOut && prev.user && prev.user.sub !== s.user?.sub) wipe();
    messaging.authChanged(s);
    watching.authChanged(s.status === 'signed-in');
    // An expiry shows as `reason: 'expired'` here; `auth-required` is for calls that need sign-in.
    emit('auth-changed', s);
    scheduleExpiry(s);
  };
  auth.onChange(authChanged);
  scheduleExpiry(last);

  return {
    auth,
    baseUrl,
    getSubject: () => subject,
    setSubject(subjectId) {
      if (subjectId === subject) return;
      subject = subjectId;
      emit('subject-changed', { subjectId });
    },

    me: (options) => get('/v1/me', asMe, options, true),

    listAppointments: (query, options) => pages.list(query, options).then(resolvePage),

    watchAppointments: watching.watchAppointments,

    getAppointment: (subjectId, appointmentId, options) => loadAppointment(subjectId, appointmentId, options, false),

    cancelAppointment: cancelling.cancelAppointment,
    cancelIntent: cancelling.cancelIntent,

    listServices: (subjectId, options) => get(`/v1/subjects/${enc(subjectId ?? subject)}/services`, asServiceList, options, true),

    // Imported on first use: a page that never shows the access log never loads it (access-log.ts).
    getAccessLog: (subjectId, query, options) =>
      import('./access-log.js').then(
        (m) => m.getAccessLog({ get, subject: () => subject }, subjectId, query, options),
        (cause: unknown) => {
          throw new OmsorgError('network', 'The access-log part of the client could not be loaded', { cause });
        },
      ),

    listMessageRecipients: messaging.listMessageRecipients,
    getDialogueConsent: messaging.getDialogueConsent,
    setDialogueConsent: messaging.setDialogueConsent,
    listRelativesAccess: messaging.listRelativesAccess,
    lookUpPerson: messaging.lookUpPerson,
    grantRelativeAccess: messaging.grantRelativeAccess,
    revokeRelativeAccess: messaging.revokeRelativeAccess,
    getNoticePreferences: messaging.getNoticePreferences,
    setNoticePreferences: messaging.setNoticePreferences,
    listThreads: messaging.listThreads,
    getThread: messaging.getThread,
    markThreadSeen: messaging.markThreadSeen,
    getDraft: messaging.getDraft,
    saveDraft: messaging.saveDraft,
    deleteDraft: messaging.deleteDraft,
    uploadAttachment: messaging.uploadAttachment,
    downloadAttachment: messaging.downloadAttachment,
    queueMessage: messaging.queueMessage,
    outbox: messaging.outbox,
    retryOutbox: messaging.retryOutbox,
    discardOutbox: messaging.discardOutbox,
    watchThreads: messaging.watchThreads,
    watchThread: messaging.watchThread,
    unreadCount: messaging.unreadCount,
    watchUnread: messaging.watchUnread,

    cachedAppointment: (id) => store.appointment(id),
    newIdempotencyKey: () => newIdempotencyKey(),

    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      const l = listener as (detail: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },

    async signOut() {
      // Wipe first: an OIDC sign-out redirects away and may never resolve.
      signingOut = true;
      clearTimeout(expiryTimer);
      messaging.clearOutbox();
      wipe();
      try {
        await auth.signOut();
      } finally {
        authChanged(auth.state());
        signingOut = false;
      }
    },
  };
}
