/**
 * The client's messaging part, made at once or loaded on first use. With `create` (createClient)
 * it is created with the client, exactly as before. With `load` (createLazyClient) it is a
 * facade with the same methods that imports the messaging module (threads.ts, outbox.ts,
 * poll.ts) the first time one of them is called, and passes every call on once it is in:
 *  - calls that return a promise wait for it (a failed import rejects with a retryable
 *    `network` OmsorgError, and the next call tries again);
 *  - watchers (`watchThreads`, `watchThread`, `watchUnread`) start when it is in, unless
 *    stopped before; the stop function works either way;
 *  - what can only be known once something was loaded answers from nothing: `outbox()` is empty,
 *    `unreadCount()` undefined, `retryOutbox`/`discardOutbox` find no item;
 *  - `queueMessage` (synchronous, returns the queued item) throws while it is still loading;
 *  - sign-out, wipes and auth changes before it is in have nothing to stop or clear.
 * This module only imports types from messages.ts, so it does not pull messaging in.
 */
import { OmsorgError } from './errors.js';
import type { Messaging, MessagingDeps } from './messages.js';

export type MessagingFactory = (deps: MessagingDeps) => Messaging;

export type MessagingSource = { create: MessagingFactory } | { load: () => Promise<MessagingFactory> };

export function lazyMessaging(source: MessagingSource, deps: MessagingDeps): Messaging {
  if ('create' in source) return source.create(deps);

  let real: Messaging | undefined;
  let loading: Promise<Messaging> | undefined;
  const ready = (): Promise<Messaging> => {
    if (real) return Promise.resolve(real);
    return (loading ??= source.load().then(
      (create) => (real ??= create(deps)),
      (cause: unknown) => {
        loading = undefined;
        throw new OmsorgError('network', 'The messaging part of the client could not be loaded', { cause });
      },
    ));
  };

  /** A method that returns a promise: waits for the module, then calls it. */
  const later =
    <K extends keyof Messaging>(name: K) =>
    (...args: unknown[]) =>
      ready().then((m) => (m[name] as (...a: unknown[]) => unknown)(...args));

  /** A watcher: started once the module is in (unless stopped before); returns its stop function. */
  const watch =
    <K extends 'watchThreads' | 'watchThread' | 'watchUnread'>(name: K) =>
    (...args: unknown[]): (() => void) => {
      const call = (m: Messaging) => (m[name] as (...a: unknown[]) => () => void)(...args);
      if (real) return call(real);
      let stop: (() => void) | undefined;
      let stopped = false;
      ready().then(
        (m) => {
          if (!stopped) stop = call(m);
        },
        // The watcher stays idle; the next messaging call tries the import again.
        () => undefined,
      );
      return () => {
        stopped = true;
        stop?.();
      };
    };

  return {
    listMessageRecipients: later('listMessageRecipients') as Messaging['listMessageRecipients'],
    listThreads: later('listThreads') as Messaging['listThreads'],
    getThread: later('getThread') as Messaging['getThread'],
    markThreadSeen: later('markThreadSeen') as Messaging['markThreadSeen'],
    getDraft: later('getDraft') as Messaging['getDraft'],
    saveDraft: later('saveDraft') as Messaging['saveDraft'],
    deleteDraft: later('deleteDraft') as Messaging['deleteDraft'],
    uploadAttachment: later('uploadAttachment') as Messaging['uploadAttachment'],
    downloadAttachment: later('downloadAttachment') as Messaging['downloadAttachment'],
    getDialogueConsent: later('getDialogueConsent') as Messaging['getDialogueConsent'],
    setDialogueConsent: later('setDialogueConsent') as Messaging['setDialogueConsent'],
    listRelativesAccess: later('listRelativesAccess') as Messaging['listRelativesAccess'],
    lookUpPerson: later('lookUpPerson') as Messaging['lookUpPerson'],
    grantRelativeAccess: later('grantRelativeAccess') as Messaging['grantRelativeAccess'],
    revokeRelativeAccess: later('revokeRelativeAccess') as Messaging['revokeRelativeAccess'],
    getNoticePreferences: later('getNoticePreferences') as Messaging['getNoticePreferences'],
    setNoticePreferences: later('setNoticePreferences') as Messaging['setNoticePreferences'],
    watchThreads: watch('watchThreads') as Messaging['watchThreads'],
    watchThread: watch('watchThread') as Messaging['watchThread'],
    watchUnread: watch('watchUnread') as Messaging['watchUnread'],
    unreadCount: (subjectId) => real?.unreadCount(subjectId),
    outbox: (filter) => real?.outbox(filter) ?? [],
    retryOutbox: (id) => real?.retryOutbox(id),
    discardOutbox: (id) => real?.discardOutbox(id),
    queueMessage(outgoing) {
      if (!real) {
        void ready().catch(() => undefined);
        throw new OmsorgError('network', 'The messaging part of the client is still loading', { retryable: true });
      }
      return real.queueMessage(outgoing);
    },
    wiped: () => real?.wiped(),
    clearOutbox: () => real?.clearOutbox(),
    authChanged: (s) => real?.authChanged(s),
  };
}
