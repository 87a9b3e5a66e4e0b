// Clean-up for scripts/bench-sandbox.mjs: servers, load generators and the PostgreSQL it started
// are stopped on every way out (the end, a signal, the watchdog).
/** @type {Array<() => Promise<void> | void>} */
export const cleanups = [];
let cleaning;
export const cleanup = () =>
  (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`clean-up: ${err?.message ?? err}`);
      }
    }
  })());

/** Stops on SIGINT and SIGTERM, and by ourselves when anything hangs. */
export function stopOnSignalsAndWatchdog() {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  // The whole bench stays well under 3 minutes; if anything hangs, stop by ourselves.
  const WATCHDOG_MS = 240_000;
  setTimeout(() => {
    console.error(`\nbench-sandbox: still running after ${WATCHDOG_MS / 1000} s: stopping`);
    cleanup().finally(() => process.exit(1));
  }, WATCHDOG_MS).unref();
}
