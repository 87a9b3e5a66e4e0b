// @ts-check
/**
 * `GET /v1/subjects/{subjectId}/access-log`, the citizen's "who has seen my data": the rules
 * core's shape over SQL (a relative by name and relation, staff by care service), the period in
 * Oslo dates with both days included, paging every row once, the person themselves only, and
 * reading the log logged too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixtures, staffPersons } from '@omsorg/fixtures';
import { osloDate } from '@omsorg/contract';
import { NOW, PERSONS, SUBJECTS, useTestApi } from './api-helpers.js';
import { verifyAccessLog } from '../src/data/access-log.js';
import { staffThreads } from '../src/staff/ops.js';

const t = useTestApi();
const log = (/** @type {string} */ query = '', /** @type {string} */ person = 'ola', subject = 'me') =>
  t.call(`/v1/subjects/${subject}/access-log${query ? `?${query}` : ''}`, { person });
const today = () => osloDate(new Date());
/** @param {string} key */
const fixture = (key) => {
  const e = createFixtures(NOW).accessLog.find((f) => f.key === key);
  if (!e) throw new Error(`no fixture ${key}`);
  return e;
};
const fixtures = { staffLastSecond: fixture('staffLastSecond'), relativeFirstInstant: fixture('relativeFirstInstant') };
const day = (/** @type {Date} */ d) => osloDate(d);

describe('access log API', () => {
  it('shows a read with its role and kind, a relative by name and relation, and this read itself', async () => {
    assert.equal((await t.call('/v1/subjects/me/services')).status, 200);
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: 'kari' })).status, 200);
    const r = await log(`from=${today()}&to=${today()}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const [own, kari, services] = r.body.items;
    assert.deepEqual(own.entity, { kind: 'access-log' });
    assert.deepEqual(own.agent, { role: 'self', name: 'Ola Nordmann', relation: null, careService: null });
    assert.deepEqual({ action: kari.action, entity: kari.entity, agent: kari.agent }, {
      action: 'read',
      entity: { kind: 'appointments' },
      agent: { role: 'relative', name: 'Kari Nordmann', relation: { system: 'urn:omsorg:codesystem:relasjon', code: 'PRN' }, careService: null },
    });
    assert.deepEqual({ entity: services.entity, role: services.agent.role }, { entity: { kind: 'services' }, role: 'self' });
    assert.match(own.recorded, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    assert.deepEqual([r.body.from, r.body.to], [today(), today()]);
    assert.equal((await verifyAccessLog(t.db)).intact, true);
  });

  it('shows staff by care service, never by name; the period includes its first and last day in Oslo time', async () => {
    const first = day(fixtures.staffLastSecond.at);
    const last = day(fixtures.relativeFirstInstant.at);
    const r = await log(`from=${first}&to=${last}`);
    assert.equal(r.status, 200, r.text);
    const kinds = r.body.items.filter((/** @type {any} */ e) => e.entity.kind !== 'access-log').map((/** @type {any} */ e) => `${e.agent.role}:${e.entity.kind}:${e.recorded}`);
    assert.deepEqual(kinds, [
      `relative:appointments:${last}T00:00:00${r.body.items.find((/** @type {any} */ e) => e.agent.role === 'relative').recorded.slice(19)}`,
      `staff:messages:${first}T23:59:59${r.body.items.find((/** @type {any} */ e) => e.agent.role === 'staff').recorded.slice(19)}`,
    ]);
    const staff = r.body.items.find((/** @type {any} */ e) => e.agent.role === 'staff');
    assert.deepEqual(staff.agent, { role: 'staff', name: null, relation: null, careService: { id: 'cs-hjemmesykepleie-nord', name: 'Hjemmesykepleien sone Nord' } });
    assert.ok(!r.text.includes(staffPersons.nurse.name), 'no staff name');
    // One day less at either end leaves that end's entry out.
    const inner = await log(`from=${day(new Date(fixtures.staffLastSecond.at.getTime() + 86_400_000))}&to=${day(new Date(fixtures.relativeFirstInstant.at.getTime() - 86_400_000))}`);
    assert.deepEqual(inner.body.items.filter((/** @type {any} */ e) => e.entity.kind !== 'access-log'), []);
  });

  it('a staff member\'s read on the staff page is in the person\'s log by care service, not by name', async () => {
    await staffThreads(t.db, { staffId: staffPersons.nurse.id, now: NOW });
    const r = await log(`from=${today()}&to=${today()}&limit=2`);
    const [, read] = r.body.items;
    assert.deepEqual({ kind: read.entity.kind, agent: read.agent }, {
      kind: 'messages',
      agent: { role: 'staff', name: null, relation: null, careService: { id: staffPersons.nurse.careServiceId, name: 'Hjemmesykepleien sone Nord' } },
    });
  });

  it('pages newest first with a cursor, every entry once', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await t.call('/v1/subjects/me/appointments')).status, 200);
    const all = await log(`from=${today()}&to=${today()}&limit=200`);
    /** @type {string[]} */
    const seen = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const page = await log(`from=${today()}&to=${today()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200, page.text);
      seen.push(...page.body.items.map((/** @type {any} */ e) => e.id));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    // The first page's own read is newer than `all`'s; every row `all` had comes once, in order.
    const expected = all.body.items.map((/** @type {any} */ e) => e.id);
    assert.equal(new Set(seen).size, seen.length, 'no entry twice');
    assert.deepEqual(seen.slice(1), expected, 'the rest in the same order');
  });

  it('refuses a bad period (400 with the parameter), a relative (403) and another person (404), and logs each refusal', async () => {
    const mark = await t.logMark();
    for (const [q, parameter] of [['from=2025-02-30', 'from'], ['to=tomorrow', 'to'], ['from=2025-06-12&to=2025-06-11', 'from'], ['from=2024-01-01&to=2025-06-11', 'from']]) {
      const r = await log(q);
      assert.equal(r.status, 400, q);
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
      assert.equal(r.body.type, 'urn:omsorg:problem:validation');
      assert.deepEqual(r.body.errors, [{ pointer: '', code: 'invalid', parameter }], q);
    }
    assert.equal((await log('limit=201')).status, 400);
    assert.equal((await log('since=2025-01-01')).body.errors[0].code, 'unknown-parameter');
    const rel = await log('', 'kari', SUBJECTS.ola);
    assert.equal(rel.status, 403);
    assert.equal(rel.body.type, 'urn:omsorg:problem:forbidden');
    const other = await log('', 'per', SUBJECTS.ola);
    assert.equal(other.status, 404);
    assert.equal((await log('', 'ola', SUBJECTS.emma)).status, 404);
    const rows = await t.logSince(mark);
    assert.ok(rows.every((r) => r.resource === 'access-log' && r.outcome !== 'ok'), JSON.stringify(rows));
    assert.deepEqual(
      rows.slice(-3).map((r) => [r.actor_person_id, r.outcome, r.status]),
      [[PERSONS.kari, 'denied', 403], [PERSONS.per, 'denied', 404], [PERSONS.ola, 'denied', 404]],
    );
  });
});
