/** The test kit itself: a client of an earlier test cannot change a later test's mock data. */
import { expect } from '@open-wc/testing';
import { threadIds } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { messageClient, scenario } from './messages.js';

describe('test kit: requests of an earlier test', () => {
  // The two tests run in order: the first keeps its client for the second to use too late.
  let earlier: Client | undefined;

  it('reach the mock API during their own test', async () => {
    await scenario('default');
    earlier = messageClient('ola');
    expect((await earlier.getThread('me', threadIds.olaUnreadReply)).unreadCount).to.be.greaterThan(0);
  });

  it('are refused in a later test, which keeps its fresh data', async () => {
    await scenario('default');
    const unread = async () => (await messageClient('ola').listThreads({ subjectId: 'me' })).unreadCount;
    const before = await unread();
    const late = await earlier!.markThreadSeen('me', threadIds.olaUnreadReply, 'msg-ola-hsp-2').then(
      () => 'marked seen',
      (err: { kind?: string }) => err.kind,
    );
    expect(late).to.equal('network');
    expect(await unread()).to.equal(before);
  });
});
