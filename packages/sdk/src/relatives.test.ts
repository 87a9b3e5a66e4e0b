/** The SDK's relatives' access against the msw mocks (run in the page through getResponse). */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { createRegister, unknownNationalIdentityNumber } from '@omsorg/fixtures';
import { createMockApi } from '@omsorg/mocks';
import { createClient } from './client.js';
import { createLazyClient } from './lazy-client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { isStepUpRequired, StepUpRequiredError } from './errors.js';
import { BASE, refusal as rejection } from './test/fixtures.js';

const NOW = new Date('2026-12-03T10:00:00+01:00');
const register = createRegister(NOW);

/**
 * A client of Ola's over the mocks. `signedInSecondsAgo` makes every token say when he signed in
 * (the mock token's `.auth-<seconds>`), as a real access token's `auth_time` would.
 */
function setup({ lazy = false, loseFirstPost = false } = {}) {
  const api = createMockApi({ baseUrl: BASE, now: () => NOW });
  const seen: Array<{ method: string; url: string; key: string | null; body: string; status: number }> = [];
  const sign = { secondsAgo: 60 };
  let lose = loseFirstPost;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('Authorization', `${headers.get('Authorization')}.auth-${Math.floor(NOW.getTime() / 1000) - sign.secondsAgo}`);
    const body = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.clone().text();
    const signed = new Request(request, { headers });
    const res = (await getResponse(api.handlers, signed)) ?? new Response(null, { status: 404 });
    seen.push({ method: request.method, url: request.url, key: request.headers.get('idempotency-key'), body, status: res.status });
    if (lose && request.method === 'POST' && request.url.endsWith('/relatives-access')) {
      lose = false;
      throw new TypeError('Failed to fetch');
    }
    return res;
  }) as typeof globalThis.fetch;
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const config = { baseUrl: BASE, auth, fetch, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } };
  const client = lazy ? createLazyClient(config) : createClient(config);
  return { client, seen, sign, api };
}


const request = (number = register.lars.nationalIdentityNumber) => ({
  nationalIdentityNumber: number,
  scopes: ['appointments.read', 'services.read'] as ('appointments.read' | 'services.read')[],
  period: { start: '2026-12-03', end: '2027-03-31' },
});

describe('SDK: relatives\' access', () => {
  it('lists who may act for the person and whom they act for, validated', async () => {
    for (const lazy of [false, true]) {
      const { client } = setup({ lazy });
      const list = await client.listRelativesAccess();
      expect(list.relatives.map((a) => a.relative.name)).to.deep.equal(['Kari Nordmann']);
      expect(list.actingFor).to.deep.equal([]);
    }
  });

  it('looks up a name with the number in the body only; unknown and confidential are the same 404', async () => {
    const { client, seen } = setup();
    expect(await client.lookUpPerson(register.lars.nationalIdentityNumber)).to.deep.equal({ name: 'Lars Berg' });
    const post = seen.at(-1)!;
    expect(post.url).to.not.include(register.lars.nationalIdentityNumber);
    expect(post.body).to.include(register.lars.nationalIdentityNumber);
    const unknown = await rejection(client.lookUpPerson(unknownNationalIdentityNumber));
    const confidential = await rejection(client.lookUpPerson(register.nora.nationalIdentityNumber));
    expect({ status: unknown.status, type: unknown.type }).to.deep.equal({ status: 404, type: problemTypes.notFound });
    expect(confidential.problem).to.deep.equal(unknown.problem);
  });

  it('gives access as one intent (one key over a lost answer), names the relative, and the page hears of it', async () => {
    const { client, seen } = setup({ loseFirstPost: true });
    const heard: string[] = [];
    client.on('relatives-access-changed', (e) => heard.push(`${e.access.relative.name}:${e.access.status}`));
    const access = await client.grantRelativeAccess(request());
    expect(access).to.include({ status: 'active', basis: 'consent' });
    expect(access.relative.name).to.equal('Lars Berg');
    const posts = seen.filter((s) => s.method === 'POST' && s.url.endsWith('/relatives-access'));
    expect(posts).to.have.length(2);
    expect(posts[1]!.key).to.equal(posts[0]!.key);
    expect((await client.listRelativesAccess()).relatives.filter((a) => a.relative.name === 'Lars Berg')).to.have.length(1);
    expect(heard).to.deep.equal(['Lars Berg:active']);
  });

  it('a sign-in too old: a typed StepUpRequiredError with maxAge, not a sign-out; the same key goes through after a new sign-in', async () => {
    const { client, sign } = setup();
    sign.secondsAgo = 600;
    const key = 'relatives-intent-0001';
    const err = await rejection(client.grantRelativeAccess(request(), { idempotencyKey: key }));
    expect(err).to.be.instanceOf(StepUpRequiredError);
    expect(isStepUpRequired(err)).to.equal(true);
    expect(err).to.include({ kind: 'http', status: 403, type: problemTypes.stepUpRequired, maxAge: 300, retryable: false });
    expect(client.auth.state().status).to.equal('signed-in');
    const list = await client.listRelativesAccess();
    const karis = list.relatives[0]!;
    expect(isStepUpRequired(await rejection(client.revokeRelativeAccess(karis.id)))).to.equal(true);
    sign.secondsAgo = 10;
    expect((await client.grantRelativeAccess(request(), { idempotencyKey: key })).relative.name).to.equal('Lars Berg');
    expect(isStepUpRequired(new Error('x'))).to.equal(false);
  });

  it('takes access back at once; other refusals keep their problem types', async () => {
    const { client } = setup();
    const karis = (await client.listRelativesAccess()).relatives[0]!;
    const taken = await client.revokeRelativeAccess(karis.id);
    expect(taken).to.include({ status: 'inactive' });
    expect(taken.revokedAt).to.be.a('string');
    expect((await client.listRelativesAccess()).relatives).to.deep.equal([]);
    const young = await rejection(client.grantRelativeAccess(request(register.sofie.nationalIdentityNumber)));
    expect({ status: young.status, type: young.type }).to.deep.equal({ status: 422, type: problemTypes.relativeTooYoung });
    const long = await rejection(client.grantRelativeAccess({ ...request(), period: { start: '2026-12-03', end: '2027-12-03' } }));
    expect(long.problem?.errors).to.deep.equal([{ pointer: '/period/end', code: 'too-long' }]);
    expect(isStepUpRequired(long)).to.equal(false);
  });
});
