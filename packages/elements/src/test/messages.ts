/**
 * Shared set-up of the message elements' tests: the worker on a mock API the test can reach
 * (to add staff replies, read what was stored), clients with quick polling or slow retries,
 * request counting, and waiting for draft saves a removed element started.
 */
import { createMockApi, type MockApi, type ScenarioName } from '@omsorg/mocks';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { API, mswWorker, until, useScenario, type PersonKey } from './setup.js';

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

/**
 * A client for `person`; `pollMs` makes watchers poll quickly; `slowRetry` spaces retries out
 * so a "not sent" state lasts long enough to act on.
 */
export function messageClient(person: PersonKey = 'ola', options: { pollMs?: number; signedIn?: boolean; slowRetry?: boolean } = {}): Client {
  const auth = createMockAuth({ user: { sub: person, name: names[person] }, signedIn: options.signedIn ?? true, persist: false });
  return createClient({
    baseUrl: API,
    auth,
    retry: options.slowRetry ? { retries: 1, baseDelayMs: 1000, maxDelayMs: 2000 } : { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...(options.pollMs ? { poll: { minMs: options.pollMs, maxMs: options.pollMs } } : {}),
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
