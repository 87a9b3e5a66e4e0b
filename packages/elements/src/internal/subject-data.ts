import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import type { CallOptions, Client } from '@omsorg/sdk';
import { OmsorgElement } from './base.js';
import { clampHeadingLevel, headingTag } from './heading.js';
import { errorMessage } from './messages.js';
import { baseStyles } from './styles.js';
import { subjectDataStyles } from './subject-data.styles.js';

/** Where an element that loads a subject's data stands. */
export type LoadPhase = 'idle' | 'loading' | 'ready' | 'error' | 'signed-out';

/** The element's own texts that the shared frame and states need. */
export interface SubjectDataTexts {
  title: string;
  titleFor: (name: unknown) => unknown;
  actingForUnknown: string;
  loadingList: string;
  signInFailed: string;
}

type Failure = { kind?: string; status?: number };

const isAbort = (e: unknown) =>
  (e instanceof DOMException && e.name === 'AbortError') || (!!e && typeof e === 'object' && (e as Failure).kind === 'aborted');
const isAuth = (e: unknown) => !!e && typeof e === 'object' && ((e as Failure).kind === 'auth' || (e as Failure).status === 401);

/**
 * Base for the elements that show one subject's data (the appointment list, the service list).
 *
 * It exists so they cannot drift apart in the parts that must behave the same: when to load
 * (client bound, moved in the page, subject or sign-in changed), aborting what is no longer
 * wanted, turning an expired session into the signed-out state (and dropping what was shown),
 * looking up whom the page acts for, and the heading, loading, signed-out, error and
 * live-region markup. The subclass says what to fetch (`fetchData`), what to keep (`onLoaded`)
 * and what to drop (`clearData`), and renders its skeleton and its data.
 */
export abstract class SubjectDataElement<T> extends OmsorgElement {
  /**
   * The shared styles and those of the frame (base, heading, acting-for, content). A subclass
   * adds its own after them: `static override styles = [SubjectDataElement.styles, styles]`.
   */
  static override styles: CSSResultGroup = [baseStyles, subjectDataStyles];

  /** The subject to show; default the client's current subject (`client.getSubject()`). */
  @property({ attribute: 'subject-id' }) subjectId?: string;

  /** The level of the element's heading (1–6, default 2); the headings inside go deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() protected phase: LoadPhase = 'idle';
  /** What the `role="status"` region announces. */
  @state() protected politeText = '';
  /** What the `role="alert"` region announces. */
  @state() protected alertText = '';
  @state() private error?: unknown;
  @state() private actingFor?: { name?: string };
  @state() private signInError = false;
  /** Whether the status region says "loading" (while `phase` is 'loading'). */
  @state() private loadingAnnounced = false;

  /** The current request of each lane (`main`: loads and the element's own changes). */
  private readonly controllers = new Map<string, AbortController>();
  private meController?: AbortController;
  private actingForSubject?: string;
  private needsLoad = false;
  private authStatus?: string;
  /** Counts loads, so a late "loading" announcement of an earlier load is dropped. */
  private loadSeq = 0;

  /** This element's texts in the current locale. */
  protected abstract get t(): SubjectDataTexts;

  /** Fetches the data for `subject`; `options` carry the abort signal and `fresh`. */
  protected abstract fetchData(client: Client, subject: string, options: CallOptions): Promise<T>;

  /** Keeps what `fetchData` returned; returns the sentence announced politely. */
  protected abstract onLoaded(data: T): string;

  /** Drops the data shown (a new load starts, or the user signed out). */
  protected abstract clearData(): void;

  /** The placeholder shapes shown while loading. */
  protected abstract renderSkeleton(): TemplateResult;

  /** The heading level in use: `heading-level` clamped to 1–6. */
  protected get level(): number {
    return clampHeadingLevel(this.headingLevel);
  }

  /** The content once loaded (`level`: the element's own heading level). */
  protected abstract renderData(level: number): unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: bind the client again (the base unbinds on disconnect).
    if (this.hasUpdated) {
      this.needsLoad = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortAll();
  }

  protected override clientConnected(client: Client): void {
    this.authStatus = client.auth.state().status;
    this.listen('cleared', () => this.toSignedOut());
    this.listen('auth-required', () => this.toSignedOut());
    this.listen('auth-changed', (s) => {
      const before = this.authStatus;
      this.authStatus = s.status;
      if (s.status === 'signed-in' && before !== 'signed-in') this.reload();
      else if (s.status === 'signed-out') this.toSignedOut();
    });
    this.listen('subject-changed', () => {
      if (!this.subjectId) this.reload();
    });
    this.needsLoad = true;
  }

  protected override clientDisconnected(): void {
    this.abortAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hasUpdated && this.reloadsOn(changed)) this.needsLoad = true;
    if (this.needsLoad && this.activeClient && this.isConnected) {
      this.needsLoad = false;
      void this.load();
    }
  }

  /** Whether these property changes mean other data, to be loaded anew. */
  protected reloadsOn(changed: PropertyValues<this>): boolean {
    return changed.has('subjectId');
  }

  /** Loads again from the server (a paged list: its first page); also what "try again" does. */
  reload(): void {
    this.needsLoad = false;
    void this.load(true);
  }

  /** Whether the data shown is someone else's (a relative acting for them), as far as known. */
  protected get actsForOther(): boolean {
    return this.actingFor !== undefined;
  }

  protected get subject(): string {
    return this.subjectId || this.activeClient?.getSubject() || 'me';
  }

  /** Aborts the current request and the acting-for lookup. */
  protected abortAll(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
    this.meController?.abort();
    this.meController = undefined;
  }

  /**
   * Runs `fetch` as the one current request (aborting the one before) and hands its result to
   * `done`. An abort is dropped; an auth failure shows the signed-out state; any other failure
   * goes to `failed`. `settled` runs last if this is still the current request. `lane` keeps
   * requests of independent parts of an element apart (one current request per lane), so that
   * one part's request does not abort another's; a load and `abortAll` end every lane.
   */
  protected async request<R>(
    fetch: (signal: AbortSignal) => Promise<R>,
    done: (result: R) => void | Promise<void>,
    failed: (e: unknown) => void,
    settled?: () => void,
    lane = 'main',
  ): Promise<void> {
    const controller = new AbortController();
    this.controllers.get(lane)?.abort();
    this.controllers.set(lane, controller);
    try {
      const result = await fetch(controller.signal);
      if (controller.signal.aborted) return;
      await done(result);
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) return;
      if (isAuth(e)) {
        this.toSignedOut();
        return;
      }
      failed(e);
    } finally {
      if (this.controllers.get(lane) === controller) {
        this.controllers.delete(lane);
        settled?.();
      }
    }
  }

  private async load(fresh?: boolean): Promise<void> {
    const client = this.activeClient;
    this.abortAll();
    if (!client) return;
    if (client.auth.state().status === 'signed-out') {
      this.toSignedOut();
      return;
    }
    const subject = this.subject;
    this.phase = 'loading';
    this.clearData();
    this.error = undefined;
    this.signInError = false;
    this.politeText = '';
    this.alertText = '';
    const seq = ++this.loadSeq;
    this.loadingAnnounced = false;
    void this.announceLoading(seq);
    this.loadActingFor(client, subject);
    await this.request(
      (signal) => this.fetchData(client, subject, { signal, fresh }),
      (data) => {
        this.politeText = this.onLoaded(data);
        this.phase = 'ready';
      },
      (e) => {
        this.error = e;
        this.phase = 'error';
        this.alertText = errorMessage(this.common, e as Failure);
      },
    );
  }

  /**
   * Says "loading" politely, once per load (polls and background refreshes never come here).
   * It waits for the render that shows the loading state, so the status region is in the page
   * empty before the text arrives (a region born with its text is not read out), and says
   * nothing if the data came first (from the cache). The loaded text or the error replaces it.
   */
  private async announceLoading(seq: number): Promise<void> {
    await this.updateComplete;
    if (seq === this.loadSeq && this.phase === 'loading') this.loadingAnnounced = true;
  }

  /** Acting for someone else: find their name lazily (one `me()` call, cached by the SDK). */
  private loadActingFor(client: Client, subject: string): void {
    if (subject === 'me') {
      this.actingFor = undefined;
      return;
    }
    if (this.actingFor?.name && this.actingForSubject === subject) return;
    this.actingForSubject = subject;
    this.actingFor = {};
    const controller = new AbortController();
    this.meController = controller;
    client.me({ signal: controller.signal }).then(
      (me) => {
        if (controller.signal.aborted) return;
        const s = me.subjects.find((x) => x.id === subject);
        if (s && s.relation.code === 'self') this.actingFor = undefined;
        else this.actingFor = { name: s?.name };
      },
      () => {
        // Without a name the element still says that it shows someone else's data.
      },
    );
  }

  /** Drops everything shown (sign-out on a shared computer) and offers sign-in. */
  private toSignedOut(): void {
    this.abortAll();
    this.loadSeq++;
    this.needsLoad = false;
    this.clearData();
    this.error = undefined;
    this.actingFor = undefined;
    this.actingForSubject = undefined;
    this.politeText = '';
    this.alertText = '';
    this.phase = 'signed-out';
  }

  protected focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  private retry(): void {
    this.focusHeading();
    this.reload();
  }

  private async signIn(): Promise<void> {
    this.signInError = false;
    try {
      await this.activeClient?.auth.signIn();
    } catch {
      this.signInError = true;
      this.alertText = this.t.signInFailed;
    }
  }

  // ---------------------------------------------------------------- rendering

  /**
   * The element's whole content: the heading (naming the person acted for, when known), the
   * acting-for notice, `controls`, the content area (busy while loading) and the live regions.
   */
  protected renderFrame(controls: unknown): TemplateResult {
    const t = this.t;
    const level = this.level;
    const H = headingTag(level);
    const acting = this.phase !== 'signed-out' ? this.actingFor : undefined;
    const title = this.renderTitle(acting?.name);
    const busy = this.phase === 'loading' || this.phase === 'idle';
    const polite = this.saysLoading ? t.loadingList : this.politeText;
    return staticHtml`
      <div part="base" class="base">
        <${H} id="title" part="heading" class="heading" tabindex="-1">${title}</${H}>
        ${acting && !acting.name ? html`<p part="acting-for" class="notice acting-for">${t.actingForUnknown}</p>` : nothing}
        ${controls}
        <div part="content" class="content" aria-busy=${busy ? 'true' : 'false'}>${this.renderContent(level)}</div>
        <div class="visually-hidden" role="status">${polite}</div>
        <div class="visually-hidden" role="alert">${this.alertText}</div>
      </div>
    `;
  }

  /** Whether the status region says "loading" now (in the current language). */
  private get saysLoading(): boolean {
    return this.phase === 'loading' && this.loadingAnnounced;
  }

  /** The heading's text: the element's title, naming the person acted for when known. */
  protected renderTitle(actingForName: string | undefined): unknown {
    return actingForName ? this.t.titleFor(html`<bdi>${actingForName}</bdi>`) : this.t.title;
  }

  private renderContent(level: number): unknown {
    const c = this.common;
    switch (this.phase) {
      case 'idle':
      case 'loading':
        // Until the status region says it (and instead of it, so it is not read twice).
        return html`
          <div part="skeleton" class="skeleton-list" aria-hidden="true">${this.renderSkeleton()}</div>
          ${this.saysLoading ? nothing : html`<p class="visually-hidden">${this.t.loadingList}</p>`}
        `;
      case 'signed-out':
        return html`<div part="signed-out" class="notice signed-out">
          <p>${c.signedOut}</p>
          <button type="button" part="sign-in-button" @click=${this.signIn}>${c.signIn}</button>
          ${this.signInError ? html`<p class="inline-error">${this.t.signInFailed}</p>` : nothing}
        </div>`;
      case 'error':
        return html`<div part="error" class="error">
          <p>${errorMessage(c, this.error as Failure)}</p>
          <button type="button" part="retry-button" class="secondary" @click=${this.retry}>${c.retry}</button>
        </div>`;
      case 'ready':
        return this.renderData(level);
    }
  }
}
