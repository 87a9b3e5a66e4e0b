/**
 * Secure messages, the reading side: typed calls, conditional reads shared with the pollers,
 * "seen", drafts and downloads. The thread list and threads are kept in the store with their
 * ETags; every newer copy (a poll, a read, a send, a "seen") is announced once through the
 * client's events and to the watchers of that resource.
 */
import { messageLimits } from '@omsorg/contract';
import type { Message, Thread, ThreadDetail, ThreadPage } from '@omsorg/contract';
import type { CallOptions, Client, ClientEventName, ClientEvents, Outgoing, PollOptions } from './types.js';
import { OmsorgError, isOmsorgError } from './errors.js';
import { send, type HttpContext } from './http.js';
import { DEFAULT_POLL, Poller } from './poll.js';
import type { Store, Tagged } from './store.js';
import { withEtag } from './validate.js';
import { asDraft, asRecipientList, asSeenState, asThreadDetail, asThreadPage } from './validate-messages.js';

const enc = encodeURIComponent;
export const threadsPath = (s: string) => `/v1/subjects/${enc(s)}/threads`;
export const threadPath = (s: string, t: string) => `${threadsPath(s)}/${enc(t)}`;
export const threadDetail = withEtag(asThreadDetail);
const draftValidator = withEtag(asDraft);

const excerpt = (text: string) => [...text].slice(0, messageLimits.excerptMaxChars).join('');

export interface ThreadsDeps {
  http: HttpContext;
  store: Store;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
  subject(): string;
  poll?: PollOptions;
  /** Whether the tab is hidden (a hidden tab does not poll). */
  hidden(): boolean;
  /** The set of watchers went from none to some or back: listen to the page or stop. */
  watchersChanged(): void;
}

export type ThreadsApi = Pick<
  Client,
  | 'listMessageRecipients' | 'listThreads' | 'getThread' | 'markThreadSeen' | 'getDraft' | 'saveDraft' | 'deleteDraft'
  | 'downloadAttachment' | 'watchThreads' | 'watchThread' | 'unreadCount' | 'watchUnread'
>;

export interface Threads extends ThreadsApi {
  /** Whether anything watches a resource (the page's visibility and network then matter). */
  watching(): boolean;
  /** Polls every watched resource now (the tab came back, the network came back). */
  pokeAll(): void;
  /** Stops every poller (sign-out, expiry); watchers stay, idle. */
  stopAll(): void;
  /** Starts every poller again (signed in). */
  startAll(): void;
  /**
   * The local update after the outbox stored a message: the stored thread and list show it at
   * once (announced like any newer copy), and their pollers are asked for the server's version.
   */
  sent(outgoing: Outgoing, result: Message | ThreadDetail): void;
}

interface Watch {
  poller: Poller;
  listeners: Set<(value: never) => void>;
}

export function createThreads(deps: ThreadsDeps): Threads {
  const { http, store, emit } = deps;
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
        if (generation === store.generation && changed) onChange(next.value, next.etag);
        return { value: changed || !prev ? next.value : prev.value, changed: !!changed };
      },
      signal,
    );
  }

  const loadThreads = (subjectId: string, signal?: AbortSignal) =>
    conditional<ThreadPage>(threadsKey(subjectId), threadsPath(subjectId), asThreadPage, signal, (page, etag) =>
      threadsChanged(subjectId, page, etag),
    );

  const loadThread = (subjectId: string, threadId: string, signal?: AbortSignal) =>
    conditional<ThreadDetail>(threadKey(subjectId, threadId), threadPath(subjectId, threadId), threadDetail, signal, (t, etag) =>
      threadChanged(subjectId, t, etag),
    );

  // ---- pollers -----------------------------------------------------------------------------

  function watch<T>(key: string, run: (signal: AbortSignal) => Promise<boolean>, listener: (value: T) => void): () => void {
    let w = watches.get(key);
    if (!w) {
      w = { poller: new Poller(run, pollOptions, () => signedIn() && !deps.hidden()), listeners: new Set() };
      watches.set(key, w);
      deps.watchersChanged();
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
        deps.watchersChanged();
      }
    };
  }

  const watchThreads = (subjectId: string | undefined, listener: (page: ThreadPage) => void) => {
    const s = subjectId ?? deps.subject();
    return watch(threadsKey(s), (signal) => loadThreads(s, signal).then((r) => r.changed), listener);
  };

  const poke = (key: string) => watches.get(key)?.poller.poke();

  // ---- local updates after a send ------------------------------------------------------------

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

  // ---- the calls ---------------------------------------------------------------------------

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

    watchThreads,

    watchThread: (subjectId, threadId, listener) =>
      watch(threadKey(subjectId, threadId), (signal) => loadThread(subjectId, threadId, signal).then((r) => r.changed), listener),

    unreadCount: (subjectId) => store.unread.get(subjectId ?? deps.subject()),

    watchUnread: (subjectId) => watchThreads(subjectId, () => {}),

    watching: () => watches.size > 0,
    pokeAll() {
      for (const w of watches.values()) w.poller.poke();
    },
    stopAll() {
      for (const w of watches.values()) w.poller.stop();
    },
    startAll() {
      for (const w of watches.values()) w.poller.start();
    },

    sent(outgoing, result) {
      if (outgoing.kind === 'reply') sentReply(outgoing.subjectId, result as Message);
      else sentThread(outgoing.subjectId, result as ThreadDetail);
    },
  };
}
