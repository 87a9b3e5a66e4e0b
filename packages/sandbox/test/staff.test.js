// @ts-check
/**
 * The staff page (/staff): loopback only, sign-in by choosing a staff test person (session
 * cookie), CSRF on every form, escaped HTML under a strict CSP; staff read their care service's
 * threads, reply, start and close threads, and what they do reaches the citizen's API.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ILL, NOW, SUBJECTS, assertProblem, startTestApi } from './api-helpers.js';
import { appointmentIds } from '@omsorg/fixtures';
import { createStaffPage, STAFF_CSP } from '../src/staff/page.js';
import { StaffError, staffAnswerCancellation, staffCloseThread, staffReply, staffSession, staffStartThread } from '../test-support/staff.js';

/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let t;
/** @type {import('node:http').Server} */
let server;
/** @type {string} */
let origin;
/** @type {ReturnType<typeof createStaffPage>} */
let page;

before(async () => {
  t = await startTestApi();
  page = createStaffPage({ db: t.db, now: () => NOW, logger: { error: (/** @type {unknown[]} */ ...a) => t.errors.push(a) } });
  server = createServer((req, res) => {
    page(req, res);
  });
  await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(0, '127.0.0.1', () => ok())));
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(async () => {
  await new Promise((ok) => {
    server?.close(() => ok(undefined));
    server?.closeAllConnections();
  });
  await t?.close();
});
beforeEach(async () => {
  await t.reseed();
});

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
const get = async (path, init = {}) => {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

/** Signs in by hand (the way a browser does) and returns the cookie and CSRF token. */
async function signInByHand(staffId = 'stf-ingrid-hsp') {
  const login = await get('/staff');
  const loginCookie = /** @type {string} */ (login.headers.getSetCookie()[0]).split(';')[0];
  const csrf = /** @type {RegExpExecArray} */ (/name="csrf" value="([^"]+)"/.exec(login.text))[1];
  const res = await get('/staff/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: /** @type {string} */ (loginCookie) },
    body: new URLSearchParams({ csrf: /** @type {string} */ (csrf), staffId }).toString(),
  });
  assert.equal(res.status, 303, res.text);
  const cookie = /** @type {string} */ (res.headers.getSetCookie().find((c) => c.startsWith('omsorg_staff=')));
  const session = /** @type {string} */ (cookie.split(';')[0]);
  const list = await get('/staff', { headers: { Cookie: session } });
  const token = /** @type {RegExpExecArray} */ (/name="csrf" value="([^"]+)"/.exec(list.text))[1];
  return { cookie, session, token: /** @type {string} */ (token), list };
}

describe('staff page: safety', () => {
  it('answers loopback callers only', async () => {
    const req = Object.assign(new PassThrough(), { method: 'GET', url: '/staff', headers: { host: 'sandbox' }, socket: { remoteAddress: '192.0.2.10' } });
    req.end();
    /** @type {{ status?: number, body?: string }} */
    const out = {};
    const res = {
      headersSent: false,
      writeHead(/** @type {number} */ status) {
        out.status = status;
        return this;
      },
      end(/** @type {string} */ body) {
        out.body = String(body);
      },
    };
    await page(/** @type {any} */ (req), /** @type {any} */ (res));
    assert.equal(out.status, 403);
    assert.match(out.body ?? '', /loopback/);
    for (const address of ['::ffff:10.0.0.1', '::2', undefined]) {
      const r2 = Object.assign(new PassThrough(), { method: 'GET', url: '/staff', headers: {}, socket: { remoteAddress: address } });
      r2.end();
      await page(/** @type {any} */ (r2), /** @type {any} */ (res));
      assert.equal(out.status, 403, String(address));
    }
    assert.equal((await get('/staff')).status, 200, '127.0.0.1 is let in');
  });

  it('signs in by choosing a staff person: a session cookie that is HttpOnly, SameSite=Strict, Path=/staff', async () => {
    const login = await get('/staff');
    assert.equal(login.status, 200);
    assert.match(login.text, /Ingrid Berg, Hjemmesykepleien sone Nord/);
    assert.match(login.text, /Ahmed Saleh/);
    assert.match(login.text, /Hanne Lund/);
    const { cookie, list } = await signInByHand();
    assert.match(cookie, /^omsorg_staff=[A-Za-z0-9_-]{20,}; HttpOnly; SameSite=Strict; Path=\/staff$/);
    assert.match(list.text, /Nye medisiner etter legetimen/);
    assert.doesNotMatch(list.text, /Tur til Fjordheim/, 'another care service\'s thread');
    assert.doesNotMatch(list.text, /Bytte vaskedag/, 'another care service\'s thread');
    assert.doesNotMatch(list.text, /Bytte avlastningshelg/);
  });

  it('sends a strict CSP; the HTML has no scripts and no inline styles', async () => {
    const { session } = await signInByHand();
    for (const path of ['/staff', '/staff/threads/sub-ola-7f3a/thr-qc7m4w']) {
      const r = await get(path, { headers: { Cookie: session } });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-security-policy'), STAFF_CSP);
      assert.match(STAFF_CSP, /default-src 'none'/);
      assert.doesNotMatch(STAFF_CSP, /unsafe-inline|script-src/);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.doesNotMatch(r.text, /<script|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('refuses every form without the right CSRF token, or from another origin', async () => {
    // Sign-in without the login cookie's token.
    const noToken = await get('/staff/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'staffId=stf-ingrid-hsp' });
    assert.equal(noToken.status, 403);
    assert.equal(noToken.headers.getSetCookie().length, 0);
    const { session, token } = await signInByHand();
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session };
    const path = '/staff/threads/sub-ola-7f3a/thr-qc7m4w/reply';
    const count = async () => (await t.db.query("SELECT count(*)::int AS n FROM messages WHERE thread_id = 'thr-qc7m4w'")).rows[0].n;
    const before = await count();
    assert.equal((await get(path, { method: 'POST', headers: form, body: 'text=Hei' })).status, 403);
    assert.equal((await get(path, { method: 'POST', headers: form, body: `text=Hei&csrf=${token}x` })).status, 403);
    assert.equal((await get(path, { method: 'POST', headers: { ...form, Origin: 'http://evil.example' }, body: `text=Hei&csrf=${token}` })).status, 403);
    assert.equal((await get(path, { method: 'POST', headers: { ...form, 'Sec-Fetch-Site': 'cross-site' }, body: `text=Hei&csrf=${token}` })).status, 403);
    assert.equal((await get(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `text=Hei&csrf=${token}` })).status, 403, 'no session');
    assert.equal((await get('/staff/threads', { method: 'POST', headers: form, body: 'to=sub-ola-7f3a/vedtak-ola-hsp&title=x&text=y' })).status, 403);
    assert.equal(await count(), before);
    const ok = await get(path, { method: 'POST', headers: form, body: `text=Hei&csrf=${token}` });
    assert.equal(ok.status, 303);
    assert.equal(await count(), before + 1);
  });

  it('escapes everything: a message `<script>` shows as text', async () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const started = await t.call('/v1/subjects/me/threads', {
      method: 'POST',
      headers: { 'Idempotency-Key': t.newKey() },
      body: { grantedServiceId: 'vedtak-ola-hsp', title: '<b>"Viktig"</b>', text: hostile },
    });
    assert.equal(started.status, 201, started.text);
    const { session } = await signInByHand();
    const list = await get('/staff', { headers: { Cookie: session } });
    assert.match(list.text, /&lt;b&gt;&quot;Viktig&quot;&lt;\/b&gt;/);
    const thread = await get(`/staff/threads/${SUBJECTS.ola}/${started.body.id}`, { headers: { Cookie: session } });
    assert.equal(thread.status, 200);
    assert.match(thread.text, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(thread.text, /<script|<img|<b>/);
  });
});

describe('staff page: work', () => {
  it('reads a thread (marking it seen), replies, and the citizen sees an unread staff reply', async () => {
    const s = await staffSession(origin, 'stf-tor-alarm');
    const page1 = await s.get(`/staff/threads/${SUBJECTS.ola}/thr-nb3t6r`);
    assert.equal(page1.status, 200);
    assert.match(page1.text, /Kari Nordmann på vegne av Ola Nordmann/);
    const before = (await t.call('/v1/subjects/me/threads')).body.unreadCount;
    await s.reply({ subjectId: SUBJECTS.ola, threadId: 'thr-nb3t6r', text: 'Vi kommer litt senere i dag.' });
    const list = await t.call('/v1/subjects/me/threads');
    assert.equal(list.body.unreadCount, before + 1);
    const thread = await t.call('/v1/subjects/me/threads/thr-nb3t6r');
    const last = thread.body.messages.at(-1);
    assert.deepEqual([last.text, last.sender.role, last.sender.name, last.unread], ['Vi kommer litt senere i dag.', 'staff', 'Tor Aune', true]);
    // Staff who read it count in seenSinceLastUpdate (the writer of the last message does not).
    assert.deepEqual(thread.body.seenSinceLastUpdate, []);
    const answer = await t.call('/v1/subjects/me/threads/thr-nb3t6r/messages', { method: 'POST', headers: { 'Idempotency-Key': t.newKey() }, body: { text: 'Takk!' } });
    assert.equal(answer.status, 201, answer.text);
    assert.equal((await s.get(`/staff/threads/${SUBJECTS.ola}/thr-nb3t6r`)).status, 200);
    const seen = await t.call('/v1/subjects/me/threads/thr-nb3t6r');
    assert.deepEqual(seen.body.seenSinceLastUpdate.map((/** @type {any} */ x) => [x.role, x.name]), [['staff', 'Tor Aune']]);
    // Another care service's thread is not found.
    assert.equal((await s.get(`/staff/threads/${SUBJECTS.ola}/thr-qc7m4w`)).status, 404);
  });

  it('starts a thread with a citizen who receives the service; not with anyone else', async () => {
    const s = await staffSession(origin, 'stf-hanne-avl');
    const list = await s.get('/staff');
    assert.match(list.text, /Emma Hansen/);
    assert.doesNotMatch(list.text, /<option[^>]*>Ola Nordmann/);
    const id = await s.startThread({ subjectId: SUBJECTS.emma, grantedServiceId: 'vedtak-emma-avlastning', title: 'Neste helg', text: 'Hei! Neste helg starter vi kl. 17.' });
    const seenByPer = await t.call(`/v1/subjects/${SUBJECTS.emma}/threads/${id}`, { person: 'per' });
    assert.equal(seenByPer.status, 200, seenByPer.text);
    assert.equal(seenByPer.body.startedBy, 'staff');
    assert.equal(seenByPer.body.unreadCount, 1);
    await assert.rejects(
      s.startThread({ subjectId: SUBJECTS.ola, grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Hei' }),
      /recipient-not-allowed/,
    );
    await assert.rejects(staffStartThread(t.db, { staffId: 'stf-hanne-avl', subjectId: SUBJECTS.emma, grantedServiceId: 'vedtak-emma-regnbuen', title: 'x', text: 'y', now: NOW }), StaffError);
  });

  it('closes a thread: the citizen\'s reply is then refused with 409 thread-closed', async () => {
    await staffCloseThread(origin, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w' });
    const thread = await t.call('/v1/subjects/me/threads/thr-qc7m4w');
    assert.equal(thread.body.status, 'closed');
    const reply = await t.call('/v1/subjects/me/threads/thr-qc7m4w/messages', { method: 'POST', headers: { 'Idempotency-Key': t.newKey() }, body: { text: 'Hallo?' } });
    assertProblem(reply, 409, 'thread-closed');
    await assert.rejects(staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'x', now: NOW }), /lukket/);
    const page2 = await (await staffSession(origin, 'stf-ingrid-hsp')).get(`/staff/threads/${SUBJECTS.ola}/thr-qc7m4w`);
    assert.doesNotMatch(page2.text, /Send svar/);
  });

  it('cannot write to a person who withdrew consent to digital dialogue (refused and logged); the API logs the consent\'s reads and changes', async () => {
    const mark = await t.logMark();
    const before = await t.call('/v1/subjects/me/dialogue-consent');
    assert.equal(before.status, 200, before.text);
    assert.equal(before.body.status, 'active');
    const withdrawn = await t.call('/v1/subjects/me/dialogue-consent', {
      method: 'PUT',
      headers: { 'Idempotency-Key': t.newKey(), 'If-Match': /** @type {string} */ (before.headers.get('etag')) },
      body: { status: 'inactive', textVersion: before.body.currentTextVersion },
    });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assert.equal(withdrawn.body.status, 'inactive');
    await assert.rejects(
      staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'Hei', now: NOW }),
      (err) => err instanceof StaffError && err.code === 'consent-required' && /samtykket/.test(err.message),
    );
    await assert.rejects(
      staffStartThread(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Hei', now: NOW }),
      (err) => err instanceof StaffError && err.code === 'consent-required',
    );
    const { rows } = await t.db.query('SELECT actor_kind, action, resource, outcome, status FROM access_log WHERE id > $1 ORDER BY id', [mark]);
    assert.deepEqual(rows.map((r) => [r.actor_kind, r.action, r.resource, r.outcome, r.status]), [
      ['person', 'read', 'dialogue-consent', 'ok', 200],
      ['person', 'update', 'dialogue-consent', 'ok', 200],
      ['staff', 'create', 'message', 'refused', 403],
      ['staff', 'create', 'threads', 'refused', 403],
    ]);

    // The staff page shows it: the consent withdrawn, no reply box (closing stays), and Ola not
    // offered as a recipient of a new thread.
    const s = await staffSession(origin, 'stf-ingrid-hsp');
    const thread = await s.get(`/staff/threads/${SUBJECTS.ola}/thr-qc7m4w`);
    assert.match(thread.text, /Samtykke til digital dialog: trukket \d/);
    assert.doesNotMatch(thread.text, /Send svar/);
    assert.match(thread.text, /Lukk tråden/);
    assert.match(thread.text, /Personen har ikke samtykket til digital dialog/);
    const list = await s.get('/staff');
    assert.match(list.text, /<option disabled>Ola Nordmann \([^)]*\): uten samtykke til digital dialog<\/option>/);
    assert.doesNotMatch(list.text, /<option value="[^"]*">Ola Nordmann/);
    // Given again: the reply box is back.
    const now = await t.call('/v1/subjects/me/dialogue-consent');
    await t.call('/v1/subjects/me/dialogue-consent', {
      method: 'PUT',
      headers: { 'Idempotency-Key': t.newKey(), 'If-Match': /** @type {string} */ (now.headers.get('etag')) },
      body: { status: 'active', textVersion: now.body.currentTextVersion },
    });
    const back = await s.get(`/staff/threads/${SUBJECTS.ola}/thr-qc7m4w`);
    assert.match(back.text, /Samtykke til digital dialog: gitt \d/);
    assert.match(back.text, /Send svar/);
  });

  it('checks staff text as the API does, and logs staff actions as staff', async () => {
    const mark = await t.logMark();
    await assert.rejects(staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'x'.repeat(4001), now: NOW }), /for lang/);
    await assert.rejects(staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'a\u202Eb', now: NOW }), /ikke er tillatt/);
    await assert.rejects(staffReply(t.db, { staffId: 'stf-nobody', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'x', now: NOW }), /Ukjent/);
    await staffReply(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, threadId: 'thr-qc7m4w', text: 'Ok', now: NOW });
    const { rows } = await t.db.query('SELECT actor_person_id, actor_kind, action, resource, resource_id, outcome, status FROM access_log WHERE id > $1 ORDER BY id', [mark]);
    assert.deepEqual(rows.map((r) => [r.actor_person_id, r.actor_kind, r.action, r.resource, r.outcome, r.status]), [
      ['stf-ingrid-hsp', 'staff', 'create', 'message', 'refused', 400],
      ['stf-ingrid-hsp', 'staff', 'create', 'message', 'refused', 400],
      ['stf-ingrid-hsp', 'staff', 'create', 'message', 'ok', 201],
    ]);
  });

  it('downloads attachments of its own care service\'s threads only', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
    const up = await fetch(`${t.base}/v1/subjects/me/attachments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test:psn-ola-7f3a', 'Content-Type': 'image/png', 'Idempotency-Key': t.newKey(), 'Content-Disposition': "attachment; filename*=UTF-8''s%C3%A5r.png" },
      body: png,
    });
    const att = /** @type {any} */ (await up.json());
    const path = `/staff/attachments/${SUBJECTS.ola}/${att.id}`;
    const nina = await staffSession(origin, 'stf-ingrid-hsp');
    assert.equal((await nina.get(path)).status, 404, 'not sent yet');
    await t.call('/v1/subjects/me/threads/thr-qc7m4w/messages', { method: 'POST', headers: { 'Idempotency-Key': t.newKey() }, body: { text: 'Bilde', attachmentIds: [att.id] } });
    const page3 = await nina.get(`/staff/threads/${SUBJECTS.ola}/thr-qc7m4w`);
    assert.match(page3.text, /sår\.png/);
    const res = await fetch(`${origin}${path}`, { headers: { Cookie: nina.cookie() } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), 'sandbox');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);
    const ahmed = await staffSession(origin, 'stf-ahmed-prakt');
    assert.equal((await ahmed.get(path)).status, 404, 'another care service');
  });
});


describe('staff page: cancellation requests', () => {
  const requested = appointmentIds.olaCancellationRequested;
  const path = (/** @type {string} */ id, /** @type {'accept' | 'reject'} */ how) => `/staff/appointments/${SUBJECTS.ola}/${id}/${how}`;
  /** The citizen's copy of the appointment, through the API. */
  const citizen = async (id = requested) => (await t.call(`/v1/subjects/me/appointments/${id}`)).body;
  const queue = async () => (await t.db.query("SELECT event, channel FROM notice_queue WHERE subject_id = $1 ORDER BY id", [SUBJECTS.ola])).rows;
  /** Ola chooses to hear of answers by e-mail. */
  const chooseNotices = async () =>
    assert.equal(
      (await t.call('/v1/subjects/me/notice-preferences', { method: 'PUT', headers: { 'If-Match': '"0"', 'Idempotency-Key': t.newKey() }, body: { channels: ['email'], events: ['cancellation-answered'], language: 'nb' } })).status,
      200,
    );
  const form = (/** @type {string} */ session, /** @type {Record<string, string>} */ fields) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session },
    body: new URLSearchParams(fields).toString(),
  });

  it('lists the requests of the staff member\'s own service only, every value escaped', async () => {
    const hostile = '<script>alert(1)</script> & "sitat"';
    assert.equal((await t.cancel(appointmentIds.olaRequestMode, { body: { ...ILL, comment: hostile } })).status, 200);
    const centre = await staffSession(origin, 'stf-solveig-dagsenter');
    const list = await centre.get('/staff');
    assert.match(list.text, /<h2>Avbestillinger som venter på svar<\/h2>/);
    const items = list.text.split('<article class="msg request"').slice(1);
    assert.equal(items.length, 2, 'the fixture\'s request and the new one');
    assert.match(items.join(''), /Ola Nordmann/);
    assert.match(items.join(''), /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;sitat&quot;/);
    assert.doesNotMatch(list.text, /<script/);
    assert.match(items.join(''), /Besøk \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}–\d{2}:\d{2} · Solsiden dagsenter/, 'the visit\'s time, Oslo style');
    assert.match(items.join(''), new RegExp(`action="${path(requested, 'accept')}"`));
    const nurse = await staffSession(origin, 'stf-ingrid-hsp');
    const other = await nurse.get('/staff');
    assert.match(other.text, /Ingen avbestillinger venter på svar\./);
    assert.doesNotMatch(other.text, new RegExp(requested));
  });

  it('accepts: the citizen sees it cancelled, the notice is queued, the answer is in the access log as staff', async () => {
    await chooseNotices();
    const before = await citizen();
    const mark = await t.logMark();
    const centre = await staffSession(origin, 'stf-solveig-dagsenter');
    await centre.answer({ subjectId: SUBJECTS.ola, appointmentId: requested, accept: true });
    const after = await citizen();
    assert.equal(after.status, 'cancelled');
    assert.notEqual(after.version, before.version, 'a new version: the list\'s ETag and the If-Match see it');
    assert.equal(after.cancellation.rejectionNote, null);
    assert.match(after.cancellation.answeredAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(await queue(), [{ event: 'cancellation-answered', channel: 'email' }]);
    const { rows } = await t.db.query("SELECT actor_person_id, actor_kind, action, resource, resource_id, outcome, status, client_id FROM access_log WHERE id > $1 AND action = 'update' ORDER BY id", [mark]);
    assert.deepEqual(rows.map((r) => ({ ...r })), [
      { actor_person_id: 'stf-solveig-dagsenter', actor_kind: 'staff', action: 'update', resource: 'appointment', resource_id: requested, outcome: 'ok', status: 200, client_id: 'staff-page' },
    ]);
    const list = await centre.get('/staff?svar=godtatt');
    assert.match(list.text, /role="status">Avbestillingen er godtatt/);
    assert.doesNotMatch(list.text, new RegExp(path(requested, 'accept')), 'answered: no longer waiting');
  });

  it('rejects with a note the citizen reads as the rejection note', async () => {
    await chooseNotices();
    await staffAnswerCancellation(origin, { staffId: 'stf-solveig-dagsenter', subjectId: SUBJECTS.ola, appointmentId: requested, accept: false, note: 'Vi har helsesjekk den dagen.\r\nRing oss.' });
    const after = await citizen();
    assert.equal(after.status, 'cancellation-rejected');
    assert.equal(after.cancellation.rejectionNote, 'Vi har helsesjekk den dagen.\nRing oss.');
    assert.equal(after.cancellationPolicy.cancellable, true, 'turned down: the person may ask again before the deadline');
    assert.deepEqual(await queue(), [{ event: 'cancellation-answered', channel: 'email' }]);
  });

  it('refuses a missing, too long or forbidden note (what was typed is kept), and a note on an acceptance', async () => {
    const mark = await t.logMark();
    const { session, token } = await signInByHand('stf-solveig-dagsenter');
    const missing = await get(path(requested, 'reject'), form(session, { csrf: token, note: '   ' }));
    assert.equal(missing.status, 400);
    assert.match(missing.text, /role="alert" id="[^"]+">Skriv en begrunnelse når du avslår/);
    const long = 'Å'.repeat(501);
    const tooLong = await get(path(requested, 'reject'), form(session, { csrf: token, note: long }));
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /Begrunnelsen er for lang \(høyst 500 tegn\)/);
    assert.match(tooLong.text, new RegExp(`aria-invalid="true"[^>]*>${long}</textarea>`), 'the note as typed');
    const bidi = await get(path(requested, 'reject'), form(session, { csrf: token, note: 'a\u202Eb' }));
    assert.equal(bidi.status, 400);
    assert.match(bidi.text, /inneholder tegn som ikke er tillatt/);
    const noted = await get(path(requested, 'accept'), form(session, { csrf: token, note: 'Takk' }));
    assert.equal(noted.status, 400);
    assert.match(noted.text, /bare se begrunnelsen for et avslag/);
    assert.equal((await citizen()).status, 'cancellation-requested', 'nothing changed');
    assert.deepEqual(await queue(), []);
    const { rows } = await t.db.query("SELECT outcome, status FROM access_log WHERE id > $1 AND actor_person_id = 'stf-solveig-dagsenter' AND action = 'update' ORDER BY id", [mark]);
    assert.deepEqual(rows.map((r) => [r.outcome, r.status]), [['refused', 400], ['refused', 400], ['refused', 400], ['refused', 400]]);
  });

  it('refuses another service\'s request (nothing changes, logged as not found), an answered one, and a form without CSRF', async () => {
    await chooseNotices();
    const mark = await t.logMark();
    const nurse = await signInByHand('stf-ingrid-hsp');
    const other = await get(path(requested, 'accept'), form(nurse.session, { csrf: nurse.token }));
    assert.equal(other.status, 404);
    assert.match(other.text, /Fant ikke avtalen\./);
    await assert.rejects(staffAnswerCancellation(t.db, { staffId: 'stf-ingrid-hsp', subjectId: SUBJECTS.ola, appointmentId: requested, accept: false, note: 'Nei' }), (e) => e instanceof StaffError && e.code === 'not-found');
    const centre = await signInByHand('stf-solveig-dagsenter');
    assert.equal((await get(path(requested, 'accept'), form(centre.session, { csrf: `${centre.token}x` }))).status, 403);
    assert.equal((await get(path(requested, 'accept'), { ...form(centre.session, { csrf: centre.token }), headers: { ...form(centre.session, {}).headers, Origin: 'http://evil.example' } })).status, 403);
    assert.equal((await citizen()).status, 'cancellation-requested');
    assert.deepEqual(await queue(), [], 'no notice for a refused answer');
    const { rows } = await t.db.query("SELECT actor_person_id, outcome, status FROM access_log WHERE id > $1 AND action = 'update' AND resource = 'appointment' ORDER BY id", [mark]);
    assert.deepEqual(rows.map((r) => [r.actor_person_id, r.outcome, r.status]), [['stf-ingrid-hsp', 'not-found', 404], ['stf-ingrid-hsp', 'not-found', 404]]);
    assert.equal((await get(path(requested, 'accept'), form(centre.session, { csrf: centre.token }))).status, 303);
    const again = await get(path(requested, 'reject'), form(centre.session, { csrf: centre.token, note: 'For sent' }));
    assert.equal(again.status, 409);
    assert.match(again.text, /ingen avbestilling som venter på svar/);
    assert.equal((await citizen()).status, 'cancelled');
  });
});
