/**
 * Test harness for element tests: the real SDK client with mock auth, talking through real
 * `fetch` to the msw service worker running the same scenarios as Storybook and the demo.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { createHandlers } from '@omsorg/mocks';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { assumeVisible } from '../../../sdk/src/test/visibility.js';

export const API = 'http://api.omsorg.test';

export type PersonKey = 'ola' | 'kari' | 'per';
const names: Record<PersonKey, string> = { ola: 'Ola Nordmann', kari: 'Kari Nordmann', per: 'Per Hansen' };

let worker: SetupWorker | undefined;

/**
 * Each test's clients stamp their requests with the test's number, and the worker refuses, as a
 * network error, a stamped request from an earlier test. A seen mark or a draft save that one
 * test's element sent just before it was removed can reach the worker after the next test has
 * reset the scenario; it would then change that test's fresh data. Seen in Firefox under load:
 * a thread the next test expected unread had already been marked seen.
 */
const TEST_HEADER = 'x-omsorg-test';
let testNumber = 0;
beforeEach(() => {
  testNumber++;
});
const earlierTests = http.all(`${API}/*`, ({ request }) => {
  const stamp = request.headers.get(TEST_HEADER);
  return stamp !== null && stamp !== String(testNumber) ? HttpResponse.error() : undefined;
});

/** `fetch` for a test's client: every request stamped with the test it belongs to. */
export function testFetch(): typeof fetch {
  const stamp = String(testNumber);
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(TEST_HEADER, stamp);
    return globalThis.fetch(input, { ...init, headers });
  };
}

// The runner may put this page behind another (several pages or engines side by side), and a
// hidden page pauses polling and "seen" marks. Every element test starts with the page shown; a
// test of the hidden page says so with setVisibility('hidden').
beforeEach(assumeVisible);

/**
 * The mock API's requests not answered yet, added to the page's progress record
 * (`window.__omsorgProgress`, kept by the runner's page hooks, test/runner/page-hooks.ts): the
 * runner prints them when a file does not finish in time. Read only then (it copies the record,
 * getters included).
 */
const unanswered = new Map<string, string>();
// Read from the page, not imported: the runner loads its hooks for every test file (none when a
// file runs under another runner; then nothing is recorded).
const progress: { waiting?: string } = globalThis.__omsorgProgress ?? {};
Object.defineProperty(progress, 'unanswered', { enumerable: true, get: () => [...unanswered.values()].slice(-5) });

/**
 * Starts (once per file) the msw worker with `scenario`, replacing any earlier handlers. `wait`
 * (`heldTimers().wait` from @omsorg/mocks) lets the test end the `delayMs` waits itself.
 */
export async function useScenario(
  scenario = 'default',
  options: { delayMs?: number; now?: () => Date; wait?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const handlers = createHandlers({ baseUrl: API, scenario, ...options } as Parameters<typeof createHandlers>[0]);
  if (!worker) {
    worker = setupWorker(earlierTests, ...handlers);
    // Whatever handlers a test puts in place, the guard against earlier tests' requests comes first.
    const reset = worker.resetHandlers.bind(worker);
    worker.resetHandlers = (...next) => (next.length ? reset(earlierTests, ...next) : reset());
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
    // The mock API's requests not yet answered, for the runner to read if the file stalls.
    worker.events.on('request:start', ({ request, requestId }) => void unanswered.set(requestId, `${request.method} ${new URL(request.url).pathname}`));
    worker.events.on('request:end', ({ requestId }) => void unanswered.delete(requestId));
  } else {
    worker.resetHandlers(...handlers);
  }
}

/** A client signed in (or not) as one of the mock persons, with fast retries for tests. */
export function testClient(person: PersonKey = 'ola', options: { signedIn?: boolean } = {}): Client {
  const auth = createMockAuth({ user: { sub: person, name: names[person] }, signedIn: options.signedIn ?? true, persist: false } as Parameters<typeof createMockAuth>[0]);
  return createClient({ baseUrl: API, auth, fetch: testFetch(), retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
}

// The real timers, kept before any test installs a fake clock: `until` waits for work the test
// set going, in real time.
const realSetTimeout: typeof setTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout: typeof clearTimeout = globalThis.clearTimeout.bind(globalThis);
const realNow: () => number = performance.now.bind(performance);

/**
 * The next animation frame, or 16 ms when frames do not come: with `concurrency` > 1 the test
 * pages that are not in front are hidden, and Chromium runs no animation frames for them.
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      cancelAnimationFrame(frame);
      realClearTimeout(timer);
      resolve();
    };
    const frame = requestAnimationFrame(done);
    const timer = realSetTimeout(done, 16);
  });
}

/** Waits until `predicate` is true, re-checking each animation frame (no fixed sleeps). */
export async function until(predicate: () => boolean, what = 'condition', timeoutMs = 20_000): Promise<void> {
  const start = realNow();
  while (!predicate()) {
    if (realNow() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    progress.waiting = what;
    await nextFrame();
  }
  progress.waiting = undefined;
}

/** Text of an element's shadow root, whitespace folded. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The running msw worker (after `useScenario`): to count requests or add one-off handlers. */
export function mswWorker(): SetupWorker {
  if (!worker) throw new Error('Call useScenario() first');
  return worker;
}
