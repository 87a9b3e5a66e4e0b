/**
 * createClient(): the SDK client with everything in it, messaging included (threads, the send
 * queue, pollers, drafts, uploads). For a page that may never show messages, createLazyClient()
 * (lazy-client.ts) gives the same client with messaging loaded on first use.
 */
import type { Client, ClientConfig } from './types.js';
import { createClientWith } from './client-core.js';
import { createMessaging } from './messages.js';

export function createClient(config: ClientConfig): Client {
  return createClientWith(config, { create: createMessaging });
}
