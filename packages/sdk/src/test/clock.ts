/**
 * A fake clock for tests of code that waits (polling, retries, the send queue, session expiry).
 * While installed it replaces setTimeout/clearTimeout, Date.now and performance.now: no timer
 * fires until the test moves the clock, so what a test sees never depends on how busy the
 * machine is. Waiting for the work a fired timer starts (a fetch to the in-memory server) is done
 * with `until`, which keeps the real timers (captured before any clock is installed).
 */

type Callback = (...args: unknown[]) => void;
interface Timer {
  id: number;
  at: number;
  callback: Callback;
  args: unknown[];
}

export const realSetTimeout: typeof setTimeout = globalThis.setTimeout.bind(globalThis);
export const realNow: () => number = Date.now.bind(Date);

export interface FakeClock {
  /** The fake time in ms (starts at the real time of install). */
  now(): number;
  /** How long from now each pending timer fires, soonest first. */
  pending(): number[];
  /** Moves to the soonest pending timer and fires it (and any due at the same time); returns the ms moved. */
  next(): number;
  /** Moves the clock `ms` forward, firing every timer that falls due on the way, in order. */
  tick(ms: number): void;
  /** Puts the real timers back. */
  uninstall(): void;
}

let installed: FakeClock | undefined;

export function installClock(): FakeClock {
  if (installed) throw new Error('A fake clock is already installed');
  const saved = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    dateNow: Date.now,
    perfNow: Object.getOwnPropertyDescriptor(performance, 'now'),
  };
  const perfStart = performance.now();
  const start = realNow();
  let now = start;
  // Far from the page's own timer ids, so clearing a fake id with the real clearTimeout (after
  // uninstall) can never cancel a real timer.
  let nextId = 1_000_000_000;
  const timers = new Map<number, Timer>();

  const fakeSetTimeout = (callback: Callback, ms = 0, ...args: unknown[]) => {
    const id = nextId++;
    timers.set(id, { id, at: now + Math.max(0, Number(ms) || 0), callback, args });
    return id;
  };
  const fakeClearTimeout = (id?: unknown) => void timers.delete(id as number);
  globalThis.setTimeout = fakeSetTimeout as unknown as typeof setTimeout;
  globalThis.clearTimeout = fakeClearTimeout as typeof clearTimeout;
  Date.now = () => now;
  Object.defineProperty(performance, 'now', { configurable: true, value: () => perfStart + (now - start) });

  const soonest = (): Timer | undefined => [...timers.values()].sort((a, b) => a.at - b.at || a.id - b.id)[0];
  const fire = (t: Timer) => {
    timers.delete(t.id);
    now = Math.max(now, t.at);
    t.callback(...t.args);
  };

  const clock: FakeClock = {
    now: () => now,
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    next() {
      const first = soonest();
      if (!first) throw new Error('No timer is pending');
      const from = now;
      const at = first.at;
      for (let t = soonest(); t && t.at <= at; t = soonest()) fire(t);
      return at - from;
    },
    tick(ms) {
      const end = now + ms;
      for (let t = soonest(); t && t.at <= end; t = soonest()) fire(t);
      now = end;
    },
    uninstall() {
      globalThis.setTimeout = saved.setTimeout;
      globalThis.clearTimeout = saved.clearTimeout;
      Date.now = saved.dateNow;
      if (saved.perfNow) Object.defineProperty(performance, 'now', saved.perfNow);
      else delete (performance as { now?: unknown }).now;
      timers.clear();
      installed = undefined;
    },
  };
  installed = clock;
  return clock;
}

/** Uninstalls the clock a test left installed (call from afterEach). */
export function uninstallClock(): void {
  installed?.uninstall();
}
