import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { problemTypes, serviceLabel, type Attachment, type Message, type ThreadDetail } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { Composer, renderServiceNotices } from '../composer/composer.js';
import { DialogueConsentGate } from '../composer/consent.js';
import { errorMessage } from '../internal/messages.js';
import { formatDateTime, isoForTime, parseInstant } from '../internal/format.js';
import { headingTag } from '../internal/heading.js';
import { inert, renderMessageText } from '../internal/message-text.js';
import type { BlobDownloads } from '../internal/download.js';
import { messages, type MessageThreadMessages } from './message-thread.messages.js';
import { styles } from './message-thread.styles.js';

/** Messages shown at first, and added per "show earlier": a long thread stays quick. */
const WINDOW = 50;
const bdi = (s: string | null | undefined) => html`<bdi>${inert(s)}</bdi>`;

/**
 * One secure conversation between the subject's side (the citizen, or a relative acting for
 * them) and a care service: every message with its sender, role and time (Europe/Oslo), who has
 * seen it since the last message, attachments to download, and a reply box that autosaves a
 * draft on the server and sends through the SDK's outbox (retried with one Idempotency-Key, so
 * a message arrives once). New messages arrive without reload (`client.watchThread`) and are
 * announced once; the thread is marked seen while it is shown.
 *
 * Always shown: "not for emergencies" with 113 and 116 117, the service's expected reply time
 * and its own notice. Message text is untrusted: shown through text bindings in `<bdi>`, links
 * only for https:, tel: and mailto:, control and bidi override characters replaced by a visible
 * marker (U+FFFD).
 *
 * @summary One message thread with a reply box.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The thread's title.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button after a load error.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart meta - The care service and status line.
 * @csspart notices - The emergency notice, reply time and service notice.
 * @csspart emergency - "Not for emergencies: call 113 …".
 * @csspart phone-link - The `tel:` links for 113 and 116 117.
 * @csspart reply-time - The expected reply time.
 * @csspart service-notice - The care service's own notice.
 * @csspart earlier-button - "Show earlier messages" (long threads show the latest 50 first).
 * @csspart messages - The list of messages.
 * @csspart message - One message (also `message-staff`, `message-own`, `message-unread`).
 * @csspart sender - A message's sender line (a heading).
 * @csspart badge - The "the service" and "new" badges.
 * @csspart text-link - A link in message text (https:, tel:, mailto: only).
 * @csspart message-attachments - A message's attachments.
 * @csspart download-button - The button that downloads an attachment.
 * @csspart seen - "Seen by …".
 * @csspart closed - The notice that the thread is closed (no reply box then).
 * @csspart no-consent - The notice that there is no consent to digital dialogue (no reply box then).
 * @csspart consent-panel - Under that notice: `<omsorg-consent-panel section="dialogue">`, to give the consent in place.
 * @csspart reply - The reply form.
 * @csspart error-summary - The list of problems after a failed send.
 * @csspart textarea - The reply text box.
 * @csspart count - The character count.
 * @csspart attachments - The attachment picker and list.
 * @csspart file-input - The file picker.
 * @csspart file-errors - Problems with picked files.
 * @csspart attachment-list - The attached files.
 * @csspart attachment - One attached file.
 * @csspart draft-status - "Draft saved at 14:02" / "not saved yet".
 * @csspart draft-conflict - The choice after another tab changed the draft.
 * @csspart send-button - The send button.
 * @csspart outbox - Messages on their way or not sent.
 * @csspart outbox-item - One of them.
 * @csspart retry-send-button - "Try again" for a message not sent.
 * @csspart discard-button - "Discard": the text goes back into the box.
 *
 * @cssprop --omsorg-message-thread-gap - Space between blocks (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-message-thread-message-background - A message's background (default the surface colour).
 * @cssprop --omsorg-message-thread-own-background - Background of the signed-in person's messages (default the tinted surface).
 * @cssprop --omsorg-message-thread-staff-border-color - Accent border of the service's messages (default the accent colour).
 * @cssprop --omsorg-message-thread-message-radius - A message's corner radius (default `--omsorg-border-radius`).
 * @cssprop --omsorg-message-thread-skeleton-height - Height reserved while loading (default 20rem).
 */
export class OmsorgMessageThread extends SubjectDataElement<ThreadDetail> {
  static override styles = [SubjectDataElement.styles, styles];

  /** The thread to show. */
  @property({ attribute: 'thread-id' }) threadId?: string;

  @state() private thread?: ThreadDetail;
  @state() private shown = WINDOW;
  /** Consent to digital dialogue: without it the reply box gives way to the reason and the consent section. */
  private readonly consent = new DialogueConsentGate(this, {
    client: () => this.activeClient,
    subject: () => this.subject,
    current: (subject) => subject === this.subject && !!this.thread,
    given: (focusWasInPanel) => {
      this.politeText = this.t.consentGiven;
      if (focusWasInPanel) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="reply"] textarea')?.focus());
    },
  });

  private stopWatch?: () => void;
  private watching?: string;
  private known = new Set<string>();
  private seenMarked?: string;
  /** Made at the first download, with its module: most visits download nothing. */
  private downloads?: BlobDownloads;

  private readonly composer = new Composer(this, {
    id: 'reply',
    client: () => this.activeClient,
    subject: () => this.subject,
    key: () => (this.thread?.status === 'open' ? this.thread.id : undefined),
    locale: () => this.locale,
    common: () => this.common,
    announce: (text) => this.announce(text),
    // A sent reply is shown from the store: the SDK adds it to the stored thread (thread-changed)
    // before it says "sent", so there is nothing to patch here.
    owns: (i) => i.outgoing.kind === 'reply' && i.outgoing.threadId === this.threadId && i.outgoing.subjectId === this.subject,
  });

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.markSeen();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    this.stopWatching();
    this.downloads?.dispose();
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    this.composer.subscribe((type, fn) => this.listen(type, fn));
    this.listen('thread-changed', ({ thread }) => {
      if (thread.id === this.thread?.id) this.onFresh(thread);
    });
    // Given or withdrawn on this page (the consent panel, another element): ask what holds now.
    this.listen('dialogue-consent-changed', () => this.checkConsent());
    this.listen('outbox-changed', ({ item }) => {
      // Only a reply to this thread that was refused concerns it.
      if (item.status !== 'not-sent' || item.outgoing.kind !== 'reply' || item.outgoing.threadId !== this.thread?.id) return;
      if (item.error?.type === problemTypes.consentRequired) this.consent.set(true);
      // Closed meanwhile: show it (the reply box goes away; the text stays in the outbox item).
      if (item.error?.type === problemTypes.threadClosed) {
        void client.getThread(this.subject, item.outgoing.threadId, { fresh: true }).then((t) => this.onFresh(t), () => undefined);
      }
    });
  }

  protected override clientDisconnected(): void {
    super.clientDisconnected();
    this.stopWatching();
  }

  protected override reloadsOn(changed: PropertyValues<this>): boolean {
    return super.reloadsOn(changed) || changed.has('threadId');
  }

  protected override get t(): MessageThreadMessages {
    return this.texts(messages);
  }

  protected override async fetchData(client: Client, subject: string, options: CallOptions): Promise<ThreadDetail> {
    if (!this.threadId) throw Object.assign(new Error('No thread-id'), { kind: 'http', status: 404 });
    return client.getThread(subject, this.threadId, options);
  }

  protected override onLoaded(thread: ThreadDetail): string {
    this.thread = thread;
    this.shown = WINDOW;
    this.known = new Set(thread.messages.map((m) => m.id));
    this.watch(thread.id);
    void this.composer.load();
    this.markSeen();
    this.checkConsent();
    return this.t.loaded(thread.messages.length);
  }

  /**
   * Whether the subject's consent to digital dialogue is in force; without it the reply box is
   * not offered. If the consent cannot be read, the box stays (a send then says why it failed).
   */
  private checkConsent(): void {
    if (this.thread?.status === 'open') this.consent.check();
  }

  protected override clearData(): void {
    this.thread = undefined;
    this.consent.clear();
    this.known.clear();
    this.seenMarked = undefined;
    this.stopWatching();
  }

  private watch(threadId: string): void {
    const client = this.activeClient;
    const key = `${this.subject}/${threadId}`;
    if (!client || this.watching === key) return;
    this.stopWatching();
    this.watching = key;
    this.stopWatch = client.watchThread(this.subject, threadId, (t) => this.onFresh(t));
  }

  private stopWatching(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.watching = undefined;
  }

  /** A newer copy arrived (poll, send, seen): show it and announce what others wrote, once. */
  private onFresh(thread: ThreadDetail): void {
    const current = this.thread;
    if (!current || thread.id !== current.id || this.phase !== 'ready') return;
    const fresh = thread.messages.filter((m) => !this.known.has(m.id));
    fresh.forEach((m) => this.known.add(m.id));
    this.thread = thread;
    const others = fresh.filter((m) => !m.sender.isCurrentUser);
    if (others.length) {
      const last = others[others.length - 1]!;
      const from = last.sender.role === 'staff' ? thread.careService.name : last.sender.name;
      this.announce(this.t.arrived(others.length, inert(from)));
    }
    if (current.status !== thread.status) void this.composer.load();
    this.markSeen();
  }

  private announce(text: string): void {
    this.politeText = text;
  }

  /** Marks the thread seen up to its last message while it is on screen. */
  private markSeen(): void {
    const client = this.activeClient;
    const thread = this.thread;
    const last = thread?.messages[thread.messages.length - 1];
    if (!client || !thread || !last || !this.isConnected || document.visibilityState !== 'visible') return;
    if (this.seenMarked === last.id || !(thread.unreadCount > 0 || thread.messages.some((m) => m.unread))) return;
    this.seenMarked = last.id;
    client.markThreadSeen(this.subject, thread.id, last.id).catch(() => {
      this.seenMarked = undefined;
    });
  }

  private onSubmit = (e: Event) => {
    e.preventDefault();
    const c = this.composer;
    const thread = this.thread;
    if (!thread || c.busy) return;
    const errors = c.validate();
    if (errors.length) {
      c.showErrors(errors);
      return;
    }
    const subjectId = this.subject;
    void c.send((text, attachments) => ({ kind: 'reply', subjectId, threadId: thread.id, text, attachments })).then(() => c.focusText());
  };

  private async download(a: Attachment): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    try {
      const blob = await client.downloadAttachment(this.subject, a.id);
      const { BlobDownloads } = await import('../internal/download.js');
      // Two downloads started together share one helper, so disconnecting frees all their URLs.
      this.downloads ??= new BlobDownloads();
      // Always a download, never shown in the page, whatever type the server claims.
      this.downloads.save(this.renderRoot, new Blob([blob], { type: 'application/octet-stream' }), inert(a.filename));
    } catch (e) {
      this.alertText = '';
      this.alertText = `${this.t.downloadFailed} ${errorMessage(this.common, e as { kind?: string; status?: number })}`;
    }
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    return this.renderFrame(nothing);
  }

  protected override renderTitle(actingForName: string | undefined): unknown {
    return this.thread ? bdi(this.thread.title) : super.renderTitle(actingForName);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`
      <span class="skeleton sk-line"></span>
      <span class="skeleton sk-message"></span>
      <span class="skeleton sk-message"></span>
      <span class="skeleton sk-box"></span>
    `;
  }

  protected override renderData(level: number): unknown {
    const thread = this.thread;
    if (!thread) return nothing;
    const t = this.t;
    const service = serviceLabel(thread.serviceType, this.locale);
    const closed = thread.status === 'closed';
    const hidden = Math.max(0, thread.messages.length - this.shown);
    return html`
      <p part="meta" class="meta">
        <span class="label">${t.careService}:</span> ${bdi(thread.careService.name)}${service ? html` (${service})` : nothing}
        ${closed ? html`<span part="badge" class="badge closed">${t.closedBadge}</span>` : nothing}
      </p>
      ${renderServiceNotices(this.locale, thread.replyPolicy)}
      ${hidden > 0
        ? html`<button type="button" part="earlier-button" class="secondary earlier" @click=${this.showEarlier}>${t.showEarlier(hidden)}</button>`
        : nothing}
      <ol part="messages" class="messages" aria-label=${t.conversation}>
        ${repeat(
          thread.messages.slice(-this.shown),
          (m) => m.id,
          (m) => this.renderMessage(m, thread, level + 1),
        )}
      </ol>
      ${this.renderSeen(thread)} ${closed ? nothing : this.composer.renderOutbox()}
      ${closed
        ? html`<p part="closed" class="notice closed-notice">${t.closed}</p>`
        : this.consent.lacking
        ? this.consent.render(t.noConsent, level + 1, 'notice closed-notice')
        : html`<form part="reply" class="reply" novalidate @submit=${this.onSubmit}>
            ${this.composer.renderErrors()} ${this.composer.renderFields(t.reply)}
            <div class="actions">${this.composer.renderSend()}</div>
          </form>`}
    `;
  }

  private showEarlier = async () => {
    const thread = this.thread;
    if (!thread) return;
    const first = thread.messages[Math.max(0, thread.messages.length - this.shown - WINDOW)];
    this.shown += WINDOW;
    await this.updateComplete;
    // The button stays while there is more; otherwise go to the first message now shown.
    if (!this.renderRoot.querySelector('[part="earlier-button"]') && first) {
      this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(first.id)}"] .sender`)?.focus();
    }
  };

  private renderSender(m: Message, thread: ThreadDetail): unknown {
    const t = this.t;
    const s = m.sender;
    let who: unknown;
    if (s.role === 'staff') who = html`${bdi(s.name)}, ${bdi(thread.careService.name)}`;
    else if (s.role === 'relative') who = s.onBehalfOf ? t.onBehalfOf(bdi(s.name), bdi(s.onBehalfOf)) : t.relative(bdi(s.name));
    else who = bdi(s.name);
    return s.isCurrentUser ? t.you(who) : who;
  }

  // In the download button the space after "Last ned" sits inside the text itself: Chromium drops
  // a whitespace-only text node between two template parts from the accessible name.
  private renderMessage(m: Message, thread: ThreadDetail, level: number): TemplateResult {
    const t = this.t;
    const H = headingTag(level);
    const sent = parseInstant(m.sentAt);
    const staff = m.sender.role === 'staff';
    const parts = ['message', staff ? 'message-staff' : '', m.sender.isCurrentUser ? 'message-own' : '', m.unread ? 'message-unread' : ''].filter(Boolean).join(' ');
    return html`<li part=${parts} class=${`message role-${m.sender.role}${m.sender.isCurrentUser ? ' own' : ''}${m.unread ? ' unread' : ''}`} data-id=${m.id}>
      ${staticHtml`<${H} part="sender" class="sender" tabindex="-1">${this.renderSender(m, thread)}${
        staff ? html` <span part="badge" class="badge staff">${t.staff}</span>` : nothing
      }${m.unread ? html` <span part="badge" class="badge unread">${t.unread}</span>` : nothing}</${H}>`}
      <p class="time">${sent ? html`<time datetime=${isoForTime(sent)}>${formatDateTime(sent, this.locale)}</time>` : this.common.unknownCode}</p>
      <div class="body">${renderMessageText(m.text)}</div>
      ${m.attachments.length
        ? html`<ul part="message-attachments" class="message-attachments" aria-label=${t.attachments}>
            ${m.attachments.map(
              (a) => html`<li>
                <button type="button" part="download-button" class="secondary small" @click=${() => void this.download(a)}>
                  <span>${`${t.download} `}${bdi(a.filename)} (${t.size(Math.max(1, Math.round(a.size / 1024)))})</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </li>`;
  }

  private renderSeen(thread: ThreadDetail): unknown {
    const t = this.t;
    const others = thread.seenSinceLastUpdate.filter((s) => !s.isCurrentUser);
    if (!others.length) return nothing;
    const who: unknown[] = [];
    others.forEach((s, i) => {
      if (i) who.push(i === others.length - 1 ? t.lastJoin : ', ');
      const at = parseInstant(s.seenAt);
      const name = s.role === 'staff' ? html`${bdi(s.name)}, ${bdi(thread.careService.name)}` : bdi(s.name);
      who.push(at ? t.seenAt(name, html`<time datetime=${isoForTime(at)}>${formatDateTime(at, this.locale)}</time>`) : name);
    });
    return html`<p part="seen" class="seen">${t.seenBy(who)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-message-thread': OmsorgMessageThread;
  }
}
