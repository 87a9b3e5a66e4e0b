// @ts-check
/**
 * Notices in the sandbox: the preferences over HTTP (the person themselves only, the refusals in
 * the contract's order, the masked register), and the queue each event fills: a staff message
 * (a reply, a new thread), an answered cancellation (at once for a final one, later for a
 * request), a moved visit, each once per chosen channel, in the person's language, handed to the
 * development gateway once committed.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { noticeText } from '@omsorg/contract';
import { appointmentIds, noticeSender, threadIds } from '@omsorg/fixtures';
import { NOW, SUBJECTS, assertProblem, startTestApi } from './api-helpers.js';
import { staffReply, staffStartThread } from '../test-support/staff.js';
import { moveAppointment } from '../src/notices/dev-ops.js';
import { AnswerError, answerCancellation } from '../src/care/answer.js';

/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let t;
before(async () => {
  t = await startTestApi();
});
after(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reseed();
});

const PATH = '/v1/subjects/me/notice-preferences';
/**
 * @param {unknown} body
 * @param {{ person?: string, ifMatch?: string | null, key?: string | null, subject?: string }} [o]
 */
const put = (body, { person = 'ola', ifMatch = '"0"', key, subject = 'me' } = {}) =>
  t.call(`/v1/subjects/${subject}/notice-preferences`, {
    method: 'PUT',
    person,
    body,
    headers: { ...(ifMatch === null ? {} : { 'If-Match': ifMatch }), ...(key === null ? {} : { 'Idempotency-Key': key ?? t.newKey() }) },
  });

/** The queue as rows, oldest first. */
const queue = async () =>
  (await t.db.query('SELECT subject_id, event, channel, address, masked_address, subject_line, text, language, status FROM notice_queue ORDER BY id')).rows;

describe('sandbox: notice preferences', () => {
  it('answers the default with the masked register and the previews; revalidates with 304', async () => {
    const r = await t.call(PATH);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"0"');
    assert.deepEqual({ channels: r.body.channels, events: r.body.events, language: r.body.language }, { channels: [], events: [], language: 'nb' });
    assert.deepEqual(r.body.contact, { phone: '*** ** 867', email: 'o***@example.no', reserved: false });
    assert.doesNotMatch(r.text, /900 12|nordmann@/);
    assert.deepEqual(r.body.previews[0], { event: 'message-new', ...noticeText('message-new', 'nb', noticeSender) });
    const again = await t.call(PATH, { headers: { 'If-None-Match': '"0"' } });
    assert.equal(again.status, 304);
    assert.equal((await t.call(PATH, { person: 'test' })).body.contact.phone, null, 'a person the register does not know');
  });

  it('refuses in the contract order: relative 403, If-Match 428, key 400, body 400, stale 412, channel 422', async () => {
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/notice-preferences`, { person: 'kari' }), 403, 'forbidden');
    assertProblem(await put({}, { person: 'kari', subject: SUBJECTS.ola, ifMatch: null, key: null }), 403, 'forbidden');
    assertProblem(await put({ channels: 'x' }, { ifMatch: null, key: null }), 428, 'precondition-required');
    assertProblem(await put({ channels: 'x' }, { key: null }), 400, 'idempotency-key-missing');
    const repeated = await put({ channels: ['email', 'email'], events: [], language: 'nb' }, { ifMatch: '"9"' });
    assertProblem(repeated, 400, 'validation');
    assert.deepEqual(repeated.body.errors, [{ pointer: '/channels/1', code: 'invalid' }]);
    assertProblem(await put({ channels: ['sms'], events: [], language: 'nb' }, { ifMatch: '"9"', person: 'kari' }), 412, 'precondition-failed');
    const sms = await put({ channels: ['email', 'sms'], events: ['message-new'], language: 'nb' }, { person: 'kari' });
    assertProblem(sms, 422, 'notice-channel-unavailable');
    assert.deepEqual(sms.body.errors, [{ pointer: '/channels/1', code: 'invalid' }]);
    const reserved = await put({ channels: ['email'], events: [], language: 'nb' }, { person: 'per' });
    assertProblem(reserved, 422, 'notice-channel-unavailable');
    assert.equal((await put({ channels: [], events: ['message-new'], language: 'en' }, { person: 'per' })).status, 200, 'notices off is allowed while reserved');
  });

  it('stores a change as the next version, replays a repeat and refuses the key for another body', async () => {
    const key = t.newKey();
    const body = { channels: ['email', 'sms'], events: ['visit-reminder', 'message-new'], language: 'nn' };
    const first = await put(body, { key });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('etag'), '"1"');
    assert.deepEqual([first.body.channels, first.body.events], [['sms', 'email'], ['message-new', 'visit-reminder']]);
    assert.equal(first.body.previews[3].subject, noticeText('visit-reminder', 'nn', noticeSender).subject);
    const replay = await put(body, { key });
    assert.deepEqual([replay.status, replay.body, replay.headers.get('etag')], [200, first.body, '"1"']);
    assertProblem(await put({ ...body, language: 'en' }, { key }), 422, 'idempotency-key-reused');
    const same = await put(body, { ifMatch: '"1"' });
    assert.equal(same.body.version, '1', 'the choice that holds already makes no new version');
    assert.deepEqual((await t.call(PATH)).body, first.body);
    const log = await t.db.query("SELECT action, outcome, status FROM access_log WHERE resource = 'notice-preferences' AND actor_person_id = 'psn-ola-7f3a' ORDER BY id");
    assert.ok(log.rows.some((r) => r.action === 'update' && r.outcome === 'replayed'), 'the replay is logged as one');
  });
});

describe('sandbox: notices queued by events', () => {
  it('a staff reply and a new thread queue message-new per chosen channel, in the language, masked for pages', async () => {
    await staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: threadIds.olaUnreadReply, text: 'Før valget.', now: NOW });
    assert.deepEqual(await queue(), [], 'nothing chosen, nothing queued');
    assert.equal((await put({ channels: ['sms', 'email'], events: ['message-new'], language: 'en' })).status, 200);
    await staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: threadIds.olaUnreadReply, text: 'Om insulinen din.', now: NOW });
    // The notice links to the thread by its opaque id (the inbox opens it after sign-in).
    const { subject, text } = noticeText('message-new', 'en', noticeSender, { threadId: threadIds.olaUnreadReply });
    assert.ok(text.includes(`?omsorg-thread=${threadIds.olaUnreadReply}`), text);
    const expected = (/** @type {string} */ channel, /** @type {string} */ address, /** @type {string} */ masked) => ({
      subject_id: SUBJECTS.ola, event: 'message-new', channel, address, masked_address: masked, subject_line: subject, text, language: 'en', status: 'would-have-been-sent',
    });
    assert.deepEqual(await queue(), [expected('sms', '+47 900 12 867', '*** ** 867'), expected('email', 'ola.nordmann@example.no', 'o***@example.no')]);
    await staffStartThread(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, grantedServiceId: 'vedtak-ola-hsp', title: 'Nytt', text: 'Hei', now: NOW });
    assert.equal((await queue()).length, 4);
    assert.doesNotMatch(JSON.stringify(await queue()), /insulin|Hjemmesykepleien/i, 'no word of the message or the service');
  });

  it('a final cancellation, a confirmed and a turned-down request queue cancellation-answered; a moved visit appointment-changed', async () => {
    assert.equal((await put({ channels: ['email'], events: ['cancellation-answered', 'appointment-changed'], language: 'nb' })).status, 200);
    assert.equal((await t.cancel(appointmentIds.olaCancellable)).status, 200);
    await answerCancellation(t.db, { subjectId: SUBJECTS.ola, appointmentId: appointmentIds.olaCancellationRequested, accept: false, note: 'Vi må komme.', now: NOW });
    const turnedDown = await t.call(`/v1/subjects/me/appointments/${appointmentIds.olaCancellationRequested}`);
    assert.equal(turnedDown.body.status, 'cancellation-rejected');
    assert.equal(turnedDown.body.cancellation.rejectionNote, 'Vi må komme.');
    await assert.rejects(answerCancellation(t.db, { subjectId: SUBJECTS.ola, appointmentId: appointmentIds.olaCancellationRequested, accept: true, now: NOW }), AnswerError);
    const before = (await t.call(`/v1/subjects/me/appointments/${appointmentIds.olaRequestMode}`)).body;
    await moveAppointment(t.db, { subjectId: SUBJECTS.ola, appointmentId: appointmentIds.olaRequestMode, minutes: 60, now: NOW });
    const moved = (await t.call(`/v1/subjects/me/appointments/${appointmentIds.olaRequestMode}`)).body;
    assert.equal(Date.parse(moved.start) - Date.parse(before.start), 3_600_000);
    assert.notEqual(moved.version, before.version, 'If-Match on the old version fails');
    assert.deepEqual((await queue()).map((r) => [r.event, r.channel, r.subject_line]), [
      ['cancellation-answered', 'email', noticeText('cancellation-answered', 'nb', noticeSender).subject],
      ['cancellation-answered', 'email', noticeText('cancellation-answered', 'nb', noticeSender).subject],
      ['appointment-changed', 'email', noticeText('appointment-changed', 'nb', noticeSender).subject],
    ]);
  });

  it('queues nothing for an event not chosen, for no channel, and for a relative\'s own choice on the person\'s events', async () => {
    assert.equal((await put({ channels: [], events: ['message-new'], language: 'nb' })).status, 200);
    assert.equal((await put({ channels: ['email'], events: ['message-new', 'cancellation-answered'], language: 'nb' }, { person: 'kari', ifMatch: '"0"' })).status, 200);
    await staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: threadIds.olaUnreadReply, text: 'Hei', now: NOW });
    assert.equal((await t.cancel(appointmentIds.olaCancellable, { person: 'kari', subject: SUBJECTS.ola })).status, 200);
    assert.deepEqual(await queue(), [], 'Ola chose no channel; Kari\'s choice is for her own data');
  });
});
