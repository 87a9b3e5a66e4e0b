/**
 * Secure messages: the reading side (threads.ts: reads, pollers, "seen", drafts) and the writing
 * side (outbox.ts: the send queue, uploads, their Idempotency-Keys and retries), joined here.
 * Both need the page's visibility and network only while something watches or waits.
 */
import type { AuthState, Client, ClientEventName, ClientEvents, PollOptions } from './types.js';
import type { HttpContext } from './http.js';
import { createOutbox } from './outbox.js';
import { browserEnv, type PollEnv } from './poll.js';
import type { Store } from './store.js';
import { createThreads } from './threads.js';
import { createConsent } from './consent.js';
import { createRelatives } from './relatives.js';
import { createNotices } from './notices.js';

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
  | 'watchThreads' | 'watchThread' | 'unreadCount' | 'watchUnread' | 'getDialogueConsent' | 'setDialogueConsent'
  | 'listRelativesAccess' | 'lookUpPerson' | 'grantRelativeAccess' | 'revokeRelativeAccess'
  | 'getNoticePreferences' | 'setNoticePreferences'
>;

export interface Messaging extends MessagingApi {
  /** Sign-out or another person: the store was wiped; stop polling (watchers stay, idle). */
  wiped(): void;
  /** Drops every queued message (sign-out, another person). */
  clearOutbox(): void;
  authChanged(state: AuthState): void;
}

export function createMessaging(deps: MessagingDeps): Messaging {
  const env = deps.env ?? browserEnv;

  let unlisten: (() => void) | undefined;
  /** Listens to the page only while something needs it (a watcher or a message to resend). */
  function syncEnv() {
    const needed = threads.watching() || outbox.waiting();
    if (needed && !unlisten) unlisten = env.listen(wake);
    else if (!needed && unlisten) {
      unlisten();
      unlisten = undefined;
    }
  }

  function wake(why: 'visible' | 'online') {
    threads.pokeAll();
    if (why === 'online') outbox.online();
  }

  const threads = createThreads({ ...deps, hidden: () => env.hidden(), watchersChanged: syncEnv });
  const consent = createConsent(deps);
  const relatives = createRelatives(deps);
  const notices = createNotices(deps);
  const outbox = createOutbox({ http: deps.http, emit: deps.emit, sent: (o, result) => threads.sent(o, result), waitingChanged: syncEnv });

  return {
    listMessageRecipients: threads.listMessageRecipients,
    listThreads: threads.listThreads,
    getThread: threads.getThread,
    markThreadSeen: threads.markThreadSeen,
    getDraft: threads.getDraft,
    saveDraft: threads.saveDraft,
    deleteDraft: threads.deleteDraft,
    downloadAttachment: threads.downloadAttachment,
    watchThreads: threads.watchThreads,
    watchThread: threads.watchThread,
    unreadCount: threads.unreadCount,
    watchUnread: threads.watchUnread,

    getDialogueConsent: consent.getDialogueConsent,
    setDialogueConsent: consent.setDialogueConsent,

    listRelativesAccess: relatives.listRelativesAccess,
    lookUpPerson: relatives.lookUpPerson,
    grantRelativeAccess: relatives.grantRelativeAccess,
    revokeRelativeAccess: relatives.revokeRelativeAccess,

    getNoticePreferences: notices.getNoticePreferences,
    setNoticePreferences: notices.setNoticePreferences,

    uploadAttachment: outbox.uploadAttachment,
    queueMessage: outbox.queueMessage,
    outbox: outbox.outbox,
    retryOutbox: outbox.retryOutbox,
    discardOutbox: outbox.discardOutbox,

    wiped: () => {
      threads.stopAll();
      consent.forget();
      notices.forget();
    },
    clearOutbox: () => outbox.clear(),

    authChanged(s) {
      if (s.status === 'signed-in') {
        outbox.authChanged(s);
        threads.startAll();
        return;
      }
      threads.stopAll();
      outbox.authChanged(s);
    },
  };
}
