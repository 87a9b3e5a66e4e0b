/** The SDK against the msw mocks' messages handlers (run in the page through getResponse). */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { createMockApi, tinyPdf } from '@omsorg/mocks';
import { createClient } from './client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { BASE, turn, until } from './test/fixtures.js';

function setup() {
  const api = createMockApi({ baseUrl: BASE, now: () => new Date('2025-06-11T10:00:00+02:00') });
  const seen: Array<{ method: string; url: string; key: string | null; ifNoneMatch: string | null; status: number }> = [];
  let loseNext = false;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const res = (await getResponse(api.handlers, request)) ?? new Response(null, { status: 404 });
    seen.push({ method: request.method, url: request.url, key: request.headers.get('idempotency-key'), ifNoneMatch: request.headers.get('if-none-match'), status: res.status });
    if (loseNext && request.method === 'POST') {
      loseNext = false;
      throw new TypeError('Failed to fetch'); // handled by the server, the answer lost
    }
    return res;
  }) as typeof globalThis.fetch;
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: BASE, auth, fetch, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } });
  return { client, seen, lose: () => (loseNext = true) };
}

describe('SDK against the mocks: messages', () => {
  it('reads threads conditionally: the second read is a 304 with the same page', async () => {
    const { client, seen } = setup();
    const first = await client.listThreads();
    expect(first.items.length).to.be.greaterThan(0);
    expect(await client.listThreads()).to.deep.equal(first);
    expect(seen.map((s) => s.status)).to.deep.equal([200, 304]);
    expect(seen[1]!.ifNoneMatch).to.be.a('string');
  });

  it('a reply whose answer is lost is sent again with the same key and stored once', async () => {
    const { client, seen, lose } = setup();
    const open = (await client.listThreads()).items.find((t) => t.status === 'open')!;
    const text = `Svar ${Math.random()}`;
    lose();
    const { id } = client.queueMessage({ kind: 'reply', subjectId: 'me', threadId: open.id, text });
    await until(() => client.outbox()[0]?.status === 'sent', 20_000, 'sent');
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts.map((p) => p.key)).to.deep.equal([id, id]);
    const thread = await client.getThread('me', open.id);
    expect(thread.messages.filter((m) => m.text === text)).to.have.length(1);
  });

  it('a reply to a closed thread is not-sent with thread-closed and not retried', async () => {
    const { client, seen } = setup();
    const closed = (await client.listThreads()).items.find((t) => t.status === 'closed')!;
    client.queueMessage({ kind: 'reply', subjectId: 'me', threadId: closed.id, text: 'Hallo?' });
    await until(() => client.outbox()[0]?.status === 'not-sent', 20_000, 'not-sent');
    expect(client.outbox()[0]!.error?.type).to.equal(problemTypes.threadClosed);
    expect(client.outbox()[0]!.nextRetryAt).to.equal(undefined);
    // No resend is planned (no retry time above), so one task later there is still one POST.
    await turn();
    expect(seen.filter((s) => s.method === 'POST')).to.have.length(1);
  });

  it('uploads a PDF and downloads the same bytes', async () => {
    const { client } = setup();
    const bytes = tinyPdf('Hei');
    const att = await client.uploadAttachment('me', new File([new Uint8Array(bytes)], 'brev.pdf', { type: 'application/pdf' }));
    expect(att.contentType).to.equal('application/pdf');
    expect(att.filename).to.equal('brev.pdf');
    const blob = await client.downloadAttachment('me', att.id);
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...bytes]);
  });
});
