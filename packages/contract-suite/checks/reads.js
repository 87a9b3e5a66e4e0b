// @ts-check
/** Reading: me, lists (order, paging, filters), one appointment with its ETag, services. */
import assert from 'node:assert/strict';
import { relations, serviceTypes } from '../vocabulary.js';
import { DataError, SKEW_MS, cancellableStatuses } from '../client.js';

/** @typedef {import('./check.js').Check} Check */

/** @param {any[]} items */
const ids = (items) => items.map((a) => a.id);
/** Second precision, `Z`: an RFC 3339 date-time every implementation must accept. @param {number} ms */
const instant = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * @param {any[]} items
 * @param {1 | -1} dir
 * @param {string} what
 */
function assertOrdered(items, dir, what) {
  for (let i = 1; i < items.length; i++) {
    const prev = Date.parse(items[i - 1].start);
    const cur = Date.parse(items[i].start);
    assert.ok(dir * (cur - prev) >= 0, `${what}: ${items[i - 1].id} (${items[i - 1].start}) comes before ${items[i].id} (${items[i].start})`);
  }
}

/** @param {import('../client.js').Context} ctx */
async function readableSubjects(ctx) {
  const subjects = await ctx.subjectsWith('appointments.read');
  if (subjects.length === 0) throw new DataError('the signed-in person may read no subject\'s appointments');
  return subjects;
}

/** @param {any} source @param {string} what */
export function assertSource(source, what) {
  assert.ok(source && typeof source === 'object', `${what}: says its source`);
  assert.match(source.municipality?.number ?? '', /^[0-9]{4}$/, `${what}: a four-digit municipality number`);
  assert.ok(source.municipality?.name && source.system?.id && source.system?.name, `${what}: the municipality's name and the system's id and name`);
}

/** The first readable subject's appointments (both directions) and granted services. @param {import('../client.js').Context} ctx */
async function sourcedItems(ctx) {
  const [subject] = await readableSubjects(ctx);
  /** @type {any[]} */
  const out = [];
  for (const when of /** @type {const} */ (['upcoming', 'past'])) {
    out.push(...ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject.id}/appointments?when=${when}&limit=100` }), 200).body.items);
  }
  out.push(...ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject.id}/services` }), 200).body.items);
  return out;
}

/** @type {Check[]} */
export const checks = [
  {
    title: 'record sources: an item that says its source says it whole (a four-digit municipality number, names, the system id)',
    async run(ctx) {
      for (const x of await sourcedItems(ctx)) if (x.source !== undefined) assertSource(x.source, x.id);
    },
  },
  {
    title: 'several record systems: every appointment and granted service says its source',
    unless: (caps) => (caps.sources ? undefined : 'one record system: items need not say their source'),
    async run(ctx) {
      const items = await sourcedItems(ctx);
      assert.ok(items.length > 0, 'the subject has items to say it on');
      for (const x of items) assertSource(x.source, x.id);
    },
  },
  {
    title: 'appointment list: an ETag, If-None-Match with it → 304 without a body, another → 200 with the page',
    async run(ctx) {
      const [subject] = await readableSubjects(ctx);
      for (const when of /** @type {const} */ (['upcoming', 'past'])) {
        const path = `/v1/subjects/${subject.id}/appointments?when=${when}&limit=5`;
        const first = ctx.expectStatus(await ctx.call({ path }), 200);
        const tag = first.headers.get('etag');
        assert.ok(tag, `${when}: the list carries an ETag`);
        const again = await ctx.call({ path, headers: { 'If-None-Match': tag } });
        assert.equal(again.status, 304, `${when}: If-None-Match with the list's ETag: expected 304, got ${again.status}`);
        assert.equal(again.text, '', '304 has no body');
        const other = ctx.expectStatus(await ctx.call({ path, headers: { 'If-None-Match': 'W/"not-this-list"' } }), 200);
        assert.deepEqual(ids(other.body.items), ids(first.body.items), `${when}: another ETag gets the page`);
      }
    },
  },
  {
    title: 'GET /v1/me: the person, then the subjects with the person themselves first (relation self)',
    async run(ctx) {
      const me = await ctx.me();
      assert.ok(me.subjects.length >= 1, 'at least the person themselves');
      const [first] = me.subjects;
      assert.deepEqual(first.relation, { system: relations.system, code: 'self' }, 'the first subject is the person themselves');
      assert.equal(me.subjects.filter((/** @type {any} */ s) => s.relation.code === 'self').length, 1, 'exactly one subject with relation self');
      assert.equal(new Set(me.subjects.map((/** @type {any} */ s) => s.id)).size, me.subjects.length, 'subject ids are unique');
      for (const s of me.subjects) assert.notEqual(s.id, 'me', 'a subject id is never the alias "me"');
      if (me.sessionExpiresAt) assert.ok(Date.parse(me.sessionExpiresAt) > Date.now() - SKEW_MS, 'sessionExpiresAt is not in the past');
    },
  },
  {
    title: 'the alias "me" answers as the person\'s own subject id',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      for (const when of /** @type {const} */ (['upcoming', 'past'])) {
        const viaMe = await ctx.listAll({ subject: 'me', when });
        const viaId = await ctx.listAll({ subject: own, when });
        assert.deepEqual(ids(viaMe), ids(viaId), `${when}: me and ${own}`);
        for (const a of viaMe) assert.equal(a.subjectId, own, `${a.id}.subjectId`);
      }
      const s1 = ctx.expectStatus(await ctx.call({ path: '/v1/subjects/me/services' }), 200).body;
      const s2 = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${own}/services` }), 200).body;
      assert.deepEqual(s1, s2, 'services via me and via the id');
    },
  },
  {
    title: 'upcoming: ascending by start, each ends at or after now, belongs to the subject',
    async run(ctx) {
      let total = 0;
      for (const s of await readableSubjects(ctx)) {
        const items = await ctx.listAll({ subject: s.id, when: 'upcoming' });
        total += items.length;
        assertOrdered(items, 1, `upcoming of ${s.id}`);
        for (const a of items) {
          assert.ok(Date.parse(a.end) >= Date.now() - SKEW_MS, `${a.id} ended at ${a.end}, yet is upcoming`);
          assert.equal(a.subjectId, s.id, `${a.id}.subjectId`);
        }
        assert.equal(new Set(ids(items)).size, items.length, `upcoming of ${s.id}: ids are unique`);
        // The default `when` is upcoming.
        const first = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/appointments`, query: { limit: 100 } }), 200).body;
        assert.deepEqual(ids(first.items), ids(items.slice(0, 100)), 'no `when` means upcoming');
      }
      if (total === 0) throw new DataError('no upcoming appointments');
    },
  },
  {
    title: 'past: descending by start, each ended before now, belongs to the subject',
    async run(ctx) {
      let total = 0;
      for (const s of await readableSubjects(ctx)) {
        const items = await ctx.listAll({ subject: s.id, when: 'past' });
        total += items.length;
        assertOrdered(items, -1, `past of ${s.id}`);
        for (const a of items) {
          assert.ok(Date.parse(a.end) < Date.now() + SKEW_MS, `${a.id} ends at ${a.end}, yet is past`);
          assert.equal(a.subjectId, s.id, `${a.id}.subjectId`);
        }
        assert.equal(new Set(ids(items)).size, items.length, `past of ${s.id}: ids are unique`);
      }
      if (total === 0) throw new DataError('no past appointments');
    },
  },
  {
    title: 'paging: limit respected, pages join to the whole list without gaps or repeats, nextCursor null at the end',
    async run(ctx) {
      const subject = (await ctx.me()).subjects[0].id;
      let paged = 0;
      for (const when of /** @type {const} */ (['upcoming', 'past'])) {
        const all = await ctx.listAll({ subject, when });
        const n = all.length;
        // Default limit 20.
        const dflt = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/appointments`, query: { when } }), 200).body;
        assert.deepEqual(ids(dflt.items), ids(all.slice(0, 20)), `${when}: the first page at the default limit (20)`);
        assert.equal(dflt.nextCursor === null, n <= 20, `${when}: nextCursor at the default limit with ${n} items`);
        if (n < 2) continue;
        paged++;
        for (const limit of [...new Set([1, Math.max(1, Math.floor(n / 3)), n - 1])]) {
          const seen = [];
          /** @type {string | null} */
          let cursor = null;
          let pages = 0;
          do {
            const r = ctx.expectStatus(
              await ctx.call({ path: `/v1/subjects/${subject}/appointments`, query: { when, limit, cursor: cursor ?? undefined } }),
              200,
            );
            const page = r.body;
            pages++;
            assert.ok(page.items.length <= limit, `${when} limit ${limit}: page ${pages} has ${page.items.length} items`);
            if (page.nextCursor !== null) {
              assert.equal(page.items.length, limit, `${when} limit ${limit}: page ${pages} is not the last, so it is full`);
              assert.equal(typeof page.nextCursor, 'string');
              assert.ok(page.nextCursor.length > 0 && page.nextCursor.length <= 200, 'a cursor is 1–200 characters (the cursor parameter\'s maxLength)');
            }
            seen.push(...page.items);
            cursor = page.nextCursor;
            assert.ok(pages <= n + 1, `${when} limit ${limit}: more pages than items, the cursor does not advance`);
          } while (cursor !== null);
          assert.deepEqual(ids(seen), ids(all), `${when} limit ${limit}: the pages joined (${pages} pages) are the whole list`);
          assert.equal(pages, Math.ceil(n / limit), `${when} limit ${limit}: ${n} items in ${Math.ceil(n / limit)} pages, nextCursor null on the last`);
        }
      }
      if (paged === 0) throw new DataError('paging needs at least two upcoming or two past appointments of the person');
    },
  },
  {
    title: 'from/to: from keeps what ends at or after it, to keeps what starts before it',
    async run(ctx) {
      const subject = (await ctx.me()).subjects[0].id;
      let filtered = 0;
      for (const when of /** @type {const} */ (['upcoming', 'past'])) {
        const all = await ctx.listAll({ subject, when });
        if (all.length < 2) continue;
        filtered++;
        const byStart = [...all].sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
        // Excludes at least the earliest-ending item, and at least the latest-starting one.
        const from = instant(Math.min(...all.map((a) => Date.parse(a.end))) + 1000);
        const to = instant(Date.parse(byStart[byStart.length - 1].start));
        const cases = [{ from }, { to }, { from, to }];
        for (const q of cases) {
          const expected = all.filter(
            (a) => (q.from === undefined || Date.parse(a.end) >= Date.parse(q.from)) && (q.to === undefined || Date.parse(a.start) < Date.parse(q.to)),
          );
          assert.ok(expected.length < all.length, 'the filter excludes something');
          const got = await ctx.listAll({ subject, when, query: q });
          assert.deepEqual(ids(got), ids(expected), `${when} ${JSON.stringify(q)}`);
        }
        // An offset other than Z (a '+' must arrive encoded as %2B).
        const withOffset = all[0].start;
        const got = await ctx.listAll({ subject, when, query: { to: withOffset } });
        assert.deepEqual(ids(got), ids(all.filter((a) => Date.parse(a.start) < Date.parse(withOffset))), `${when} to=${withOffset}`);
      }
      if (filtered === 0) throw new DataError('from/to needs at least two upcoming or two past appointments of the person');
    },
  },
  {
    title: 'GET one appointment: strong ETag "<version>" equal to the body\'s version, the same as in the list',
    async run(ctx) {
      const subject = (await ctx.me()).subjects[0].id;
      const sample = [
        ...(await ctx.listAll({ subject, when: 'upcoming' })).slice(0, 6),
        ...(await ctx.listAll({ subject, when: 'past' })).slice(0, 4),
      ];
      if (sample.length === 0) throw new DataError('no appointments');
      for (const listed of sample) {
        const r = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/appointments/${listed.id}` }), 200);
        const etag = r.headers.get('etag');
        assert.ok(etag && !etag.startsWith('W/'), `${listed.id}: a strong ETag, got ${etag}`);
        assert.equal(etag, `"${r.body.version}"`, `${listed.id}: ETag is "<version>"`);
        assert.deepEqual(r.body, listed, `${listed.id}: the same as in the list`);
      }
    },
  },
  {
    title: 'cancellable is true only for a cancellable status before the deadline',
    async run(ctx) {
      let n = 0;
      for (const { a } of await ctx.cancelCandidates()) {
        n++;
        const p = a.cancellationPolicy;
        if (p.cancellable) {
          assert.ok(cancellableStatuses.includes(a.status), `${a.id}: cancellable with status ${a.status}`);
          assert.ok(Date.parse(p.deadline) >= Date.now() - SKEW_MS, `${a.id}: cancellable after its deadline ${p.deadline}`);
        } else if (cancellableStatuses.includes(a.status)) {
          assert.ok(Date.parse(p.deadline) <= Date.now() + SKEW_MS, `${a.id}: status ${a.status}, deadline ${p.deadline} ahead, yet not cancellable`);
        }
      }
      if (n === 0) throw new DataError('no upcoming appointments the person may cancel');
    },
  },
  {
    title: 'services: the granted services of every subject with services.read',
    async run(ctx) {
      const subjects = await ctx.subjectsWith('services.read');
      if (subjects.length === 0) throw new DataError('the signed-in person may read no subject\'s services');
      let total = 0;
      for (const s of subjects) {
        const body = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/services` }), 200).body;
        total += body.items.length;
        assert.equal(new Set(ids(body.items)).size, body.items.length, `services of ${s.id}: ids are unique`);
        for (const g of body.items) if (g.validTo) assert.ok(g.validTo >= g.validFrom, `${g.id}: validTo before validFrom`);
      }
      if (total === 0) throw new DataError('no granted services');
    },
  },
  {
    title: 'service types in their official system (Volven 9151, the KPR codes), in appointments and granted services',
    async run(ctx) {
      let total = 0;
      for (const s of await readableSubjects(ctx)) {
        const items = [...(await ctx.listAll({ subject: s.id, when: 'upcoming' })), ...(await ctx.listAll({ subject: s.id, when: 'past' }))];
        for (const a of items) assert.equal(a.serviceType.system, serviceTypes.system, `appointment ${a.id}: serviceType.system`);
        total += items.length;
      }
      for (const s of await ctx.subjectsWith('services.read')) {
        const body = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/services` }), 200).body;
        for (const g of body.items) assert.equal(g.serviceType.system, serviceTypes.system, `granted service ${g.id}: serviceType.system`);
        total += body.items.length;
      }
      if (total === 0) throw new DataError('no appointments or granted services');
    },
  },
  {
    title: 'a relative acting for the person sees the same appointments and services',
    needs: ['relative'],
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      const rel = await ctx.me('relative');
      const entry = rel.subjects.find((/** @type {any} */ s) => s.id === own);
      if (!entry) throw new DataError(`the relative's GET /v1/me does not list the person's subject ${own}`);
      assert.notEqual(entry.relation.code, 'self', 'the relation is not self');
      assert.notEqual(rel.subjects[0].id, own, "the relative's own subject comes first");
      if (entry.scopes.includes('appointments.read')) {
        for (const when of /** @type {const} */ (['upcoming', 'past'])) {
          const mine = await ctx.listAll({ subject: own, when });
          const theirs = await ctx.listAll({ as: 'relative', subject: own, when });
          assert.deepEqual(
            theirs.map((a) => [a.id, a.version]),
            mine.map((a) => [a.id, a.version]),
            `${when}: the relative's list of ${own}`,
          );
        }
      }
      if (entry.scopes.includes('services.read')) {
        const mine = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${own}/services` }), 200).body;
        const theirs = ctx.expectStatus(await ctx.call({ as: 'relative', path: `/v1/subjects/${own}/services` }), 200).body;
        assert.deepEqual(theirs, mine, 'services');
      }
    },
  },
];
