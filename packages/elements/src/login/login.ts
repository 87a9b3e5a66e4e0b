import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { labelIn, relations, type Me, type Subject } from '@omsorg/contract';
import type { AuthState, Client } from '@omsorg/sdk';
import { OmsorgElement } from '../internal/base.js';
import { errorMessage } from '../internal/messages.js';
import { formatTime } from '../internal/format.js';
import { SignedInEvent, SignedOutEvent } from '../internal/events.js';
import { messages, type LoginMessages } from './login.messages.js';
import { styles } from './login.styles.js';

type Status = 'unknown' | 'signed-out' | 'signed-in' | 'error';

/** How often the "session ends in N minutes" text is refreshed while shown. */
const TICK_MS = 15_000;

/**
 * Sign-in and session for every omsorg element on the page: a "Sign in" button when signed
 * out; the person's name, "Sign out" and (for relatives) an "Acting for" switcher when signed
 * in; a visible "You are acting on behalf of X" line whenever the subject is someone else; and
 * a warning before the session expires.
 *
 * @summary Sign in / sign out, acting-for switcher and session warning.
 *
 * @fires omsorg-signed-in - The person signed in, or a session was restored.
 * @fires omsorg-signed-out - The person signed out here; the SDK has wiped its store and every element dropped its content.
 *
 * @csspart base - The wrapper around everything (as in every element).
 * @csspart container - Deprecated alias of `base` (its name in 0.1.0); will be removed.
 * @csspart user - "Signed in as …".
 * @csspart sign-in-button - The sign-in button.
 * @csspart sign-out-button - The sign-out button.
 * @csspart subject - The "Acting for" label and select.
 * @csspart select - The native `<select>` of subjects.
 * @csspart acting-for - The "You are acting on behalf of X" line.
 * @csspart warning - The session-expiry warning.
 * @csspart error - The error message.
 *
 * @cssprop --omsorg-login-gap - Space between the pieces (default 0.5rem 1rem).
 * @cssprop --omsorg-login-acting-for-background - Background of the acting-for line.
 * @cssprop --omsorg-login-acting-for-border-color - Edge colour of the acting-for line.
 */
export class OmsorgLogin extends OmsorgElement {
  static override styles = styles;

  @state() private status: Status = 'unknown';
  @state() private auth?: AuthState;
  @state() private me?: Me;
  @state() private meError?: unknown;
  @state() private error?: unknown;
  @state() private subject = 'me';
  @state() private expiresAt?: number;
  @state() private now = Date.now();
  @state() private announcement = '';

  private lastStatus?: Status;
  /**
   * The client whose session this element last announced with `omsorg-signed-in`. Kept while the
   * element is moved or taken out and put back (CMSs, SPAs), so that does not announce it again.
   */
  private announced?: Client;
  private ticker?: ReturnType<typeof setInterval>;
  private initSeq = 0;

  private get t(): LoginMessages {
    return this.texts(messages);
  }

  protected override clientConnected(client: Client): void {
    this.subject = client.getSubject();
    this.listen('auth-changed', () => this.applyState(client));
    this.listen('session-expiring', ({ expiresAt }) => {
      this.expiresAt = expiresAt;
      this.now = Date.now();
      this.startTicker();
      this.announcement = this.expiringText() ?? '';
    });
    this.listen('cleared', () => {
      this.me = undefined;
      this.meError = undefined;
      if (this.announcement === this.t.subjectsError) this.announcement = '';
    });
    this.listen('subject-changed', ({ subjectId }) => {
      this.subject = subjectId;
    });
    void this.init(client);
  }

  protected override clientDisconnected(): void {
    this.stopTicker();
    this.initSeq++;
    this.lastStatus = undefined;
    this.status = 'unknown';
    this.me = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  private async init(client: Client): Promise<void> {
    const seq = ++this.initSeq;
    this.error = undefined;
    try {
      await client.auth.init();
      if (seq === this.initSeq) this.applyState(client);
    } catch (e) {
      if (seq !== this.initSeq) return;
      this.error = e;
      this.status = 'error';
    }
  }

  private applyState(client: Client): void {
    const s = client.auth.state();
    this.auth = s;
    if (s.status === 'unknown') return;
    this.status = s.status;
    const was = this.lastStatus;
    this.lastStatus = s.status;
    if (s.status === 'signed-in') {
      // A renewed session moves expiry past the warning: drop the warning.
      if (this.expiresAt !== undefined && (s.expiresAt === undefined || s.expiresAt > this.expiresAt)) this.clearWarning();
      if (was !== 'signed-in') {
        void this.loadMe(client);
        if (this.announced !== client) this.dispatchEvent(new SignedInEvent());
        this.announced = client;
      }
    } else {
      this.announced = undefined;
      this.clearWarning();
      this.me = undefined;
      if (s.reason === 'expired') this.announcement = this.t.expired;
    }
  }

  private async loadMe(client: Client): Promise<void> {
    this.meError = undefined;
    // A retry clears the last failure's words, so failing again is said again.
    if (this.announcement === this.t.subjectsError) this.announcement = '';
    try {
      const me = await client.me();
      if (client.auth.state().status === 'signed-in') this.me = me;
    } catch (e) {
      this.meError = e;
      if (client.auth.state().status === 'signed-in') this.announcement = this.t.subjectsError;
    }
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private clearWarning(): void {
    this.expiresAt = undefined;
    this.stopTicker();
  }

  private expiringText(): string | undefined {
    if (this.expiresAt === undefined) return undefined;
    const minutes = Math.max(0, Math.ceil((this.expiresAt - this.now) / 60_000));
    return this.t.expiring(minutes, formatTime(new Date(this.expiresAt), this.locale));
  }

  // ---- actions ----------------------------------------------------------------------------

  private signIn = async () => {
    const client = this.activeClient;
    if (!client) return;
    try {
      await client.auth.signIn({ returnTo: location.href });
    } catch (e) {
      this.error = e;
      this.status = 'error';
    }
  };

  private signOut = async () => {
    const client = this.activeClient;
    if (!client) return;
    try {
      await client.signOut();
    } catch (e) {
      // The SDK wiped its store before it tried to end the session; the person is signed out here.
      this.error = e;
    }
    this.me = undefined;
    this.applyState(client);
    this.dispatchEvent(new SignedOutEvent());
    // The sign-out button is gone: keep focus on the control that replaced it.
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLButtonElement>('[part~="sign-in-button"]')?.focus();
  };

  private retry = () => {
    const client = this.activeClient;
    if (client) void this.init(client);
  };

  private retryMe = () => {
    const client = this.activeClient;
    if (client) void this.loadMe(client);
  };

  private onSubject = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    this.activeClient?.setSubject(value);
  };

  // ---- render -----------------------------------------------------------------------------

  /** The self subject counts as `me`: the API accepts both. */
  private isSelf(id: string): boolean {
    if (id === 'me') return true;
    return !!this.me?.subjects.some((s) => s.id === id && s.relation.code === 'self');
  }

  override render(): TemplateResult {
    return html`
      <div part="base container" class="base">
        ${this.renderState()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private renderState() {
    const t = this.t;
    switch (this.status) {
      case 'unknown':
        return html`<div class="row" aria-busy="true">
          <span class="visually-hidden">${t.checking}</span>
          <span class="skeleton name"></span><span class="skeleton button"></span>
        </div>`;
      case 'error':
        return html`<div class="error" part="error">
          <p>${errorMessage(this.common, this.error as { kind?: string; status?: number })}</p>
          <button type="button" @click=${this.retry}>${this.common.retry}</button>
        </div>`;
      case 'signed-out':
        return html`
          ${this.auth?.reason === 'expired' ? html`<p class="notice" part="warning">${t.expired}</p>` : nothing}
          <div class="row">
            <p class="status">${t.signedOut}</p>
            <button type="button" part="sign-in-button" @click=${this.signIn}>
              ${this.auth?.reason === 'expired' ? t.signInAgain : t.signIn}
            </button>
          </div>
        `;
      case 'signed-in':
        return this.renderSignedIn();
    }
  }

  private renderSignedIn() {
    const t = this.t;
    const name = this.auth?.user?.name ?? this.me?.person.name ?? '';
    const subjects = this.me?.subjects ?? [];
    const others = subjects.filter((s) => s.relation.code !== 'self');
    const self = this.isSelf(this.subject);
    const acting = self ? undefined : subjects.find((s) => s.id === this.subject);
    const expiring = this.expiringText();
    return html`
      <div class="row">
        <p class="status" part="user">${t.signedInAs(html`<strong><bdi>${name}</bdi></strong>`)}</p>
        <button type="button" class="secondary" part="sign-out-button" @click=${this.signOut}>${t.signOut}</button>
      </div>
      ${others.length ? this.renderSelect(subjects) : nothing}
      ${this.meError
        ? html`<div class="error" part="error">
            <p>${t.subjectsError}</p>
            <button type="button" class="secondary" @click=${this.retryMe}>${this.common.retry}</button>
          </div>`
        : nothing}
      ${self
        ? nothing
        : html`<p class="acting-for" part="acting-for">
            ${t.actingFor(html`<strong><bdi>${acting?.name ?? this.common.unknownCode}</bdi></strong>`)}
          </p>`}
      ${expiring
        ? html`<div class="notice warning" part="warning">
            <p>${expiring}</p>
            <button type="button" class="secondary" @click=${this.signIn}>${t.staySignedIn}</button>
          </div>`
        : nothing}
    `;
  }

  private renderSelect(subjects: Subject[]) {
    const t = this.t;
    const selfSelected = this.isSelf(this.subject);
    return html`
      <div class="subject" part="subject">
        <label for="subject">${t.actingForLabel}</label>
        <select id="subject" part="select" @change=${this.onSubject}>
          ${subjects.map((s) => {
            const isSelf = s.relation.code === 'self';
            const value = isSelf ? 'me' : s.id;
            const relation = labelIn(relations, s.relation, this.locale) ?? this.common.unknownCode;
            return html`<option value=${value} .selected=${isSelf ? selfSelected : s.id === this.subject}>${t.option(s.name, relation)}</option>`;
          })}
        </select>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-login': OmsorgLogin;
  }
}
