/**
 * The days and items of `<omsorg-appointment-list>`. A list can hold hundreds of appointments,
 * so the templates keep each item small: no wrapper elements or whitespace nodes that render
 * nothing, one template per variant instead of nested conditionals, sentences from the
 * messages as one template of their length (not an iterable with two markers per part), date
 * texts remembered per value (appointment-list.view.ts), and one click listener for all
 * buttons (they carry `data-action`; the item carries `data-id`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { cancellableStatuses, labelFor, type Appointment } from '@omsorg/contract';
import type { CommonMessages } from '../internal/messages.js';
import type { Locale } from '../internal/locale.js';
import { isoForTime, parseInstant } from '../internal/format.js';
import { headingTag } from '../internal/heading.js';
import { telHref } from '../internal/phone.js';
import type { AppointmentListMessages } from './appointment-list.messages.js';
import { dayKey, dayText, groupByDay, noCalendar, timeText, tones } from './appointment-list.view.js';

export interface ItemContext {
  t: AppointmentListMessages;
  common: CommonMessages;
  locale: Locale;
  /** The list shows upcoming appointments (cancel and calendar actions apply). */
  upcoming: boolean;
  /** One listener for every item button (`data-action="cancel" | "calendar"`). */
  onClick: (event: Event) => void;
}

/** The data-action values of the item buttons. */
export type ItemAction = 'cancel' | 'calendar';

// A sentence from the messages (strings and nodes in the language's order) as one template
// of its length. Longer ones (none today) fall back to lit's iterable rendering.
const sentences: ReadonlyArray<(p: readonly unknown[]) => TemplateResult> = [
  () => html``,
  (p) => html`${p[0]}`,
  (p) => html`${p[0]}${p[1]}`,
  (p) => html`${p[0]}${p[1]}${p[2]}`,
  (p) => html`${p[0]}${p[1]}${p[2]}${p[3]}`,
  (p) => html`${p[0]}${p[1]}${p[2]}${p[3]}${p[4]}`,
];
function sentence(parts: readonly unknown[]): unknown {
  return sentences[parts.length]?.(parts) ?? parts;
}

const timeTag = (d: Date, text: string) => html`<time datetime=${isoForTime(d)}>${text}</time>`;

function phone(raw: string): TemplateResult {
  const href = telHref(raw);
  return href ? html`<a part="phone-link" class="phone" href=${href}><bdi>${raw}</bdi></a>` : html`<bdi>${raw}</bdi>`;
}

/** ", phone <number>" after a name, or nothing. */
function phoneAfter(raw: string | null | undefined, t: AppointmentListMessages): unknown {
  return raw ? sentence([', ', ...t.phone(phone(raw))]) : nothing;
}

export function renderDays(items: readonly Appointment[], ctx: ItemContext, level: number): TemplateResult {
  const H = headingTag(level + 1);
  const itemHeading = headingTag(level + 2);
  return html`<ul part="days" class="days" role="list" @click=${ctx.onClick}>${repeat(
    groupByDay(items, parseInstant),
    ([key]) => key,
    ([key, g]) =>
      html`<li part="day" class="day" data-day=${key}>${staticHtml`<${H} part="day-heading" class="day-heading">${
        g.date ? html`<time datetime=${key}>${dayText(g.date, ctx.locale)}</time>` : ctx.common.unknownCode
      }</${H}>`}<ul part="items" class="items" role="list">${repeat(
        g.items,
        (a) => a.id,
        (a) => renderItem(a, ctx, itemHeading),
      )}</ul></li>`,
  )}</ul>`;
}

function renderTime(a: Appointment, ctx: ItemContext): unknown {
  const start = parseInstant(a.start);
  const end = parseInstant(a.end);
  if (!start || !end) return ctx.common.unknownCode;
  const { t, locale } = ctx;
  const from = timeTag(start, timeText(start, locale));
  const to = timeTag(end, timeText(end, locale, dayKey(start) !== dayKey(end)));
  return sentence(a.timing === 'window' ? t.window(from, to) : t.exact(from, to));
}

function renderPlace(a: Appointment, t: AppointmentListMessages): unknown {
  const loc = a.location;
  if (!loc) return nothing;
  if (loc.atHome) {
    return loc.address ? html`<dt>${t.place}</dt><dd>${t.atHome}<br /><bdi>${loc.address}</bdi></dd>` : html`<dt>${t.place}</dt><dd>${t.atHome}</dd>`;
  }
  return loc.address
    ? html`<dt>${t.place}</dt><dd><bdi>${loc.name}</bdi><br /><bdi>${loc.address}</bdi></dd>`
    : html`<dt>${t.place}</dt><dd><bdi>${loc.name}</bdi></dd>`;
}

/** A labelled free text (description, the service's answer), or nothing. */
const note = (label: string, text: string | null | undefined) => (text ? html`<dt>${label}</dt><dd><bdi class="text">${text}</bdi></dd>` : nothing);

function renderDeadline(a: Appointment, ctx: ItemContext, canCancel: boolean, deadlinePassed: boolean): unknown {
  const { t, locale } = ctx;
  const policy = a.cancellationPolicy;
  if (canCancel) {
    const deadline = parseInstant(policy.deadline);
    if (!deadline) return nothing;
    const when = timeTag(deadline, timeText(deadline, locale, true));
    return html`<p part="deadline" class="deadline">${sentence(t.cancelDeadline(when))} ${policy.mode === 'request' ? t.cancelIsRequest : nothing}</p>`;
  }
  if (!deadlinePassed) return nothing;
  return html`<p part="deadline" class="deadline deadline-passed">${policy.phone ? sentence(t.deadlinePassed(phone(policy.phone))) : t.deadlinePassedNoPhone}</p>`;
}

function renderActions(a: Appointment, ctx: ItemContext, canCancel: boolean, calendar: boolean, label: string): unknown {
  if (!canCancel && !calendar) return nothing;
  const { t, locale } = ctx;
  const start = parseInstant(a.start);
  // Who the button is for, read after its visible text: ": Home nursing, Friday 27 November 2026 08:00".
  const about = `: ${label}, ${start ? `${dayText(start, locale)} ${timeText(start, locale)}` : ''}`;
  const cancel = html`<button type="button" id=${`act-${a.id}`} part="cancel-button" class="cancel" data-action="cancel">${t.cancel}<span class="visually-hidden">${about}</span></button>`;
  if (!calendar) return html`<div part="actions" class="actions">${cancel}</div>`;
  const add = html`<button type="button" part="calendar-button" class="secondary calendar" data-action="calendar">${t.addToCalendar}<span class="visually-hidden">${about}</span></button>`;
  return html`<div part="actions" class="actions">${canCancel ? cancel : nothing}${add}</div>`;
}

function renderItem(a: Appointment, ctx: ItemContext, H: ReturnType<typeof headingTag>): TemplateResult {
  const { t, common } = ctx;
  const label = labelFor(a.serviceType, ctx.locale) ?? common.unknownCode;
  const status = (t.statuses as Record<string, string>)[a.status] ?? common.unknownCode;
  const tone = tones[a.status] ?? 'attention';
  const statusAllows = cancellableStatuses.includes(a.status);
  const cancellable = a.cancellationPolicy.cancellable;
  const canCancel = ctx.upcoming && cancellable && statusAllows;
  const deadlinePassed = ctx.upcoming && !cancellable && statusAllows;
  const calendar = ctx.upcoming && !noCalendar.has(a.status);
  const contact = a.contact;
  return html`<li part="item" class="item tone-${tone} status-${a.status}" data-id=${a.id}>${staticHtml`<${H} part="item-heading" class="item-heading" tabindex="-1" data-heading-for=${a.id} id=${canCancel ? nothing : `act-${a.id}`}><span class="time">${renderTime(a, ctx)}</span><span class="visually-hidden">, </span> <span class="label">${label}</span></${H}>`}<p part="status status-${tone}" class="status"><span class="visually-hidden">${`${t.status}: `}</span>${status}</p>${
    a.timing === 'window' ? html`<p class="window-note">${t.windowNote}</p>` : nothing
  }<dl part="details" class="details">${renderPlace(a, t)}${
    contact ? html`<dt>${t.contact}</dt><dd><bdi>${contact.name}</bdi>${phoneAfter(contact.phone, t)}</dd>` : nothing
  }<dt>${t.careService}</dt><dd><bdi>${a.careService.name}</bdi>${phoneAfter(a.careService.phone, t)}</dd>${note(t.description, a.description)}${
    a.status === 'cancellation-rejected' ? note(t.rejectionNote, a.cancellation?.rejectionNote) : nothing
  }</dl>${
    a.preparation ? html`<div part="preparation" class="preparation"><p class="preparation-title">${t.preparation}</p><bdi class="text">${a.preparation}</bdi></div>` : nothing
  }${renderDeadline(a, ctx, canCancel, deadlinePassed)}${renderActions(a, ctx, canCancel, calendar, label)}</li>`;
}
