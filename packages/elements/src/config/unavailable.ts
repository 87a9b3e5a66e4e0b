/**
 * What the elements show when the page's configuration file cannot be used (load.ts): each
 * omsorg tag that shows something is defined as this small element, which says politely, in the
 * page's language, that the service is not available now (unavailable.messages.ts). No client is made, nothing is asked
 * of the API, and the host page around it is left as it is. (`<omsorg-provider>` and
 * `<omsorg-cancel-dialog>` are not defined: the one only wraps, the other is opened by a list.)
 */
import { html, css, type TemplateResult } from 'lit';
import { OmsorgElement } from '../internal/base.js';
import { defineElement } from '../internal/define.js';
import { baseStyles } from '../internal/styles.js';
import { messages } from './unavailable.messages.js';

/** The tags that get the placeholder. */
export const unavailableTags = [
  'omsorg-login',
  'omsorg-appointment-list',
  'omsorg-service-list',
  'omsorg-inbox',
  'omsorg-message-thread',
  'omsorg-consent-panel',
  'omsorg-access-log',
] as const;

/**
 * The "unavailable" state.
 *
 * @csspart unavailable - The text.
 */
export class OmsorgUnavailable extends OmsorgElement {
  static override styles = [
    baseStyles,
    css`
      p {
        margin: 0;
        padding: var(--_space);
        border: 1px solid var(--_border-subtle);
        border-radius: var(--_radius);
        background: var(--_surface-tinted);
        color: var(--_text);
      }
    `,
  ];

  private get t() {
    return this.texts(messages);
  }

  override render(): TemplateResult {
    return html`<p part="unavailable">${this.t.text}</p>`;
  }
}

/** Defines every tag in `unavailableTags` as the placeholder (each its own class). */
export function defineUnavailable(): void {
  // (Called, not run at import: this module registers nothing by being imported.)
  unavailableTags.forEach((tag) => defineElement(tag, class extends OmsorgUnavailable {}));
}
