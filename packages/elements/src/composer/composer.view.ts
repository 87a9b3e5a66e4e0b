/** The composer's markup, as functions of its state; the Composer's render methods call these. */
import { html, nothing, type TemplateResult } from 'lit';
import { attachmentAccept, messageLimits, textLength, type Attachment } from '@omsorg/contract';
import type { OutboxItem } from '@omsorg/sdk';
import { formatTime } from '../internal/format.js';
import type { Locale } from '../internal/locale.js';
import type { CommonMessages } from '../internal/messages.js';
import { inert } from '../internal/message-text.js';
import { pageSettings } from '../internal/settings.js';
import type { ComposerMessages } from './composer.messages.js';
import type { DraftStatus } from './draft.js';

/** Attachment size limit in MB, for the texts. */
export const MB = messageLimits.attachmentMaxBytes / (1024 * 1024);

/** What the markup needs from the Composer. */
export interface ComposerView {
  readonly host: HTMLElement;
  readonly o: { id: string; locale(): Locale; common(): CommonMessages };
  readonly t: ComposerMessages;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly uploads: ReadonlyArray<{ name: string }>;
  readonly fileErrors: readonly TemplateResult[];
  readonly errors: ReadonlyArray<{ field: string; text: string }>;
  readonly items: readonly OutboxItem[];
  readonly countText: string;
  readonly draftStatus: DraftStatus;
  readonly savedAt: Date | undefined;
  readonly busy: boolean;
  onInput(e: Event): void;
  onBlur(): void;
  onFiles(e: Event): void;
  remove(a: Attachment): void;
  keepMine(): Promise<void>;
  loadOther(): Promise<void>;
  retry(item: OutboxItem): void;
  discard(item: OutboxItem): Promise<void>;
  failure(item: OutboxItem): string;
}

type Composer = ComposerView;

export function renderErrors(c: Composer): unknown {
  if (!c.errors.length) return nothing;
  const id = c.o.id;
  return html`<div id=${`${id}-errors`} part="error-summary" class="error error-summary" tabindex="-1">
    <p>${c.t.errorSummary}</p>
    <ul>
      ${c.errors.map(
        (e) =>
          html`<li>
            <a
              href=${`#${e.field}`}
              @click=${(ev: Event) => {
                ev.preventDefault();
                c.host.shadowRoot?.getElementById(e.field)?.focus();
              }}
              >${e.text}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

export function renderFields(c: Composer, label: string): TemplateResult {
  const t = c.t;
  const id = c.o.id;
  const max = messageLimits.textMaxChars;
  const n = textLength(c.text);
  const textError = c.errors.find((e) => e.field === `${id}-text`);
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
        .value=${c.text}
        aria-invalid=${textError ? 'true' : nothing}
        aria-describedby=${describedBy}
        @input=${c.onInput}
        @blur=${c.onBlur}
      ></textarea>
      <p id=${`${id}-count`} part="count" class=${n > max ? 'count over' : 'count'}>${t.count(n, max)}</p>
      <div class="visually-hidden" role="status">${c.countText}</div>
    </div>
    ${pageSettings().features.messageAttachments ? renderAttachments(c) : nothing} ${renderDraft(c)}
  `;
}

function renderAttachments(c: Composer): TemplateResult {
  const t = c.t;
  const id = c.o.id;
  const full = c.attachments.length + c.uploads.length >= messageLimits.attachmentsPerMessage;
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
      @change=${c.onFiles}
    />
    <div role="alert">
      ${c.fileErrors.length
        ? html`<ul part="file-errors" class="file-errors">
            ${c.fileErrors.map((e) => html`<li class="field-error">${e}</li>`)}
          </ul>`
        : nothing}
    </div>
    ${c.attachments.length || c.uploads.length
      ? html`<ul part="attachment-list" class="attachment-list" aria-label=${t.attachments}>
          ${c.attachments.map(
            (a) => html`<li part="attachment">
              <bdi>${inert(a.filename)}</bdi>
              <button type="button" class="secondary small" @click=${() => c.remove(a)}>
                ${t.remove}<span class="visually-hidden"> <bdi>${inert(a.filename)}</bdi></span>
              </button>
            </li>`,
          )}
          ${c.uploads.map((u) => html`<li part="attachment" class="uploading"><bdi>${inert(u.name)}</bdi> ${t.uploading}</li>`)}
        </ul>`
      : nothing}
  </div>`;
}

function renderDraft(c: Composer): unknown {
  const t = c.t;
  // An empty line when there is nothing to say: the status appearing must not move the send
  // button under a pointer that is about to press it.
  const blank = html`<p part="draft-status" class="draft-status"></p>`;
  switch (c.draftStatus) {
    case 'saving':
      return html`<p part="draft-status" class="draft-status">${t.draftSaving}</p>`;
    case 'saved':
      return c.savedAt ? html`<p part="draft-status" class="draft-status">${t.draftSaved(formatTime(c.savedAt, c.o.locale()))}</p>` : blank;
    case 'unsaved':
      return html`<p part="draft-status" class="draft-status unsaved">${t.draftUnsaved}</p>`;
    case 'conflict':
      return html`<div part="draft-conflict" class="notice draft-conflict" role="alert">
        <p>${t.draftConflict}</p>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => void c.keepMine()}>${t.draftKeep}</button>
          <button type="button" class="secondary" @click=${() => void c.loadOther()}>${t.draftLoadOther}</button>
        </div>
      </div>`;
    default:
      return blank;
  }
}

export function renderSend(c: Composer): TemplateResult {
  const t = c.t;
  const busy = c.busy;
  return html`<button type="submit" part="send-button" class="send" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t.sending : t.send}</button>`;
}

export function renderOutbox(c: Composer): unknown {
  const items = c.items.filter((i) => i.status !== 'sent');
  if (!items.length) return nothing;
  const t = c.t;
  return html`<ul part="outbox" class="outbox" aria-label=${t.pending}>
    ${items.map(
      (i) => html`<li part="outbox-item" class=${`outbox-item ${i.status}`} data-outbox=${i.id}>
        <p class="outbox-text"><bdi>${inert(i.outgoing.text)}</bdi></p>
        ${i.status === 'sending'
          ? html`<p class="outbox-status">${t.sending}</p>`
          : html`<p class="outbox-status field-error">${t.notSent} ${c.failure(i)}</p>
              <div class="actions">
                <button type="button" part="retry-send-button" @click=${() => c.retry(i)}>${c.o.common().retry}</button>
                <button type="button" part="discard-button" class="secondary" @click=${() => void c.discard(i)}>${t.discard}</button>
              </div>`}
      </li>`,
    )}
  </ul>`;
}
