/**
 * The inbox's new-message form: whom to write to (the subject's granted services), a subject
 * line and the composer (loaded with its code on first use). Checked before sending; sent
 * through the SDK's outbox; the SDK puts the new thread in the stored list before it says
 * "sent", so nothing is fetched here.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { messageLimits, municipalitiesOf, normaliseText, serviceLabel, textProblem, type Recipient, type ThreadDetail } from '@omsorg/contract';
import type { Client, ClientEventName, ClientEvents } from '@omsorg/sdk';
import type { Composer, FormError } from '../composer/composer.js';
import { errorMessage, type CommonMessages } from '../internal/messages.js';
import { headingTag } from '../internal/heading.js';
import type { Locale } from '../internal/locale.js';
import { inert } from '../internal/message-text.js';
import type { InboxMessages } from './inbox.messages.js';

/** Writing (the composer) is loaded when the person starts a new message. */
type ComposerModule = typeof import('../composer/composer.js');
let composerModule: Promise<ComposerModule> | undefined;
const loadComposer = () => (composerModule ??= import('../composer/composer.js'));

type Failure = { kind?: string; status?: number };
type Listen = <K extends ClientEventName>(type: K, fn: (d: ClientEvents[K]) => void) => void;

/** Untrusted text, inert and isolated against bidi tricks. */
export const bdi = (s: string | null | undefined) => html`<bdi>${inert(s)}</bdi>`;

export interface NewMessageOptions {
  client(): Client | undefined;
  subject(): string;
  locale(): Locale;
  common(): CommonMessages;
  t(): InboxMessages;
  /** Whether the form is the view shown (its draft key is `new` only then). */
  shown(): boolean;
  /** Politely announce (the inbox's status region). */
  announce(text: string): void;
  /** Subscribe to client events for as long as the inbox is bound to its client. */
  listen: Listen;
  /** The new thread was stored: show it. */
  opened(threadId: string): void;
  /** "Cancel": back to the list. */
  back(): void;
}

export class NewMessage implements ReactiveController {
  recipients?: Recipient[];
  recipientsError?: unknown;
  serviceId?: string;
  subjectLine = '';
  composer?: Composer;
  private notices?: ComposerModule['renderServiceNotices'];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly o: NewMessageOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private update(): void {
    this.host.requestUpdate();
  }

  /** Follows the client's events again (a client was bound). */
  subscribe(): void {
    this.composer?.subscribe(this.o.listen);
  }

  /** Drops the recipients (a new load, or sign-out); the composer wipes itself. */
  clear(): void {
    this.recipients = undefined;
    this.recipientsError = undefined;
    this.update();
  }

  /** The form is shown: load the recipients and the composer with its draft. */
  async start(): Promise<void> {
    if (!this.recipients) void this.loadRecipients();
    void (await this.ensureComposer())?.load();
  }

  /** Leaving the form: save the draft now. */
  async flush(): Promise<void> {
    await this.composer?.flush();
  }

  /** The composer of the new-message form, created (and its code loaded) on first use. */
  private async ensureComposer(): Promise<Composer | undefined> {
    if (this.composer) return this.composer;
    let mod: ComposerModule;
    try {
      mod = await loadComposer();
    } catch (e) {
      composerModule = undefined;
      this.recipientsError = e;
      this.update();
      return undefined;
    }
    if (this.composer) return this.composer;
    const o = this.o;
    const c = new mod.Composer(this.host, {
      id: 'new',
      client: o.client,
      subject: o.subject,
      key: () => (o.shown() ? 'new' : undefined),
      locale: o.locale,
      common: o.common,
      announce: o.announce,
      owns: (i) => i.outgoing.kind === 'thread' && i.outgoing.subjectId === o.subject(),
      extra: () => ({ title: this.subjectLine || null, grantedServiceId: this.serviceId ?? null }),
      restore: (f) => {
        if (f.title != null) this.subjectLine = f.title;
        if (f.grantedServiceId != null) this.serviceId = f.grantedServiceId;
        this.update();
      },
      // The SDK has put the new thread in the stored list (threads-changed) before it says
      // "sent": nothing to fetch here.
      sent: (item) => {
        const thread = item.result as ThreadDetail | undefined;
        if (thread && 'messages' in thread && o.shown()) o.opened(thread.id);
      },
    });
    if (o.client()) c.subscribe(o.listen);
    this.notices = mod.renderServiceNotices;
    this.composer = c;
    this.update();
    return c;
  }

  private async loadRecipients(): Promise<void> {
    const client = this.o.client();
    if (!client) return;
    this.recipientsError = undefined;
    this.update();
    try {
      const list = await client.listMessageRecipients(this.o.subject());
      this.recipients = list.items;
      if (this.serviceId && !list.items.some((r) => r.grantedServiceId === this.serviceId)) this.serviceId = undefined;
      if (!this.serviceId && list.items.length === 1) this.serviceId = list.items[0]!.grantedServiceId;
    } catch (e) {
      this.recipientsError = e;
    }
    this.update();
  }

  private onService = (e: Event) => {
    this.serviceId = (e.target as HTMLInputElement).value;
    this.update();
    const c = this.composer;
    if (!c) return;
    c.errors = c.errors.filter((x) => x.field !== 'new-recipient-0');
    c.touch();
  };

  private onSubjectLine = (e: Event) => {
    this.subjectLine = (e.target as HTMLInputElement).value;
    this.update();
    this.composer?.touch();
  };

  private subjectProblem(): string | undefined {
    const t = this.o.t();
    const problem = textProblem(normaliseText(this.subjectLine).trim(), messageLimits.titleMaxChars);
    if (problem === 'required') return t.errorSubject;
    if (problem === 'too-long') return t.errorSubjectTooLong(messageLimits.titleMaxChars);
    if (problem === 'invalid-character') return t.errorSubjectInvalid;
    return undefined;
  }

  private onSubmit = (e: Event) => {
    e.preventDefault();
    const c = this.composer;
    if (!c || c.busy) return;
    const t = this.o.t();
    const errors: FormError[] = [];
    if (!this.serviceId) errors.push({ field: 'new-recipient-0', text: t.errorRecipient });
    const subjectProblem = this.subjectProblem();
    if (subjectProblem) errors.push({ field: 'new-subject', text: subjectProblem });
    errors.push(...c.validate());
    if (errors.length) {
      c.showErrors(errors);
      return;
    }
    const subjectId = this.o.subject();
    const grantedServiceId = this.serviceId!;
    const title = normaliseText(this.subjectLine).trim();
    void c
      .send((text, attachments) => ({ kind: 'thread', subjectId, grantedServiceId, title, text, attachments }))
      .then(() => {
        this.subjectLine = '';
        this.update();
        c.focusText();
      });
  };

  // ---- rendering --------------------------------------------------------------------------

  /** The form's section (`level`: the inbox's own heading level). */
  render(level: number): TemplateResult {
    const t = this.o.t();
    const c = this.composer;
    const H = headingTag(level + 1);
    const chosen = this.recipients?.find((r) => r.grantedServiceId === this.serviceId);
    return html`<section part="new-message" class="new-message" aria-labelledby="new-heading">
      ${staticHtml`<${H} id="new-heading" part="new-heading" class="new-heading" tabindex="-1">${t.newHeading}</${H}>`}
      ${this.notices?.(this.o.locale(), chosen?.replyPolicy)} ${this.renderBody(t, c)} ${c?.renderOutbox()}
    </section>`;
  }

  private renderBody(t: InboxMessages, c: Composer | undefined): TemplateResult {
    const common = this.o.common();
    const cancel = html`<button type="button" part="cancel-button" class="secondary" @click=${this.o.back}>${t.cancel}</button>`;
    if (this.recipientsError) {
      return html`<div part="error" class="error">
          <p>${errorMessage(common, this.recipientsError as Failure)}</p>
          <button type="button" class="secondary" @click=${() => void this.loadRecipients()}>${common.retry}</button>
        </div>
        <div class="actions">${cancel}</div>`;
    }
    if (!this.recipients || !c) return html`<p class="loading-recipients" aria-busy="true">${t.loadingRecipients}</p>`;
    if (!this.recipients.length) return html`<p part="empty" class="notice">${t.noRecipients}</p><div class="actions">${cancel}</div>`;
    const recipientError = c.errors.find((e) => e.field === 'new-recipient-0');
    const subjectError = c.errors.find((e) => e.field === 'new-subject');
    // Services from more than one municipality: each recipient says its own (as the lists do).
    const showSource = municipalitiesOf(this.recipients).length > 1;
    return html`<form novalidate @submit=${this.onSubmit}>
      ${c.renderErrors()}
      <fieldset part="recipients" class=${recipientError ? 'recipients invalid' : 'recipients'} aria-describedby="new-recipient-hint">
        <legend>${t.recipientLegend}</legend>
        <p id="new-recipient-hint" class="hint">${t.recipientHint}</p>
        ${recipientError ? html`<p class="field-error">${recipientError.text}</p>` : nothing}
        ${this.recipients.map(
          (r, i) => html`<div class="radio">
            <input
              type="radio"
              name="recipient"
              id=${`new-recipient-${i}`}
              .value=${r.grantedServiceId}
              .checked=${this.serviceId === r.grantedServiceId}
              aria-invalid=${recipientError ? 'true' : nothing}
              @change=${this.onService}
            />
            <label for=${`new-recipient-${i}`}
              >${bdi(r.careService.name)} (${serviceLabel(r.serviceType, this.o.locale()) ?? common.unknownCode})${showSource && r.source
                ? html`, <span part="source" class="source">${bdi(t.municipalityName(r.source.municipality.name))}</span>`
                : nothing}</label
            >
          </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="new-subject">${t.subjectLabel}</label>
        <p id="new-subject-hint" class="hint">${t.subjectHint(messageLimits.titleMaxChars)}</p>
        ${subjectError ? html`<p id="new-subject-error" class="field-error">${subjectError.text}</p>` : nothing}
        <input
          id="new-subject"
          part="subject-input"
          type="text"
          autocomplete="off"
          .value=${this.subjectLine}
          aria-invalid=${subjectError ? 'true' : nothing}
          aria-describedby=${subjectError ? 'new-subject-hint new-subject-error' : 'new-subject-hint'}
          @input=${this.onSubjectLine}
          @blur=${() => void c.flush()}
        />
      </div>
      ${c.renderFields()}
      <div class="actions">${c.renderSend()} ${cancel}</div>
    </form>`;
  }
}
