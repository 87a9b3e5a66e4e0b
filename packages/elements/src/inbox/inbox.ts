import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { idPattern, threadLinkParam, type Thread, type ThreadPage } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { SubjectDataElement } from '../internal/subject-data.js';
import { errorMessage } from '../internal/messages.js';
import { ThreadOpenEvent, UnreadChangedEvent } from '../internal/events.js';
import { messages, type InboxMessages } from './inbox.messages.js';
import { styles } from './inbox.styles.js';
import { NewMessage } from './new-message.js';
import { renderThreadList } from './inbox.list-view.js';
import { focusThreadTitle, loadThreadElement, renderThreadView } from './inbox.thread-view.js';
import { DialogueConsentGate } from '../composer/consent.js';

type View = 'list' | 'thread' | 'new';

type Failure = { kind?: string; status?: number };

/**
 * The subject's secure messages with the care services: every thread with its title, care
 * service, last activity (Europe/Oslo), the start of the last message and its unread count;
 * a "new message" form that writes only to the care services of services the subject receives;
 * and, when a thread is opened, the thread itself (an `<omsorg-message-thread>` inside, with a
 * back button), so a page needs only this one tag. The list stays fresh without reload
 * (`client.watchThreads`).
 *
 * Host pages can show an unread badge from `unreadCount` and `omsorg-unread-changed`. With the
 * one-script-tag bundle, `data-watch-unread` on the script tag does the same without this
 * element on the page: it dispatches `omsorg-unread-changed` on `document` for every change,
 * and the bundle's `getClient()` gives `client.unreadCount()`.
 *
 * @summary Message threads with the care services, a new-message form, and the open thread.
 *
 * A thread opens from a deep link too: `thread-id`, or the page address's `omsorg-thread`
 * parameter (a notice's link), once the list is in; after a sign-in the page comes back to the
 * same address, so the link lands on the thread.
 *
 * @fires omsorg-thread-open - A thread is being opened. Cancelable: `preventDefault()` stops the inbox from showing it (the host shows `<omsorg-message-thread>` itself). Detail: `{ subjectId, threadId }`.
 * @fires omsorg-unread-changed - The subject's number of unread messages is known or changed. Detail: `{ subjectId, count }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart toolbar - The row with the "new message" button.
 * @csspart new-button - The "new message" button.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The "no messages" text.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button after a load error.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart unread-summary - "You have 2 unread messages."
 * @csspart threads - The list of threads.
 * @csspart thread - One thread (also `thread-unread`, `thread-closed`).
 * @csspart thread-button - The button that opens a thread (its title).
 * @csspart unread-badge - A thread's "2 unread".
 * @csspart thread-meta - A thread's care service and last activity.
 * @csspart source - A thread's or a recipient's municipality (shown when the threads, or the recipients, are with more than one).
 * @csspart excerpt - The start of a thread's last message.
 * @csspart badge - The "closed" badge.
 * @csspart more-button - "Show more conversations".
 * @csspart back-button - The button back from an open thread or the new-message form.
 * @csspart thread-view - The open `<omsorg-message-thread>`.
 * @csspart new-message - The new-message form's section.
 * @csspart no-consent - Instead of the new-message button: there is no consent to digital dialogue.
 * @csspart consent-panel - Under that notice: `<omsorg-consent-panel section="dialogue">`, to give the consent in place.
 * @csspart new-heading - Its heading.
 * @csspart recipients - The choice of care service.
 * @csspart subject-input - The subject field.
 * @csspart notices - The emergency notice, reply time and service notice.
 * @csspart emergency - "Not for emergencies: call 113 …".
 * @csspart phone-link - The `tel:` links for 113 and 116 117.
 * @csspart reply-time - The chosen service's expected reply time.
 * @csspart service-notice - The chosen service's own notice.
 * @csspart error-summary - The list of problems after a failed send.
 * @csspart textarea - The message text box.
 * @csspart count - The character count.
 * @csspart attachments - The attachment picker and list.
 * @csspart file-input - The file picker.
 * @csspart file-errors - Problems with picked files.
 * @csspart attachment-list - The attached files.
 * @csspart attachment - One attached file.
 * @csspart draft-status - "Draft saved at 14:02" / "not saved yet".
 * @csspart draft-conflict - The choice after another tab changed the draft.
 * @csspart send-button - The send button.
 * @csspart cancel-button - The new-message form's cancel button.
 * @csspart outbox - New messages on their way or not sent.
 * @csspart outbox-item - One of them.
 * @csspart retry-send-button - "Try again" for a message not sent.
 * @csspart discard-button - "Discard": the text goes back into the form.
 *
 * @cssprop --omsorg-inbox-gap - Space between blocks and threads (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-inbox-item-background - A thread's background (default the surface colour).
 * @cssprop --omsorg-inbox-item-border-color - A thread's border (default the subtle border colour).
 * @cssprop --omsorg-inbox-item-radius - A thread's corner radius (default `--omsorg-border-radius`).
 * @cssprop --omsorg-inbox-unread-color - Colour of the unread badge and marker (default the accent colour).
 * @cssprop --omsorg-inbox-skeleton-height - Height reserved while loading (default 16rem).
 */
export class OmsorgInbox extends SubjectDataElement<ThreadPage> {
  static override styles = [SubjectDataElement.styles, styles];

  /**
   * A thread to open once the list is in (a deep link): the host sets it, or it comes from the
   * page's address (`thread-param`). Opening it fires `omsorg-thread-open` like a press would.
   */
  @property({ attribute: 'thread-id' }) threadId?: string;

  /**
   * The query parameter of the page's address that names a thread to open; the default,
   * `omsorg-thread`, is what a notice of a new message links with. Empty: the address is not read.
   */
  @property({ attribute: 'thread-param' }) threadParam: string = threadLinkParam;

  @state() private items: Thread[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private moreError?: unknown;
  @state() private view: View = 'list';
  @state() private openThreadId?: string;
  @state() private count?: number;

  /** The deep-linked thread already opened: once per page, so "back" stays on the list. */
  private linked?: string;
  private stopWatch?: () => void;
  private watching?: string;
  private lastOpened?: string;
  private focusAfterUpdate?: () => void;

  /** Consent to digital dialogue: without it no new message is offered, but the consent section. */
  private readonly consent = new DialogueConsentGate(this, {
    client: () => this.activeClient,
    subject: () => this.subject,
    current: (subject) => subject === this.subject && this.phase === 'ready',
    given: (focusWasInPanel) => {
      this.politeText = this.t.consentGiven;
      if (focusWasInPanel) this.afterUpdate(() => this.renderRoot.querySelector<HTMLElement>('[part="new-button"]')?.focus());
    },
  });

  /** The new-message form (its composer is loaded on first use). */
  private readonly newMessage = new NewMessage(this, {
    client: () => this.activeClient,
    subject: () => this.subject,
    locale: () => this.locale,
    common: () => this.common,
    t: () => this.t,
    shown: () => this.view === 'new',
    announce: (text) => {
      this.politeText = text;
    },
    listen: (type, fn) => this.listen(type, fn),
    opened: (threadId) => this.showThread(threadId),
    back: () => void this.back(),
  });

  /** The subject's unread messages, once known. */
  get unreadCount(): number | undefined {
    return this.count;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching();
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    this.newMessage.subscribe();
    this.listen('threads-changed', ({ subjectId, page }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.onPage(page);
    });
    this.listen('unread-changed', ({ subjectId, count }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.setCount(count);
    });
    this.listen('dialogue-consent-changed', () => this.consent.check());
  }

  protected override clientDisconnected(): void {
    super.clientDisconnected();
    this.stopWatching();
  }

  protected override get t(): InboxMessages {
    return this.texts(messages);
  }

  protected override fetchData(client: Client, subject: string, options: CallOptions): Promise<ThreadPage> {
    // The first page as the server pages it: the same page the poller keeps fresh.
    return client.listThreads({ subjectId: subject }, options);
  }

  protected override onLoaded(page: ThreadPage): string {
    this.items = dedupe(page.items);
    this.nextCursor = page.nextCursor;
    this.setCount(page.unreadCount);
    this.watch();
    this.consent.check();
    this.openLinked();
    setTimeout(loadThreadElement, 500);
    return this.t.loaded(this.items.length, page.unreadCount);
  }

  protected override clearData(): void {
    this.items = [];
    this.nextCursor = null;
    this.moreError = undefined;
    this.view = 'list';
    this.openThreadId = undefined;
    this.consent.clear();
    this.newMessage.clear();
    this.stopWatching();
  }

  private watch(): void {
    const client = this.activeClient;
    const subject = this.subject;
    if (!client || this.watching === subject) return;
    this.stopWatching();
    this.watching = subject;
    this.stopWatch = client.watchThreads(subject, (page) => this.onPage(page));
  }

  private stopWatching(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.watching = undefined;
  }

  /** A newer first page: it replaces those threads; older pages already shown stay below. */
  private onPage(page: ThreadPage): void {
    const fresh = new Set(page.items.map((t) => t.id));
    this.items = dedupe([...page.items, ...this.items.filter((t) => !fresh.has(t.id))]);
    if (this.items.length <= page.items.length) this.nextCursor = page.nextCursor;
    this.setCount(page.unreadCount);
  }

  private setCount(count: number): void {
    if (count === this.count) return;
    const before = this.count;
    this.count = count;
    if (before !== undefined && count > before) this.politeText = this.t.unreadSummary(count);
    this.dispatchEvent(new UnreadChangedEvent({ subjectId: this.subject, count }));
  }

  private async loadMore(): Promise<void> {
    const client = this.activeClient;
    const cursor = this.nextCursor;
    if (!client || !cursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    await this.request(
      (signal) => client.listThreads({ subjectId: this.subject, cursor }, { signal }),
      (page) => {
        const before = this.items.length;
        this.items = dedupe([...this.items, ...page.items]);
        this.nextCursor = page.nextCursor;
        const first = this.items[before];
        if (first) this.afterUpdate(() => this.focusRow(first.id));
      },
      (e) => {
        this.moreError = e;
        this.alertText = `${this.t.errorLoadMore} ${errorMessage(this.common, e as Failure)}`;
      },
      () => {
        this.loadingMore = false;
      },
    );
  }

  // ---- views ------------------------------------------------------------------------------

  private afterUpdate(fn: () => unknown): void {
    this.focusAfterUpdate = fn;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const fn = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    fn?.();
  }

  private focusRow(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-thread="${CSS.escape(id)}"]`)?.focus();
  }

  private open(threadId: string): void {
    const intent = new ThreadOpenEvent({ subjectId: this.subject, threadId });
    if (!this.dispatchEvent(intent)) return;
    this.showThread(threadId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A thread-id set while the list is shown opens it now; before that, once the list is in.
    if (changed.has('threadId') && this.phase === 'ready') this.openLinked();
  }

  /** Opens the deep-linked thread, if there is one not opened yet. The server decides whether it is the person's. */
  private openLinked(): void {
    const fromAddress = this.threadParam ? new URLSearchParams(location.search).get(this.threadParam) : null;
    const id = this.threadId?.trim() || fromAddress?.trim();
    if (!id || id === this.linked) return;
    this.linked = id;
    if (!idPattern.test(id)) {
      console.warn('[omsorg]', '<omsorg-inbox>: the thread to open is not a thread id; the list is shown.');
      return;
    }
    if (this.view === 'thread' && this.openThreadId === id) return;
    this.open(id);
  }

  private showThread(id: string): void {
    this.lastOpened = id;
    this.openThreadId = id;
    this.view = 'thread';
    this.afterUpdate(() => focusThreadTitle(this.renderRoot));
  }

  private back = async () => {
    if (this.view === 'new') await this.newMessage.flush();
    const from = this.view;
    // The list stayed current while a thread was open (the watcher, "seen", sends): no refetch.
    this.view = 'list';
    this.openThreadId = undefined;
    this.afterUpdate(() => {
      if (from === 'thread' && this.lastOpened && this.items.some((t) => t.id === this.lastOpened)) this.focusRow(this.lastOpened);
      else this.renderRoot.querySelector<HTMLElement>('[part="new-button"]')?.focus();
    });
  };

  private startNew = async () => {
    this.view = 'new';
    this.afterUpdate(() => this.renderRoot.querySelector<HTMLElement>('#new-heading')?.focus());
    await this.newMessage.start();
  };

  // ---- rendering --------------------------------------------------------------------------

  override render(): TemplateResult {
    const show = this.phase === 'ready' && this.view === 'list';
    const toolbar = show
      ? html`<div part="toolbar" class="toolbar">
          ${this.consent.lacking
            ? this.consent.render(this.t.noConsent, this.level + 1)
            : html`<button type="button" part="new-button" @click=${this.startNew}>${this.t.newMessage}</button>`}
        </div>`
      : nothing;
    return this.renderFrame(toolbar);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`
      <span class="skeleton sk-item"></span>
      <span class="skeleton sk-item"></span>
      <span class="skeleton sk-item"></span>
    `;
  }

  protected override renderData(level: number): unknown {
    if (this.view === 'thread' && this.openThreadId) {
      const view = { client: this.activeClient, subject: this.subject, threadId: this.openThreadId, backLabel: this.t.back, back: this.back };
      return renderThreadView(view, level);
    }
    if (this.view === 'new') return this.newMessage.render(level);
    // The list's markup: inbox.list-view.ts.
    return renderThreadList(
      {
        t: this.t,
        common: this.common,
        locale: this.locale,
        items: this.items,
        count: this.count,
        nextCursor: this.nextCursor,
        loadingMore: this.loadingMore,
        moreError: this.moreError,
        open: (id) => this.open(id),
        loadMore: () => void this.loadMore(),
      },
      level,
    );
  }
}

function dedupe(items: Thread[]): Thread[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(t.id) && !!seen.add(t.id));
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-inbox': OmsorgInbox;
  }
}
