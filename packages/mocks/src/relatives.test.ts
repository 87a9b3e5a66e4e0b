/** The mocks' relatives' access: what the contract suite cannot reach (a moving clock for parents). */
import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { createRegister, subjectIds } from '@omsorg/fixtures';
import { mockAuthorization } from './auth.js';
import { call, expectProblem, NOW, useMocks } from './test/worker.js';

const emmaBorn = createRegister(NOW).emma.birthDate;
/** The day Emma turns `years`, at noon Oslo time. */
const emmaAt = (years: number) => new Date(`${Number(emmaBorn.slice(0, 4)) + years}${emmaBorn.slice(4)}T12:00:00+02:00`);
const perSees = async () => ((await call('/v1/me', { person: 'per' })).body.subjects as { id: string; scopes: string[] }[]).find((s) => s.id === subjectIds.emma);

describe('mocks: relatives\' access', () => {
  it('holds a parent to the child\'s age: full under 12, no messages from 12, nothing from 16', async () => {
    await useMocks({ now: () => emmaAt(11) });
    expect((await perSees())?.scopes).to.include('messages');
    await useMocks({ now: () => emmaAt(12) });
    expect((await perSees())?.scopes).to.deep.equal(['appointments.read', 'appointments.cancel', 'services.read']);
    expectProblem(await call(`/v1/subjects/${subjectIds.emma}/threads`, { person: 'per' }), 403, problemTypes.forbidden);
    expect((await call(`/v1/subjects/${subjectIds.emma}/appointments`, { person: 'per' })).status).to.equal(200);
    const list = (await call('/v1/subjects/me/relatives-access', { person: 'per' })).body;
    expect(list.actingFor.map((a: { basis: string; scopes: string[] }) => [a.basis, a.scopes.includes('messages')])).to.deep.equal([['parent', false]]);
    await useMocks({ now: () => emmaAt(16) });
    expect(await perSees()).to.equal(undefined);
    expectProblem(await call(`/v1/subjects/${subjectIds.emma}/appointments`, { person: 'per' }), 404, problemTypes.notFound);
    expect((await call('/v1/subjects/me/relatives-access', { person: 'per' })).body.actingFor).to.deep.equal([]);
  });

  it('reads when the person signed in from the mock token; a malformed time is a 401', async () => {
    await useMocks();
    const at = Math.floor(NOW.getTime() / 1000);
    expect(mockAuthorization('ola', { authTime: at })).to.equal(`Bearer mock-token-ola.auth-${at}`);
    const body = { nationalIdentityNumber: createRegister(NOW).lars.nationalIdentityNumber, scopes: ['appointments.read'], period: { start: '2025-06-11', end: '2025-07-11' } };
    const post = (authTime: number) =>
      call('/v1/subjects/me/relatives-access', { person: null, method: 'POST', body, headers: { Authorization: mockAuthorization('ola', { authTime }), 'Idempotency-Key': `mocks-test-${authTime}` } });
    const stale = await post(at - 301);
    expectProblem(stale, 403, problemTypes.stepUpRequired);
    expect(stale.body.maxAge).to.equal(300);
    expect(stale.headers.get('www-authenticate')).to.match(/insufficient_user_authentication.*max_age=300/);
    expect((await post(at - 300)).status).to.equal(201);
    expectProblem(await call('/v1/me', { person: null, headers: { Authorization: 'Bearer mock-token-ola.auth-soon' } }), 401, problemTypes.unauthorized);
  });
});
