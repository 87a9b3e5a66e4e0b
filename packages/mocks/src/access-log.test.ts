import { expect } from '@open-wc/testing';
import { osloDate, osloDateTime, problemTypes } from '@omsorg/contract';
import { subjectIds } from '@omsorg/fixtures';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { call, expectProblem, NOW, useMocks } from './test/worker.js';

const log = (query = '', subject = 'me', person: 'ola' | 'kari' | 'per' = 'ola') => call(`/v1/subjects/${subject}/access-log${query ? `?${query}` : ''}`, { person });
const day = (offset: number) => osloDate(osloDateTime(NOW, offset, 12));
const brief = (e: { agent: { role: string; name: string | null }; entity: { kind: string } }) => `${e.agent.role}:${e.agent.name ?? '-'}:${e.entity.kind}`;

describe('mocks: the access log', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('starts with the fixtures\' entries: a relative by name and relation, staff by care service, the person; this read first', async () => {
    await useMocks();
    const r = await log();
    expect(r.status).to.equal(200);
    expect(validateAs(doc, 'AccessLogPage', r.body)).to.deep.equal([]);
    expect([r.body.from, r.body.to]).to.deep.equal([day(-29), day(0)]);
    expect(r.body.items.map(brief)).to.deep.equal([
      'self:Ola Nordmann:access-log',
      'relative:Kari Nordmann:messages',
      'relative:Kari Nordmann:appointments',
      'staff:-:messages',
      'self:Ola Nordmann:services',
    ]);
    expect(r.body.items[1].agent.relation).to.deep.equal({ system: 'urn:omsorg:codesystem:relasjon', code: 'PRN' });
    expect(r.body.items[3].agent.careService).to.deep.equal({ id: 'cs-hjemmesykepleie-nord', name: 'Hjemmesykepleien sone Nord' });
    expect(r.body.items[2].recorded).to.equal(`${day(-3)}T00:00:00+02:00`);
    expect(r.body.items[3].recorded).to.equal(`${day(-7)}T23:59:59+02:00`);
  });

  it('logs the handlers\' reads: the person\'s and a relative\'s, with role and kind', async () => {
    await useMocks();
    expect((await call('/v1/subjects/me/services')).status).to.equal(200);
    expect((await call(`/v1/subjects/${subjectIds.ola}/appointments`, { person: 'kari' })).status).to.equal(200);
    expect((await call(`/v1/subjects/${subjectIds.ola}/threads`, { person: 'kari' })).status).to.equal(200);
    expect((await call('/v1/subjects/me/dialogue-consent')).status).to.equal(200);
    // A refusal is not an access.
    expect((await call(`/v1/subjects/${subjectIds.ola}/appointments`, { person: 'per' })).status).to.equal(404);
    const r = await log(`from=${day(0)}&to=${day(0)}`);
    expect(r.body.items.map(brief)).to.deep.equal([
      'self:Ola Nordmann:access-log',
      'self:Ola Nordmann:dialogue-consent',
      'relative:Kari Nordmann:messages',
      'relative:Kari Nordmann:appointments',
      'self:Ola Nordmann:services',
    ]);
  });

  it('includes the first and last day of the period (Oslo time), pages every entry once', async () => {
    await useMocks();
    expect((await log(`from=${day(-7)}&to=${day(-3)}`)).body.items.map(brief)).to.deep.equal(['relative:Kari Nordmann:appointments', 'staff:-:messages']);
    expect((await log(`from=${day(-6)}&to=${day(-4)}`)).body.items).to.deep.equal([]);
    const ids: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = await log(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.body.items.map((e: { id: string }) => e.id));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(new Set(ids).size).to.equal(ids.length);
    // The fixtures' four, the two reads above and the first page's own; later pages' reads are newer than their cursors.
    expect(ids.length).to.equal(7);
  });

  it('logs changes too, as the sandbox does: a consent decision, a draft saved and deleted', async () => {
    await useMocks();
    const consent = await call('/v1/subjects/me/dialogue-consent');
    const headers = { 'Content-Type': 'application/json', 'If-Match': consent.headers.get('etag')!, 'Idempotency-Key': 'access-log-test-1' };
    const body = { status: 'inactive', textVersion: consent.body.currentTextVersion };
    expect((await call('/v1/subjects/me/dialogue-consent', { method: 'PUT', headers, body })).status).to.equal(200);
    // A replay is the first answer again, not a second change.
    expect((await call('/v1/subjects/me/dialogue-consent', { method: 'PUT', headers, body })).status).to.equal(200);
    const saved = await call('/v1/subjects/me/drafts/new', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' }, body: { text: 'Hei' } });
    expect(saved.status).to.equal(200);
    expect((await call('/v1/subjects/me/drafts/new', { method: 'DELETE', headers: { 'If-Match': saved.headers.get('etag')! } })).status).to.equal(204);
    const r = await log(`from=${day(0)}&to=${day(0)}`);
    expect(r.body.items.map((e: { action: string; entity: { kind: string } }) => `${e.action}:${e.entity.kind}`)).to.deep.equal([
      'read:access-log',
      'delete:messages',
      'update:messages',
      'update:dialogue-consent',
      'read:dialogue-consent',
    ]);
  });

  it('the empty scenario has no entries from before: only this read', async () => {
    await useMocks({ scenario: 'empty' });
    expect((await log()).body.items.map(brief)).to.deep.equal(['self:Ola Nordmann:access-log']);
  });

  it('refuses a bad period (400 naming the parameter), a relative (403) and another person (404)', async () => {
    await useMocks();
    const bad = await log('from=2025-06-12&to=2025-06-11');
    expectProblem(bad, 400, problemTypes.validation);
    expect(bad.body.errors).to.deep.equal([{ pointer: '', code: 'invalid', parameter: 'from' }]);
    expect((await log('to=2025-02-29')).body.errors).to.deep.equal([{ pointer: '', code: 'invalid', parameter: 'to' }]);
    expectProblem(await log('', subjectIds.ola, 'kari'), 403, problemTypes.forbidden);
    expectProblem(await log('', subjectIds.ola, 'per'), 404, problemTypes.notFound);
  });
});
