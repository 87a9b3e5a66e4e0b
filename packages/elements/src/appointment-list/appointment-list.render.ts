/**
 * The days and items of `<omsorg-appointment-list>`. A list can hold hundreds of appointments,
 * so each item is cheap to create: its text is one template per shape (markup.ts), with the
 * element's own texts in the template and lit parts only where data goes; no wrapper elements or
 * whitespace nodes that render nothing; one click listener for all buttons (they carry
 * `data-action`, the item carries `data-id`). Per item, two template instances: the item
 * element, which stays while its appointment changes, and its content, buttons included.
 */
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import { cancellableStatuses, osloWeekday, parseSeriesRule, serviceLabel, type Appointment } from '@omsorg/contract';
import type { CommonMessages } from '../internal/messages.js';
import type { Locale } from '../internal/locale.js';
import { formatDay, isoForTime, osloDayKey, parseInstant } from '../internal/format.js';
import { clampHeadingLevel, headingTag } from '../internal/heading.js';
import { telHref } from '../internal/phone.js';
import type { PageSettings } from '../internal/settings.js';
import { Markup } from './markup.js';
import type { AppointmentListMessages } from './appointment-list.messages.js';
import { groupByDay, groupSeries, noCalendar, timeText, tones } from './appointment-list.view.js';

export interface ItemContext {
  t: AppointmentListMessages;
  common: CommonMessages;
  locale: Locale;
  /** The list shows upcoming appointments (cancel and calendar actions apply). */
  upcoming: boolean;
  /** One listener for every item button (`data-action="cancel" | "calendar"`). */
  onClick: (event: Event) => void;
  /** The series whose other visits are shown (by series id). */
  expanded: ReadonlySet<string>;
  /** The page's configuration: cancelling online, the calendar button, the municipality's contact. */
  settings: PageSettings;
  /** The municipality's opening hours in the list's language, if the configuration has them. */
  hours?: string | undefined;
  /** The list holds items of more than one municipality: each says its own. */
  showSource?: boolean;
}

/** The data-action values of the item buttons (`series`: a series' disclosure button, with `data-series`). */
export type ItemAction = 'cancel' | 'calendar' | 'series';

/** From this many items on, items off screen skip layout and paint (`.days.long` in the styles). */
export const LONG_LIST = 30;

export function renderDays(items: readonly Appointment[], ctx: ItemContext, level: number): TemplateResult {
  const H = headingTag(level + 1);
  const itemHeading = `h${clampHeadingLevel(level + 2)}`;
  // A series with two or more visits in the list stands among the days once, at its first visit.
  const { shown, series } = groupSeries(items);
  return html`<ul part="days" class=${items.length >= LONG_LIST ? 'days long' : 'days'} role="list" @click=${ctx.onClick}>${repeat(
    groupByDay(shown, parseInstant),
    ([key]) => key,
    ([key, g]) =>
      html`<li part="day" class="day" data-day=${key}>${staticHtml`<${H} part="day-heading" class="day-heading">${
        g.date ? html`<time datetime=${key}>${formatDay(g.date, ctx.locale)}</time>` : ctx.common.unknownCode
      }</${H}>`}<ul part="items" class="items" role="list">${repeat(
        g.items,
        (a) => (series.has(a.id) ? `series:${a.series!.id}` : a.id),
        (a) => {
          const visits = series.get(a.id);
          return visits ? renderSeries(visits, ctx, headingTag(level + 2), itemHeading) : renderItem(a, ctx, itemHeading);
        },
      )}</ul></li>`,
  )}</ul>`;
}

/**
 * A series' visits in the list as one group: "Home nursing, every day 08:00–10:00", its first
 * visit in the list, and the others behind a disclosure button (`aria-expanded`, the list it
 * controls `hidden` until then), each still an item of its own with its own cancel button; a
 * visit's calendar button writes the whole series (one VEVENT with RRULE). The button is described
 * by its series' heading: two series' buttons say "Show 4 more visits in the series" alike.
 */
function renderSeries(visits: readonly Appointment[], ctx: ItemContext, H: StaticValue, hVisit: string): TemplateResult {
  const { t, common, locale } = ctx;
  const [first, ...rest] = visits as [Appointment, ...Appointment[]];
  const series = first.series!;
  const rule = parseSeriesRule(series.rule)!;
  const seriesStart = parseInstant(series.start);
  const seriesEnd = parseInstant(series.end);
  const label = serviceLabel(first.serviceType, locale) ?? common.unknownCode;
  const days = rule.byDay.length ? rule.byDay : seriesStart ? [osloWeekday(seriesStart)] : [];
  const title = t.seriesTitle(
    label,
    t.recurrence(rule.freq, rule.interval, days),
    seriesStart ? timeText(seriesStart, locale) : '',
    seriesEnd ? timeText(seriesEnd, locale) : '',
  );
  const open = ctx.expanded.has(series.id);
  const listId = `series-${series.id}`;
  return staticHtml`<li part="series" class="series" data-series=${series.id}><${H} id=${`${listId}-h`} part="series-heading" class="series-heading" tabindex="-1"><bdi>${title}</bdi></${H}><p class="series-intro">${t.seriesIntro}</p><ul part="items" class="items" role="list">${renderItem(first, ctx, hVisit)}</ul><div part="series-actions" class="actions series-actions"><button type="button" part="series-toggle" class="secondary series-toggle" data-action="series" data-series=${series.id} aria-expanded=${open ? 'true' : 'false'} aria-controls=${listId} aria-describedby=${`${listId}-h`}>${open ? t.seriesHide : t.seriesShow(rest.length)}</button></div><ul id=${listId} part="items series-items" class="items series-items" role="list" ?hidden=${!open}>${repeat(
    rest,
    (a) => a.id,
    (a) => renderItem(a, ctx, hVisit, { withDay: true }),
  )}</ul></li>`;
}

/** Writes a sentence from the messages: its strings as text, each node by `write`. */
function sentenceInto(m: Markup, parts: readonly unknown[], write: (part: unknown) => void): void {
  for (const p of parts) {
    if (typeof p === 'string') m.text(p);
    else write(p);
  }
}

function timeInto(m: Markup, d: Date, text: string): void {
  m.tag('<time').attr('datetime', isoForTime(d)).tag('>').value(text).tag('</time>');
}

function phoneInto(m: Markup, raw: string): void {
  const href = telHref(raw);
  if (href) m.tag('<a part="phone-link" class="phone"').attr('href', href).tag('><bdi>').value(raw).tag('</bdi></a>');
  else m.tag('<bdi>').value(raw).tag('</bdi>');
}

/** ", phone <number>" after a name. */
function phoneAfterInto(m: Markup, raw: string | null | undefined, t: AppointmentListMessages): void {
  if (!raw) return;
  m.text(', ');
  sentenceInto(m, t.phone(PHONE), () => phoneInto(m, raw));
}

// Stand-ins handed to the message functions for the nodes they place in a sentence.
const FROM = { node: 'from' };
const TO = { node: 'to' };
const NODE = { node: 'node' };
const PHONE = NODE;

function timeRangeInto(m: Markup, a: Appointment, ctx: ItemContext): void {
  const start = parseInstant(a.start);
  const end = parseInstant(a.end);
  if (!start || !end) {
    m.value(ctx.common.unknownCode);
    return;
  }
  const { t, locale } = ctx;
  const parts = a.timing === 'window' ? t.window(FROM, TO) : t.exact(FROM, TO);
  sentenceInto(m, parts, (p) => {
    if (p === FROM) timeInto(m, start, timeText(start, locale));
    else timeInto(m, end, timeText(end, locale, osloDayKey(start) !== osloDayKey(end)));
  });
}

function placeInto(m: Markup, a: Appointment, t: AppointmentListMessages): void {
  const loc = a.location;
  if (!loc) return;
  m.tag('<dt>').text(t.place).tag('</dt><dd>');
  if (loc.atHome) m.text(t.atHome);
  else m.tag('<bdi>').value(loc.name).tag('</bdi>');
  if (loc.address) m.tag('<br /><bdi>').value(loc.address).tag('</bdi>');
  m.tag('</dd>');
}

/** A labelled free text (description, the service's answer). */
function noteInto(m: Markup, label: string, text: string | null | undefined): void {
  if (text) m.tag('<dt>').text(label).tag('</dt><dd><bdi class="text">').value(text).tag('</bdi></dd>');
}

function deadlineInto(m: Markup, a: Appointment, ctx: ItemContext, canCancel: boolean, deadlinePassed: boolean): void {
  const { t, locale } = ctx;
  const policy = a.cancellationPolicy;
  if (canCancel) {
    const deadline = parseInstant(policy.deadline);
    if (!deadline) return;
    m.tag('<p part="deadline" class="deadline">');
    sentenceInto(m, t.cancelDeadline(NODE), () => timeInto(m, deadline, timeText(deadline, locale, true)));
    if (policy.mode === 'request') m.text(` ${t.cancelIsRequest}`);
    m.tag('</p>');
  } else if (deadlinePassed) {
    // The service's number, else the municipality's (its configuration file) with its hours.
    const own = policy.phone;
    const phone = own || ctx.settings.contact?.phone;
    const hours = own ? undefined : ctx.hours;
    m.tag('<p part="deadline" class="deadline deadline-passed">');
    if (phone)
      sentenceInto(m, t.deadlinePassed(PHONE), () => {
        phoneInto(m, phone);
        if (hours) m.text(` ${t.openingHours(hours)}`);
      });
    else m.text(t.deadlinePassedNoPhone);
    m.tag('</p>');
  }
}

/**
 * The cancel and calendar buttons, in the item's one template (a template of their own per item
 * cost a tenth of the list's render). Which buttons there are is part of the item's shape, so an
 * appointment that gains or loses one gets new buttons: the list puts focus back on the new one
 * (or on the item's heading) when the old one had it (appointment-list.ts, `updated`).
 */
function actionsInto(m: Markup, a: Appointment, ctx: ItemContext, canCancel: boolean, calendar: boolean, label: string): void {
  if (!canCancel && !calendar) return;
  const { t, locale } = ctx;
  const start = parseInstant(a.start);
  // Who the button is for, read after its visible text: ": Home nursing, Friday 27 November 2026 08:00".
  // The name is the visible text and that (aria-label, so the name starts with what is seen),
  // not a visually hidden span: two nodes fewer per button.
  const about = `: ${label}, ${start ? `${formatDay(start, locale)} ${timeText(start, locale)}` : ''}`;
  m.tag('<div part="actions" class="actions">');
  if (canCancel) {
    m.tag('<button type="button"').attr('id', `act-${a.id}`).tag(' part="cancel-button" class="cancel" data-action="cancel"');
    m.attr('aria-label', t.cancel + about).tag('>').text(t.cancel).tag('</button>');
  }
  if (calendar) {
    m.tag('<button type="button" part="calendar-button" class="secondary calendar" data-action="calendar"');
    m.attr('aria-label', t.addToCalendar + about).tag('>').text(t.addToCalendar).tag('</button>');
  }
  m.tag('</div>');
}

/**
 * One appointment: the item element stays while the appointment changes; its text is one
 * template per shape, with parts only for its data.
 */
function renderItem(a: Appointment, ctx: ItemContext, h: string, opts: { withDay?: boolean } = {}): TemplateResult {
  const { t, common } = ctx;
  const label = serviceLabel(a.serviceType, ctx.locale) ?? common.unknownCode;
  const status = (t.statuses as Record<string, string>)[a.status] ?? common.unknownCode;
  const tone = tones[a.status] ?? 'attention';
  const statusAllows = cancellableStatuses.includes(a.status);
  const cancellable = a.cancellationPolicy.cancellable;
  const online = ctx.settings.features.cancellation;
  const canCancel = online && ctx.upcoming && cancellable && statusAllows;
  const deadlinePassed = ctx.upcoming && !cancellable && statusAllows;
  const calendar = ctx.settings.features.addToCalendar && ctx.upcoming && !noCalendar.has(a.status);
  const m = new Markup();
  m.tag(`<${h} part="item-heading" class="item-heading" tabindex="-1"`).attr('data-heading-for', a.id);
  if (!canCancel) m.attr('id', `act-${a.id}`);
  m.tag('>');
  const start = opts.withDay ? parseInstant(a.start) : undefined;
  if (start) m.tag('<span class="day-of">').value(formatDay(start, ctx.locale)).tag('</span>, ');
  m.tag('<span class="time">');
  timeRangeInto(m, a, ctx);
  m.tag('</span><span class="visually-hidden">, </span> <span class="label">').value(label).tag(`</span></${h}>`);
  m.tag(`<p part="status status-${tone}" class="status"><span class="visually-hidden">`).text(`${t.status}: `).tag('</span>').value(status).tag('</p>');
  if (a.timing === 'window') m.tag('<p class="window-note">').text(t.windowNote).tag('</p>');
  m.tag('<dl part="details" class="details">');
  placeInto(m, a, t);
  if (a.contact) {
    m.tag('<dt>').text(t.contact).tag('</dt><dd><bdi>').value(a.contact.name).tag('</bdi>');
    phoneAfterInto(m, a.contact.phone, t);
    m.tag('</dd>');
  }
  m.tag('<dt>').text(t.careService).tag('</dt><dd><bdi>').value(a.careService.name).tag('</bdi>');
  phoneAfterInto(m, a.careService.phone, t);
  m.tag('</dd>');
  if (ctx.showSource && a.source) m.tag('<dt>').text(t.municipality).tag('</dt><dd part="source" class="source"><bdi>').value(t.municipalityName(a.source.municipality.name)).tag('</bdi></dd>');
  noteInto(m, t.description, a.description);
  if (a.status === 'cancellation-rejected') noteInto(m, t.rejectionNote, a.cancellation?.rejectionNote);
  m.tag('</dl>');
  if (a.preparation) {
    m.tag('<div part="preparation" class="preparation"><p class="preparation-title">').text(t.preparation).tag('</p><bdi class="text">').value(a.preparation).tag('</bdi></div>');
  }
  deadlineInto(m, a, ctx, canCancel, deadlinePassed);
  actionsInto(m, a, ctx, canCancel, calendar, label);
  return html`<li part="item" class="item tone-${tone} status-${a.status}" data-id=${a.id}>${m.result()}</li>`;
}
