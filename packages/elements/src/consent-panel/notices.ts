/**
 * The notices section: whether, how and about what the person is told by SMS and e-mail that
 * something new waits on Min side. Where notices go comes from the national contact register
 * (shown masked, changed there, not here); a person reserved against digital notices is told
 * none are sent. Each event shows the exact text that would be sent, as the server builds it (a
 * notice never says anything about health). One save sends the whole choice through the SDK's
 * intent (If-Match, Idempotency-Key); a refusal keeps every choice made, and the same button
 * tries again. Notices go to the person's own phone and address: a relative acting for them is
 * told so, and nothing is asked of the server.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import {
  noticeChannels,
  noticeEvents,
  problemTypes,
  type NoticeChannel,
  type NoticeEvent,
  type NoticePreferences,
} from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { headingTag } from '../internal/heading.js';
import { locales as languages, type Locale } from '../internal/locale.js';
import { errorMessage } from '../internal/messages.js';
import type { ConsentPanelMessages } from './consent-panel.messages.js';
import { isOwnSubject, toggled, type Failure, type PanelContext } from './section.js';

/** The person's notice choices, or `'not-own'` for someone the signed-in person acts for (not asked for). */
export async function fetchNotices(client: Client, subject: string, options: CallOptions): Promise<NoticePreferences | 'not-own'> {
  if (!(await isOwnSubject(client, subject, options))) return 'not-own';
  return client.getNoticePreferences(subject, options);
}

export class NoticesSection implements ReactiveController {
  prefs?: NoticePreferences | 'not-own';
  // The form: what the person has chosen, saved or not. Kept through any refusal.
  private channels = new Set<NoticeChannel>();
  private events = new Set<NoticeEvent>();
  private language: Locale = 'nb';
  private saving = false;
  private saveError = '';
  /** Why the channels chosen cannot be used (the register has no address for one). */
  private channelError = '';

  constructor(private readonly c: PanelContext) {
    c.host.addController(this);
  }

  hostConnected(): void {}

  private get t(): ConsentPanelMessages {
    return this.c.t();
  }

  private changed(): void {
    this.c.host.requestUpdate();
  }

  /** Drops everything (signed out, another subject). */
  clear(): void {
    this.prefs = undefined;
    this.saving = false;
    this.saveError = '';
    this.channelError = '';
    this.changed();
  }

  /** What holds now, from the load or a save: the form shows it. */
  set(prefs: NoticePreferences | 'not-own' | undefined): void {
    this.prefs = prefs;
    if (prefs && prefs !== 'not-own') {
      this.channels = new Set(prefs.channels);
      this.events = new Set(prefs.events);
      this.language = prefs.language;
    }
    this.changed();
  }

  /** Saved by another element on the page: what holds now, the choices with it. */
  follow(prefs: NoticePreferences): void {
    if (this.prefs && this.prefs !== 'not-own' && !this.saving) this.set(prefs);
  }

  private onChannel(channel: NoticeChannel, e: Event): void {
    this.channels = toggled(this.channels, channel, e);
    this.channelError = '';
    this.changed();
  }

  private onEvent(event: NoticeEvent, e: Event): void {
    this.events = toggled(this.events, event, e);
    this.changed();
  }

  private onLanguage(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    this.language = languages.find((l) => l === value) ?? this.language;
    this.changed();
  }

  /** Saves the whole choice: one request per press, a second press while it runs does nothing. */
  private async save(e?: Event): Promise<void> {
    e?.preventDefault();
    const c = this.c;
    const client = c.client();
    const prefs = this.prefs;
    if (!client || !prefs || prefs === 'not-own' || this.saving) return;
    const subject = c.subject();
    const change = {
      channels: noticeChannels.filter((x) => this.channels.has(x)),
      events: noticeEvents.filter((x) => this.events.has(x)),
      language: this.language,
    };
    this.saving = true;
    this.saveError = '';
    this.channelError = '';
    c.polite('');
    c.alert('');
    this.changed();
    await c.request(
      (signal) => client.setNoticePreferences(subject, change, { signal }),
      (after) => {
        this.set(after);
        c.polite(after.channels.length ? this.t.noticesSaved : this.t.noticesOff);
      },
      (err) => void this.failed(client, subject, err as Failure),
      () => {
        this.saving = false;
        this.changed();
      },
      'notices',
    );
  }

  /**
   * A refused save says why and keeps the choices. Changed elsewhere (another tab): the version
   * is brought up to date, so the next press saves these choices over it. A channel the register
   * has no address for: said at the channels, with the register's details read again.
   */
  private async failed(client: Client, subject: string, e: Failure): Promise<void> {
    const c = this.c;
    const t = this.t;
    const stale = e.status === 412 || e.status === 409;
    const unavailable = e.type === problemTypes.noticeChannelUnavailable;
    if (unavailable) this.channelError = t.errorChannelUnavailable;
    else this.saveError = stale ? t.noticesChangedElsewhere : errorMessage(c.common(), e);
    c.alert(this.channelError || this.saveError);
    this.changed();
    if (!stale && !unavailable) return;
    try {
      const now = await client.getNoticePreferences(subject, { fresh: true });
      // Only what the server holds is taken in; the form keeps what the person chose.
      if (this.prefs && this.prefs !== 'not-own') this.prefs = now;
      this.changed();
    } catch {
      // The next press says what is wrong, if anything still is.
    }
  }

  render(level: number, alone: boolean): TemplateResult {
    const t = this.t;
    const p = this.prefs;
    if (!p) return html``;
    const H = headingTag(level);
    const head = alone ? nothing : staticHtml`<${H} id="notices-title" part="section-heading" class="section-heading">${t.noticesTitle}</${H}>`;
    const labelledBy = alone ? 'title' : 'notices-title';
    if (p === 'not-own') {
      return html`<section part="section section-notices" class="section" aria-labelledby=${labelledBy}>
        ${head}
        <p part="notices-only-self" class="notice">${t.noticesOnlySelf}</p>
      </section>`;
    }
    return html`<section part="section section-notices" class="section" aria-labelledby=${labelledBy}>
      ${head}
      ${this.renderContact(p)}
      ${p.contact.reserved ? nothing : this.renderForm(p)}
    </section>`;
  }

  /** Where notices go, masked, from the register (untrusted text: text bindings only). */
  private renderContact(p: NoticePreferences): TemplateResult {
    const t = this.t;
    const { phone, email, reserved } = p.contact;
    if (reserved) return html`<p part="notices-reserved" class="notice">${t.noticesReserved}</p>`;
    return html`<div part="contact" class="group">
      <p>${t.contactIntro}</p>
      <ul role="list" class="contact">
        <li>${t.channelNames.sms}: <bdi>${phone ?? t.contactMissing}</bdi></li>
        <li>${t.channelNames.email}: <bdi>${email ?? t.contactMissing}</bdi></li>
      </ul>
      <p class="hint">${t.contactSource}</p>
    </div>`;
  }

  private renderForm(p: NoticePreferences): TemplateResult {
    const t = this.t;
    const address: Record<NoticeChannel, string | null> = { sms: p.contact.phone, email: p.contact.email };
    const previews = new Map(p.previews.map((x) => [x.event, x]));
    const savedIn = t.languageNames[p.language];
    return html`<form part="notices-form" class="give" novalidate @submit=${(e: Event) => this.save(e)}>
      <fieldset part="channels" class=${this.channelError ? 'invalid' : ''} aria-describedby=${this.channelError ? 'notices-channel-error' : 'notices-off-hint'}>
        <legend>${t.channelsLegend}</legend>
        ${this.channelError ? html`<p id="notices-channel-error" class="field-error">${this.channelError}</p>` : nothing}
        <p id="notices-off-hint" class="hint">${t.noticesOffHint}</p>
        ${noticeChannels.map((ch) => {
          // A channel the register has no address for cannot be chosen; it says why.
          const missing = address[ch] === null && !this.channels.has(ch);
          return html`<div class="choice"><div class="check">
            <input
              type="checkbox"
              id=${`notice-channel-${ch}`}
              .checked=${this.channels.has(ch)}
              ?disabled=${missing}
              aria-describedby=${missing ? `notice-channel-${ch}-missing` : nothing}
              aria-invalid=${this.channelError ? 'true' : nothing}
              @change=${(e: Event) => this.onChannel(ch, e)}
            />
            <label for=${`notice-channel-${ch}`}>${t.channelNames[ch]}</label>
          </div>
          ${missing ? html`<p id=${`notice-channel-${ch}-missing`} class="hint">${t.channelMissing[ch]}</p>` : nothing}</div>`;
        })}
      </fieldset>
      <fieldset part="events">
        <legend>${t.eventsLegend}</legend>
        <p class="hint">${t.noticesNoHealth}</p>
        ${noticeEvents.map((ev) => {
          const preview = previews.get(ev);
          return html`<div class="choice">
            <div class="check">
              <input type="checkbox" id=${`notice-event-${ev}`} .checked=${this.events.has(ev)} @change=${(e: Event) => this.onEvent(ev, e)} />
              <label for=${`notice-event-${ev}`}>${t.eventNames[ev]}</label>
            </div>
            ${preview
              ? html`<details part="preview" class="preview" data-event=${ev}>
                  <summary>${t.previewSummary(t.eventNames[ev])}</summary>
                  <p class="hint">${t.previewIn(savedIn)}</p>
                  <p><span class="hint">${t.previewSubject}</span> <bdi part="preview-subject">${preview.subject}</bdi></p>
                  <p><bdi part="preview-text">${preview.text}</bdi></p>
                </details>`
              : nothing}
          </div>`;
        })}
      </fieldset>
      <div class="field">
        <label for="notice-language">${t.languageLabel}</label>
        <select id="notice-language" part="language" @change=${(e: Event) => this.onLanguage(e)}>
          ${languages.map((l) => html`<option value=${l} ?selected=${l === this.language}>${t.languageNames[l]}</option>`)}
        </select>
      </div>
      ${this.saveError ? html`<p part="notices-save-error" class="inline-error">${this.saveError}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="save-notices-button" aria-disabled=${this.saving ? 'true' : 'false'}>${this.saving ? t.saving : t.noticesSave}</button>
      </div>
    </form>`;
  }
}
