/**
 * Dates and times are shown in Europe/Oslo whatever the device's zone, in the element's locale.
 * Intl handles summer time; the wire carries ISO 8601 with an offset.
 */
import { intlTag, type Locale } from './locale.js';

export const TIME_ZONE = 'Europe/Oslo';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    // Chromium ships without nynorsk date data and would fall back to en-US: bokmål is closer.
    f = new Intl.DateTimeFormat([intlTag[locale], intlTag.nb], { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

/** A Date from an ISO string, or undefined when it does not parse. */
export function parseInstant(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `YYYY-MM-DD` of the instant in Oslo: the key that groups appointments by day. */
export function osloDayKey(d: Date): string {
  const parts = fmt('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "fredag 27. november 2026" style, in Oslo. */
export function formatDay(d: Date, locale: Locale): string {
  return fmt(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** A plain date ("27. nov. 2026"), for dates like a service's valid-from (`YYYY-MM-DD`). */
export function formatDate(dateOrIso: Date | string, locale: Locale): string {
  const d = typeof dateOrIso === 'string' ? new Date(`${dateOrIso}T12:00:00Z`) : dateOrIso;
  return fmt(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

/** "08:00" in Oslo. */
export function formatTime(d: Date, locale: Locale): string {
  return fmt(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** "27. nov. 2026, 08:00" in Oslo. */
export function formatDateTime(d: Date, locale: Locale): string {
  return `${formatDate(d, locale)}, ${formatTime(d, locale)}`;
}

/** Machine-readable value for <time datetime>. */
export function isoForTime(d: Date): string {
  return d.toISOString();
}
