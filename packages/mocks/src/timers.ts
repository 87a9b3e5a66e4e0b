/**
 * How the mocks let time pass: the answer delay (`delayMs`, the `slow` scenario) and the staff's
 * automatic answer (`autoReplyMs`). By default a real timer; a test passes `heldTimers().wait`
 * and ends each wait itself, so what it checks never depends on which of two timers fires first.
 */
import { delay } from 'msw';

/** Resolves when `ms` milliseconds have passed (or when a test says so). */
export type MockWait = (ms: number) => Promise<void>;

/** The real clock: msw's delay. */
export const realWait: MockWait = (ms) => delay(ms);

/** Waits that end only when the test releases them. */
export interface HeldTimers {
  readonly wait: MockWait;
  /** The lengths (ms) of the waits not yet released, oldest first. */
  readonly pending: readonly number[];
  /** Ends the waits of `ms` milliseconds (every wait when omitted); returns how many ended. */
  release(ms?: number): number;
  /** Ends every held wait and lets later ones end at once, until `hold()`. */
  open(): void;
  /** Holds later waits again (the state a new HeldTimers starts in). */
  hold(): void;
}

export function heldTimers(): HeldTimers {
  const waits: { ms: number; done: () => void }[] = [];
  let holding = true;
  return {
    wait: (ms) => (holding ? new Promise<void>((done) => void waits.push({ ms, done })) : Promise.resolve()),
    open() {
      holding = false;
      this.release();
    },
    hold() {
      holding = true;
    },
    get pending() {
      return waits.map((w) => w.ms);
    },
    release(ms) {
      const ending = waits.filter((w) => ms === undefined || w.ms === ms);
      for (const w of ending) waits.splice(waits.indexOf(w), 1);
      for (const w of ending) w.done();
      return ending.length;
    },
  };
}
