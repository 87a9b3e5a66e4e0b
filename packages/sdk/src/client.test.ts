import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { BASE, appointment, deferred, fakeFetch, json, me, netError, page, problem, rejection, services, steps, stubAuth, tick } from './test/fixtures.js';
import { FAST, cancelInput, setup } from './test/client-setup.js';

describe('client: requests', () => {
  it('sends Accept and the auth headers to baseUrl/v1 and validates the body', async () => {
    const { client, calls } = setup(() => json(me()));
    expect(await client.me()).to.deep.equal(me());
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal(`${BASE}/v1/me`);
    expect(calls[0]!.method).to.equal('GET');
    expect(calls[0]!.headers.get('accept')).to.equal('application/json');
    expect(calls[0]!.headers.get('authorization')).to.equal('Bearer mock-token-ola');
    expect(calls[0]!.url).not.to.contain('token');
  });

  it('trims a trailing slash from baseUrl, encodes path parameters and builds the query', async () => {
    const { client, calls } = setup((c) => (c.url.includes('appointments?') ? json(page()) : json(appointment())), { baseUrl: `${BASE}/api/` });
    expect(client.baseUrl).to.equal(`${BASE}/api`);
    await client.listAppointments({ subjectId: 'a/b c', when: 'past', limit: 5, cursor: 'x&y' });
    expect(calls[0]!.url).to.equal(`${BASE}/api/v1/subjects/a%2Fb%20c/appointments?when=past&limit=5&cursor=x%26y`);
    await client.getAppointment('s?1', 'id#2');
    expect(calls[1]!.url).to.equal(`${BASE}/api/v1/subjects/s%3F1/appointments/id%232`);
  });

  it('defaults the subject to getSubject() and follows setSubject', async () => {
    const { client, calls, rec } = setup((c) => (c.url.includes('/services') ? json(services()) : json(page())));
    expect(client.getSubject()).to.equal('me');
    await client.listAppointments();
    await client.listServices();
    client.setSubject('rel-7');
    client.setSubject('rel-7'); // no change, no event
    expect(client.getSubject()).to.equal('rel-7');
    expect(rec.of('subject-changed')).to.deep.equal([{ subjectId: 'rel-7' }]);
    await client.listAppointments();
    await client.listServices();
    expect(calls.map((c) => c.url.slice(BASE.length))).to.deep.equal([
      '/v1/subjects/me/appointments',
      '/v1/subjects/me/services',
      '/v1/subjects/rel-7/appointments',
      '/v1/subjects/rel-7/services',
    ]);
  });

  it('uses globalThis.fetch when no fetch is configured', async () => {
    const original = globalThis.fetch;
    const { fetch, calls } = fakeFetch(() => json(me()));
    globalThis.fetch = fetch;
    try {
      const client = createClient({ baseUrl: BASE, auth: createMockAuth({ signedIn: true, persist: false }) });
      await client.me();
      expect(calls).to.have.length(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('makes distinct UUID v4 idempotency keys', () => {
    const { client } = setup(() => json(me()));
    const a = client.newIdempotencyKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(client.newIdempotencyKey()).not.to.equal(a);
  });
});

describe('client: retry', () => {
  it('retries a network error and then succeeds', async () => {
    const { client, calls } = setup(steps(netError(), () => json(me())));
    expect(await client.me()).to.deep.equal(me());
    expect(calls).to.have.length(2);
  });

  for (const status of [408, 502, 503, 504]) {
    it(`retries ${status}`, async () => {
      const { client, calls } = setup(steps(() => problem(status, problemTypes.unavailable), () => json(me())));
      await client.me();
      expect(calls).to.have.length(2);
    });
  }

  it('honours Retry-After on 429, capped by maxDelayMs', async () => {
    // Uncapped this would wait an hour and the test would time out.
    const { client, calls } = setup(steps(() => problem(429, problemTypes.rateLimited, {}, { 'retry-after': '3600' }), () => json(me())));
    await client.me();
    expect(calls).to.have.length(2);
  });

  it('gives up after `retries` retries with the last error', async () => {
    const { client, calls } = setup(() => problem(503, problemTypes.unavailable, {}, { 'retry-after': '0' }), { retry: { ...FAST, retries: 2 } });
    const err = await rejection(client.me());
    expect(calls).to.have.length(3);
    expect(err.kind).to.equal('http');
    expect(err.status).to.equal(503);
    expect(err.retryable).to.equal(true);
    expect(err.retryAfterMs).to.equal(0);
  });

  it('reports a network failure as kind network after the last retry', async () => {
    const { client, calls } = setup(() => {
      throw netError();
    }, { retry: { ...FAST, retries: 1 } });
    const err = await rejection(client.me());
    expect(calls).to.have.length(2);
    expect(err.kind).to.equal('network');
    expect(err.retryable).to.equal(true);
    expect(err.cause).to.be.instanceOf(TypeError);
  });

  for (const status of [400, 403, 404, 409, 412, 422, 428, 500]) {
    it(`does not retry ${status}`, async () => {
      const { client, calls } = setup(() => problem(status, problemTypes.validation));
      const err = await rejection(client.listServices());
      expect(calls).to.have.length(1);
      expect(err.kind).to.equal('http');
      expect(err.status).to.equal(status);
      expect(err.retryable).to.equal(status === 500);
    });
  }
});

describe('client: errors and validation', () => {
  it('maps problem+json to OmsorgError fields', async () => {
    const { client } = setup(() => problem(409, problemTypes.deadlinePassed, { detail: 'Too late', instance: '/x' }));
    const err = await rejection(client.cancelAppointment(cancelInput()));
    expect(err.name).to.equal('OmsorgError');
    expect(err.kind).to.equal('http');
    expect(err.status).to.equal(409);
    expect(err.type).to.equal(problemTypes.deadlinePassed);
    expect(err.title).to.equal('Title 409');
    expect(err.detail).to.equal('Too late');
    expect(err.retryable).to.equal(false);
    expect(err.problem?.instance).to.equal('/x');
  });

  it('handles a non-JSON error body', async () => {
    const { client } = setup(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }), {
      retry: { ...FAST, retries: 0 },
    });
    const err = await rejection(client.me());
    expect(err.kind).to.equal('http');
    expect(err.status).to.equal(502);
    expect(err.type).to.equal(undefined);
    expect(err.problem).to.equal(undefined);
    expect(err.title).to.equal('Bad Gateway');
    expect(err.retryable).to.equal(true);
  });

  const malformed: Array<[string, () => Response]> = [
    ['invalid JSON', () => new Response('{"items": [', { headers: { 'content-type': 'application/json' } })],
    ['a non-JSON content type', () => new Response(JSON.stringify(page()), { headers: { 'content-type': 'text/html' } })],
    ['a wrong type', () => json({ items: 'nope', nextCursor: null })],
    ['an unknown status', () => json(page([appointment({ status: 'bogus' as 'booked' })]))],
    ['a missing field', () => json({ items: [] })],
    ['a bad date-time', () => json(page([appointment({ start: 'tomorrow' })]))],
  ];
  for (const [what, respond] of malformed) {
    it(`turns a 2xx with ${what} into invalid-response`, async () => {
      const { client, calls } = setup(respond);
      const err = await rejection(client.listAppointments());
      expect(err.kind).to.equal('invalid-response');
      expect(err.status).to.equal(200);
      expect(calls).to.have.length(1); // not retried
    });
  }

  it('rejects an appointment whose strong ETag disagrees with its version', async () => {
    const { client } = setup(steps(() => json(appointment(), 200, { etag: '"other"' }), () => json(appointment(), 200, { etag: 'W/"gzip"' })));
    const err = await rejection(client.getAppointment('me', 'a1'));
    expect(err.kind).to.equal('invalid-response');
    expect(err.detail).to.equal('etag');
    // A weak ETag (changed by a compressing proxy) is ignored.
    expect((await client.getAppointment('me', 'a1')).version).to.equal('v1');
  });
});

describe('client: dedupe and cache', () => {
  it('shares one fetch between four concurrent identical calls', async () => {
    const gate = deferred<Response>();
    const { client, calls } = setup(() => gate.promise);
    const all = Promise.all([1, 2, 3, 4].map(() => client.listAppointments({ when: 'upcoming' })));
    await tick();
    gate.resolve(json(page()));
    const results = await all;
    expect(calls).to.have.length(1);
    results.forEach((r) => expect(r).to.deep.equal(page()));
  });

  it('does not let one caller abort the shared fetch of the others', async () => {
    const gate = deferred<Response>();
    const { client, calls } = setup(() => gate.promise);
    const ctl = new AbortController();
    const a = client.listAppointments({}, { signal: ctl.signal });
    const b = client.listAppointments();
    await tick();
    ctl.abort();
    expect((await rejection(a)).kind).to.equal('aborted');
    expect(calls[0]!.signal?.aborted).to.equal(false);
    gate.resolve(json(page()));
    expect(await b).to.deep.equal(page());
    expect(calls).to.have.length(1);
  });

  it('aborts the shared fetch when every caller has aborted', async () => {
    const { client, calls } = setup(() => new Promise<Response>(() => {}));
    const c1 = new AbortController();
    const c2 = new AbortController();
    const a = client.me({ signal: c1.signal });
    const b = client.me({ signal: c2.signal });
    await tick();
    c1.abort();
    expect(calls[0]!.signal?.aborted).to.equal(false);
    c2.abort();
    expect(calls[0]!.signal?.aborted).to.equal(true);
    expect((await rejection(a)).kind).to.equal('aborted');
    expect((await rejection(b)).kind).to.equal('aborted');
    // The next call starts a new request instead of joining the dead one.
    const next = client.me();
    await tick();
    expect(calls).to.have.length(2);
    void next.catch(() => {});
  });

  it('serves reads from the cache until stale; fresh bypasses it', async () => {
    const { client, calls } = setup(() => json(me()));
    await client.me();
    await client.me();
    expect(calls).to.have.length(1);
    await client.me({ fresh: true });
    expect(calls).to.have.length(2);
    const { client: noCache, calls: calls2 } = setup(() => json(me()), { staleAfterMs: 0 });
    await noCache.me();
    await noCache.me();
    expect(calls2).to.have.length(2);
  });

  it('shares one fetch between fresh reads of the same turn, not with an older flight', async () => {
    const gate = deferred<void>();
    const { client, calls } = setup(async () => {
      await gate.promise;
      return json(page());
    });
    // Two lists reloading on one sign-in: one request.
    const a = client.listAppointments({}, { fresh: true });
    const b = client.listAppointments({}, { fresh: true });
    await tick();
    expect(calls).to.have.length(1);
    // A fresh read in a later turn may follow a change: it does not join the flight in the air.
    const c = client.listAppointments({}, { fresh: true });
    await tick();
    expect(calls).to.have.length(2);
    gate.resolve();
    await Promise.all([a, b, c]);
  });

  it('does not cache single appointments', async () => {
    const { client, calls } = setup(() => json(appointment()));
    await client.getAppointment('me', 'a1');
    await client.getAppointment('me', 'a1');
    expect(calls).to.have.length(2);
    expect(client.cachedAppointment('a1')?.version).to.equal('v1');
  });
});

describe('client: store and events', () => {
  it('emits appointment-changed when a list brings a new version, not on first sight', async () => {
    const { client, rec } = setup(steps(() => json(page()), () => json(page([appointment({ version: 'v2', status: 'cancelled' })]))));
    await client.listAppointments();
    expect(rec.of('appointment-changed')).to.have.length(0);
    expect(client.cachedAppointment('a1')?.version).to.equal('v1');
    await client.listAppointments({}, { fresh: true });
    expect(rec.of('appointment-changed').map((d) => d.appointment.version)).to.deep.equal(['v2']);
    expect(client.cachedAppointment('a1')?.status).to.equal('cancelled');
  });

  it('on() returns an unsubscribe function', async () => {
    const { client } = setup(() => json(me()));
    let n = 0;
    const off = client.on('subject-changed', () => n++);
    client.setSubject('x');
    off();
    client.setSubject('y');
    expect(n).to.equal(1);
  });

  it('a throwing listener does not stop other listeners', async () => {
    const { client } = setup(() => json(me()));
    const seen: string[] = [];
    client.on('subject-changed', () => {
      throw new Error('listener bug');
    });
    client.on('subject-changed', (d) => seen.push(d.subjectId));
    // The error is re-thrown asynchronously; keep mocha from failing on it here.
    const prev = window.onerror;
    let reported: unknown;
    window.onerror = (_m, _s, _l, _c, e) => ((reported = e), true);
    try {
      client.setSubject('x');
      await tick();
    } finally {
      window.onerror = prev;
    }
    expect(seen).to.deep.equal(['x']);
    expect((reported as Error).message).to.equal('listener bug');
  });
});

describe('client: auth', () => {
  it('on 401 emits auth-required unauthorized and throws kind auth', async () => {
    const { client, rec } = setup(() => problem(401, problemTypes.unauthorized));
    const err = await rejection(client.me());
    expect(err.kind).to.equal('auth');
    expect(err.status).to.equal(401);
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'unauthorized' }]);
  });

  it('on 401 after the known expiry says expired', async () => {
    const auth = stubAuth({ status: 'signed-in', user: { sub: 'x', name: 'X' }, expiresAt: Date.now() - 1000 });
    const { client, rec } = setup(() => problem(401, problemTypes.unauthorized), { auth });
    await rejection(client.me());
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'expired' }]);
  });

  it('without a session emits auth-required no-session and never calls fetch', async () => {
    const auth = createMockAuth({ signedIn: false, persist: false });
    const { client, calls, rec } = setup(() => json(me()), { auth });
    const err = await rejection(client.me());
    expect(err.kind).to.equal('auth');
    expect(calls).to.have.length(0);
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'no-session' }]);
  });

  it('wraps a non-OmsorgError from authorize as kind auth', async () => {
    const auth = stubAuth({ status: 'signed-in', user: { sub: 'x', name: 'X' } });
    auth.authorize = () => Promise.reject(new Error('IndexedDB unavailable'));
    const { client } = setup(() => json(me()), { auth });
    const err = await rejection(client.me());
    expect(err.kind).to.equal('auth');
    expect((err.cause as Error).message).to.equal('IndexedDB unavailable');
  });

  it('forwards auth changes; an expired session wipes the data and calls ask for sign-in', async () => {
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: true, persist: false });
    const { client, calls, rec } = setup(() => json(page()), { auth });
    await client.listAppointments();
    auth.expire();
    expect(rec.types()).to.deep.equal(['cleared', 'auth-changed']);
    expect(rec.of('auth-changed')).to.deep.equal([{ status: 'signed-out', reason: 'expired' }]);
    expect(client.cachedAppointment('a1')).to.equal(undefined);
    // A call now fails before fetch, saying expired.
    expect((await rejection(client.listAppointments())).kind).to.equal('auth');
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'expired' }]);
    expect(calls).to.have.length(1);
  });

  it('an expiry found by authorize emits auth-required once for that call', async () => {
    const auth = createMockAuth({ signedIn: true, expiresInMs: -1, persist: false });
    const { client, calls, rec } = setup(() => json(me()), { auth });
    expect((await rejection(client.me())).kind).to.equal('auth');
    expect(rec.of('auth-required')).to.deep.equal([{ reason: 'expired' }]);
    expect(calls).to.have.length(0);
  });

  it('signOut wipes the store, emits cleared and auth-changed, and the next call fetches again', async () => {
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: true, persist: false });
    const { client, calls, rec } = setup(() => json(page()), { auth });
    await client.listAppointments();
    expect(client.cachedAppointment('a1')).not.to.equal(undefined);
    await client.signOut();
    expect(auth.state().status).to.equal('signed-out');
    expect(rec.types()).to.deep.equal(['cleared', 'auth-changed']);
    expect(rec.of('auth-changed')[0]!.status).to.equal('signed-out');
    expect(client.cachedAppointment('a1')).to.equal(undefined);
    await auth.signIn();
    await client.listAppointments();
    expect(calls).to.have.length(2);
  });

  it('signOut emits auth-changed even when the auth does not notify, and aborts reads in flight', async () => {
    const auth = stubAuth({ status: 'signed-in', user: { sub: 'x', name: 'X' } });
    auth.signOut = async () => {
      auth.signOuts++;
    };
    const { client, rec } = setup(() => new Promise<Response>(() => {}), { auth });
    const pending = rejection(client.me());
    await tick();
    auth.state = () => ({ status: 'signed-out' });
    await client.signOut();
    expect(auth.signOuts).to.equal(1);
    expect(rec.types()).to.deep.equal(['cleared', 'auth-changed']);
    expect((await pending).kind).to.equal('aborted');
  });

  it('wipes when another person signs in', async () => {
    const auth = stubAuth({ status: 'signed-in', user: { sub: 'a', name: 'A' } });
    const { client, rec } = setup(() => json(page()), { auth });
    await client.listAppointments();
    auth.set({ status: 'signed-in', user: { sub: 'b', name: 'B' } });
    expect(rec.types()).to.deep.equal(['cleared', 'auth-changed']);
    expect(client.cachedAppointment('a1')).to.equal(undefined);
    auth.set({ status: 'signed-in', user: { sub: 'b', name: 'B' } }); // same state: no event
    expect(rec.types()).to.have.length(2);
  });
});
