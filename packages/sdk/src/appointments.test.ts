import { expect } from '@open-wc/testing';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import type { AppointmentPage } from '@omsorg/contract';
import type { Client } from './types.js';
import { LOCAL_CURSOR } from './appointments.js';
import { BASE, appointment, deferred, fakeFetch, json, page, rejection, tick } from './test/fixtures.js';

/** A server with `n` appointments that pages them with limit and cursor (`c<offset>`). */
function setup(n = 12, gate?: Promise<void>) {
  const all = Array.from({ length: n }, (_, i) => appointment({ id: `a${i}`, start: `2030-03-${String(i + 1).padStart(2, '0')}T09:00:00+01:00` }));
  const { fetch, calls } = fakeFetch(async (call) => {
    await gate;
    const url = new URL(call.url);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const from = Number(url.searchParams.get('cursor')?.slice(1) ?? 0);
    const end = from + limit;
    return json(page(all.slice(from, end), end < all.length ? `c${end}` : null));
  });
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, auth, fetch, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  const limits = () => calls.map((c) => new URL(c.url).searchParams.get('limit'));
  return { client, calls, limits };
}

const ids = (p: AppointmentPage) => p.items.map((a) => a.id);

/** Every page of a list, following nextCursor. */
async function pageThrough(client: Client, limit: number): Promise<string[][]> {
  const out: string[][] = [];
  let cursor: string | null = null;
  do {
    const p: AppointmentPage = await client.listAppointments({ when: 'upcoming', limit, cursor });
    out.push(ids(p));
    cursor = p.nextCursor;
  } while (cursor);
  return out;
}

describe('appointment pages: lists that differ only in page size', () => {
  it('two lists of one subject, page size 3 and the default 20, make one request', async () => {
    const { client, limits } = setup();
    const [small, full] = await Promise.all([
      client.listAppointments({ when: 'upcoming', limit: 3 }),
      client.listAppointments({ when: 'upcoming', limit: 20 }),
    ]);
    expect(limits()).to.deep.equal(['20']);
    expect(ids(small)).to.deep.equal(['a0', 'a1', 'a2']);
    expect(small.nextCursor).to.equal(`${LOCAL_CURSOR}3`);
    expect(ids(full)).to.have.length(12);
    expect(full.nextCursor).to.equal(null);
  });

  it('the same in the other order, and with the larger one first', async () => {
    const { client, limits } = setup();
    await Promise.all([client.listAppointments({ when: 'upcoming', limit: 20 }), client.listAppointments({ when: 'upcoming', limit: 3 })]);
    expect(limits()).to.deep.equal(['20']);
  });

  it('a smaller page later is served from the cached larger one; a larger page later is asked for', async () => {
    const { client, limits } = setup();
    await client.listAppointments({ when: 'upcoming', limit: 5 });
    expect(ids(await client.listAppointments({ when: 'upcoming', limit: 2 }))).to.deep.equal(['a0', 'a1']);
    expect(limits()).to.deep.equal(['5']);
    expect(ids(await client.listAppointments({ when: 'upcoming', limit: 8 }))).to.have.length(8);
    expect(limits()).to.deep.equal(['5', '8']);
  });

  it('joins a larger page in flight', async () => {
    const gate = deferred<void>();
    const { client, limits } = setup(12, gate.promise);
    const full = client.listAppointments({ when: 'upcoming', limit: 20 });
    await tick();
    const small = client.listAppointments({ when: 'upcoming', limit: 3 });
    await tick();
    gate.resolve();
    expect(ids(await small)).to.deep.equal(['a0', 'a1', 'a2']);
    expect(ids(await full)).to.have.length(12);
    expect(limits()).to.deep.equal(['20']);
  });

  it('keeps lists of another subject or another `when` apart', async () => {
    const { client, calls } = setup();
    await Promise.all([
      client.listAppointments({ when: 'upcoming', limit: 3 }),
      client.listAppointments({ when: 'past', limit: 20 }),
      client.listAppointments({ subjectId: 'rel-7', when: 'upcoming', limit: 20 }),
    ]);
    expect(calls.map((c) => c.url.slice(BASE.length)).sort()).to.deep.equal([
      '/v1/subjects/me/appointments?when=past&limit=20',
      '/v1/subjects/me/appointments?when=upcoming&limit=3',
      '/v1/subjects/rel-7/appointments?when=upcoming&limit=20',
    ]);
  });

  it('a page cut from a larger one pages on exactly as the server pages', async () => {
    const direct = await pageThrough(setup().client, 3);
    // The small list is served from a page of 5; after it, the server's own cursor continues.
    const { client, calls } = setup();
    await Promise.all([client.listAppointments({ when: 'upcoming', limit: 5 }), client.listAppointments({ when: 'upcoming', limit: 3 })]);
    expect(await pageThrough(client, 3)).to.deep.equal(direct);
    expect(calls.map((c) => c.url.slice(c.url.indexOf('?')))).to.deep.equal([
      '?when=upcoming&limit=5',
      // a3, a4 from the page of 5, a5 from the server after it
      '?when=upcoming&limit=1&cursor=c5',
      '?when=upcoming&limit=3&cursor=c6',
      '?when=upcoming&limit=3&cursor=c9',
    ]);
  });

  it('fresh first pages of one turn share one request; a fresh one in a later turn does not join it', async () => {
    const gate = deferred<void>();
    const { client, limits } = setup(12, gate.promise);
    const a = client.listAppointments({ when: 'upcoming', limit: 3 }, { fresh: true });
    const b = client.listAppointments({ when: 'upcoming', limit: 20 }, { fresh: true });
    await tick();
    expect(limits()).to.deep.equal(['20']);
    const c = client.listAppointments({ when: 'upcoming', limit: 3 }, { fresh: true });
    await tick();
    expect(limits()).to.deep.equal(['20', '3']);
    gate.resolve();
    await Promise.all([a, b, c]);
  });

  it('one list that stops waiting does not abort the request of the other', async () => {
    const gate = deferred<void>();
    const { client, calls } = setup(12, gate.promise);
    const stop = new AbortController();
    const small = client.listAppointments({ when: 'upcoming', limit: 3 }, { signal: stop.signal });
    const full = client.listAppointments({ when: 'upcoming', limit: 20 });
    await tick();
    stop.abort();
    expect((await rejection(small)).kind).to.equal('aborted');
    gate.resolve();
    expect(ids(await full)).to.have.length(12);
    expect(calls).to.have.length(1);
    expect(calls[0]!.signal!.aborted).to.equal(false);
  });

  it('reads without a limit, and the server\'s own cursors, as they are', async () => {
    const { client, calls } = setup();
    await client.listAppointments({ when: 'upcoming' });
    await client.listAppointments({ when: 'upcoming', limit: 3, cursor: 'c3' });
    expect(calls.map((c) => c.url.slice(c.url.indexOf('?')))).to.deep.equal(['?when=upcoming', '?when=upcoming&limit=3&cursor=c3']);
  });
});
