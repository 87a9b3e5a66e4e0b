/** The SDK's access log against the msw mocks (run in the page through getResponse). */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { subjectIds } from '@omsorg/fixtures';
import { createMockApi } from '@omsorg/mocks';
import { createClient } from './client.js';
import { createLazyClient } from './lazy-client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { accessLogPath } from './access-log.js';
import { BASE, refusal } from './test/fixtures.js';

const NOW = new Date('2026-12-03T10:00:00+01:00');

function setup({ lazy = false, person = 'ola', body }: { lazy?: boolean; person?: 'ola' | 'kari'; body?: unknown } = {}) {
  const api = createMockApi({ baseUrl: BASE, now: () => NOW });
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    urls.push(request.url.slice(BASE.length));
    if (body !== undefined) return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    return (await getResponse(api.handlers, request)) ?? new Response(null, { status: 404 });
  }) as typeof globalThis.fetch;
  const auth = createMockAuth({ user: { sub: person, name: person }, signedIn: true, persist: false });
  const config = { baseUrl: BASE, auth, fetch, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } };
  return { client: lazy ? createLazyClient(config) : createClient(config), urls };
}


describe('SDK: the access log', () => {
  it('reads a page: who (self, relative, staff by care service), what and when, newest first', async () => {
    const { client, urls } = setup();
    const page = await client.getAccessLog();
    expect(urls).to.deep.equal(['/v1/subjects/me/access-log']);
    expect([page.from, page.to]).to.deep.equal(['2026-11-04', '2026-12-03']);
    expect(page.items.map((e) => `${e.agent.role}:${e.entity.kind}`)).to.deep.equal([
      'self:access-log',
      'relative:messages',
      'relative:appointments',
      'staff:messages',
      'self:services',
    ]);
    expect(page.items[3]!.agent).to.deep.equal({ role: 'staff', name: null, relation: null, careService: { id: 'cs-hjemmesykepleie-nord', name: 'Hjemmesykepleien sone Nord' } });
  });

  it('sends the period, limit and cursor; pages with nextCursor; the same read in flight is one request', async () => {
    const { client, urls } = setup({ lazy: true });
    const [a, b] = await Promise.all([
      client.getAccessLog(undefined, { from: '2026-11-26', to: '2026-11-30', limit: 1 }),
      client.getAccessLog(undefined, { from: '2026-11-26', to: '2026-11-30', limit: 1 }),
    ]);
    expect(a).to.equal(b);
    expect(urls).to.deep.equal(['/v1/subjects/me/access-log?from=2026-11-26&to=2026-11-30&limit=1']);
    expect(a.items.map((e) => e.agent.role)).to.deep.equal(['relative']);
    const next = await client.getAccessLog('me', { from: '2026-11-26', to: '2026-11-30', limit: 1, cursor: a.nextCursor });
    expect(next.items.map((e) => e.agent.role)).to.deep.equal(['staff']);
    expect(next.nextCursor).to.equal(null);
    expect(accessLogPath('a b', { cursor: 'x' })).to.equal('/v1/subjects/a%20b/access-log?cursor=x');
  });

  it('a relative acting for the person is refused (403); a bad period is the server\'s 400', async () => {
    const { client } = setup({ person: 'kari' });
    const e = await refusal(client.getAccessLog(subjectIds.ola));
    expect([e.kind, e.status, e.type]).to.deep.equal(['http', 403, problemTypes.forbidden]);
    const bad = await refusal(client.getAccessLog(undefined, { from: '2026-12-04', to: '2026-12-03' }));
    expect([bad.status, bad.type]).to.deep.equal([400, problemTypes.validation]);
    expect(bad.problem?.errors).to.deep.equal([{ pointer: '', code: 'invalid', parameter: 'from' }]);
  });

  it('a malformed answer is a clear invalid-response error', async () => {
    const entry = { id: '1', recorded: '2026-12-03T10:00:00+01:00', action: 'read', entity: { kind: 'appointments' }, agent: { role: 'self', name: 'Ola', relation: null, careService: null } };
    for (const [body, at] of [
      [{ items: [{ ...entry, agent: { ...entry.agent, role: 'admin' } }], nextCursor: null, from: '2026-11-04', to: '2026-12-03' }, 'items[0].agent.role'],
      [{ items: [{ ...entry, recorded: 'yesterday' }], nextCursor: null, from: '2026-11-04', to: '2026-12-03' }, 'items[0].recorded'],
      [{ items: [entry], nextCursor: null }, 'from'],
    ] as const) {
      const { client } = setup({ body });
      const e = await refusal(client.getAccessLog());
      expect(e.kind).to.equal('invalid-response');
      expect(e.detail).to.equal(at);
    }
  });
});
