// @ts-check
/**
 * `POST …/appointments/{id}/cancellation`: every rule. The refusal checks share one appointment
 * (a refusal changes nothing, and that is asserted); each check that changes data takes an
 * appointment of its own, found in the data, so the order of the checks does not matter.
 */
import assert from 'node:assert/strict';
import { cancellationReasons } from '../vocabulary.js';
import { DataError, SKEW_MS, cancellableStatuses, newKey, validCancellation } from '../client.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */

/** The appointment the refusal checks share (never changed by them). @param {Context} ctx */
async function probe(ctx) {
  const { subject, a } = await ctx.once('probe', () => ctx.claimCancellable({ purpose: 'the refusal checks' }));
  return ctx.getAppointment(subject, a.id);
}

/**
 * Asserts that the appointment still has `version`.
 * @param {Context} ctx
 * @param {{ subject: string, a: any }} before
 * @param {string} why
 */
async function assertUnchanged(ctx, before, why) {
  const now = await ctx.getAppointment(before.subject, before.a.id);
  assert.equal(now.a.version, before.a.version, `${why}: the appointment changed (version ${before.a.version} → ${now.a.version})`);
  assert.equal(now.a.status, before.a.status, `${why}: status`);
}

/** @type {Check[]} */
export const checks = [
  {
    title: 'no Idempotency-Key → 400 idempotency-key-missing (and a key outside 8–100 characters → 400)',
    async run(ctx) {
      const p = await probe(ctx);
      ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, key: null, ifMatch: p.etag }), 400, 'idempotencyKeyMissing');
      for (const key of ['short', 'k'.repeat(101)]) {
        ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, key, ifMatch: p.etag }), 400);
      }
      await assertUnchanged(ctx, p, 'after 400');
    },
  },
  {
    title: 'no If-Match → 428 precondition-required',
    async run(ctx) {
      const p = await probe(ctx);
      ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, ifMatch: null }), 428, 'preconditionRequired');
      await assertUnchanged(ctx, p, 'after 428');
    },
  },
  {
    title: 'a stale or weak If-Match → 412 precondition-failed, and nothing changes',
    async run(ctx) {
      const p = await probe(ctx);
      for (const ifMatch of ['"contract-suite-stale"', `W/${p.etag}`, `"${p.a.version}-old"`]) {
        ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, ifMatch }), 412, 'preconditionFailed');
      }
      await assertUnchanged(ctx, p, 'after 412');
    },
  },
  {
    title: 'an invalid body → 400 validation with errors[] pointing at the fields',
    async run(ctx) {
      const p = await probe(ctx);
      const { system } = cancellationReasons;
      /** @type {[string, unknown, { pointer: string, code: string }][]} */
      const cases = [
        ['no reason', { comment: 'Feber' }, { pointer: '/reason', code: 'required' }],
        ['an unknown reason code', { reason: { system, code: 'contract-suite-no-such-reason' } }, { pointer: '/reason/code', code: 'unknown-code' }],
        ['a 501-character comment', { reason: { system, code: cancellationReasons.aCode }, comment: 'x'.repeat(501) }, { pointer: '/comment', code: 'too-long' }],
      ];
      for (const [what, body, expected] of cases) {
        const r = ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, ifMatch: p.etag, body }), 400, 'validation');
        assert.ok(Array.isArray(r.body.errors) && r.body.errors.length > 0, `${what}: errors[]`);
        assert.ok(
          r.body.errors.some((/** @type {any} */ e) => e.pointer === expected.pointer && e.code === expected.code),
          `${what}: expected ${JSON.stringify(expected)} in ${JSON.stringify(r.body.errors)}`,
        );
      }
      await assertUnchanged(ctx, p, 'after 400 validation');
    },
  },
  {
    title: 'cancel: cancelled (mode final) or cancellation-requested (mode request), the cancellation recorded, a new version and ETag',
    async run(ctx, t) {
      const modes = await ctx.availableModes();
      if (modes.length === 0) throw new DataError('no cancellable upcoming appointment');
      const me = await ctx.me();
      for (const mode of modes) {
        const before = await ctx.claimCancellable({ mode, purpose: `cancel (mode ${mode})` });
        const body = validCancellation(`contract suite, mode ${mode}`);
        const started = Date.now();
        const r = ctx.expectStatus(await ctx.cancel({ subject: before.subject, id: before.a.id, ifMatch: before.etag, body }), 200);
        const a = r.body;
        const what = `${a.id} (mode ${mode})`;
        assert.equal(a.id, before.a.id);
        assert.equal(a.status, mode === 'final' ? 'cancelled' : 'cancellation-requested', `${what}: status`);
        assert.notEqual(a.version, before.a.version, `${what}: a new version`);
        assert.equal(r.headers.get('etag'), `"${a.version}"`, `${what}: ETag`);
        assert.equal(a.cancellationPolicy.cancellable, false, `${what}: no longer cancellable`);
        assert.ok(a.cancellation, `${what}: the cancellation`);
        assert.deepEqual(a.cancellation.reason, body.reason, `${what}: cancellation.reason`);
        assert.equal(a.cancellation.comment, body.comment, `${what}: cancellation.comment`);
        const at = Date.parse(a.cancellation.requestedAt);
        assert.ok(at >= started - SKEW_MS && at <= Date.now() + SKEW_MS, `${what}: requestedAt ${a.cancellation.requestedAt} is now`);
        if (a.cancellation.requestedBy) assert.equal(a.cancellation.requestedBy.id, me.person.id, `${what}: requestedBy is the signed-in person`);
        if (mode === 'request') assert.equal(a.cancellation.answeredAt ?? null, null, `${what}: a request is not answered yet`);
        // What was answered is what is stored.
        const after = await ctx.getAppointment(before.subject, a.id);
        assert.deepEqual(after.a, a, `${what}: GET after the cancel`);
        assert.equal(after.etag, r.headers.get('etag'), `${what}: ETag of GET after the cancel`);
      }
      t.diagnostic(`modes cancelled: ${modes.join(', ')}`);
    },
  },
  {
    title: 'a replay (same key and body) → the same status and body, and no second change',
    async run(ctx) {
      const before = await ctx.claimCancellable({ prefer: 'final', purpose: 'replay' });
      const key = newKey();
      const send = () => ctx.cancel({ subject: before.subject, id: before.a.id, key, ifMatch: before.etag });
      const first = ctx.expectStatus(await send(), 200);
      // The retry carries the first request's If-Match, stale by now: still the first answer.
      for (let i = 0; i < 2; i++) {
        const again = await send();
        assert.equal(again.status, first.status, 'replay: status');
        assert.deepEqual(again.body, first.body, 'replay: body');
        assert.equal(again.headers.get('etag'), first.headers.get('etag'), 'replay: ETag');
      }
      const after = await ctx.getAppointment(before.subject, before.a.id);
      assert.equal(after.a.version, first.body.version, 'no second change after the replays');
      assert.deepEqual(after.a.cancellation, first.body.cancellation, 'the cancellation is the first one');
    },
  },
  {
    title: 'the same key with a different body or appointment → 422 idempotency-key-reused',
    async run(ctx) {
      const before = await ctx.claimCancellable({ prefer: 'final', purpose: 'key reuse' });
      const key = newKey();
      const first = ctx.expectStatus(await ctx.cancel({ subject: before.subject, id: before.a.id, key, ifMatch: before.etag }), 200);
      const other = validCancellation('contract suite: another comment');
      ctx.expectStatus(
        await ctx.cancel({ subject: before.subject, id: before.a.id, key, ifMatch: first.headers.get('etag'), body: other }),
        422,
        'idempotencyKeyReused',
      );
      const p = await probe(ctx);
      ctx.expectStatus(await ctx.cancel({ subject: p.subject, id: p.a.id, key, ifMatch: p.etag }), 422, 'idempotencyKeyReused');
      await assertUnchanged(ctx, p, 'the other appointment after 422');
      const after = await ctx.getAppointment(before.subject, before.a.id);
      assert.equal(after.a.version, first.body.version, 'no change after 422');
      assert.deepEqual(after.a.cancellation, first.body.cancellation, 'the cancellation is the first one');
    },
  },
  {
    title: 'an already cancelled appointment → 409 not-cancellable (new key, current If-Match); its old ETag → 412',
    async run(ctx) {
      const before = await ctx.claimCancellable({ prefer: 'final', purpose: 'already cancelled' });
      const first = ctx.expectStatus(await ctx.cancel({ subject: before.subject, id: before.a.id, ifMatch: before.etag }), 200);
      assert.ok(!cancellableStatuses.includes(first.body.status), `status ${first.body.status} after the cancel`);
      ctx.expectStatus(await ctx.cancel({ subject: before.subject, id: before.a.id, ifMatch: before.etag }), 412, 'preconditionFailed');
      const current = await ctx.getAppointment(before.subject, before.a.id);
      ctx.expectStatus(await ctx.cancel({ subject: before.subject, id: before.a.id, ifMatch: current.etag }), 409, 'notCancellable');
      await assertUnchanged(ctx, current, 'after 409');
    },
  },
  {
    title: 'an appointment past its cancellation deadline → 409 deadline-passed (cancellable false in the list)',
    async run(ctx) {
      const now = Date.now();
      const candidates = (await ctx.cancelCandidates()).filter(
        ({ a }) => cancellableStatuses.includes(a.status) && Date.parse(a.cancellationPolicy.deadline) < now - SKEW_MS,
      );
      if (candidates.length === 0) {
        throw new DataError(
          ctx.target.name === 'external'
            ? 'no upcoming appointment (with a cancellable status) whose cancellation deadline has passed'
            : `the ${ctx.target.name} fixtures guarantee an upcoming appointment past its deadline, and there is none`,
        );
      }
      for (const { subject, a } of candidates.slice(0, 3)) {
        assert.equal(a.cancellationPolicy.cancellable, false, `${a.id}: cancellable after the deadline ${a.cancellationPolicy.deadline}`);
        const current = await ctx.getAppointment(subject, a.id);
        const r = ctx.expectStatus(await ctx.cancel({ subject, id: a.id, ifMatch: current.etag }), 409, 'deadlinePassed');
        assert.ok(r.body.title, 'a title');
        await assertUnchanged(ctx, current, 'after 409 deadline-passed');
      }
    },
  },
];
