/**
 * Locale follows the nearest `lang` attribute (through shadow roots), re-evaluated whenever any
 * `lang` in the document changes. Bokmål is the default.
 */
export type Locale = 'nb' | 'nn' | 'en';
export const locales: readonly Locale[] = ['nb', 'nn', 'en'];

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
