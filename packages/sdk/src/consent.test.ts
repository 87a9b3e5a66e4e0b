/** The SDK's dialogue consent against the msw mocks (run in the page through getResponse). */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { createMockApi } from '@omsorg/mocks';
import { createClient } from './client.js';
import { createLazyClient } from './lazy-client.js';
import { createMockAuth } from './auth/mock-auth.js';
import { BASE, refusal } from './test/fixtures.js';

function setup({ loseFirstPut = false, lazy = false } = {}) {
  const api = createMockApi({ baseUrl: BASE, now: () => new Date('2026-12-03T10:00:00+01:00') });
  const seen: Array<{ method: string; key: string | null; ifMatch: string | null; status: number }> = [];
  let lose = loseFirstPut;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const res = (await getResponse(api.handlers, request)) ?? new Response(null, { status: 404 });
    seen.push({ method: request.method, key: request.headers.get('idempotency-key'), ifMatch: request.headers.get('if-match'), status: res.status });
    if (lose && request.method === 'PUT') {
      lose = false;
      throw new TypeError('Failed to fetch'); // done on the server, the answer lost
    }
    return res;
  }) as typeof globalThis.fetch;
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const config = { baseUrl: BASE, auth, fetch, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } };
  const client = lazy ? createLazyClient(config) : createClient(config);
  return { client, seen, api };
}

describe('SDK: consent to digital dialogue', () => {
  it('reads the consent; withdrawing is one request with If-Match, and the page hears of it', async () => {
    const { client, seen } = setup();
    const consent = await client.getDialogueConsent();
    expect(consent).to.include({ status: 'active', version: '1' });
    const heard: string[] = [];
    client.on('dialogue-consent-changed', (e) => heard.push(`${e.subjectId}:${e.consent.status}`));
    const after = await client.setDialogueConsent({ status: 'inactive', textVersion: consent.currentTextVersion, version: consent.version });
    expect(after).to.include({ status: 'inactive', version: '2' });
    expect(after.history.map((d) => d.status)).to.deep.equal(['inactive', 'active']);
    expect(heard).to.deep.equal(['me:inactive']);
    const put = seen.find((s) => s.method === 'PUT')!;
    expect(put.ifMatch).to.equal('"1"');
    expect(put.key).to.be.a('string').with.length.greaterThan(7);
  });

  it('an answer lost on the way: sent again with the same key, recorded once', async () => {
    const { client, seen } = setup({ loseFirstPut: true });
    const consent = await client.getDialogueConsent();
    const after = await client.setDialogueConsent({ status: 'inactive', textVersion: consent.currentTextVersion, version: consent.version });
    expect(after.version).to.equal('2');
    const puts = seen.filter((s) => s.method === 'PUT');
    expect(puts).to.have.length(2);
    expect(puts[1]!.key).to.equal(puts[0]!.key);
    expect((await client.getDialogueConsent()).history).to.have.length(2);
  });

  it('refusals come back as OmsorgError with the problem type: 412 on a stale version, 409 on an old text', async () => {
    const { client } = setup();
    const consent = await client.getDialogueConsent();
    const fail = refusal;
    const stale = await fail(client.setDialogueConsent({ status: 'inactive', textVersion: consent.currentTextVersion, version: '0' }));
    expect({ status: stale.status, type: stale.type }).to.deep.equal({ status: 412, type: problemTypes.preconditionFailed });
    const old = await fail(client.setDialogueConsent({ status: 'inactive', textVersion: '2020-01', version: consent.version }));
    expect({ status: old.status, type: old.type }).to.deep.equal({ status: 409, type: problemTypes.consentTextOutdated });
    expect((await client.getDialogueConsent()).version).to.equal('1');
  });

  it('one read per subject and page: shared by every caller, replaced by a change, read again when fresh or after sign-out', async () => {
    const { client, seen } = setup();
    const gets = () => seen.filter((s) => s.method === 'GET').length;
    const [a, b] = await Promise.all([client.getDialogueConsent(), client.getDialogueConsent()]);
    expect(a).to.deep.equal(b);
    expect(await client.getDialogueConsent()).to.deep.equal(a);
    expect(gets()).to.equal(1);
    const after = await client.setDialogueConsent({ status: 'inactive', textVersion: a.currentTextVersion, version: a.version });
    expect(await client.getDialogueConsent()).to.deep.equal(after);
    expect(gets()).to.equal(1);
    expect((await client.getDialogueConsent(undefined, { fresh: true })).version).to.equal('2');
    expect(gets()).to.equal(2);
    await client.signOut();
    await client.auth.signIn?.();
    await client.getDialogueConsent().catch(() => undefined);
    expect(gets()).to.equal(3);
  });

  it('works the same through the lazy client (the messaging part loads on the first call)', async () => {
    const { client } = setup({ lazy: true });
    const consent = await client.getDialogueConsent();
    const after = await client.setDialogueConsent({ status: 'inactive', textVersion: consent.currentTextVersion, version: consent.version });
    expect(after.status).to.equal('inactive');
  });
});
