/**
 * Shared Storybook plumbing: every story describes its world with `parameters.omsorg`
 * (scenario, person, signed in or not, acting for whom), and `.storybook/preview.ts` turns that
 * into msw handlers and a fresh SDK client for that one render.
 *
 * The scenarios and fixtures come from @omsorg/mocks: the same ones the element tests and the
 * offline demo use. Nothing here duplicates data.
 */
import type { HttpHandler } from 'msw';
import { createHandlers, heldTimers, persons, scenarios, subjectIds, type HeldTimers, type MockWait, type PersonKey, type ScenarioName } from '@omsorg/mocks';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';

export { appointmentIds, subjectIds, persons, scenarios, type PersonKey, type ScenarioName } from '@omsorg/mocks';

/** What a story says about its world. Everything is optional. */
export interface OmsorgStoryParameters {
  /** The mock scenario (default `default`). */
  scenario?: ScenarioName;
  /** Who is signed in (default `ola`). */
  person?: PersonKey;
  /** Start signed in (default true). False shows the signed-out state. */
  signedIn?: boolean;
  /** Act for this subject from the start (Kari for Ola: `ola`; Per for Emma: `emma`). */
  actingFor?: keyof typeof subjectIds;
  /** Overrides the scenario's delay before every answer. */
  delayMs?: number;
  /** Session length, so the session-expiry warning can be shown. */
  expiresInMs?: number;
  /**
   * How long ago the person signed in, in seconds (the mocks then read it from the token): an
   * hour makes giving or taking back a relative's access ask for a step-up, which the mock
   * sign-in's `signIn({ maxAge })` then meets. Default: the mocks count the sign-in as just now.
   */
  signedInSecondsAgo?: number;
  /**
   * Wrap the story in `<omsorg-provider .client=…>` (default true). Stories that build their
   * own providers set false and take the client from `context.loaded.omsorg`.
   */
  provider?: boolean;
  /** Extra handlers for this story only, built against its private base URL; they win over the scenario's. */
  handlers?: (baseUrl: string) => HttpHandler[];
}

/** What preview.ts puts in `context.loaded.omsorg` for every render. */
export interface StoryEnvironment {
  /** A base URL private to this render, so stories on one docs page never share mock data. */
  readonly baseUrl: string;
  readonly handlers: HttpHandler[];
  readonly client: Client;
  readonly person: PersonKey;
  readonly scenario: ScenarioName;
}

/** The fictional API origin; each render gets its own path under it. */
export const API_ORIGIN = 'http://api.omsorg.test';

let renders = 0;

/**
 * Tests of the built Storybook (test/a11y) set `__omsorgHoldMockWaits` before the page loads:
 * then every answer delay (the `slow` scenario, `--loading` stories) waits until the test ends
 * it through `__omsorgMockTimers` (`open()`), so a story is loading or loaded because the test
 * said so, not because of how fast the machine was. Without the flag the delays are real.
 */
const storyTimers = globalThis as typeof globalThis & { __omsorgHoldMockWaits?: boolean; __omsorgMockTimers?: HeldTimers };
function storyWait(): MockWait | undefined {
  if (!storyTimers.__omsorgHoldMockWaits) return undefined;
  storyTimers.__omsorgMockTimers ??= heldTimers();
  return storyTimers.__omsorgMockTimers.wait;
}

/** A signed-in (or signed-out) mock session for `person`, never remembered across stories. */
export function mockClient(
  baseUrl: string,
  person: PersonKey,
  options: { signedIn?: boolean; expiresInMs?: number; retries?: number; signedInSecondsAgo?: number } = {},
): Client {
  const auth = createMockAuth({
    user: { sub: person, name: persons[person].name },
    signedIn: options.signedIn ?? true,
    persist: false,
    ...(options.expiresInMs !== undefined ? { expiresInMs: options.expiresInMs } : {}),
    ...(options.signedInSecondsAgo !== undefined ? { authTime: Math.floor(Date.now() / 1000) - options.signedInSecondsAgo } : {}),
  });
  return createClient({ baseUrl, auth, ...(options.retries !== undefined ? { retry: { retries: options.retries } } : {}) });
}

/** Fresh handlers (fresh mock data) and a fresh client for one render of one story. */
export function createStoryEnvironment(params: OmsorgStoryParameters = {}, storyId = 'story'): StoryEnvironment {
  const scenario = params.scenario ?? 'default';
  const person = params.person ?? 'ola';
  renders += 1;
  const slug = storyId.replace(/[^a-z0-9-]+/gi, '-').slice(0, 80);
  const baseUrl = `${API_ORIGIN}/${slug}/${renders}`;
  const handlers = [
    ...(params.handlers?.(baseUrl) ?? []),
    ...createHandlers({
      baseUrl,
      scenario,
      person,
      ...(params.delayMs !== undefined ? { delayMs: params.delayMs } : {}),
      ...(storyWait() ? { wait: storyWait() } : {}),
    }),
  ];
  const client = mockClient(baseUrl, person, {
    signedIn: params.signedIn ?? true,
    ...(params.expiresInMs !== undefined ? { expiresInMs: params.expiresInMs } : {}),
    ...(params.signedInSecondsAgo !== undefined ? { signedInSecondsAgo: params.signedInSecondsAgo } : {}),
    // The SDK's own quick retries would hide the scenario's failed sends: show "not sent" first,
    // then the send queue's later retry.
    ...(scenario === 'send-fails' ? { retries: 0 } : {}),
  });
  if (params.actingFor) client.setSubject(subjectIds[params.actingFor]);
  return { baseUrl, handlers, client, person, scenario };
}

/** The scenario's own description, for the docs page under each story. */
export function describeScenario(name: ScenarioName): string {
  return scenarios.find((s) => s.name === name)?.description ?? name;
}

/**
 * A story for `scenario` with its description. `extra` adds parameters (and may override the
 * person, signed-in state and so on).
 */
export function scenarioStory(scenario: ScenarioName, extra: Omit<OmsorgStoryParameters, 'scenario'> = {}, note?: string) {
  const text = describeScenario(scenario) + (note ? ` ${note}` : '');
  return {
    parameters: {
      omsorg: { ...extra, scenario } satisfies OmsorgStoryParameters,
      docs: { description: { story: text } },
    },
  };
}

/** The story's environment inside a render function or play function. */
export function environmentOf(context: { loaded?: Record<string, unknown> }): StoryEnvironment | undefined {
  return context.loaded?.omsorg as StoryEnvironment | undefined;
}

/** Waits until `predicate` holds, checking each animation frame (no fixed sleeps). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Finds `selector` in `root` and, depth first, in every open shadow root below it. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  const direct = root.querySelector<T>(selector);
  if (direct) return direct;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot) {
      const found = deepQuery<T>(el.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}
