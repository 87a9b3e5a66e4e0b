import { expect } from '@open-wc/testing';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import type { ThreadPage } from '@omsorg/contract';
import type { ClientConfig, PollOptions } from './types.js';
import { installClock, uninstallClock, type FakeClock } from './test/clock.js';
import { resetVisibility, setVisibility } from './test/visibility.js';
import { BASE, record, until } from './test/fixtures.js';
import { messageServer } from './test/message-server.js';

function setup(poll: PollOptions, config: Partial<ClientConfig> = {}) {
  const server = messageServer();
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, poll, auth, fetch: server.fetch, ...config });
  const rec = record(client);
  const listGets = () => server.calls('GET', '/subjects/me/threads');
  return { server, auth, client, rec, listGets };
}

/**
 * Fires the next planned poll on the fake clock and waits until that poll has been answered and
 * the one after it planned: no test here depends on how fast real timers run.
 */
async function nextPoll(clock: FakeClock, count: () => number, planned = 1): Promise<void> {
  const n = count();
  clock.next();
  await until(() => count() === n + 1 && clock.pending().length === planned, 20_000, `poll ${n + 1} answered`);
}

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  uninstallClock();
  resetVisibility();
});

describe('polling', () => {
  it('waits through the poll timer given in the config: the test fires each poll, and stop clears it', async () => {
    const planned: Array<{ poll: () => void; ms: number }> = [];
    const cleared: unknown[] = [];
    const timer = {
      set: (poll: () => void, ms: number) => planned.push({ poll, ms }),
      clear: (handle: unknown) => void cleared.push(handle),
    };
    const { client, listGets } = setup({ minMs: 20, maxMs: 40, timer });
    const stop = client.watchThreads(undefined, () => {});
    await until(() => listGets().length === 1 && planned.length === 1, 20_000, 'the first poll, the next planned');
    planned[0]!.poll();
    await until(() => listGets().length === 2 && planned.length === 2, 20_000, 'the second poll, the next planned');
    planned[1]!.poll();
    await until(() => listGets().length === 3 && planned.length === 3, 20_000, 'the third poll, the next planned');
    expect(planned.map((p) => p.ms)).to.deep.equal([20, 40, 40]);
    stop();
    expect(cleared).to.deep.equal([3]);
  });

  it('polls at once, then backs off while nothing changes, up to maxMs, and resets after a change', async () => {
    const clock = installClock();
    const { client, server, listGets } = setup({ minMs: 20, maxMs: 100 });
    const pages: ThreadPage[] = [];
    const at = () => listGets().length;
    const times = () => listGets().map((r) => r.at);
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    await until(() => at() === 1 && clock.pending().length === 1, 20_000, 'the first poll');
    const planned = [clock.pending()[0]];
    while (at() < 6) {
      await nextPoll(clock, at);
      planned.push(clock.pending()[0]);
    }
    // Planned waits: 20, 40, 80, 100, 100 (without the cap 160, 320).
    expect(planned).to.deep.equal([20, 40, 80, 100, 100, 100]);
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
    await nextPoll(clock, at);
    await until(() => pages.length === 2, 20_000, 'the change');
    expect(clock.pending()).to.deep.equal([20]);
    await nextPoll(clock, at);
    expect(at()).to.equal(n + 2);
    const afterChange = times()[n + 1]! - times()[n]!;
    expect(afterChange).to.be.below(90);
    expect(pages[1]!.items[0]!.lastMessage?.excerpt).to.equal('Nytt svar');
  });

  it('after a read of its own, a new watch waits minMs before its first poll (no second read right away)', async () => {
    const clock = installClock();
    const { client, listGets } = setup({ minMs: 300, maxMs: 300 });
    await client.listThreads();
    const t0 = listGets()[0]!.at;
    stops.push(client.watchThreads(undefined, () => {}));
    await until(() => clock.pending().length === 1, 20_000, 'the first poll planned');
    expect(clock.pending()).to.deep.equal([300]);
    clock.tick(150);
    expect(listGets()).to.have.length(1);
    clock.tick(150);
    await until(() => listGets().length === 2, 20_000, 'the first poll');
    expect(listGets()[1]!.at - t0).to.be.at.least(280);
  });

  it('two watchers of one subject share one poller; it stops with the last', async () => {
    const clock = installClock();
    const { client, listGets } = setup({ minMs: 15, maxMs: 15 });
    const a: ThreadPage[] = [];
    const b: ThreadPage[] = [];
    const stopA = client.watchThreads('me', (p) => a.push(p));
    const stopB = client.watchThreads(undefined, (p) => b.push(p));
    await until(() => a.length === 1 && b.length === 1 && clock.pending().length === 1);
    const count = () => listGets().length;
    for (const start = clock.now(); clock.now() - start + clock.pending()[0]! <= 70; ) await nextPoll(clock, count);
    const polls = listGets().length;
    // One poll per interval (5 in 70 ms: at once, then every 15 ms), not two.
    expect(polls).to.be.within(2, 7);
    expect(polls).to.equal(5);
    stopA();
    const n = listGets().length;
    await nextPoll(clock, count);
    expect(listGets().length).to.be.greaterThan(n);
    stopB();
    stopB(); // twice is harmless
    expect(clock.pending()).to.deep.equal([]);
    const m = listGets().length;
    clock.tick(50);
    expect(listGets().length).to.equal(m);
  });

  it('unread-changed only when the count changes; watchUnread keeps it fresh', async () => {
    const clock = installClock();
    const { client, server, rec, listGets } = setup({ minMs: 10, maxMs: 10 });
    const count = () => listGets().length;
    stops.push(client.watchUnread());
    await until(() => client.unreadCount() === 1 && clock.pending().length === 1);
    for (let i = 0; i < 5; i++) await nextPoll(clock, count); // several 304s
    expect(listGets().slice(1).every((r) => r.status === 304)).to.equal(true);
    expect(rec.of('unread-changed')).to.deep.equal([{ subjectId: 'me', count: 1 }]);
    server.staffWrites('t1', 'Ny');
    await nextPoll(clock, count);
    await until(() => client.unreadCount() === 2);
    server.threads.get('t1')!.title = 'Endret tittel';
    server.threads.get('t1')!.version = 'changed';
    await nextPoll(clock, count);
    await until(() => rec.of('threads-changed').length >= 3);
    expect(rec.of('unread-changed').map((e) => e.count)).to.deep.equal([1, 2]);
  });

  it('watches one thread: new messages arrive through thread-changed and the listener', async () => {
    const clock = installClock();
    const { client, server, rec } = setup({ minMs: 10, maxMs: 20 });
    const seen: string[] = [];
    const count = () => server.calls('GET', '/threads/t1').length;
    stops.push(client.watchThread('me', 't1', (t) => seen.push(t.messages.at(-1)!.text)));
    await until(() => seen.length === 1 && clock.pending().length === 1);
    server.staffWrites('t1', 'Vi kommer klokka 10');
    await nextPoll(clock, count);
    await until(() => seen.length === 2);
    expect(seen).to.deep.equal(['Hei', 'Vi kommer klokka 10']);
    expect(rec.of('thread-changed').map((e) => e.thread.messages.length)).to.deep.equal([1, 2]);
  });

  it('pauses while the tab is hidden and polls at once when it is shown', async () => {
    const clock = installClock();
    const { client, listGets } = setup({ minMs: 15, maxMs: 15 });
    const count = () => listGets().length;
    setVisibility('hidden');
    stops.push(client.watchThreads(undefined, () => {}));
    clock.tick(60);
    expect(listGets()).to.have.length(0);
    setVisibility('visible');
    // No timer is moved here: the poll can only come from becoming visible.
    await until(() => listGets().length === 1 && clock.pending().length === 1, 20_000, 'a poll right after becoming visible');
    await nextPoll(clock, count);
    expect(listGets().length).to.be.at.least(2);
    setVisibility('hidden');
    clock.tick(30); // a poll already planned finds the tab hidden and does not run
    expect(clock.pending()).to.deep.equal([]);
    const n = listGets().length;
    clock.tick(60);
    expect(listGets().length).to.equal(n);
  });

  it('polls at once when the browser comes online', async () => {
    const clock = installClock();
    const { client, listGets } = setup({ minMs: 60_000, maxMs: 60_000 });
    stops.push(client.watchThreads(undefined, () => {}));
    await until(() => listGets().length === 1 && clock.pending().length === 1);
    window.dispatchEvent(new Event('online'));
    // The clock stands still: the second poll can only come from `online`.
    await until(() => listGets().length === 2, 20_000, 'a poll on online');
  });

  it('a sent message makes the pollers look at once', async () => {
    const clock = installClock();
    const { client, listGets, server } = setup({ minMs: 60_000, maxMs: 60_000 });
    const pages: ThreadPage[] = [];
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    stops.push(client.watchThread('me', 't1', () => {}));
    await until(() => listGets().length === 1 && server.calls('GET', '/threads/t1').length === 1);
    client.queueMessage({ kind: 'reply', subjectId: 'me', threadId: 't1', text: 'Takk' });
    // The clock stands still: these polls can only come from the send.
    await until(() => listGets().length === 2 && server.calls('GET', '/threads/t1').length === 2, 20_000, 'polls after the send');
    expect(pages.at(-1)!.items[0]!.lastMessage?.excerpt).to.equal('Takk');
  });

  it('does not poll while signed out; stops on sign-out and resumes on sign-in', async () => {
    const clock = installClock();
    const server = messageServer();
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: false, persist: false });
    const client = createClient({ baseUrl: BASE, poll: { minMs: 10, maxMs: 10 }, auth, fetch: server.fetch });
    const rec = record(client);
    const pages: ThreadPage[] = [];
    const count = () => server.requests.length;
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    clock.tick(40);
    expect(server.requests).to.have.length(0);
    await auth.signIn();
    await until(() => pages.length === 1 && clock.pending().length === 1);
    while (count() < 3) await nextPoll(clock, count);
    await client.signOut();
    expect(rec.types()).to.include('cleared');
    expect(client.unreadCount()).to.equal(undefined);
    expect(clock.pending()).to.deep.equal([]);
    const n = server.requests.length;
    clock.tick(50);
    expect(server.requests.length).to.equal(n);
    await auth.signIn();
    // The store was wiped, so the first poll after sign-in is a full read again.
    await until(() => pages.length === 2);
    expect(server.requests.at(-1)!.headers.get('if-none-match')).to.equal(null);
  });

  it('keeps polling with a longer wait after a failed poll', async () => {
    const clock = installClock();
    const { client, server, listGets } = setup({ minMs: 10, maxMs: 40 });
    server.fail('network', 503, 'network');
    const pages: ThreadPage[] = [];
    const count = () => listGets().length;
    stops.push(client.watchThreads(undefined, (p) => pages.push(p)));
    await until(() => count() === 1 && clock.pending().length === 1, 20_000, 'the first (failed) poll');
    const waits = [clock.pending()[0]];
    while (count() < 4) {
      await nextPoll(clock, count);
      waits.push(clock.pending()[0]);
    }
    // Each failure counts as "nothing new": 10, 20, 40 ms; the answer that follows resets to 10.
    expect(waits).to.deep.equal([10, 20, 40, 10]);
    await until(() => pages.length === 1, 20_000, 'a page after three failures');
    expect(listGets().length).to.equal(4);
  });
});
