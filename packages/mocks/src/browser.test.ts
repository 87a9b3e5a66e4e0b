import { expect } from '@open-wc/testing';
import { cancellationReasons } from '@omsorg/contract';
import { appointmentIds as ids, persons } from '@omsorg/fixtures';
import { call, useMocks } from './test/worker.js';

describe('startMockWorker', () => {
  it('switches scenario at runtime with fresh data', async () => {
    const mock = await useMocks();
    expect(mock.scenario).to.equal('default');
    mock.setScenario('empty');
    expect(mock.scenario).to.equal('empty');
    expect((await call('/v1/subjects/me/appointments')).body.items).to.have.length(0);
    mock.setScenario('server-error');
    expect((await call('/v1/me')).status).to.equal(500);
    mock.setScenario('default');
    expect((await call('/v1/subjects/me/appointments')).body.items.length).to.be.greaterThan(0);
  });

  it('switches the fallback person while keeping the data, and resets the data on demand', async () => {
    const mock = await useMocks();
    const path = `/v1/subjects/me/appointments/${ids.olaCancellable}`;
    const r = await call(`${path}/cancellation`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'browser-test-1', 'If-Match': '"v1"' },
      body: { reason: { system: cancellationReasons.system, code: 'oth' } },
    });
    expect(r.status).to.equal(200);
    mock.setPerson('kari');
    const other = { person: null, headers: { Authorization: 'Bearer some-real-token' } } as const;
    expect((await call('/v1/me', other)).body.person).to.deep.equal(persons.kari);
    expect((await call(path)).body.status).to.equal('cancelled');
    mock.reset();
    expect((await call(path)).body.status).to.equal('booked');
    expect(mock.api.db.idempotency.size).to.equal(0);
  });
});
