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
import type { Locale } from './locale.js';

/** A catalog: bokmål always, nynorsk and English once loaded (`textsReady`). */
export interface Catalog<T> {
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
export function catalog<T>(nb: T, load: Catalog<T>['load']): Catalog<T> {
  const c: Catalog<T> = { nb, load };
  made.add(c);
  complete.clear();
  return c;
}

/** The texts of `c` in `locale`: bokmål until that language's module is in. */
export function textsIn<T>(c: Catalog<T>, locale: Locale): T {
  return c[locale] ?? c.nb;
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
