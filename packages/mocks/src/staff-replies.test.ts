/** The staff side of the mock messages API: staffReply, closing threads, the automatic answer. */
import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { subjectIds, threadIds, tinyPdf } from '@omsorg/fixtures';
import { heldTimers } from './timers.js';
import { download, expectProblem, reply, thread, threads } from './test/messages-api.js';
import { NOW, useMocks } from './test/worker.js';

describe('messages: staff replies without reload', () => {
  it('staffReply adds a staff message that raises the unread count and changes the ETags', async () => {
    const mock = await useMocks();
    const before = await threads();
    const m = mock.api.db.staffReply(threadIds.olaByKari, 'Takk, vi har notert koden.', { attachments: [{ filename: 'Kvittering.pdf', contentType: 'application/pdf', bytes: tinyPdf('K') }] });
    expect(m.sentAt).to.equal('2025-06-11T10:00:00+02:00');
    const after = await threads();
    expect(after.body.unreadCount).to.equal(before.body.unreadCount + 1);
    expect(after.headers.get('etag')).to.not.equal(before.headers.get('etag'));
    const t = (await thread(threadIds.olaByKari)).body;
    expect(t.messages.at(-1)).to.deep.include({ text: 'Takk, vi har notert koden.', unread: true });
    expect(t.messages.at(-1).sender.name).to.equal('Trygghetsalarmtjenesten');
    expect((await download(t.messages.at(-1).attachments[0].id)).status).to.equal(200);
    const started = mock.api.db.staffStartThread(subjectIds.ola, 'vedtak-ola-hsp', 'Ny primærkontakt', 'Fra mandag er Nora din primærkontakt.');
    expect((await thread(started.id)).body).to.include({ startedBy: 'staff', unreadCount: 1 });
    expect(() => mock.api.db.staffReply('thr-nothing', 'x')).to.throw();
  });

  it('setThreadStatus closes a thread: replies are 409, and the closing counts as its latest activity', async () => {
    let t = NOW;
    const mock = await useMocks({ now: () => t });
    t = new Date(NOW.getTime() + 60_000);
    mock.api.db.setThreadStatus(threadIds.olaUnreadReply, 'closed');
    const closed = (await thread(threadIds.olaUnreadReply)).body;
    expect(closed).to.include({ status: 'closed', lastActivityAt: '2025-06-11T10:01:00+02:00' });
    expect((await threads()).body.items[0].id).to.equal(threadIds.olaUnreadReply);
    expectProblem(await reply(threadIds.olaUnreadReply, { text: 'Hei' }), 409, problemTypes.threadClosed);
    mock.api.db.setThreadStatus(threadIds.olaUnreadReply, 'open');
    expect((await reply(threadIds.olaUnreadReply, { text: 'Hei' })).status).to.equal(201);
  });

  it('answers automatically after autoReplyMs, and not at all by default', async () => {
    // The test ends the 30 ms itself: the answer cannot land before the first read.
    const timers = heldTimers();
    await useMocks({ autoReplyMs: 30, wait: timers.wait });
    await reply(threadIds.olaUnreadReply, { text: 'Hallo?' });
    const count = async () => (await thread(threadIds.olaUnreadReply)).body.messages.length;
    expect(timers.pending).to.deep.equal([30]);
    expect(await count()).to.equal(3);
    expect(timers.release(30)).to.equal(1);
    expect(await count()).to.equal(4);
    expect((await thread(threadIds.olaUnreadReply)).body.messages.at(-1).sender.role).to.equal('staff');
    const off = heldTimers();
    await useMocks({ wait: off.wait });
    await reply(threadIds.olaUnreadReply, { text: 'Hallo?' });
    expect(off.pending).to.deep.equal([]);
    expect(await count()).to.equal(3);
  });

  it('does not answer automatically in a thread closed before the auto-reply is due', async () => {
    const timers = heldTimers();
    const mock = await useMocks({ autoReplyMs: 30, wait: timers.wait });
    await reply(threadIds.olaUnreadReply, { text: 'Hallo?' });
    mock.api.db.setThreadStatus(threadIds.olaUnreadReply, 'closed');
    timers.release();
    expect((await thread(threadIds.olaUnreadReply)).body.messages).to.have.length(3);
  });
});
