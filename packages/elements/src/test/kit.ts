/**
 * The element tests' shared kit: reading an element's shadow DOM, mounting and waiting until it
 * has loaded, typing into fields, moving focus with Tab, and watching what an element asks of its
 * client. One copy here, imported by every element test.
 */
import { fixture, type html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { isCancellable, type Appointment } from '@omsorg/contract';
import { DEADLINE_MARGIN_MS } from '@omsorg/fixtures';
import type { Client } from '@omsorg/sdk';
import { until } from './setup.js';
import type { Catalog } from '../internal/messages.js';
import type { Locale } from '../internal/locale.js';

type Template = ReturnType<typeof html>;

// ------------------------------------------------------------------ reading the shadow DOM

/** The element's shadow root. */
export const sr = (el: Element) => el.shadowRoot!;
/** The first match of `sel` in the element's shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => sr(el).querySelector<T>(sel);
/** Every match of `sel` in the element's shadow root. */
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...sr(el).querySelectorAll<T>(sel)];

/** `aria-busy` of the content area of an element that loads data (`"true"` while loading). */
export const busy = (el: Element) => $(el, '[part="content"]')?.getAttribute('aria-busy');
/** Whether the element has finished loading (its content area is no longer busy). */
export const settled = (el: Element) => busy(el) === 'false';

/** The element's own live region with `role` (a loading element's frame region first). */
const region = (el: Element, role: 'status' | 'alert') => $(el, `.base > [role="${role}"]`) ?? $(el, `[role="${role}"]`);
/** What the element's polite `role="status"` region says now. */
export const polite = (el: Element) => region(el, 'status')?.textContent?.trim() ?? '';
/** What the element's `role="alert"` region says now. */
export const alertText = (el: Element) => region(el, 'alert')?.textContent?.trim() ?? '';

/** The `data-id` of each item matching `selector` (list items by default), in order. */
export const idsOf = (el: Element, selector = 'li[part="item"]') => $$(el, selector).map((li) => li.dataset.id);
/** The item with `data-id` `id`. */
export const itemById = (el: Element, id: string) => $(el, `li[data-id="${CSS.escape(id)}"]`);
/** The first button whose text contains `text` (or, with `exact`, is `text`). */
export const button = (el: Element, text: string, exact = false) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => (exact ? b.textContent?.trim() === text : b.textContent?.includes(text)));

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** A short name for an element, so a failed comparison prints something readable. */
export const nameOf = (e: Element | null | undefined) => {
  if (!e) return String(e);
  const attr = (name: string) => (e.getAttribute(name) ? `[${name}=${e.getAttribute(name)}]` : '');
  return `<${e.localName}${e.id ? `#${e.id}` : ''}${attr('name')}${attr('value')}${attr('part')}> ${e.textContent?.trim().slice(0, 40) ?? ''}`;
};

// ------------------------------------------------------------------ picking test data

/** A visit that may be cancelled now and still in the fixtures' `DEADLINE_MARGIN_MS` (the rules core decides). */
export const safelyCancellable = (a: Appointment): boolean =>
  a.cancellationPolicy.cancellable && isCancellable(a.status, a.cancellationPolicy.deadline, new Date(Date.now() + DEADLINE_MARGIN_MS));

// ------------------------------------------------------------------ acting on it

/** Sets a field's value as typing would and fires its `input` event. */
export function fill(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Presses Tab until `match(focused)` holds (through shadow roots); fails after `max` presses. */
export async function tabTo(match: (active: Element) => boolean, options: { what?: string; max?: number } = {}): Promise<HTMLElement> {
  const { what = 'the target', max = 60 } = options;
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const a = deepActive();
    if (a && match(a)) return a as HTMLElement;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${nameOf(deepActive())}`);
}

// ------------------------------------------------------------------ mounting

/** Renders `template` and waits until the element in it has loaded. */
export async function mountSettled<T extends Element>(template: Template, what = 'the element to finish loading'): Promise<T> {
  const el = await fixture<T>(template);
  await until(() => settled(el), what);
  return el;
}

/**
 * Mounts inside a wrapper div (for `lang` or a width). The wrapper goes in as fixture's
 * `parentNode`: fixture() on a plain <div> waits for an animation frame, which never comes in a
 * test page that is not in front.
 */
export async function mountIn<T extends Element>(wrapper: Partial<Pick<HTMLElement, 'lang'>> & { style?: string }, template: Template) {
  const div = document.createElement('div');
  if (wrapper.lang) div.lang = wrapper.lang;
  if (wrapper.style) div.setAttribute('style', wrapper.style);
  const el = await fixture<T>(template, { parentNode: div });
  return { wrapper: div, el };
}

// ------------------------------------------------------------------ watching the client

/** Records the element's client subscriptions, so a test can fire one event on its own. */
export function captureListeners(client: Client) {
  const listeners = new Map<string, Array<(detail: never) => void>>();
  const on = client.on.bind(client);
  client.on = ((type: string, listener: (detail: never) => void) => {
    listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    return on(type as never, listener as never);
  }) as Client['on'];
  return (type: string, detail: unknown) => (listeners.get(type) ?? []).forEach((l) => l(detail as never));
}

type Method = { [K in keyof Client]: Client[K] extends (...args: never[]) => unknown ? K : never }[keyof Client];

/** Records every call of `client[method]` (as `record` maps its arguments) and passes it on. */
export function recordCalls<M extends Method, R>(client: Client, method: M, record: (...args: Parameters<Client[M]>) => R): R[] {
  const calls: R[] = [];
  const original = (client[method] as (...args: unknown[]) => unknown).bind(client);
  (client as unknown as Record<string, unknown>)[method] = (...args: Parameters<Client[M]>) => {
    calls.push(record(...args));
    return original(...args);
  };
  return calls;
}

// ------------------------------------------------------------------ texts

/**
 * A catalog in every language, for comparing what an element shows with the texts it should
 * show: nynorsk and English are modules the elements import on demand (internal/messages.ts);
 * this imports them too, without marking them loaded, so the elements still load them their way.
 */
export async function inEveryLanguage<T>(c: Catalog<T>): Promise<Readonly<Record<Locale, T>>> {
  const [nn, en] = await Promise.all([c.load.nn(), c.load.en()]);
  return { nb: c.nb, nn: nn.default, en: en.default };
}
