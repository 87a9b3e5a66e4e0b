// @ts-check
/**
 * Secure messages: recipients, threads, replies, read state and unread counts per signed-in
 * person, polling with ETags, drafts with If-Match, and the text rules. Attachments and
 * authorization have their own files (messages-attachments, messages-access).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOW, SUBJECTS, assertProblem } from './api-helpers.js';
import { staffReply } from '../test-support/staff.js';
import { useMessages } from './messages-helpers.js';

const m = useMessages();

const OLA_THREADS = `/v1/subjects/${SUBJECTS.ola}/threads`;

describe('recipients', () => {
  it('lists one recipient per active or planned granted service, with the reply policy', async () => {
    const ola = await m.t.call('/v1/subjects/me/message-recipients');
    assert.equal(ola.status, 200, ola.text);
    assert.deepEqual(
      ola.body.items.map((/** @type {any} */ r) => r.grantedServiceId),
      ['vedtak-ola-hsp', 'vedtak-ola-prakt', 'vedtak-ola-alarm', 'vedtak-ola-dagsenter'],
      'the ended meals service is not a recipient',
    );
    assert.deepEqual(ola.body.items[0].replyPolicy, {
      expectedReplyWorkingDays: 2,
      notice: 'Vi leser meldinger på hverdager kl. 08–15. Haster det, ring oss på 21 00 00 15.',
    });
    assert.equal(ola.body.items[0].careService.id, 'cs-hjemmesykepleie-nord');
    const emma = await m.t.call(`/v1/subjects/${SUBJECTS.emma}/message-recipients`, { person: 'per' });
    assert.deepEqual(
      emma.body.items.map((/** @type {any} */ r) => r.grantedServiceId),
      ['vedtak-emma-regnbuen', 'vedtak-emma-avlastning', 'vedtak-emma-stottekontakt'],
      'a planned service is a recipient',
    );
  });
});

describe('threads and unread counts', () => {
  it('lists the subject\'s threads, latest activity first, with unread counts per signed-in person', async () => {
    const ola = await m.t.call('/v1/subjects/me/threads');
    assert.equal(ola.status, 200, ola.text);
    assert.deepEqual(
      ola.body.items.map((/** @type {any} */ x) => [x.id, x.status, x.unreadCount, x.startedBy]),
      [
        ['thr-dx1k8s', 'open', 1, 'staff'],
        ['thr-nb3t6r', 'open', 0, 'relative'],
        ['thr-qc7m4w', 'open', 1, 'citizen'],
        ['thr-hw9p2e', 'closed', 0, 'citizen'],
      ],
    );
    assert.equal(ola.body.unreadCount, 2);
    assert.equal(ola.body.nextCursor, null);
    // Kari reads the same threads with her own read pointers.
    const kari = await m.t.call(OLA_THREADS, { person: 'kari' });
    assert.deepEqual(kari.body.items.map((/** @type {any} */ x) => x.unreadCount), [1, 0, 2, 0]);
    assert.equal(kari.body.unreadCount, 3);
    assert.notEqual(kari.headers.get('etag'), ola.headers.get('etag'), 'the list ETag includes the caller\'s unread state');
    const medicines = ola.body.items[2];
    assert.equal(medicines.lastMessage.sender.role, 'staff');
    assert.equal(medicines.lastMessage.sender.name, 'Ingrid Berg');
    assert.match(medicines.lastMessage.excerpt, /^Hei Ola\./);
    assert.equal(medicines.messageCount, 2);
    assert.match(medicines.lastActivityAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    // Who has seen the last message, its writer left out, in the order they saw it.
    assert.deepEqual(medicines.seenSinceLastUpdate, []);
    const key = ola.body.items[1];
    assert.deepEqual(key.seenSinceLastUpdate.map((/** @type {any} */ s) => [s.role, s.name, s.isCurrentUser]), [['staff', 'Tor Aune', false], ['citizen', 'Ola Nordmann', true]]);
    const emma = await m.t.call(`/v1/subjects/${SUBJECTS.emma}/threads`, { person: 'per' });
    assert.deepEqual(emma.body.items.map((/** @type {any} */ x) => x.id), ['thr-vr5j9a']);
    assert.equal(emma.body.unreadCount, 1);
    assert.deepEqual((await m.t.call('/v1/subjects/me/threads', { person: 'test' })).body, { items: [], nextCursor: null, unreadCount: 0 });
  });

  it('pages with an opaque cursor and refuses a bad limit or cursor', async () => {
    /** @type {string[]} */
    const seen = [];
    let url = `${OLA_THREADS}?limit=1`;
    for (let i = 0; i < 5; i++) {
      const r = await m.t.call(url);
      assert.equal(r.status, 200, r.text);
      seen.push(...r.body.items.map((/** @type {any} */ x) => x.id));
      if (!r.body.nextCursor) break;
      url = `${OLA_THREADS}?limit=1&cursor=${r.body.nextCursor}`;
    }
    assert.deepEqual(seen, ['thr-dx1k8s', 'thr-nb3t6r', 'thr-qc7m4w', 'thr-hw9p2e']);
    for (const q of ['limit=0', 'limit=501', 'limit=x', 'cursor=%25%25', 'cursor=WyJ1cGNvbWluZyIsMCwiYSJd']) {
      assertProblem(await m.t.call(`${OLA_THREADS}?${q}`), 400, 'validation');
    }
  });

  it('shows one thread with its messages oldest first: roles, on behalf of, own messages, unread', async () => {
    const asKari = await m.t.call(`${OLA_THREADS}/thr-qc7m4w`, { person: 'kari' });
    assert.equal(asKari.status, 200, asKari.text);
    assert.equal(asKari.headers.get('etag'), `"${asKari.body.version}"`);
    assert.deepEqual(
      asKari.body.messages.map((/** @type {any} */ x) => [x.id, x.sender.role, x.sender.onBehalfOf ?? null, x.sender.isCurrentUser, x.unread]),
      [
        ['msg-ola-hsp-1', 'citizen', null, false, true],
        ['msg-ola-hsp-2', 'staff', null, false, true],
      ],
    );
    const kariWrote = await m.t.call(`${OLA_THREADS}/thr-nb3t6r`, { person: 'kari' });
    assert.deepEqual(
      kariWrote.body.messages.map((/** @type {any} */ x) => [x.id, x.sender.role, x.sender.onBehalfOf ?? null, x.sender.isCurrentUser, x.unread]),
      [['msg-ola-alarm-1', 'relative', 'Ola Nordmann', true, false]],
    );
    const asOla = await m.t.call('/v1/subjects/me/threads/thr-qc7m4w');
    assert.deepEqual(asOla.body.messages.map((/** @type {any} */ x) => [x.sender.isCurrentUser, x.unread]), [[true, false], [false, true]], "his own question, the nurse's unread answer");
    assertProblem(await m.t.call('/v1/subjects/me/threads/thr-vr5j9a'), 404, 'not-found');
    assertProblem(await m.t.call('/v1/subjects/me/threads/thr-nope'), 404, 'not-found');
  });

  it('marks read per person; seenSinceLastUpdate lists who saw the thread since its last message', async () => {
    const r = await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: { upToMessageId: 'msg-ola-hsp-2' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { threadId: 'thr-qc7m4w', unreadCount: 0, totalUnreadCount: 1 });
    // Idempotent, and never backwards.
    const again = await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: { upToMessageId: 'msg-ola-hsp-1' } });
    assert.deepEqual(again.body, r.body);
    // Kari's pointer did not move.
    assert.equal((await m.t.call(OLA_THREADS, { person: 'kari' })).body.unreadCount, 3);
    const thread = await m.t.call(`${OLA_THREADS}/thr-qc7m4w`, { person: 'kari' });
    assert.deepEqual(
      thread.body.seenSinceLastUpdate.map((/** @type {any} */ s) => [s.role, s.name, s.isCurrentUser]),
      [['citizen', 'Ola Nordmann', false]],
      'the nurse wrote the last message: she is not listed',
    );
    // A reply resets it: only the writer has seen the new last message, and the writer is not listed.
    const sent = await m.send('thr-qc7m4w', { text: 'Takk!' }, { person: 'kari', subject: SUBJECTS.ola });
    assert.equal(sent.status, 201, sent.text);
    const afterReply = await m.t.call(`${OLA_THREADS}/thr-qc7m4w`, { person: 'kari' });
    assert.deepEqual(afterReply.body.seenSinceLastUpdate, []);
    const olaSees = await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: { upToMessageId: sent.body.id } });
    assert.equal(olaSees.status, 200, olaSees.text);
    const afterSeen = await m.t.call(`${OLA_THREADS}/thr-qc7m4w`, { person: 'kari' });
    assert.deepEqual(afterSeen.body.seenSinceLastUpdate.map((/** @type {any} */ s) => [s.role, s.isCurrentUser]), [['citizen', false]]);
    assert.equal(afterReply.body.unreadCount, 0, 'one\'s own message is never unread');
    assertProblem(await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: { upToMessageId: 'msg-ola-dagsenter-1' } }), 400, 'validation');
    assertProblem(await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: {} }), 400, 'validation');
    assertProblem(await m.t.call('/v1/subjects/me/threads/thr-nope/seen', { method: 'PUT', body: { upToMessageId: 'msg-ola-hsp-2' } }), 404, 'not-found');
  });
});

describe('polling with ETags', () => {
  it('logs the 200 of a thread list and a thread, not the 304 of a poll (docs/architecture.md)', async () => {
    /** @param {string} resource @param {number} status */
    const rows = async (resource, status) =>
      Number((await m.t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE resource = $1 AND status = $2`, [resource, status])).rows[0].n);
    const before = { list: await rows('threads', 200), thread: await rows('thread', 200) };
    const first = await m.t.call(OLA_THREADS);
    const thread = await m.t.call(`${OLA_THREADS}/thr-dx1k8s`);
    assert.equal(await rows('threads', 200), before.list + 1);
    assert.equal(await rows('thread', 200), before.thread + 1);
    for (let i = 0; i < 3; i++) {
      assert.equal((await m.t.call(OLA_THREADS, { headers: { 'If-None-Match': /** @type {string} */ (first.headers.get('etag')) } })).status, 304);
      assert.equal((await m.t.call(`${OLA_THREADS}/thr-dx1k8s`, { headers: { 'If-None-Match': /** @type {string} */ (thread.headers.get('etag')) } })).status, 304);
    }
    assert.equal(await rows('threads', 304), 0);
    assert.equal(await rows('thread', 304), 0);
    assert.equal(await rows('threads', 200), before.list + 1);
    // A poll by someone without access is still refused, and the refusal logged.
    const refused = await rows('threads', 404);
    const other = await m.t.call(OLA_THREADS, { person: 'per', headers: { 'If-None-Match': /** @type {string} */ (first.headers.get('etag')) } });
    assert.equal(other.status, 404);
    assert.equal(await rows('threads', 404), refused + 1);
  });

  it('answers an unchanged poll with 304, and 200 with the new unread count after a staff reply', async () => {
    const first = await m.t.call(OLA_THREADS);
    const etag = /** @type {string} */ (first.headers.get('etag'));
    assert.ok(etag);
    const unchanged = await m.t.call(OLA_THREADS, { headers: { 'If-None-Match': etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.text, '');
    assert.equal(unchanged.headers.get('etag'), etag);
    const thread = await m.t.call(`${OLA_THREADS}/thr-dx1k8s`);
    const threadTag = /** @type {string} */ (thread.headers.get('etag'));
    assert.equal((await m.t.call(`${OLA_THREADS}/thr-dx1k8s`, { headers: { 'If-None-Match': threadTag } })).status, 304);

    await staffReply(m.t.db, { staffId: 'stf-solveig-dagsenter', subjectId: SUBJECTS.ola, threadId: 'thr-dx1k8s', text: 'Onsdag kl. 10 passer fint for oss.', now: NOW });

    const changed = await m.t.call(OLA_THREADS, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.body.unreadCount, 3);
    assert.equal(changed.body.items[0].id, 'thr-dx1k8s', 'latest activity first');
    const changedThread = await m.t.call(`${OLA_THREADS}/thr-dx1k8s`, { headers: { 'If-None-Match': threadTag } });
    assert.equal(changedThread.status, 200);
    assert.equal(changedThread.body.messages.length, 2);
    // Marking it seen changes the caller's ETag too.
    const tag2 = /** @type {string} */ (changed.headers.get('etag'));
    await m.t.call(`${OLA_THREADS}/thr-dx1k8s/seen`, { method: 'PUT', body: { upToMessageId: changedThread.body.messages[1].id } });
    const afterSeen = await m.t.call(OLA_THREADS, { headers: { 'If-None-Match': tag2 } });
    assert.equal(afterSeen.status, 200);
    assert.equal(afterSeen.body.unreadCount, 1, 'only the other thread\'s staff reply is left');
  });
});

describe('starting a thread', () => {
  it('starts a thread with a service the subject receives; the answer is the thread with its first message', async () => {
    const r = await m.start({ grantedServiceId: 'vedtak-ola-dagsenter', title: 'Transport torsdag', text: 'Kan jeg bli hentet\r\nkl. 9?' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), `"${r.body.version}"`);
    assert.equal(r.body.startedBy, 'citizen');
    assert.equal(r.body.careService.id, 'cs-dagsenter-solsiden');
    assert.equal(r.body.status, 'open');
    assert.equal(r.body.messages.length, 1);
    assert.equal(r.body.messages[0].text, 'Kan jeg bli hentet\nkl. 9?', 'line endings normalised');
    assert.deepEqual(r.body.messages[0].sender, { role: 'citizen', name: 'Ola Nordmann', onBehalfOf: null, isCurrentUser: true });
    assert.equal(r.body.unreadCount, 0);
    const list = await m.t.call('/v1/subjects/me/threads');
    assert.equal(list.body.items[0].id, r.body.id);
    // Kari, for Ola: a relative, on behalf of Ola.
    const kari = await m.start({ grantedServiceId: 'vedtak-ola-hsp', title: 'Spørsmål', text: 'Hei' }, { person: 'kari', subject: SUBJECTS.ola });
    assert.equal(kari.status, 201, kari.text);
    assert.equal(kari.body.startedBy, 'relative');
    assert.deepEqual(kari.body.messages[0].sender, { role: 'relative', name: 'Kari Nordmann', onBehalfOf: 'Ola Nordmann', isCurrentUser: true });
    // Per, for Emma, with a planned service.
    assert.equal((await m.start({ grantedServiceId: 'vedtak-emma-stottekontakt', title: 'Oppstart', text: 'Når starter det?' }, { person: 'per', subject: SUBJECTS.emma })).status, 201);
  });

  it('refuses a service the subject does not receive: 422 recipient-not-allowed, nothing stored, logged', async () => {
    const mark = await m.t.logMark();
    for (const id of ['vedtak-ola-mat', 'vedtak-emma-regnbuen', 'vedtak-nope']) {
      assertProblem(await m.start({ grantedServiceId: id, title: 'Hei', text: 'Hei' }), 422, 'recipient-not-allowed');
    }
    assert.equal((await m.t.call('/v1/subjects/me/threads')).body.items.length, 4);
    const rows = await m.t.logSince(mark);
    assert.deepEqual(
      rows.filter((r) => r.resource === 'threads' && r.action === 'create').map((r) => [r.outcome, r.status]),
      [['refused', 422], ['refused', 422], ['refused', 422]],
    );
  });

  it('checks the text: 4,000 characters pass, 4,001 are too long; U+202E, other controls and empty text are refused', async () => {
    const base = { grantedServiceId: 'vedtak-ola-hsp', title: 'Hei' };
    assert.equal((await m.start({ ...base, text: '😀'.repeat(4000) })).status, 201, 'code points, not UTF-16 units');
    /** @param {unknown} body @param {string} pointer @param {string} code */
    const refused = async (body, pointer, code) => {
      const r = await m.start(body);
      assertProblem(r, 400, 'validation');
      assert.deepEqual(r.body.errors, [{ pointer, code }], JSON.stringify(body).slice(0, 80));
    };
    await refused({ ...base, text: 'a'.repeat(4001) }, '/text', 'too-long');
    await refused({ ...base, text: 'abc\u202Egnp.exe' }, '/text', 'invalid-character');
    await refused({ ...base, text: 'bell\u0007' }, '/text', 'invalid-character');
    await refused({ ...base, text: '  \n ' }, '/text', 'required');
    await refused({ grantedServiceId: 'vedtak-ola-hsp', text: 'Hei' }, '/title', 'required');
    await refused({ ...base, title: 'x'.repeat(121), text: 'Hei' }, '/title', 'too-long');
    await refused({ ...base, text: 'Hei', extra: 1 }, '/extra', 'invalid');
    await refused({ ...base, text: 'Hei', attachmentIds: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] }, '/attachmentIds', 'too-many');
    assertProblem(await m.start('{not json'), 400, 'validation');
    assertProblem(await m.start({ ...base, text: 'Hei' }, { key: null }), 400, 'idempotency-key-missing');
  });

  it('replays the same key with the first answer; the same key with another body is 422', async () => {
    const key = m.t.newKey();
    const body = { grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Første' };
    const a = await m.start(body, { key });
    const b = await m.start(body, { key });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.text, a.text);
    assertProblem(await m.start({ ...body, text: 'Andre' }, { key }), 422, 'idempotency-key-reused');
    assert.equal((await m.t.call('/v1/subjects/me/threads')).body.items.length, 5);
  });
});

describe('replies', () => {
  it('a message id follows from the key and the request; a key used again after it was forgotten gets a new id', async () => {
    const key = m.t.newKey();
    const first = await m.send('thr-dx1k8s', { text: 'Takk for sist.' }, { key });
    assert.equal(first.status, 201, first.text);
    // Another key makes another id.
    const other = await m.send('thr-dx1k8s', { text: 'Takk for sist.' });
    assert.notEqual(other.body.id, first.body.id);
    // The key's record is forgotten (as after its retention); the same request again is a new
    // message, and the id it would follow from is taken, so it gets a random one.
    await m.t.db.query('DELETE FROM idempotency_records WHERE key = $1', [key]);
    const again = await m.send('thr-dx1k8s', { text: 'Takk for sist.' }, { key });
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.body.id, first.body.id);
    assert.match(again.body.id, /^msg-[A-Za-z0-9_-]{12}$/);
  });

  it('replies in an open thread; a closed thread refuses with 409 thread-closed', async () => {
    const r = await m.send('thr-dx1k8s', { text: 'Onsdag passer bra.' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.threadId, 'thr-dx1k8s');
    assert.equal(r.body.unread, false);
    assert.deepEqual(r.body.attachments, []);
    assert.equal(r.body.sender.role, 'citizen');
    const thread = await m.t.call(`${OLA_THREADS}/thr-dx1k8s`);
    assert.deepEqual(thread.body.messages.map((/** @type {any} */ x) => x.id).at(-1), r.body.id);
    const mark = await m.t.logMark();
    assertProblem(await m.send('thr-hw9p2e', { text: 'Hallo?' }), 409, 'thread-closed');
    assertProblem(await m.send('thr-nope', { text: 'Hallo?' }), 404, 'not-found');
    assert.deepEqual((await m.t.logSince(mark)).map((x) => [x.action, x.resource, x.resource_id, x.outcome, x.status]), [
      ['create', 'message', 'thr-hw9p2e', 'refused', 409],
      ['create', 'message', 'thr-nope', 'not-found', 404],
    ]);
    // Validation comes before the thread's state, as the other handlers' rules.
    const both = await m.send('thr-hw9p2e', { text: '' });
    assertProblem(both, 400, 'validation');
  });

  it('five concurrent sends with one key make one message: each answer the first 201, or 409 request-in-progress while it runs', async () => {
    // PGlite runs one transaction at a time, so there every duplicate comes after the first and
    // replays it; on PostgreSQL a duplicate that arrives while the first runs is told to retry
    // (as concurrent cancels are, concurrency.test.js), and its retry gets the first answer.
    const key = m.t.newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => m.send('thr-qc7m4w', { text: 'Bare én gang' }, { key })));
    const created = answers.filter((a) => a.status === 201);
    const busy = answers.filter((a) => a.status !== 201);
    assert.ok(created.length >= 1, answers.map((a) => a.text).join('\n'));
    for (const a of busy) {
      assertProblem(a, 409, 'request-in-progress');
      assert.equal(a.headers.get('retry-after'), '1');
    }
    const retried = await m.send('thr-qc7m4w', { text: 'Bare én gang' }, { key });
    assert.equal(retried.status, 201);
    assert.equal(new Set([...created, retried].map((a) => a.text)).size, 1);
    const { rows } = await m.t.db.query("SELECT count(*)::int AS n FROM messages WHERE thread_id = 'thr-qc7m4w' AND text = 'Bare én gang'");
    assert.equal(rows[0].n, 1);
  });
});

describe('drafts', () => {
  const NEW = '/v1/subjects/me/drafts/new';

  it('creates with If-None-Match: *, replaces with If-Match; 428 without either, 412 when stale', async () => {
    assertProblem(await m.t.call(NEW), 404, 'not-found');
    assertProblem(await m.t.call(NEW, { method: 'PUT', body: { text: 'Hei' } }), 428, 'precondition-required');
    const created = await m.t.call(NEW, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Hei', title: 'Utkast', grantedServiceId: 'vedtak-ola-hsp' } });
    assert.equal(created.status, 200, created.text);
    const tag = /** @type {string} */ (created.headers.get('etag'));
    assert.equal(tag, `"${created.body.version}"`);
    assert.deepEqual({ ...created.body, version: undefined, updatedAt: undefined }, {
      key: 'new', version: undefined, text: 'Hei', title: 'Utkast', grantedServiceId: 'vedtak-ola-hsp', attachments: [], updatedAt: undefined,
    });
    // A second tab that also thinks there is no draft.
    assertProblem(await m.t.call(NEW, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Annet' } }), 412, 'precondition-failed');
    const replaced = await m.t.call(NEW, { method: 'PUT', headers: { 'If-Match': tag }, body: { text: 'Hei igjen' } });
    assert.equal(replaced.status, 200, replaced.text);
    assert.notEqual(replaced.headers.get('etag'), tag);
    assertProblem(await m.t.call(NEW, { method: 'PUT', headers: { 'If-Match': tag }, body: { text: 'Gammel fane' } }), 412, 'precondition-failed');
    const got = await m.t.call(NEW);
    assert.equal(got.body.text, 'Hei igjen');
    assert.equal(got.headers.get('etag'), replaced.headers.get('etag'));
    // Per signed-in person: Kari acting for Ola has no draft of Ola's.
    assertProblem(await m.t.call(`/v1/subjects/${SUBJECTS.ola}/drafts/new`, { person: 'kari' }), 404, 'not-found');
    // Deleting needs the current tag.
    assertProblem(await m.t.call(NEW, { method: 'DELETE' }), 428, 'precondition-required');
    assertProblem(await m.t.call(NEW, { method: 'DELETE', headers: { 'If-Match': tag } }), 412, 'precondition-failed');
    const del = await m.t.call(NEW, { method: 'DELETE', headers: { 'If-Match': /** @type {string} */ (replaced.headers.get('etag')) } });
    assert.equal(del.status, 204);
    assertProblem(await m.t.call(NEW), 404, 'not-found');
    // Made again after a delete: an old tag never matches the new draft.
    await m.t.call(NEW, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Ny' } });
    assertProblem(await m.t.call(NEW, { method: 'PUT', headers: { 'If-Match': tag }, body: { text: 'x' } }), 412, 'precondition-failed');
  });

  it('keeps up to 20,000 characters; refuses more, bidi controls, and a draft for a thread that does not exist', async () => {
    const long = await m.t.call(NEW, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'x'.repeat(20000) } });
    assert.equal(long.status, 200, long.text.slice(0, 200));
    const tag = /** @type {string} */ (long.headers.get('etag'));
    const tooLong = await m.t.call(NEW, { method: 'PUT', headers: { 'If-Match': tag }, body: { text: 'x'.repeat(20001) } });
    assertProblem(tooLong, 400, 'validation');
    assert.deepEqual(tooLong.body.errors, [{ pointer: '/text', code: 'too-long' }]);
    const bidi = await m.t.call(NEW, { method: 'PUT', headers: { 'If-Match': tag }, body: { text: 'a\u2066b' } });
    assertProblem(bidi, 400, 'validation');
    assert.deepEqual(bidi.body.errors, [{ pointer: '/text', code: 'invalid-character' }]);
    assertProblem(await m.t.call('/v1/subjects/me/drafts/thr-nope', { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'x' } }), 404, 'not-found');
    assertProblem(await m.t.call('/v1/subjects/me/drafts/thr-vr5j9a'), 404, 'not-found');
  });

  it('sending deletes the sender\'s draft for that thread (and starting a thread the `new` draft), not others\'', async () => {
    const path = '/v1/subjects/me/drafts/thr-qc7m4w';
    assert.equal((await m.t.call(path, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Uferdig' } })).status, 200);
    const kariPath = `/v1/subjects/${SUBJECTS.ola}/drafts/thr-qc7m4w`;
    assert.equal((await m.t.call(kariPath, { person: 'kari', method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Kari skriver' } })).status, 200);
    assert.equal((await m.send('thr-qc7m4w', { text: 'Ferdig' })).status, 201);
    assertProblem(await m.t.call(path), 404, 'not-found');
    assert.equal((await m.t.call(kariPath, { person: 'kari' })).body.text, 'Kari skriver');
    assert.equal((await m.t.call(NEW, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Ny tråd' } })).status, 200);
    assert.equal((await m.start({ grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Ny tråd' })).status, 201);
    assertProblem(await m.t.call(NEW), 404, 'not-found');
  });
});
