/**
 * The list view of `<omsorg-inbox>`: the unread summary, one row per thread (its button opens the
 * thread) and "show more". Plain functions over what the element gives them; the element keeps
 * the state, the paging and the focus.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { municipalitiesOf, type Thread } from '@omsorg/contract';
import { errorMessage, type CommonMessages } from '../internal/messages.js';
import { formatDateTime, isoForTime, parseInstant } from '../internal/format.js';
import { headingTag } from '../internal/heading.js';
import type { Locale } from '../internal/locale.js';
import type { InboxMessages } from './inbox.messages.js';
import { bdi } from './new-message.js';

type Failure = { kind?: string; status?: number };

/** What the list view needs from the inbox. */
export interface ThreadListContext {
  t: InboxMessages;
  common: CommonMessages;
  locale: Locale;
  items: Thread[];
  /** The subject's unread messages, once known. */
  count: number | undefined;
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: unknown;
  /** A thread's button was pressed. */
  open(threadId: string): void;
  /** "Show more" (or "try again" after it failed) was pressed. */
  loadMore(): void;
}

export function renderThreadList(ctx: ThreadListContext, level: number): unknown {
  const t = ctx.t;
  if (!ctx.items.length) return html`<p part="empty" class="notice empty">${t.empty}</p>`;
  // Threads with more than one municipality's services: each says its own.
  const showSource = municipalitiesOf(ctx.items).length > 1;
  return html`
    <p part="unread-summary" class=${ctx.count ? 'unread-summary has-unread' : 'unread-summary'}>${t.unreadSummary(ctx.count ?? 0)}</p>
    <ul part="threads" class="threads" role="list" aria-label=${t.threads}>
      ${repeat(
        ctx.items,
        (th) => th.id,
        (th) => renderRow(ctx, th, level + 1, showSource),
      )}
    </ul>
    ${renderMore(ctx)}
  `;
}

function renderRow(ctx: ThreadListContext, th: Thread, level: number, showSource = false): TemplateResult {
  const t = ctx.t;
  const H = headingTag(level);
  const at = parseInstant(th.lastActivityAt);
  const unread = th.unreadCount > 0;
  const closed = th.status === 'closed';
  const parts = ['thread', unread ? 'thread-unread' : '', closed ? 'thread-closed' : ''].filter(Boolean).join(' ');
  const last = th.lastMessage;
  return html`<li part=${parts} class=${`thread${unread ? ' unread' : ''}${closed ? ' closed' : ''}`} data-id=${th.id}>
    ${staticHtml`<${H} class="thread-heading"><button type="button" part="thread-button" class="thread-button" data-thread=${th.id} @click=${() =>
      ctx.open(th.id)}>${bdi(th.title)}${
      unread ? html`<span class="visually-hidden">, </span><span part="unread-badge" class="badge unread-badge">${t.unread(th.unreadCount)}</span>` : nothing
    }</button></${H}>`}
    <p part="thread-meta" class="thread-meta">
      ${bdi(th.careService.name)}${showSource && th.source
        ? html`, <span part="source" class="source">${bdi(t.municipalityName(th.source.municipality.name))}</span>`
        : nothing}${at ? html`, <time datetime=${isoForTime(at)}>${formatDateTime(at, ctx.locale)}</time>` : nothing}
      ${closed ? html`<span part="badge" class="badge">${t.closed}</span>` : nothing}
    </p>
    ${last ? html`<p part="excerpt" class="excerpt">${t.from(bdi(last.sender.name))}${bdi(last.excerpt)}</p>` : nothing}
  </li>`;
}

function renderMore(ctx: ThreadListContext): unknown {
  if (!ctx.nextCursor) return nothing;
  const t = ctx.t;
  return html`<div class="more">
    ${ctx.moreError ? html`<p class="inline-error">${t.errorLoadMore} ${errorMessage(ctx.common, ctx.moreError as Failure)}</p>` : nothing}
    <button type="button" part="more-button" class="secondary" aria-disabled=${ctx.loadingMore ? 'true' : 'false'} @click=${() => ctx.loadMore()}>
      ${ctx.loadingMore ? t.loadingMore : ctx.moreError ? ctx.common.retry : t.showMore}
    </button>
  </div>`;
}
