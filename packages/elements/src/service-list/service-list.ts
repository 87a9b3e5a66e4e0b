import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { municipalitiesOf, serviceLabel, type Extent, type GrantedService, type RecordSource, type ServiceList } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { formatDate } from '../internal/format.js';
import { intlTag, type Locale } from '../internal/locale.js';
import { headingTag } from '../internal/heading.js';
import { telHref } from '../internal/phone.js';
import { sourceNames } from '../internal/sources.js';
import { messages, type ServiceListMessages } from './service-list.messages.js';
import { styles } from './service-list.styles.js';

const order: Record<GrantedService['status'], number> = { active: 0, planned: 1, ended: 2 };

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
 * @csspart unavailable - The notice that some record systems did not answer (their services are missing).
 * @csspart source - A service's municipality (shown when the list holds more than one).
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
export class OmsorgServiceList extends SubjectDataElement<ServiceList> {
  static override styles = [SubjectDataElement.styles, styles];

  /** Also show services that have ended. */
  @property({ type: Boolean, attribute: 'include-ended' }) includeEnded = false;

  @state() private items: GrantedService[] = [];
  /** Record sources the list could not read (their services are missing). */
  @state() private unavailable: RecordSource[] = [];

  /** Loads the services again (also what "try again" does). */
  override reload(): void {
    super.reload();
  }

  protected override get t(): ServiceListMessages {
    return this.texts(messages);
  }

  protected override fetchData(client: Client, subject: string, options: CallOptions): Promise<ServiceList> {
    return client.listServices(subject, options);
  }

  protected override onLoaded(list: ServiceList): string {
    this.items = [...list.items].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
    this.unavailable = list.unavailableSources ?? [];
    return this.t.loaded(this.visible.length);
  }

  protected override clearData(): void {
    this.items = [];
    this.unavailable = [];
  }

  private get visible(): GrantedService[] {
    return this.includeEnded ? this.items : this.items.filter((s) => s.status !== 'ended');
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    return this.renderFrame(nothing);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`
      <span class="skeleton sk-item"></span>
      <span class="skeleton sk-item"></span>
    `;
  }

  protected override renderData(level: number): unknown {
    const t = this.t;
    const items = this.visible;
    // A record source that did not answer is said (its services are missing), not hidden.
    const missing = this.unavailable.length
      ? html`<p part="unavailable" class="notice unavailable">${t.unavailableSources(sourceNames(this.unavailable, this.locale, t.municipalityName))}</p>`
      : nothing;
    if (items.length === 0) {
      return html`${missing}<p part="empty" class="notice empty">${this.items.length ? t.emptyCurrent : t.empty}</p>`;
    }
    const showSource = municipalitiesOf(items).length > 1;
    return html`${missing}<ul part="items" class="items" role="list">
      ${repeat(
        items,
        (s) => s.id,
        (s) => this.renderItem(s, t, level + 1, showSource),
      )}
    </ul>`;
  }

  private renderPhone(raw: string | null | undefined): unknown {
    if (!raw) return nothing;
    const href = telHref(raw);
    return href ? html`<a part="phone-link" class="phone" href=${href}><bdi>${raw}</bdi></a>` : html`<bdi>${raw}</bdi>`;
  }

  private renderDate(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${formatDate(iso, this.locale)}</time>`;
  }

  private renderItem(s: GrantedService, t: ServiceListMessages, level: number, showSource: boolean): TemplateResult {
    const H = headingTag(level);
    const unknown = this.common.unknownCode;
    const label = serviceLabel(s.serviceType, this.locale) ?? unknown;
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
        ${showSource && s.source
          ? html`<div>
              <dt>${t.municipality}</dt>
              <dd part="source" class="source"><bdi>${t.municipalityName(s.source.municipality.name)}</bdi></dd>
            </div>`
          : nothing}
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
