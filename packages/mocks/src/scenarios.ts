/**
 * Named scenarios shared by tests, Storybook stories and the offline demo:
 * `createHandlers({ scenario: 'deadline-passed' })`.
 */
import { buildInbox, buildLongThread, olaSubjectId, recordSources, type Fixtures } from '@omsorg/fixtures';
import { applyHostile } from './hostile.js';
import { addMinutes, osloIso, type RecordSource } from '@omsorg/contract';

export type ScenarioName =
  | 'default'
  | 'empty'
  | 'slow'
  | 'server-error'
  | 'unauthorized'
  | 'deadline-passed'
  | 'source-unavailable'
  | 'cancel-as-request'
  | 'conflict'
  | 'malformed'
  | 'hostile'
  | 'send-fails'
  | 'offline-send'
  | 'thread-closed'
  | 'no-consent'
  | 'large';

export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly description: string;
}

/** Delay of the `slow` scenario unless `delayMs` says otherwise. */
export const SLOW_DELAY_MS = 2500;
/** Message POSTs that fail with 503 in `send-fails`. */
export const SEND_FAILS = 2;
/** Sizes of the `large` scenario. */
export const LARGE_INBOX = 500;
export const LARGE_THREAD = 2000;

export const scenarios: readonly ScenarioInfo[] = [
  { name: 'default', description: 'Realistic data: Ola with home nursing, Kari acting for her father, Per for his daughter Emma; message threads with unread staff replies.' },
  { name: 'empty', description: 'Signed in, but nobody has appointments, services or message threads (one may still write to the services), and the access log has only what is read now.' },
  { name: 'slow', description: `The default data, every answer delayed ${SLOW_DELAY_MS / 1000} s (set delayMs to change).` },
  { name: 'server-error', description: 'Every API call answers 500 with a server-error problem.' },
  { name: 'unauthorized', description: 'Every API call answers 401: the session is gone.' },
  { name: 'deadline-passed', description: 'Every upcoming appointment is past its cancellation deadline: call instead.' },
  { name: 'source-unavailable', description: "Per has services from Bergen and Askøy; Askøy's record system does not answer: the lists show Bergen's items and name Askøy in unavailableSources, an Askøy item answers 503." },
  { name: 'cancel-as-request', description: 'Every service answers cancellations later (mode request, cancellation-requested).' },
  { name: 'conflict', description: 'The first cancel of each appointment finds it changed on the server (moved 30 min, new version): 412; the retry with the new version succeeds.' },
  { name: 'malformed', description: 'Successful answers whose bodies break the contract (unknown status, missing fields, wrong types).' },
  { name: 'hostile', description: 'Text fields hold HTML, script, right-to-left overrides, javascript: and data: links, maximum-length strings and hostile file names (all valid JSON for the schemas).' },
  { name: 'send-fails', description: `The first ${SEND_FAILS} message POSTs (new thread or reply) answer 503; later ones succeed.` },
  { name: 'offline-send', description: 'The first message POST fails as a network error (nothing arrives); later ones succeed.' },
  { name: 'thread-closed', description: 'The service has closed every thread: replies answer 409 thread-closed; new threads may be started.' },
  { name: 'no-consent', description: 'Every subject withdrew consent to digital dialogue 10 days ago: threads stay readable, sending answers 403 consent-required.' },
  { name: 'large', description: `Ola has ${LARGE_INBOX} threads, one of them ${LARGE_THREAD} messages long (buildInbox, buildLongThread).` },
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
  /** The first n message POSTs answer 503 unavailable. */
  failMessagePosts?: number;
  /** The first n message POSTs fail as network errors (before any 503s of failMessagePosts). */
  offlineMessagePosts?: number;
  /** Changes the fixtures in place before the db is built. */
  data?: (fixtures: Fixtures) => void;
  /** A record source that does not answer: its items are left out of lists, which name it; reading or cancelling one is a 503. */
  unavailableSource?: RecordSource;
}

const REQUEST_CONSEQUENCE = 'Tjenesten må godkjenne avbestillingen. Du får svar her i Min side.';

const behaviours: Record<ScenarioName, ScenarioBehaviour> = {
  default: {},
  empty: {
    data: (f) => {
      for (const s of Object.values(f.subjects)) {
        s.appointments = [];
        // Nothing to list, but the recipients stay so a first message can be written.
        s.messageServices = s.services;
        s.services = [];
        s.threads = [];
      }
      f.attachments = [];
      f.accessLog = [];
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
  'source-unavailable': { unavailableSource: recordSources.askoy },
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
  'send-fails': { failMessagePosts: SEND_FAILS },
  'offline-send': { offlineMessagePosts: 1 },
  'thread-closed': {
    data: (f) => {
      for (const s of Object.values(f.subjects)) for (const t of s.threads) t.status = 'closed';
    },
  },
  'no-consent': {
    data: (f) => {
      for (const s of Object.values(f.subjects)) {
        const given = s.dialogueConsent[0];
        if (!given) continue;
        s.dialogueConsent.unshift({ ...given, status: 'inactive', decidedAt: osloIso(addMinutes(f.now, -10 * 24 * 60)) });
      }
    },
  },
  large: {
    data: (f) => {
      const ola = f.subjects[olaSubjectId];
      if (!ola) return;
      ola.threads = [buildLongThread(LARGE_THREAD, { now: f.now }), ...buildInbox(LARGE_INBOX - 1, { now: f.now })];
    },
  },
};

export function scenarioBehaviour(name: ScenarioName): ScenarioBehaviour {
  return behaviours[name];
}
