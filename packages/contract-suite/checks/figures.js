// @ts-check
/**
 * The figures for management (`GET /v1/management/figures` and `….csv`): a sign-in with the
 * management role gets them, every count shown is at least 5 and the rest `{ "suppressed": true }`
 * (`<5` in the CSV); where a month's total is shown, no single service's count is suppressed
 * alone (it could be worked out); the stock figures (people with consent, relatives with access,
 * at a month's end) are multiples of 5, so that two months' difference names no one; a bad period is a 400 naming the parameter;
 * finished months only (the default ends last month, the current month as `to` is a 400 on `to`,
 * as its counts still grow); a citizen gets
 * `403 forbidden`, and the management sign-in reads no person's data.
 */
import assert from 'node:assert/strict';
import { addMonths, osloMonth } from '@omsorg/contract';

/** @typedef {import('./check.js').Check} Check */

/** Every count of a row. @param {any} row */
const counts = (row) => [
  row.cancellations.total,
  row.cancellations.online,
  row.cancellations.other,
  row.cancellations.beforeDeadline,
  row.cancellations.afterDeadline,
  ...row.cancellations.reasons.map((/** @type {any} */ r) => r.count),
  row.messages.threads,
  row.messages.messages,
  row.messages.answered,
  row.messages.answeredWithinPromise,
  row.consent.people,
  row.relatives.people,
];

/** @type {Check[]} */
export const checks = [
  {
    title: 'the management role gets the figures: no count under 5, suppressed as { suppressed: true }, none alone beside a shown total, stock figures rounded to 5',
    needs: ['management'],
    async run(ctx) {
      const r = ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures' }), 200);
      const f = r.body;
      assert.equal(f.minimumCount, 5);
      assert.ok(f.rows.length > 0);
      let suppressed = 0;
      for (const row of f.rows) {
        for (const v of counts(row)) {
          if (typeof v === 'number') assert.ok(Number.isInteger(v) && v >= 5, `${row.month} ${row.service}: ${v}`);
          else {
            assert.deepEqual(v, { suppressed: true });
            suppressed++;
          }
        }
      }
      assert.ok(suppressed > 0, 'small counts are suppressed');
      let stocks = 0;
      for (const row of f.rows) {
        for (const v of [row.consent.people, row.relatives.people]) {
          if (typeof v !== 'number') continue;
          assert.equal(v % 5, 0, `${row.month} ${row.service}: a stock figure of ${v} is not rounded to 5`);
          stocks++;
        }
      }
      assert.ok(stocks > 0, 'some people with consent or relatives with access are shown');
      for (const month of new Set(f.rows.map((/** @type {any} */ x) => x.month))) {
        const all = f.rows.find((/** @type {any} */ x) => x.month === month && x.service === null);
        if (typeof all?.cancellations.total !== 'number') continue;
        const hidden = f.rows.filter((/** @type {any} */ x) => x.month === month && x.service !== null && typeof x.cancellations.total !== 'number');
        assert.notEqual(hidden.length, 1, `${month}: one suppressed service beside a shown total`);
      }
    },
  },
  {
    title: 'the CSV has <5 for a suppressed figure; a bad period is 400 naming the parameter',
    needs: ['management'],
    async run(ctx) {
      const csv = ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures.csv' }), 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(csv.text, /^month,service_id,service,cancellations,/);
      assert.match(csv.text, /,people_with_consent_rounded_to_5,relatives_with_access_rounded_to_5\r\n/);
      assert.ok(csv.text.includes('<5'));
      const bad = ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures', query: { from: '2025-13' } }), 400, 'validation');
      assert.equal(bad.body.errors?.[0]?.parameter, 'from');
    },
  },
  {
    title: 'finished months only: the default period is the 12 months ending last month, and the current month as to is 400 on to',
    needs: ['management'],
    async run(ctx) {
      // The current Oslo month by this process's clock (a target's clock is assumed to agree
      // to within the time of a call, as the other checks of Oslo days assume).
      const current = osloMonth(new Date());
      for (const path of ['/v1/management/figures', '/v1/management/figures.csv']) {
        const r = ctx.expectStatus(await ctx.call({ as: 'management', path, query: { to: current } }), 400, 'validation');
        assert.equal(r.body.errors?.[0]?.parameter, 'to', `${path}?to=${current} (the current month)`);
      }
      const f = ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures' }), 200).body;
      assert.match(f.to, /^\d{4}-(0[1-9]|1[0-2])$/);
      assert.ok(f.to < current, `the default to (${f.to}) is a finished month, before ${current}`);
      assert.deepEqual([...new Set(f.rows.map((/** @type {any} */ x) => x.month))].sort().at(-1), f.to);
      assert.equal(new Set(f.rows.map((/** @type {any} */ x) => x.month)).size, 12);
      ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures', query: { to: f.to } }), 200);
      // The month after the default `to` is the target's own current month: refused too.
      const next = addMonths(f.to, 1);
      ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures', query: { to: next } }), 400, 'validation');
      const late = ctx.expectStatus(await ctx.call({ as: 'management', path: '/v1/management/figures', query: { from: next } }), 400, 'validation');
      assert.equal(late.body.errors?.[0]?.parameter, 'from', `from=${next} (after the default to)`);
    },
  },
  {
    title: 'a citizen gets 403 forbidden for the figures and the CSV; the management sign-in reads no person',
    needs: ['management'],
    async run(ctx) {
      ctx.expectStatus(await ctx.call({ path: '/v1/management/figures' }), 403, 'forbidden');
      ctx.expectStatus(await ctx.call({ path: '/v1/management/figures.csv' }), 403, 'forbidden');
      const me = await ctx.call({ as: 'management', path: '/v1/me' });
      assert.ok(me.status === 401 || me.status === 403, `GET /v1/me as management: ${me.status}`);
    },
  },
];
