// @ts-check
// The figures for management over the sandbox's tables (api/figures.js, data/figures.js): the
// management role only, no count under 5, nothing derivable, the same figures as CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApi, assertProblem } from './api-helpers.js';
import { osloMonthEnd, osloMonthStart } from '@omsorg/contract';
import { testPersons } from '../src/oidc/persons.js';

const MANAGER = /** @type {import('../src/oidc/persons.js').TestPerson} */ (testPersons.find((p) => p.roles?.includes('management')));
const asManager = { person: MANAGER.id, headers: { 'X-Test-Roles': 'management' } };

/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let t;
before(async () => {
  t = await startTestApi({ population: true });
});
after(async () => {
  await t?.close();
});

/** One CSV line's fields (RFC 4180 quoting). @param {string} line */
const fields = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1]?.startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : (m[1] ?? '')));

/** Every count in a row: `{ suppressed: true }` or at least 5. @param {any} row */
function counts(row) {
  const c = row.cancellations;
  const m = row.messages;
  return [c.total, c.online, c.other, c.beforeDeadline, c.afterDeadline, ...c.reasons.map((/** @type {any} */ r) => r.count), m.threads, m.messages, m.answered, m.answeredWithinPromise, row.consent.people, row.relatives.people];
}

test('a management sign-in gets the figures: 12 months ending last month (finished months only), per service and for all, no count under 5', async () => {
  const r = await t.call('/v1/management/figures', asManager);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  // The test clock is in June 2025, which is not over.
  assert.equal(r.body.from, '2024-06');
  assert.equal(r.body.to, '2025-05');
  assert.equal(r.body.minimumCount, 5);
  assert.equal(r.body.rows.length, 12 * (r.body.services.length + 1));
  let shown = 0;
  for (const row of r.body.rows) {
    for (const v of counts(row)) {
      if (typeof v === 'number') {
        assert.ok(Number.isInteger(v) && v >= 5, `${row.month} ${row.service}: ${v}`);
        shown++;
      } else assert.deepEqual(v, { suppressed: true });
    }
  }
  assert.ok(shown > 50, `the population gives figures that are shown (${shown})`);
  // No person's name or id anywhere.
  assert.doesNotMatch(r.text, /psn-|sub-|Nordmann|Bakketun/);
});

test('a month total equals the cancelled visits in the tables, and no service alone is suppressed beside a shown total', async () => {
  const r = await t.call('/v1/management/figures?from=2024-12&to=2025-05', asManager);
  assert.equal(r.status, 200, r.text);
  for (const month of ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05']) {
    const all = r.body.rows.find((/** @type {any} */ x) => x.month === month && x.service === null);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM appointments WHERE status IN ('cancelled', 'cancellation-requested') AND start_at >= $1 AND start_at < $2`,
      [osloMonthStart(month), osloMonthEnd(month)],
    );
    assert.equal(all.cancellations.total, rows[0].n, month);
    const perService = r.body.rows.filter((/** @type {any} */ x) => x.month === month && x.service !== null);
    const hidden = perService.filter((/** @type {any} */ x) => typeof x.cancellations.total !== 'number');
    assert.notEqual(hidden.length, 1, `${month}: one suppressed service could be worked out from the total`);
    const shownSum = perService.filter((/** @type {any} */ x) => typeof x.cancellations.total === 'number').reduce((/** @type {number} */ sum, /** @type {any} */ x) => sum + x.cancellations.total, 0);
    if (hidden.length) assert.ok(all.cancellations.total - shownSum >= 5, `${month}: the suppressed services hold at least 5 together`);
  }
  const may = r.body.rows.find((/** @type {any} */ x) => x.month === '2025-05' && x.service === null);
  assert.equal(typeof may.messages.firstAnswerMedianHours, 'number');
  assert.ok(may.messages.firstAnswerP90Hours >= may.messages.firstAnswerMedianHours);
  assert.equal(typeof may.consent.people, 'number');
  // The stock figures (people at a month's end) are rounded to a multiple of 5, so that one month
  // minus the one before says nothing about one to four people.
  for (const row of r.body.rows) {
    for (const v of [row.consent.people, row.relatives.people]) {
      if (typeof v === 'number') assert.equal(v % 5, 0, `${row.month} ${row.service}: ${v}`);
      else assert.deepEqual(v, { suppressed: true });
    }
  }
});

test('the CSV has the same figures, <5 for a suppressed one, as a download', async () => {
  const json = await t.call('/v1/management/figures?from=2025-04&to=2025-05', asManager);
  const csv = await t.call('/v1/management/figures.csv?from=2025-04&to=2025-05', asManager);
  assert.equal(csv.status, 200, csv.text);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename="styringstall-2025-04-2025-05\.csv"$/);
  const lines = csv.text.split('\r\n').filter(Boolean);
  const header = /** @type {string} */ (lines[0]).split(',');
  assert.equal(lines.length, 1 + json.body.rows.length);
  const col = header.indexOf('cancellations');
  for (const row of json.body.rows) {
    const line = lines.find((l) => l.startsWith(`${row.month},${row.service ?? ''},`));
    assert.ok(line, `${row.month} ${row.service}`);
    const v = row.cancellations.total;
    assert.equal(fields(line)[col], typeof v === 'number' ? String(v) : '<5');
    const people = row.consent.people;
    assert.equal(fields(line)[header.indexOf('people_with_consent_rounded_to_5')], typeof people === 'number' ? String(people) : '<5');
  }
  assert.ok(csv.text.includes('<5'));
});

test('a citizen gets 403 problem+json, also with a bad period, and so does the CSV', async () => {
  assertProblem(await t.call('/v1/management/figures'), 403, 'forbidden');
  assertProblem(await t.call('/v1/management/figures?from=nonsense'), 403, 'forbidden');
  assertProblem(await t.call('/v1/management/figures.csv'), 403, 'forbidden');
  // A role someone made up is no role.
  assertProblem(await t.call('/v1/management/figures', { headers: { 'X-Test-Roles': 'manager admin' } }), 403, 'forbidden');
  assertProblem(await t.call('/v1/management/figures', { person: null }), 401, 'unauthorized');
});

test('a bad period is 400 naming the parameter; an unknown parameter too', async () => {
  for (const [q, parameter] of [
    ['from=2025-13', 'from'],
    ['from=2025-05&to=2025-04', 'from'],
    ['from=2023-01&to=2025-05', 'from'],
    ['to=2025-07', 'to'],
    // The current month is not over: finished months only.
    ['to=2025-06', 'to'],
    ['from=2025-06', 'from'],
  ]) {
    const r = await t.call(`/v1/management/figures?${q}`, asManager);
    assertProblem(r, 400, 'validation');
    assert.equal(r.body.errors?.[0]?.parameter, parameter, q);
  }
  const current = await t.call('/v1/management/figures.csv?from=2025-01&to=2025-06', asManager);
  assertProblem(current, 400, 'validation');
  assert.equal(current.body.errors?.[0]?.parameter, 'to');
  assert.match(current.body.detail, /current month is not over/);
  const r = await t.call('/v1/management/figures?subject=sub-ola-7f3a', asManager);
  assertProblem(r, 400, 'validation');
  assert.equal(r.body.errors?.[0]?.code, 'unknown-parameter');
});

test('the management role reads no person’s data', async () => {
  assertProblem(await t.call('/v1/me', asManager), 403, 'forbidden');
  assertProblem(await t.call('/v1/subjects/sub-ola-7f3a/appointments', asManager), 403, 'forbidden');
  assertProblem(await t.call('/v1/subjects/sub-fig-01/threads', asManager), 403, 'forbidden');
});
