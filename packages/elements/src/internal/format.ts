/**
 * Dates and times are shown in Europe/Oslo whatever the device's zone, in the element's locale.
 * The Oslo wall clock comes from the rules core (computed, summer time included) and the day and
 * month names from the tables below, so drawing a list creates no Intl object: a page's first
 * one loads the engine's locale and zone data, tens of milliseconds on a slow phone before the
 * first visit shows. The tables are Intl's own (CLDR) words, and format.test.ts checks them
 * against Intl in each engine; nynorsk is right even where the engine has no nynorsk data
 * (Chromium's Intl falls back to bokmål). The wire carries ISO 8601 with an offset.
 */
import { osloWallClock, weekdayOf } from '@omsorg/contract';
import type { Locale } from './locale.js';

const words = (s: string): readonly string[] => s.split(' ');
const months = /* @__PURE__ */ words('januar februar mars april mai juni juli august september oktober november desember');
const shortMonths = /* @__PURE__ */ words('jan. feb. mars apr. mai juni juli aug. sep. okt. nov. des.');

// Separate tables, so a bundle that only writes dates ("27. nov. 2026") leaves the others out.
/** Day names from Monday. */
export const dayNames: Record<Locale, readonly string[]> = {
  nb: /* @__PURE__ */ words('mandag tirsdag onsdag torsdag fredag lørdag søndag'),
  nn: /* @__PURE__ */ words('måndag tysdag onsdag torsdag fredag laurdag søndag'),
  en: /* @__PURE__ */ words('Monday Tuesday Wednesday Thursday Friday Saturday Sunday'),
};
/** Month names from January. */
export const monthNames: Record<Locale, readonly string[]> = {
  nb: months,
  nn: months,
  en: /* @__PURE__ */ words('January February March April May June July August September October November December'),
};
/** Abbreviated month names, as CLDR has them: "jan." but "mars"; "Sept" in British English. */
export const shortMonthNames: Record<Locale, readonly string[]> = {
  nb: shortMonths,
  nn: shortMonths,
  en: /* @__PURE__ */ words('Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec'),
};

/** "27. november" (nb, nn) or "27 November" (en): the day of the month before the month. */
const dayMonth = (day: number, month: string, locale: Locale): string => (locale === 'en' ? `${day} ${month}` : `${day}. ${month}`);

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A Date from an ISO string, or undefined when it does not parse. */
export function parseInstant(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `YYYY-MM-DD` of the instant in Oslo: the key that groups appointments by day. */
export function osloDayKey(d: Date): string {
  const w = osloWallClock(d);
  return `${w.year}-${two(w.month)}-${two(w.day)}`;
}

/** "fredag 27. november 2026" style, in Oslo. */
export function formatDay(d: Date, locale: Locale): string {
  const w = osloWallClock(d);
  return `${dayNames[locale][weekdayOf(w)]!} ${dayMonth(w.day, monthNames[locale][w.month - 1]!, locale)} ${w.year}`;
}

/** A plain date ("27. nov. 2026"), for dates like a service's valid-from (`YYYY-MM-DD`). */
export function formatDate(dateOrIso: Date | string, locale: Locale): string {
  const w = osloWallClock(typeof dateOrIso === 'string' ? new Date(`${dateOrIso}T12:00:00Z`) : dateOrIso);
  return `${dayMonth(w.day, shortMonthNames[locale][w.month - 1]!, locale)} ${w.year}`;
}

/** "08:00" in Oslo. */
export function formatTime(d: Date, _locale: Locale): string {
  const w = osloWallClock(d);
  return `${two(w.hour)}:${two(w.minute)}`;
}

/** "27. nov. 2026, 08:00" in Oslo. */
export function formatDateTime(d: Date, locale: Locale): string {
  return `${formatDate(d, locale)}, ${formatTime(d, locale)}`;
}

/** Machine-readable value for <time datetime>. */
export function isoForTime(d: Date): string {
  return d.toISOString();
}
