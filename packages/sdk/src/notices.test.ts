/** The SDK's notice preferences against the msw mocks (run in the page through getResponse). */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { problemTypes, type NoticePreferences } from '@omsorg/contract';
import { createMockApi } from '@omsorg/mocks';
import { subjectIds } from '@omsorg/fixtures';
import { createClient } from './client.js';
import { createLazyClient } from './lazy-client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { BASE, refusal as fail } from './test/fixtures.js';

type Seen = { method: string; key: string | null; ifMatch: string | null; ifNoneMatch: string | null; status: number };

function setup({ person = 'ola', loseFirstPut = false, lazy = false, tamper }: { person?: string; loseFirstPut?: boolean; lazy?: boolean; tamper?: (body: any) => unknown } = {}) {
  const api = createMockApi({ baseUrl: BASE, now: () => new Date('2026-12-03T10:00:00+01:00') });
  const seen: Seen[] = [];
  let lose = loseFirstPut;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const h = request.headers;
    let res = (await getResponse(api.handlers, request)) ?? new Response(null, { status: 404 });
    seen.push({ method: request.method, key: h.get('idempotency-key'), ifMatch: h.get('if-match'), ifNoneMatch: h.get('if-none-match'), status: res.status });
    if (lose && request.method === 'PUT') {
      lose = false;
      throw new TypeError('Failed to fetch'); // done on the server, the answer lost
    }
    if (tamper && res.status === 200) res = new Response(JSON.stringify(tamper(await res.json())), { status: 200, headers: res.headers });
    return res;
  }) as typeof globalThis.fetch;
  const auth = createMockAuth({ user: { sub: person, name: person }, signedIn: true, persist: false });
  const config = { baseUrl: BASE, auth, fetch, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } };
  const client = lazy ? createLazyClient(config) : createClient(config);
  const count = (method: string) => seen.filter((s) => s.method === method).length;
  return { client, seen, api, count };
}


describe('SDK: notice preferences', () => {
  it('reads the default, changes it as one PUT on the version read, and keeps the answer: no read after', async () => {
    const { client, seen, count } = setup();
    const first = await client.getNoticePreferences('me');
    expect(first).to.deep.include({ channels: [], events: [], language: 'nb', version: '0' });
    expect(first.contact).to.deep.equal({ phone: '*** ** 867', email: 'o***@example.no', reserved: false });
    const heard: string[] = [];
    client.on('notice-preferences-changed', (e) => heard.push(`${e.subjectId}:${e.preferences.version}:${e.preferences.channels.join('+')}`));
    const after = await client.setNoticePreferences('me', { channels: ['email', 'sms'], events: ['visit-reminder'], language: 'nn' });
    expect(after).to.deep.include({ channels: ['sms', 'email'], events: ['visit-reminder'], language: 'nn', version: '1' });
    expect(after.previews[0]!.subject).to.equal('Ny melding frå Fjordvik kommune');
    expect(heard).to.deep.equal(['me:1:sms+email']);
    const put = seen.find((s) => s.method === 'PUT')!;
    expect(put.ifMatch).to.equal('"0"');
    expect(put.key).to.be.a('string').with.length.greaterThan(7);
    expect(await client.getNoticePreferences('me')).to.equal(after);
    expect(count('GET'), 'the answer was stored').to.equal(1);
  });

  it('reads first when it holds no version, and one lost answer is sent again with the same key, stored once', async () => {
    const { client, seen } = setup({ loseFirstPut: true });
    const after = await client.setNoticePreferences(undefined, { channels: ['sms'], events: ['message-new'], language: 'en' });
    expect(after.version).to.equal('1');
    expect(seen.map((s) => s.method)).to.deep.equal(['GET', 'PUT', 'PUT']);
    expect(seen[2]!.key).to.equal(seen[1]!.key);
    expect(seen[2]!.ifMatch).to.equal('"0"');
    expect((await client.getNoticePreferences(undefined, { fresh: true })).version).to.equal('1');
  });

  it('asks again with If-None-Match when fresh: a 304 keeps the value it has', async () => {
    const { client, seen } = setup();
    const first = await client.getNoticePreferences('me');
    const again = await client.getNoticePreferences('me', { fresh: true });
    expect(again).to.deep.equal(first);
    expect(seen.map((s) => [s.method, s.ifNoneMatch, s.status])).to.deep.equal([
      ['GET', null, 200],
      ['GET', '"0"', 304],
    ]);
  });

  it('refuses before sending what the rules core refuses: a repeat (400), a channel without detail or while reserved (422)', async () => {
    const ola = setup();
    const repeat = await fail(ola.client.setNoticePreferences('me', { channels: ['sms', 'sms'], events: [], language: 'nb' }));
    expect({ status: repeat.status, type: repeat.type, errors: repeat.problem?.errors }).to.deep.equal({ status: 400, type: problemTypes.validation, errors: [{ pointer: '/channels/1', code: 'invalid' }] });
    const kari = setup({ person: 'kari' });
    const sms = await fail(kari.client.setNoticePreferences('me', { channels: ['email', 'sms'], events: ['message-new'], language: 'nb' }));
    expect({ status: sms.status, type: sms.type, errors: sms.problem?.errors }).to.deep.equal({ status: 422, type: problemTypes.noticeChannelUnavailable, errors: [{ pointer: '/channels/1', code: 'invalid' }] });
    expect((await kari.client.setNoticePreferences('me', { channels: ['email'], events: ['message-new'], language: 'nb' })).channels).to.deep.equal(['email']);
    const per = setup({ person: 'per' });
    expect((await fail(per.client.setNoticePreferences('me', { channels: ['email'], events: [], language: 'nb' }))).status).to.equal(422);
    expect((await per.client.setNoticePreferences('me', { channels: [], events: ['message-new'], language: 'en' })).version, 'off is allowed').to.equal('1');
    expect([ola.count('PUT'), kari.count('PUT'), per.count('PUT')]).to.deep.equal([0, 1, 1]);
  });

  it('a 412 (changed in another tab) reads once into the store, tells the page, and throws the 412', async () => {
    const { client, api, count } = setup();
    await client.getNoticePreferences('me');
    api.db.noticeChoices.set(subjectIds.ola, { channels: ['email'], events: ['message-new'], language: 'en', version: '4' });
    const heard: string[] = [];
    client.on('notice-preferences-changed', (e) => heard.push(e.preferences.version));
    const stale = await fail(client.setNoticePreferences('me', { channels: ['sms'], events: [], language: 'nb' }));
    expect({ status: stale.status, type: stale.type }).to.deep.equal({ status: 412, type: problemTypes.preconditionFailed });
    expect(heard).to.deep.equal(['4']);
    const gets = count('GET');
    expect((await client.getNoticePreferences('me')).version).to.equal('4');
    expect(count('GET'), 'the 412 read is the stored one').to.equal(gets);
  });

  it('a relative acting for the person is refused (403); a body that breaks the contract is invalid-response', async () => {
    const kari = setup({ person: 'kari' });
    const refused = await fail(kari.client.getNoticePreferences(subjectIds.ola));
    expect({ status: refused.status, type: refused.type }).to.deep.equal({ status: 403, type: problemTypes.forbidden });
    const broken = setup({ tamper: (b: NoticePreferences) => ({ ...b, channels: ['pigeon'] }) });
    expect((await fail(broken.client.getNoticePreferences('me'))).kind).to.equal('invalid-response');
    const noPreviews = setup({ tamper: (b: NoticePreferences) => ({ ...b, previews: undefined }) });
    expect((await fail(noPreviews.client.getNoticePreferences('me'))).kind).to.equal('invalid-response');
  });

  it('works the same through the lazy client, whose messaging part loads on the first call', async () => {
    const { client } = setup({ lazy: true });
    const prefs = await client.setNoticePreferences('me', { channels: ['sms'], events: ['appointment-changed'], language: 'en' });
    expect(prefs).to.deep.include({ channels: ['sms'], events: ['appointment-changed'], version: '1' });
    await client.signOut();
  });
});
