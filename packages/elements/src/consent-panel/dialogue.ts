/**
 * The dialogue section: consent to digital dialogue with the municipal care service, with its
 * history. Giving and withdrawing are one button each, take effect at once, and go through the
 * SDK's intent (Idempotency-Key, If-Match on the version shown). A relative acting for the
 * person sees the state but cannot change it (the server refuses it too).
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { dialogueRefusal, type ConsentDecision, type DialogueConsent } from '@omsorg/contract';
import { headingTag } from '../internal/heading.js';
import { errorMessage } from '../internal/messages.js';
import type { ConsentPanelMessages } from './consent-panel.messages.js';
import { renderDate, type Failure, type PanelContext } from './section.js';

/** The consent text's paragraphs, in order. */
const dialogueParagraphs = ['what', 'urgent', 'withdraw'] as const;

type DialogueState = 'none' | 'active' | 'outdated' | 'inactive';

export class DialogueSection implements ReactiveController {
  /** The consent as last read or changed; undefined until loaded (and when not shown). */
  consent?: DialogueConsent;
  /** A change is on its way: the button says so and a second click does nothing. */
  private saving = false;
  private saveError = '';

  constructor(private readonly c: PanelContext) {
    c.host.addController(this);
  }

  hostConnected(): void {}

  private get t(): ConsentPanelMessages {
    return this.c.t();
  }

  /** Drops everything (signed out, another subject). */
  clear(): void {
    this.consent = undefined;
    this.saving = false;
    this.saveError = '';
  }

  /** What holds now, from the load or from another element's change. */
  set(consent: DialogueConsent | undefined): void {
    this.consent = consent;
    this.c.host.requestUpdate();
  }

  /** Gives (`active`) or withdraws (`inactive`): one request, whatever the outcome, nothing lost. */
  private async decide(status: 'active' | 'inactive'): Promise<void> {
    const c = this.c;
    const client = c.client();
    const consent = this.consent;
    if (!client || !consent || this.saving) return;
    const subject = c.subject();
    this.saving = true;
    this.saveError = '';
    c.alert('');
    c.polite('');
    c.host.requestUpdate();
    await c.request(
      (signal) =>
        client.setDialogueConsent({ subjectId: subject, status, textVersion: consent.currentTextVersion, version: consent.version }, { signal }),
      (after) => {
        this.consent = after;
        c.host.requestUpdate();
        c.polite(status === 'active' ? this.t.given : this.t.withdrawn);
        // The button pressed is gone (give becomes withdraw): keep focus on its successor.
        c.focus(`[part="${status === 'active' ? 'withdraw-button' : 'give-button'}"]`);
      },
      (e) => void this.failed(subject, e as Failure),
      () => {
        this.saving = false;
        c.host.requestUpdate();
      },
    );
  }

  /** A refused change says why; one refused because it changed elsewhere shows what holds now. */
  private async failed(subject: string, e: Failure): Promise<void> {
    const c = this.c;
    if (e.status === 412 || e.status === 409) {
      try {
        this.consent = await c.client()!.getDialogueConsent(subject, { fresh: true });
        this.saveError = this.t.changedElsewhere;
      } catch (again) {
        this.saveError = errorMessage(c.common(), again as Failure);
      }
    } else {
      this.saveError = errorMessage(c.common(), e);
    }
    c.alert(this.saveError);
    c.host.requestUpdate();
  }

  render(level: number, alone: boolean): TemplateResult {
    const t = this.t;
    const locale = this.c.locale();
    const consent = this.consent;
    if (!consent) return html``;
    const H = headingTag(level);
    const latest: ConsentDecision | undefined = consent.history[0];
    const state: DialogueState =
      consent.status === 'none' || !latest
        ? 'none'
        : consent.status === 'inactive'
          ? 'inactive'
          : dialogueRefusal(consent, consent.currentTextVersion)
            ? 'outdated'
            : 'active';
    const at = latest ? renderDate(latest.decidedAt, locale) : nothing;
    const status =
      state === 'none' ? t.statusNone : state === 'inactive' ? t.statusInactive(at) : state === 'outdated' ? t.statusOutdated(at) : t.statusActive(at);
    // The person may agree only to a text this panel can show them.
    const knowsText = consent.currentTextVersion === t.dialogueTextVersion;
    return html`<section part="section section-dialogue" class="section" aria-labelledby=${alone ? 'title' : 'dialogue-title'}>
      ${alone ? nothing : staticHtml`<${H} id="dialogue-title" part="section-heading" class="section-heading">${t.dialogueTitle}</${H}>`}
      ${knowsText
        ? html`<div part="consent-text" class="consent-text">${dialogueParagraphs.map((k) => html`<p>${t.dialogueText[k]}</p>`)}</div>`
        : html`<p class="notice">${t.textUnknown}</p>`}
      <p part="status status-${state}" class="status status-${state}">${status}</p>
      ${this.c.actsForOther() ? html`<p part="only-self" class="notice">${t.onlySelf}</p>` : this.renderActions(state, knowsText)}
      ${this.saveError ? html`<p part="save-error" class="inline-error">${this.saveError}</p>` : nothing}
      ${consent.history.length ? this.renderHistory(consent.history) : nothing}
    </section>`;
  }

  private renderActions(state: DialogueState, knowsText: boolean): unknown {
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
    const locale = this.c.locale();
    return html`<details part="history" class="history">
      <summary>${t.history(history.length)}</summary>
      <ul role="list">
        ${history.map((d) => {
          const at = renderDate(d.decidedAt, locale, true);
          const who = html`<bdi>${d.decidedBy.name}</bdi>`;
          return html`<li>${d.status === 'active' ? t.decidedActive(at, who) : t.decidedInactive(at, who)}</li>`;
        })}
      </ul>
    </details>`;
  }
}
