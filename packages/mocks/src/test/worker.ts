/** One msw worker per test page, reconfigured between tests, and the helpers the mocks' tests share. */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { startMockWorker, type MockWorker } from '../browser.js';
import { mockAuthorization } from '../auth.js';
import type { CreateHandlersOptions } from '../handlers.js';
import type { PersonKey } from '@omsorg/fixtures';

/** A host that does not exist: only the service worker can answer it. */
export const API = 'http://mock.omsorg.test';

/** Wednesday 11 June 2025, 10:00 in Oslo (summer time). */
export const NOW = new Date('2025-06-11T10:00:00+02:00');

let started: Promise<MockWorker> | undefined;

/** Starts the worker once, then applies `options` (fresh data each call). */
export async function useMocks(options: CreateHandlersOptions = {}): Promise<MockWorker> {
  const full: CreateHandlersOptions = { baseUrl: API, now: () => NOW, autoReplyMs: 0, ...options };
  if (!started) started = startMockWorker(full);
  const mock = await started;
  mock.configure(full);
  return mock;
}

/** Waits until `check()` holds: for something the test itself set going (cap 5 s). */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Call {
  status: number;
  headers: Headers;
  body: any;
}

type CallInit = { person?: PersonKey | null; method?: string; headers?: Record<string, string>; body?: unknown; base?: string };

/** The request `call` sends: as a person (or with explicit headers), with a JSON body if any. */
function request(path: string, init: CallInit): Request {
  const headers: Record<string, string> = { ...init.headers };
  const person = init.person === undefined ? 'ola' : init.person;
  if (person && !('Authorization' in headers)) headers.Authorization = mockAuthorization(person);
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return new Request(`${init.base ?? API}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
}

async function parsed(res: Response): Promise<Call> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** fetch (through the service worker) as a person (or with explicit headers), parsing any JSON body. */
export async function call(path: string, init: CallInit = {}): Promise<Call> {
  return parsed(await fetch(request(path, init)));
}

/**
 * As `call`, but answered by the mocks' current handlers in the page itself (msw's getResponse),
 * without the service worker's round trip: for tests that judge the content of many answers.
 * Each trip through the worker crosses several browser processes; in WebKit, beside another
 * browser on a 2-core machine, the scenarios' 600 reads took 117 s that way.
 */
export async function answer(mock: MockWorker, path: string, init: CallInit = {}): Promise<Call> {
  const res = await getResponse(mock.api.handlers, request(path, init));
  if (!res) throw new Error(`no mock handler answers ${init.method ?? 'GET'} ${path}`);
  return parsed(res);
}

/** A problem+json answer with this status and type, not cached, with a title and a detail. */
export function expectProblem(r: Call, status: number, type: string): void {
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  expect(r.headers.get('content-type')).to.equal('application/problem+json');
  expect(r.headers.get('cache-control')).to.equal('no-store');
  expect(r.body).to.include({ type, status });
  expect(r.body.title).to.be.a('string').and.not.empty;
  expect(r.body.detail).to.be.a('string').and.not.empty;
}
