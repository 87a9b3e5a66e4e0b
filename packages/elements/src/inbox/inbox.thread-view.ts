/**
 * The open thread inside `<omsorg-inbox>`: the `<omsorg-message-thread>` element, loaded after
 * the list has painted (or when a thread is opened), its markup with the back button, and focus
 * on its title once it is there.
 */
import { html, type TemplateResult } from 'lit';
import type { Client } from '@omsorg/sdk';

/** The thread element, loaded after the list has painted (or when a thread is opened). */
let threadElement: Promise<unknown> | undefined;
export const loadThreadElement = () => (threadElement ??= import('../message-thread/define.js').catch(() => (threadElement = undefined)));

export interface ThreadViewContext {
  client: Client | undefined;
  subject: string;
  threadId: string;
  backLabel: string;
  back: () => unknown;
}

export function renderThreadView(ctx: ThreadViewContext, level: number): TemplateResult {
  return html`<button type="button" part="back-button" class="secondary back" @click=${ctx.back}>${ctx.backLabel}</button>
    <omsorg-message-thread
      part="thread-view"
      .client=${ctx.client}
      subject-id=${ctx.subject}
      thread-id=${ctx.threadId}
      heading-level=${Math.min(6, level + 1)}
    ></omsorg-message-thread>`;
}

/** Once the thread element is defined and rendered in `root`, focus goes to its title. */
export async function focusThreadTitle(root: ParentNode): Promise<void> {
  await loadThreadElement();
  const el = root.querySelector('omsorg-message-thread');
  await el?.updateComplete;
  el?.shadowRoot?.getElementById('title')?.focus();
}
