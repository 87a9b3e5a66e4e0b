import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { labelFor, type Extent, type GrantedService } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { OmsorgElement } from '../internal/base.js';
import { errorMessage } from '../internal/messages.js';
import { formatDate } from '../internal/format.js';
import { intlTag, type Locale } from '../internal/locale.js';
import { clampHeadingLevel, headingTag } from '../internal/heading.js';
import { telHref } from '../internal/phone.js';
import { messages, type ServiceListMessages } from './service-list.messages.js';
import { styles } from './service-list.styles.js';

type Phase = 'idle' | 'loading' | 'ready' | 'error' | 'signed-out';

const order: Record<GrantedService['status'], number> = { active: 0, planned: 1, ended: 2 };

const isAbort = (e: unknown) =>
  (e instanceof DOMException && e.name === 'AbortError') || (!!e && typeof e === 'object' && (e as { kind?: string }).kind === 'aborted');
const isAuth = (e: unknown) =>
  !!e && typeof e === 'object' && ((e as { kind?: string }).kind === 'auth' || (e as { status?: number }).status === 401);

/** "2 besøk per dag", "3 hours a week": amount, unit (plural by Intl.PluralRules) and period. */
export function formatExtent(extent: Extent, locale: Locale, t: ServiceListMessages, unknown: string): string {
  const forms = (t.units as Record<string, { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>>)[extent.unit];
  const per = (t.per as Record<string, string>)[extent.per];
  if (!forms || !per || typeof extent.amount !== 'number' || !Number.isFinite(extent.amount)) return unknown;
  // Bokmål as the fallback: some browsers ship without nynorsk data and would use en-US.
  const tags = [intlTag[locale], intlTag.nb];
  const rule = new Intl.PluralRules(tags).select(extent.amount);
  const amount = new Intl.NumberFormat(tags, { maximumFractionDigits: 2 }).format(extent.amount);
  return t.extent(amount, forms[rule] ?? forms.other, per);
}

/**
 * The services a person has been granted (vedtak): what, how much, from when to when, status,
 * which unit provides it and how to reach them.
 *
 * @summary Granted services (vedtak): what, how much, from–to.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The "no services" text.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart items - The list of services.
 * @csspart item - One service.
 * @csspart item-heading - A service's heading (the service type).
 * @csspart status - The status badge (also `status-active`, `status-planned`, `status-ended`).
 * @csspart details - The extent / validity / provider list.
 * @csspart phone-link - A `tel:` link.
 *
 * @cssprop --omsorg-service-list-gap - Space between items (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-service-list-item-background - Item background (default the surface colour).
 * @cssprop --omsorg-service-list-item-border-color - Item border (default the subtle border colour).
 * @cssprop --omsorg-service-list-item-radius - Item corner radius (default `--omsorg-border-radius`).
 * @cssprop --omsorg-service-list-status-active - Badge colour for active services.
 * @cssprop --omsorg-service-list-status-planned - Badge colour for planned services.
 * @cssprop --omsorg-service-list-status-ended - Badge colour for ended services.
 * @cssprop --omsorg-service-list-skeleton-height - Height reserved while loading (default 12rem).
 */
export class OmsorgServiceList extends OmsorgElement {
  static override styles = styles;

  /** The subject to show; default the client's current subject (`client.getSubject()`). */
  @property({ attribute: 'subject-id' }) subjectId?: string;

  /** Also show services that have ended. */
  @property({ type: Boolean, attribute: 'include-ended' }) includeEnded = false;

  /** The level of the element's heading (1–6); each service's heading is one level deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private phase: Phase = 'idle';
  @state() private items: GrantedService[] = [];
  @state() private error?: unknown;
  @state() private actingFor?: { name?: string };
  @state() private politeText = '';
  @state() private alertText = '';
  @state() private signInError = false;

  private controller?: AbortController;
  private meController?: AbortController;
  private actingForSubject?: string;
  private needsLoad = false;
  private authStatus?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.needsLoad = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortAll();
  }

  protected override clientConnected(client: Client): void {
    this.authStatus = client.auth.state().status;
    this.listen('cleared', () => this.toSignedOut());
    this.listen('auth-required', () => this.toSignedOut());
    this.listen('auth-changed', (s) => {
      const before = this.authStatus;
      this.authStatus = s.status;
      if (s.status === 'signed-in' && before !== 'signed-in') this.reload();
      else if (s.status === 'signed-out') this.toSignedOut();
    });
    this.listen('subject-changed', () => {
      if (!this.subjectId) this.reload();
    });
    this.needsLoad = true;
  }

  protected override clientDisconnected(): void {
    this.abortAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hasUpdated && changed.has('subjectId')) this.needsLoad = true;
    if (this.needsLoad && this.activeClient && this.isConnected) {
      this.needsLoad = false;
      void this.load();
    }
  }

  /** Loads the services again (also what "try again" does). */
  reload(): void {
    this.needsLoad = false;
    void this.load({ fresh: true });
  }

  private get subject(): string {
    return this.subjectId || this.activeClient?.getSubject() || 'me';
  }

  private get t(): ServiceListMessages {
    return this.texts(messages);
  }

  private abortAll(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.meController?.abort();
    this.meController = undefined;
  }

  private async load(options: { fresh?: boolean } = {}): Promise<void> {
    const client = this.activeClient;
    this.abortAll();
    if (!client) return;
    if (client.auth.state().status === 'signed-out') {
      this.toSignedOut();
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const subject = this.subject;
    this.phase = 'loading';
    this.items = [];
    this.error = undefined;
    this.signInError = false;
    this.politeText = '';
    this.alertText = '';
    this.loadActingFor(client, subject);
    try {
      const list = await client.listServices(subject, { signal: controller.signal, fresh: options.fresh });
      if (controller.signal.aborted) return;
      this.items = [...list.items].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
      this.phase = 'ready';
      this.politeText = this.t.loaded(this.visible.length);
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) return;
      if (isAuth(e)) {
        this.toSignedOut();
        return;
      }
      this.error = e;
      this.phase = 'error';
      this.alertText = errorMessage(this.common, e as { kind?: string; status?: number });
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  private loadActingFor(client: Client, subject: string): void {
    if (subject === 'me') {
      this.actingFor = undefined;
      return;
    }
    if (this.actingFor?.name && this.actingForSubject === subject) return;
    this.actingForSubject = subject;
    this.actingFor = {};
    const controller = new AbortController();
    this.meController = controller;
    client.me({ signal: controller.signal }).then(
      (me) => {
        if (controller.signal.aborted) return;
        const s = me.subjects.find((x) => x.id === subject);
        if (s && s.relation.code === 'self') this.actingFor = undefined;
        else this.actingFor = { name: s?.name };
      },
      () => {
        // Without a name the element still says that it shows someone else's services.
      },
    );
  }

  private toSignedOut(): void {
    this.abortAll();
    this.needsLoad = false;
    this.items = [];
    this.error = undefined;
    this.actingFor = undefined;
    this.actingForSubject = undefined;
    this.politeText = '';
    this.alertText = '';
    this.phase = 'signed-out';
  }

  private get visible(): GrantedService[] {
    return this.includeEnded ? this.items : this.items.filter((s) => s.status !== 'ended');
  }

  private retry(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    this.reload();
  }

  private async signIn(): Promise<void> {
    this.signInError = false;
    try {
      await this.activeClient?.auth.signIn();
    } catch {
      this.signInError = true;
      this.alertText = this.t.signInFailed;
    }
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    const t = this.t;
    const level = clampHeadingLevel(this.headingLevel);
    const H = headingTag(level);
    const acting = this.phase !== 'signed-out' ? this.actingFor : undefined;
    const title = acting?.name ? t.titleFor(html`<bdi>${acting.name}</bdi>`) : t.title;
    const busy = this.phase === 'loading' || this.phase === 'idle';
    return staticHtml`
      <div part="base" class="base">
        <${H} id="title" part="heading" class="heading" tabindex="-1">${title}</${H}>
        ${acting && !acting.name ? html`<p part="acting-for" class="notice acting-for">${t.actingForUnknown}</p>` : nothing}
        <div part="content" class="content" aria-busy=${busy ? 'true' : 'false'}>${this.renderBody(t, level)}</div>
        <div class="visually-hidden" role="status">${this.politeText}</div>
        <div class="visually-hidden" role="alert">${this.alertText}</div>
      </div>
    `;
  }

  private renderBody(t: ServiceListMessages, level: number): unknown {
    const c = this.common;
    switch (this.phase) {
      case 'idle':
      case 'loading':
        return html`
          <div part="skeleton" class="skeleton-list" aria-hidden="true">
            <span class="skeleton sk-item"></span>
            <span class="skeleton sk-item"></span>
          </div>
          <p class="visually-hidden">${t.loadingList}</p>
        `;
      case 'signed-out':
        return html`<div part="signed-out" class="notice signed-out">
          <p>${c.signedOut}</p>
          <button type="button" part="sign-in-button" @click=${this.signIn}>${c.signIn}</button>
          ${this.signInError ? html`<p class="inline-error">${t.signInFailed}</p>` : nothing}
        </div>`;
      case 'error':
        return html`<div part="error" class="error">
          <p>${errorMessage(c, this.error as { kind?: string; status?: number })}</p>
          <button type="button" part="retry-button" class="secondary" @click=${this.retry}>${c.retry}</button>
        </div>`;
      case 'ready': {
        const items = this.visible;
        if (items.length === 0) {
          return html`<p part="empty" class="notice empty">${this.items.length ? t.emptyCurrent : t.empty}</p>`;
        }
        return html`<ul part="items" class="items" role="list">
          ${repeat(
            items,
            (s) => s.id,
            (s) => this.renderItem(s, t, level + 1),
          )}
        </ul>`;
      }
    }
  }

  private renderPhone(raw: string | null | undefined): unknown {
    if (!raw) return nothing;
    const href = telHref(raw);
    return href ? html`<a part="phone-link" class="phone" href=${href}><bdi>${raw}</bdi></a>` : html`<bdi>${raw}</bdi>`;
  }

  private renderDate(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${formatDate(iso, this.locale)}</time>`;
  }

  private renderItem(s: GrantedService, t: ServiceListMessages, level: number): TemplateResult {
    const H = headingTag(level);
    const unknown = this.common.unknownCode;
    const label = labelFor(s.serviceType, this.locale) ?? unknown;
    const status = (t.statuses as Record<string, string>)[s.status] ?? unknown;
    return html`<li part="item" class="item status-${s.status}" data-id=${s.id}>
      ${staticHtml`<${H} part="item-heading" class="item-heading">${label}</${H}>`}
      <p part="status status-${s.status}" class="status"><span class="visually-hidden">${t.status}: </span>${status}</p>
      <dl part="details" class="details">
        <div>
          <dt>${t.extentLabel}</dt>
          <dd>${formatExtent(s.extent, this.locale, t, unknown)}</dd>
        </div>
        <div>
          <dt>${t.validLabel}</dt>
          <dd>${s.validTo ? t.validFromTo(this.renderDate(s.validFrom), this.renderDate(s.validTo)) : t.validFromOpen(this.renderDate(s.validFrom))}</dd>
        </div>
        <div>
          <dt>${t.careService}</dt>
          <dd>
            <bdi>${s.careService.name}</bdi>${s.careService.phone ? html`, ${t.phone(this.renderPhone(s.careService.phone))}` : nothing}
          </dd>
        </div>
        ${s.decidedAt
          ? html`<div>
              <dt>${t.decidedLabel}</dt>
              <dd>${this.renderDate(s.decidedAt)}</dd>
            </div>`
          : nothing}
        ${s.note
          ? html`<div>
              <dt>${t.note}</dt>
              <dd><bdi class="text">${s.note}</bdi></dd>
            </div>`
          : nothing}
      </dl>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-service-list': OmsorgServiceList;
  }
}
