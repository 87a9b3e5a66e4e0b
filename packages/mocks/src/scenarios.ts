/**
 * Named scenarios shared by tests, Storybook stories and the offline demo:
 * `createHandlers({ scenario: 'deadline-passed' })`.
 */
import type { Fixtures } from './fixtures.js';
import { applyHostile } from './hostile.js';
import { addMinutes, osloIso } from './time.js';

export type ScenarioName =
  | 'default'
  | 'empty'
  | 'slow'
  | 'server-error'
  | 'unauthorized'
  | 'deadline-passed'
  | 'cancel-as-request'
  | 'conflict'
  | 'malformed'
  | 'hostile';

export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly description: string;
}

/** Delay of the `slow` scenario unless `delayMs` says otherwise. */
export const SLOW_DELAY_MS = 2500;

export const scenarios: readonly ScenarioInfo[] = [
  { name: 'default', description: 'Realistic data: Ola with home nursing, Kari acting for her father, Per for his daughter Emma.' },
  { name: 'empty', description: 'Signed in, but nobody has appointments or services.' },
  { name: 'slow', description: `The default data, every answer delayed ${SLOW_DELAY_MS / 1000} s (set delayMs to change).` },
  { name: 'server-error', description: 'Every API call answers 500 with a server-error problem.' },
  { name: 'unauthorized', description: 'Every API call answers 401: the session is gone.' },
  { name: 'deadline-passed', description: 'Every upcoming appointment is past its cancellation deadline: call instead.' },
  { name: 'cancel-as-request', description: 'Every service answers cancellations later (mode request, cancellation-requested).' },
  { name: 'conflict', description: 'The first cancel of each appointment finds it changed on the server (moved 30 min, new version): 412; the retry with the new version succeeds.' },
  { name: 'malformed', description: 'Successful answers whose bodies break the contract (unknown status, missing fields, wrong types).' },
  { name: 'hostile', description: 'Text fields hold HTML, script, right-to-left overrides and maximum-length strings (all within the contract).' },
];

export const scenarioNames: readonly ScenarioName[] = scenarios.map((s) => s.name);

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}

/** How a scenario changes the mock; used by the db and the handlers. */
export interface ScenarioBehaviour {
  delayMs?: number;
  /** Every call fails this way. */
  fail?: 'server-error' | 'unauthorized';
  /** 2xx bodies break the contract. */
  malformed?: boolean;
  /** The first cancel of each appointment moves it first, so the client's If-Match is stale. */
  conflictOnCancel?: boolean;
  /** Changes the fixtures in place before the db is built. */
  data?: (fixtures: Fixtures) => void;
}

const REQUEST_CONSEQUENCE = 'Tjenesten må godkjenne avbestillingen. Du får svar her i Min side.';

const behaviours: Record<ScenarioName, ScenarioBehaviour> = {
  default: {},
  empty: {
    data: (f) => {
      for (const s of Object.values(f.subjects)) {
        s.appointments = [];
        s.services = [];
      }
    },
  },
  slow: { delayMs: SLOW_DELAY_MS },
  'server-error': { fail: 'server-error' },
  unauthorized: { fail: 'unauthorized' },
  'deadline-passed': {
    data: (f) => {
      const passed = addMinutes(f.now, -60);
      for (const s of Object.values(f.subjects)) {
        for (const a of s.appointments) {
          if (Date.parse(a.end) < f.now.getTime()) continue;
          if (Date.parse(a.cancellationPolicy.deadline) > passed.getTime()) a.cancellationPolicy.deadline = osloIso(passed);
          a.cancellationPolicy.cancellable = false;
        }
      }
    },
  },
  'cancel-as-request': {
    data: (f) => {
      for (const s of Object.values(f.subjects)) {
        for (const a of s.appointments) {
          a.cancellationPolicy.mode = 'request';
          a.cancellationPolicy.consequence ??= REQUEST_CONSEQUENCE;
        }
      }
    },
  },
  conflict: { conflictOnCancel: true },
  malformed: { malformed: true },
  hostile: { data: applyHostile },
};

export function scenarioBehaviour(name: ScenarioName): ScenarioBehaviour {
  return behaviours[name];
}
