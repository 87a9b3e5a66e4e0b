/**
 * The one-script-tag loader's autoloader: each element is a chunk of its own, imported when its
 * tag appears in the document or in an open shadow root the page adds (watched from the moment
 * the loader runs). Nothing here imports lit or the SDK: this module is part of omsorg.js,
 * which every page downloads.
 *
 * No waterfall: the build writes, for every chunk this module imports, the list of files it
 * needs (itself and every chunk it imports, transitively) into `PRELOADS`
 * (scripts/build/cdn-plugins.mjs, `preloadMap`). Before an import() the loader adds a
 * `<link rel="modulepreload">` for each of them, so the browser fetches the element's chunk,
 * lit and the shared code at once, straight after omsorg.js, instead of discovering them one
 * import at a time. An import map's `integrity` (the build prints it) covers these fetches too.
 *
 * Several copies on one page (a CMS widget and an app, each with its own script tag): every
 * copy loads the chunks of the tags it sees, so a copy of another version can warn, but a copy
 * starts a tag's import only after the copies before it have finished theirs: the first copy
 * always defines the tag. The order lives in one global (`Symbol.for('omsorg.autoload')`).
 */

/** What the loader knows how to load, by element folder. */
const loaders = {
  'access-log': () => import('./access-log/define.js'),
  'appointment-list': () => import('./appointment-list/define.js'),
  'cancel-dialog': () => import('./cancel-dialog/define.js'),
  'consent-panel': () => import('./consent-panel/define.js'),
  inbox: () => import('./inbox/define.js'),
  login: () => import('./login/define.js'),
  'message-thread': () => import('./message-thread/define.js'),
  provider: () => import('./provider/define.js'),
  'service-list': () => import('./service-list/define.js'),
} satisfies Record<string, () => Promise<unknown>>;

export type ElementName = keyof typeof loaders;
export const elementNames = Object.keys(loaders) as ElementName[];
const tagOf = (name: ElementName) => `omsorg-${name}`;

/**
 * Loaded with another element because it uses it without the page asking for it: the list
 * opens `<omsorg-cancel-dialog>` (which it adds to <body> itself). Loaded once the list is in
 * and the browser is idle, not on the way to the list's first paint.
 */
const companions: Partial<Record<ElementName, ElementName>> = { 'appointment-list': 'cancel-dialog' };

/**
 * Filled in by the build: element (or 'client', a sign-in's 'auth-<kind>', a language's
 * 'lang-<locale>') → the chunk files it needs, relative to this file. Parsed at run time so no bundler folds the placeholder away; empty when run from source.
 */
const PRELOADS = JSON.parse('{"__OMSORG_PRELOADS__":0}') as Record<string, readonly string[] | undefined>;

const preloaded = new Set<string>();

/** Adds `<link rel="modulepreload">` hints for what `key`'s chunk needs (once per file). */
export function preload(key: string, nonce?: string): void {
  const files = PRELOADS[key];
  if (!Array.isArray(files) || typeof document === 'undefined') return;
  for (const file of files) {
    const href = new URL(file, import.meta.url).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    // Same credentials mode as the module scripts' own fetches, so the preload is reused.
    link.crossOrigin = 'anonymous';
    if (nonce) link.nonce = nonce;
    link.href = href;
    document.head.append(link);
  }
}

type Shared = { order: Map<string, Promise<unknown>> };
const sharedKey = Symbol.for('omsorg.autoload');

/** The page-wide order of loads, shared by every copy of the loader. */
function shared(): Shared {
  const g = globalThis as typeof globalThis & { [sharedKey]?: Shared };
  return (g[sharedKey] ??= { order: new Map() });
}

const loading = new Map<ElementName, Promise<unknown>>();

/** Settings of one loader (its script tag's nonce, for the preload hints). */
const settings: { nonce?: string } = {};

/** Elements the page's configuration file turned off: never loaded (see `autoload`). */
const off = new Set<ElementName>();

/**
 * Imports an element's chunk once (it registers its tag). The promise settles when the tag is
 * registered (by this copy, or by an earlier one); a failed load is logged and may be retried.
 */
export function loadElement(name: ElementName): Promise<unknown> {
  let p = loading.get(name);
  if (p) return p;
  if (off.has(name)) return Promise.resolve(undefined);
  preload(name, settings.nonce);
  const order = shared().order;
  const before = order.get(name) ?? Promise.resolve();
  p = before
    .catch(() => undefined)
    .then(loaders[name])
    .then(() => {
      // Registered (here or by another copy): no need to look for the tag any more.
      if (waiting.delete(name) && !waiting.size) stopWatching();
    })
    .catch((e: unknown) => {
      loading.delete(name);
      console.error('[omsorg]', `<${tagOf(name)}> could not be loaded`, e);
    });
  order.set(name, p);
  loading.set(name, p);
  const companion = companions[name];
  if (companion) void p.then(() => whenIdle(() => void loadElement(companion)));
  return p;
}

function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2_000 });
  else setTimeout(fn, 200);
}

/** Elements whose tag has not been seen yet. */
const waiting = new Set<ElementName>(elementNames);
const selector = () => [...waiting].map(tagOf).join(',');

/**
 * The texts an element in nynorsk or English renders from are chunks per language (the elements
 * import them; bokmål is in each element's own chunk): `lang-nn` (shared texts and the elements
 * without messaging) and `lang-nn-messages` (the message and consent elements'), preloaded with the
 * element's chunk, so the element shows its language at once. The language is the element's
 * nearest `lang` (through the document; the page's inside a shadow root), read as
 * internal/locale.ts reads it, which this file does not import (that would pull lit's chunk
 * into omsorg.js).
 */
function preloadTexts(el: Element): void {
  const lang = (el.closest('[lang]') ?? document.documentElement).getAttribute('lang')?.trim().toLowerCase() ?? '';
  const locale = lang === 'nn' || lang.startsWith('nn-') || lang === 'no-nyn' ? 'nn' : lang === 'en' || lang.startsWith('en-') ? 'en' : undefined;
  if (!locale) return;
  preload(`lang-${locale}`, settings.nonce);
  if (['omsorg-inbox', 'omsorg-message-thread', 'omsorg-consent-panel'].includes(el.localName)) preload(`lang-${locale}-messages`, settings.nonce);
}

/** Loads the elements whose tags are in `root` (an element, a document or a shadow root). */
function scan(root: ParentNode): void {
  if (!waiting.size) return;
  const found = new Set<string>();
  const sel = selector();
  const see = (el: Element) => {
    found.add(el.localName);
    preloadTexts(el);
  };
  if (root instanceof Element && root.matches(sel)) see(root);
  root.querySelectorAll(sel).forEach(see);
  for (const tag of found) {
    const name = tag.slice('omsorg-'.length) as ElementName;
    if (!waiting.delete(name)) continue;
    void loadElement(name);
  }
  if (!waiting.size) stopWatching();
}

const observers: MutationObserver[] = [];

function observe(root: Document | ShadowRoot): void {
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of Array.from(r.addedNodes)) {
        if (n instanceof Element) scan(n);
        else if (n instanceof DocumentFragment) scan(n);
        if (!waiting.size) return;
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  observers.push(observer);
}

type ShadowHook = { roots: Set<(root: ShadowRoot) => void> };
const hookKey = Symbol.for('omsorg.autoload-shadow');

/**
 * Open shadow roots the page creates from now on are watched too (`attachShadow` is wrapped
 * once per page, for every copy of the loader). The elements' own roots are left alone: they
 * render thousands of nodes, and they load what they use themselves.
 */
function watchShadowRoots(onRoot: (root: ShadowRoot) => void): () => void {
  const g = globalThis as typeof globalThis & { [hookKey]?: ShadowHook };
  let hook = g[hookKey];
  if (!hook) {
    const h: ShadowHook = { roots: new Set() };
    hook = g[hookKey] = h;
    const original = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
      const root = original.call(this, init);
      if (init.mode === 'open' && !this.localName.startsWith('omsorg-')) h.roots.forEach((fn) => fn(root));
      return root;
    };
  }
  hook.roots.add(onRoot);
  const roots = hook.roots;
  return () => roots.delete(onRoot);
}

let unhook: (() => void) | undefined;

function stopWatching(): void {
  observers.splice(0).forEach((o) => o.disconnect());
  unhook?.();
  unhook = undefined;
}

/** Open shadow roots already on the page (outside omsorg elements). */
function existingShadowRoots(root: ParentNode, out: ShadowRoot[] = []): ShadowRoot[] {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const sr = el.shadowRoot;
    if (sr && !el.localName.startsWith('omsorg-')) {
      out.push(sr);
      existingShadowRoots(sr, out);
    }
  }
  return out;
}

/**
 * Starts the autoloader: loads the elements whose tags are in the page now, and every other one
 * as soon as its tag appears (in the document or an open shadow root). Stops watching once
 * every element is loaded. `off`: elements the configuration file turned off, never loaded
 * (their tags stay undefined, and a list does not load its cancel dialog).
 */
export function autoload(options: { nonce?: string; off?: readonly ElementName[] } = {}): void {
  if (typeof document === 'undefined' || unhook) return;
  settings.nonce = options.nonce;
  for (const name of options.off ?? []) {
    off.add(name);
    waiting.delete(name);
  }
  if (!waiting.size) return;
  unhook = watchShadowRoots((root) => {
    if (!waiting.size) return;
    observe(root);
    // Content may be put in before the observer saw it (declarative templates, clones).
    scan(root);
  });
  observe(document);
  scan(document);
  for (const root of existingShadowRoots(document)) {
    observe(root);
    scan(root);
  }
}
