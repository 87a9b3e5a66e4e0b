import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { DialogueConsent, NoticePreferences, RelativeAccessList } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import type { PropertyValues } from 'lit';
import { SubjectDataElement } from '../internal/subject-data.js';
import { messages, type ConsentPanelMessages } from './consent-panel.messages.js';
import { styles } from './consent-panel.styles.js';
import { DialogueSection } from './dialogue.js';
import { fetchNotices, NoticesSection } from './notices.js';
import { fetchRelatives, RelativesSection } from './relatives.js';
import type { PanelContext } from './section.js';

/** The panel's sections; a host shows one alone with `section="…"`. */
export const consentSections = ['dialogue', 'relatives', 'notices'] as const;
export type ConsentSection = (typeof consentSections)[number];

/**
 * What the panel loads: what its visible sections need. `relatives` and `notices` are
 * `'not-own'` when the panel shows someone the signed-in person acts for: they are only ever the
 * person's own, so they are not asked for at all.
 */
export interface ConsentPanelData {
  consent?: DialogueConsent;
  relatives?: RelativeAccessList | 'not-own';
  notices?: NoticePreferences | 'not-own';
}

/**
 * The citizen's own consents, one section each (a host shows one alone with `section`):
 * - `dialogue` (dialogue.ts): whether the municipal care service and they may write to each
 *   other, with its history; giving and withdrawing are one button each and take effect at once.
 * - `relatives` (relatives.ts): who may act for the person and whom they may act for; giving a
 *   relative access (looked up by number, confirmed by name) and taking it back, each after a
 *   recent sign-in.
 * - `notices` (notices.ts): whether and about what the person is told by SMS and e-mail, to the
 *   contact details of the national register, with the exact text of each notice.
 * Writes go through the SDK's intents (Idempotency-Key, If-Match). A relative acting for the
 * person sees the state but cannot change it (the server refuses it too). The panel loads what
 * its visible sections need, follows changes made elsewhere on the page, and lays the sections
 * out; each section keeps its own state (section.ts says what they share).
 *
 * @summary Consent to digital dialogue and relatives' access, managed by the person.
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
 * @csspart section-relatives - The relatives' access section.
 * @csspart relatives-only-self - Said to a relative: only the person manages relatives' access.
 * @csspart relatives-list - Who may act for the person; `relatives-empty` when no one may.
 * @csspart acting-for-list - Whom the person may act for; `acting-for-empty` when no one.
 * @csspart grant - One access in either list.
 * @csspart revoke-button - "Take back access" on one access.
 * @csspart revoke-confirm - The confirmation shown before taking access back.
 * @csspart revoke-yes-button - Confirms taking access back.
 * @csspart revoke-no-button - Keeps the access.
 * @csspart give-form - The form to give a relative access.
 * @csspart error-summary - The form's errors, each a link to its field.
 * @csspart number - The national identity number field.
 * @csspart look-up-button - Looks up the person's name.
 * @csspart found - The name found, to confirm.
 * @csspart not-this-person-button - Back to the number.
 * @csspart scopes - The fieldset of what the relative may do.
 * @csspart period - The fieldset of the period.
 * @csspart start - The first day of the access.
 * @csspart end - The last day of the access.
 * @csspart grant-button - Gives the access.
 * @csspart step-up - The "sign in again" notice.
 * @csspart step-up-sign-in-button - Signs in again.
 * @csspart section-notices - The notices section.
 * @csspart notices-only-self - Said to a relative: notices are the person's own.
 * @csspart notices-reserved - Said to a person reserved against digital notices.
 * @csspart contact - Where notices go (from the contact register, masked).
 * @csspart notices-form - The notice choices.
 * @csspart channels - The fieldset of channels (SMS, e-mail).
 * @csspart events - The fieldset of events.
 * @csspart preview - The exact text of one event's notice (a `<details>`).
 * @csspart language - The language of the notices.
 * @csspart notices-save-error - Why the last save failed.
 * @csspart save-notices-button - Saves the choices.
 *
 * @cssprop --omsorg-consent-panel-gap - Space between sections (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-consent-panel-section-background - Section background (default the surface colour).
 * @cssprop --omsorg-consent-panel-section-border-color - Section border (default the subtle border colour).
 * @cssprop --omsorg-consent-panel-skeleton-height - Height reserved while loading (default 10rem).
 */
export class OmsorgConsentPanel extends SubjectDataElement<ConsentPanelData> {
  static override styles = [SubjectDataElement.styles, styles];

  /** Show one section alone: `dialogue`, `relatives` or `notices`. Without it, every section. */
  @property() section?: string;

  /** What the sections get from the panel. */
  private readonly context: PanelContext = {
    host: this,
    client: () => this.activeClient,
    subject: () => this.subject,
    t: () => this.t,
    common: () => this.common,
    locale: () => this.locale,
    actsForOther: () => this.actsForOther,
    request: (fetch, done, failed, settled, lane) => this.request(fetch, done, failed, settled, lane),
    polite: (text) => (this.politeText = text),
    alert: (text) => (this.alertText = text),
    focus: (selector) => {
      // A section's fields are not reactive: render what it changed, then focus.
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
    },
  };
  private readonly dialogue = new DialogueSection(this.context);
  private readonly relatives = new RelativesSection(this.context);
  private readonly notices = new NoticesSection(this.context);

  /** Reloads (also what "try again" does). */
  override reload(): void {
    super.reload();
  }

  protected override get t(): ConsentPanelMessages {
    return this.texts(messages);
  }

  /** One load for what the visible sections need: dialogue consent and/or relatives' access. */
  protected override async fetchData(client: Client, subject: string, options: CallOptions): Promise<ConsentPanelData> {
    const shown = this.sections;
    const [consent, relatives, notices] = await Promise.all([
      shown.includes('dialogue') ? client.getDialogueConsent(subject, options) : undefined,
      shown.includes('relatives') ? fetchRelatives(client, subject, options) : undefined,
      shown.includes('notices') ? fetchNotices(client, subject, options) : undefined,
    ]);
    return { consent, relatives, notices };
  }

  protected override onLoaded(data: ConsentPanelData): string {
    this.dialogue.set(data.consent);
    this.relatives.set(data.relatives);
    this.notices.set(data.notices);
    return data.consent ? this.t.loaded : data.relatives ? this.t.relativesLoaded : this.t.noticesLoaded;
  }

  protected override clearData(): void {
    this.dialogue.clear();
    this.relatives.clear();
    this.notices.clear();
  }

  protected override reloadsOn(changed: PropertyValues<this>): boolean {
    return super.reloadsOn(changed) || changed.has('section');
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    // Another element (or a copy of this one) changed it: show what holds now.
    this.listen('dialogue-consent-changed', ({ subjectId, consent }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.dialogue.set(consent);
    });
    // Access given or taken back (here or by another element on the page): the SDK says what
    // holds now, and the list follows it without reading again.
    this.listen('relatives-access-changed', ({ access }) => {
      if (this.phase === 'ready') this.relatives.follow(access);
    });
    // Notice choices saved by another copy of the panel (another tab's is read on the next load).
    this.listen('notice-preferences-changed', ({ subjectId, preferences }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.notices.follow(preferences);
    });
  }

  /** The sections shown: the one named by `section`, or all (an unknown name shows all). */
  private get sections(): readonly ConsentSection[] {
    const one = consentSections.find((s) => s === this.section);
    return one ? [one] : consentSections;
  }

  override render(): TemplateResult {
    return this.renderFrame(nothing);
  }

  /** Shown alone, the section's title is the element's heading. */
  protected override renderTitle(actingForName: string | undefined): unknown {
    if (this.sections.length === 1 && this.section) return { dialogue: this.t.dialogueTitle, relatives: this.t.relativesTitle, notices: this.t.noticesTitle }[this.sections[0]!];
    return super.renderTitle(actingForName);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton sk-section"></span>`;
  }

  protected override renderData(level: number): unknown {
    const alone = this.sections.length === 1 && !!this.section;
    const inner = alone ? level : level + 1;
    return this.sections.map((s) => (s === 'dialogue' ? this.dialogue.render(level + 1, alone) : this[s].render(inner, alone)));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-consent-panel': OmsorgConsentPanel;
  }
}
