/**
 * The host page's unread badge through the one-script-tag bundle: `data-watch-unread` on the
 * script tag, `omsorg-unread-changed` on document, and `getClient()` from the bundle.
 */
import { expect } from '@open-wc/testing';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { API, until, useScenario } from '../test/setup.js';
import type { UnreadChangedEvent } from '../internal/events.js';

describe('cdn: data-watch-unread', () => {
  it('after sign-in, dispatches omsorg-unread-changed on document and getClient() knows the count', async () => {
    await useScenario('default');
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
    const expected = (await createClient({ baseUrl: API, auth }).listThreads({ subjectId: 'me' })).unreadCount;
    expect(expected).to.be.greaterThan(0);

    // The tag the bundle reads its settings from (text/plain: not run, only read).
    const script = document.createElement('script');
    script.type = 'text/plain';
    Object.assign(script.dataset, { omsorg: '', api: API, auth: 'mock', mockUser: 'ola', mockName: 'Ola Nordmann', watchUnread: '' });
    document.head.append(script);
    sessionStorage.clear();
    const events: Array<{ subjectId: string; count: number }> = [];
    document.addEventListener('omsorg-unread-changed', (e: UnreadChangedEvent) => events.push(e.detail));

    const cdn = await import('../cdn.js');
    await cdn.ready;
    const client = cdn.getClient()!;
    expect(client).to.exist;
    await client.auth.init();
    expect(client.auth.state().status).to.equal('signed-out');
    // Signed out, no poller runs (and none is planned): one task later nothing has been told.
    await new Promise((r) => setTimeout(r, 0));
    expect(events, 'nothing is polled before sign-in').to.deep.equal([]);

    await client.auth.signIn();
    await until(() => events.length > 0, 'the unread count on document');
    expect(events[0]).to.deep.equal({ subjectId: 'me', count: expected });
    expect(client.unreadCount()).to.equal(expected);
    await client.signOut();
  });
});
