import { createContext, ContextProvider, ContextRoot } from '@lit/context';
import type { Client } from '@omsorg/sdk';

/**
 * The one SDK client every element on the page shares. The key is a global symbol so that two
 * copies of the bundle on one page find the same provider.
 */
export const clientContext = createContext<Client | undefined>(Symbol.for('omsorg.client'));

const rootKey = Symbol.for('omsorg.context-root');
const providerKey = Symbol.for('omsorg.client-provider');
type Holder = { [rootKey]?: ContextRoot; [providerKey]?: ContextProvider<typeof clientContext> };

/**
 * Attaches one ContextRoot to `host` (default <html>). An element asks for the client as soon as
 * it is upgraded; if no provider exists yet, the root keeps the request and replays it when a
 * provider announces itself. `defineElement` calls this before the first registration, so no
 * early request is lost. The global key makes two copies of the bundle share one root.
 */
export function ensureContextRoot(host: HTMLElement | undefined = globalThis.document?.documentElement): void {
  if (!host) return;
  const holder = host as HTMLElement & Holder;
  if (holder[rootKey]) return;
  const root = new ContextRoot();
  root.attach(host);
  holder[rootKey] = root;
}

/**
 * Provides `client` to every omsorg element in `host` (default: the whole document), also to
 * elements that were added before this call. Calling it again replaces the client everywhere.
 */
export function provideClient(client: Client, host: HTMLElement = document.documentElement): void {
  ensureContextRoot(host);
  const holder = host as HTMLElement & Holder;
  const existing = holder[providerKey];
  if (existing) {
    existing.setValue(client);
    return;
  }
  const provider = new ContextProvider(host, { context: clientContext, initialValue: client });
  holder[providerKey] = provider;
  // A ContextProvider announces itself (so the root replays early requests) from
  // hostConnected(), which only Lit hosts call; <html> is not one, so announce it here.
  provider.hostConnected();
}

/** The client provided on the document, if any (used by the one-script-tag bundle). */
export function providedClient(host: HTMLElement = document.documentElement): Client | undefined {
  return (host as HTMLElement & Holder)[providerKey]?.value;
}
