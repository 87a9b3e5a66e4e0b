/**
 * Whether a subject may write and be written to: consent to digital dialogue in force (the rules
 * core's `dialogueRefusal`). The thread and the inbox share one `DialogueConsentGate`: it asks the
 * SDK, offers a reply box or a new message only where a send can succeed, and otherwise says why
 * and offers the consent panel's dialogue section in place (`<omsorg-consent-panel
 * section="dialogue">`, whose chunk it imports the first time it is needed). Given there, the
 * box comes back and focus goes to it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { dialogueRefusal } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';

/** True without consent, false with it, undefined when it could not be read (then offer the box: a send says why it failed). */
export async function lacksConsent(client: Client, subject: string): Promise<boolean | undefined> {
  try {
    return dialogueRefusal(await client.getDialogueConsent(subject)) !== null;
  } catch {
    return undefined;
  }
}

let panelLoad: Promise<unknown> | undefined;
/** Imports the consent panel (it registers its tag), once; a failed import may be tried again. */
function loadConsentPanel(): void {
  panelLoad ??= import('../consent-panel/define.js').catch((e: unknown) => {
    panelLoad = undefined;
    console.error('[omsorg]', '<omsorg-consent-panel> could not be loaded', e);
  });
}

interface GateHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface GateOptions {
  client(): Client | undefined;
  subject(): string;
  /** Whether the answer still matters (the host shows the same data it asked for). */
  current(subject: string): boolean;
  /** Consent came back (given on this page): the host offers its box and may move focus to it. */
  given(focusWasInPanel: boolean): void;
}

export class DialogueConsentGate implements ReactiveController {
  /** No consent in force for the subject: no box, the reason and the panel instead. */
  lacking = false;

  constructor(
    private readonly host: GateHost,
    private readonly options: GateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Asks what holds now (on load, and when the consent changed on this page). */
  check(): void {
    const client = this.options.client();
    const subject = this.options.subject();
    if (!client) return;
    // Asked as the change is announced, before the panel redraws its buttons (and drops focus).
    const focused = this.panelFocused();
    void lacksConsent(client, subject).then((lacks) => {
      if (lacks !== undefined && this.options.current(subject)) this.set(lacks, focused);
    });
  }

  /** Sets it from what happened (a send refused for want of consent says `true`). */
  set(lacks: boolean, focusWasInPanel = this.panelFocused()): void {
    if (lacks === this.lacking) return;
    this.lacking = lacks;
    this.host.requestUpdate();
    if (!lacks) this.options.given(focusWasInPanel);
  }

  private panelFocused(): boolean {
    return (this.host.renderRoot as ShadowRoot).activeElement?.localName === 'omsorg-consent-panel';
  }

  clear(): void {
    this.lacking = false;
  }

  /** The reason in words (`part="no-consent"`), then the consent panel's dialogue section. */
  render(reason: string, headingLevel: number, noticeClass = 'notice'): TemplateResult | typeof nothing {
    if (!this.lacking) return nothing;
    loadConsentPanel();
    return html`<p part="no-consent" class=${noticeClass}>${reason}</p>
      <omsorg-consent-panel
        part="consent-panel"
        section="dialogue"
        .client=${this.options.client()}
        subject-id=${this.options.subject()}
        heading-level=${Math.min(6, headingLevel)}
      ></omsorg-consent-panel>`;
  }
}
