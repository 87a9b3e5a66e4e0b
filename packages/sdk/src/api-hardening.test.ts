/**
 * What the SDK does with the hardened API's answers: a sign-in too old (401 session-expired) is an
 * expired session; a 409 request-in-progress is waited for and sent again with the same key;
 * Retry-After is honoured up to MAX_RETRY_AFTER_MS; calls that get no answer (offline, a refused
 * CORS preflight) are retried a few times client-wide, not four times each.
 */
import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { MAX_RETRY_AFTER_MS, NETWORK_RETRIES } from './http.js';
import { installClock, uninstallClock } from './test/clock.js';
import { appointment, json, me, netError, problem, rejection, services, steps, tick } from './test/fixtures.js';
import { FAST, cancelInput, setup } from './test/client-setup.js';

const inProgress = () => problem(409, problemTypes.requestInProgress, {}, { 'retry-after': '1' });

/** Lets the SDK run until it waits on a timer. */
async function settle(times = 5) {
  for (let i = 0; i < times; i++) await tick();
}

describe('client: the hardened API', () => {
  afterEach(() => uninstallClock());

  it('treats 401 session-expired as an expired session, though the token has not expired', async () => {
    const { client, rec, auth } = setup(() => problem(401, problemTypes.sessionExpired));
    expect(auth.state().expiresAt ?? Infinity).to.be.greaterThan(Date.now());
    const err = await rejection(client.me());
    expect(err.kind).to.equal('auth');
    expect(err.type).to.equal(problemTypes.sessionExpired);
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'expired' }]);
    // Any other 401 with a live token stays "unauthorized".
    const other = setup(() => problem(401, problemTypes.unauthorized));
    await rejection(other.client.me());
    expect(other.rec.of('auth-required')).to.deep.equal([{ reason: 'unauthorized' }]);
  });

  it('waits Retry-After on 409 request-in-progress and sends the cancel again with the same key', async () => {
    const clock = installClock();
    const done = appointment({ status: 'cancelled', version: 'v2' });
    const { client, calls } = setup(steps(inProgress, () => json(done, 200, { etag: '"v2"' })), { retry: { retries: 3 } });
    const result = client.cancelAppointment(cancelInput());
    await settle();
    expect(calls).to.have.length(1);
    expect(clock.pending()).to.include(1000);
    clock.tick(1000);
    expect((await result).status).to.equal('cancelled');
    expect(calls).to.have.length(2);
    expect(calls[1]!.headers.get('idempotency-key')).to.equal(calls[0]!.headers.get('idempotency-key'));
    expect(calls[1]!.body).to.equal(calls[0]!.body);
  });

  it('marks a 409 request-in-progress retryable (a queue sends it again), and not a refusal', async () => {
    const { client, calls } = setup(inProgress, { retry: { ...FAST, retries: 0 } });
    const err = await rejection(client.cancelAppointment(cancelInput()));
    expect(err.status).to.equal(409);
    expect(err.retryable).to.equal(true);
    expect(calls.map((c) => c.method), 'no read of the appointment as after a refusal').to.deep.equal(['POST']);
  });

  it(`honours Retry-After up to ${MAX_RETRY_AFTER_MS / 1000} s by default (not 10 s), and caps a longer one there`, async () => {
    const clock = installClock();
    for (const [header, wait] of [
      ['120', 120_000],
      ['3600', MAX_RETRY_AFTER_MS],
    ] as const) {
      const { client, calls } = setup(steps(() => problem(503, problemTypes.unavailable, {}, { 'retry-after': header }), () => json(services())), {
        retry: { retries: 3 },
      });
      const result = client.listServices();
      await settle();
      expect(calls).to.have.length(1);
      expect(clock.pending(), header).to.include(wait);
      clock.tick(wait - 1);
      await settle();
      expect(calls, 'not before Retry-After').to.have.length(1);
      clock.tick(1);
      expect(await result).to.deep.equal(services());
      expect(calls).to.have.length(2);
    }
  });

  it(`retries a call that gets no answer ${NETWORK_RETRIES} times, with backoff, however many retries are allowed`, async () => {
    const { client, calls } = setup(() => {
      throw netError();
    }, { retry: { ...FAST, networkRetries: NETWORK_RETRIES, retries: 10 } });
    const err = await rejection(client.me());
    expect(err.kind).to.equal('network');
    expect(calls).to.have.length(1 + NETWORK_RETRIES);
  });

  it('does not retry every call of a page whose API cannot be reached (a refused CORS preflight): 9 calls, not 36', async () => {
    const { client, calls } = setup(() => {
      throw netError();
    }, { retry: { ...FAST, networkRetries: NETWORK_RETRIES } });
    const reads = [
      client.me(),
      client.listServices(),
      client.listAppointments({ subjectId: 'me' }),
      client.listAppointments({ subjectId: 'me', when: 'past' }),
      client.listThreads(),
      client.listMessageRecipients(),
      client.getAppointment('me', 'a1'),
      client.getAppointment('me', 'a2'),
      client.getThread('me', 't1'),
    ];
    const errors = await Promise.all(reads.map((p) => rejection(p)));
    expect(errors.every((e) => e.kind === 'network')).to.equal(true);
    expect(calls.length).to.be.at.most(reads.length + NETWORK_RETRIES);
    // Any answer resets it: the next call that gets none is retried again.
    const later = setup(steps(netError(), () => json(me()), netError(), netError(), () => json(me())), { retry: { ...FAST, networkRetries: NETWORK_RETRIES } });
    expect(await later.client.me()).to.deep.equal(me());
    expect(await later.client.me({ fresh: true })).to.deep.equal(me());
    expect(later.calls).to.have.length(5);
  });
});
