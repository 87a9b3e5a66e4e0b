import { expect } from '@open-wc/testing';
import {
  accessLogCursor,
  accessLogKind,
  accessLogLimits,
  accessLogPage,
  addDays,
  compareAccessLog,
  isShownInAccessLog,
  osloDayStart,
  parseAccessLogQuery,
  toAccessLogEntry,
  type AccessLogQuery,
  type StoredAccess,
} from './access-log.js';
import { allowedQueryParameters, checkQueryParameters, encodeKey } from './paging.js';
import { isProblemSpec, type ProblemSpec } from './problems.js';

const now = new Date('2026-12-03T10:00:00Z');
const q = (text: string) => parseAccessLogQuery(new URLSearchParams(text), now);
const ok = (text: string) => {
  const r = q(text);
  if (isProblemSpec(r)) throw new Error(`refused: ${r.detail}`);
  return r as AccessLogQuery;
};
const refused = (text: string) => {
  const r = q(text);
  expect(isProblemSpec(r), text).to.equal(true);
  return r as ProblemSpec;
};

const row = (over: Partial<StoredAccess> = {}): StoredAccess => ({
  id: '1',
  at: new Date('2026-12-01T09:00:00Z'),
  actorKind: 'person',
  actorRole: 'self',
  relationCode: null,
  action: 'read',
  resource: 'appointments',
  outcome: 'ok',
  actorName: 'Ola Nordmann',
  careService: null,
  ...over,
});

describe('rules/access-log: the period', () => {
  it('turns Oslo dates into instants: the first day from its midnight, the last day to the next midnight', () => {
    const r = ok('from=2026-11-01&to=2026-11-30');
    expect(r.from.toISOString()).to.equal('2026-10-31T23:00:00.000Z');
    expect(r.to.toISOString()).to.equal('2026-11-30T23:00:00.000Z');
    expect([r.fromDate, r.toDate]).to.deep.equal(['2026-11-01', '2026-11-30']);
  });

  it('holds across the spring change (2026-03-29: 23 hours) and the autumn change (2026-10-25: 25 hours)', () => {
    const spring = ok('from=2026-03-29&to=2026-03-29');
    expect(spring.from.toISOString()).to.equal('2026-03-28T23:00:00.000Z');
    expect(spring.to.toISOString()).to.equal('2026-03-29T22:00:00.000Z');
    expect(spring.to.getTime() - spring.from.getTime()).to.equal(23 * 3_600_000);
    const autumn = ok('from=2026-10-25&to=2026-10-25');
    expect(autumn.from.toISOString()).to.equal('2026-10-24T22:00:00.000Z');
    expect(autumn.to.toISOString()).to.equal('2026-10-25T23:00:00.000Z');
    expect(autumn.to.getTime() - autumn.from.getTime()).to.equal(25 * 3_600_000);
    expect(osloDayStart('2026-03-30').toISOString()).to.equal('2026-03-29T22:00:00.000Z');
    expect(addDays('2026-03-28', 2)).to.equal('2026-03-30');
    expect(addDays('2026-10-26', -2)).to.equal('2026-10-24');
  });

  it('defaults: to today (Oslo), from 30 days ending with to; only from: up to today', () => {
    const late = parseAccessLogQuery(new URLSearchParams(), new Date('2026-12-03T23:30:00Z')) as AccessLogQuery;
    expect([late.fromDate, late.toDate]).to.deep.equal(['2026-11-05', '2026-12-04']);
    const d = ok('');
    expect([d.fromDate, d.toDate, d.limit]).to.deep.equal(['2026-11-04', '2026-12-03', accessLogLimits.page.default]);
    expect([ok('to=2026-06-30').fromDate]).to.deep.equal(['2026-06-01']);
    expect([ok('from=2026-11-20').toDate]).to.deep.equal(['2026-12-03']);
    expect([ok('from=2025-01-01').toDate]).to.deep.equal(['2026-01-01']);
  });

  it('refuses a bad date, from after to and a period over 366 days, naming the parameter', () => {
    for (const [text, parameter] of [
      ['from=2026-02-30', 'from'],
      ['to=2026-13-01', 'to'],
      ['to=03.12.2026', 'to'],
      ['from=2026-12-03T00:00:00Z', 'from'],
      ['from=2026-12-04&to=2026-12-03', 'from'],
      ['from=2025-12-01&to=2026-12-02', 'from'],
    ] as const) {
      const p = refused(text);
      expect(p.status).to.equal(400);
      expect(p.key).to.equal('validation');
      expect(p.errors, text).to.deep.equal([{ pointer: '', code: 'invalid', parameter }]);
    }
    ok('from=2025-12-03&to=2026-12-03');
    expect(refused('limit=0').status).to.equal(400);
    expect(refused(`limit=${accessLogLimits.page.max + 1}`).status).to.equal(400);
    expect(ok(`limit=${accessLogLimits.page.max}`).limit).to.equal(accessLogLimits.page.max);
  });

  it('takes only from, to, limit and cursor', () => {
    expect(allowedQueryParameters('GET', '/v1/subjects/me/access-log')).to.deep.equal(['from', 'to', 'limit', 'cursor']);
    expect(checkQueryParameters(new URLSearchParams('form=2026-01-01'), allowedQueryParameters('GET', '/v1/subjects/me/access-log'))?.errors).to.deep.equal([
      { pointer: '', code: 'unknown-parameter', parameter: 'form' },
    ]);
  });

  it('accepts only its own cursors', () => {
    const c = accessLogCursor(new Date('2026-12-01T09:00:00Z'), '42');
    expect(ok(`cursor=${c}`).after).to.deep.equal({ at: Date.parse('2026-12-01T09:00:00Z'), id: '42' });
    expect(refused(`cursor=${encodeKey('threads', 1, '42')}`).status).to.equal(400);
    expect(refused(`cursor=${encodeKey('access-log', 1, 'abc')}`).status).to.equal(400);
    expect(refused('cursor=%%%').status).to.equal(400);
  });
});

describe('rules/access-log: the entries', () => {
  it('maps kinds of data', () => {
    expect(['appointment', 'appointments', 'services', 'thread', 'attachment', 'draft', 'dialogue-consent', 'access-log', 'me'].map(accessLogKind)).to.deep.equal([
      'appointments',
      'appointments',
      'services',
      'messages',
      'messages',
      'messages',
      'dialogue-consent',
      'access-log',
      'identity',
    ]);
    expect(accessLogKind('toString')).to.equal(undefined);
    expect(accessLogKind('nonsense')).to.equal(undefined);
  });

  it('shows the person and a relative by name (with the relation), staff by care service only', () => {
    expect(toAccessLogEntry(row())).to.deep.equal({
      id: '1',
      recorded: '2026-12-01T10:00:00+01:00',
      action: 'read',
      entity: { kind: 'appointments' },
      agent: { role: 'self', name: 'Ola Nordmann', relation: null, careService: null },
    });
    expect(toAccessLogEntry(row({ actorRole: 'relative', relationCode: 'PRN', actorName: 'Kari Nordmann', resource: 'thread' })).agent).to.deep.equal({
      role: 'relative',
      name: 'Kari Nordmann',
      relation: { system: 'urn:omsorg:codesystem:relasjon', code: 'PRN' },
      careService: null,
    });
    const staff = toAccessLogEntry(row({ actorKind: 'staff', actorRole: 'staff', actorName: 'Ingrid Berg', careService: { id: 'cs-1', name: 'Hjemmesykepleien' } }));
    expect(staff.agent).to.deep.equal({ role: 'staff', name: null, relation: null, careService: { id: 'cs-1', name: 'Hjemmesykepleien' } });
    expect(JSON.stringify(staff)).not.to.contain('Ingrid');
    // A row from before the role column.
    expect(toAccessLogEntry(row({ actorRole: null, relationCode: 'CHILD' })).agent.role).to.equal('relative');
    expect(toAccessLogEntry(row({ actorRole: null })).agent.role).to.equal('self');
    expect(toAccessLogEntry(row({ at: new Date('2026-07-01T09:00:00.900Z') })).recorded).to.equal('2026-07-01T11:00:00+02:00');
  });

  it('shows what was served, not refusals, replays or rows of no access', () => {
    expect(isShownInAccessLog(row())).to.equal(true);
    expect(isShownInAccessLog(row({ action: 'cancel', resource: 'appointment' }))).to.equal(true);
    for (const o of ['denied', 'not-found', 'refused', 'replayed']) expect(isShownInAccessLog(row({ outcome: o }))).to.equal(false);
    expect(isShownInAccessLog(row({ actorRole: 'none' }))).to.equal(false);
    expect(isShownInAccessLog(row({ resource: 'elsewhere' }))).to.equal(false);
  });
});

describe('rules/access-log: paging', () => {
  const at = (iso: string) => new Date(iso);
  const rows = [
    row({ id: '9', at: at('2026-12-02T10:00:00Z') }),
    row({ id: '10', at: at('2026-12-02T10:00:00Z') }),
    row({ id: '11', at: at('2026-11-30T23:00:00Z') }), // 2026-12-01 00:00 in Oslo
    row({ id: '12', at: at('2026-11-30T22:59:59.999Z') }), // 2026-11-30 23:59:59.999
    row({ id: '13', at: at('2026-12-01T12:00:00Z'), outcome: 'denied' }),
    row({ id: '2', at: at('2026-12-03T08:00:00Z') }),
  ];

  it('orders newest first (then the larger id) and pages every row once', () => {
    expect(compareAccessLog({ at: 1, id: '10' }, { at: 1, id: '9' })).to.be.lessThan(0);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const page = accessLogPage(rows, ok(`from=2026-11-01&to=2026-12-03&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((e) => e.id));
      expect([page.from, page.to]).to.deep.equal(['2026-11-01', '2026-12-03']);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).to.deep.equal(['2', '10', '9', '11', '12']);
  });

  it('includes the first and the last day of the period, in Oslo time', () => {
    expect(accessLogPage(rows, ok('from=2026-12-01&to=2026-12-02')).items.map((e) => e.id)).to.deep.equal(['10', '9', '11']);
    expect(accessLogPage(rows, ok('from=2026-11-30&to=2026-11-30')).items.map((e) => e.id)).to.deep.equal(['12']);
    expect(accessLogPage(rows, ok('from=2026-12-03&to=2026-12-03')).items.map((e) => e.id)).to.deep.equal(['2']);
  });
});
