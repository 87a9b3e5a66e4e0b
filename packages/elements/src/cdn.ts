/**
 * The one-script-tag embed (built to dist/cdn/omsorg.js, an ES module):
 *
 *   <script type="module" src="https://cdn.example/omsorg/0.1.0/omsorg.js" data-omsorg
 *     data-api="https://api.kommune.no/omsorg" data-auth="oidc"
 *     data-authority="https://idporten.no" data-client-id="…"></script>
 *
 * It reads its configuration from its own tag's data-* attributes, creates ONE SDK client (or
 * reuses the one another copy of the bundle already provided, so two copies share one
 * session), provides it to every element on the page, restores the session / completes a
 * sign-in callback, and registers all elements.
 *
 * Attributes: data-api (API base URL, relative allowed), data-auth (`oidc` | `mock`);
 * for oidc: data-authority, data-client-id, data-redirect-uri (default: this page's URL without
 * query and fragment), data-post-logout-redirect-uri, data-scope, data-resource,
 * data-dpop ("true"), data-acr (default idporten-loa-high), data-storage (`session` | `memory`);
 * for mock: data-mock-user (the subject), data-mock-name.
 *
 * Unread badge for the host page: with `data-watch-unread` the bundle keeps the unread count
 * fresh once someone is signed in (`client.watchUnread()`) and dispatches
 * `omsorg-unread-changed` ({ subjectId, count }) on `document` for every change, with no
 * element on the page. `getClient()` (exported here) gives the page's client, for
 * `client.unreadCount()`.
 *
 * <omsorg-inbox> and <omsorg-message-thread> come in a chunk of their own, loaded when one of
 * the tags is in the document (or is added later), so pages without messages do not pay for
 * them. A page that puts them only inside its own shadow roots calls `loadMessaging()`.
 *
 * Strict-CSP safe: no eval, no inline styles or markup strings; elements style themselves
 * through adoptedStyleSheets. No user-visible text here (console messages are for developers).
 */
import { createClient, createMockAuth, createOidcAuth, type Auth, type Client } from '@omsorg/sdk';
import { provideClient, providedClient } from './internal/context.js';
import { UnreadChangedEvent } from './internal/events.js';
// Every element but the message ones, registered at once (define.ts has them all, for npm).
import './provider/define.js';
import './login/define.js';
import './cancel-dialog/define.js';
import './appointment-list/define.js';
import './service-list/define.js';

const LOG = '[omsorg]';

/** This module's own <script> tag. */
function ownScript(): HTMLScriptElement | null {
  // A classic script (if someone rebuilds this as IIFE) has currentScript; a module has not.
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const here = import.meta.url;
  for (const s of Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'))) {
    if (s.src === here) return s;
  }
  // Loaded through a loader, a preload or a rewritten URL: fall back to the marker attribute.
  return document.querySelector<HTMLScriptElement>('script[data-omsorg]');
}

/** A URL attribute resolved against the page, otherwise as written (providers compare exactly). */
function url(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  try {
    return new URL(v, document.baseURI).href;
  } catch {
    console.error(LOG, `invalid URL in data attribute: ${v}`);
    return undefined;
  }
}

function pageUrl(): string {
  return location.origin + location.pathname;
}

function authFrom(d: DOMStringMap): Auth | undefined {
  const kind = (d.auth ?? 'oidc').trim().toLowerCase();
  if (kind === 'mock') {
    const sub = d.mockUser?.trim();
    return createMockAuth(sub ? { user: { sub, name: d.mockName?.trim() || sub } } : {});
  }
  if (kind !== 'oidc') {
    console.error(LOG, `data-auth="${kind}" is not supported; use "oidc" or "mock".`);
    return undefined;
  }
  const authority = url(d.authority);
  const clientId = d.clientId?.trim();
  if (!authority || !clientId) {
    console.error(LOG, 'data-auth="oidc" needs data-authority and data-client-id.');
    return undefined;
  }
  const redirectUri = url(d.redirectUri) ?? pageUrl();
  const postLogout = url(d.postLogoutRedirectUri);
  const storage = d.storage?.trim();
  return createOidcAuth({
    authority,
    clientId,
    redirectUri,
    ...(postLogout ? { postLogoutRedirectUri: postLogout } : {}),
    ...(d.scope?.trim() ? { scope: d.scope.trim() } : {}),
    acrValues: d.acr?.trim() || 'idporten-loa-high',
    ...(d.resource?.trim() ? { resource: d.resource.trim() } : {}),
    dpop: d.dpop?.trim().toLowerCase() === 'true',
    ...(storage === 'memory' || storage === 'session' ? { storage } : {}),
  });
}

function createFromScript(script: HTMLScriptElement | null): Client | undefined {
  const d = script?.dataset ?? {};
  const baseUrl = url(d.api)?.replace(/\/+$/, '');
  if (!baseUrl) {
    console.error(LOG, 'the script tag needs data-api (the API base URL).');
    return undefined;
  }
  const auth = authFrom(d);
  return auth ? createClient({ baseUrl, auth }) : undefined;
}

/** The page's SDK client once the bundle has booted (e.g. for `client.unreadCount()`). */
export function getClient(): Client | undefined {
  return typeof document === 'undefined' ? undefined : providedClient();
}

/** `data-watch-unread`: the unread count as document events, while someone is signed in. */
function watchUnread(client: Client): void {
  let stop: (() => void) | undefined;
  let watching: string | undefined;
  const sync = () => {
    const want = client.auth.state().status === 'signed-in' ? client.getSubject() : undefined;
    if (want === watching) return;
    stop?.();
    watching = want;
    stop = want ? client.watchUnread(want) : undefined;
  };
  client.on('unread-changed', ({ subjectId, count }) => document.dispatchEvent(new UnreadChangedEvent({ subjectId, count })));
  client.on('auth-changed', sync);
  client.on('subject-changed', sync);
  sync();
}

const MESSAGE_TAGS = 'omsorg-inbox, omsorg-message-thread';
let messaging: Promise<unknown> | undefined;

/** Registers <omsorg-inbox> and <omsorg-message-thread> (loads their chunk once). */
export function loadMessaging(): Promise<unknown> {
  // Both tags: a page may show a thread without an inbox.
  messaging ??= Promise.all([import('./inbox/define.js'), import('./message-thread/define.js')]).catch((e: unknown) => {
    messaging = undefined;
    console.error(LOG, 'the message elements could not be loaded', e);
  });
  return messaging;
}

/** Loads the message elements as soon as one of their tags is in the document. */
function loadMessagingWhenUsed(): void {
  const present = () => !!document.querySelector(MESSAGE_TAGS);
  if (present()) {
    void loadMessaging();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!present()) return;
    observer.disconnect();
    void loadMessaging();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

function boot(): void {
  loadMessagingWhenUsed();
  const script = ownScript();
  // Another copy of the bundle (another version, or an npm build) got here first: share its
  // client, and so its session, instead of starting a second sign-in.
  let client = providedClient();
  if (!client) {
    client = createFromScript(script);
    if (!client) return;
    provideClient(client);
  }
  if (script?.dataset.watchUnread !== undefined) watchUnread(client);
  client.auth.init().catch((e: unknown) => console.error(LOG, 'sign-in could not be restored', e));
}

if (typeof document !== 'undefined') boot();
