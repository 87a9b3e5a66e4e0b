/**
 * The loader (cdn.ts) with `data-watch-unread` and an `<omsorg-inbox>` on the same page: both
 * announce the unread count, and a host's `document` listener must hear each change once.
 */
import { expect } from '@open-wc/testing';
import { API, until, useScenario } from './test/setup.js';
import type { UnreadChangedEvent } from './internal/events.js';
import './inbox/define.js';

/**
 * The loader decides at the end of the task that brought a change (a zero-delay timer queued
 * then); a zero-delay timer queued after it runs after it (timers of equal delay run in the
 * order they were set), so this is an explicit point, not a race.
 */
const afterLoaderTurn = () => new Promise((r) => setTimeout(r, 0));

describe('cdn: omsorg-unread-changed on document', () => {
  it('reaches a document listener once per change, with an inbox on the page and data-watch-unread', async () => {
    await useScenario('default');
    const script = document.createElement('script');
    script.type = 'text/plain';
    Object.assign(script.dataset, { omsorg: '', api: API, auth: 'mock', mockUser: 'ola', mockName: 'Ola Nordmann', watchUnread: '' });
    document.head.append(script);
    sessionStorage.clear();
    const events: Array<{ subjectId: string; count: number }> = [];
    document.addEventListener('omsorg-unread-changed', (e: UnreadChangedEvent) => events.push(e.detail));
    const inbox = document.createElement('omsorg-inbox');
    document.body.append(inbox);

    const cdn = await import('./cdn.js');
    const client = (await cdn.ready)!;
    expect(client).to.equal(cdn.getClient());
    await client.auth.signIn();
    await until(() => inbox.unreadCount !== undefined && events.length > 0, 'the inbox loaded and the count announced');
    await afterLoaderTurn();
    const first = client.unreadCount('me');
    expect(first).to.be.greaterThan(0);
    expect(events, 'the first count, once').to.deep.equal([{ subjectId: 'me', count: first }]);

    // A change: one unread thread read to its end.
    const page = await client.listThreads({ subjectId: 'me' });
    const unread = page.items.find((t) => t.unreadCount > 0)!;
    const thread = await client.getThread('me', unread.id);
    await client.markThreadSeen('me', unread.id, thread.messages[thread.messages.length - 1]!.id);
    await until(() => events.length > 1, 'the change announced');
    await afterLoaderTurn();
    const second = client.unreadCount('me');
    expect(second).to.be.lessThan(first!);
    expect(events, 'each change once').to.deep.equal([
      { subjectId: 'me', count: first },
      { subjectId: 'me', count: second },
    ]);
    await client.signOut();
    inbox.remove();
    script.remove();
  });
});

describe('cdn: the autoloader', () => {
  it('defines an element whose tag appears in an open shadow root the page adds after the loader ran', async () => {
    const cdn = await import('./cdn.js');
    await cdn.ready;
    expect(customElements.get('omsorg-service-list'), 'not loaded before its tag appears').to.equal(undefined);
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('section');
    root.append(inner);
    inner.append(document.createElement('omsorg-service-list'));
    await customElements.whenDefined('omsorg-service-list');
    expect(root.querySelector('omsorg-service-list')!.shadowRoot, 'upgraded').to.exist;
    host.remove();
  });

  it('defines an element whose tag appears in the document later', async () => {
    const cdn = await import('./cdn.js');
    await cdn.ready;
    expect(customElements.get('omsorg-login'), 'not loaded before its tag appears').to.equal(undefined);
    const login = document.createElement('omsorg-login');
    document.body.append(login);
    await customElements.whenDefined('omsorg-login');
    expect(login.shadowRoot, 'upgraded').to.exist;
    login.remove();
  });
});
