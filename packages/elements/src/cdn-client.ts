/**
 * The loader's client part (a chunk shared with the elements, with the SDK in it): creates the
 * page's ONE SDK client from the loader's configuration, or reuses the one another copy of the
 * bundle already provided (two copies share one session), provides it to every element on the
 * page, restores the session / completes a sign-in callback, and runs `data-watch-unread`.
 * The configuration is read in cdn.ts (omsorg.js), which imports this module.
 *
 * No sign-in code is imported here: the loader hands over each kind's module as `AuthModules`.
 * The BFF's is in this chunk; the browser-only (`oidc`) and `mock` ones are chunks of their own,
 * which the loader preloads beside this one for the kind on its tag, so a page downloads only
 * the sign-in it uses.
 */
import { createLazyClient, type Client, type ClientConfig, type MockAuthOptions, type OidcAuthConfig } from '@omsorg/sdk';
import { provideClient, providedClient } from './internal/context.js';
import { UnreadChangedEvent } from './internal/events.js';

/** What the loader read from its script tag, checked and resolved (see cdn.ts). */
export interface LoaderConfig {
  /** The API base URL; for `bff`, undefined means the BFF's own proxy (`<bff>/api`). */
  baseUrl: string | undefined;
  auth: { kind: 'mock'; options: MockAuthOptions } | { kind: 'oidc'; options: OidcAuthConfig } | { kind: 'bff'; options: { base?: string } };
}

/** The sign-in kinds' modules, each imported (once) by the loader when the page uses it. */
export interface AuthModules {
  bff: () => Promise<typeof import('@omsorg/sdk/auth/bff-auth.js')>;
  oidc: () => Promise<typeof import('@omsorg/sdk/auth/oidc-auth.js')>;
  mock: () => Promise<typeof import('@omsorg/sdk/auth/mock-auth.js')>;
}

const LOG = '[omsorg]';

/**
 * Provides the page's client (creating it from `read()` unless another copy did) and restores
 * the session; `watchUnread`: this copy's tag has data-watch-unread; `modules`: the sign-in
 * kinds, imported on demand.
 */
export function start(read: () => LoaderConfig | undefined, watchUnread: boolean, modules: AuthModules): Client | undefined | Promise<Client | undefined> {
  // Another copy of the bundle (another version, or an npm build) got here first: share its
  // client, and so its session, instead of starting a second sign-in.
  const shared = providedClient();
  if (shared) return begin(shared, watchUnread);
  const config = read();
  if (!config) return undefined;
  const { auth, baseUrl } = config;
  if (!baseUrl && auth.kind !== 'bff') return undefined;
  return clientConfig(auth, baseUrl, modules).then((configure) => {
    // A copy that finished loading first wins (two copies share one session); this copy's
    // sign-in is then not even created.
    const client = providedClient() ?? createLazyClient(configure());
    provideClient(client);
    return begin(client, watchUnread);
  });
}

/**
 * Once the sign-in kind's chunk is in: what creates the client's configuration with that
 * sign-in. The client is `createLazyClient`'s: messaging (threads, send queue, pollers) is its
 * own chunk, loaded by the first messaging call.
 */
function clientConfig(auth: LoaderConfig['auth'], baseUrl: string | undefined, modules: AuthModules): Promise<() => ClientConfig> {
  switch (auth.kind) {
    case 'bff':
      return modules.bff().then(({ createBffAuth }) => () => {
        const bff = createBffAuth(auth.options);
        return { baseUrl: baseUrl ?? bff.apiBaseUrl, auth: bff, fetch: bff.fetch };
      });
    case 'oidc':
      return modules.oidc().then(({ createOidcAuth }) => () => ({ baseUrl: baseUrl!, auth: createOidcAuth(auth.options) }));
    case 'mock':
      return modules.mock().then(({ createMockAuth }) => () => ({ baseUrl: baseUrl!, auth: createMockAuth(auth.options) }));
  }
}

function begin(client: Client, watchUnread: boolean): Client {
  if (watchUnread) watchUnreadCount(client);
  client.auth.init().catch((e: unknown) => console.error(LOG, 'sign-in could not be restored', e));
  return client;
}

/**
 * `data-watch-unread`: the unread count as `omsorg-unread-changed` on document, while someone
 * is signed in, for a host page's own badge with no element on the page.
 *
 * Once per change: an `<omsorg-inbox>` on the page announces the same change itself (its event
 * bubbles and is composed, so it reaches document too). The client's event is handled at the
 * end of the task that brought the change (the inbox announces in that same task, from the
 * same client event or from the page it loaded), and document gets it from here only if no
 * element has already told document that count for that subject.
 */
function watchUnreadCount(client: Client): void {
  let stop: (() => void) | undefined;
  let watching: string | undefined;
  /** The last count document heard of, per subject (from an element or from here). */
  const told = new Map<string, number>();
  const sync = () => {
    const want = client.auth.state().status === 'signed-in' ? client.getSubject() : undefined;
    if (want === watching) return;
    stop?.();
    watching = want;
    if (!want) told.clear();
    stop = want ? client.watchUnread(want) : undefined;
  };
  document.addEventListener(UnreadChangedEvent.eventName, (e) => told.set(e.detail.subjectId, e.detail.count));
  client.on('unread-changed', ({ subjectId, count }) =>
    setTimeout(() => {
      if (told.get(subjectId) !== count) document.dispatchEvent(new UnreadChangedEvent({ subjectId, count }));
    }),
  );
  client.on('cleared', () => told.clear());
  client.on('auth-changed', sync);
  client.on('subject-changed', sync);
  sync();
}
