/**
 * What each section of the consent panel gets from the panel: its client, subject, texts, the
 * panel's one-request-per-lane `request`, its live regions, and focus after the next render.
 * A section is a controller that keeps its own state and asks the panel to render; the panel
 * stays a thin shell that loads, listens and lays the sections out.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CallOptions, Client } from '@omsorg/sdk';
import { formatDate, formatDateTime, osloDayKey, parseInstant } from '../internal/format.js';
import type { Locale } from '../internal/locale.js';
import type { CommonMessages } from '../internal/messages.js';
import type { ConsentPanelMessages } from './consent-panel.messages.js';

/** A refusal as the SDK throws it (an `OmsorgError`), as far as the sections read it. */
export type Failure = { kind?: string; status?: number; type?: string; problem?: { errors?: { pointer: string; code: string }[] } };

export interface PanelContext {
  readonly host: ReactiveControllerHost;
  client(): Client | undefined;
  subject(): string;
  t(): ConsentPanelMessages;
  common(): CommonMessages;
  locale(): Locale;
  /** The panel shows someone the signed-in person acts for. */
  actsForOther(): boolean;
  /** The panel's `request` (SubjectDataElement): one current request per lane, auth failures sign out. */
  request<R>(
    fetch: (signal: AbortSignal) => Promise<R>,
    done: (result: R) => void | Promise<void>,
    failed: (e: unknown) => void,
    settled?: () => void,
    lane?: string,
  ): Promise<void>;
  /** Says `text` in the polite live region (empty clears it). */
  polite(text: string): void;
  /** Says `text` in the assertive live region (empty clears it). */
  alert(text: string): void;
  /** Renders the panel, then focuses the first match of `selector` in it. */
  focus(selector: string): void;
}

/** A new Idempotency-Key (a UUID; `randomUUID` exists only in secure contexts). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An instant as a date in Oslo (`withTime`: and the time); one that does not parse, as sent. */
export function renderDate(iso: string, locale: Locale, withTime = false): TemplateResult {
  const d = parseInstant(iso);
  if (!d) return html`<bdi>${iso}</bdi>`;
  return html`<time datetime=${iso}>${withTime ? formatDateTime(d, locale) : formatDate(d, locale)}</time>`;
}

/**
 * Today's Oslo calendar date (`YYYY-MM-DD`), the day a period may start from. The elements'
 * own Oslo day (internal/format.ts, as the rules core's `osloDate`), so the shared client
 * chunk every page loads does not take the rules' time module for this one element.
 */
export const osloToday = (): string => osloDayKey(new Date());

/** `YYYY-MM-DD` `days` calendar days after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Whether `subject` is the signed-in person themselves (`me`, or their own id). Relatives'
 * access and notices are only ever the person's own (the API answers a relative 403), so for
 * someone they act for, a section asks nothing.
 */
export async function isOwnSubject(client: Client, subject: string, options: CallOptions): Promise<boolean> {
  if (subject === 'me') return true;
  const me = await client.me({ signal: options.signal });
  return me.subjects.some((s) => s.id === subject && s.relation.code === 'self');
}

/** A copy of `set` with `value` in it when the checkbox that fired `e` is checked, else without. */
export function toggled<T>(set: ReadonlySet<T>, value: T, e: Event): Set<T> {
  const next = new Set(set);
  if ((e.target as HTMLInputElement).checked) next.add(value);
  else next.delete(value);
  return next;
}
