import { expect } from '@open-wc/testing';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import type { ThreadPage } from '@omsorg/contract';
import type { ClientConfig, PollOptions } from './types.js';
import { BASE, record, sleep, until } from './test/fixtures.js';
import { messageServer } from './test/message-server.js';

function setup(poll: PollOptions, config: Partial<ClientConfig> = {}) {
  const server = messageServer();
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, poll, auth, fetch: server.fetch, ...config });
  const rec = record(client);
  const listGets = () => server.calls('GET', '/subjects/me/threads');
  return { server, auth, client, rec, listGets };
}

/** Stubs document.visibilityState (an own property shadows the prototype's getter in every engine). */
function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('polling', () => {
  it('polls at once, then backs off while nothing changes, up to maxMs, and resets after a change', async () => {
    const { client, server, listGets } = setup({ minMs: 20, maxMs: 100 });
    const pages: ThreadPage[] = [];
    const at = () => listGets().length;
    const times = () => listGets().map((r) => r.at);
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    // Planned waits: 20, 40, 80, 100, 100 (without the cap 160, 320).
    await until(() => at() >= 6, 3000, '6 polls');
    const gaps = times().slice(1).map((t, i) => t - times()[i]!);
    expect(gaps[0]).to.be.at.least(18);
    expect(gaps[1]).to.be.at.least(38);
    expect(gaps[2]).to.be.at.least(78);
    expect(gaps[3]).to.be.at.least(98);
    expect(gaps[4]).to.be.at.least(98).and.below(155);
    expect(pages).to.have.length(1); // only the first answer was new; the rest were 304
    expect(listGets().slice(1).every((r) => r.status === 304 && r.headers.get('if-none-match'))).to.equal(true);
    // A change: the poll after it comes after minMs again.
    server.staffWrites('t1', 'Nytt svar');
    const n = at();
    await until(() => pages.length === 2, 3000, 'the change');
    await until(() => at() >= n + 2, 3000, 'the poll after the change');
    const afterChange = times()[n + 1]! - times()[n]!;
    expect(afterChange).to.be.below(90);
    expect(pages[1]!.items[0]!.lastMessage?.excerpt).to.equal('Nytt svar');
  });

  it('after a read of its own, a new watch waits minMs before its first poll (no second read right away)', async () => {
    const { client, listGets } = setup({ minMs: 300, maxMs: 300 });
    await client.listThreads();
    const t0 = listGets()[0]!.at;
    stops.push(client.watchThreads(undefined, () => {}));
    await sleep(150);
    expect(listGets()).to.have.length(1);
    await until(() => listGets().length === 2, 3000, 'the first poll');
    expect(listGets()[1]!.at - t0).to.be.at.least(280);
  });

  it('two watchers of one subject share one poller; it stops with the last', async () => {
    const { client, listGets } = setup({ minMs: 15, maxMs: 15 });
    const a: ThreadPage[] = [];
    const b: ThreadPage[] = [];
    const stopA = client.watchThreads('me', (p) => a.push(p));
    const stopB = client.watchThreads(undefined, (p) => b.push(p));
    await until(() => a.length === 1 && b.length === 1);
    await sleep(70);
    const polls = listGets().length;
    // One poll per interval (about 5 in 70 ms), not two.
    expect(polls).to.be.within(2, 7);
    stopA();
    const n = listGets().length;
    await until(() => listGets().length > n);
    stopB();
    stopB(); // twice is harmless
    await sleep(5);
    const m = listGets().length;
    await sleep(50);
    expect(listGets().length).to.equal(m);
  });

  it('unread-changed only when the count changes; watchUnread keeps it fresh', async () => {
    const { client, server, rec } = setup({ minMs: 10, maxMs: 10 });
    stops.push(client.watchUnread());
    await until(() => client.unreadCount() === 1);
    await sleep(50); // several 304s
    expect(rec.of('unread-changed')).to.deep.equal([{ subjectId: 'me', count: 1 }]);
    server.staffWrites('t1', 'Ny');
    await until(() => client.unreadCount() === 2);
    server.threads.get('t1')!.title = 'Endret tittel';
    server.threads.get('t1')!.version = 'changed';
    await until(() => rec.of('threads-changed').length >= 3);
    expect(rec.of('unread-changed').map((e) => e.count)).to.deep.equal([1, 2]);
  });

  it('watches one thread: new messages arrive through thread-changed and the listener', async () => {
    const { client, server, rec } = setup({ minMs: 10, maxMs: 20 });
    const seen: string[] = [];
    stops.push(client.watchThread('me', 't1', (t) => seen.push(t.messages.at(-1)!.text)));
    await until(() => seen.length === 1);
    server.staffWrites('t1', 'Vi kommer klokka 10');
    await until(() => seen.length === 2);
    expect(seen).to.deep.equal(['Hei', 'Vi kommer klokka 10']);
    expect(rec.of('thread-changed').map((e) => e.thread.messages.length)).to.deep.equal([1, 2]);
  });

  it('pauses while the tab is hidden and polls at once when it is shown', async () => {
    const { client, listGets } = setup({ minMs: 15, maxMs: 15 });
    setVisibility('hidden');
    stops.push(client.watchThreads(undefined, () => {}));
    await sleep(60);
    expect(listGets()).to.have.length(0);
    setVisibility('visible');
    await until(() => listGets().length === 1, 100, 'a poll right after becoming visible');
    await until(() => listGets().length >= 2);
    setVisibility('hidden');
    await sleep(30); // a poll already planned finds the tab hidden and does not run
    const n = listGets().length;
    await sleep(60);
    expect(listGets().length).to.equal(n);
  });

  it('polls at once when the browser comes online', async () => {
    const { client, listGets } = setup({ minMs: 60_000, maxMs: 60_000 });
    stops.push(client.watchThreads(undefined, () => {}));
    await until(() => listGets().length === 1);
    window.dispatchEvent(new Event('online'));
    await until(() => listGets().length === 2, 200, 'a poll on online');
  });

  it('a sent message makes the pollers look at once', async () => {
    const { client, listGets, server } = setup({ minMs: 60_000, maxMs: 60_000 });
    const pages: ThreadPage[] = [];
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    stops.push(client.watchThread('me', 't1', () => {}));
    await until(() => listGets().length === 1 && server.calls('GET', '/threads/t1').length === 1);
    client.queueMessage({ kind: 'reply', subjectId: 'me', threadId: 't1', text: 'Takk' });
    await until(() => listGets().length === 2 && server.calls('GET', '/threads/t1').length === 2, 500, 'polls after the send');
    expect(pages.at(-1)!.items[0]!.lastMessage?.excerpt).to.equal('Takk');
  });

  it('does not poll while signed out; stops on sign-out and resumes on sign-in', async () => {
    const server = messageServer();
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: false, persist: false });
    const client = createClient({ baseUrl: BASE, poll: { minMs: 10, maxMs: 10 }, auth, fetch: server.fetch });
    const rec = record(client);
    const pages: ThreadPage[] = [];
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    await sleep(40);
    expect(server.requests).to.have.length(0);
    await auth.signIn();
    await until(() => pages.length === 1);
    await until(() => server.requests.length >= 3);
    await client.signOut();
    expect(rec.types()).to.include('cleared');
    expect(client.unreadCount()).to.equal(undefined);
    const n = server.requests.length;
    await sleep(50);
    expect(server.requests.length).to.equal(n);
    await auth.signIn();
    // The store was wiped, so the first poll after sign-in is a full read again.
    await until(() => pages.length === 2);
    expect(server.requests.at(-1)!.headers.get('if-none-match')).to.equal(null);
  });

  it('keeps polling with a longer wait after a failed poll', async () => {
    const { client, server, listGets } = setup({ minMs: 10, maxMs: 40 });
    server.fail('network', 503, 'network');
    const pages: ThreadPage[] = [];
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    await until(() => pages.length === 1, 3000, 'a page after three failures');
    expect(listGets().length).to.equal(4);
  });
});
