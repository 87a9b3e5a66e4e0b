import { expect } from '@open-wc/testing';
import { messageLimits, problemTypes, type Message, type Thread } from '@omsorg/contract';
import { createDb } from './db.js';
import { recordSources, subjectIds, type PersonKey } from '@omsorg/fixtures';
import { fixtureAttachmentIds, threadIds, tinyPdf, tinyPng } from '@omsorg/fixtures';
import { pdfRefusal } from '@omsorg/contract';
import { downloadDisposition as contentDisposition, filenameFromDisposition as filenameFrom } from '@omsorg/contract';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { download, draft, expectErrors, expectProblem, key, pdfWith, reply, seen, start, thread, threads, upload } from './test/messages-api.js';
import { API, call, NOW, useMocks, type Call } from './test/worker.js';

describe('messages: recipients and threads', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('lists the active and planned granted services as recipients, with their reply policy', async () => {
    await useMocks();
    const ola = await call('/v1/subjects/me/message-recipients');
    expect(ola.status).to.equal(200);
    expect(ola.headers.get('cache-control')).to.equal('no-store');
    expect(validateAs(doc, 'RecipientList', ola.body)).to.deep.equal([]);
    expect(ola.body.items.map((r: { grantedServiceId: string }) => r.grantedServiceId).sort()).to.deep.equal(
      ['vedtak-ola-alarm', 'vedtak-ola-dagsenter', 'vedtak-ola-hsp', 'vedtak-ola-prakt'],
    );
    const nursing = ola.body.items.find((r: { grantedServiceId: string }) => r.grantedServiceId === 'vedtak-ola-hsp');
    expect(nursing.replyPolicy.expectedReplyWorkingDays).to.equal(2);
    expect(nursing.replyPolicy.notice).to.contain('21 00 00 15');
    const emma = await call(`/v1/subjects/${subjectIds.emma}/message-recipients`, { person: 'per' });
    expect(emma.body.items.map((r: { grantedServiceId: string }) => r.grantedServiceId)).to.include('vedtak-emma-stottekontakt');
    expect(emma.body.items).to.have.length(3);
  });

  it("gives each of Per's recipients the source of its granted service: Bergen's home nursing, Askøy's respite stays", async () => {
    await useMocks();
    const r = await call('/v1/subjects/me/message-recipients', { person: 'per' });
    expect(r.status).to.equal(200);
    expect(validateAs(doc, 'RecipientList', r.body)).to.deep.equal([]);
    const services = (await call('/v1/subjects/me/services', { person: 'per' })).body.items as { id: string; source?: unknown }[];
    const byId = Object.fromEntries(r.body.items.map((x: { grantedServiceId: string; source?: unknown }) => [x.grantedServiceId, x.source]));
    expect(byId).to.deep.equal({ 'vedtak-bgo-per-hsp': recordSources.bergen, 'vedtak-ask-per-avl': recordSources.askoy });
    for (const x of r.body.items) expect(x.source).to.deep.equal(services.find((s) => s.id === x.grantedServiceId)?.source);
    // One record system, not said: Ola's recipients say no source.
    const ola = await call('/v1/subjects/me/message-recipients');
    for (const x of ola.body.items) expect(x).not.to.have.property('source');
  });

  it("lists Ola's threads latest first with his unread state, and the fixtures' roles", async () => {
    await useMocks();
    const r = await threads();
    expect(r.status).to.equal(200);
    expect(validateAs(doc, 'ThreadPage', r.body)).to.deep.equal([]);
    const items: Thread[] = r.body.items;
    expect(items.map((t) => t.id)).to.deep.equal([threadIds.olaStaffStarted, threadIds.olaByKari, threadIds.olaUnreadReply, threadIds.olaClosed]);
    const at = items.map((t) => Date.parse(t.lastActivityAt));
    expect(at).to.deep.equal([...at].sort((a, b) => b - a));
    const by = (id: string) => items.find((t) => t.id === id)!;
    expect(by(threadIds.olaUnreadReply)).to.include({ unreadCount: 1, startedBy: 'citizen', status: 'open' });
    expect(by(threadIds.olaUnreadReply).lastMessage?.sender).to.include({ role: 'staff', isCurrentUser: false });
    expect(by(threadIds.olaStaffStarted)).to.include({ unreadCount: 1, startedBy: 'staff' });
    expect(by(threadIds.olaClosed)).to.include({ unreadCount: 0, status: 'closed' });
    expect(by(threadIds.olaByKari)).to.include({ unreadCount: 0, startedBy: 'relative' });
    expect(r.body.unreadCount).to.equal(2);
    expect(r.body.nextCursor).to.equal(null);
    for (const t of items) {
      expect(t.createdAt.slice(-6)).to.equal('+02:00');
      expect(t.replyPolicy.expectedReplyWorkingDays).to.be.at.least(1);
    }
    // Kari (messages scope for her father) has her own read pointers.
    const kari = await threads(subjectIds.ola, 'kari');
    expect(kari.status).to.equal(200);
    expect(kari.body.unreadCount).to.equal(3);
    expect(kari.headers.get('etag')).to.not.equal(r.headers.get('etag'));
  });

  it('pages threads with limit and cursor, and refuses bad queries', async () => {
    await useMocks();
    const first = await call('/v1/subjects/me/threads?limit=3');
    expect(first.body.items).to.have.length(3);
    const second = await call(`/v1/subjects/me/threads?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((t: Thread) => t.id)).to.deep.equal([threadIds.olaClosed]);
    expect(second.body.nextCursor).to.equal(null);
    for (const q of ['?limit=0', '?limit=501', '?limit=x', '?cursor=nope']) expectProblem(await call(`/v1/subjects/me/threads${q}`), 400, problemTypes.validation);
    const appointmentsCursor = (await call('/v1/subjects/me/appointments?limit=2')).body.nextCursor;
    expectProblem(await call(`/v1/subjects/me/threads?cursor=${encodeURIComponent(appointmentsCursor)}`), 400, problemTypes.validation);
  });

  it('answers If-None-Match with 304 on the list and a thread until something changes', async () => {
    const mock = await useMocks();
    const list = await threads();
    const tag = list.headers.get('etag')!;
    expect(tag).to.match(/^W\/"[0-9a-f]+"$/);
    const again = await threads('me', 'ola', { 'If-None-Match': tag });
    expect(again.status).to.equal(304);
    expect(again.body).to.equal(undefined);
    expect(again.headers.get('cache-control')).to.equal('no-store');
    const t = await thread(threadIds.olaUnreadReply);
    const ttag = t.headers.get('etag')!;
    expect(ttag).to.equal(`"${t.body.version}"`);
    expect((await thread(threadIds.olaUnreadReply, 'me', 'ola', { 'If-None-Match': ttag })).status).to.equal(304);
    mock.api.db.staffReply(threadIds.olaUnreadReply, 'Vi kommer litt senere i dag.');
    expect((await threads('me', 'ola', { 'If-None-Match': tag })).status).to.equal(200);
    const changed = await thread(threadIds.olaUnreadReply, 'me', 'ola', { 'If-None-Match': ttag });
    expect(changed.status).to.equal(200);
    expect(changed.body.unreadCount).to.equal(2);
  });

  it('gives one thread oldest first, with attachments, unread, senders and seenSinceLastUpdate', async () => {
    await useMocks();
    const r = await thread(threadIds.olaUnreadReply);
    expect(validateAs(doc, 'ThreadDetail', r.body)).to.deep.equal([]);
    const [asked, answered] = r.body.messages as Message[];
    expect(asked!.sender).to.deep.equal({ role: 'citizen', name: 'Ola Nordmann', onBehalfOf: null, isCurrentUser: true });
    expect(asked!.unread).to.equal(false);
    expect(answered!.sender.role).to.equal('staff');
    expect(answered!.unread).to.equal(true);
    expect(answered!.attachments).to.deep.equal([{ id: fixtureAttachmentIds.olaPdf, filename: 'Medisinliste.pdf', contentType: 'application/pdf', size: tinyPdf('Medisinliste').length }]);
    expect(Date.parse(asked!.sentAt)).to.be.lessThan(Date.parse(answered!.sentAt));
    const byKari = await thread(threadIds.olaByKari);
    expect(byKari.body.messages[0].sender).to.deep.include({ role: 'relative', name: 'Kari Nordmann', onBehalfOf: 'Ola Nordmann', isCurrentUser: false });
    expect(byKari.body.seenSinceLastUpdate.map((s: { role: string; isCurrentUser: boolean }) => [s.role, s.isCurrentUser])).to.deep.equal([
      ['staff', false],
      ['citizen', true],
    ]);
    const asKari = await thread(threadIds.olaByKari, subjectIds.ola, 'kari');
    expect(asKari.body.messages[0].sender.isCurrentUser).to.equal(true);
    expect(asKari.body.seenSinceLastUpdate.every((s: { isCurrentUser: boolean }) => !s.isCurrentUser)).to.equal(true);
    expectProblem(await thread('thr-nothing'), 404, problemTypes.notFound);
    expectProblem(await thread(threadIds.emma), 404, problemTypes.notFound);
  });

  it('refuses another person (404) and a grant without the messages scope (403)', async () => {
    const db = createDb({ now: NOW });
    await useMocks({ db });
    expectProblem(await threads(subjectIds.ola, 'per'), 404, problemTypes.notFound);
    expectProblem(await call(`/v1/subjects/${subjectIds.emma}/threads/${threadIds.emma}`, { person: 'ola' }), 404, problemTypes.notFound);
    db.me.get('kari')!.subjects[1]!.scopes = ['appointments.read'];
    for (const path of ['threads', 'message-recipients', `threads/${threadIds.olaByKari}`, 'drafts/new', `attachments/${fixtureAttachmentIds.olaPdf}`]) {
      expectProblem(await call(`/v1/subjects/${subjectIds.ola}/${path}`, { person: 'kari' }), 403, problemTypes.forbidden);
    }
    expectProblem(await reply(threadIds.olaByKari, { text: 'Hei' }, subjectIds.ola, 'kari'), 403, problemTypes.forbidden);
  });
});

describe('messages: writing', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('starts a thread with a care service the subject receives', async () => {
    await useMocks();
    const r = await start({ grantedServiceId: 'vedtak-ola-hsp', title: 'Spørsmål om kveldsbesøk', text: 'Hei\r\nKan dere komme litt tidligere?' });
    expect(r.status).to.equal(201);
    expect(validateAs(doc, 'ThreadDetail', r.body)).to.deep.equal([]);
    expect(r.headers.get('etag')).to.equal(`"${r.body.version}"`);
    expect(r.body).to.include({ status: 'open', startedBy: 'citizen', messageCount: 1, unreadCount: 0, title: 'Spørsmål om kveldsbesøk' });
    expect(r.body.careService.id).to.equal('cs-hjemmesykepleie-nord');
    expect(r.body.messages[0].text).to.equal('Hei\nKan dere komme litt tidligere?');
    expect(r.body.messages[0].sentAt).to.equal('2025-06-11T10:00:00+02:00');
    expect((await threads()).body.items[0].id).to.equal(r.body.id);
    // Kari writes for her father: role relative, on his behalf.
    const k = await start({ grantedServiceId: 'vedtak-ola-alarm', title: 'Alarm', text: 'Batteriet piper.' }, subjectIds.ola, 'kari');
    expect(k.body.startedBy).to.equal('relative');
    expect(k.body.messages[0].sender).to.deep.equal({ role: 'relative', name: 'Kari Nordmann', onBehalfOf: 'Ola Nordmann', isCurrentUser: true });
    // Ola sees Kari's message as unread.
    expect((await thread(k.body.id)).body.unreadCount).to.equal(1);
  });

  it('refuses a service the subject does not receive (422 recipient-not-allowed)', async () => {
    await useMocks();
    for (const grantedServiceId of ['vedtak-ola-mat', 'vedtak-emma-regnbuen', 'vedtak-nothing']) {
      expectProblem(await start({ grantedServiceId, title: 'Hei', text: 'Hei' }), 422, problemTypes.recipientNotAllowed);
    }
    expect((await threads()).body.items).to.have.length(4);
  });

  it('enforces the text rules of the contract with field errors', async () => {
    await useMocks();
    const base = { grantedServiceId: 'vedtak-ola-hsp', title: 'Hei' };
    expectErrors(await start({ ...base, text: 'x'.repeat(messageLimits.textMaxChars + 1) }), [{ pointer: '/text', code: 'too-long' }]);
    expectErrors(await start({ ...base, text: 'Ring \u202Eenohp' }), [{ pointer: '/text', code: 'invalid-character' }]);
    expectErrors(await start({ ...base, text: 'a\u0000b' }), [{ pointer: '/text', code: 'invalid-character' }]);
    expectErrors(await start({ ...base, text: ' \n\t ' }), [{ pointer: '/text', code: 'required' }]);
    expectErrors(await start({ grantedServiceId: 'vedtak-ola-hsp', text: 'Hei', extra: 1 }), [{ pointer: '/title', code: 'required' }, { pointer: '/extra', code: 'invalid' }]);
    expectErrors(await start({ ...base, title: 't'.repeat(121), text: 5 }), [{ pointer: '/title', code: 'too-long' }, { pointer: '/text', code: 'invalid' }]);
    expectErrors(await start({ title: 'Hei', text: 'Hei' }), [{ pointer: '/grantedServiceId', code: 'required' }]);
    // Code points, not UTF-16 units: 4,000 emoji are 8,000 units and allowed.
    expect((await start({ ...base, text: '🙂'.repeat(messageLimits.textMaxChars) })).status).to.equal(201);
    expectErrors(await reply(threadIds.olaUnreadReply, { text: '🙂'.repeat(messageLimits.textMaxChars + 1) }), [{ pointer: '/text', code: 'too-long' }]);
    expectProblem(await start('not json'), 400, problemTypes.validation);
    expectProblem(await start({ ...base, text: 'Hei' }, 'me', 'ola', null), 400, problemTypes.idempotencyKeyMissing);
  });

  it('replies, with an idempotent replay and 422 for the same key with another body', async () => {
    await useMocks();
    const k = key();
    const first = await reply(threadIds.olaUnreadReply, { text: 'Takk!' }, 'me', 'ola', k);
    expect(first.status).to.equal(201);
    expect(validateAs(doc, 'Message', first.body)).to.deep.equal([]);
    expect(first.body).to.deep.include({ threadId: threadIds.olaUnreadReply, text: 'Takk!', unread: false });
    const again = await reply(threadIds.olaUnreadReply, { text: 'Takk!' }, 'me', 'ola', k);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expectProblem(await reply(threadIds.olaUnreadReply, { text: 'Takk igjen!' }, 'me', 'ola', k), 422, problemTypes.idempotencyKeyReused);
    expectProblem(await reply(threadIds.olaByKari, { text: 'Takk!' }, 'me', 'ola', k), 422, problemTypes.idempotencyKeyReused);
    const t = (await thread(threadIds.olaUnreadReply)).body;
    expect(t.messages.filter((m: Message) => m.text === 'Takk!')).to.have.length(1);
    // Sending means Ola has seen the thread; the nurse's reply is no longer unread.
    expect(t.unreadCount).to.equal(0);
    // Kari has not seen Ola's reply.
    expect((await thread(threadIds.olaUnreadReply, subjectIds.ola, 'kari')).body.messages.at(-1).unread).to.equal(true);
    expectProblem(await reply('thr-nothing', { text: 'Hei' }), 404, problemTypes.notFound);
  });

  it('refuses replies to a closed thread (409 thread-closed), after validation', async () => {
    await useMocks();
    expectProblem(await reply(threadIds.olaClosed, { text: 'Hei igjen' }), 409, problemTypes.threadClosed);
    expectErrors(await reply(threadIds.olaClosed, { text: '' }), [{ pointer: '/text', code: 'required' }]);
  });

  it('marks a thread seen up to a message, lowering the unread counts (idempotent, never backwards)', async () => {
    await useMocks();
    const before = await threads();
    const t = (await thread(threadIds.olaStaffStarted)).body;
    const r = await seen(threadIds.olaStaffStarted, { upToMessageId: t.messages[0].id });
    expect(r.status).to.equal(200);
    expect(validateAs(doc, 'SeenState', r.body)).to.deep.equal([]);
    expect(r.body).to.deep.equal({ threadId: threadIds.olaStaffStarted, unreadCount: 0, totalUnreadCount: before.body.unreadCount - 1 });
    const after = await thread(threadIds.olaStaffStarted);
    expect(after.body.version).to.not.equal(t.version);
    expect(after.body.seenSinceLastUpdate.map((s: { name: string }) => s.name)).to.include('Ola Nordmann');
    expect((await threads('me', 'ola', { 'If-None-Match': before.headers.get('etag')! })).status).to.equal(200);
    expect((await seen(threadIds.olaStaffStarted, { upToMessageId: t.messages[0].id })).body.unreadCount).to.equal(0);
    // Kari's unread state is her own.
    expect((await thread(threadIds.olaStaffStarted, subjectIds.ola, 'kari')).body.unreadCount).to.equal(1);
    const old = (await thread(threadIds.olaUnreadReply)).body;
    await seen(threadIds.olaUnreadReply, { upToMessageId: old.messages[1].id });
    expect((await seen(threadIds.olaUnreadReply, { upToMessageId: old.messages[0].id })).body.unreadCount).to.equal(0);
    expectErrors(await seen(threadIds.olaUnreadReply, { upToMessageId: 'msg-elsewhere' }), [{ pointer: '/upToMessageId', code: 'invalid' }]);
    expectErrors(await seen(threadIds.olaUnreadReply, {}), [{ pointer: '/upToMessageId', code: 'required' }]);
    expectProblem(await seen('thr-nothing', { upToMessageId: 'x' }), 404, problemTypes.notFound);
  });
});

describe('messages: drafts', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('creates with If-None-Match: *, replaces with If-Match, refuses stale (412) and missing (428) preconditions', async () => {
    await useMocks();
    const k = threadIds.olaUnreadReply;
    expectProblem(await draft(k), 404, problemTypes.notFound);
    expectProblem(await draft(k, { method: 'PUT', body: { text: 'Hei' } }), 428, problemTypes.preconditionRequired);
    const created = await draft(k, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Hei' } });
    expect(created.status).to.equal(200);
    expect(validateAs(doc, 'Draft', created.body)).to.deep.equal([]);
    expect(created.headers.get('etag')).to.equal(`"${created.body.version}"`);
    expect(created.body).to.deep.include({ key: k, text: 'Hei', title: null, attachments: [] });
    expectProblem(await draft(k, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Annen fane' } }), 412, problemTypes.preconditionFailed);
    const replaced = await draft(k, { method: 'PUT', headers: { 'If-Match': created.headers.get('etag')! }, body: { text: 'Hei på deg' } });
    expect(replaced.status).to.equal(200);
    expect(replaced.body.version).to.not.equal(created.body.version);
    expectProblem(await draft(k, { method: 'PUT', headers: { 'If-Match': created.headers.get('etag')! }, body: { text: 'Gammel fane' } }), 412, problemTypes.preconditionFailed);
    expect((await draft(k)).body.text).to.equal('Hei på deg');
    // A draft belongs to the signed-in person, not the subject.
    expectProblem(await draft(k, { person: 'kari', subject: subjectIds.ola }), 404, problemTypes.notFound);
    expectProblem(await draft(k, { method: 'DELETE' }), 428, problemTypes.preconditionRequired);
    expectProblem(await draft(k, { method: 'DELETE', headers: { 'If-Match': created.headers.get('etag')! } }), 412, problemTypes.preconditionFailed);
    const deleted = await draft(k, { method: 'DELETE', headers: { 'If-Match': replaced.headers.get('etag')! } });
    expect(deleted.status).to.equal(204);
    expectProblem(await draft(k), 404, problemTypes.notFound);
    // Re-created: a new version, so the old ETag cannot match it.
    const again = await draft(k, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: '' } });
    expect([created.body.version, replaced.body.version]).to.not.include(again.body.version);
  });

  it('validates drafts (20,000 characters, a known key) and deletes them when the message is sent', async () => {
    await useMocks();
    const put = (k: string, body: unknown) => draft(k, { method: 'PUT', headers: { 'If-None-Match': '*' }, body });
    expect((await put('new', { text: 'x'.repeat(messageLimits.textMaxChars + 1), title: 'Hei', grantedServiceId: 'vedtak-ola-hsp' })).status).to.equal(200);
    expectErrors(await put(threadIds.olaClosed, { text: 'x'.repeat(messageLimits.draftMaxChars + 1) }), [{ pointer: '/text', code: 'too-long' }]);
    expectErrors(await put(threadIds.olaClosed, { title: 'Hei' }), [{ pointer: '/text', code: 'required' }]);
    expectProblem(await put('thr-nothing', { text: 'x' }), 404, problemTypes.notFound);
    expect((await put(threadIds.olaByKari, { text: 'Utkast' })).status).to.equal(200);
    expect((await reply(threadIds.olaByKari, { text: 'Sendt' })).status).to.equal(201);
    expectProblem(await draft(threadIds.olaByKari), 404, problemTypes.notFound);
    expect((await start({ grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Sendt' })).status).to.equal(201);
    expectProblem(await draft('new'), 404, problemTypes.notFound);
  });
});

describe('messages: attachments', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('accepts PDF, PNG and JPEG by content, with the UTF-8 file name, and replays by key', async () => {
    await useMocks();
    const k = key();
    const pdf = await upload(tinyPdf('Test'), 'application/pdf', 'Legeerklæring å.pdf', { key: k });
    expect(pdf.status).to.equal(201);
    expect(validateAs(doc, 'Attachment', pdf.body)).to.deep.equal([]);
    expect(pdf.body).to.deep.include({ filename: 'Legeerklæring å.pdf', contentType: 'application/pdf', size: tinyPdf('Test').length });
    expect((await upload(tinyPdf('Test'), 'application/pdf', 'Legeerklæring å.pdf', { key: k })).body).to.deep.equal(pdf.body);
    expectProblem(await upload(tinyPng(), 'image/png', 'annet.png', { key: k }), 422, problemTypes.idempotencyKeyReused);
    expect((await upload(tinyPng(), 'image/png', 'bilde.png')).body.contentType).to.equal('image/png');
    expect((await upload(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg', 'foto.jpg')).body.contentType).to.equal('image/jpeg');
    expect((await upload(tinyPng(), 'image/png', 'C:\\Users\\ola\\bilde.png')).body.filename).to.equal('bilde.png');
  });

  it('refuses by content: other types, a mismatched declared type, PDF active content (415), too big (413), no name or empty (400)', async () => {
    await useMocks();
    const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0]);
    expectProblem(await upload(exe, 'application/pdf', 'rapport.pdf'), 415, problemTypes.attachmentType);
    expectProblem(await upload(tinyPng(), 'application/pdf', 'bilde.pdf'), 415, problemTypes.attachmentType);
    expectProblem(await upload(tinyPdf('x'), null, 'a.pdf'), 415, problemTypes.attachmentType);
    for (const active of ['/OpenAction << /S /JavaScript /JS (app.alert(1)) >>', '/AA << /O << /S /Launch /F (cmd.exe) >> >>', '/Names << /EmbeddedFiles 9 0 R >>', '/S /J#61vaScript']) {
      expectProblem(await upload(pdfWith(active), 'application/pdf', 'skjema.pdf'), 415, problemTypes.attachmentType);
    }
    const big = new Uint8Array(messageLimits.attachmentMaxBytes + 1);
    big.set(tinyPdf('big'));
    expectProblem(await upload(big, 'application/pdf', 'stor.pdf'), 413, problemTypes.attachmentTooLarge);
    const max = new Uint8Array(messageLimits.attachmentMaxBytes);
    max.set(tinyPdf('max'));
    expect((await upload(max, 'application/pdf', 'akkurat.pdf')).status).to.equal(201);
    expectProblem(await upload(tinyPdf('x'), 'application/pdf', null), 400, problemTypes.validation);
    expectProblem(await upload(new Uint8Array(0), 'application/pdf', 'tom.pdf'), 400, problemTypes.validation);
    expectProblem(await upload(tinyPdf('x'), 'application/pdf', 'rapport\u202Efdp.exe'), 400, problemTypes.validation);
  });

  it('lets only the parties download: the uploader before sending, every party after, nobody else (404)', async () => {
    await useMocks();
    const bytes = tinyPdf('Vedlegg');
    const a = (await upload(bytes, 'application/pdf', 'Vedlegg.pdf')).body;
    const own = await download(a.id);
    expect(own.status).to.equal(200);
    expect(own.bytes).to.deep.equal(bytes);
    expect(own.headers.get('content-type')).to.equal('application/pdf');
    expect(own.headers.get('content-disposition')).to.equal(`attachment; filename="Vedlegg.pdf"; filename*=UTF-8''Vedlegg.pdf`);
    expect(own.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(own.headers.get('content-security-policy')).to.equal('sandbox');
    expect(own.headers.get('cache-control')).to.equal('no-store');
    expect((await download(a.id, subjectIds.ola, 'kari')).status).to.equal(404);
    const sent = await reply(threadIds.olaUnreadReply, { text: 'Her er vedlegget.', attachmentIds: [a.id] });
    expect(sent.body.attachments).to.deep.equal([a]);
    expect((await download(a.id, subjectIds.ola, 'kari')).bytes).to.deep.equal(bytes);
    expect((await download(a.id, 'me', 'per')).status).to.equal(404);
    expect((await download(a.id, subjectIds.ola, 'per')).status).to.equal(404);
    expect((await download(fixtureAttachmentIds.emmaPdf)).status).to.equal(404);
    expect((await download(fixtureAttachmentIds.emmaPdf, subjectIds.emma, 'per')).status).to.equal(200);
    expect((await download(fixtureAttachmentIds.olaPng)).headers.get('content-type')).to.equal('image/png');
    // Sent once: it cannot go into a second message.
    expectErrors(await reply(threadIds.olaByKari, { text: 'Igjen', attachmentIds: [a.id] }), [{ pointer: '/attachmentIds/0', code: 'invalid' }]);
  });

  it('takes at most five attachments per message (400 too-many), only the sender\'s own', async () => {
    await useMocks();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(tinyPng(), 'image/png', `bilde-${i}.png`)).body.id);
    expectErrors(await reply(threadIds.olaUnreadReply, { text: 'Seks bilder', attachmentIds: ids }), [{ pointer: '/attachmentIds', code: 'too-many' }]);
    const five = await reply(threadIds.olaUnreadReply, { text: 'Fem bilder', attachmentIds: ids.slice(0, 5) });
    expect(five.status).to.equal(201);
    expect(five.body.attachments).to.have.length(5);
    const kariOwn = (await upload(tinyPng(), 'image/png', 'kari.png', { subject: subjectIds.ola, person: 'kari' })).body.id;
    expectErrors(await reply(threadIds.olaUnreadReply, { text: 'Lånt', attachmentIds: [kariOwn] }), [{ pointer: '/attachmentIds/0', code: 'invalid' }]);
    const withDraft = await draft('new', { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Utkast', attachmentIds: [ids[5]] } });
    expect(withDraft.body.attachments.map((x: { id: string }) => x.id)).to.deep.equal([ids[5]]);
  });

  it('parses file names and spots PDF active content', async () => {
    expect(filenameFrom("attachment; filename*=UTF-8''%C3%A6%C3%B8%C3%A5.pdf")).to.equal('æøå.pdf');
    expect(filenameFrom('attachment; filename="a \\"b\\".pdf"')).to.equal('a "b".pdf');
    expect(filenameFrom('attachment; filename=../x.png')).to.equal('x.png');
    expect(filenameFrom('attachment')).to.equal(null);
    expect(filenameFrom("attachment; filename*=UTF-8''%E0%A4%A")).to.equal(null);
    expect(contentDisposition('Helgeplan høst (1).pdf')).to.equal(`attachment; filename="Helgeplan h_st (1).pdf"; filename*=UTF-8''Helgeplan%20h%C3%B8st%20%281%29.pdf`);
    expect(await pdfRefusal(tinyPdf('Plain'))).to.equal(undefined);
    expect(await pdfRefusal(pdfWith('/JSON'))).to.equal(undefined);
    expect(await pdfRefusal(pdfWith('/Launch'))).to.contain('/Launch');
  });
});
