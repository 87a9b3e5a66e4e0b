import { html, nothing, type TemplateResult } from 'lit';
import type { ReplyPolicy } from '@omsorg/contract';
import type { Locale } from '../internal/locale.js';
import { inert } from '../internal/message-text.js';
import { textsIn } from '../internal/messages.js';
import { telHref } from '../internal/phone.js';
import { messages, type ComposerMessages } from './composer.messages.js';

/** A `tel:` link for an emergency number (fixed, trusted). */
const tel = (shown: string) => html`<a part="phone-link" href=${telHref(shown) ?? ''}>${shown}</a>`;

/**
 * The notices shown wherever one writes to a care service: not for emergencies (113, 116 117),
 * the expected reply time, and the service's own notice (untrusted, in <bdi>).
 */
export function renderServiceNotices(locale: Locale, policy: ReplyPolicy | undefined): TemplateResult {
  const t: ComposerMessages = textsIn(messages, locale);
  return html`<div part="notices" class="notices">
    <p part="emergency" class="notice emergency">${t.emergency(tel('113'), tel('116 117'))}</p>
    ${policy
      ? html`<p part="reply-time" class="reply-time">${t.replyTime(policy.expectedReplyWorkingDays)}</p>
          ${policy.notice
            ? html`<p part="service-notice" class="service-notice">${t.serviceNotice} <bdi>${inert(policy.notice)}</bdi></p>`
            : nothing}`
      : nothing}
  </div>`;
}
