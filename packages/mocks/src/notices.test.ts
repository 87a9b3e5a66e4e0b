/** The mocks' notices: what the contract suite cannot see, the queue events fill. */
import { expect } from '@open-wc/testing';
import { isVisitTomorrow, noticeText, problemTypes } from '@omsorg/contract';
import { appointmentIds, noticeSender, subjectIds, threadIds } from '@omsorg/fixtures';
import { call, expectProblem, NOW, useMocks } from './test/worker.js';

const prefs = `/v1/subjects/${subjectIds.ola}/notice-preferences`;
let n = 0;
const choose = (body: unknown, version = '0') =>
  call(prefs, { method: 'PUT', body, headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': `notices-mock-${++n}` } });

describe('mocks: notices', () => {
  it('queues one notice per chosen channel when staff write, in the chosen language, masked', async () => {
    const { api } = await useMocks();
    const before = await call(prefs);
    expect(before.body).to.deep.include({ channels: [], events: [], language: 'nb' });
    api.db.staffReply(threadIds.olaUnreadReply, 'Før valget: ingen varsel.');
    expect(api.db.noticeQueue, 'nothing chosen, nothing queued').to.deep.equal([]);
    const chosen = await choose({ channels: ['sms', 'email'], events: ['message-new'], language: 'en' });
    expect(chosen.status).to.equal(200);
    api.db.staffReply(threadIds.olaUnreadReply, 'Svar fra hjemmesykepleien om medisinene dine.');
    const queued = api.db.noticeQueue.map((q) => [q.subjectId, q.event, q.channel, q.to, q.text]);
    const { text } = noticeText('message-new', 'en', noticeSender, { threadId: threadIds.olaUnreadReply });
    expect(text).to.include(`?omsorg-thread=${threadIds.olaUnreadReply}`);
    expect(queued).to.deep.equal([
      [subjectIds.ola, 'message-new', 'sms', '*** ** 867', text],
      [subjectIds.ola, 'message-new', 'email', 'o***@example.no', text],
    ]);
    expect(JSON.stringify(api.db.noticeQueue), 'no word of the message').not.to.include('medisin');
  });

  it('queues cancellation-answered when a final cancellation is confirmed, only if chosen', async () => {
    const { api } = await useMocks();
    await choose({ channels: ['email'], events: ['cancellation-answered'], language: 'nb' });
    const a = (await call(`/v1/subjects/${subjectIds.ola}/appointments/${appointmentIds.olaCancellable}`)).body;
    const cancelled = await call(`/v1/subjects/${subjectIds.ola}/appointments/${a.id}/cancellation`, {
      method: 'POST',
      body: { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' } },
      headers: { 'If-Match': `"${a.version}"`, 'Idempotency-Key': 'notices-mock-cancel' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(api.db.noticeQueue.map((q) => [q.event, q.channel, q.subject])).to.deep.equal([['cancellation-answered', 'email', noticeText('cancellation-answered', 'nb', noticeSender).subject]]);
  });

  it('answers a cancellation request as the staff page does: the list shows it (a new ETag), the notice is queued', async () => {
    const { api } = await useMocks();
    await choose({ channels: ['email'], events: ['cancellation-answered'], language: 'nb' });
    const list = `/v1/subjects/${subjectIds.ola}/appointments?when=upcoming&limit=100`;
    const before = await call(list);
    const tag = before.headers.get('etag')!;
    expect((await call(list, { headers: { 'If-None-Match': tag } })).status, 'nothing changed: 304').to.equal(304);
    expect(() => api.db.answerCancellation(subjectIds.ola, appointmentIds.olaCancellationRequested, { accept: false, note: ' ' })).to.throw(/note-required/);
    expect(() => api.db.answerCancellation(subjectIds.ola, appointmentIds.olaCancellable, { accept: true })).to.throw(/not-requested/);
    expect(api.db.noticeQueue).to.deep.equal([]);
    api.db.answerCancellation(subjectIds.ola, appointmentIds.olaCancellationRequested, { accept: false, note: 'Vi har helsesjekk den dagen.' });
    const after = await call(list, { headers: { 'If-None-Match': tag } });
    expect(after.status, 'changed: the page again').to.equal(200);
    const answered = after.body.items.find((a: { id: string }) => a.id === appointmentIds.olaCancellationRequested);
    expect(answered.status).to.equal('cancellation-rejected');
    expect(answered.cancellation.rejectionNote).to.equal('Vi har helsesjekk den dagen.');
    expect(answered.cancellationPolicy.cancellable, 'the person may ask again').to.equal(true);
    expect(api.db.noticeQueue.map((q) => q.event)).to.deep.equal(['cancellation-answered']);
  });

  it('reminds of each visit tomorrow once, however often reminders are queued', async () => {
    const { api } = await useMocks();
    await choose({ channels: ['sms'], events: ['visit-reminder'], language: 'nn' });
    const tomorrow = [...api.db.subjects.get(subjectIds.ola)!.appointments.values()].filter((a) => isVisitTomorrow(new Date(a.start), a.status, NOW));
    expect(tomorrow.length).to.be.greaterThan(0);
    const first = api.db.queueVisitReminders(NOW);
    expect(first.map((q) => [q.event, q.language])).to.deep.equal(tomorrow.map(() => ['visit-reminder', 'nn']));
    expect(api.db.queueVisitReminders(NOW)).to.deep.equal([]);
    expect(api.db.noticeQueue).to.have.length(tomorrow.length);
  });

  it('refuses a relative (403) and revalidates with If-None-Match (304)', async () => {
    await useMocks();
    expectProblem(await call(prefs, { person: 'kari' }), 403, problemTypes.forbidden);
    const first = await call(prefs);
    const again = await call(prefs, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).to.equal(304);
    expect(again.headers.get('etag')).to.equal('"0"');
  });
});
