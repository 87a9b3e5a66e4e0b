// @ts-check
/**
 * Another person's data (needs the `other` person: someone with no access to `self`'s subjects).
 * The answer is 404, the same as for something that does not exist: no existence leaks.
 */
import { DataError } from '../client.js';

/** @typedef {import('./check.js').Check} Check */

/**
 * The other person's subjects that `self` may not see, with a few of their appointment ids.
 * @param {import('../client.js').Context} ctx
 */
async function foreign(ctx) {
  return ctx.once('foreign', async () => {
    const mine = new Set((await ctx.me()).subjects.map((/** @type {any} */ s) => s.id));
    const theirs = (await ctx.me('other')).subjects.filter((/** @type {any} */ s) => !mine.has(s.id));
    if (theirs.length === 0) throw new DataError('every subject of the other person is also one of the person\'s own: they must share none');
    const out = [];
    for (const s of theirs) {
      /** @type {string[]} */
      let appointments = [];
      if (s.scopes.includes('appointments.read')) {
        const up = await ctx.listAll({ as: 'other', subject: s.id, when: 'upcoming' });
        const past = await ctx.listAll({ as: 'other', subject: s.id, when: 'past' });
        appointments = [...up.slice(0, 3), ...past.slice(0, 2)].map((a) => a.id);
      }
      out.push({ id: /** @type {string} */ (s.id), appointments });
    }
    return out;
  });
}

/** @type {Check[]} */
export const checks = [
  {
    title: "another person's subject is 404 not-found for you (lists, one appointment, services, cancel)",
    needs: ['other'],
    async run(ctx) {
      for (const s of await foreign(ctx)) {
        const base = `/v1/subjects/${s.id}`;
        ctx.expectStatus(await ctx.call({ path: `${base}/appointments` }), 404, 'notFound');
        ctx.expectStatus(await ctx.call({ path: `${base}/appointments`, query: { when: 'past' } }), 404, 'notFound');
        ctx.expectStatus(await ctx.call({ path: `${base}/services` }), 404, 'notFound');
        for (const id of s.appointments) {
          ctx.expectStatus(await ctx.call({ path: `${base}/appointments/${id}` }), 404, 'notFound');
          ctx.expectStatus(await ctx.cancel({ subject: s.id, id, ifMatch: '"x"' }), 404, 'notFound');
        }
      }
    },
  },
  {
    title: "another person's appointment id under your own subject is 404 not-found (GET and cancel)",
    needs: ['other'],
    async run(ctx) {
      const ids = (await foreign(ctx)).flatMap((s) => s.appointments);
      if (ids.length === 0) throw new DataError('the other person has no appointments in a subject the person cannot see');
      const own = (await ctx.me()).subjects[0].id;
      for (const id of ids) {
        for (const subject of ['me', own]) {
          ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/appointments/${id}` }), 404, 'notFound');
          ctx.expectStatus(await ctx.cancel({ subject, id, ifMatch: '"x"' }), 404, 'notFound');
        }
      }
    },
  },
  {
    title: 'and the other way round: your subject is 404 not-found for the other person',
    needs: ['other'],
    async run(ctx) {
      const theirs = new Set((await ctx.me('other')).subjects.map((/** @type {any} */ s) => s.id));
      const mine = (await ctx.me()).subjects.filter((/** @type {any} */ s) => !theirs.has(s.id));
      if (mine.length === 0) throw new DataError('the person and the other person share every subject');
      for (const s of mine) {
        ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${s.id}/appointments` }), 404, 'notFound');
        ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${s.id}/services` }), 404, 'notFound');
        const a = s.scopes.includes('appointments.read') ? (await ctx.listAll({ subject: s.id })).slice(0, 3) : [];
        for (const { id, version } of a) {
          ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/${s.id}/appointments/${id}` }), 404, 'notFound');
          ctx.expectStatus(await ctx.call({ as: 'other', path: `/v1/subjects/me/appointments/${id}` }), 404, 'notFound');
          ctx.expectStatus(await ctx.cancel({ as: 'other', subject: s.id, id, ifMatch: `"${version}"` }), 404, 'notFound');
        }
      }
    },
  },
];
