/**
 * Locale follows the nearest `lang` attribute (through shadow roots), re-evaluated whenever any
 * `lang` in the document changes. Bokmål is the default.
 */
export type Locale = 'nb' | 'nn' | 'en';
export const locales: readonly Locale[] = ['nb', 'nn', 'en'];

/** True for the languages the elements ship texts for. */
export function isBuiltInLocale(tag: string): tag is Locale {
  return (locales as readonly string[]).includes(tag);
}

/**
 * Languages a host has added (`registerLocale`): each with the built-in language it falls back to
 * for the texts it lacks, and for dates and numbers.
 */
const registered = new Map<string, Locale>();

/**
 * Adds a language the elements follow when the page's `lang` names it (`se` for Northern Sami):
 * its texts come from the host (`setTexts('se', …)`), and what they lack is shown in `base`
 * (bokmål unless said otherwise), as are dates and numbers. Elements on the page follow at once.
 */
export function registerLocale(tag: string, options: { base?: Locale } = {}): void {
  const t = tag.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(t)) throw new RangeError(`registerLocale: "${tag}" is not a two- or three-letter language code`);
  if (isBuiltInLocale(t)) throw new RangeError(`registerLocale: "${t}" is built in`);
  const base = options.base ?? 'nb';
  if (!isBuiltInLocale(base)) throw new RangeError(`registerLocale: base "${String(base)}" must be nb, nn or en`);
  registered.set(t, base);
  listeners.forEach((l) => l());
}

/** Forgets the registered languages (tests). */
export function clearRegisteredLocales(): void {
  registered.clear();
  listeners.forEach((l) => l());
}

/** The built-in language behind a language tag: itself, a registered language's base, or bokmål. */
export function baseLocaleOf(tag: string): Locale {
  return isBuiltInLocale(tag) ? tag : registered.get(tag) ?? 'nb';
}

/** The language tag an element's texts follow: a registered language the `lang` names, else the built-in one. */
export function textLocaleOf(lang: string | null | undefined): string {
  const primary = (lang ?? '').trim().toLowerCase().split('-')[0] ?? '';
  return registered.has(primary) ? primary : normalizeLocale(lang);
}

export function normalizeLocale(lang: string | null | undefined): Locale {
  const l = (lang ?? '').trim().toLowerCase();
  if (l === 'nn' || l.startsWith('nn-') || l === 'no-nyn') return 'nn';
  if (l === 'en' || l.startsWith('en-')) return 'en';
  return 'nb';
}

/** The `lang` that applies to `el`: its own, an ancestor's, or a shadow host's. */
export function langOf(el: Element): string | null {
  let node: Element | null = el;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang');
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/** Calls `listener` when any `lang` attribute in the document changes. Returns unsubscribe. */
export function onLangChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

/** BCP 47 tags for Intl. */
export const intlTag: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
