// @ts-check
/**
 * Recurring visits (contract 1.1, `Appointment.series`): the series every occurrence carries is
 * one and the same, its occurrences keep the first visit's Oslo wall-clock time and length
 * (across a summer-time change too), and cancelling one visit of a series changes that visit only.
 * The rule's shape is the schema's pattern, which every answer is validated against already.
 */
import assert from 'node:assert/strict';
import { DataError } from '../client.js';

/** @typedef {import('./check.js').Check} Check */

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** `Thu 08:00:00` in Oslo. @param {string} iso */
const osloClock = (iso) => clock.format(new Date(iso)).replace(',', '');
const DAY_CODES = /** @type {Record<string, string>} */ ({ Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' });

/**
 * Every appointment of every readable subject, upcoming and past, with a series, by series.
 * @param {import('../client.js').Context} ctx
 */
async function seriesInData(ctx) {
  return ctx.once('series', async () => {
    /** @type {Map<string, { subject: string, items: any[] }>} */
    const bySeries = new Map();
    for (const s of await ctx.subjectsWith('appointments.read')) {
      for (const when of /** @type {const} */ (['past', 'upcoming'])) {
        for (const a of await ctx.listAll({ subject: s.id, when })) {
          if (!a.series) continue;
          const key = `${s.id}/${a.series.id}`;
          const g = bySeries.get(key) ?? { subject: s.id, items: [] };
          g.items.push(a);
          bySeries.set(key, g);
        }
      }
    }
    if (bySeries.size === 0) throw new DataError('no appointment with a series (recurring visits) in the data');
    return bySeries;
  });
}

/** @type {Check[]} */
export const checks = [
  {
    title: 'a series: every visit carries the same series; each starts at the first visit\'s Oslo time and lasts as long; the first on one of its days; no more than COUNT, none after UNTIL',
    async run(ctx) {
      for (const [key, { items }] of await seriesInData(ctx)) {
        const first = items[0].series;
        const length = Date.parse(first.end) - Date.parse(first.start);
        assert.ok(length > 0, `${key}: the series' end comes after its start`);
        const firstClock = osloClock(first.start);
        const firstDay = DAY_CODES[firstClock.slice(0, 3)];
        const byDay = /;BYDAY=([A-Z,]+)/.exec(first.rule)?.[1]?.split(',');
        if (byDay) assert.ok(byDay.includes(String(firstDay)), `${key}: the first visit (${first.start}) is on one of BYDAY ${byDay.join(',')}`);
        if (/^FREQ=DAILY/.test(first.rule)) assert.ok(!byDay, `${key}: BYDAY only with WEEKLY`);
        const count = Number(/;COUNT=(\d+)/.exec(first.rule)?.[1] ?? Infinity);
        const until = /;UNTIL=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(first.rule);
        const untilMs = until ? Date.UTC(+until[1], +until[2] - 1, +until[3], +until[4], +until[5], +until[6]) : Infinity;
        assert.ok(items.length <= count, `${key}: ${items.length} visits, COUNT=${count}`);
        for (const a of items) {
          assert.deepEqual(a.series, first, `${a.id}: the same series as the other visits of ${key}`);
          assert.equal(osloClock(a.start).slice(4), firstClock.slice(4), `${a.id}: starts at ${osloClock(a.start)} Oslo time, the series at ${firstClock}`);
          if (byDay) assert.ok(byDay.includes(String(DAY_CODES[osloClock(a.start).slice(0, 3)])), `${a.id}: on one of BYDAY ${byDay.join(',')}`);
          assert.equal(Date.parse(a.end) - Date.parse(a.start), length, `${a.id}: lasts as long as the series' first visit`);
          assert.ok(Date.parse(a.start) >= Date.parse(first.start), `${a.id}: not before the series' first visit`);
          assert.ok(Date.parse(a.start) <= untilMs, `${a.id}: not after UNTIL`);
        }
      }
    },
  },
  {
    title: 'cancelling one visit of a series cancels that visit only: the series\' other visits keep their version and status',
    async run(ctx) {
      const series = await seriesInData(ctx);
      const p = await ctx.claimCancellable({
        purpose: 'a visit of a series',
        where: (a) => !!a.series && (series.get(`${a.subjectId}/${a.series.id}`)?.items.length ?? 0) > 1,
      });
      const key = `${p.subject}/${p.a.series.id}`;
      const others = [];
      for (const s of series.get(key)?.items ?? []) if (s.id !== p.a.id) others.push(await ctx.getAppointment(p.subject, s.id));
      assert.ok(others.length > 0, `${key}: other visits`);
      const r = ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, ifMatch: p.etag }), 200);
      assert.ok(['cancelled', 'cancellation-requested'].includes(r.body.status), `the visit: ${r.body.status}`);
      assert.deepEqual(r.body.series, p.a.series, 'the cancelled visit keeps its series');
      for (const o of others) {
        const now = await ctx.getAppointment(o.subject, o.a.id);
        assert.equal(now.a.version, o.a.version, `${o.a.id}: another visit of ${key} changed`);
        assert.equal(now.a.status, o.a.status, `${o.a.id}: status`);
      }
    },
  },
];
