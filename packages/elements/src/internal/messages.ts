/**
 * Texts shared by every element. Element-specific texts live beside each element in
 * `<name>.messages.ts`. No user-visible string literal belongs anywhere else.
 *
 * Each catalog holds bokmål, the default, in the element's own code; nynorsk and English are
 * modules of their own (`<name>.messages.nn.ts`, `.en.ts`; in the CDN build one chunk per
 * language), imported the first time an element renders in that language. An element waits
 * for them before it renders (base.ts, `scheduleUpdate`), so a page in nn or en never shows
 * bokmål first, and a page in bokmål downloads no other language.
 */
import { baseLocaleOf, isBuiltInLocale, type Locale } from './locale.js';

/** A catalog: bokmål always, nynorsk and English once loaded (`textsReady`). */
export interface Catalog<T> {
  /** Its name in a host's texts (`setTexts('nb', { 'appointment-list': { … } })`). */
  readonly name: string;
  readonly nb: T;
  readonly nn?: T;
  readonly en?: T;
  /** Imports the other languages' modules; nn and en must have exactly the keys and shapes of nb. */
  readonly load: Readonly<Record<Exclude<Locale, 'nb'>, () => Promise<{ default: NoInfer<T> }>>>;
}

type Loaded = { -readonly [L in Locale]?: unknown };
/** Every catalog made so far (each element's module makes its own when it is imported). */
const made = new Set<Catalog<unknown>>();
/** Imports under way, by loader (one per catalog and language). */
const loading = new Map<() => Promise<unknown>, Promise<void>>();
/** Languages every catalog made so far has loaded: textsReady answers them without a walk. */
const complete = new Set<Locale>();

/** Declares a catalog: bokmål here, the other languages as modules imported on demand. */
export function catalog<T>(name: string, nb: T, load: Catalog<T>['load']): Catalog<T> {
  const c: Catalog<T> = { name, nb, load };
  made.add(c);
  complete.clear();
  return c;
}

// ---- texts the host owns -------------------------------------------------------------------

/** A host's texts for one language: by catalog name, the keys it changes or adds a language for. */
export type HostTexts = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/** Host texts by language tag (`nb`, `nn`, `en`, or a registered one such as `se`). */
const hostTexts = new Map<string, Map<string, Record<string, unknown>>>();
/** Bumped on every change, so the merged texts are made again. */
let hostVersion = 0;
const merged = new WeakMap<Catalog<unknown>, Map<string, { version: number; texts: unknown }>>();
/** What has been warned about (once each). */
const warned = new Set<string>();
const warnOnce = (key: string, message: string) => {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn('[omsorg]', message);
};

/**
 * Changes or adds texts for `lang` (`nb`, `nn`, `en`, or a language from `registerLocale`).
 * Later calls add to earlier ones. A key must be one the catalog has; a text where the catalog
 * has text must be a string, one where it has a function must be a function with the same
 * arguments. Anything else is left out with a console warning, once.
 */
export function addHostTexts(lang: string, texts: HostTexts): void {
  const tag = lang.trim().toLowerCase();
  let byCatalog = hostTexts.get(tag);
  if (!byCatalog) hostTexts.set(tag, (byCatalog = new Map()));
  for (const [name, values] of Object.entries(texts)) {
    if (!values || typeof values !== 'object') continue;
    byCatalog.set(name, { ...byCatalog.get(name), ...values });
  }
  hostVersion++;
  textListeners.forEach((l) => l());
}

/** Forgets every host text (tests). */
export function clearHostTexts(): void {
  hostTexts.clear();
  warned.clear();
  hostVersion++;
  textListeners.forEach((l) => l());
}

const textListeners = new Set<() => void>();
/** Calls `listener` when the host's texts change (elements render again). Returns unsubscribe. */
export function onHostTextsChange(listener: () => void): () => void {
  textListeners.add(listener);
  return () => textListeners.delete(listener);
}

/** The host's valid texts for one catalog: each checked against bokmål's key and kind. */
function validHostTexts<T>(c: Catalog<T>, tag: string): Partial<T> | undefined {
  const given = hostTexts.get(tag)?.get(c.name);
  if (!given) return undefined;
  const nb = c.nb as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!(key in nb)) {
      warnOnce(`${tag}:${c.name}:${key}:unknown`, `"${tag}" texts: ${c.name}.${key} is not a text; left out.`);
    } else if (typeof nb[key] === 'function' ? typeof value === 'function' : typeof value === 'string') {
      out[key] = value;
    } else {
      warnOnce(`${tag}:${c.name}:${key}:kind`, `"${tag}" texts: ${c.name}.${key} must be a ${typeof nb[key] === 'function' ? 'function' : 'string'}; left out.`);
    }
  }
  return out as Partial<T>;
}

/**
 * The texts of `c` for the language tag `tag`: the catalog's own language (bokmål until that
 * language's module is in), with the host's texts over it. A registered language (`se`) has only
 * the host's texts: each key it lacks falls back to its base language (bokmål), with one warning.
 */
export function textsIn<T>(c: Catalog<T>, tag: string): T {
  const base = baseLocaleOf(tag);
  const own = (c[base] ?? c.nb) as T;
  if (!hostTexts.size) return own;
  let cache = merged.get(c as Catalog<unknown>);
  if (!cache) merged.set(c as Catalog<unknown>, (cache = new Map()));
  const hit = cache.get(tag);
  if (hit && hit.version === hostVersion) return hit.texts as T;
  const host = validHostTexts(c, tag);
  if (!isBuiltInLocale(tag)) {
    const missing = Object.keys(c.nb as object).filter((k) => !host || !(k in host));
    if (missing.length) warnOnce(`${tag}:${c.name}:missing`, `"${tag}" lacks ${missing.length} of ${c.name}'s texts (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); shown in ${base === 'nb' ? 'bokmål' : base}.`);
  }
  const texts = host && Object.keys(host).length ? ({ ...own, ...host } as T) : own;
  cache.set(tag, { version: hostVersion, texts });
  return texts;
}

/**
 * Loads `locale`'s texts of every catalog made so far. Undefined when they are all in (always
 * for bokmål), so an element renders in the same task as without languages to load. A failed
 * import rejects, and the next call tries again.
 */
export function textsReady(locale: Locale): Promise<void> | undefined {
  if (locale === 'nb' || complete.has(locale)) return undefined;
  const missing = [...made].filter((c) => c[locale] === undefined);
  if (!missing.length) {
    complete.add(locale);
    return undefined;
  }
  return Promise.all(
    missing.map((c) => {
      const load = c.load[locale];
      let p = loading.get(load);
      if (!p) {
        p = load()
          .then((m) => {
            (c as Loaded)[locale] = m.default;
          })
          .finally(() => loading.delete(load));
        loading.set(load, p);
      }
      return p;
    }),
  ).then(() => undefined);
}

export const common = catalog(
  'common',
  {
    retry: 'Prøv igjen',
    signIn: 'Logg inn',
    signedOut: 'Du må logge inn for å se dette.',
    unknownCode: 'Ukjent',
    errorNetwork: 'Vi får ikke kontakt med tjenesten. Sjekk nettforbindelsen og prøv igjen.',
    errorServer: 'Noe gikk galt hos oss. Prøv igjen om litt.',
    errorInvalid: 'Vi fikk et svar vi ikke forstår. Prøv igjen, eller kontakt kommunen hvis det fortsetter.',
    errorAuth: 'Økten din er utløpt. Logg inn på nytt for å fortsette.',
    errorForbidden: 'Du har ikke tilgang til dette.',
    errorNotFound: 'Vi finner ikke det du ser etter.',
    errorBusy: 'Tjenesten er travel akkurat nå. Prøv igjen om litt.',
    errorUnknown: 'Noe gikk galt. Prøv igjen.',
  },
  { nn: () => import('./messages.nn.js'), en: () => import('./messages.en.js') },
);

export type CommonMessages = (typeof common)['nb'];

/** The shared text that explains an SDK error to a person. */
export function errorMessage(
  m: CommonMessages,
  error: { kind?: string; status?: number } | null | undefined,
): string {
  if (!error) return m.errorUnknown;
  switch (error.kind) {
    case 'network':
      return m.errorNetwork;
    case 'invalid-response':
      return m.errorInvalid;
    case 'auth':
      return m.errorAuth;
  }
  const s = error.status ?? 0;
  if (s === 401) return m.errorAuth;
  if (s === 403) return m.errorForbidden;
  if (s === 404) return m.errorNotFound;
  if (s === 429 || s === 503) return m.errorBusy;
  if (s >= 500) return m.errorServer;
  return m.errorUnknown;
}
