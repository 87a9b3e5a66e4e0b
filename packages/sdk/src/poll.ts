/**
 * Polling with conditional requests, one poller per resource. We poll instead of holding a
 * stream (SSE/WebSocket) open: it works through every proxy and CMS a municipality puts in
 * front of the API, costs no long-lived connection per open tab, a 304 is cheap, and each
 * answer is a whole resource, so nothing is missed or applied twice.
 */
import type { PollOptions, PollTimer } from './types.js';

/** Where the poller learns that the tab is hidden, shown again or back online. */
export interface PollEnv {
  hidden(): boolean;
  /** Calls `wake` when the tab becomes visible or the browser comes online; returns an unsubscribe. */
  listen(wake: (why: 'visible' | 'online') => void): () => void;
}

/** The page's document and window when there are any (a server has neither: never hidden). */
export const browserEnv: PollEnv = {
  hidden: () => (globalThis as { document?: Document }).document?.visibilityState === 'hidden',
  listen(wake) {
    const doc = (globalThis as { document?: Document }).document;
    const win = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
    const onVisibility = () => {
      if (doc?.visibilityState !== 'hidden') wake('visible');
    };
    const onOnline = () => wake('online');
    doc?.addEventListener('visibilitychange', onVisibility);
    win.addEventListener?.('online', onOnline);
    return () => {
      doc?.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener?.('online', onOnline);
    };
  },
};

/** The page's own timers, looked up at each call (so a test's fake clock is used when installed). */
export const realTimer: PollTimer = {
  set: (poll, ms) => setTimeout(poll, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const DEFAULT_POLL: Required<PollOptions> = { minMs: 10_000, maxMs: 120_000, timer: realTimer };

/**
 * Runs `run` now, then again after `minMs`; the wait doubles after every answer that changed
 * nothing, up to `maxMs`, and drops back to `minMs` after a change or a poke. While `may()` is
 * false (hidden tab, signed out) it idles until poked or started again.
 */
export class Poller {
  private wait: number;
  private timer: unknown;
  private controller: AbortController | undefined;
  private again = false;
  private active = false;

  constructor(
    private readonly run: (signal: AbortSignal) => Promise<boolean>,
    private readonly options: Required<PollOptions>,
    private readonly may: () => boolean,
  ) {
    this.wait = options.minMs;
  }

  /**
   * (Re)starts at the shortest interval: with an immediate poll, or after `firstAfterMs` when
   * the caller has just read the resource itself.
   */
  start(firstAfterMs = 0): void {
    this.active = true;
    if (firstAfterMs <= 0) return this.poke();
    this.wait = this.options.minMs;
    this.clearTimer();
    this.timer = this.options.timer.set(() => void this.tick(), firstAfterMs);
  }

  /** Polls at once and goes back to the shortest interval (a send, the tab shown, online). */
  poke(): void {
    if (!this.active) return;
    this.wait = this.options.minMs;
    if (this.controller) {
      // The poll in flight may have started before the change: poll once more after it.
      this.again = true;
      return;
    }
    this.clearTimer();
    void this.tick();
  }

  /** Stops timers and aborts the poll in flight; start() resumes. */
  stop(): void {
    this.active = false;
    this.again = false;
    this.clearTimer();
    this.controller?.abort();
    this.controller = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (!this.active || !this.may()) return;
    const ctl = (this.controller = new AbortController());
    let changed = false;
    try {
      changed = await this.run(ctl.signal);
    } catch {
      // A failed poll counts as "nothing new": the next one waits longer.
    }
    if (this.controller !== ctl) return; // stopped meanwhile
    this.controller = undefined;
    if (changed || this.again) this.wait = this.options.minMs;
    if (this.again) {
      this.again = false;
      return this.tick();
    }
    const wait = this.wait;
    this.wait = Math.min(this.wait * 2, this.options.maxMs);
    this.timer = this.options.timer.set(() => void this.tick(), wait);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.timer.clear(this.timer);
    this.timer = undefined;
  }
}
