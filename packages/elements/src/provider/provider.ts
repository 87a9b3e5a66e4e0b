import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Client } from '@omsorg/sdk';
import { clientContext } from '../internal/context.js';
import { VERSION } from '../internal/version.js';
import { styles } from './provider.styles.js';

/**
 * Provides an SDK client to the omsorg elements inside it, instead of (or closer than) the
 * document-level provider: two sections of a page can use two clients, or a framework can
 * scope one client to a subtree. It adds no box of its own (`display: contents`).
 *
 * Set `client` as a property (it has no attribute). Elements inside that already found the
 * document-level client switch to this one when it appears; replacing `client` updates them all.
 * It has no text, fires no events, and has no parts or CSS custom properties.
 *
 * @summary Gives the elements inside it an SDK client.
 *
 * @slot - The omsorg elements (and anything else) that should use this client.
 */
export class OmsorgProvider extends LitElement {
  static readonly omsorgVersion = VERSION;

  static override styles = styles;

  /** The SDK client for every omsorg element inside. */
  @property({ attribute: false }) client?: Client;

  private provider = new ContextProvider(this, { context: clientContext, initialValue: this.client });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('client')) this.provider.setValue(this.client);
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-provider': OmsorgProvider;
  }
}
