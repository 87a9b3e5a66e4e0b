/**
 * Showing untrusted message text safely: every piece goes through lit text bindings (never
 * parsed as markup); links only for https:, tel: and mailto: (checked with URL, not a regex); and the
 * control and bidi characters a message may not contain are replaced by a visible marker, so a
 * hostile server cannot reorder what the page shows.
 */
import { html, type TemplateResult } from 'lit';
import { forbiddenTextChars } from '@omsorg/contract';

const forbiddenAll = new RegExp(forbiddenTextChars.source, 'gu');

/** U+FFFD, "replacement character": shows that something was there without acting on it. */
export const MARKER = '\uFFFD';

/** Untrusted text with control and bidi override/isolate characters replaced by MARKER. */
export function inert(text: string | null | undefined): string {
  return (text ?? '').replace(forbiddenAll, MARKER);
}

const allowed = new Set(['https:', 'tel:', 'mailto:']);
// A candidate starts with a scheme; whether it becomes a link is decided by URL below.
const candidate = /\b[a-z][a-z0-9+.-]*:[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}»”’]+$/;

/** `href` for a candidate when its protocol is allowed, else undefined. */
export function safeHref(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!allowed.has(url.protocol)) return undefined;
  if (url.protocol === 'https:' && !url.hostname) return undefined;
  return url.href;
}

/** Text split into plain strings and `{ text, href }` links. */
export function linkParts(text: string): Array<string | { text: string; href: string }> {
  const out: Array<string | { text: string; href: string }> = [];
  let last = 0;
  for (const m of text.matchAll(candidate)) {
    const start = m.index ?? 0;
    const word = m[0].replace(trailing, '');
    const href = safeHref(word);
    if (!href) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push({ text: word, href });
    last = start + word.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * A message text as paragraphs (blank lines) and line breaks, links made clickable, each
 * paragraph isolated in <bdi>.
 */
export function renderMessageText(text: string): TemplateResult[] {
  return inert(text)
    .split(/\n{2,}/)
    .map(
      (para) =>
        html`<p class="text"><bdi>${para
          .split('\n')
          .map(
            (line, i) =>
              html`${i ? html`<br />` : ''}${linkParts(line).map((p) =>
                typeof p === 'string' ? p : html`<a part="text-link" href=${p.href} rel="noopener noreferrer" target="_blank">${p.text}</a>`,
              )}`,
          )}</bdi></p>`,
    );
}
