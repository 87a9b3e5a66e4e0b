// @ts-check
/**
 * Secure messages: recipients, threads (order, unread, ETag and 304), starting a thread, replies
 * (idempotent), the text rules, marking seen, closed threads, drafts with If-Match, attachments
 * (checked by content, size, count) and who may download them. The checks that write start a
 * thread of their own ("contract suite: …") with the first recipient, so they need no data but a
 * subject with the `messages` scope and at least one recipient.
 */
import assert from 'node:assert/strict';
import { DataError, SKEW_MS, newKey } from '../client.js';
import {
  ATTACHMENT_MAX_BYTES,
  TEXT_MAX,
  UNKNOWN_SERVICE,
  allThreads,
  assertFieldError,
  disposition,
  fakeExe,
  getThread,
  sendMessage,
  startThread,
  suiteThread,
  tinyPdf,
  tinyPng,
  upload,
} from './messages-kit.js';
import { assertSource } from './reads.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */

/**
 * Each subject with `messages` and `services.read`: its recipients and its granted services.
 * @param {Context} ctx
 * @returns {Promise<{ subject: string, recipients: any[], services: any[] }[]>}
 */
async function recipientsWithServices(ctx) {
  const subjects = (await ctx.subjectsWith('messages')).filter((s) => s.scopes.includes('services.read'));
  if (subjects.length === 0) throw new DataError('the signed-in person has no subject with the messages and services.read scopes');
  const out = [];
  for (const s of subjects) {
    const recipients = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/message-recipients` }), 200).body.items;
    const services = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/services` }), 200).body.items;
    out.push({ subject: s.id, recipients, services });
  }
  return out;
}

/** @type {Check[]} */
export const checks = [
  {
    title: 'message recipients: one per active or planned granted service, each with a reply policy',
    async run(ctx) {
      const subjects = await ctx.subjectsWith('messages');
      if (subjects.length === 0) throw new DataError('the signed-in person has no subject with the messages scope');
      for (const s of subjects) {
        const items = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/message-recipients` }), 200).body.items;
        const ids = items.map((/** @type {any} */ r) => r.grantedServiceId);
        assert.equal(new Set(ids).size, ids.length, `${s.id}: one entry per granted service`);
        if (s.scopes.includes('services.read')) {
          const services = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/services` }), 200).body.items;
          const open = services.filter((/** @type {any} */ g) => g.status === 'active' || g.status === 'planned');
          assert.deepEqual([...ids].sort(), open.map((/** @type {any} */ g) => g.id).sort(), `${s.id}: recipients are the active and planned granted services`);
          for (const r of items) {
            const g = open.find((/** @type {any} */ x) => x.id === r.grantedServiceId);
            assert.equal(r.careService.id, g.careService.id, `${r.grantedServiceId}: the care service of the granted service`);
            assert.deepEqual(r.serviceType, g.serviceType, `${r.grantedServiceId}: serviceType`);
          }
        }
      }
    },
  },
  {
    title: "record sources: a recipient that says its source says it whole, and it is the source of its granted service",
    async run(ctx) {
      for (const { subject, recipients, services } of await recipientsWithServices(ctx)) {
        for (const r of recipients) {
          if (r.source === undefined) continue;
          assertSource(r.source, `${subject}: recipient ${r.grantedServiceId}`);
          const g = services.find((/** @type {any} */ x) => x.id === r.grantedServiceId);
          assert.ok(g, `${subject}: recipient ${r.grantedServiceId} is one of the granted services`);
          assert.deepEqual(r.source, g.source, `${subject}: recipient ${r.grantedServiceId} says the source of its granted service`);
        }
      }
    },
  },
  {
    title: 'several record systems: every recipient says its source, that of its granted service',
    unless: (caps) => (caps.sources ? undefined : 'one record system: recipients need not say their source'),
    async run(ctx) {
      const all = await recipientsWithServices(ctx);
      assert.ok(all.some((x) => x.recipients.length > 0), 'a subject has recipients to say it on');
      for (const { subject, recipients, services } of all) {
        for (const r of recipients) {
          assertSource(r.source, `${subject}: recipient ${r.grantedServiceId}`);
          assert.deepEqual(r.source, services.find((/** @type {any} */ x) => x.id === r.grantedServiceId)?.source, `${subject}: recipient ${r.grantedServiceId}: its granted service's source`);
        }
      }
    },
  },
  {
    title: 'several record systems: every thread says its source, that of the granted service it is about',
    unless: (caps) => (caps.sources ? undefined : 'one record system: threads need not say their source'),
    async run(ctx) {
      await suiteThread(ctx);
      let checked = 0;
      for (const { subject, services } of await recipientsWithServices(ctx)) {
        for (const t of (await allThreads(ctx, subject)).items) {
          assertSource(t.source, `${subject}: thread ${t.id}`);
          const g = services.find((/** @type {any} */ x) => x.id === t.grantedServiceId);
          if (g) assert.deepEqual(t.source, g.source, `${subject}: thread ${t.id}: its granted service's source`);
          const detail = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/threads/${t.id}` }), 200).body;
          assert.deepEqual(detail.source, t.source, `${subject}: thread ${t.id} says the same source when opened`);
          checked++;
        }
      }
      assert.ok(checked > 0, 'a thread to say it on');
    },
  },
  {
    title: 'threads: latest activity first, unread counts add up, ETag and If-None-Match → 304 (list and thread)',
    async run(ctx) {
      const { subject } = await suiteThread(ctx);
      const list = await allThreads(ctx, subject);
      assert.ok(list.items.length >= 1, 'the suite\'s thread is listed');
      for (let i = 1; i < list.items.length; i++) {
        const [a, b] = [list.items[i - 1], list.items[i]];
        assert.ok(Date.parse(a.lastActivityAt) >= Date.parse(b.lastActivityAt), `${a.id} (${a.lastActivityAt}) comes before ${b.id} (${b.lastActivityAt})`);
      }
      assert.equal(list.unreadCount, list.items.reduce((/** @type {number} */ n, /** @type {any} */ t) => n + t.unreadCount, 0), 'the page\'s unreadCount is the sum of its threads\'');
      const first = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/threads` }), 200);
      const tag = first.headers.get('etag');
      assert.ok(tag, 'the thread list carries an ETag');
      const again = await ctx.call({ path: `/v1/subjects/${subject}/threads`, headers: { 'If-None-Match': tag } });
      assert.equal(again.status, 304, `If-None-Match with the list's ETag: expected 304, got ${again.status}`);
      assert.equal(again.text, '', '304 has no body');
      for (const item of list.items.slice(0, 4)) {
        const r = ctx.expectStatus(await getThread(ctx, subject, item.id), 200);
        const t = r.body;
        assert.equal(t.id, item.id);
        assert.equal(t.subjectId, item.subjectId);
        assert.equal(t.messageCount, t.messages.length, `${t.id}: messageCount`);
        assert.equal(t.unreadCount, t.messages.filter((/** @type {any} */ m) => m.unread).length, `${t.id}: unreadCount is the unread messages`);
        assert.equal(t.unreadCount, item.unreadCount, `${t.id}: the same unreadCount in the list`);
        for (let i = 1; i < t.messages.length; i++) {
          assert.ok(Date.parse(t.messages[i - 1].sentAt) <= Date.parse(t.messages[i].sentAt), `${t.id}: messages oldest first`);
        }
        for (const m of t.messages) {
          assert.equal(m.threadId, t.id, `${m.id}.threadId`);
          if (m.sender.isCurrentUser) assert.equal(m.unread, false, `${m.id}: one's own message is never unread`);
        }
        const lastMessage = t.messages[t.messages.length - 1];
        // Closing a thread may count as activity too, so only "not before the last message".
        if (lastMessage) assert.ok(Date.parse(t.lastActivityAt) >= Date.parse(lastMessage.sentAt), `${t.id}: lastActivityAt ${t.lastActivityAt} is before the last message (${lastMessage.sentAt})`);
        const nm = await getThread(ctx, subject, t.id, { 'If-None-Match': /** @type {string} */ (r.headers.get('etag')) });
        assert.equal(nm.status, 304, `${t.id}: If-None-Match with its ETag: expected 304, got ${nm.status}`);
      }
    },
  },
  {
    title: 'start a thread with a recipient → 201; a service the subject does not receive → 422 recipient-not-allowed',
    async run(ctx) {
      const started = Date.now();
      const { subject, thread: t, own, recipient } = await suiteThread(ctx);
      assert.equal(t.status, 'open');
      assert.equal(t.title, 'contract suite: a thread');
      assert.equal(t.grantedServiceId, recipient.grantedServiceId);
      assert.equal(t.careService.id, recipient.careService.id, 'the recipient\'s care service');
      assert.equal(t.messageCount, 1);
      assert.equal(t.unreadCount, 0, 'one\'s own message is not unread');
      const [m] = t.messages;
      assert.equal(m.text, 'contract suite: the first message');
      assert.deepEqual({ role: m.sender.role, isCurrentUser: m.sender.isCurrentUser }, { role: own ? 'citizen' : 'relative', isCurrentUser: true }, 'the sender');
      assert.ok(Date.parse(m.sentAt) >= started - 10 * 60_000 - SKEW_MS && Date.parse(m.sentAt) <= Date.now() + SKEW_MS, `sentAt ${m.sentAt} is now`);
      const got = ctx.expectStatus(await getThread(ctx, subject, t.id), 200).body;
      assert.equal(got.messages[0].id, m.id, 'GET answers the stored thread');
      assert.ok((await allThreads(ctx, subject)).items.some((/** @type {any} */ x) => x.id === t.id), 'the new thread is listed');

      const refused = [UNKNOWN_SERVICE];
      const me = await ctx.me();
      const scopes = me.subjects.find((/** @type {any} */ s) => s.id === subject)?.scopes ?? [];
      if (scopes.includes('services.read')) {
        const ended = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/services` }), 200).body.items.filter((/** @type {any} */ g) => g.status === 'ended');
        refused.push(...ended.slice(0, 1).map((/** @type {any} */ g) => g.id));
      }
      const before = (await allThreads(ctx, subject)).items.length;
      for (const grantedServiceId of refused) {
        ctx.expectStatus(await startThread(ctx, { subject, body: { grantedServiceId, title: 'contract suite: refused', text: 'contract suite' } }), 422, 'recipientNotAllowed');
      }
      assert.equal((await allThreads(ctx, subject)).items.length, before, 'no thread after 422');
    },
  },
  {
    title: 'reply → 201; a replay (same key and body) → the same message, stored once; the same key with another body → 422',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const key = newKey();
      const text = `contract suite: a reply ${key}`;
      const first = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, key, body: { text } }), 201);
      assert.equal(first.body.text, text);
      assert.equal(first.body.threadId, thread.id);
      assert.equal(first.body.unread, false);
      assert.equal(first.body.sender.isCurrentUser, true);
      for (let i = 0; i < 2; i++) {
        const again = await sendMessage(ctx, { subject, thread: thread.id, key, body: { text } });
        assert.equal(again.status, 201, 'replay: status');
        assert.deepEqual(again.body, first.body, 'replay: body');
      }
      ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, key, body: { text: `${text} (changed)` } }), 422, 'idempotencyKeyReused');
      const t = ctx.expectStatus(await getThread(ctx, subject, thread.id), 200).body;
      assert.equal(t.messages.filter((/** @type {any} */ m) => m.text === text).length, 1, 'the reply is stored once');
      assert.ok(!t.messages.some((/** @type {any} */ m) => m.text === `${text} (changed)`), 'nothing stored after 422');
      ctx.expectStatus(await sendMessage(ctx, { subject, thread: 'contract-suite-no-such-thread', body: { text } }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ method: 'POST', path: `/v1/subjects/${subject}/threads/${thread.id}/messages`, body: { text } }), 400, 'idempotencyKeyMissing');
    },
  },
  {
    title: 'text rules: 4,001 characters → 400 too-long, a bidi override or control character → 400 invalid-character, blank → 400 (4,000 code points pass)',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const send = (/** @type {unknown} */ text) => sendMessage(ctx, { subject, thread: thread.id, body: { text } });
      /** @type {[string, string, string][]} */
      const cases = [
        ['4,001 characters', 'x'.repeat(TEXT_MAX + 1), 'too-long'],
        ['4,001 code points outside the BMP', '😀'.repeat(TEXT_MAX + 1), 'too-long'],
        ['U+202E RIGHT-TO-LEFT OVERRIDE', 'Ring meg \u202E41 00 00 004', 'invalid-character'],
        ['U+2066 LEFT-TO-RIGHT ISOLATE', 'a\u2066b', 'invalid-character'],
        ['a NUL character', 'a\u0000b', 'invalid-character'],
        ['an escape character', 'a\u001b[31mb', 'invalid-character'],
        ['only white space', ' \n\t ', 'required'],
      ];
      for (const [what, text, code] of cases) assertFieldError(ctx.expectStatus(await send(text), 400, 'validation'), '/text', code, what);
      // The limit counts code points: 4,000 emoji are 8,000 UTF-16 units and must pass.
      const ok = ctx.expectStatus(await send('😀'.repeat(TEXT_MAX)), 201);
      assert.equal([...ok.body.text].length, TEXT_MAX, 'stored whole');
      const t = ctx.expectStatus(await getThread(ctx, subject, thread.id), 200).body;
      assert.ok(!t.messages.some((/** @type {any} */ m) => /[\u202E\u2066\u0000\u001b]/.test(m.text)), 'no refused text stored');
      const title = await startThread(ctx, { subject, body: { grantedServiceId: thread.grantedServiceId, title: 't'.repeat(121), text: 'contract suite' } });
      assertFieldError(ctx.expectStatus(title, 400, 'validation'), '/title', 'too-long', 'a 121-character title');
    },
  },
  {
    title: 'mark seen up to the last message: that thread\'s unread count drops to 0 and the total by as much',
    async run(ctx) {
      const subjects = await ctx.subjectsWith('messages');
      /** @type {{ subject: string, item: any, total: number } | undefined} */
      let found;
      for (const s of subjects) {
        const list = await allThreads(ctx, s.id);
        const item = list.items.find((/** @type {any} */ t) => t.unreadCount > 0);
        if (item) {
          found = { subject: s.id, item, total: list.unreadCount };
          break;
        }
      }
      if (!found) throw new DataError('no thread with unread messages for the signed-in person (a staff message they have not seen)');
      const { subject, item, total } = found;
      const before = ctx.expectStatus(await getThread(ctx, subject, item.id), 200);
      const last = before.body.messages[before.body.messages.length - 1];
      const r = ctx.expectStatus(await ctx.call({ method: 'PUT', path: `/v1/subjects/${subject}/threads/${item.id}/seen`, body: { upToMessageId: last.id } }), 200);
      assert.equal(r.body.threadId, item.id);
      assert.equal(r.body.unreadCount, 0, 'unread in the thread after seeing its last message');
      assert.equal(r.body.totalUnreadCount, total - item.unreadCount, 'the subject\'s total drops by the thread\'s unread count');
      const after = await allThreads(ctx, subject);
      assert.equal(after.items.find((/** @type {any} */ t) => t.id === item.id)?.unreadCount, 0, 'the list shows it read');
      assert.equal(after.unreadCount, r.body.totalUnreadCount, 'the list\'s total');
      const changed = await getThread(ctx, subject, item.id, { 'If-None-Match': /** @type {string} */ (before.headers.get('etag')) });
      assert.equal(changed.status, 200, 'the thread\'s ETag changes with the reader\'s unread state');
      assert.ok(changed.body.messages.every((/** @type {any} */ m) => !m.unread), 'no message unread');
      const again = ctx.expectStatus(await ctx.call({ method: 'PUT', path: `/v1/subjects/${subject}/threads/${item.id}/seen`, body: { upToMessageId: last.id } }), 200);
      assert.equal(again.body.unreadCount, 0, 'marking seen again changes nothing');
    },
  },
  {
    title: 'a reply to a closed thread → 409 thread-closed',
    async run(ctx) {
      for (const s of await ctx.subjectsWith('messages')) {
        const closed = (await allThreads(ctx, s.id)).items.find((/** @type {any} */ t) => t.status === 'closed');
        if (!closed) continue;
        ctx.expectStatus(await sendMessage(ctx, { subject: s.id, thread: closed.id, body: { text: 'contract suite: into a closed thread' } }), 409, 'threadClosed');
        const after = ctx.expectStatus(await getThread(ctx, s.id, closed.id), 200).body;
        assert.equal(after.messageCount, closed.messageCount, 'nothing stored after 409');
        return;
      }
      throw new DataError('no closed thread in any subject the person may read messages for');
    },
  },
  {
    title: 'drafts: If-None-Match: * creates (again → 412), If-Match replaces (stale → 412), neither → 428; DELETE with the current ETag; sending deletes the draft',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const path = `/v1/subjects/${subject}/drafts/${thread.id}`;
      const put = (/** @type {Record<string, string>} */ headers, /** @type {string} */ text) => ctx.call({ method: 'PUT', path, headers, body: { text } });
      const existing = await ctx.call({ path });
      if (existing.status === 200) ctx.expectStatus(await ctx.call({ method: 'DELETE', path, headers: { 'If-Match': /** @type {string} */ (existing.headers.get('etag')) } }), 204);
      else ctx.expectStatus(existing, 404, 'notFound');

      ctx.expectStatus(await put({}, 'contract suite: no precondition'), 428, 'preconditionRequired');
      const created = ctx.expectStatus(await put({ 'If-None-Match': '*' }, 'contract suite: draft 1'), 200);
      assert.equal(created.body.key, thread.id);
      assert.equal(created.body.text, 'contract suite: draft 1');
      const v1 = /** @type {string} */ (created.headers.get('etag'));
      ctx.expectStatus(await put({ 'If-None-Match': '*' }, 'contract suite: another tab'), 412, 'preconditionFailed');
      const replaced = ctx.expectStatus(await put({ 'If-Match': v1 }, 'contract suite: draft 2'), 200);
      const v2 = /** @type {string} */ (replaced.headers.get('etag'));
      assert.notEqual(v2, v1, 'a new version');
      ctx.expectStatus(await put({ 'If-Match': v1 }, 'contract suite: stale tab'), 412, 'preconditionFailed');
      const got = ctx.expectStatus(await ctx.call({ path }), 200);
      assert.equal(got.body.text, 'contract suite: draft 2', 'GET answers the last saved draft');
      assert.equal(got.headers.get('etag'), v2);
      // A draft may hold more than a message (up to 20,000 characters).
      const long = ctx.expectStatus(await put({ 'If-Match': v2 }, 'x'.repeat(TEXT_MAX + 1)), 200);
      const v3 = /** @type {string} */ (long.headers.get('etag'));

      ctx.expectStatus(await ctx.call({ method: 'DELETE', path }), 428, 'preconditionRequired');
      ctx.expectStatus(await ctx.call({ method: 'DELETE', path, headers: { 'If-Match': v1 } }), 412, 'preconditionFailed');
      ctx.expectStatus(await ctx.call({ method: 'DELETE', path, headers: { 'If-Match': v3 } }), 204);
      ctx.expectStatus(await ctx.call({ path }), 404, 'notFound');

      ctx.expectStatus(await put({ 'If-None-Match': '*' }, 'contract suite: about to be sent'), 200);
      ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: sent from a draft' } }), 201);
      ctx.expectStatus(await ctx.call({ path }), 404, 'notFound');
    },
  },
  {
    title: 'attachments: a PDF is accepted by its content with its UTF-8 name; an .exe renamed .pdf and a PNG declared as PDF → 415; over 5 MiB → 413; six in a message → 400 too-many',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const pdf = tinyPdf();
      const name = 'Legeerklæring – contract suite.pdf';
      const key = newKey();
      const a = ctx.expectStatus(await upload(ctx, { subject, bytes: pdf, type: 'application/pdf', name, key }), 201).body;
      assert.deepEqual({ filename: a.filename, contentType: a.contentType, size: a.size }, { filename: name, contentType: 'application/pdf', size: pdf.length });
      const replay = ctx.expectStatus(await upload(ctx, { subject, bytes: pdf, type: 'application/pdf', name, key }), 201);
      assert.deepEqual(replay.body, a, 'replay: the same attachment');

      ctx.expectStatus(await upload(ctx, { subject, bytes: fakeExe(), type: 'application/pdf', name: 'rapport.pdf' }), 415, 'attachmentType');
      ctx.expectStatus(await upload(ctx, { subject, bytes: tinyPng(), type: 'application/pdf', name: 'bilde.pdf' }), 415, 'attachmentType');
      const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
      big.set(pdf);
      ctx.expectStatus(await upload(ctx, { subject, bytes: big, type: 'application/pdf', name: 'stor.pdf' }), 413, 'attachmentTooLarge');

      const ids = [a.id];
      for (let i = 1; i < 6; i++) ids.push(ctx.expectStatus(await upload(ctx, { subject, bytes: tinyPng(), type: 'image/png', name: `bilde-${i}.png` }), 201).body.id);
      const six = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: six files', attachmentIds: ids } }), 400, 'validation');
      assertFieldError(six, '/attachmentIds', 'too-many', 'six attachments');
      const five = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: five files', attachmentIds: ids.slice(0, 5) } }), 201);
      assert.deepEqual(five.body.attachments.map((/** @type {any} */ x) => x.id), ids.slice(0, 5), 'the message carries its five attachments');
    },
  },
  {
    title: 'attachments: the uploader may download it before it is sent, every party after (the same bytes, as a download)',
    async run(ctx, t) {
      const { subject, thread } = await suiteThread(ctx);
      const pdf = tinyPdf('download');
      const a = ctx.expectStatus(await upload(ctx, { subject, bytes: pdf, type: 'application/pdf', name: 'Nedlasting.pdf' }), 201).body;
      const path = `/v1/subjects/${subject}/attachments/${a.id}`;
      const own = ctx.expectStatus(await ctx.call({ path }), 200);
      assert.deepEqual(Buffer.from(own.bytes), Buffer.from(pdf), 'the same bytes');
      assert.equal(own.headers.get('content-type')?.split(';')[0], 'application/pdf');
      assert.match(own.headers.get('content-disposition') ?? '', /^attachment/, 'Content-Disposition: attachment');
      assert.equal(own.headers.get('x-content-type-options'), 'nosniff');
      ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/attachments/contract-suite-no-such-file` }), 404, 'notFound');
      ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: with a file', attachmentIds: [a.id] } }), 201);
      ctx.expectStatus(await ctx.call({ path }), 200);
      if (!ctx.target.persons.relative) {
        t.diagnostic('no relative person: the download by another party is not checked');
        return;
      }
      const relative = await ctx.me('relative');
      if (!relative.subjects.some((/** @type {any} */ s) => s.id === subject && s.scopes.includes('messages'))) {
        t.diagnostic(`the relative may not read messages of ${subject}: the download by another party is not checked`);
        return;
      }
      const theirs = ctx.expectStatus(await ctx.call({ as: 'relative', path }), 200);
      assert.deepEqual(Buffer.from(theirs.bytes), Buffer.from(pdf), 'the relative gets the same bytes');
    },
  },
  {
    title: "another person gets 404 for your subject's threads, thread and attachment, and for their ids under their own subject",
    needs: ['other'],
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const a = ctx.expectStatus(await upload(ctx, { subject, bytes: tinyPdf('private'), type: 'application/pdf', name: 'Privat.pdf' }), 201).body;
      ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: private file', attachmentIds: [a.id] } }), 201);
      const theirs = new Set((await ctx.me('other')).subjects.map((/** @type {any} */ s) => s.id));
      if (theirs.has(subject)) throw new DataError('the other person may see the person\'s subject');
      const base = `/v1/subjects/${subject}`;
      ctx.expectStatus(await ctx.call({ as: 'other', path: `${base}/threads` }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ as: 'other', path: `${base}/message-recipients` }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ as: 'other', path: `${base}/threads/${thread.id}` }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ as: 'other', path: `${base}/attachments/${a.id}` }), 404, 'notFound');
      ctx.expectStatus(await sendMessage(ctx, { as: 'other', subject, thread: thread.id, body: { text: 'contract suite: intruder' } }), 404, 'notFound');
      // Their own subjects do not reach your thread or file either.
      for (const s of (await ctx.me('other')).subjects.filter((/** @type {any} */ x) => x.scopes.includes('messages'))) {
        ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${s.id}/threads/${thread.id}` }), 404, 'notFound');
        ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${s.id}/attachments/${a.id}` }), 404, 'notFound');
      }
    },
  },
];
