import { expect } from '@open-wc/testing';
import { createClientWith } from './client-core.js';
import { createLazyClient } from './lazy-client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { createMessaging } from './messages.js';
import type { MessagingFactory } from './messaging-facade.js';
import type { ClientConfig, Outgoing } from './types.js';
import { installClock, uninstallClock } from './test/clock.js';
import { BASE, deferred, json, page, rejection, services, tick, until } from './test/fixtures.js';
import { messageServer } from './test/message-server.js';

const reply = (text = 'Takk for svar'): Outgoing => ({ kind: 'reply', subjectId: 'me', threadId: 't1', text });

/**
 * A client whose messaging part arrives when the test says so: `load()` is what the client calls
 * for it (counted), `arrive()` / `fail()` settle the pending load.
 */
function setup(config: Partial<ClientConfig> = {}) {
  const server = messageServer();
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  let pending = deferred<MessagingFactory>();
  let loads = 0;
  const load = () => {
    loads++;
    return pending.promise;
  };
  // Appointments and services from fixtures; everything about messages from the message server.
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
    if (path.endsWith('/appointments')) return Promise.resolve(json(page()));
    if (path.endsWith('/services')) return Promise.resolve(json(services()));
    return server.fetch(input, init);
  }) as typeof globalThis.fetch;
  const client = createClientWith({ baseUrl: BASE, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, auth, fetch, ...config }, { load });
  return {
    server,
    client,
    loads: () => loads,
    arrive: () => pending.resolve(createMessaging),
    fail: () => {
      pending.reject(new TypeError('Failed to fetch dynamically imported module'));
      pending = deferred<MessagingFactory>();
    },
    listGets: () => server.calls('GET', '/subjects/me/threads'),
  };
}

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  uninstallClock();
});

describe('createLazyClient: messaging loaded on first use', () => {
  it('loads nothing until a messaging method is called; appointment calls never load it', async () => {
    const { client, loads } = setup();
    await client.listAppointments();
    await client.listServices();
    expect(loads()).to.equal(0);
    void client.listThreads();
    void client.getThread('me', 't1');
    expect(loads()).to.equal(1, 'one load for every call made while it is on its way');
  });

  it('calls that return a promise wait for the module, then go to the server', async () => {
    const { client, arrive, listGets } = setup();
    const threads = client.listThreads();
    await tick();
    expect(listGets()).to.have.length(0, 'no request before the module is in');
    arrive();
    expect((await threads).items.map((t) => t.id)).to.include('t1');
    expect(listGets()).to.have.length(1);
    expect(client.unreadCount()).to.be.a('number', 'answers from the loaded module afterwards');
  });

  it('before it is in: an empty outbox, no unread count, nothing to retry or discard, and queueMessage throws a retryable error', async () => {
    const { client, loads, arrive, server } = setup();
    expect(client.outbox()).to.deep.equal([]);
    expect(client.unreadCount()).to.equal(undefined);
    expect(client.discardOutbox('x')).to.equal(undefined);
    client.retryOutbox('x');
    expect(loads()).to.equal(0, 'asking what is known loads nothing');
    let error: unknown;
    try {
      client.queueMessage(reply());
    } catch (e) {
      error = e;
    }
    expect(error).to.include({ name: 'OmsorgError', kind: 'network', retryable: true });
    expect(loads()).to.equal(1, 'a refused message starts the load, so a retry finds it in');
    expect(server.calls('POST', '/threads/t1/messages')).to.have.length(0);
    arrive();
    await client.listThreads();
    const item = client.queueMessage(reply());
    expect(item.status).to.equal('sending');
    expect(client.outbox().map((i) => i.id)).to.deep.equal([item.id]);
    await until(() => client.outbox()[0]?.status === 'sent', 20_000, 'the message sent');
  });

  it('a watcher starts once the module is in; one stopped before that never starts', async () => {
    const clock = installClock();
    const { client, arrive, listGets } = setup({ poll: { minMs: 1_000, maxMs: 1_000 } });
    const pages: unknown[] = [];
    const stopEarly = client.watchThreads(undefined, () => pages.push('early'));
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    stopEarly();
    arrive();
    await until(() => listGets().length === 1 && pages.length === 1, 20_000, 'the first poll');
    expect(pages).to.have.length(1);
    expect(pages[0]).to.not.equal('early');
    expect(clock.pending()).to.have.length(1, 'the next poll is planned on the fake clock');
  });

  it('a failed import rejects with a retryable network error; the next call loads it again', async () => {
    const { client, loads, fail, arrive } = setup();
    const first = client.listThreads();
    fail();
    const e = await rejection(first);
    expect(e).to.include({ name: 'OmsorgError', kind: 'network', retryable: true });
    const second = client.listThreads();
    expect(loads()).to.equal(2);
    arrive();
    expect((await second).items.length).to.be.greaterThan(0);
  });

  it('signs out before the module was ever loaded without loading it', async () => {
    const { client, loads } = setup();
    await client.signOut();
    expect(client.auth.state().status).to.equal('signed-out');
    expect(loads()).to.equal(0);
  });

  it('createLazyClient imports the real module: the same answers as createClient', async () => {
    const server = messageServer();
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
    const client = createLazyClient({ baseUrl: BASE, auth, fetch: server.fetch });
    const page = await client.listThreads();
    expect(page.items.map((t) => t.id)).to.include('t1');
    const thread = await client.getThread('me', 't1');
    expect(thread.id).to.equal('t1');
  });
});
