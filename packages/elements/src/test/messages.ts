/**
 * Shared set-up of the message elements' tests: the worker on a mock API the test can reach
 * (to add staff replies, read what was stored), clients with held polls or slow resends,
 * request counting, and waiting for draft saves a removed element started.
 */
import { createMockApi, type MockApi, type ScenarioName } from '@omsorg/mocks';
import { createClient, createMockAuth, type Client, type PollTimer } from '@omsorg/sdk';
import { API, mswWorker, testFetch, until, useScenario, type PersonKey } from './setup.js';

const names: Record<PersonKey, string> = { ola: 'Ola Nordmann', kari: 'Kari Nordmann', per: 'Per Hansen' };

/** Draft saves the worker has started and not yet answered. */
const savingDrafts = new Set<string>();
let counting = false;
function countInFlight(): void {
  if (counting) return;
  counting = true;
  const isSave = (r: Request) => r.method === 'PUT' && new URL(r.url).pathname.includes('/drafts/');
  mswWorker().events.on('request:start', ({ request, requestId }) => void (isSave(request) && savingDrafts.add(requestId)));
  mswWorker().events.on('request:end', ({ requestId }) => void savingDrafts.delete(requestId));
}

/** A removed element saves its pending draft at once: let that land in the test's own data. */
export const draftSavesDone = () => until(() => savingDrafts.size === 0, 'draft saves to finish');

/** Starts the worker with `name` on our own mock API, so a test can reach its db. */
export async function scenario(name: ScenarioName = 'default'): Promise<MockApi> {
  await useScenario(name);
  const api = createMockApi({ baseUrl: API, scenario: name });
  mswWorker().resetHandlers(...api.handlers);
  countInFlight();
  return api;
}

/** Polls that happen when the test says: the client's poll timer, held until `fire()`. */
export interface HeldPolls {
  readonly timer: PollTimer;
  /** How many polls are planned and not yet fired. */
  readonly pending: number;
  /** Runs every planned poll now; returns how many. */
  fire(): number;
  /** Fires the planned polls and waits until each poller has planned its next one (the poll answered). */
  poll(): Promise<void>;
}

export function heldPolls(): HeldPolls {
  const planned = new Map<number, () => void>();
  let next = 1;
  const polls: HeldPolls = {
    timer: {
      set(poll) {
        const id = next++;
        planned.set(id, poll);
        return id;
      },
      clear: (handle) => void planned.delete(handle as number),
    },
    get pending() {
      return planned.size;
    },
    fire() {
      const runs = [...planned.values()];
      planned.clear();
      for (const run of runs) run();
      return runs.length;
    },
    async poll() {
      const n = polls.fire();
      if (!n) throw new Error('no poll is planned');
      await until(() => planned.size >= n, 'the polls answered');
    },
  };
  return polls;
}

/**
 * A client for `person`; `polls` (from `heldPolls()`) makes its watchers poll only when the test
 * fires them; `slowRetry`: the HTTP layer still retries at once, but the send queue's own resend
 * of a "not sent" message is minutes away (longer than any test runs), so that state lasts
 * until the test acts on it ("try again", "discard"), however busy the machine is.
 */
export function messageClient(person: PersonKey = 'ola', options: { polls?: HeldPolls; signedIn?: boolean; slowRetry?: boolean } = {}): Client {
  const auth = createMockAuth({ user: { sub: person, name: names[person] }, signedIn: options.signedIn ?? true, persist: false });
  return createClient({
    baseUrl: API,
    auth,
    fetch: testFetch(),
    retry: options.slowRetry ? { retries: 1, baseDelayMs: 3_600_000, maxDelayMs: 5 } : { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...(options.polls ? { poll: { timer: options.polls.timer } } : {}),
  });
}

/** Counts requests to the API that match. */
export function countRequests(match: (r: Request) => boolean): { count: number; stop(): void } {
  const worker = mswWorker();
  const result = { count: 0, stop: () => worker.events.removeListener('request:start', listener) };
  const listener = ({ request }: { request: Request }) => {
    if (match(request)) result.count++;
  };
  worker.events.on('request:start', listener);
  return result;
}
