import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { parseAccessLogQuery, accessLogLimits, type AccessLogEntry, type AccessLogPage } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { formatDate, formatDateTime, parseInstant } from '../internal/format.js';
import { errorMessage } from '../internal/messages.js';
import { messages, type AccessLogMessages } from './access-log.messages.js';
import { styles } from './access-log.styles.js';

type Failure = { kind?: string; status?: number };

/** What `fetchData` answers when the page acts for someone else: the log is the person's own. */
const NOT_OWN = Symbol('not-own');
type Loaded = AccessLogPage | typeof NOT_OWN;

/**
 * "Hvem har sett opplysningene mine": every read or change of the person's data in a period, newest
 * first: when, who (the person, a relative by name and relation, or staff by their care service,
 * never an employee's name), and what kind of data. A period of Oslo dates (30 days ending today
 * at first), checked by the rules core before it is asked for; more pages on request. Only the
 * person reads their own log: a relative acting for them is told so, and no log is asked for.
 *
 * @summary The person's access log: who has seen what, and when.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart period - The period form.
 * @csspart from-input - The first day of the period.
 * @csspart to-input - The last day of the period.
 * @csspart show-button - The button that shows the period.
 * @csspart period-error - Why the period cannot be shown.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The "nobody in this period" text.
 * @csspart not-own - Said to a relative: the log is the person's own.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart shown-period - The period shown, as the server answered it.
 * @csspart items - The list of entries.
 * @csspart item - One entry (also `role-self`, `role-relative`, `role-staff`).
 * @csspart more-button - The "show more" button.
 *
 * @cssprop --omsorg-access-log-gap - Space between entries (default 0.5rem).
 * @cssprop --omsorg-access-log-item-border-color - An entry's border (default the subtle border colour).
 * @cssprop --omsorg-access-log-skeleton-height - Height reserved while loading (default 12rem).
 */
export class OmsorgAccessLog extends SubjectDataElement<Loaded> {
  static override styles = [SubjectDataElement.styles, styles];

  @state() private items: AccessLogEntry[] = [];
  @state() private nextCursor: string | null = null;
  /** The period as the server answered it. */
  @state() private shown?: { from: string; to: string };
  @state() private notOwn = false;
  /** The period asked for (Oslo dates); empty: the server's default, 30 days ending today. */
  @state() private from = '';
  @state() private to = '';
  @state() private periodError?: { parameter: 'from' | 'to'; text: string };
  @state() private loadingMore = false;
  @state() private moreError = '';

  /** Loads the first page again (also what "try again" does). */
  override reload(): void {
    super.reload();
  }

  protected override get t(): AccessLogMessages {
    return this.texts(messages);
  }

  protected override async fetchData(client: Client, subject: string, options: CallOptions): Promise<Loaded> {
    if (subject !== 'me') {
      // Someone else's log: the API refuses a relative (403); say so without asking for it.
      const me = await client.me({ signal: options.signal });
      const s = me.subjects.find((x) => x.id === subject);
      if (s && s.relation.code !== 'self') return NOT_OWN;
    }
    return client.getAccessLog(subject, this.query(), options);
  }

  private query(cursor?: string | null) {
    return { ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}), ...(cursor ? { cursor } : {}) };
  }

  protected override onLoaded(page: Loaded): string {
    if (page === NOT_OWN) {
      this.notOwn = true;
      return this.t.notOwn;
    }
    this.notOwn = false;
    this.items = [...page.items];
    this.nextCursor = page.nextCursor;
    this.shown = { from: page.from, to: page.to };
    return this.t.loaded(this.items.length);
  }

  protected override clearData(): void {
    this.items = [];
    this.nextCursor = null;
    this.shown = undefined;
    this.notOwn = false;
    this.moreError = '';
    this.loadingMore = false;
  }

  /** Checks the period with the rules core the server uses, then shows it (or says what is wrong). */
  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    const params = new URLSearchParams();
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const checked = parseAccessLogQuery(params, new Date());
    if ('status' in checked) {
      const parameter = checked.errors?.[0]?.parameter === 'to' ? 'to' : 'from';
      const value = parameter === 'to' ? to : from;
      const text = /^\d{4}-\d{2}-\d{2}$/.test(value) && from && to && from > to ? this.t.periodReversed : /^\d{4}-\d{2}-\d{2}$/.test(value) ? this.t.periodTooLong(accessLogLimits.maxDays) : this.t.dateInvalid;
      this.periodError = { parameter, text };
      this.alertText = text;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${parameter}`)?.focus());
      return;
    }
    this.periodError = undefined;
    this.from = from;
    this.to = to;
    this.reload();
  }

  private async more(): Promise<void> {
    const client = this.activeClient;
    if (!client || !this.nextCursor || this.loadingMore) return;
    const subject = this.subject;
    const first = this.items.length;
    this.loadingMore = true;
    this.moreError = '';
    await this.request(
      (signal) => client.getAccessLog(subject, this.query(this.nextCursor), { signal }),
      (page) => {
        const known = new Set(this.items.map((i) => i.id));
        const added = page.items.filter((i) => !known.has(i.id));
        this.items = [...this.items, ...added];
        this.nextCursor = page.nextCursor;
        this.politeText = this.t.moreLoaded(added.length);
        // Focus on the first new entry, so the keyboard goes on where the list grew.
        void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('li[part~="item"]')[first]?.focus());
      },
      (e) => {
        this.moreError = errorMessage(this.common, e as Failure);
        this.alertText = this.t.moreFailed;
      },
      () => {
        this.loadingMore = false;
      },
    );
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const form = this.phase !== 'signed-out' && !this.notOwn ? this.renderPeriod() : nothing;
    return this.renderFrame(form);
  }

  /** The period form, showing the period asked for, else the one the server answered. */
  private renderPeriod(): TemplateResult {
    const t = this.t;
    const err = this.periodError;
    const field = (name: 'from' | 'to', label: string, value: string) => html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        part="${name}-input"
        type="date"
        .value=${value}
        aria-invalid=${err?.parameter === name ? 'true' : 'false'}
        aria-describedby=${err?.parameter === name ? 'period-error' : nothing}
      />
    </div>`;
    return html`<form part="period" class="period" novalidate @submit=${this.onSubmit}>
      <fieldset>
        <legend>${t.period}</legend>
        <div class="fields">
          ${field('from', t.from, this.from || this.shown?.from || '')} ${field('to', t.to, this.to || this.shown?.to || '')}
          <button type="submit" part="show-button" class="secondary">${t.show}</button>
        </div>
        ${err ? html`<p id="period-error" part="period-error" class="inline-error">${err.text}</p>` : nothing}
      </fieldset>
    </form>`;
  }

  protected override renderSkeleton(): TemplateResult {
    return html`
      <span class="skeleton sk-item"></span>
      <span class="skeleton sk-item"></span>
      <span class="skeleton sk-item"></span>
    `;
  }

  private renderDay(date: string): TemplateResult {
    return html`<time datetime=${date}>${formatDate(date, this.locale)}</time>`;
  }

  protected override renderData(): unknown {
    const t = this.t;
    if (this.notOwn) return html`<p part="not-own" class="notice">${t.notOwn}</p>`;
    const period = this.shown ? html`<p part="shown-period" class="shown-period">${t.shownPeriod(this.renderDay(this.shown.from), this.renderDay(this.shown.to))}</p>` : nothing;
    if (this.items.length === 0) return html`${period}<p part="empty" class="notice empty">${t.empty}</p>`;
    return html`${period}
      <ul part="items" class="items" role="list">
        ${repeat(
          this.items,
          (e) => e.id,
          (e) => this.renderItem(e, t),
        )}
      </ul>
      ${this.nextCursor
        ? html`<button type="button" part="more-button" class="secondary more" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${this.more}>${t.more}</button>`
        : nothing}
      ${this.moreError ? html`<p class="inline-error">${t.moreFailed}</p>` : nothing}`;
  }

  private renderItem(e: AccessLogEntry, t: AccessLogMessages): TemplateResult {
    const unknown = this.common.unknownCode;
    const at = parseInstant(e.recorded);
    const a = e.agent;
    const who =
      a.role === 'staff'
        ? a.careService
          ? t.staffOf(html`<bdi>${a.careService.name}</bdi>`)
          : t.roles.staff
        : a.name
          ? html`<bdi>${a.name}</bdi>`
          : unknown;
    const role = (t.roles as Record<string, string>)[a.role] ?? unknown;
    const kind = (t.kinds as Record<string, string>)[e.entity.kind] ?? unknown;
    const action = (t.actions as Record<string, string>)[e.action] ?? unknown;
    return html`<li part="item role-${a.role}" class="item" data-id=${e.id} tabindex="-1">
      <p class="when">${at ? html`<time datetime=${e.recorded}>${formatDateTime(at, this.locale)}</time>` : html`<bdi>${e.recorded}</bdi>`}</p>
      <dl class="details">
        <div>
          <dt>${t.who}</dt>
          <dd>${who}</dd>
        </div>
        <div>
          <dt>${t.role}</dt>
          <dd>${role}</dd>
        </div>
        <div>
          <dt>${t.what}</dt>
          <dd>${kind}</dd>
        </div>
        <div>
          <dt>${t.action}</dt>
          <dd>${action}</dd>
        </div>
      </dl>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-access-log': OmsorgAccessLog;
  }
}
