/** A client over a scripted fake fetch, for the SDK's own tests. */
import { createClient } from '../client.js';
import { createMockAuth } from '../auth/mock-auth.js';
import type { Auth, CancelInput, ClientConfig } from '../types.js';
import { BASE, fakeFetch, record, type Call } from './fixtures.js';

/**
 * Retries without waiting long, so retry tests run fast; every retry may follow a network error
 * (the tests script each attempt; api-hardening.test.ts tests the default cap).
 */
export const FAST = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5, networkRetries: 3 };

export function setup(handler: (call: Call, n: number) => Response | Promise<Response>, config: Partial<ClientConfig> & { auth?: Auth } = {}) {
  const { fetch, calls } = fakeFetch(handler);
  const auth = config.auth ?? createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, retry: FAST, ...config, auth, fetch });
  return { client, calls, auth, rec: record(client) };
}

export const cancelInput = (overrides: Partial<CancelInput> = {}): CancelInput => ({
  subjectId: 'me',
  appointmentId: 'a1',
  version: 'v1',
  reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' },
  idempotencyKey: 'key-12345678',
  ...overrides,
});
