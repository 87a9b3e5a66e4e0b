/**
 * Secure messages, the writing side: the send queue and uploads. Each message and each upload
 * is one intent with one Idempotency-Key, made here and reused on every retry, so it is stored
 * once. A stored message is handed to `sent` (the threads' local update) before the item is
 * announced as sent, so whoever hears "sent" finds it in the store.
 */
import { encodeFilename, normaliseText, sniffAttachmentType } from '@omsorg/contract';
import type { Message, NewMessage, NewThread, ThreadDetail } from '@omsorg/contract';
import type { AuthState, Client, ClientEventName, ClientEvents, OutboxItem, Outgoing } from './types.js';
import { OmsorgError, isOmsorgError, isRetryable } from './errors.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { threadDetail, threadPath, threadsPath } from './threads.js';
import { asAttachment, asMessage } from './validate-messages.js';

const enc = encodeURIComponent;
/** The longest wait between automatic resends of a queued message. */
const OUTBOX_MAX_DELAY_MS = 5 * 60_000;

export interface OutboxDeps {
  http: HttpContext;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
  /** The local update after a message was stored. */
  sent(outgoing: Outgoing, result: Message | ThreadDetail): void;
  /** Whether a message waits for a resend changed: listen to the page (online) or stop. */
  waitingChanged(): void;
}

export type OutboxApi = Pick<Client, 'uploadAttachment' | 'queueMessage' | 'outbox' | 'retryOutbox' | 'discardOutbox'>;

export interface Outbox extends OutboxApi {
  /** Whether a message is not sent (a resend may follow when the network comes back). */
  waiting(): boolean;
  /** The network came back: resend the messages that wait for a retry, now. */
  online(): void;
  /** Drops every queued message (sign-out, another person). */
  clear(): void;
  authChanged(state: AuthState): void;
}

interface Entry {
  item: OutboxItem;
  /** Who queued it: never sent in another person's session. */
  owner: string | undefined;
  timer?: ReturnType<typeof setTimeout>;
  controller?: AbortController;
  waitingForSignIn: boolean;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { http, emit } = deps;
  const entries = new Map<string, Entry>();
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
    deps.waitingChanged();
    try {
      const result = await deliver(outgoing, id, ctl.signal);
      if (entries.get(id) !== e) return; // cleared meanwhile
      e.controller = undefined;
      // The store first: whoever hears "sent" finds the message there and patches nothing.
      deps.sent(outgoing, result);
      set(e, { id, outgoing, createdAt, status: 'sent', attempts, result });
    } catch (err) {
      if (entries.get(id) !== e) return;
      e.controller = undefined;
      const error = isOmsorgError(err) ? err : new OmsorgError('network', 'The message could not be sent', { cause: err, retryable: true });
      if (error.kind === 'auth') {
        // Sent again as soon as the same person is signed in again.
        e.waitingForSignIn = true;
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error });
      } else if (isRetryable(error)) {
        // Worth resending by itself: no answer, or the server was busy or failed for now.
        const delay = resendDelay(attempts, error);
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error, nextRetryAt: Date.now() + delay });
        e.timer = setTimeout(() => void attempt(e), delay);
      } else {
        set(e, { id, outgoing, createdAt, status: 'not-sent', attempts, error });
      }
    }
    deps.waitingChanged();
  }

  /** Resends waiting messages one after another, in the order they were written. */
  async function resendInOrder(list: Entry[]) {
    for (const e of list) await attempt(e);
  }

  function clear() {
    for (const e of entries.values()) {
      clearTimeout(e.timer);
      e.controller?.abort();
    }
    entries.clear();
    deps.waitingChanged();
  }

  return {
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

    queueMessage(outgoing) {
      const id = newIdempotencyKey();
      const e: Entry = {
        item: { id, outgoing, status: 'not-sent', attempts: 0, createdAt: Date.now() },
        owner: http.auth.state().user?.sub ?? lastSub,
        waitingForSignIn: false,
      };
      entries.set(id, e);
      void attempt(e);
      return e.item;
    },

    outbox(filter = {}) {
      return [...entries.values()]
        .map((e) => e.item)
        .filter((i) => {
          const o = i.outgoing;
          if (filter.subjectId !== undefined && o.subjectId !== filter.subjectId) return false;
          if (filter.threadId === undefined) return true;
          return filter.threadId === null ? o.kind === 'thread' : o.kind === 'reply' && o.threadId === filter.threadId;
        });
    },

    retryOutbox(id) {
      const e = entries.get(id);
      if (e?.item.status === 'not-sent') void attempt(e);
    },

    discardOutbox(id) {
      const e = entries.get(id);
      if (e?.item.status !== 'not-sent') return undefined;
      clearTimeout(e.timer);
      entries.delete(id);
      deps.waitingChanged();
      // The item as it was; listeners re-read outbox(), where it is gone.
      emit('outbox-changed', { item: e.item });
      return e.item.outgoing;
    },

    waiting: () => [...entries.values()].some((e) => e.item.status === 'not-sent'),

    online() {
      void resendInOrder([...entries.values()].filter((e) => e.item.nextRetryAt !== undefined));
    },

    clear,

    authChanged(s) {
      if (s.status === 'signed-in') {
        const sub = s.user?.sub;
        lastSub = sub;
        for (const [id, e] of entries) {
          if (e.owner === undefined) e.owner = sub;
          if (e.owner !== sub) {
            // Another person: their session must never send the first person's words.
            clearTimeout(e.timer);
            e.controller?.abort();
            entries.delete(id);
          }
        }
        void resendInOrder([...entries.values()].filter((e) => e.waitingForSignIn));
        deps.waitingChanged();
        return;
      }
      // An expired session keeps the queue for the same person's next sign-in; a sign-out does not.
      if (s.status === 'signed-out' && s.reason !== 'expired') {
        clear();
        lastSub = undefined;
      }
    },
  };
}
