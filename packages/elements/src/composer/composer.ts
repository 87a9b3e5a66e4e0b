/**
 * Writing a message, shared by <omsorg-message-thread> (a reply) and <omsorg-inbox> (a new
 * thread): the text with its live count, attachments checked before upload, the server-side
 * draft (draft.ts: autosaved with If-Match, a conflict from another tab offered as a choice, a
 * failed save kept and retried), and sending through the SDK's outbox (sending → sent, or
 * not-sent with retry and discard). Nothing typed is lost: text leaves the box only into the
 * outbox, and comes back from it on discard. Its markup is in composer.view.ts, the notices
 * shown wherever one writes in notices.ts.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  messageLimits,
  normaliseText,
  problemTypes,
  sniffAttachmentType,
  textLength,
  textProblem,
  type Attachment,
  type Draft,
  type DraftInput,
  type TextProblem,
} from '@omsorg/contract';
import type { Client, ClientEventName, ClientEvents, OutboxItem, Outgoing } from '@omsorg/sdk';
import { errorMessage, textsIn, type CommonMessages } from '../internal/messages.js';
import type { Locale } from '../internal/locale.js';
import { inert } from '../internal/message-text.js';
import { deepActiveElement } from '../internal/focus-return.js';
import { messages, type ComposerMessages } from './composer.messages.js';
import { asError, DraftSync, type DraftStatus } from './draft.js';
import * as view from './composer.view.js';

export { DRAFT_DELAY_MS, type DraftStatus } from './draft.js';
export { renderServiceNotices } from './notices.js';

/** One problem in a form, linked from the error summary to its field. */
export interface FormError {
  field: string;
  text: string;
}

export interface ComposerOptions {
  client(): Client | undefined;
  subject(): string;
  /** The draft key: the thread's id, or `new`. */
  key(): string | undefined;
  locale(): Locale;
  common(): CommonMessages;
  /** Politely announce (the host's status region). */
  announce(text: string): void;
  /** Whether an outbox item was written here (this thread, or a new thread of this subject). */
  owns(item: OutboxItem): boolean;
  /** Extra draft fields: a new thread's title and service. */
  extra?(): Pick<DraftInput, 'title' | 'grantedServiceId'>;
  /** A draft or a discarded message came back: fill in the extra fields. */
  restore?(fields: { title?: string | null; grantedServiceId?: string | null }): void;
  /** A message written here was stored. */
  sent?(item: OutboxItem): void;
  /** Id prefix, so two composers never share ids in one shadow root. */
  id: string;
}

/** One file on its way up; the SDK makes its Idempotency-Key and reuses it on a retry. */
export interface Upload {
  name: string;
}

export class Composer implements ReactiveController {
  text = '';
  attachments: Attachment[] = [];
  uploads: Upload[] = [];
  fileErrors: TemplateResult[] = [];
  /** Problems shown in the error summary after a submit. */
  errors: FormError[] = [];
  /** Outbox items written here that are not stored yet. */
  items: OutboxItem[] = [];
  countText = '';

  private readonly draft: DraftSync;
  private sendLock = false;
  private focusSummary = false;
  private readonly onOnline = () => this.draft.retry();

  constructor(
    readonly host: ReactiveControllerHost & HTMLElement,
    readonly o: ComposerOptions,
  ) {
    this.draft = new DraftSync({
      client: () => o.client(),
      subject: () => o.subject(),
      key: () => o.key(),
      text: () => this.text,
      attachments: () => this.attachments,
      extra: () => o.extra?.() ?? {},
      adopt: (d) => this.adopt(d),
      update: () => this.update(),
    });
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    // Leaving the page: save what is pending now rather than in a second.
    if (this.draft.pending) {
      this.draft.stopTimer();
      void this.draft.save();
    }
  }

  hostUpdated(): void {
    if (!this.focusSummary) return;
    this.focusSummary = false;
    this.host.shadowRoot?.getElementById(`${this.o.id}-errors`)?.focus();
  }

  /** The composer's texts in the current locale. */
  get t(): ComposerMessages {
    return textsIn(messages, this.o.locale());
  }

  get draftStatus(): DraftStatus {
    return this.draft.status;
  }

  get savedAt(): Date | undefined {
    return this.draft.savedAt;
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Subscribes to the client events the composer follows (through the host's `listen`). */
  subscribe(listen: <K extends ClientEventName>(type: K, fn: (d: ClientEvents[K]) => void) => void): void {
    listen('outbox-changed', ({ item }) => this.onOutbox(item));
    listen('auth-changed', (s) => {
      if (s.status === 'signed-in') this.draft.retry();
    });
    // The session ends soon: save now rather than after the next pause in typing.
    listen('session-expiring', () => void this.flush());
    listen('cleared', () => {
      const s = this.o.client()?.auth.state();
      // An expired session keeps the text in memory (it saves after sign-in); a sign-out wipes it.
      if (s?.status === 'signed-out' && s.reason === 'expired') {
        this.draft.expired();
        this.update();
      } else this.wipe();
    });
  }

  /** Drops everything (sign-out on a shared computer). */
  wipe(): void {
    this.draft.clear();
    this.text = '';
    this.attachments = [];
    this.uploads = [];
    this.fileErrors = [];
    this.errors = [];
    this.items = [];
    this.countText = '';
    this.update();
  }

  // ---- draft ------------------------------------------------------------------------------

  /** Loads the draft for the current key (once per key) and the outbox items written here. */
  async load(): Promise<void> {
    const fresh = await this.draft.load((client) => {
      this.items = client.outbox().filter((i) => this.o.owns(i) && i.status !== 'sent');
      this.update();
    });
    if (fresh) this.update();
  }

  private adopt(draft: Draft): void {
    this.text = draft.text;
    this.attachments = draft.attachments;
    this.o.restore?.({ title: draft.title, grantedServiceId: draft.grantedServiceId });
    this.updateCount();
  }

  /** The draft changed: save it about a second after typing stops. */
  touch(): void {
    this.draft.touch();
  }

  /** Saves now if anything is pending (blur, send, leaving). */
  flush(): Promise<void> {
    return this.draft.flush();
  }

  /** Conflict: keep this tab's text (replacing the other tab's draft). */
  keepMine(): Promise<void> {
    return this.draft.keepMine();
  }

  /** Conflict: take the other tab's text. */
  async loadOther(): Promise<void> {
    try {
      await this.draft.loadOther();
    } catch (e) {
      this.o.announce(errorMessage(this.o.common(), asError(e)));
    }
    this.update();
    await this.host.updateComplete;
    this.focusText();
  }

  // ---- text -------------------------------------------------------------------------------

  private updateCount(): void {
    const max = messageLimits.textMaxChars;
    const n = textLength(this.text);
    // Announced only near or over the limit, so a screen reader is not interrupted on every key.
    this.countText = n >= max * 0.9 ? this.t.countNear(max - n) : '';
  }

  /** The text box's `input` (for the view). */
  readonly onInput = (e: Event) => {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.updateCount();
    if (this.errors.length) this.errors = this.errors.filter((x) => x.field !== `${this.o.id}-text` || !!this.textError());
    this.touch();
    this.update();
  };

  /** The text box's `blur` (for the view). */
  readonly onBlur = () => {
    void this.flush();
  };

  /** What is wrong with the text now, as a translated sentence (or undefined). */
  textError(): string | undefined {
    const p: TextProblem | null = textProblem(normaliseText(this.text));
    const t = this.t;
    if (!p) return undefined;
    if (p === 'required') return t.errorRequired;
    if (p === 'too-long') return t.errorTooLong(textLength(normaliseText(this.text)), messageLimits.textMaxChars);
    return t.errorInvalidChar;
  }

  focusText(): void {
    this.host.shadowRoot?.getElementById(`${this.o.id}-text`)?.focus();
  }

  // ---- attachments ------------------------------------------------------------------------

  /** The file input's `change` (for the view). */
  readonly onFiles = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.fileErrors = [];
    this.update();
    void this.addFiles(files);
  };

  /** Checks each file (count, size, type by content) and uploads those that pass. */
  async addFiles(files: File[]): Promise<void> {
    const client = this.o.client();
    if (!client) return;
    const t = this.t;
    for (const file of files) {
      const name = html`<bdi>${inert(file.name)}</bdi>`;
      if (this.attachments.length + this.uploads.length >= messageLimits.attachmentsPerMessage) {
        this.fileErrors = [...this.fileErrors, html`${t.fileCount(name, messageLimits.attachmentsPerMessage)}`];
        continue;
      }
      if (file.size > messageLimits.attachmentMaxBytes) {
        this.fileErrors = [...this.fileErrors, html`${t.fileSize(name, view.MB)}`];
        continue;
      }
      const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
      if (!sniffAttachmentType(head)) {
        this.fileErrors = [...this.fileErrors, html`${t.fileType(name)}`];
        continue;
      }
      const upload: Upload = { name: file.name };
      this.uploads = [...this.uploads, upload];
      this.update();
      void this.upload(client, file, upload, name);
    }
    this.update();
  }

  private async upload(client: Client, file: File, upload: Upload, name: TemplateResult): Promise<void> {
    const t = this.t;
    try {
      const a = await client.uploadAttachment(this.o.subject(), file);
      if (!this.uploads.includes(upload)) return;
      this.attachments = [...this.attachments, a];
      this.touch();
    } catch (e) {
      const err = asError(e);
      const error =
        err.status === 413 || err.type === problemTypes.attachmentTooLarge
          ? t.fileSize(name, view.MB)
          : err.status === 415 || err.type === problemTypes.attachmentType
            ? t.fileType(name)
            : t.fileFailed(name, errorMessage(this.o.common(), err));
      if (this.uploads.includes(upload)) this.fileErrors = [...this.fileErrors, html`${error}`];
    } finally {
      this.uploads = this.uploads.filter((u) => u !== upload);
      this.update();
    }
  }

  /** Removes an attachment from the box; focus goes to the file input. */
  remove(a: Attachment): void {
    this.attachments = this.attachments.filter((x) => x.id !== a.id);
    this.touch();
    this.update();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.getElementById(`${this.o.id}-files`)?.focus());
  }

  // ---- sending ----------------------------------------------------------------------------

  /** True while a message from here is on its way (a second press must not send it again). */
  get busy(): boolean {
    return this.sendLock || this.items.some((i) => i.status === 'sending');
  }

  /** Shows these problems in the error summary and moves focus there. */
  showErrors(errors: FormError[]): void {
    this.errors = errors;
    this.focusSummary = errors.length > 0;
    this.update();
  }

  /** Problems with the text and the attachments, for the error summary. */
  validate(): FormError[] {
    const out: FormError[] = [];
    const text = this.textError();
    if (text) out.push({ field: `${this.o.id}-text`, text });
    if (this.uploads.length) out.push({ field: `${this.o.id}-files`, text: this.t.errorUploading });
    return out;
  }

  /**
   * Sends what `build` makes of the text and attachments through the outbox. The box empties
   * (the outbox holds the text until it is stored; discard brings it back). Ignored while a
   * message from here is on its way, so a double click sends once.
   */
  async send(build: (text: string, attachments: readonly Attachment[]) => Outgoing): Promise<void> {
    const client = this.o.client();
    if (!client || this.busy) return;
    this.sendLock = true;
    try {
      await this.flush();
      const item = client.queueMessage(build(normaliseText(this.text), this.attachments));
      this.items = [...this.items.filter((i) => i.id !== item.id), item];
      this.text = '';
      this.attachments = [];
      this.fileErrors = [];
      this.errors = [];
      this.countText = '';
      this.draft.sent();
    } finally {
      this.sendLock = false;
      this.update();
    }
  }

  private onOutbox(item: OutboxItem): void {
    if (!this.o.owns(item)) return;
    const known = this.items.some((i) => i.id === item.id);
    if (!this.o.client()?.outbox().some((i) => i.id === item.id)) {
      // Discarded.
      this.items = this.items.filter((i) => i.id !== item.id);
      this.update();
      return;
    }
    if (!known && item.status !== 'not-sent') return;
    if (item.status === 'sent') {
      this.items = this.items.filter((i) => i.id !== item.id);
      this.draft.stored();
      if (this.text || this.attachments.length) this.touch();
      this.o.announce(this.t.sent);
      this.o.sent?.(item);
    } else {
      this.items = known ? this.items.map((i) => (i.id === item.id ? item : i)) : [...this.items, item];
      if (item.status === 'not-sent') this.o.announce(`${this.t.notSent} ${this.failure(item)}`);
    }
    this.update();
  }

  retry(item: OutboxItem): void {
    this.o.client()?.retryOutbox(item.id);
  }

  /** Gives up on a not-sent message: its text (and attachments) go back into the box. */
  async discard(item: OutboxItem): Promise<void> {
    const back = this.o.client()?.discardOutbox(item.id) ?? item.outgoing;
    this.items = this.items.filter((i) => i.id !== item.id);
    this.text = this.text.trim() ? `${back.text}\n\n${this.text}` : back.text;
    const ids = new Set(this.attachments.map((a) => a.id));
    this.attachments = [...(back.attachments ?? []).filter((a) => !ids.has(a.id)), ...this.attachments].slice(0, messageLimits.attachmentsPerMessage);
    if (back.kind === 'thread') this.o.restore?.({ title: back.title, grantedServiceId: back.grantedServiceId });
    this.updateCount();
    this.touch();
    this.o.announce(this.t.discarded);
    this.update();
    await this.host.updateComplete;
    this.focusText();
  }

  /** Why an item was not sent, translated. */
  failure(item: OutboxItem): string {
    const err = asError(item.error);
    if (err.type === problemTypes.threadClosed) return this.t.threadClosed;
    if (err.type === problemTypes.recipientNotAllowed) return this.t.recipientNotAllowed;
    if (err.type === problemTypes.consentRequired) return this.t.consentRequired;
    return errorMessage(this.o.common(), err);
  }

  // ---- rendering (composer.view.ts) -------------------------------------------------------

  /** The error summary (focused after a failed submit): links to each field. */
  renderErrors(): unknown {
    return view.renderErrors(this);
  }

  /** The text box, its count, the attachments and the draft status. */
  renderFields(label: string = this.t.textLabel): TemplateResult {
    return view.renderFields(this, label);
  }

  /** The send button: "Sending …" while a message from here is on its way. */
  renderSend(): TemplateResult {
    return view.renderSend(this);
  }

  /** Messages written here that are not stored yet, with their state and actions. */
  renderOutbox(): unknown {
    return view.renderOutbox(this);
  }

  /** Whether focus is inside this composer's text box (to keep it there after a send). */
  get textFocused(): boolean {
    return deepActiveElement()?.id === `${this.o.id}-text`;
  }
}
