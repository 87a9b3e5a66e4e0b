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
 * Provides `client` to every omsorg element in `host` (default: the whole document), also to
 * elements that were added before this call: a ContextRoot replays their early requests.
 * Calling it again replaces the client everywhere.
 */
export function provideClient(client: Client, host: HTMLElement = document.documentElement): void {
  const holder = host as HTMLElement & Holder;
  if (!holder[rootKey]) {
    const root = new ContextRoot();
    root.attach(host);
    holder[rootKey] = root;
  }
  const existing = holder[providerKey];
  if (existing) {
    existing.setValue(client);
    return;
  }
  holder[providerKey] = new ContextProvider(host, { context: clientContext, initialValue: client });
}

/** The client provided on the document, if any (used by the one-script-tag bundle). */
export function providedClient(host: HTMLElement = document.documentElement): Client | undefined {
  return (host as HTMLElement & Holder)[providerKey]?.value;
}
