/**
 * Writing a message, shared by <omsorg-message-thread> (a reply) and <omsorg-inbox> (a new
 * thread): the text with its live count, attachments checked before upload, the server-side
 * draft (autosaved with If-Match, a conflict from another tab offered as a choice, a failed save
 * kept and retried), and sending through the SDK's outbox (sending → sent, or not-sent with
 * retry and discard). Nothing typed is lost: text leaves the box only into the outbox, and
 * comes back from it on discard.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  attachmentAccept,
  messageLimits,
  normaliseText,
  problemTypes,
  sniffAttachmentType,
  textLength,
  textProblem,
  type Attachment,
  type Draft,
  type DraftInput,
  type ReplyPolicy,
  type TextProblem,
} from '@omsorg/contract';
import type { Client, ClientEventName, ClientEvents, OutboxItem, Outgoing } from '@omsorg/sdk';
import { errorMessage, type CommonMessages } from './messages.js';
import { formatTime, parseInstant } from './format.js';
import type { Locale } from './locale.js';
import { inert } from './message-text.js';
import { messages, type ComposerMessages } from './composer.messages.js';

/** Wait after the last keystroke before the draft is saved. */
export const DRAFT_DELAY_MS = 1000;
const MB = messageLimits.attachmentMaxBytes / (1024 * 1024);

type ErrorLike = { kind?: string; status?: number; type?: string };
const asError = (e: unknown): ErrorLike => (e && typeof e === 'object' ? (e as ErrorLike) : {});

export type DraftStatus = 'none' | 'saving' | 'saved' | 'unsaved' | 'conflict';

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
interface Upload {
  name: string;
}

/** The deepest focused element through open shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** `tel:` links for the emergency numbers (fixed, trusted). */
const tel = (n: string, shown: string) => html`<a part="phone-link" href=${`tel:${n}`}>${shown}</a>`;

/**
 * The notices shown wherever one writes to a care service: not for emergencies (113, 116 117),
 * the expected reply time, and the service's own notice (untrusted, in <bdi>).
 */
export function renderServiceNotices(locale: Locale, policy: ReplyPolicy | undefined): TemplateResult {
  const t: ComposerMessages = messages[locale];
  return html`<div part="notices" class="notices">
    <p part="emergency" class="notice emergency">${t.emergency(tel('113', '113'), tel('116117', '116 117'))}</p>
    ${policy
      ? html`<p part="reply-time" class="reply-time">${t.replyTime(policy.expectedReplyWorkingDays)}</p>
          ${policy.notice
            ? html`<p part="service-notice" class="service-notice">${t.serviceNotice} <bdi>${inert(policy.notice)}</bdi></p>`
            : nothing}`
      : nothing}
  </div>`;
}

export class Composer implements ReactiveController {
  text = '';
  attachments: Attachment[] = [];
  uploads: Upload[] = [];
  fileErrors: TemplateResult[] = [];
  /** Problems shown in the error summary after a submit. */
  errors: FormError[] = [];
  draftStatus: DraftStatus = 'none';
  savedAt?: Date;
  /** Outbox items written here that are not stored yet. */
  items: OutboxItem[] = [];
  countText = '';

  /** The draft's version on the server: null none, undefined not known yet. */
  private version: string | null | undefined;
  private dirty = false;
  /** Changes made here so far (a draft arriving later must not replace them). */
  private edits = 0;
  private saving?: Promise<void>;
  private saveAgain = false;
  private timer?: ReturnType<typeof setTimeout>;
  private sendLock = false;
  private loadedKey?: string;
  private focusSummary = false;
  private readonly onOnline = () => {
    if (this.draftStatus === 'unsaved') void this.save();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly o: ComposerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    // Leaving the page: save what is pending now rather than in a second.
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.save();
    }
  }

  hostUpdated(): void {
    if (!this.focusSummary) return;
    this.focusSummary = false;
    this.host.shadowRoot?.getElementById(`${this.o.id}-errors`)?.focus();
  }

  private get t(): ComposerMessages {
    return messages[this.o.locale()];
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Subscribes to the client events the composer follows (through the host's `listen`). */
  subscribe(listen: <K extends ClientEventName>(type: K, fn: (d: ClientEvents[K]) => void) => void): void {
    listen('outbox-changed', ({ item }) => this.onOutbox(item));
    listen('auth-changed', (s) => {
      if (s.status === 'signed-in' && this.draftStatus === 'unsaved') void this.save();
    });
    // The session ends soon: save now rather than after the next pause in typing.
    listen('session-expiring', () => void this.flush());
    listen('cleared', () => {
      const s = this.o.client()?.auth.state();
      // An expired session keeps the text in memory (it saves after sign-in); a sign-out wipes it.
      if (s?.status === 'signed-out' && s.reason === 'expired') {
        if (this.dirty || this.draftStatus === 'saving') this.draftStatus = 'unsaved';
        this.update();
      } else this.wipe();
    });
  }

  /** Drops everything (sign-out on a shared computer). */
  wipe(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.text = '';
    this.attachments = [];
    this.uploads = [];
    this.fileErrors = [];
    this.errors = [];
    this.items = [];
    this.countText = '';
    this.draftStatus = 'none';
    this.savedAt = undefined;
    this.version = undefined;
    this.dirty = false;
    this.loadedKey = undefined;
    this.update();
  }

  // ---- draft ------------------------------------------------------------------------------

  /** Loads the draft for the current key (once per key) and the outbox items written here. */
  async load(): Promise<void> {
    const client = this.o.client();
    const key = this.o.key();
    if (!client || !key || this.loadedKey === key) return;
    this.loadedKey = key;
    this.items = client.outbox().filter((i) => this.o.owns(i) && i.status !== 'sent');
    this.update();
    const edits = this.edits;
    try {
      const draft = await client.getDraft(this.o.subject(), key);
      if (this.loadedKey !== key) return;
      // A save meanwhile knows the version better.
      if (this.version === undefined) this.version = draft?.version ?? null;
      if (!draft) return;
      if (this.edits !== edits || this.text || this.attachments.length) {
        // Typed here before the draft arrived: this tab's text is the newer one.
        this.dirty = true;
        void this.save();
        return;
      }
      this.adopt(draft);
      this.draftStatus = 'saved';
    } catch {
      // Unknown version: the first save creates (If-None-Match: *) and a 412 sorts it out.
    }
    this.update();
  }

  private adopt(draft: Draft): void {
    this.text = draft.text;
    this.attachments = draft.attachments.slice(0, messageLimits.attachmentsPerMessage);
    this.version = draft.version;
    this.savedAt = parseInstant(draft.updatedAt);
    this.dirty = false;
    this.o.restore?.({ title: draft.title, grantedServiceId: draft.grantedServiceId });
    this.updateCount();
  }

  /** The draft changed: save it about a second after typing stops. */
  touch(): void {
    this.edits++;
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, DRAFT_DELAY_MS);
  }

  /** Saves now if anything is pending (blur, send, leaving). */
  flush(): Promise<void> {
    if (this.timer || (this.dirty && this.draftStatus !== 'conflict')) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return this.save();
    }
    return this.saving ?? Promise.resolve();
  }

  private isEmpty(): boolean {
    const extra = this.o.extra?.() ?? {};
    return this.text === '' && this.attachments.length === 0 && !extra.title && !extra.grantedServiceId;
  }

  /** Saves the draft; one save at a time, the latest text wins. */
  save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    const client = this.o.client();
    const key = this.o.key();
    if (!client || !key || this.draftStatus === 'conflict') return Promise.resolve();
    if (this.version == null && this.isEmpty()) {
      this.dirty = false;
      return Promise.resolve();
    }
    this.saving = this.doSave(client, key).finally(() => {
      this.saving = undefined;
      if (this.saveAgain) {
        this.saveAgain = false;
        if (this.dirty && this.draftStatus !== 'unsaved') void this.save();
      }
    });
    return this.saving;
  }

  private input(): DraftInput {
    return {
      text: normaliseText(this.text),
      attachmentIds: this.attachments.map((a) => a.id),
      ...(this.o.extra?.() ?? {}),
    };
  }

  private async doSave(client: Client, key: string): Promise<void> {
    const subject = this.o.subject();
    const sentText = this.text;
    this.dirty = false;
    this.draftStatus = 'saving';
    this.update();
    try {
      const draft = await client.saveDraft(subject, key, this.input(), this.version ?? null);
      if (this.o.key() !== key) return;
      this.version = draft.version;
      this.savedAt = parseInstant(draft.updatedAt) ?? new Date();
      this.draftStatus = 'saved';
    } catch (e) {
      if (this.o.key() !== key) return;
      const err = asError(e);
      if (err.status === 412 || err.type === problemTypes.preconditionFailed) await this.resolveConflict(client, key, sentText);
      else {
        this.dirty = true;
        this.draftStatus = 'unsaved';
      }
    }
    this.update();
  }

  /**
   * Someone else (another tab) saved meanwhile. Nothing there, or the same text: carry on
   * silently. Otherwise ask which text to keep.
   */
  private async resolveConflict(client: Client, key: string, mine: string): Promise<void> {
    try {
      const theirs = await client.getDraft(this.o.subject(), key);
      this.version = theirs?.version ?? null;
      if (!theirs || normaliseText(theirs.text) === normaliseText(mine)) {
        this.dirty = true;
        this.draftStatus = 'none';
        this.saveAgain = true;
        return;
      }
      this.draftStatus = 'conflict';
    } catch {
      this.dirty = true;
      this.draftStatus = 'unsaved';
    }
  }

  /** Conflict: keep this tab's text (replacing the other tab's draft). */
  async keepMine(): Promise<void> {
    const client = this.o.client();
    const key = this.o.key();
    if (!client || !key) return;
    try {
      const theirs = await client.getDraft(this.o.subject(), key);
      this.version = theirs?.version ?? null;
    } catch {
      // Save anyway; another 412 asks again.
    }
    this.draftStatus = 'none';
    this.dirty = true;
    await this.save();
  }

  /** Conflict: take the other tab's text. */
  async loadOther(): Promise<void> {
    const client = this.o.client();
    const key = this.o.key();
    if (!client || !key) return;
    try {
      const theirs = await client.getDraft(this.o.subject(), key);
      if (theirs) {
        this.adopt(theirs);
        this.draftStatus = 'saved';
      } else {
        this.version = null;
        this.draftStatus = 'none';
      }
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

  private onInput = (e: Event) => {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.updateCount();
    if (this.errors.length) this.errors = this.errors.filter((x) => x.field !== `${this.o.id}-text` || !!this.textError());
    this.touch();
    this.update();
  };

  private onBlur = () => {
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

  private onFiles = (e: Event) => {
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
        this.fileErrors = [...this.fileErrors, html`${t.fileSize(name, MB)}`];
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
          ? t.fileSize(name, MB)
          : err.status === 415 || err.type === problemTypes.attachmentType
            ? t.fileType(name)
            : t.fileFailed(name, errorMessage(this.o.common(), err));
      if (this.uploads.includes(upload)) this.fileErrors = [...this.fileErrors, html`${error}`];
    } finally {
      this.uploads = this.uploads.filter((u) => u !== upload);
      this.update();
    }
  }

  private remove(a: Attachment): void {
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
      this.dirty = false;
      clearTimeout(this.timer);
      this.timer = undefined;
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
      // The server deleted the draft with the send.
      this.version = null;
      if (this.draftStatus === 'saved') this.draftStatus = 'none';
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
    return errorMessage(this.o.common(), err);
  }

  // ---- rendering --------------------------------------------------------------------------

  /** The error summary (focused after a failed submit): links to each field. */
  renderErrors(): unknown {
    if (!this.errors.length) return nothing;
    const id = this.o.id;
    return html`<div id=${`${id}-errors`} part="error-summary" class="error error-summary" tabindex="-1">
      <p>${this.t.errorSummary}</p>
      <ul>
        ${this.errors.map(
          (e) =>
            html`<li>
              <a
                href=${`#${e.field}`}
                @click=${(ev: Event) => {
                  ev.preventDefault();
                  this.host.shadowRoot?.getElementById(e.field)?.focus();
                }}
                >${e.text}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  /** The text box, its count, the attachments and the draft status. */
  renderFields(label: string = this.t.textLabel): TemplateResult {
    const t = this.t;
    const id = this.o.id;
    const max = messageLimits.textMaxChars;
    const n = textLength(this.text);
    const textError = this.errors.find((e) => e.field === `${id}-text`);
    const describedBy = [`${id}-hint`, `${id}-count`, textError ? `${id}-text-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${`${id}-text`}>${label}</label>
        <p id=${`${id}-hint`} class="hint">${t.textHint(max)}</p>
        ${textError ? html`<p id=${`${id}-text-error`} class="field-error">${textError.text}</p>` : nothing}
        <textarea
          id=${`${id}-text`}
          part="textarea"
          rows="5"
          .value=${this.text}
          aria-invalid=${textError ? 'true' : nothing}
          aria-describedby=${describedBy}
          @input=${this.onInput}
          @blur=${this.onBlur}
        ></textarea>
        <p id=${`${id}-count`} part="count" class=${n > max ? 'count over' : 'count'}>${t.count(n, max)}</p>
        <div class="visually-hidden" role="status">${this.countText}</div>
      </div>
      ${this.renderAttachments()} ${this.renderDraft()}
    `;
  }

  private renderAttachments(): TemplateResult {
    const t = this.t;
    const id = this.o.id;
    const full = this.attachments.length + this.uploads.length >= messageLimits.attachmentsPerMessage;
    return html`<div part="attachments" class="attachments">
      <label for=${`${id}-files`}>${t.attachLabel}</label>
      <p id=${`${id}-files-hint`} class="hint">${t.attachHint(messageLimits.attachmentsPerMessage, MB)}</p>
      <input
        id=${`${id}-files`}
        part="file-input"
        type="file"
        multiple
        accept=${attachmentAccept}
        aria-describedby=${`${id}-files-hint`}
        ?disabled=${full}
        @change=${this.onFiles}
      />
      <div role="alert">
        ${this.fileErrors.length
          ? html`<ul part="file-errors" class="file-errors">
              ${this.fileErrors.map((e) => html`<li class="field-error">${e}</li>`)}
            </ul>`
          : nothing}
      </div>
      ${this.attachments.length || this.uploads.length
        ? html`<ul part="attachment-list" class="attachment-list" aria-label=${t.attachments}>
            ${this.attachments.map(
              (a) => html`<li part="attachment">
                <bdi>${inert(a.filename)}</bdi>
                <button type="button" class="secondary small" @click=${() => this.remove(a)}>
                  ${t.remove}<span class="visually-hidden"> <bdi>${inert(a.filename)}</bdi></span>
                </button>
              </li>`,
            )}
            ${this.uploads.map((u) => html`<li part="attachment" class="uploading"><bdi>${inert(u.name)}</bdi> ${t.uploading}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderDraft(): unknown {
    const t = this.t;
    // An empty line when there is nothing to say: the status appearing must not move the send
    // button under a pointer that is about to press it.
    const blank = html`<p part="draft-status" class="draft-status"></p>`;
    switch (this.draftStatus) {
      case 'saving':
        return html`<p part="draft-status" class="draft-status">${t.draftSaving}</p>`;
      case 'saved':
        return this.savedAt ? html`<p part="draft-status" class="draft-status">${t.draftSaved(formatTime(this.savedAt, this.o.locale()))}</p>` : blank;
      case 'unsaved':
        return html`<p part="draft-status" class="draft-status unsaved">${t.draftUnsaved}</p>`;
      case 'conflict':
        return html`<div part="draft-conflict" class="notice draft-conflict" role="alert">
          <p>${t.draftConflict}</p>
          <div class="actions">
            <button type="button" class="secondary" @click=${() => void this.keepMine()}>${t.draftKeep}</button>
            <button type="button" class="secondary" @click=${() => void this.loadOther()}>${t.draftLoadOther}</button>
          </div>
        </div>`;
      default:
        return blank;
    }
  }

  /** The send button: "Sending …" while a message from here is on its way. */
  renderSend(): TemplateResult {
    const t = this.t;
    const busy = this.busy;
    return html`<button type="submit" part="send-button" class="send" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t.sending : t.send}</button>`;
  }

  /** Messages written here that are not stored yet, with their state and actions. */
  renderOutbox(): unknown {
    const items = this.items.filter((i) => i.status !== 'sent');
    if (!items.length) return nothing;
    const t = this.t;
    return html`<ul part="outbox" class="outbox" aria-label=${t.pending}>
      ${items.map(
        (i) => html`<li part="outbox-item" class=${`outbox-item ${i.status}`} data-outbox=${i.id}>
          <p class="outbox-text"><bdi>${inert(i.outgoing.text)}</bdi></p>
          ${i.status === 'sending'
            ? html`<p class="outbox-status">${t.sending}</p>`
            : html`<p class="outbox-status field-error">${t.notSent} ${this.failure(i)}</p>
                <div class="actions">
                  <button type="button" part="retry-send-button" @click=${() => this.retry(i)}>${this.o.common().retry}</button>
                  <button type="button" part="discard-button" class="secondary" @click=${() => void this.discard(i)}>${t.discard}</button>
                </div>`}
        </li>`,
      )}
    </ul>`;
  }

  /** Whether focus is inside this composer's text box (to keep it there after a send). */
  get textFocused(): boolean {
    return deepActive()?.id === `${this.o.id}-text`;
  }
}
