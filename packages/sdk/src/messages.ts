/**
 * Secure messages: typed calls, conditional reads shared with the pollers, and the send queue.
 * The thread list and threads are kept in the store with their ETags; every newer copy (a poll,
 * a read, a send, a "seen") is announced once through the client's events.
 */
import { encodeFilename, messageLimits, normaliseText, sniffAttachmentType } from '@omsorg/contract';
import type { Message, NewMessage, NewThread, Thread, ThreadDetail, ThreadPage } from '@omsorg/contract';
import type { AuthState, CallOptions, Client, ClientEventName, ClientEvents, OutboxItem, Outgoing, PollOptions } from './types.js';
import { OmsorgError, isOmsorgError } from './errors.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { DEFAULT_POLL, Poller, browserEnv, type PollEnv } from './poll.js';
import type { Store, Tagged } from './store.js';
import {
  asAttachment, asDraft, asMessage, asRecipientList, asSeenState, asThreadDetail, asThreadPage, withEtag,
} from './validate.js';

const enc = encodeURIComponent;
const threadsPath = (s: string) => `/v1/subjects/${enc(s)}/threads`;
const threadPath = (s: string, t: string) => `${threadsPath(s)}/${enc(t)}`;
const threadDetail = withEtag(asThreadDetail);
const draftValidator = withEtag(asDraft);
/** The longest wait between automatic resends of a queued message. */
const OUTBOX_MAX_DELAY_MS = 5 * 60_000;

const excerpt = (text: string) => [...text].slice(0, messageLimits.excerptMaxChars).join('');

/** Worth resending by itself: no answer, or the server was busy or failed. */
const resendable = (e: OmsorgError) =>
  e.kind === 'network' || (e.kind === 'http' && (e.status === 408 || e.status === 429 || (e.status ?? 0) >= 500));

export interface MessagingDeps {
  http: HttpContext;
  store: Store;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
  subject(): string;
  poll?: PollOptions;
  env?: PollEnv;
}

type MessagingApi = Pick<
  Client,
  | 'listMessageRecipients' | 'listThreads' | 'getThread' | 'markThreadSeen' | 'getDraft' | 'saveDraft' | 'deleteDraft'
  | 'uploadAttachment' | 'downloadAttachment' | 'queueMessage' | 'outbox' | 'retryOutbox' | 'discardOutbox'
  | 'watchThreads' | 'watchThread' | 'unreadCount' | 'watchUnread'
>;

export interface Messaging extends MessagingApi {
  /** Sign-out or another person: the store was wiped; stop polling (watchers stay, idle). */
  wiped(): void;
  /** Drops every queued message (sign-out, another person). */
  clearOutbox(): void;
  authChanged(state: AuthState): void;
}

interface Watch {
  poller: Poller;
  listeners: Set<(value: never) => void>;
}

interface Entry {
  item: OutboxItem;
  /** Who queued it: never sent in another person's session. */
  owner: string | undefined;
  timer?: ReturnType<typeof setTimeout>;
  controller?: AbortController;
  waitingForSignIn: boolean;
}

export function createMessaging(deps: MessagingDeps): Messaging {
  const { http, store, emit } = deps;
  const env = deps.env ?? browserEnv;
  const pollOptions = { ...DEFAULT_POLL, ...deps.poll };
  const signedIn = () => http.auth.state().status === 'signed-in';

  // ---- conditional reads -------------------------------------------------------------------

  const watches = new Map<string, Watch>();
  const threadsKey = (s: string) => `GET ${threadsPath(s)}`;
  const threadKey = (s: string, t: string) => `GET ${threadPath(s, t)}`;

  function notify<T>(key: string, value: T) {
    for (const l of [...(watches.get(key)?.listeners ?? [])]) {
      try {
        (l as (v: T) => void)(value);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  const setUnread = (subjectId: string, count: number) => {
    if (store.unread.get(subjectId) === count) return;
    store.unread.set(subjectId, count);
    emit('unread-changed', { subjectId, count });
  };

  /** Stores a newer thread list (of the canonical first page) and tells everyone once. */
  function threadsChanged(subjectId: string, page: ThreadPage, etag: string | null) {
    store.setTag(threadsKey(subjectId), { value: page, etag });
    setUnread(subjectId, page.unreadCount);
    emit('threads-changed', { subjectId, page });
    notify(threadsKey(subjectId), page);
  }

  function threadChanged(subjectId: string, thread: ThreadDetail, etag: string | null) {
    store.setTag(threadKey(subjectId, thread.id), { value: thread, etag });
    emit('thread-changed', { thread });
    notify(threadKey(subjectId, thread.id), thread);
  }

  /**
   * A GET with If-None-Match from the stored copy, shared with every identical read in flight.
   * `changed` is false for a 304 or an answer with the same ETag (or, without one, the same body).
   */
  function conditional<T>(
    key: string,
    path: string,
    validate: (body: unknown, res: Response) => T,
    signal: AbortSignal | undefined,
    onChange: (value: T, etag: string | null) => void,
    onAnswer?: (value: T) => void,
  ): Promise<{ value: T; changed: boolean }> {
    return store.share(
      key,
      false,
      async (sig) => {
        const generation = store.generation;
        const prev = store.tag<T>(key);
        const next: Tagged<T> = await send(
          http,
          {
            method: 'GET',
            path,
            validate: (body, res) => ({ value: validate(body, res), etag: res.headers.get('etag') }),
            conditional: prev?.etag ? { etag: prev.etag, value: prev } : undefined,
          },
          sig,
        );
        const changed =
          next !== prev &&
          (!prev || (next.etag && prev.etag ? next.etag !== prev.etag : JSON.stringify(next.value) !== JSON.stringify(prev.value)));
        // Wiped meanwhile (sign-out): the answer belongs to the old session.
        if (generation === store.generation) {
          if (changed) onChange(next.value, next.etag);
          onAnswer?.(next.value);
        }
        return { value: changed || !prev ? next.value : prev.value, changed: !!changed };
      },
      signal,
    );
  }

  const loadThreads = (subjectId: string, signal?: AbortSignal) =>
    conditional<ThreadPage>(
      threadsKey(subjectId),
      threadsPath(subjectId),
      asThreadPage,
      signal,
      (page, etag) => threadsChanged(subjectId, page, etag),
    );

  const loadThread = (subjectId: string, threadId: string, signal?: AbortSignal) =>
    conditional<ThreadDetail>(threadKey(subjectId, threadId), threadPath(subjectId, threadId), threadDetail, signal, (t, etag) =>
      threadChanged(subjectId, t, etag),
    );

  // ---- pollers -----------------------------------------------------------------------------

  let unlisten: (() => void) | undefined;
  /** Listens to the page only while something needs it (a watcher or a message to resend). */
  function syncEnv() {
    const needed = watches.size > 0 || [...outboxEntries.values()].some((e) => e.item.status === 'not-sent');
    if (needed && !unlisten) unlisten = env.listen(wake);
    else if (!needed && unlisten) {
      unlisten();
      unlisten = undefined;
    }
  }

  function wake(why: 'visible' | 'online') {
    for (const w of watches.values()) w.poller.poke();
    if (why === 'online') void resendInOrder([...outboxEntries.values()].filter((e) => e.item.nextRetryAt !== undefined));
  }

  function watch<T>(key: string, run: (signal: AbortSignal) => Promise<boolean>, listener: (value: T) => void): () => void {
    let w = watches.get(key);
    if (!w) {
      w = { poller: new Poller(run, pollOptions, () => signedIn() && !env.hidden()), listeners: new Set() };
      watches.set(key, w);
      syncEnv();
      // An element reads the resource itself when it connects: no second read right after it.
      w.poller.start(store.tag(key) ? pollOptions.minMs : 0);
    }
    const entry = w;
    const l = (v: T) => listener(v);
    entry.listeners.add(l as (value: never) => void);
    return () => {
      entry.listeners.delete(l as (value: never) => void);
      if (entry.listeners.size === 0 && watches.get(key) === entry) {
        entry.poller.stop();
        watches.delete(key);
        syncEnv();
      }
    };
  }

  const watchThreads = (subjectId: string | undefined, listener: (page: ThreadPage) => void) => {
    const s = subjectId ?? deps.subject();
    return watch(threadsKey(s), (signal) => loadThreads(s, signal).then((r) => r.changed), listener);
  };

  const poke = (key: string) => watches.get(key)?.poller.poke();

  // ---- local updates after a send or "seen" --------------------------------------------------

  const summary = (t: ThreadDetail): Thread => {
    const { messages: _, ...rest } = t;
    return rest;
  };

  function sentReply(subjectId: string, m: Message) {
    const dk = threadKey(subjectId, m.threadId);
    const detail = store.tag<ThreadDetail>(dk);
    const last = { sender: m.sender, sentAt: m.sentAt, excerpt: excerpt(m.text) };
    if (detail && !detail.value.messages.some((x) => x.id === m.id)) {
      const t = detail.value;
      threadChanged(
        subjectId,
        { ...t, messages: [...t.messages, m], messageCount: t.messageCount + 1, lastActivityAt: m.sentAt, lastMessage: last },
        detail.etag,
      );
    }
    const list = store.tag<ThreadPage>(threadsKey(subjectId));
    const item = list?.value.items.find((t) => t.id === m.threadId);
    if (list && item && item.lastActivityAt !== m.sentAt) {
      const updated = { ...item, messageCount: item.messageCount + 1, lastActivityAt: m.sentAt, lastMessage: last };
      const items = [updated, ...list.value.items.filter((t) => t !== item)];
      threadsChanged(subjectId, { ...list.value, items }, list.etag);
    }
    poke(dk);
    poke(threadsKey(subjectId));
  }

  function sentThread(subjectId: string, t: ThreadDetail) {
    threadChanged(subjectId, t, `"${t.version}"`);
    const list = store.tag<ThreadPage>(threadsKey(subjectId));
    if (list && !list.value.items.some((x) => x.id === t.id)) {
      threadsChanged(subjectId, { ...list.value, items: [summary(t), ...list.value.items] }, list.etag);
    }
    poke(threadsKey(subjectId));
  }

  // ---- the send queue ------------------------------------------------------------------------

  const outboxEntries = new Map<string, Entry>();
  /** The person of the last session, so a message written as the session ran out stays theirs. */
  let lastSub = http.auth.state().user?.sub;

  function set(e: Entry, item: OutboxItem) {
    e.item = item;
    emit('outbox-changed', { item });
  }

  function deliver(o: Outgoing, key: string, signal: AbortSignal): Promise<Message | ThreadDetail> {
    const text = normaliseText(o.text);
    const ids = o.attachments?.map((a) => a.id) ?? [];
    const headers = { 'Idempotency-Key': key };
    if (o.kind === 'reply') {
      const body: NewMessage = { text, ...(ids.length ? { attachmentIds: ids } : {}) };
      return send(http, { method: 'POST', path: `${threadPath(o.subjectId, o.threadId)}/messages`, body, headers, validate: asMessage }, signal);
    }
    const body: NewThread = { grantedServiceId: o.grantedServiceId, title: o.title.trim(), text, ...(ids.length ? { attachmentIds: ids } : {}) };
    return send(http, { method: 'POST', path: threadsPath(o.subjectId), body, headers, validate: threadDetail }, signal);
  }

  function resendDelay(attempts: number, e: OmsorgError): number {
    const d = Math.min(OUTBOX_MAX_DELAY_MS, http.retry.baseDelayMs * 2 ** Math.min(attempts + 1, 30));
    // Half fixed, half random: never hammering, and tabs that failed together spread out.
    const wait = d / 2 + (Math.random() * d) / 2;
    return Math.max(wait, Math.min(e.retryAfterMs ?? 0, OUTBOX_MAX_DELAY_MS));
  }

  async function attempt(e: Entry) {
    if (e.item.status === 'sending' || e.item.status === 'sent') return;
    clearTimeout(e.timer);
    e.timer = undefined;
    e.waitingForSignIn = false;
    const { id, outgoing, createdAt } = e.item;
    const attempts = e.item.attempts + 1;
    const ctl = (e.controller = new AbortController());
    set(e, { id, outgoing, createdAt, status: 'sending', attempts });
    syncEnv();
    try {
      const result = await deliver(outgoing, id, ctl.signal);
      if (outboxEntries.get(id) !== e) return; // cleared meanwhile
      e.controller = undefined;
      set(e, { id, outgoing, createdAt, status: 'sent', attempts, result });
      if (outgoing.kind === 'reply') sentReply(outgoing.subjectId, result as Message);
      else sentThread(outgoing.subjectId, result as ThreadDetail);
    } catch (err) {
      if (outboxEntries.get(id) !== e) return;
      e.controller = undefined;
      const error = isOmsorgError(err) ? err : new OmsorgError('network', 'The message could not be sent', { cause: err, retryable: true });
      if (error.kind === 'auth') {
        // Sent again as soon as the same person is signed in again.
        e.waitingForSignIn = true;
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error });
      } else if (resendable(error)) {
        const delay = resendDelay(attempts, error);
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error, nextRetryAt: Date.now() + delay });
        e.timer = setTimeout(() => void attempt(e), delay);
      } else {
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error });
      }
    }
    syncEnv();
  }

  /** Resends waiting messages one after another, in the order they were written. */
  async function resendInOrder(entries: Entry[]) {
    for (const e of entries) await attempt(e);
  }

  function clearOutbox() {
    for (const e of outboxEntries.values()) {
      clearTimeout(e.timer);
      e.controller?.abort();
    }
    outboxEntries.clear();
    syncEnv();
  }

  return {
    listMessageRecipients: (subjectId, options) =>
      send(http, { method: 'GET', path: `/v1/subjects/${enc(subjectId ?? deps.subject())}/message-recipients`, validate: asRecipientList }, options?.signal),

    async listThreads(query = {}, options) {
      const s = query.subjectId ?? deps.subject();
      if (query.limit == null && !query.cursor) return (await loadThreads(s, options?.signal)).value;
      // Other pages are read as they are; only the first page is kept and announced.
      const q = new URLSearchParams();
      if (query.limit != null) q.set('limit', String(query.limit));
      if (query.cursor) q.set('cursor', query.cursor);
      const generation = store.generation;
      const page = await send(http, { method: 'GET', path: `${threadsPath(s)}?${q}`, validate: asThreadPage }, options?.signal);
      if (generation === store.generation) setUnread(s, page.unreadCount);
      return page;
    },

    getThread: async (subjectId, threadId, options) => (await loadThread(subjectId, threadId, options?.signal)).value,

    async markThreadSeen(subjectId, threadId, upToMessageId, options: CallOptions = {}) {
      const generation = store.generation;
      const state = await send(
        http,
        { method: 'PUT', path: `${threadPath(subjectId, threadId)}/seen`, body: { upToMessageId }, validate: asSeenState },
        options.signal,
      );
      if (generation !== store.generation) return state;
      setUnread(subjectId, state.totalUnreadCount);
      // Show it at once; the next poll brings the server's new version (and its ETag).
      const list = store.tag<ThreadPage>(threadsKey(subjectId));
      const item = list?.value.items.find((t) => t.id === threadId);
      if (list && (list.value.unreadCount !== state.totalUnreadCount || (item && item.unreadCount !== state.unreadCount))) {
        const items = list.value.items.map((t) => (t === item ? { ...t, unreadCount: state.unreadCount } : t));
        threadsChanged(subjectId, { ...list.value, items, unreadCount: state.totalUnreadCount }, list.etag);
      }
      const detail = store.tag<ThreadDetail>(threadKey(subjectId, threadId));
      if (detail) {
        const upTo = detail.value.messages.findIndex((m) => m.id === upToMessageId);
        const messages = detail.value.messages.map((m, i) => (i <= upTo && m.unread ? { ...m, unread: false } : m));
        if (detail.value.unreadCount !== state.unreadCount || messages.some((m, i) => m !== detail.value.messages[i])) {
          threadChanged(subjectId, { ...detail.value, messages, unreadCount: state.unreadCount }, detail.etag);
        }
      }
      return state;
    },

    async getDraft(subjectId, key, options) {
      try {
        return await send(http, { method: 'GET', path: `/v1/subjects/${enc(subjectId)}/drafts/${enc(key)}`, validate: draftValidator }, options?.signal);
      } catch (e) {
        if (isOmsorgError(e) && e.status === 404) return null;
        throw e;
      }
    },

    saveDraft: (subjectId, key, input, version, options) =>
      send(
        http,
        {
          method: 'PUT',
          path: `/v1/subjects/${enc(subjectId)}/drafts/${enc(key)}`,
          body: input,
          headers: version === null ? { 'If-None-Match': '*' } : { 'If-Match': `"${version}"` },
          validate: draftValidator,
        },
        options?.signal,
      ),

    async deleteDraft(subjectId, key, version, options) {
      try {
        await send(
          http,
          { method: 'DELETE', path: `/v1/subjects/${enc(subjectId)}/drafts/${enc(key)}`, headers: { 'If-Match': `"${version}"` }, validate: () => undefined },
          options?.signal,
        );
      } catch (e) {
        // Already gone (sending deletes the draft): that is what the caller wanted.
        if (!(isOmsorgError(e) && e.status === 404)) throw e;
      }
    },

    async uploadAttachment(subjectId, file, options = {}) {
      // Without a declared type (some pickers give none) name the one the content has; the
      // server checks the content either way.
      let type = file.type;
      if (!type) type = sniffAttachmentType(new Uint8Array(await file.slice(0, 8).arrayBuffer())) ?? 'application/octet-stream';
      const blob = type === file.type ? file : new Blob([file], { type });
      return send(
        http,
        {
          method: 'POST',
          path: `/v1/subjects/${enc(subjectId)}/attachments`,
          blob,
          headers: {
            'Content-Disposition': `attachment; filename*=${encodeFilename(file.name || 'attachment')}`,
            'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey(),
          },
          validate: asAttachment,
        },
        options.signal,
      );
    },

    downloadAttachment: (subjectId, attachmentId, options) =>
      send(
        http,
        {
          method: 'GET',
          path: `/v1/subjects/${enc(subjectId)}/attachments/${enc(attachmentId)}`,
          headers: { Accept: 'application/pdf, image/png, image/jpeg, application/problem+json' },
          read: 'blob',
          validate: (body) => {
            const blob = body as Blob;
            const type = blob.type.split(';')[0]!.trim().toLowerCase();
            if (!['application/pdf', 'image/png', 'image/jpeg'].includes(type)) {
              throw new OmsorgError('invalid-response', 'Not an attachment type', { detail: 'content-type' });
            }
            return blob;
          },
        },
        options?.signal,
      ),

    queueMessage(outgoing) {
      const id = newIdempotencyKey();
      const e: Entry = {
        item: { id, outgoing, status: 'not-sent', attempts: 0, createdAt: Date.now() },
        owner: http.auth.state().user?.sub ?? lastSub,
        waitingForSignIn: false,
      };
      outboxEntries.set(id, e);
      void attempt(e);
      return e.item;
    },

    outbox(filter = {}) {
      return [...outboxEntries.values()]
        .map((e) => e.item)
        .filter((i) => {
          const o = i.outgoing;
          if (filter.subjectId !== undefined && o.subjectId !== filter.subjectId) return false;
          if (filter.threadId === undefined) return true;
          return filter.threadId === null ? o.kind === 'thread' : o.kind === 'reply' && o.threadId === filter.threadId;
        });
    },

    retryOutbox(id) {
      const e = outboxEntries.get(id);
      if (e?.item.status === 'not-sent') void attempt(e);
    },

    discardOutbox(id) {
      const e = outboxEntries.get(id);
      if (e?.item.status !== 'not-sent') return undefined;
      clearTimeout(e.timer);
      outboxEntries.delete(id);
      syncEnv();
      // The item as it was; listeners re-read outbox(), where it is gone.
      emit('outbox-changed', { item: e.item });
      return e.item.outgoing;
    },

    watchThreads,

    watchThread: (subjectId, threadId, listener) =>
      watch(threadKey(subjectId, threadId), (signal) => loadThread(subjectId, threadId, signal).then((r) => r.changed), listener),

    unreadCount: (subjectId) => store.unread.get(subjectId ?? deps.subject()),

    watchUnread: (subjectId) => watchThreads(subjectId, () => {}),

    wiped() {
      for (const w of watches.values()) w.poller.stop();
    },

    clearOutbox,

    authChanged(s) {
      if (s.status === 'signed-in') {
        const sub = s.user?.sub;
        lastSub = sub;
        for (const [id, e] of outboxEntries) {
          if (e.owner === undefined) e.owner = sub;
          if (e.owner !== sub) {
            // Another person: their session must never send the first person's words.
            clearTimeout(e.timer);
            e.controller?.abort();
            outboxEntries.delete(id);
          }
        }
        void resendInOrder([...outboxEntries.values()].filter((e) => e.waitingForSignIn));
        syncEnv();
        for (const w of watches.values()) w.poller.start();
        return;
      }
      for (const w of watches.values()) w.poller.stop();
      // An expired session keeps the queue for the same person's next sign-in; a sign-out does not.
      if (s.status === 'signed-out' && s.reason !== 'expired') {
        clearOutbox();
        lastSub = undefined;
      }
    },
  };
}
