import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { BASE, appointment, deferred, json, netError, page, problem, rejection, steps, tick, type Call } from './test/fixtures.js';
import { cancelInput, setup } from './test/client-setup.js';
import type { CancelDraft, CancelInput } from './types.js';

const draft = (overrides: Partial<CancelDraft> = {}): CancelDraft => ({
  version: 'v1',
  reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' },
  ...overrides,
});
const keysOf = (calls: Call[]) => calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('idempotency-key'));
const gets = (calls: Call[]) => calls.filter((c) => c.method === 'GET');

describe('cancel: the request, its retries and the local update', () => {
  it('retries a cancel with the same Idempotency-Key and If-Match on every attempt', async () => {
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client, calls } = setup(steps(netError(), () => problem(503, problemTypes.unavailable), () => json(done, 200, { etag: '"v2"' })));
    expect(await client.cancelAppointment(cancelInput())).to.deep.equal(done);
    expect(calls).to.have.length(3);
    for (const c of calls) {
      expect(c.method).to.equal('POST');
      expect(c.headers.get('idempotency-key')).to.equal('key-12345678');
      expect(c.headers.get('if-match')).to.equal('"v1"');
    }
  });

  it('cancels: body, headers, store update and appointment-changed; cached lists show it', async () => {
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client, calls, rec } = setup((c) => (c.method === 'POST' ? json(done) : json(page())));
    await client.listAppointments();
    await client.cancelAppointment(cancelInput({ comment: '  Syk i dag  ' }));
    const post = calls[1]!;
    expect(post.url).to.equal(`${BASE}/v1/subjects/me/appointments/a1/cancellation`);
    expect(post.headers.get('content-type')).to.equal('application/json');
    expect(JSON.parse(post.body!)).to.deep.equal({ reason: cancelInput().reason, comment: 'Syk i dag' });
    expect(rec.of('appointment-changed').map((d) => d.appointment)).to.deep.equal([done]);
    expect(client.cachedAppointment('a1')).to.deep.equal(done);
    // The cached list page now shows the cancelled copy without a refetch.
    expect((await client.listAppointments()).items[0]).to.deep.equal(done);
    expect(calls).to.have.length(2);
  });

  it('omits an empty comment and extra reason fields', async () => {
    const { client, calls } = setup(() => json(appointment({ version: 'v2' })));
    const reason = { ...cancelInput().reason, display: 'x' } as CancelInput['reason'];
    await client.cancelAppointment(cancelInput({ comment: '   ', reason }));
    expect(JSON.parse(calls[0]!.body!)).to.deep.equal({ reason: cancelInput().reason });
  });

  it('on 412 refetches the appointment, stores it, emits appointment-changed and throws', async () => {
    const fresh = appointment({ version: 'v3', status: 'cancellation-requested' });
    const { client, calls, rec } = setup((c) =>
      c.method === 'POST' ? problem(412, problemTypes.preconditionFailed) : json(fresh, 200, { etag: '"v3"' }),
    );
    const err = await rejection(client.cancelAppointment(cancelInput()));
    expect(err.status).to.equal(412);
    expect(err.type).to.equal(problemTypes.preconditionFailed);
    expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
    expect(calls[1]!.url).to.equal(`${BASE}/v1/subjects/me/appointments/a1`);
    expect(rec.of('appointment-changed').map((d) => d.appointment)).to.deep.equal([fresh]);
    expect(client.cachedAppointment('a1')).to.deep.equal(fresh);
  });

  it('still throws the 412 when the refetch fails', async () => {
    const { client, rec } = setup((c) => (c.method === 'POST' ? problem(412, problemTypes.preconditionFailed) : problem(404, problemTypes.notFound)));
    const err = await rejection(client.cancelAppointment(cancelInput()));
    expect(err.status).to.equal(412);
    expect(rec.of('appointment-changed')).to.have.length(0);
  });

  it('keeps the newest copy: a slow list started before a cancel does not overwrite it', async () => {
    const gate = deferred<Response>();
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client } = setup((c) => (c.method === 'POST' ? json(done) : gate.promise));
    const slowList = client.listAppointments();
    await tick();
    await client.cancelAppointment(cancelInput());
    gate.resolve(json(page([appointment()])));
    const listed = await slowList;
    expect(client.cachedAppointment('a1')).to.deep.equal(done);
    expect(listed.items[0]).to.deep.equal(done);
  });

  it('drops a response that arrives after sign-out', async () => {
    const gate = deferred<Response>();
    const { client } = setup(() => gate.promise);
    const p = client.cancelAppointment(cancelInput());
    await tick();
    await client.signOut();
    gate.resolve(json(appointment({ version: 'v2' })));
    await p;
    expect(client.cachedAppointment('a1')).to.equal(undefined);
  });

  it('makes its own key when the caller gives none, and reuses it on its automatic retries', async () => {
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client, calls } = setup(steps(netError(), () => json(done)));
    await client.cancelAppointment(cancelInput({ idempotencyKey: undefined }));
    const keys = keysOf(calls);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/i);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('on 409 reads the appointment once into the store (no change event for the same version) and throws', async () => {
    const fresh = appointment({ cancellationPolicy: { ...appointment().cancellationPolicy, phone: '+4799999999' } });
    const { client, calls, rec } = setup((c) => (c.method === 'POST' ? problem(409, problemTypes.deadlinePassed) : json(fresh)));
    const err = await rejection(client.cancelAppointment(cancelInput()));
    expect(err.status).to.equal(409);
    expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
    expect(client.cachedAppointment('a1')?.cancellationPolicy.phone).to.equal('+4799999999');
    expect(rec.of('appointment-changed')).to.have.length(0);
  });

  it('on 412 reads the appointment exactly once, also when that read fails', async () => {
    const { client, calls } = setup((c) => (c.method === 'POST' ? problem(412, problemTypes.preconditionFailed) : problem(500, problemTypes.serverError)));
    const err = await rejection(client.cancelIntent({ subjectId: 'me', appointmentId: 'a1' }).send(draft()));
    expect(err.status).to.equal(412);
    expect(gets(calls)).to.have.length(1);
  });
});

describe('cancel: the intent owns its Idempotency-Key', () => {
  const target = { subjectId: 'me', appointmentId: 'a1' };

  it('sends to the target with If-Match, stores the answer and ends the intent', async () => {
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client, calls, rec } = setup(() => json(done));
    const intent = client.cancelIntent(target);
    expect(intent.key).to.equal(undefined);
    const sent = intent.send(draft({ comment: ' Syk ' }));
    expect(intent.pending).to.equal(true);
    expect(await sent).to.deep.equal(done);
    expect(intent.pending).to.equal(false);
    expect(calls[0]!.url).to.equal(`${BASE}/v1/subjects/me/appointments/a1/cancellation`);
    expect(calls[0]!.headers.get('if-match')).to.equal('"v1"');
    expect(JSON.parse(calls[0]!.body!)).to.deep.equal({ reason: draft().reason, comment: 'Syk' });
    expect(client.cachedAppointment('a1')).to.deep.equal(done);
    expect(rec.of('appointment-changed').map((d) => d.appointment)).to.deep.equal([done]);
    // Done: the next send is another intent.
    expect(intent.key).to.equal(undefined);
  });

  it('a second send while one is in flight joins it: one POST', async () => {
    const gate = deferred<Response>();
    const { client, calls } = setup(() => gate.promise);
    const intent = client.cancelIntent(target);
    const a = intent.send(draft());
    const b = intent.send(draft({ comment: 'other' }));
    expect(b).to.equal(a);
    await tick();
    gate.resolve(json(appointment({ status: 'cancelled', version: 'v2' })));
    await Promise.all([a, b]);
    expect(calls).to.have.length(1);
  });

  it('reuses the key after a network failure and after a 401, even with other content', async () => {
    const { client, calls } = setup(
      steps(netError(), netError(), netError(), netError(), () => problem(401, problemTypes.unauthorized), () => json(appointment({ status: 'cancelled', version: 'v2' }))),
    );
    const intent = client.cancelIntent(target);
    expect((await rejection(intent.send(draft()))).kind).to.equal('network');
    const key = intent.key;
    expect(key).to.match(/^[0-9a-f-]{36}$/i);
    // The server never answered: whatever is sent next belongs to the same intent.
    expect((await rejection(intent.send(draft({ comment: 'changed' })))).status).to.equal(401);
    expect(intent.key).to.equal(key);
    await intent.send(draft({ comment: 'changed' }));
    expect(new Set(keysOf(calls))).to.deep.equal(new Set([key]));
  });

  it('keeps the key for the same content after an answered failure, and makes a new one when the content changed', async () => {
    const { client, calls } = setup(
      steps(() => problem(500, problemTypes.serverError), () => problem(400, problemTypes.validation), () => json(appointment({ status: 'cancelled', version: 'v2' }))),
    );
    const intent = client.cancelIntent(target);
    await rejection(intent.send(draft()));
    await rejection(intent.send(draft()));
    await intent.send(draft({ reason: { ...draft().reason, code: 'oth' } }));
    const [k1, k2, k3] = keysOf(calls);
    expect(k2).to.equal(k1);
    expect(k3).to.not.equal(k1);
  });

  for (const [what, answer] of [
    ['a 412 (the appointment changed)', () => problem(412, problemTypes.preconditionFailed)],
    ['a 422 for a reused key', () => problem(422, problemTypes.idempotencyKeyReused)],
  ] as const) {
    it(`makes a new key after ${what}`, async () => {
      const { client, calls } = setup((c, n) => (c.method === 'GET' ? json(appointment({ version: 'v3' })) : n === 0 ? answer() : json(appointment({ status: 'cancelled', version: 'v4' }))));
      const intent = client.cancelIntent(target);
      await rejection(intent.send(draft()));
      expect(intent.key).to.equal(undefined);
      await intent.send(draft({ version: 'v3' }));
      const [k1, k2] = keysOf(calls);
      expect(k2).to.be.a('string');
      expect(k2).to.not.equal(k1);
    });
  }

  it('reset() starts a new intent', async () => {
    const { client, calls } = setup(steps(netError(), netError(), netError(), netError(), () => json(appointment({ status: 'cancelled', version: 'v2' }))));
    const intent = client.cancelIntent(target);
    await rejection(intent.send(draft()));
    const key = intent.key;
    intent.reset();
    expect(intent.key).to.equal(undefined);
    await intent.send(draft());
    expect(keysOf(calls).at(-1)).to.not.equal(key);
  });
});
