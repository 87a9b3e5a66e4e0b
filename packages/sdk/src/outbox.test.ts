import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import type { Auth, ClientConfig, OutboxItem, Outgoing } from './types.js';
import { installClock, uninstallClock } from './test/clock.js';
import { BASE, attachment, record, stubAuth, turn, until } from './test/fixtures.js';
import { messageServer } from './test/message-server.js';

const reply = (text = 'Takk for svar', threadId = 't1'): Outgoing => ({ kind: 'reply', subjectId: 'me', threadId, text });

// Tests that install the fake clock decide when a planned resend runs: a "not sent" state lasts
// until they move the clock, however busy the machine is.
afterEach(() => uninstallClock());

/** `retries: 0`: every failure reaches the queue, so its own resending is what is tested. */
function setup<A extends Auth = ReturnType<typeof createMockAuth>>(config: Partial<ClientConfig> & { auth?: A } = {}) {
  const server = messageServer();
  const auth = (config.auth ?? createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false })) as A;
  const client = createClient({ baseUrl: BASE, retry: { retries: 0, baseDelayMs: 2, maxDelayMs: 5 }, ...config, auth, fetch: server.fetch });
  const rec = record(client);
  const item = (id: string) => client.outbox().find((i) => i.id === id)!;
  const settled = (id: string, status: OutboxItem['status']) => until(() => item(id)?.status === status, 20_000, `item ${status}`);
  const posts = () => server.calls('POST', '/threads/t1/messages');
  const stored = () => server.threads.get('t1')!.messages.filter((m) => m.sender.isCurrentUser);
  return { server, auth, client, rec, item, settled, posts, stored };
}

describe('outbox: exactly once', () => {
  it('queues a reply as sending and delivers it with its id as the Idempotency-Key', async () => {
    const { client, rec, settled, posts, stored, item } = setup();
    const queued = client.queueMessage(reply('Hei\r\npå deg'));
    expect(queued.status).to.equal('sending');
    expect(queued.attempts).to.equal(1);
    await settled(queued.id, 'sent');
    expect(posts().map((p) => p.headers.get('idempotency-key'))).to.deep.equal([queued.id]);
    expect(stored().map((m) => m.text)).to.deep.equal(['Hei\npå deg']); // line endings as the server keeps them
    expect((item(queued.id).result as { id: string }).id).to.equal(stored()[0]!.id);
    expect(rec.of('outbox-changed').map((e) => e.item.status)).to.deep.equal(['sending', 'sent']);
  });

  it('a lost answer (network error after the server stored it): resent with the same key, stored once', async () => {
    const clock = installClock();
    const { client, server, settled, posts, stored, item } = setup();
    server.fail('lost');
    const { id } = client.queueMessage(reply());
    await until(() => item(id).status === 'not-sent');
    expect(item(id).error?.kind).to.equal('network');
    expect(item(id).nextRetryAt).to.be.a('number');
    expect(clock.pending()).to.deep.equal([item(id).nextRetryAt! - clock.now()]);
    clock.next();
    await settled(id, 'sent');
    expect(posts().map((p) => p.headers.get('idempotency-key'))).to.deep.equal([id, id]);
    expect(posts().map((p) => p.status)).to.deep.equal([201, 201]);
    expect(stored()).to.have.length(1);
    expect(item(id).attempts).to.equal(2);
  });

  it('the same through the HTTP layer\'s own retries, without ever showing not-sent', async () => {
    const { client, server, rec, settled, posts, stored } = setup({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    server.fail('lost', 'network');
    const { id } = client.queueMessage(reply());
    await settled(id, 'sent');
    expect(posts().map((p) => p.headers.get('idempotency-key'))).to.deep.equal([id, id, id]);
    expect(stored()).to.have.length(1);
    expect(rec.of('outbox-changed').map((e) => e.item.status)).to.deep.equal(['sending', 'sent']);
  });

  it('503 then success: not-sent with a retry time, then sent once', async () => {
    const clock = installClock();
    const { client, server, settled, posts, stored, item } = setup();
    server.fail(503);
    const { id } = client.queueMessage(reply());
    await until(() => item(id).status === 'not-sent');
    expect(item(id).error?.status).to.equal(503);
    expect(item(id).nextRetryAt! - Date.now()).to.be.at.most(10_000);
    expect(posts()).to.have.length(1);
    clock.next();
    await settled(id, 'sent');
    expect(posts().map((p) => p.headers.get('idempotency-key'))).to.deep.equal([id, id]);
    expect(stored()).to.have.length(1);
  });

  it('an expired session: waits without retrying, then sends once when the same person signs in again', async () => {
    const clock = installClock();
    const { client, auth, server, rec, settled, posts, stored, item } = setup();
    server.fail(401);
    const first = client.queueMessage(reply('Første'));
    await until(() => item(first.id).status === 'not-sent');
    expect(item(first.id).error?.kind).to.equal('auth');
    expect(item(first.id).nextRetryAt).to.equal(undefined);
    auth.expire();
    expect(rec.types()).to.include('cleared'); // the expiry wipes the shown data ...
    const second = client.queueMessage(reply('Andre')); // ... and a send now never reaches the network
    await until(() => item(second.id).status === 'not-sent');
    expect(item(second.id).error?.kind).to.equal('auth');
    await turn();
    expect(clock.pending(), 'no resend planned').to.deep.equal([]);
    expect(posts()).to.have.length(1);
    expect(client.outbox().map((i) => i.status)).to.deep.equal(['not-sent', 'not-sent']); // ... but keeps the queue
    await auth.signIn();
    await settled(first.id, 'sent');
    await settled(second.id, 'sent');
    expect(posts().map((p) => p.headers.get('idempotency-key'))).to.deep.equal([first.id, first.id, second.id]);
    expect(stored().map((m) => m.text)).to.deep.equal(['Første', 'Andre']);
  });

  it('never sends a queued message in another person\'s session', async () => {
    const auth = stubAuth({ status: 'signed-in', user: { sub: 'ola', name: 'Ola' } });
    const { client, posts } = setup({ auth });
    auth.set({ status: 'signed-out', reason: 'expired' });
    const { id } = client.queueMessage(reply());
    await until(() => client.outbox()[0]?.status === 'not-sent');
    auth.set({ status: 'signed-in', user: { sub: 'kari', name: 'Kari' } });
    await turn();
    expect(posts()).to.have.length(0);
    expect(client.outbox().map((i) => i.id)).not.to.include(id);
  });
});

describe('outbox: failures that are not retried', () => {
  it('409 thread-closed and 400 validation: not-sent with the error, no automatic retry', async () => {
    const { client, server, item } = setup();
    server.threads.set('t2', structuredClone(server.threads.get('t1')!));
    server.threads.get('t2')!.id = 't2';
    server.threads.get('t1')!.status = 'closed';
    const closed = client.queueMessage(reply());
    const empty = client.queueMessage(reply('   ', 't2'));
    await until(() => item(closed.id).status === 'not-sent' && item(empty.id).status === 'not-sent');
    expect(item(closed.id).error?.type).to.equal(problemTypes.threadClosed);
    expect(item(closed.id).nextRetryAt).to.equal(undefined);
    expect(item(empty.id).error?.status).to.equal(400);
    window.dispatchEvent(new Event('online'));
    await turn();
    expect(server.requests).to.have.length(2);
    expect(item(closed.id).attempts).to.equal(1);
  });

  it('a fault the error does not call retryable (501) is final: not-sent with no retry time; 500 is resent', async () => {
    const { client, server, rec } = setup();
    server.fail(501, 500);
    const notSent = (id: string) => rec.of('outbox-changed').map((d) => d.item).find((i) => i.id === id && i.status === 'not-sent');
    const final = client.queueMessage(reply('Først'));
    await until(() => !!notSent(final.id));
    expect(notSent(final.id)!.error?.status).to.equal(501);
    expect(notSent(final.id)!.error?.retryable).to.equal(false);
    expect(notSent(final.id)!.nextRetryAt).to.equal(undefined);
    // The events say what the queue decided, whenever the resend runs.
    const again = client.queueMessage(reply('Så'));
    await until(() => !!notSent(again.id));
    expect(notSent(again.id)!.error?.status).to.equal(500);
    expect(notSent(again.id)!.nextRetryAt).to.be.a('number');
  });

  it('422 recipient-not-allowed on a new thread is not retried; retryOutbox tries once more with the same key', async () => {
    const { client, server, item } = setup();
    const { id } = client.queueMessage({ kind: 'thread', subjectId: 'me', grantedServiceId: 'other', title: 'Hei', text: 'Tekst' });
    await until(() => item(id).status === 'not-sent');
    expect(item(id).error?.type).to.equal(problemTypes.recipientNotAllowed);
    client.retryOutbox(id);
    expect(item(id).status).to.equal('sending');
    await until(() => item(id).status === 'not-sent');
    expect(server.calls('POST', '/threads').map((r) => r.headers.get('idempotency-key'))).to.deep.equal([id, id]);
  });

  it('retryOutbox on an item being sent is a no-op: never two requests for one item', async () => {
    const { client, server, posts } = setup();
    server.fail('hang');
    const { id } = client.queueMessage(reply());
    client.retryOutbox(id);
    client.retryOutbox(id);
    await turn();
    expect(posts()).to.have.length(1);
    expect(client.outbox()[0]!.status).to.equal('sending');
  });

  it('the same text queued twice is two messages with two keys', async () => {
    const { client, settled, stored } = setup();
    const a = client.queueMessage(reply('Samme'));
    const b = client.queueMessage(reply('Samme'));
    expect(a.id).not.to.equal(b.id);
    await settled(a.id, 'sent');
    await settled(b.id, 'sent');
    expect(stored()).to.have.length(2);
  });

  it('online resends at once instead of waiting for the backoff', async () => {
    const { client, server, settled, item } = setup({ retry: { retries: 0, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    server.fail('network');
    const { id } = client.queueMessage(reply());
    await until(() => item(id).status === 'not-sent');
    expect(item(id).nextRetryAt! - Date.now()).to.be.greaterThan(30_000);
    window.dispatchEvent(new Event('online'));
    await settled(id, 'sent');
  });

  it('discardOutbox removes a not-sent item and gives back what was written', async () => {
    const { client, server, item, rec } = setup({ retry: { retries: 0, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    server.fail('network');
    const out = reply('Behold meg');
    const { id } = client.queueMessage(out);
    await until(() => item(id).status === 'not-sent');
    expect(client.discardOutbox('nope')).to.equal(undefined);
    expect(client.discardOutbox(id)).to.deep.equal(out);
    expect(client.outbox()).to.deep.equal([]);
    expect(rec.of('outbox-changed')).to.have.length(3);
    window.dispatchEvent(new Event('online'));
    await turn();
    expect(server.requests).to.have.length(1);
  });
});

describe('outbox: after sending', () => {
  it('appends a reply to the stored thread and moves it to the top of the list', async () => {
    const { client, server, rec, settled } = setup();
    server.staffWrites('t1', 'Nyere'); // t1 is the only thread; add a second to see the move
    server.threads.set('t9', { ...server.threads.get('t1')!, id: 't9', lastActivityAt: '2031-01-01T00:00:00Z', messages: [] });
    await client.listThreads();
    await client.getThread('me', 't1');
    expect(rec.of('threads-changed').at(-1)!.page.items.map((t) => t.id)).to.deep.equal(['t9', 't1']);
    const { id } = client.queueMessage({ ...reply('Svar'), attachments: [attachment()] });
    await settled(id, 'sent');
    const posted = server.calls('POST', '/threads/t1/messages');
    expect(posted).to.have.length(1);
    const thread = rec.of('thread-changed').at(-1)!.thread;
    expect(thread.messages.at(-1)!.text).to.equal('Svar');
    expect(thread.lastMessage?.excerpt).to.equal('Svar');
    const page = rec.of('threads-changed').at(-1)!.page;
    expect(page.items.map((t) => t.id)).to.deep.equal(['t1', 't9']);
    expect(page.items[0]!.messageCount).to.equal(thread.messageCount);
  });

  it('the stored thread and list show a reply before it is announced as sent', async () => {
    const { client, rec, settled } = setup();
    await client.listThreads();
    await client.getThread('me', 't1');
    const { id } = client.queueMessage(reply('Først lagret'));
    await settled(id, 'sent');
    const order = rec.events.map((e) => e.type);
    const sentAt = rec.events.findIndex((e) => e.type === 'outbox-changed' && (e.detail as { item: OutboxItem }).item.status === 'sent');
    const threadAt = rec.events.findIndex(
      (e) => e.type === 'thread-changed' && (e.detail as { thread: { messages: Array<{ text: string }> } }).thread.messages.some((m) => m.text === 'Først lagret'),
    );
    const listAt = order.lastIndexOf('threads-changed');
    expect(threadAt, 'thread-changed with the reply').to.be.greaterThan(-1);
    expect(threadAt).to.be.lessThan(sentAt);
    expect(listAt).to.be.lessThan(sentAt);
  });

  it('adds a new thread to the stored list and filters the outbox by thread', async () => {
    const { client, rec, settled } = setup();
    await client.listThreads();
    const item = client.queueMessage({ kind: 'thread', subjectId: 'me', grantedServiceId: 'gs1', title: ' Ny sak ', text: 'Hei' });
    client.queueMessage(reply());
    await settled(item.id, 'sent');
    const created = rec.of('thread-changed').find((e) => e.thread.title === 'Ny sak')!.thread;
    expect(rec.of('threads-changed').at(-1)!.page.items.map((t) => t.id)).to.include(created.id);
    expect(client.outbox({ threadId: null }).map((i) => i.id)).to.deep.equal([item.id]);
    expect(client.outbox({ threadId: 't1' })).to.have.length(1);
    expect(client.outbox({ subjectId: 'other' })).to.deep.equal([]);
  });

  it('sign-out clears the queue and stops its timers', async () => {
    const clock = installClock();
    const { client, server, item, rec } = setup({ retry: { retries: 0, baseDelayMs: 5, maxDelayMs: 5 } });
    server.fail('network', 'network', 'network', 'network');
    const { id } = client.queueMessage(reply());
    await until(() => item(id)?.status === 'not-sent');
    expect(clock.pending()).to.have.length(1);
    await client.signOut();
    expect(client.outbox()).to.deep.equal([]);
    expect(rec.types()).to.include('cleared');
    expect(clock.pending(), 'the resend timer is stopped').to.deep.equal([]);
    const n = server.requests.length;
    clock.tick(60);
    await turn();
    expect(server.requests.length).to.equal(n);
  });
});

