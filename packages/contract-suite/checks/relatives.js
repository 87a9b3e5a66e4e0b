// @ts-check
/**
 * Relatives' access: who may act for the person and whom they act for, the look-up by number in
 * the body, giving and taking back, and every rule refused by the server itself (the suite is a
 * client that skips every check an element makes): a sign-in older than 300 s (403
 * step-up-required with `maxAge`), a relative under 18, a period missing or over 365 days, a
 * person with a confidential address answered exactly as an unknown number, and taking back
 * access refusing the relative's next request at once.
 *
 * The numbers come from the fixtures' population register, so these checks need a target with
 * the project's fixtures and a sign-in of a chosen age (the mocks and the sandbox). The check
 * that takes the relative's access back gives it again before it ends, whatever happens.
 */
import assert from 'node:assert/strict';
import { addDays, osloDate } from '@omsorg/contract';
import { DataError, newKey } from '../client.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */

/** The population register of the fixtures, as of now. */
async function register() {
  const { createRegister, unknownNationalIdentityNumber } = await import('@omsorg/fixtures');
  return { ...createRegister(new Date()), unknown: unknownNationalIdentityNumber };
}

const nowSec = () => Math.floor(Date.now() / 1000);
/** A sign-in a minute old (fresh enough), and one ten minutes old. */
const fresh = () => nowSec() - 60;
const stale = () => nowSec() - 600;

/** Today and a date `days` later, as Oslo calendar dates. @param {number} days */
function period(days) {
  const today = osloDate(new Date());
  return { start: today, end: addDays(today, days) };
}

/**
 * `POST …/relatives-access` as `self`.
 * @param {Context} ctx
 * @param {unknown} body
 * @param {{ signedInAt?: number, key?: string | null }} [o]
 */
function grant(ctx, body, { signedInAt = fresh(), key = newKey() } = {}) {
  return ctx.call({ method: 'POST', path: '/v1/subjects/me/relatives-access', body, signedInAt, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

/** @param {Context} ctx @param {string} id @param {number} [signedInAt] */
const revoke = (ctx, id, signedInAt = fresh()) => ctx.call({ method: 'DELETE', path: `/v1/subjects/me/relatives-access/${id}`, signedInAt });

/** @param {Context} ctx @param {string} number */
const lookUp = (ctx, number) => ctx.call({ method: 'POST', path: '/v1/subjects/me/person-lookup', body: { nationalIdentityNumber: number } });

/** @param {import('../targets.js').Capabilities} caps */
const needsRegister = (caps) =>
  !caps.fixtures ? 'needs the fixtures\' population register (numbers of a relative under 18 and of a confidential address)' : !caps.signInAge ? 'needs a sign-in of a chosen age' : undefined;

/** @type {Check[]} */
export const checks = [
  {
    title: 'relatives\' access: who may act for the person and whom the person acts for; a relative acting for them 403',
    needs: ['relative'],
    async run(ctx) {
      const own = ctx.expectStatus(await ctx.call({ path: '/v1/subjects/me/relatives-access' }), 200).body;
      const rel = await ctx.me('relative');
      const mine = (await ctx.me()).subjects.find((/** @type {any} */ s) => s.relation.code === 'self');
      if (!rel.subjects.some((/** @type {any} */ s) => s.id === mine.id)) throw new DataError('the relative does not act for the person');
      const relId = rel.person.id;
      assert.ok(own.relatives.some((/** @type {any} */ a) => a.relative.id === relId && a.subjectId === mine.id && a.status === 'active'), 'the relative is listed');
      const theirs = ctx.expectStatus(await ctx.call({ as: 'relative', path: '/v1/subjects/me/relatives-access' }), 200).body;
      assert.ok(theirs.actingFor.some((/** @type {any} */ a) => a.subjectId === mine.id), 'the relative sees whom they act for');
      ctx.expectStatus(await ctx.call({ as: 'relative', path: `/v1/subjects/${mine.id}/relatives-access` }), 403, 'forbidden');
    },
  },
  {
    title: 'look-up by number in the body: the name; an unknown number and a confidential address answer byte for byte alike (404)',
    unless: needsRegister,
    async run(ctx) {
      const r = await register();
      assert.deepEqual(ctx.expectStatus(await lookUp(ctx, r.lars.nationalIdentityNumber), 200).body, { name: r.lars.name });
      const unknown = ctx.expectStatus(await lookUp(ctx, r.unknown), 404, 'notFound');
      const confidential = ctx.expectStatus(await lookUp(ctx, r.nora.nationalIdentityNumber), 404, 'notFound');
      assert.equal(confidential.text, unknown.text);
      ctx.expectStatus(await lookUp(ctx, '12345678901'), 400, 'validation');
    },
  },
  {
    title: 'giving access needs a sign-in at most 300 s old: 403 step-up-required with maxAge 300, nothing given',
    unless: needsRegister,
    async run(ctx) {
      const r = await register();
      const body = { nationalIdentityNumber: r.lars.nationalIdentityNumber, scopes: ['appointments.read'], period: period(30) };
      const refused = ctx.expectStatus(await grant(ctx, body, { signedInAt: stale() }), 403, 'stepUpRequired');
      assert.equal(refused.body.maxAge, 300);
      const list = ctx.expectStatus(await ctx.call({ path: '/v1/subjects/me/relatives-access' }), 200).body;
      assert.ok(!list.relatives.some((/** @type {any} */ a) => a.relative.name === r.lars.name), 'nothing was given');
    },
  },
  {
    title: 'the server refuses what the element would: relative under 18 (422), period missing or over 365 days, confidential address as unknown (404)',
    unless: needsRegister,
    async run(ctx) {
      const r = await register();
      const body = (/** @type {string} */ number, p = period(30)) => ({ nationalIdentityNumber: number, scopes: ['appointments.read'], period: p });
      ctx.expectStatus(await grant(ctx, body(r.sofie.nationalIdentityNumber)), 422, 'relativeTooYoung');
      const long = ctx.expectStatus(await grant(ctx, body(r.lars.nationalIdentityNumber, period(365))), 400, 'validation');
      assert.deepEqual(long.body.errors, [{ pointer: '/period/end', code: 'too-long' }]);
      const missing = ctx.expectStatus(await grant(ctx, { nationalIdentityNumber: r.lars.nationalIdentityNumber, scopes: ['appointments.read'] }), 400, 'validation');
      assert.deepEqual(missing.body.errors, [{ pointer: '/period', code: 'required' }]);
      const unknown = ctx.expectStatus(await grant(ctx, body(r.unknown)), 404, 'notFound');
      const confidential = ctx.expectStatus(await grant(ctx, body(r.nora.nationalIdentityNumber)), 404, 'notFound');
      assert.equal(confidential.text, unknown.text);
      ctx.expectStatus(await grant(ctx, body(r.lars.nationalIdentityNumber), { key: null }), 400, 'idempotencyKeyMissing');
    },
  },
  {
    title: 'a giver under 16 is refused (403 giver-too-young), whatever the relative and the period',
    unless: (caps) => needsRegister(caps) ?? (caps.registerSignIn ? undefined : 'needs a sign-in as the register\'s 15-year-old (the mocks sign in only their three persons)'),
    async run(ctx) {
      const r = await register();
      const url = `${ctx.target.baseUrl}/v1/subjects/me/relatives-access`;
      if (!ctx.target.headersForRegisterPerson) throw new Error('the target cannot sign in a register person');
      const auth = await ctx.target.headersForRegisterPerson(r.jonas.id, 'POST', url);
      const body = { nationalIdentityNumber: r.lars.nationalIdentityNumber, scopes: ['appointments.read'], period: period(30) };
      const reply = await ctx.call({ as: { authorization: auth.Authorization ?? '' }, method: 'POST', path: '/v1/subjects/me/relatives-access', body, headers: { 'Idempotency-Key': newKey() } });
      ctx.expectStatus(reply, 403, 'giverTooYoung');
    },
  },
  {
    title: 'give and take back: the answer names the relative; taking back needs a recent sign-in too, and refuses the relative\'s next call at once',
    needs: ['relative'],
    unless: needsRegister,
    async run(ctx) {
      const r = await register();
      const mine = (await ctx.me()).subjects.find((/** @type {any} */ s) => s.relation.code === 'self');
      const rel = await ctx.me('relative');
      const number = Object.values(r).find((p) => typeof p === 'object' && p.id === rel.person.id)?.nationalIdentityNumber;
      if (!number) throw new DataError('the relative is not in the fixtures\' register');
      const list = ctx.expectStatus(await ctx.call({ path: '/v1/subjects/me/relatives-access' }), 200).body;
      const theirs = list.relatives.find((/** @type {any} */ a) => a.relative.id === rel.person.id);
      if (!theirs) throw new DataError('the relative has no access to take back');
      const read = () => ctx.call({ as: 'relative', path: `/v1/subjects/${mine.id}/appointments` });
      ctx.expectStatus(await read(), 200);
      ctx.expectStatus(await revoke(ctx, theirs.id, stale()), 403, 'stepUpRequired');
      ctx.expectStatus(await read(), 200);
      try {
        const taken = ctx.expectStatus(await revoke(ctx, theirs.id), 200).body;
        assert.equal(taken.status, 'inactive');
        assert.ok(taken.revokedAt);
        ctx.expectStatus(await read(), 404, 'notFound');
      } finally {
        // Given back (as the person would): every scope, for most of a year.
        const back = ctx.expectStatus(await grant(ctx, { nationalIdentityNumber: number, scopes: theirs.scopes, period: period(300) }), 201).body;
        assert.equal(back.relative.name, rel.person.name, 'the answer names the relative');
        assert.equal(back.status, 'active');
      }
      ctx.expectStatus(await read(), 200);
    },
  },
];
