/**
 * What the municipality's configuration file (config/) turns on and off inside the elements,
 * and its own contact: one page-wide object under a global symbol, so every copy of the bundle
 * on a page sees the same. Without a file everything is on and there is no municipal contact.
 */
import { baseLocaleOf } from './locale.js';

export interface PageSettings {
  readonly features: { readonly cancellation: boolean; readonly messageAttachments: boolean; readonly addToCalendar: boolean };
  /** The municipality's phone and its opening hours per language. */
  readonly contact?: { readonly phone: string; readonly openingHours?: Readonly<Record<string, string>> };
  /** The configuration could not be used: elements show that they are unavailable. */
  readonly unavailable?: boolean;
}

const key = Symbol.for('omsorg.settings');
const defaults: PageSettings = { features: { cancellation: true, messageAttachments: true, addToCalendar: true } };
type Holder = typeof globalThis & { [key]?: PageSettings };

/** The page's settings (the defaults until a configuration file sets them). */
export function pageSettings(): PageSettings {
  return (globalThis as Holder)[key] ?? defaults;
}

/** Sets the page's settings (the config chunk; tests). `undefined` goes back to the defaults. */
export function setPageSettings(settings: Partial<PageSettings> | undefined): void {
  (globalThis as Holder)[key] = settings ? { ...defaults, ...settings, features: { ...defaults.features, ...settings.features } } : undefined;
}

/** The municipality's opening hours in a language tag's words (its own, else its base language's). */
export function openingHoursIn(tag: string): string | undefined {
  const hours = pageSettings().contact?.openingHours;
  return hours?.[tag] ?? hours?.[baseLocaleOf(tag)];
}
