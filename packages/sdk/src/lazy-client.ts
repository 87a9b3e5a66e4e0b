/**
 * createLazyClient(): the same client as createClient(), but its messaging part (threads, the
 * send queue, pollers, drafts, uploads: about a fifth of the SDK) is imported with import() the
 * first time a messaging method is called. Bundlers split it into a chunk of its own, so a page
 * with only appointments and services never downloads it. The CDN loader (omsorg.js) uses this.
 *
 * What differs while the chunk is still loading (see messaging-facade.ts): `outbox()` is empty,
 * `unreadCount()` undefined, `retryOutbox`/`discardOutbox` find nothing, watchers start once it
 * is in, and `queueMessage` throws (a message is only ever written in an element that has
 * already loaded threads through the client).
 */
import type { Client, ClientConfig } from './types.js';
import { createClientWith } from './client-core.js';

export function createLazyClient(config: ClientConfig): Client {
  return createClientWith(config, { load: () => import('./messages.js').then((m) => m.createMessaging) });
}
