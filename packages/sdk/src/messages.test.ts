import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { encodeFilename } from '@omsorg/contract';
import type { ClientConfig } from './types.js';
import {
  BASE, attachment, draft, fakeFetch, json, message, problem, record, rejection, steps, thread, threadDetail, threadPage,
  type Call,
} from './test/fixtures.js';
import { messageServer } from './test/message-server.js';

const FAST = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const auth = () => createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });

function setup(handler: (call: Call, n: number) => Response | Promise<Response>, config: Partial<ClientConfig> = {}) {
  const { fetch, calls } = fakeFetch(handler);
  const client = createClient({ baseUrl: BASE, retry: FAST, auth: auth(), ...config, fetch });
  return { client, calls, rec: record(client) };
}

const bytes = (...b: number[]) => new Uint8Array(b);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37);

describe('messages: calls', () => {
  it('lists recipients of the current subject and validates them', async () => {
    const body = { items: [{ grantedServiceId: 'gs1', serviceType: { system: 's', code: '15' }, careService: { id: 'cs1', name: 'X' }, replyPolicy: { expectedReplyWorkingDays: 3, notice: 'Svar innen tre dager' } }] };
    const { client, calls } = setup(steps(() => json(body), () => json({ items: [{ ...body.items[0], replyPolicy: { expectedReplyWorkingDays: 'three' } }] })));
    client.setSubject('rel-1');
    expect(await client.listMessageRecipients()).to.deep.equal(body);
    expect(calls[0]!.url).to.equal(`${BASE}/v1/subjects/rel-1/message-recipients`);
    expect((await rejection(client.listMessageRecipients('me'))).kind).to.equal('invalid-response');
  });

  it('lists threads with limit and cursor and takes the unread count from any page', async () => {
    const { client, calls, rec } = setup(() => json(threadPage([thread()], 4, 'next')));
    const p = await client.listThreads({ subjectId: 'a b', limit: 10, cursor: 'c&d' });
    expect(p.nextCursor).to.equal('next');
    expect(calls[0]!.url).to.equal(`${BASE}/v1/subjects/a%20b/threads?limit=10&cursor=c%26d`);
    expect(client.unreadCount('a b')).to.equal(4);
    expect(client.unreadCount()).to.equal(undefined);
    expect(rec.of('unread-changed')).to.deep.equal([{ subjectId: 'a b', count: 4 }]);
    // Only the first page is announced as the list.
    expect(rec.of('threads-changed')).to.have.length(0);
  });

  it('sends If-None-Match with the last ETag; a 304 keeps the stored copy and has no body', async () => {
    const page = threadPage();
    const { client, calls, rec } = setup(
      steps(
        () => json(page, 200, { etag: 'W/"l1"' }),
        () => new Response(null, { status: 304, headers: { etag: 'W/"l1"' } }),
        () => json(threadPage([], 0), 200, { etag: 'W/"l2"' }),
      ),
    );
    expect(await client.listThreads()).to.deep.equal(page);
    expect(calls[0]!.headers.get('if-none-match')).to.equal(null);
    expect(await client.listThreads()).to.deep.equal(page);
    expect(calls[1]!.headers.get('if-none-match')).to.equal('W/"l1"');
    expect((await client.listThreads()).items).to.deep.equal([]);
    expect(calls[2]!.headers.get('if-none-match')).to.equal('W/"l1"');
    expect(rec.of('threads-changed').map((e) => e.page.items.length)).to.deep.equal([1, 0]);
    expect(rec.of('unread-changed').map((e) => e.count)).to.deep.equal([1, 0]);
  });

  it('a 304 to a request that was not conditional is an invalid response', async () => {
    const { client } = setup(() => new Response(null, { status: 304 }));
    const err = await rejection(client.getDraft('me', 't1'));
    expect(err.kind).to.equal('invalid-response');
  });

  it('gets a thread conditionally, checks its ETag and announces a newer copy once', async () => {
    const t1 = threadDetail();
    const t2 = threadDetail({ version: 'tv2', messages: [message(), message({ id: 'm2' })] });
    const { client, calls, rec } = setup(
      steps(
        () => json(t1, 200, { etag: '"tv1"' }),
        () => new Response(null, { status: 304 }),
        () => json(t2, 200, { etag: '"tv2"' }),
        () => json(t2, 200, { etag: '"other"' }),
      ),
    );
    expect(await client.getThread('me', 't1')).to.deep.equal(t1);
    expect(await client.getThread('me', 't1')).to.deep.equal(t1);
    expect(calls[1]!.headers.get('if-none-match')).to.equal('"tv1"');
    expect((await client.getThread('me', 't1')).messages).to.have.length(2);
    expect(rec.of('thread-changed').map((e) => e.thread.version)).to.deep.equal(['tv1', 'tv2']);
    const err = await rejection(client.getThread('me', 't1'));
    expect(err.kind).to.equal('invalid-response');
    expect(err.detail).to.equal('etag');
  });

  it('shares one fetch between concurrent reads of a thread', async () => {
    const { client, calls } = setup(() => json(threadDetail(), 200, { etag: '"tv1"' }));
    await Promise.all([client.getThread('me', 't1'), client.getThread('me', 't1')]);
    expect(calls).to.have.length(1);
  });

  it('marks a thread seen: PUT body, unread count and stored copies change at once', async () => {
    const server = messageServer();
    const client = createClient({ baseUrl: BASE, retry: FAST, auth: auth(), fetch: server.fetch });
    const rec = record(client);
    await client.listThreads();
    await client.getThread('me', 't1');
    expect(client.unreadCount()).to.equal(1);
    const state = await client.markThreadSeen('me', 't1', 'm1');
    expect(state).to.deep.equal({ threadId: 't1', unreadCount: 0, totalUnreadCount: 0 });
    expect(client.unreadCount()).to.equal(0);
    expect(rec.of('unread-changed').map((e) => e.count)).to.deep.equal([1, 0]);
    expect(rec.of('threads-changed').at(-1)!.page.items[0]!.unreadCount).to.equal(0);
    expect(rec.of('thread-changed').at(-1)!.thread.messages[0]!.unread).to.equal(false);
    const put = server.calls('PUT', '/threads/t1/seen');
    expect(put).to.have.length(1);
    // Seeing it again changes nothing, so nothing is announced.
    const before = rec.events.length;
    await client.markThreadSeen('me', 't1', 'm1');
    expect(rec.events.length).to.equal(before);
  });

  it('drafts: 404 is null, create with If-None-Match: *, replace with If-Match, delete', async () => {
    const d = draft();
    const { client, calls } = setup(
      steps(
        () => problem(404, problemTypes.notFound),
        () => json(d, 200, { etag: '"d1"' }),
        () => json(draft({ version: 'd2', text: 'Mer' }), 200, { etag: '"d2"' }),
        () => new Response(null, { status: 204 }),
        () => problem(404, problemTypes.notFound),
        () => problem(412, problemTypes.preconditionFailed),
      ),
    );
    expect(await client.getDraft('me', 'new')).to.equal(null);
    expect(await client.saveDraft('me', 't1', { text: 'Utkast' }, null)).to.deep.equal(d);
    expect(calls[1]!.method).to.equal('PUT');
    expect(calls[1]!.headers.get('if-none-match')).to.equal('*');
    expect(calls[1]!.headers.get('if-match')).to.equal(null);
    expect(JSON.parse(calls[1]!.body!)).to.deep.equal({ text: 'Utkast' });
    expect((await client.saveDraft('me', 't1', { text: 'Mer' }, 'd1')).version).to.equal('d2');
    expect(calls[2]!.headers.get('if-match')).to.equal('"d1"');
    await client.deleteDraft('me', 't1', 'd2');
    expect(calls[3]!.method).to.equal('DELETE');
    expect(calls[3]!.headers.get('if-match')).to.equal('"d2"');
    await client.deleteDraft('me', 't1', 'd2'); // already gone: fine
    const err = await rejection(client.deleteDraft('me', 't1', 'd1'));
    expect(err.status).to.equal(412);
    expect(calls.map((c) => c.url.slice(BASE.length))).to.include('/v1/subjects/me/drafts/new');
  });

  it('getDraft rejects other errors and a draft whose ETag disagrees', async () => {
    const { client } = setup(steps(() => problem(403, problemTypes.forbidden), () => json(draft(), 200, { etag: '"x"' })));
    expect((await rejection(client.getDraft('me', 't1'))).status).to.equal(403);
    expect((await rejection(client.getDraft('me', 't1'))).detail).to.equal('etag');
  });

  it('uploads the file as the body with its type, an encoded file name and an Idempotency-Key reused on retry', async () => {
    const bodies: Uint8Array[] = [];
    const headers: Headers[] = [];
    const answers = [() => problem(503, problemTypes.unavailable), () => json(attachment(), 201)];
    let n = 0;
    const fetch = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      bodies.push(new Uint8Array(await (init.body as Blob).arrayBuffer()));
      headers.push(new Headers(init.headers));
      return answers[n++]!();
    }) as typeof globalThis.fetch;
    const client = createClient({ baseUrl: BASE, retry: FAST, auth: auth(), fetch });
    const file = new File([PDF], 'Vedtak (ny) 100%.pdf', { type: 'application/pdf' });
    expect(await client.uploadAttachment('me', file)).to.deep.equal(attachment());
    expect(bodies).to.have.length(2);
    expect([...bodies[1]!]).to.deep.equal([...PDF]);
    expect(headers[0]!.get('content-type')).to.equal('application/pdf');
    expect(headers[0]!.get('content-disposition')).to.equal("attachment; filename*=UTF-8''Vedtak%20%28ny%29%20100%25.pdf");
    const key = headers[0]!.get('idempotency-key');
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    expect(headers[1]!.get('idempotency-key')).to.equal(key);
  });

  it('names the type from the content when the file has none, and takes a given key', async () => {
    const { client, calls } = setup(() => json(attachment(), 201));
    await client.uploadAttachment('me', new Blob([PDF]), { idempotencyKey: 'key-abcdefgh' });
    expect(calls[0]!.headers.get('content-type')).to.equal('application/pdf');
    expect(calls[0]!.headers.get('content-disposition')).to.equal("attachment; filename*=UTF-8''attachment");
    expect(calls[0]!.headers.get('idempotency-key')).to.equal('key-abcdefgh');
  });

  it('encodes file names as RFC 8187 UTF-8 with the characters it does not allow escaped', () => {
    expect(encodeFilename("Brev til Åse's (kopi)*.pdf")).to.equal("UTF-8''Brev%20til%20%C3%85se%27s%20%28kopi%29%2A.pdf");
  });

  it('passes upload refusals through as problems', async () => {
    const { client, calls } = setup(() => problem(415, problemTypes.attachmentType));
    const err = await rejection(client.uploadAttachment('me', new File([bytes(1, 2, 3)], 'x.pdf', { type: 'application/pdf' })));
    expect(err.status).to.equal(415);
    expect(err.type).to.equal(problemTypes.attachmentType);
    expect(calls).to.have.length(1);
  });

  it('downloads an attachment as a Blob and refuses other content types', async () => {
    const { client, calls } = setup(
      steps(
        () => new Response(PDF, { headers: { 'content-type': 'application/pdf' } }),
        () => new Response('<script>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    const blob = await client.downloadAttachment('me', 'att1');
    expect(blob.type).to.equal('application/pdf');
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...PDF]);
    expect(calls[0]!.url).to.equal(`${BASE}/v1/subjects/me/attachments/att1`);
    expect(calls[0]!.headers.get('accept')).to.contain('application/pdf');
    expect((await rejection(client.downloadAttachment('me', 'att1'))).kind).to.equal('invalid-response');
  });
});
