/**
 * The one-script-tag embed, a loader (built to dist/cdn/omsorg.js, an ES module):
 *
 *   <script type="module" src="https://cdn.example/omsorg/0.1.0/omsorg.js" data-omsorg
 *     data-api="https://api.kommune.no/omsorg" data-auth="oidc"
 *     data-authority="https://idporten.no" data-client-id="…"></script>
 *
 * It reads its configuration from its own tag's data-* attributes, starts the autoloader
 * (autoload.ts: each element's chunk is imported when its tag appears, in the document or in an
 * open shadow root the page adds) and loads the client part (cdn-client.ts, in the chunk it
 * shares with the elements, with the SDK): ONE SDK client for the page (or the one another copy
 * of the bundle already provided, so two copies share one session), provided to every element,
 * the session restored / a sign-in callback completed. omsorg.js itself has no static import:
 * the client's chunk, the chunk of its sign-in kind, lit and the chunks of the elements on the
 * page are all requested at once when it runs (modulepreload), so the load is omsorg.js →
 * chunks, never deeper.
 *
 * Attributes: data-api (API base URL, relative allowed), data-auth (`oidc` | `bff` | `mock`);
 * for bff (a backend-for-frontend on this site holds the session; no token in the browser):
 * data-bff (its path, default `/bff`; data-api defaults to its proxy, `<data-bff>/api`);
 * for oidc: data-authority, data-client-id, data-redirect-uri (default: this page's URL without
 * query and fragment), data-post-logout-redirect-uri, data-scope, data-resource,
 * data-dpop ("true"), data-acr (default idporten-loa-high), data-storage (`session` | `memory`);
 * for mock: data-mock-user (the subject), data-mock-name.
 *
 * One configuration file per municipality instead (or beside the attributes):
 * `data-config="https://…/omsorg.json"` on the tag (fetched without credentials; another site
 * must allow CORS), or an inline `<script type="application/json" data-omsorg-config>` on the
 * page (read as JSON, never run). Its schema is `@omsorg/elements/config.schema.json`. Read,
 * checked and applied by config/load.ts, a chunk of its own that only such pages load. A data-*
 * attribute on the tag wins over the same setting in the file. A file that cannot be used gives
 * one console.error naming the field, and the elements show a polite "unavailable" text.
 *
 * Unread badge for the host page: with `data-watch-unread` the bundle keeps the unread count
 * fresh once someone is signed in (`client.watchUnread()`) and dispatches
 * `omsorg-unread-changed` ({ subjectId, count }) on `document` for every change, with no
 * element on the page (once per change, also with an `<omsorg-inbox>` on the page).
 * `getClient()` (exported here) gives the page's client, for `client.unreadCount()`, once
 * `ready` has settled.
 *
 * Open shadow roots already on the page when it runs are watched too; a page that puts tags
 * only inside closed shadow roots calls `load('omsorg-inbox', …)` (or `loadMessaging()`).
 *
 * Strict-CSP safe: no eval, no inline styles or markup strings; elements style themselves
 * through adoptedStyleSheets; the preload hints carry this script's nonce. No user-visible text
 * here (console messages are for developers).
 */
import type { Client, OidcAuthConfig } from '@omsorg/sdk';
import { autoload, elementNames, loadElement, preload, type ElementName } from './autoload.js';
import type { AuthModules, LoaderConfig } from './cdn-client.js';
import type { OmsorgTexts } from './internal/texts.js';

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

/** The sign-in kind on the tag (`oidc` when it names none). */
const authKind = (d: Readonly<Record<string, string | undefined>>) => (d.auth ?? 'oidc').trim().toLowerCase();

/**
 * The sign-in kinds' modules: the BFF's is in the client's chunk (the production shape), the
 * browser-only and mock ones are chunks of their own (rollup.config.mjs: auth-oidc, auth-mock),
 * which a page preloads beside the client's chunk only for the kind on its tag.
 */
const authModules: AuthModules = {
  bff: () => import('@omsorg/sdk/auth/bff-auth.js'),
  oidc: () => import('@omsorg/sdk/auth/oidc-auth.js'),
  mock: () => import('@omsorg/sdk/auth/mock-auth.js'),
};

function authFrom(d: Readonly<Record<string, string | undefined>>): LoaderConfig['auth'] | undefined {
  const kind = authKind(d);
  if (kind === 'mock') {
    const sub = d.mockUser?.trim();
    return { kind: 'mock', options: sub ? { user: { sub, name: d.mockName?.trim() || sub } } : {} };
  }
  if (kind === 'bff') {
    const base = d.bff?.trim();
    return { kind: 'bff', options: base ? { base } : {} };
  }
  if (kind !== 'oidc') {
    console.error(LOG, `data-auth="${kind}" is not supported; use "oidc", "bff" or "mock".`);
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
  const options: OidcAuthConfig = {
    authority,
    clientId,
    redirectUri,
    ...(postLogout ? { postLogoutRedirectUri: postLogout } : {}),
    ...(d.scope?.trim() ? { scope: d.scope.trim() } : {}),
    acrValues: d.acr?.trim() || 'idporten-loa-high',
    ...(d.resource?.trim() ? { resource: d.resource.trim() } : {}),
    dpop: d.dpop?.trim().toLowerCase() === 'true',
    ...(storage === 'memory' || storage === 'session' ? { storage } : {}),
  };
  return { kind: 'oidc', options };
}

/** The loader's settings (the tag's data-* over the file's), or undefined (and a console error) when unusable. */
function configFrom(d: Readonly<Record<string, string | undefined>>): LoaderConfig | undefined {
  const baseUrl = url(d.api)?.replace(/\/+$/, '');
  const auth = authFrom(d);
  if (!baseUrl && auth?.kind !== 'bff') {
    console.error(LOG, 'the script tag needs data-api (the API base URL), or the configuration file api.baseUrl.');
    return undefined;
  }
  return auth ? { baseUrl, auth } : undefined;
}

/** The key another copy's (or this copy's) client is provided under (internal/context.ts). */
const providerKey = Symbol.for('omsorg.client-provider');

/** The page's SDK client once the bundle has booted (e.g. for `client.unreadCount()`). */
export function getClient(): Client | undefined {
  if (typeof document === 'undefined') return undefined;
  const holder = document.documentElement as HTMLElement & { [providerKey]?: { value?: Client } };
  return holder[providerKey]?.value;
}

const isElementName = (name: string): name is ElementName => (elementNames as string[]).includes(name);

/** Registers the given tags now (`omsorg-inbox`, …), for tags the autoloader cannot see. */
export function load(...tags: string[]): Promise<unknown> {
  return Promise.all(
    tags.map((tag) => {
      const name = tag.trim().toLowerCase().replace(/^omsorg-/, '');
      if (isElementName(name)) return loadElement(name);
      console.error(LOG, `<${tag}> is not an omsorg element`);
      return undefined;
    }),
  );
}

/**
 * The host's own texts (`setTexts` of @omsorg/elements: a municipality's words over the
 * elements', or a registered language's). The texts module is the elements' own chunk, loaded
 * here on first use, so the loader stays small; elements already shown render again.
 */
export async function setTexts(lang: string, texts: OmsorgTexts): Promise<void> {
  (await import('./internal/texts.js')).setTexts(lang, texts);
}

/** Adds a language the elements follow when the page's `lang` names it (see `setTexts`). */
export async function registerLocale(tag: string, options?: { base?: 'nb' | 'nn' | 'en' }): Promise<void> {
  (await import('./internal/texts.js')).registerLocale(tag, options);
}

/** Registers <omsorg-inbox> and <omsorg-message-thread> (loads their chunks once). */
export function loadMessaging(): Promise<unknown> {
  // Both tags: a page may show a thread without an inbox.
  return load('omsorg-inbox', 'omsorg-message-thread');
}

/** Starts the autoloader and the client from the loader's settings `d`. */
function begin(d: Readonly<Record<string, string | undefined>>, nonce: string | undefined, off?: readonly ElementName[]): Promise<Client | undefined> {
  // The client's chunk and its sign-in first in the queue, then the chunks of the elements
  // already on the page.
  preload('client', nonce);
  preload(`auth-${authKind(d)}`, nonce);
  autoload({ nonce, off });
  const watchUnread = d.watchUnread !== undefined;
  return import('./cdn-client.js')
    .then((m) => m.start(() => configFrom(d), watchUnread, authModules))
    .catch((e: unknown) => {
      console.error(LOG, 'the client could not be loaded', e);
      return undefined;
    });
}

function boot(): Promise<Client | undefined> {
  const script = ownScript();
  const nonce = script?.nonce || undefined;
  const tag = { ...(script?.dataset ?? {}) };
  const hasFile = tag.config !== undefined || document.querySelector('script[type="application/json"][data-omsorg-config]');
  if (!hasFile) return begin(tag, nonce);
  // A configuration file: its chunk (and the client's, which every page needs) first; the
  // elements wait for it, since it says which of them are on.
  preload('config', nonce);
  preload('client', nonce);
  return import('./config/load.js')
    .then((m) => m.loadPageConfig(script))
    .then((outcome) => (outcome.ok ? begin({ ...outcome.data, ...tag }, nonce, outcome.off) : undefined))
    .catch((e: unknown) => {
      console.error(LOG, 'the configuration could not be loaded', e);
      return undefined;
    });
}

/** Settles once the page's client is provided (undefined when the configuration is unusable). */
export const ready: Promise<Client | undefined> = typeof document === 'undefined' ? Promise.resolve(undefined) : boot();
