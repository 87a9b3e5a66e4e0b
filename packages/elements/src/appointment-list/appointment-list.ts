import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { municipalitiesOf, serviceLabel, type Appointment, type AppointmentPage, type RecordSource } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { AppointmentCancelEvent, type AppointmentRef } from '../internal/events.js';
import { errorMessage } from '../internal/messages.js';
import { formatDateTime, parseInstant } from '../internal/format.js';
import { BlobDownloads } from '../internal/download.js';
import { sourceNames } from '../internal/sources.js';
import { onFocusLost, openCancelDialog } from './appointment-list.cancel.js';
import { messages, type AppointmentListMessages } from './appointment-list.messages.js';
import { styles } from './appointment-list.styles.js';
import { openingHoursIn, pageSettings } from '../internal/settings.js';
import { renderDays, type ItemAction, type ItemContext } from './appointment-list.render.js';

export type AppointmentWhen = 'upcoming' | 'past';

/** One loaded first page and the view it was asked for. */
interface FirstPage {
  when: AppointmentWhen;
  page: AppointmentPage;
}

/**
 * Upcoming and past appointments and home visits for the person the page acts for, grouped by
 * day (Europe/Oslo), with status, place, contact, preparation notes, cancellation and
 * "add to calendar".
 *
 * @summary Planned and past appointments and home visits, grouped by day.
 *
 * @fires omsorg-appointment-cancel - The citizen pressed "Cancel". Cancelable: `preventDefault()`
 *   stops the list from opening `<omsorg-cancel-dialog>`. Detail: `{ appointmentId, subjectId }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart toggle - The group holding the upcoming / past buttons.
 * @csspart toggle-button - Each upcoming / past button (`aria-pressed` tells which is shown).
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The "no appointments" text.
 * @csspart unavailable - The notice that some record systems did not answer (their appointments are missing).
 * @csspart source - An appointment's municipality (shown when the list holds more than one).
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart days - The list of days.
 * @csspart day - One day.
 * @csspart day-heading - A day's heading.
 * @csspart items - The list of appointments on one day.
 * @csspart item - One appointment.
 * @csspart item-heading - An appointment's heading (time and service type).
 * @csspart status - The status badge (also `status-positive`, `status-attention`, `status-negative`).
 * @csspart details - The place / contact / service list.
 * @csspart preparation - The preparation note.
 * @csspart deadline - The cancellation deadline text.
 * @csspart phone-link - A `tel:` link.
 * @csspart actions - The row of buttons on an appointment.
 * @csspart cancel-button - The "Cancel" button.
 * @csspart calendar-button - The "Add to calendar" button.
 * @csspart more-button - The "Show more" button.
 * @csspart series - A series of recurring visits (two or more in the list), grouped.
 * @csspart series-heading - A series' heading ("Home nursing, every day 08:00–10:00").
 * @csspart series-actions - The row of a series' buttons.
 * @csspart series-toggle - The button that shows or hides a series' other visits (`aria-expanded`).
 * @csspart series-items - The list of a series' other visits (also `items`).
 *
 * @cssprop --omsorg-appointment-list-gap - Space between days and items (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-appointment-list-item-background - Item background (default the surface colour).
 * @cssprop --omsorg-appointment-list-item-border-color - Item border (default the subtle border colour).
 * @cssprop --omsorg-appointment-list-item-radius - Item corner radius (default `--omsorg-border-radius`).
 * @cssprop --omsorg-appointment-list-day-heading-color - Day heading colour (default the text colour).
 * @cssprop --omsorg-appointment-list-time-color - Colour of the time in an item (default the accent colour).
 * @cssprop --omsorg-appointment-list-status-positive - Badge colour for confirmed / completed.
 * @cssprop --omsorg-appointment-list-status-attention - Badge colour for pending / requested.
 * @cssprop --omsorg-appointment-list-status-negative - Badge colour for cancelled / rejected.
 * @cssprop --omsorg-appointment-list-skeleton-height - Height reserved while loading (default 18rem).
 */
export class OmsorgAppointmentList extends SubjectDataElement<FirstPage> {
  static override styles = [SubjectDataElement.styles, styles];

  /** Which appointments to show. The built-in toggle changes it too. */
  @property({ reflect: true }) when: AppointmentWhen = 'upcoming';

  /** How many appointments to load per page (1–100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Hide the built-in upcoming / past toggle (the host sets `when` itself). */
  @property({ type: Boolean, attribute: 'hide-toggle' }) hideToggle = false;

  @state() private items: Appointment[] = [];
  /** Record sources the last page could not read (its other sources' items are shown). */
  @state() private unavailable: RecordSource[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadedWhen: AppointmentWhen = 'upcoming';
  @state() private loadingMore = false;
  @state() private moreError?: unknown;
  /** The series whose other visits are shown (ids). */
  @state() private expandedSeries: ReadonlySet<string> = new Set();

  private downloads = new BlobDownloads();
  private lastTrigger?: { appointmentId: string; button: HTMLElement };
  /** The focused element in an item as a render began, and that item (see `updated`). */
  private focusBefore?: [HTMLElement, HTMLElement];
  private stopFocusWatch?: () => void;
  private stopWatch?: () => void;
  /** Status changes a poll brought, said together at the end of the task. */
  private news: string[] = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFocusWatch?.();
    this.stopWatching();
    this.downloads.dispose();
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    this.listen('appointment-changed', ({ appointment, cause }) => this.replaceItem(appointment, cause === 'poll'));
  }

  protected override clientDisconnected(): void {
    super.clientDisconnected();
    this.stopWatching();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('when') && this.when !== 'upcoming' && this.when !== 'past') this.when = 'upcoming';
    super.willUpdate(changed);
    const active = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const item = active?.closest<HTMLElement>('[data-id]');
    this.focusBefore = item ? [active!, item] : undefined;
  }

  /**
   * An item whose shape changed (a button more or less, a note, the page's language) is made
   * anew, so focus that was in it would fall to the page: it goes to the same button in the new
   * item, or else to the item's heading.
   */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // (willUpdate sets focusBefore anew for every render.)
    const [was, item] = this.focusBefore ?? [];
    if (!was || was.isConnected) return;
    // The item element stays (its content is what is made anew). No data-action (the heading, a
    // phone link): "undefined" matches no button, and the heading takes focus.
    const again = item!.querySelector<HTMLElement>(`[data-action="${was.dataset.action}"]`);
    if (again) again.focus();
    else this.focusItem(item!.dataset.id!);
  }

  protected override reloadsOn(changed: PropertyValues<this>): boolean {
    return super.reloadsOn(changed) || changed.has('when') || changed.has('pageSize');
  }

  private get limit(): number {
    const n = Math.round(Number(this.pageSize));
    return Number.isFinite(n) ? Math.min(100, Math.max(1, n)) : 20;
  }

  protected override get t(): AppointmentListMessages {
    return this.texts(messages);
  }

  protected override abortAll(): void {
    super.abortAll();
    this.loadingMore = false;
  }

  protected override async fetchData(client: Client, subject: string, options: CallOptions): Promise<FirstPage> {
    const when = this.when;
    const page = await client.listAppointments({ subjectId: subject, when, limit: this.limit, cursor: null }, options);
    return { when, page };
  }

  protected override onLoaded({ when, page }: FirstPage): string {
    const seen = new Set<string>();
    this.items = page.items.filter((a) => !seen.has(a.id) && !!seen.add(a.id));
    this.nextCursor = page.nextCursor;
    this.unavailable = page.unavailableSources ?? [];
    this.loadedWhen = when;
    this.watch(when);
    return this.t.loaded(this.items.length, when);
  }

  protected override clearData(): void {
    this.items = [];
    this.expandedSeries = new Set();
    this.unavailable = [];
    this.nextCursor = null;
    this.moreError = undefined;
    this.news = [];
    this.stopWatching();
  }

  /**
   * Keeps the loaded list fresh while it is shown (the SDK polls it; a change arrives as
   * `appointment-changed` with `cause: 'poll'`, handled by replaceItem).
   */
  private watch(when: AppointmentWhen): void {
    this.stopWatching();
    this.stopWatch = this.activeClient?.watchAppointments({ subjectId: this.subject, when, limit: this.limit });
  }

  private stopWatching(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  private async loadMore(button: HTMLElement): Promise<void> {
    const client = this.activeClient;
    const cursor = this.nextCursor;
    if (!client || !cursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    this.politeText = '';
    this.alertText = '';
    await this.request(
      (signal) => client.listAppointments({ subjectId: this.subject, when: this.loadedWhen, limit: this.limit, cursor }, { signal }),
      async (page) => {
        const known = new Set(this.items.map((a) => a.id));
        const fresh = page.items.filter((a) => !known.has(a.id) && !!known.add(a.id));
        this.items = [...this.items, ...fresh];
        this.nextCursor = page.nextCursor;
        if (page.unavailableSources?.length) this.unavailable = page.unavailableSources;
        this.loadingMore = false;
        this.politeText = fresh.length ? this.t.loadedMore(fresh.length, this.items.length) : this.t.noMore;
        await this.updateComplete;
        // The first new visit the reader can see; when every new one joined a closed series,
        // the first one's series (its disclosure button, whose count just grew).
        const first = fresh.find((a) => !this.headingOf(a.id)?.closest('ul[hidden]')) ?? fresh[0];
        if (first) this.focusItem(first.id);
        else if (!button.isConnected) this.focusHeading();
      },
      (e) => {
        this.moreError = e;
        this.alertText = `${this.t.errorLoadMore} ${errorMessage(this.common, e as { kind?: string; status?: number })}`;
      },
      () => {
        this.loadingMore = false;
      },
    );
  }

  private announceStatus(a: Appointment): void {
    const t = this.t;
    const start = parseInstant(a.start);
    const what = [serviceLabel(a.serviceType, this.locale) ?? this.common.unknownCode, start ? formatDateTime(start, this.locale) : ''].filter(Boolean).join(', ');
    const note = a.status === 'cancellation-rejected' && a.cancellation?.rejectionNote ? ` ${t.rejectionNote}: ${a.cancellation.rejectionNote}` : '';
    if (this.news.push(`${t.statusChanged(what, t.statuses[a.status] ?? a.status)}${note}`) > 1) return;
    // One poll may bring several: say them together, once, at the end of the task.
    queueMicrotask(() => {
      const text = this.news.join(' ');
      this.news = [];
      if (!text || this.phase !== 'ready') return;
      this.politeText = text;
    });
  }

  private headingOf(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-heading-for="${CSS.escape(id)}"]`);
  }

  private focusItem(id: string): void {
    const heading = this.headingOf(id);
    // A visit in a closed series: its series' disclosure button, which opens it.
    const closed = heading?.closest<HTMLElement>('ul[hidden]')?.closest('li[part="series"]');
    if (closed) closed.querySelector<HTMLElement>('[part="series-toggle"]')?.focus();
    else heading?.focus();
  }

  private replaceItem(appointment: Appointment, fromPoll = false): void {
    const i = this.items.findIndex((a) => a.id === appointment.id);
    if (i < 0) return;
    const before = this.items[i];
    const next = [...this.items];
    next[i] = appointment;
    this.items = next;
    // A change made elsewhere (the service's answer, another tab) is said politely; focus stays.
    if (fromPoll && before && before.status !== appointment.status) this.announceStatus(appointment);
    if (this.lastTrigger?.appointmentId === appointment.id) {
      const { button } = this.lastTrigger;
      void this.updateComplete.then(() => {
        if (!button.isConnected) this.keepFocusNear(appointment.id);
      });
    }
  }

  /**
   * The cancel button that opened the dialog is gone (the appointment is cancelled now), so the
   * dialog cannot return focus to it. The item's heading takes over the button's id (the cancel
   * dialog looks a replaced trigger up by id); for any other dialog, when focus next falls back
   * to the page body, put it on the appointment's heading.
   */
  private keepFocusNear(appointmentId: string): void {
    this.stopFocusWatch?.();
    const stop = onFocusLost(this, () => {
      if (this.stopFocusWatch === stop) this.stopFocusWatch = undefined;
      this.focusItem(appointmentId);
    });
    this.stopFocusWatch = stop;
  }

  /** The one click listener of the item buttons (`data-action`, in the item with `data-id`). */
  private readonly onItemClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.<HTMLElement>('button[data-action]');
    const action = button?.dataset.action as ItemAction | undefined;
    if (button && action === 'series') {
      this.toggleSeries(button.dataset.series ?? '');
      return;
    }
    const id = button?.closest('li[data-id]')?.getAttribute('data-id');
    const appointment = id == null ? undefined : this.items.find((a) => a.id === id);
    if (!button || !appointment) return;
    if (action === 'cancel') this.onCancel(appointment, button);
    else void this.downloadCalendar(appointment);
  };

  /** Shows or hides a series' other visits (the disclosure button keeps focus). */
  private toggleSeries(seriesId: string): void {
    const next = new Set(this.expandedSeries);
    if (!next.delete(seriesId)) next.add(seriesId);
    this.expandedSeries = next;
  }

  private onCancel(appointment: Appointment, trigger: HTMLElement): void {
    const ref: AppointmentRef = { appointmentId: appointment.id, subjectId: this.subject };
    const intent = new AppointmentCancelEvent(ref);
    if (!this.dispatchEvent(intent)) return;
    this.lastTrigger = { appointmentId: appointment.id, button: trigger };
    openCancelDialog(ref, trigger, this.activeClient);
  }

  /**
   * "Add to calendar": the appointment's .ics file, or its series' (appointment-list.calendar.ts,
   * loaded at the first press: most visits to the page never write a calendar file).
   */
  private async downloadCalendar(a: Appointment): Promise<void> {
    try {
      const { calendarFor } = await import('./appointment-list.calendar.js');
      if (!this.isConnected) return; // gone while the code loaded: no file, no URL to free
      const file = calendarFor(this.items, a, this.t, this.common, this.locale);
      if (file) this.downloads.save(this.renderRoot, ...file);
    } catch {
      this.alertText = '';
      this.alertText = this.t.calendarError;
    }
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const toggle = this.phase === 'signed-out' || this.hideToggle ? nothing : this.renderToggle(this.t);
    return this.renderFrame(toggle);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton sk-heading"></span><span class="skeleton sk-item"></span><span class="skeleton sk-item"></span>`;
  }

  protected override renderData(level: number): unknown {
    const t = this.t;
    // A record source that did not answer is said (its items are missing), not hidden.
    const missing = this.unavailable.length
      ? html`<p part="unavailable" class="notice unavailable">${t.unavailableSources(sourceNames(this.unavailable, this.locale, t.municipalityName))}</p>`
      : nothing;
    if (this.items.length === 0) {
      return html`${missing}<p part="empty" class="notice empty">${this.loadedWhen === 'upcoming' ? t.emptyUpcoming : t.emptyPast}</p>`;
    }
    const ctx: ItemContext = {
      t,
      common: this.common,
      locale: this.locale,
      upcoming: this.loadedWhen === 'upcoming',
      onClick: this.onItemClick,
      expanded: this.expandedSeries,
      settings: pageSettings(),
      hours: openingHoursIn(this.textLocale),
      showSource: municipalitiesOf(this.items).length > 1,
    };
    return html`${missing}${renderDays(this.items, ctx, level)}${this.renderMore(t)}`;
  }

  // The templates hold no layout whitespace: their containers are flex boxes, and every byte of
  // template text is shipped as written. (Setting `when` to the value it has changes nothing:
  // lit compares.)
  private renderToggle(t: AppointmentListMessages): TemplateResult {
    const option = (when: AppointmentWhen, label: string) =>
      html`<button type="button" part="toggle-button" class="toggle-button" aria-pressed=${this.when === when ? 'true' : 'false'} @click=${() => (this.when = when)}>${label}</button>`;
    return html`<div part="toggle" class="toggle" role="group" aria-label=${t.viewLabel}>${option('upcoming', t.upcoming)}${option('past', t.past)}</div>`;
  }

  private renderMore(t: AppointmentListMessages): unknown {
    if (!this.nextCursor && !this.moreError) return nothing;
    return html`<div class="more">${
      this.moreError
        ? html`<p class="inline-error">${t.errorLoadMore} ${errorMessage(this.common, this.moreError as { kind?: string; status?: number })}</p>`
        : nothing
    }${
      this.nextCursor
        ? html`<button type="button" part="more-button" class="secondary more-button" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${(e: Event) => this.loadMore(e.currentTarget as HTMLElement)}>${
            this.loadingMore ? t.loadingMore : this.moreError ? this.common.retry : t.showMore
          }</button>`
        : nothing
    }</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-appointment-list': OmsorgAppointmentList;
  }
}
