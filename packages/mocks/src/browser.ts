/**
 * The mock API in a browser through msw's service worker (demo, manual testing, element tests).
 * Kept apart from index.ts so importing @omsorg/mocks never pulls in 'msw/browser'.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockApi, type CreateHandlersOptions, type MockApi } from './handlers.js';
import type { PersonKey } from '@omsorg/fixtures';
import type { ScenarioName } from './scenarios.js';

export interface StartMockWorkerOptions extends CreateHandlersOptions {
  /** Where the worker script is served; default '/mockServiceWorker.js'. */
  serviceWorkerUrl?: string;
  /** Default true: msw logs nothing to the console. */
  quiet?: boolean;
}

export interface MockWorker {
  readonly worker: SetupWorker;
  /** The options now in force (without serviceWorkerUrl/quiet). */
  readonly options: Readonly<CreateHandlersOptions>;
  /** The live mock api: handlers and db. */
  readonly api: MockApi;
  readonly scenario: ScenarioName;
  /** Switches scenario with fresh data; `overrides` change other options at the same time. */
  setScenario(scenario: ScenarioName, overrides?: CreateHandlersOptions): void;
  /** Who is signed in when the token does not name a mock person. Keeps the data. */
  setPerson(person: PersonKey): void;
  /** Replaces all options (fresh data unless `db` is given). */
  configure(options: CreateHandlersOptions): void;
  /** Fresh data for the current options; forgets Idempotency-Keys. */
  reset(): void;
  stop(): void;
}

/** The offline demo's automatic staff answer comes this long after a message (default scenario). */
export const AUTO_REPLY_MS = 8000;

export async function startMockWorker(options: StartMockWorkerOptions = {}): Promise<MockWorker> {
  const { serviceWorkerUrl = '/mockServiceWorker.js', quiet = true, ...handlerOptions } = options;
  let current: CreateHandlersOptions = handlerOptions;
  // The automatic staff answer is on in the default scenario unless autoReplyMs says otherwise (tests pass 0).
  const build = (o: CreateHandlersOptions): MockApi =>
    createMockApi({ ...o, autoReplyMs: o.autoReplyMs ?? ((o.scenario ?? o.db?.scenario ?? 'default') === 'default' ? AUTO_REPLY_MS : 0) });
  let api = build(current);
  const worker = setupWorker(...api.handlers);
  await worker.start({ serviceWorker: { url: serviceWorkerUrl }, onUnhandledRequest: 'bypass', quiet });

  const configure = (next: CreateHandlersOptions): void => {
    current = next;
    api = build(current);
    worker.resetHandlers(...api.handlers);
  };

  return {
    worker,
    get options() {
      return current;
    },
    get api() {
      return api;
    },
    get scenario() {
      return api.scenario;
    },
    setScenario: (scenario, overrides = {}) => {
      const { db: _db, ...rest } = current;
      configure({ ...rest, ...overrides, scenario });
    },
    setPerson: (person) => configure({ ...current, person, db: api.db }),
    configure,
    reset: () => api.reset(),
    stop: () => worker.stop(),
  };
}
