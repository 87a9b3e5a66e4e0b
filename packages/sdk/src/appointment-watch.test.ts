/**
 * Appointment lists kept fresh (appointment-watch.ts): conditional polls on a fake clock, so what
 * the tests see never depends on how fast real timers run.
 */
import { expect } from '@open-wc/testing';
import type { Appointment } from '@omsorg/contract';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import type { PollOptions } from './types.js';
import { installClock, uninstallClock, type FakeClock } from './test/clock.js';
import { resetVisibility, setVisibility } from './test/visibility.js';
import { BASE, appointment, fakeFetch, json, page, record, until, type Call } from './test/fixtures.js';

const requested = appointment({
  status: 'cancellation-requested',
  cancellationPolicy: { cancellable: false, deadline: '2030-03-03T12:00:00Z', phone: '+4712345678', mode: 'request', consequence: null },
  cancellation: { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' }, comment: null, requestedAt: '2030-03-01T10:00:00+01:00', answeredAt: null, rejectionNote: null },
});
const rejected: Appointment = {
  ...requested,
  version: 'v2',
  status: 'cancellation-rejected',
  cancellation: { ...requested.cancellation!, answeredAt: '2030-03-02T09:00:00+01:00', rejectionNote: 'Vi må komme.' },
};
const other = appointment({ id: 'a2', start: '2030-03-05T09:00:00+01:00', end: '2030-03-05T10:00:00+01:00' });

/** A list endpoint with a weak ETag per content, answering If-None-Match with 304. */
function listServer() {
  let items: Appointment[] = [requested, other];
  const tag = () => `W/"${items.map((a) => `${a.id}.${a.version}`).join('-')}"`;
  const { fetch, calls } = fakeFetch((call: Call) => {
    if (call.headers.get('if-none-match') === tag()) return new Response(null, { status: 304, headers: { etag: tag() } });
    return json(page(items), 200, { etag: tag() });
  });
  return { fetch, calls, set: (next: Appointment[]) => void (items = next) };
}

function setup(poll: PollOptions = { minMs: 1_000, maxMs: 8_000 }) {
  const server = listServer();
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, poll, auth, fetch: server.fetch });
  return { server, auth, client, rec: record(client) };
}

/** Fires the next planned poll and waits until it was answered and the one after it planned. */
async function nextPoll(clock: FakeClock, calls: () => number): Promise<number> {
  const n = calls();
  const moved = clock.next();
  await until(() => calls() === n + 1 && clock.pending().length === 1, 20_000, `poll ${n + 1} answered`);
  return moved;
}

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  uninstallClock();
  resetVisibility();
});

describe('appointment lists kept fresh', () => {
  it('a changed list arrives: If-None-Match from the first read, the store updated, appointment-changed once, the listener told', async () => {
    const clock = installClock();
    const { client, server, rec } = setup();
    const query = { when: 'upcoming' as const, limit: 20 };
    await client.listAppointments(query);
    const pages: string[][] = [];
    stops.push(client.watchAppointments(query, (p) => pages.push(p.items.map((a) => a.status))));
    expect(clock.pending(), 'the first poll after minMs: the list was just read').to.deep.equal([1_000]);
    server.set([rejected, other]);
    await nextPoll(clock, () => server.calls.length);
    const poll = server.calls[1]!;
    expect(poll.url).to.equal(`${BASE}/v1/subjects/me/appointments?when=upcoming&limit=20`);
    expect(poll.headers.get('if-none-match'), 'conditional from the first poll on').to.equal('W/"a1.v1-a2.v1"');
    expect(rec.of('appointment-changed').map((e) => [e.appointment.id, e.appointment.status, e.cause])).to.deep.equal([['a1', 'cancellation-rejected', 'poll']]);
    expect(client.cachedAppointment('a1')?.cancellation?.rejectionNote).to.equal('Vi må komme.');
    expect(pages).to.deep.equal([['cancellation-rejected', 'booked']]);
    expect((await client.listAppointments(query)).items[0]!.status, 'a later read shows the store\'s copy').to.equal('cancellation-rejected');
    expect(clock.pending(), 'a change: back to the shortest wait').to.deep.equal([1_000]);
  });

  it('a 304 keeps the cached copy: no event, no listener call, the wait doubles up to maxMs', async () => {
    const clock = installClock();
    const { client, server, rec } = setup();
    await client.listAppointments({ when: 'upcoming', limit: 20 });
    let told = 0;
    stops.push(client.watchAppointments({ when: 'upcoming', limit: 20 }, () => told++));
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await nextPoll(clock, () => server.calls.length));
    expect(waits).to.deep.equal([1_000, 1_000, 2_000, 4_000, 8_000]);
    expect(clock.pending()).to.deep.equal([8_000]);
    expect(server.calls.slice(1).every((c) => c.headers.get('if-none-match') === 'W/"a1.v1-a2.v1"')).to.equal(true);
    expect(rec.of('appointment-changed')).to.deep.equal([]);
    expect(told).to.equal(0);
    expect(client.cachedAppointment('a1')).to.deep.equal(requested);
  });

  it('a hidden tab does not poll; shown again, it polls at once; stop ends it', async () => {
    const clock = installClock();
    const { client, server, rec } = setup();
    await client.listAppointments({ when: 'upcoming', limit: 20 });
    const stop = client.watchAppointments({ when: 'upcoming', limit: 20 });
    setVisibility('hidden');
    clock.next();
    await new Promise((r) => queueMicrotask(() => r(undefined)));
    expect(server.calls.length, 'hidden: no request').to.equal(1);
    expect(clock.pending(), 'idle: nothing planned').to.deep.equal([]);
    server.set([rejected, other]);
    setVisibility('visible');
    await until(() => server.calls.length === 2 && clock.pending().length === 1, 20_000, 'the poll on becoming visible');
    expect(rec.of('appointment-changed').map((e) => e.appointment.status)).to.deep.equal(['cancellation-rejected']);
    stop();
    expect(clock.pending(), 'stopped: nothing planned').to.deep.equal([]);
    setVisibility('hidden');
    setVisibility('visible');
    expect(server.calls.length, 'no watcher: the page is not listened to').to.equal(2);
  });

  it('idles while signed out and polls at once when signed in again; watchers of one list share one poller', async () => {
    const clock = installClock();
    const { client, server, auth } = setup();
    await client.listAppointments({ when: 'upcoming', limit: 20 });
    stops.push(client.watchAppointments({ when: 'upcoming', limit: 20 }), client.watchAppointments({ when: 'upcoming', limit: 20 }));
    expect(clock.pending(), 'one poller for both').to.deep.equal([1_000]);
    await client.signOut();
    expect(clock.pending(), 'signed out: nothing planned').to.deep.equal([]);
    await auth.signIn();
    await until(() => server.calls.length === 2, 20_000, 'the poll after signing in');
    expect(server.calls[1]!.headers.get('if-none-match'), 'the store was wiped: an unconditional read').to.equal(null);
  });
});
