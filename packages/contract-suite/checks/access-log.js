// @ts-check
/**
 * The access log (`GET …/access-log`): a read shows up with its role and kind; a relative's read
 * is in the person's log with role `relative` and the relative's name; a cursor walks every entry
 * once, newest first; the period (Oslo calendar dates) includes its first and last day; a bad
 * period is a 400 naming the parameter; only the person reads it (a relative 403, another
 * person 404). Relatives' access (listed, given, taken back, a person looked up) and the choice of
 * notices are kinds of their own.
 */
import assert from 'node:assert/strict';
import { DataError } from '../client.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */

/** The person's own subject id. @param {Context} ctx */
async function ownSubject(ctx) {
  const self = (await ctx.me()).subjects.find((/** @type {any} */ s) => s.relation.code === 'self');
  if (!self) throw new DataError('the signed-in person has no subject of their own');
  return /** @type {string} */ (self.id);
}

/**
 * `GET …/access-log` (200 expected).
 * @param {Context} ctx
 * @param {string} subject
 * @param {Record<string, string | number | undefined>} [query]
 */
async function accessLog(ctx, subject, query = {}) {
  return ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/access-log`, query }), 200).body;
}

/** A calendar date `days` after `date` (plain calendar arithmetic). @param {string} date @param {number} days */
function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(/** @type {number} */ (y), /** @type {number} */ (m) - 1, /** @type {number} */ (d) + days)).toISOString().slice(0, 10);
}

/** The entries other than reads of the log itself. @param {any[]} items */
const others = (items) => items.filter((e) => e.entity.kind !== 'access-log');

/** @type {Check[]} */
export const checks = [
  {
    title: "reading relatives' access and the choice of notices shows up as their own kinds",
    async run(ctx) {
      const subject = await ownSubject(ctx);
      ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/relatives-access` }), 200);
      ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/notice-preferences` }), 200);
      const newest = others((await accessLog(ctx, subject)).items).slice(0, 2);
      assert.deepEqual(
        newest.map((e) => `${e.entity.kind} ${e.action}`),
        ['notice-preferences read', 'relatives-access read'],
      );
    },
  },
  {
    title: 'a read shows up in the log, newest first, with role self, the person\'s name and its kind; reading the log is logged too',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/services` }), 200);
      const page = await accessLog(ctx, subject);
      const [own, read] = page.items;
      assert.equal(own?.entity.kind, 'access-log', 'this read of the log is its newest entry');
      const name = (await ctx.me()).person.name;
      assert.deepEqual({ kind: read?.entity.kind, action: read?.action, agent: read?.agent }, {
        kind: 'services',
        action: 'read',
        agent: { role: 'self', name, relation: null, careService: null },
      });
      for (let i = 1; i < page.items.length; i++) assert.ok(Date.parse(page.items[i - 1].recorded) >= Date.parse(page.items[i].recorded), 'newest first');
    },
  },
  {
    title: "a relative's read is in the person's log with role relative, the relative's name and relation",
    needs: ['relative'],
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const rel = await ctx.me('relative');
      const grant = rel.subjects.find((/** @type {any} */ s) => s.id === subject);
      if (!grant?.scopes.includes('appointments.read')) throw new DataError('the relative may not read the person\'s appointments');
      ctx.expectStatus(await ctx.call({ as: 'relative', path: `/v1/subjects/${subject}/appointments` }), 200);
      const [read] = others((await accessLog(ctx, subject)).items);
      assert.deepEqual({ kind: read?.entity.kind, agent: read?.agent }, {
        kind: 'appointments',
        agent: { role: 'relative', name: rel.person.name, relation: grant.relation, careService: null },
      });
    },
  },
  {
    title: 'paging with a cursor returns every entry once, in order',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const full = (await accessLog(ctx, subject, { limit: 200 })).items.map((/** @type {any} */ e) => e.id);
      /** @type {string[]} */
      const paged = [];
      /** @type {string | null} */
      let cursor = null;
      const lastOfFull = full[full.length - 1];
      for (let i = 0; i < 200; i++) {
        const page = await accessLog(ctx, subject, { limit: 7, cursor: cursor ?? undefined });
        assert.ok(page.items.length <= 7);
        paged.push(...page.items.map((/** @type {any} */ e) => e.id));
        cursor = page.nextCursor;
        if (cursor === null || paged.includes(lastOfFull)) break;
      }
      assert.equal(new Set(paged).size, paged.length, 'no entry twice');
      // The first page's own read is newer than the full read; after it, the same entries in the same order.
      const at = paged.indexOf(full[0]);
      assert.ok(at >= 0, 'the entries of the full page are all paged');
      assert.deepEqual(paged.slice(at, at + full.length), full);
    },
  },
  {
    title: 'the period (Oslo dates) includes its first and last day: entries at 00:00:00 and 23:59:59 Oslo time',
    unless: (caps) => (caps.fixtures ? undefined : 'needs entries at the edges of Oslo days (the fixtures)'),
    async run(ctx) {
      const subject = await ownSubject(ctx);
      // Before today (by the server's own answer): today's many reads would crowd out the older entries.
      const today = (await accessLog(ctx, subject, { limit: 1 })).to;
      const items = others((await accessLog(ctx, subject, { to: addDays(today, -1), limit: 200 })).items);
      const first = items.find((/** @type {any} */ e) => e.recorded.slice(11, 19) === '00:00:00');
      const last = items.find((/** @type {any} */ e) => e.recorded.slice(11, 19) === '23:59:59');
      if (!first || !last) throw new DataError('no entries at 00:00:00 and 23:59:59 Oslo time in the last 30 days');
      const [d1, d2] = [last.recorded.slice(0, 10), first.recorded.slice(0, 10)];
      assert.ok(d1 < d2, 'the 23:59:59 entry is on an earlier day');
      const ids = async (/** @type {string} */ from, /** @type {string} */ to) => (await accessLog(ctx, subject, { from, to, limit: 200 })).items.map((/** @type {any} */ e) => e.id);
      const both = await ids(d1, d2);
      assert.ok(both.includes(last.id) && both.includes(first.id), 'the first day\'s last second and the last day\'s first instant are in');
      assert.ok(!(await ids(addDays(d1, 1), d2)).includes(last.id), 'a day later: the earlier entry is out');
      assert.ok(!(await ids(d1, addDays(d2, -1))).includes(first.id), 'a day earlier: the later entry is out');
      assert.deepEqual(await ids(d2, d2).then((x) => x.filter((id) => id === first.id)), [first.id]);
    },
  },
  {
    title: 'a bad period is 400 validation naming the parameter',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      for (const [query, parameter] of /** @type {const} */ ([
        [{ from: '2026-02-30' }, 'from'],
        [{ to: '31.12.2026' }, 'to'],
        [{ from: '2026-06-02', to: '2026-06-01' }, 'from'],
        [{ from: '2024-01-01', to: '2026-01-01' }, 'from'],
      ])) {
        const r = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/access-log`, query }), 400, 'validation');
        assert.deepEqual(r.body.errors, [{ pointer: '', code: 'invalid', parameter }], JSON.stringify(query));
      }
    },
  },
  {
    title: 'only the person reads their log: a relative acting for them is 403, another person 404',
    needs: ['relative', 'other'],
    async run(ctx) {
      const subject = await ownSubject(ctx);
      ctx.expectStatus(await ctx.call({ as: 'relative', path: `/v1/subjects/${subject}/access-log` }), 403, 'forbidden');
      ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${subject}/access-log` }), 404, 'notFound');
    },
  },
];
