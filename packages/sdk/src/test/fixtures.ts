/** Test helpers for the SDK: contract-valid fixtures and a scriptable fake fetch. */
import type { Appointment, AppointmentPage, Attachment, Draft, Me, Message, ServiceList, Thread, ThreadDetail, ThreadPage } from '@omsorg/contract';
import type { Auth, AuthState, Client, ClientEventName, ClientEvents } from '../types.js';
import { OmsorgError, isOmsorgError } from '../errors.js';
import { realNow, realSetTimeout } from './clock.js';

export const BASE = 'https://api.test';

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1',
    version: 'v1',
    subjectId: 'me',
    status: 'booked',
    serviceType: { system: 'urn:oid:2.16.578.1.12.4.1.1.9151', code: '15' },
    start: '2030-03-04T09:00:00+01:00',
    end: '2030-03-04T10:00:00+01:00',
    timing: 'window',
    description: null,
    careService: { id: 'cs1', name: 'Hjemmetjenesten sone nord', phone: '+4712345678' },
    location: { name: 'Hjemme', address: null, atHome: true },
    contact: null,
    preparation: null,
    cancellationPolicy: { cancellable: true, deadline: '2030-03-03T12:00:00Z', phone: '+4712345678', mode: 'final', consequence: null },
    cancellation: null,
    ...overrides,
  };
}

export const page = (items: Appointment[] = [appointment()], nextCursor: string | null = null): AppointmentPage => ({ items, nextCursor });

export const me = (): Me => ({
  person: { id: 'p1', name: 'Kari Nordmann' },
  subjects: [{ id: 'me', name: 'Kari Nordmann', relation: { system: 'urn:omsorg:codesystem:relasjon', code: 'self' }, scopes: ['appointments.read'] }],
  sessionExpiresAt: '2030-01-01T12:00:00.000Z',
});

export const services = (): ServiceList => ({
  items: [
    {
      id: 's1',
      serviceType: { system: 'urn:oid:2.16.578.1.12.4.1.1.9151', code: '5' },
      status: 'active',
      extent: { amount: 3, unit: 'visits', per: 'week' },
      validFrom: '2024-01-01',
      validTo: null,
      decidedAt: '2023-12-15',
      careService: { id: 'cs2', name: 'Matombringing' },
      note: null,
    },
  ],
});

export const attachment = (overrides: Partial<Attachment> = {}): Attachment => ({
  id: 'att1',
  filename: 'vedtak.pdf',
  contentType: 'application/pdf',
  size: 1234,
  ...overrides,
});

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    threadId: 't1',
    sentAt: '2030-03-01T09:00:00+01:00',
    sender: { role: 'staff', name: 'Hjemmetjenesten', onBehalfOf: null, isCurrentUser: false },
    text: 'Hei',
    attachments: [],
    unread: true,
    ...overrides,
  };
}

export function thread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: 't1',
    version: 'tv1',
    subjectId: 'me',
    title: 'Spørsmål om besøk',
    status: 'open',
    grantedServiceId: 'gs1',
    serviceType: { system: 'urn:oid:2.16.578.1.12.4.1.1.9151', code: '15' },
    careService: { id: 'cs1', name: 'Hjemmetjenesten sone nord', phone: null },
    replyPolicy: { expectedReplyWorkingDays: 3, notice: null },
    startedBy: 'citizen',
    createdAt: '2030-03-01T08:00:00+01:00',
    lastActivityAt: '2030-03-01T09:00:00+01:00',
    messageCount: 1,
    unreadCount: 1,
    lastMessage: { sender: message().sender, sentAt: '2030-03-01T09:00:00+01:00', excerpt: 'Hei' },
    seenSinceLastUpdate: [],
    ...overrides,
  };
}

export const threadDetail = (overrides: Partial<ThreadDetail> = {}): ThreadDetail => ({ ...thread(), messages: [message()], ...overrides });

export const threadPage = (items: Thread[] = [thread()], unreadCount = 1, nextCursor: string | null = null): ThreadPage => ({
  items,
  nextCursor,
  unreadCount,
});

export const draft = (overrides: Partial<Draft> = {}): Draft => ({
  key: 't1',
  version: 'd1',
  text: 'Utkast',
  title: null,
  grantedServiceId: null,
  attachments: [],
  updatedAt: '2030-03-01T10:00:00+01:00',
  ...overrides,
});

/**
 * Waits until `check` holds (polling every few ms), or fails after `ms`. Real time, even under
 * a fake clock: it waits for work the test set going, not for time to pass.
 */
export async function until(check: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const end = realNow() + ms;
  while (!check()) {
    if (realNow() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => realSetTimeout(r, 2));
  }
}

/**
 * One task of the real event loop: the work the test just set going has started (its fetches
 * are on the in-memory server's list). Used to show that something did NOT happen; no timer of
 * the code under test can come first, since those run on the fake clock or are not planned.
 */
export const turn = () => new Promise((r) => realSetTimeout(r, 0));

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const problem = (status: number, type: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type, title: `Title ${status}`, status, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

export interface Call {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
  signal?: AbortSignal;
}

export type Step = (() => Response | Promise<Response>) | Error;

/** A fetch that records calls and answers with `handler`. */
export function fakeFetch(handler: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body == null ? undefined : String(init.body),
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** Answers the n-th call with steps[n] (the last step repeats); an Error step is a network failure. */
export const steps = (...list: Step[]) => (_call: Call, n: number) => {
  const s = list[Math.min(n, list.length - 1)]!;
  if (s instanceof Error) throw s;
  return s();
};

export const netError = () => new TypeError('Failed to fetch');

export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks and zero-delay timers run. */
export const tick = () => new Promise((r) => realSetTimeout(r, 0));

/** The rejection of `p` (fails when `p` resolves). */
export async function rejection(p: Promise<unknown>): Promise<OmsorgError> {
  try {
    await p;
  } catch (e) {
    return e as OmsorgError;
  }
  throw new Error('expected a rejection');
}

const EVENTS: ClientEventName[] = [
  'appointment-changed', 'auth-changed', 'auth-required', 'session-expiring', 'cleared', 'subject-changed',
  'threads-changed', 'thread-changed', 'unread-changed', 'outbox-changed',
];

/** Records every client event in order. */
export function record(client: Client) {
  const events: Array<{ type: ClientEventName; detail: ClientEvents[ClientEventName] }> = [];
  EVENTS.forEach((type) => client.on(type, (detail) => events.push({ type, detail })));
  return {
    events,
    types: () => events.map((e) => e.type),
    of: <K extends ClientEventName>(type: K) => events.filter((e) => e.type === type).map((e) => e.detail as ClientEvents[K]),
  };
}

/** A minimal Auth with a settable state, for cases the mock auth does not model. */
export function stubAuth(initial: AuthState, headers: Record<string, string> = { Authorization: 'Bearer stub' }) {
  let state = initial;
  const listeners = new Set<(s: AuthState) => void>();
  const auth: Auth & { set(s: AuthState): void; signOuts: number } = {
    kind: 'mock',
    signOuts: 0,
    state: () => state,
    init: async () => state,
    signIn: async () => {},
    async signOut() {
      auth.signOuts++;
    },
    authorize: async () => {
      if (state.status !== 'signed-in') throw new OmsorgError('auth', 'no');
      return headers;
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(s) {
      state = s;
      listeners.forEach((l) => l(s));
    },
  };
  return auth;
}

/** The OmsorgError a call is refused with; fails the test when it resolves or throws anything else. */
export async function refusal(p: Promise<unknown>): Promise<OmsorgError> {
  try {
    await p;
  } catch (e) {
    if (isOmsorgError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
