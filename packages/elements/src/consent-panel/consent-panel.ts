import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { dialogueRefusal, type ConsentDecision, type DialogueConsent } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { formatDate, formatDateTime, parseInstant } from '../internal/format.js';
import { headingTag } from '../internal/heading.js';
import { errorMessage } from '../internal/messages.js';
import { messages, type ConsentPanelMessages } from './consent-panel.messages.js';
import { styles } from './consent-panel.styles.js';

/** The panel's sections; a host shows one alone with `section="…"`. */
export const consentSections = ['dialogue'] as const;
export type ConsentSection = (typeof consentSections)[number];

type Failure = { kind?: string; status?: number };

/** The consent text's paragraphs, in order. */
const dialogueParagraphs = ['what', 'urgent', 'withdraw'] as const;

/**
 * The citizen's own consents: whether the municipal care service and they may write to each
 * other (consent to digital dialogue), with its history. Giving and withdrawing are one button
 * each, take effect at once, and go through the SDK's intent (Idempotency-Key, If-Match on the
 * version shown). A relative acting for the person sees the state but cannot change it (the
 * server refuses it too).
 *
 * This version has one section, `dialogue`; relatives' access and notices are the next ones.
 *
 * @summary Consent to digital dialogue, given and withdrawn by the person.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart section - One section (also `section-dialogue`).
 * @csspart section-heading - A section's heading (absent when the section is shown alone).
 * @csspart consent-text - The consent text the person agrees to.
 * @csspart status - What holds now (also `status-none`, `status-active`, `status-outdated`, `status-inactive`).
 * @csspart give-button - The "give consent" button.
 * @csspart withdraw-button - The "withdraw consent" button.
 * @csspart save-error - Why the last change failed.
 * @csspart only-self - Said to a relative: only the person may decide.
 * @csspart history - The history of decisions (a `<details>`).
 *
 * @cssprop --omsorg-consent-panel-gap - Space between sections (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-consent-panel-section-background - Section background (default the surface colour).
 * @cssprop --omsorg-consent-panel-section-border-color - Section border (default the subtle border colour).
 * @cssprop --omsorg-consent-panel-skeleton-height - Height reserved while loading (default 10rem).
 */
export class OmsorgConsentPanel extends SubjectDataElement<DialogueConsent> {
  static override styles = [SubjectDataElement.styles, styles];

  /** Show one section alone: `dialogue`. Without it, every section. */
  @property() section?: string;

  @state() private consent?: DialogueConsent;
  /** A change is on its way: the button says so and a second click does nothing. */
  @state() private saving = false;
  @state() private saveError = '';

  /** Reloads (also what "try again" does). */
  override reload(): void {
    super.reload();
  }

  protected override get t(): ConsentPanelMessages {
    return this.texts(messages);
  }

  protected override fetchData(client: Client, subject: string, options: CallOptions): Promise<DialogueConsent> {
    return client.getDialogueConsent(subject, options);
  }

  protected override onLoaded(consent: DialogueConsent): string {
    this.consent = consent;
    return this.t.loaded;
  }

  protected override clearData(): void {
    this.consent = undefined;
    this.saving = false;
    this.saveError = '';
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    // Another element (or a copy of this one) changed it: show what holds now.
    this.listen('dialogue-consent-changed', ({ subjectId, consent }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.consent = consent;
    });
  }

  /** The sections shown: the one named by `section`, or all (an unknown name shows all). */
  private get sections(): readonly ConsentSection[] {
    const one = consentSections.find((s) => s === this.section);
    return one ? [one] : consentSections;
  }

  /** Gives (`active`) or withdraws (`inactive`): one request, whatever the outcome, nothing lost. */
  private async decide(status: 'active' | 'inactive'): Promise<void> {
    const client = this.activeClient;
    const consent = this.consent;
    if (!client || !consent || this.saving) return;
    const subject = this.subject;
    this.saving = true;
    this.saveError = '';
    this.alertText = '';
    this.politeText = '';
    await this.request(
      (signal) =>
        client.setDialogueConsent({ subjectId: subject, status, textVersion: consent.currentTextVersion, version: consent.version }, { signal }),
      (after) => {
        this.consent = after;
        this.politeText = status === 'active' ? this.t.given : this.t.withdrawn;
        // The button pressed is gone (give becomes withdraw): keep focus on its successor.
        const next = status === 'active' ? 'withdraw-button' : 'give-button';
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part="${next}"]`)?.focus());
      },
      (e) => void this.failed(client, subject, e as Failure),
      () => {
        this.saving = false;
      },
    );
  }

  /** A refused change says why; one refused because it changed elsewhere shows what holds now. */
  private async failed(client: Client, subject: string, e: Failure): Promise<void> {
    if (e.status === 412 || e.status === 409) {
      try {
        this.consent = await client.getDialogueConsent(subject, { fresh: true });
        this.saveError = this.t.changedElsewhere;
      } catch (again) {
        this.saveError = errorMessage(this.common, again as Failure);
      }
    } else {
      this.saveError = errorMessage(this.common, e);
    }
    this.alertText = this.saveError;
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    return this.renderFrame(nothing);
  }

  /** Shown alone, the section's title is the element's heading. */
  protected override renderTitle(actingForName: string | undefined): unknown {
    if (this.sections.length === 1 && this.sections[0] === 'dialogue' && this.section) return this.t.dialogueTitle;
    return super.renderTitle(actingForName);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton sk-section"></span>`;
  }

  protected override renderData(level: number): unknown {
    const alone = this.sections.length === 1 && !!this.section;
    return this.sections.map((s) => (s === 'dialogue' ? this.renderDialogue(level + 1, alone) : nothing));
  }

  /** An instant as a date in Oslo (`withTime`: and the time); one that does not parse, as sent. */
  private renderDate(iso: string, withTime = false): TemplateResult {
    const d = parseInstant(iso);
    if (!d) return html`<bdi>${iso}</bdi>`;
    return html`<time datetime=${iso}>${withTime ? formatDateTime(d, this.locale) : formatDate(d, this.locale)}</time>`;
  }

  private renderDialogue(level: number, alone: boolean): TemplateResult {
    const t = this.t;
    const c = this.consent;
    if (!c) return html``;
    const H = headingTag(level);
    const latest: ConsentDecision | undefined = c.history[0];
    const state = c.status === 'none' || !latest ? 'none' : c.status === 'inactive' ? 'inactive' : dialogueRefusal(c, c.currentTextVersion) ? 'outdated' : 'active';
    const at = latest ? this.renderDate(latest.decidedAt) : nothing;
    const status =
      state === 'none' ? t.statusNone : state === 'inactive' ? t.statusInactive(at) : state === 'outdated' ? t.statusOutdated(at) : t.statusActive(at);
    // The person may agree only to a text this panel can show them.
    const knowsText = c.currentTextVersion === t.dialogueTextVersion;
    const self = !this.actsForOther;
    return html`<section part="section section-dialogue" class="section" aria-labelledby=${alone ? 'title' : 'dialogue-title'}>
      ${alone ? nothing : staticHtml`<${H} id="dialogue-title" part="section-heading" class="section-heading">${t.dialogueTitle}</${H}>`}
      ${knowsText
        ? html`<div part="consent-text" class="consent-text">${dialogueParagraphs.map((k) => html`<p>${t.dialogueText[k]}</p>`)}</div>`
        : html`<p class="notice">${t.textUnknown}</p>`}
      <p part="status status-${state}" class="status status-${state}">${status}</p>
      ${self ? this.renderDialogueActions(state, knowsText) : html`<p part="only-self" class="notice">${t.onlySelf}</p>`}
      ${this.saveError ? html`<p part="save-error" class="inline-error">${this.saveError}</p>` : nothing}
      ${c.history.length ? this.renderHistory(c.history) : nothing}
    </section>`;
  }

  private renderDialogueActions(state: 'none' | 'active' | 'outdated' | 'inactive', knowsText: boolean): unknown {
    const t = this.t;
    // Withdrawing takes no more steps than giving: one button each, no confirmation.
    const give = state !== 'active' && knowsText;
    const withdraw = state === 'active' || state === 'outdated';
    if (!give && !withdraw) return nothing;
    return html`<div class="actions">
      ${give
        ? html`<button type="button" part="give-button" aria-disabled=${this.saving ? 'true' : 'false'} @click=${() => this.decide('active')}>
            ${this.saving ? t.saving : t.give}
          </button>`
        : nothing}
      ${withdraw
        ? html`<button
            type="button"
            part="withdraw-button"
            class=${give ? 'secondary' : ''}
            aria-disabled=${this.saving ? 'true' : 'false'}
            @click=${() => this.decide('inactive')}
          >
            ${this.saving && !give ? t.saving : t.withdraw}
          </button>`
        : nothing}
    </div>`;
  }

  private renderHistory(history: readonly ConsentDecision[]): TemplateResult {
    const t = this.t;
    return html`<details part="history" class="history">
      <summary>${t.history(history.length)}</summary>
      <ul role="list">
        ${history.map((d) => {
          const at = this.renderDate(d.decidedAt, true);
          const who = html`<bdi>${d.decidedBy.name}</bdi>`;
          return html`<li>${d.status === 'active' ? t.decidedActive(at, who) : t.decidedInactive(at, who)}</li>`;
        })}
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-consent-panel': OmsorgConsentPanel;
  }
}
