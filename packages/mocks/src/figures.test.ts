import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { mockManagementAuthorization } from './figures.js';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { API, call, expectProblem, useMocks } from './test/worker.js';

const asManager = { headers: { Authorization: mockManagementAuthorization } };

describe('mocks: the figures for management', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('answers the management sign-in with the contract’s figures, no count under 5, some shown', async () => {
    await useMocks();
    const r = await call('/v1/management/figures', asManager);
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(validateAs(doc, 'ManagementFigures', r.body)).to.deep.equal([]);
    // The 12 months ending last month: the mocks' now is in June 2025, which is not over.
    expect([r.body.from, r.body.to]).to.deep.equal(['2024-06', '2025-05']);
    const totals = r.body.rows.map((x: { cancellations: { total: unknown } }) => x.cancellations.total);
    expect(totals.some((v: unknown) => typeof v === 'number')).to.equal(true);
    expect(totals.some((v: unknown) => typeof v === 'object')).to.equal(true);
    for (const v of totals) if (typeof v === 'number') expect(v).to.be.at.least(5);
  });

  it('gives the same figures as CSV, <5 where suppressed', async () => {
    await useMocks();
    const res = await fetch(`${API}/v1/management/figures.csv?from=2025-04&to=2025-05`, asManager);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith('month,service_id,service,cancellations,')).to.equal(true);
    expect(text).to.include('<5');
    const json = await call('/v1/management/figures?from=2025-04&to=2025-05', asManager);
    const all = json.body.rows.find((x: { month: string; service: string | null }) => x.month === '2025-05' && x.service === null);
    expect(text).to.include(`2025-05,,Alle tjenester,${all.cancellations.total},`);
  });

  it('refuses a citizen (403, also with a bad period), a missing token (401) and a bad period (400)', async () => {
    await useMocks();
    expectProblem(await call('/v1/management/figures'), 403, problemTypes.forbidden);
    expectProblem(await call('/v1/management/figures?from=x'), 403, problemTypes.forbidden);
    expectProblem(await call('/v1/management/figures.csv', { person: 'kari' }), 403, problemTypes.forbidden);
    expectProblem(await call('/v1/management/figures', { person: null }), 401, problemTypes.unauthorized);
    const bad = await call('/v1/management/figures?from=2025-06&to=2025-01', asManager);
    expectProblem(bad, 400, problemTypes.validation);
    expect(bad.body.errors[0].parameter).to.equal('from');
    // The current month is not over: finished months only.
    const current = await call('/v1/management/figures.csv?to=2025-06', asManager);
    expectProblem(current, 400, problemTypes.validation);
    expect(current.body.errors[0].parameter).to.equal('to');
    // The management sign-in is no person: it reads nobody's data.
    expect((await call('/v1/me', asManager)).status).to.equal(401);
  });
});
