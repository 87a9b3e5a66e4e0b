/**
 * Sign-in news between the tabs of one page's origin, so that a sign-out in one tab clears
 * every tab, and a sign-in as another person in one tab clears the others. BroadcastChannel
 * (every engine the SDK supports has it); a browser without it just keeps each tab to itself.
 *
 * A message carries no personal data: `signed-out`, or `signed-in` with a SHA-256 digest of the
 * (pairwise) `sub`, which another tab compares with the digest of its own.
 */
import { base64url } from '../ids.js';

export type TabNews = { readonly type: 'signed-out' } | { readonly type: 'signed-in'; readonly who: string };

export interface Tabs {
  tell(news: TabNews): void;
  close(): void;
}

const isNews = (v: unknown): v is TabNews => {
  if (!v || typeof v !== 'object') return false;
  const m = v as { type?: unknown; who?: unknown };
  return m.type === 'signed-out' || (m.type === 'signed-in' && typeof m.who === 'string');
};

/** Listens on the channel `name`; `hear` gets what the other tabs tell (never this tab's own). */
export function openTabs(name: string, hear: (news: TabNews) => void): Tabs {
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!Channel) return { tell() {}, close() {} };
  const channel = new Channel(name);
  channel.onmessage = (e: MessageEvent) => {
    if (isNews(e.data)) hear(e.data);
  };
  return {
    tell(news) {
      try {
        channel.postMessage(news);
      } catch {
        // A closed channel: nothing left to tell.
      }
    },
    close: () => channel.close(),
  };
}

/** The digest another tab compares: SHA-256 of `sub`, base64url (no personal data on the channel). */
export async function whoOf(sub: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(sub))));
}
