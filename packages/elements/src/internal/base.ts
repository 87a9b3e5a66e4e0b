import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { Client, ClientEventName, ClientEvents } from '@omsorg/sdk';
import { clientContext } from './context.js';
import { baseLocaleOf, langOf, onLangChange, textLocaleOf, type Locale } from './locale.js';
import { common, onHostTextsChange, textsIn, textsReady, type Catalog, type CommonMessages } from './messages.js';
import { VERSION } from './version.js';

/**
 * Base for every omsorg element: finds the shared SDK client (context, or the `client`
 * property), follows the page's `lang`, and subscribes to client events for as long as it is
 * connected, so moving or removing an element leaks no listeners.
 */
export class OmsorgElement extends LitElement {
  static readonly omsorgVersion = VERSION;

  /** Set the client directly instead of through a provider (frameworks, tests). */
  @property({ attribute: false }) client?: Client;

  /** The locale in use: from the nearest `lang`, bokmål by default (a registered language's base). */
  @state() protected locale: Locale = 'nb';

  /** The language of the texts: the locale, or a language the host registered (`se`). */
  @state() protected textLocale = 'nb';

  @state() private contextClient?: Client;

  private clientUnsubscribers: Array<() => void> = [];
  private boundClient?: Client;
  private stopLangWatch?: () => void;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (value) => {
        this.contextClient = value;
      },
    });
  }

  /** The client in use: an explicit `client` property wins over the provided one. */
  protected get activeClient(): Client | undefined {
    return this.client ?? this.contextClient;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back after a removal: willUpdate binds the client again. A provided client triggers an
    // update anyway (the context answers again); an explicit `client` property does not.
    if (this.hasUpdated) this.requestUpdate();
    this.followLang();
    const stopLang = onLangChange(() => this.followLang());
    const stopTexts = onHostTextsChange(() => this.requestUpdate());
    this.stopLangWatch = () => {
      stopLang();
      stopTexts();
    };
  }

  private followLang(): void {
    this.textLocale = textLocaleOf(langOf(this));
    this.locale = baseLocaleOf(this.textLocale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLangWatch?.();
    this.stopLangWatch = undefined;
    this.unbindClient();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const next = this.isConnected ? this.activeClient : undefined;
    if (next !== this.boundClient) {
      this.unbindClient();
      if (next) {
        this.boundClient = next;
        this.clientConnected(next);
      }
    }
  }

  private unbindClient(): void {
    this.clientUnsubscribers.forEach((u) => u());
    this.clientUnsubscribers = [];
    if (this.boundClient) {
      this.boundClient = undefined;
      this.clientDisconnected();
    }
  }

  /**
   * Called when a client becomes available (or changes). Subclasses load data and subscribe
   * with `listen`; the subscriptions end when the element leaves the page.
   */
  protected clientConnected(_client: Client): void {}

  /** Called when the client goes away (removed from the page, or replaced). */
  protected clientDisconnected(): void {}

  /** Subscribe to a client event until the element disconnects or the client changes. */
  protected listen<K extends ClientEventName>(type: K, listener: (detail: ClientEvents[K]) => void): void {
    const client = this.boundClient;
    if (client) this.clientUnsubscribers.push(client.on(type, listener));
  }

  /**
   * Renders only once the texts of its locale are in: nynorsk and English are modules of their
   * own (messages.ts), imported the first time an element needs them (the CDN loader preloads
   * the page's). Until then the update waits, so the element never shows another language
   * first; in bokmål, or once loaded, it updates exactly as Lit schedules it.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const texts = textsReady(this.locale);
    if (!texts) return super.scheduleUpdate();
    return texts.then(
      () => super.scheduleUpdate(),
      (e: unknown) => {
        // Shown in bokmål rather than not at all; the next update tries the import again.
        console.error('[omsorg] texts', this.locale, e);
        return super.scheduleUpdate();
      },
    );
  }

  /** Shared texts in the current language (with the host's own, `setTexts`). */
  protected get common(): CommonMessages {
    return textsIn(common, this.textLocale);
  }

  /** This element's texts in the current language (with the host's own, `setTexts`). */
  protected texts<T>(c: Catalog<T>): T {
    return textsIn(c, this.textLocale);
  }
}
