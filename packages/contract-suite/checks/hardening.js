// @ts-check
/**
 * What every implementation answers to requests a client should not send (openapi.yaml, "What
 * every implementation of this API answers"): another media type, JSON nested too deep, an
 * unpaired surrogate, an unknown query parameter. They are refused before anything is stored.
 */
import assert from 'node:assert/strict';
import { newKey } from '../client.js';
import { sendMessage, suiteThread } from './messages-kit.js';

/** @typedef {import('./check.js').Check} Check */

/** JSON arrays `n` deep. */
const nested = (/** @type {number} */ n) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** @type {Check[]} */
export const checks = [
  {
    title: '415 unsupported-media-type for a JSON body sent as text/plain',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const r = await ctx.call({
        method: 'POST',
        path: `/v1/subjects/${subject}/threads/${thread.id}/messages`,
        headers: { 'Idempotency-Key': newKey(), 'Content-Type': 'text/plain' },
        body: JSON.stringify({ text: 'contract suite: sent as text' }),
      });
      ctx.expectStatus(r, 415, 'unsupportedMediaType');
    },
  },
  {
    title: '400 too-deep for JSON nested past 32 levels (never a 5xx)',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      for (const body of [nested(5000), `{"text":"contract suite","x":${nested(40)}}`]) {
        const r = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body }), 400, 'validation');
        assert.deepEqual(r.body.errors, [{ pointer: '', code: 'too-deep' }]);
      }
      const own = (await ctx.me()).subjects[0].id;
      const cancel = await ctx.call({
        method: 'POST',
        path: `/v1/subjects/${own}/appointments/apt-contract-suite-nobody-0000/cancellation`,
        headers: { 'Idempotency-Key': newKey(), 'If-Match': '"x"' },
        body: `{"reason":${nested(40)}}`,
      });
      // The body is read before the appointment is looked up.
      assert.deepEqual(ctx.expectStatus(cancel, 400, 'validation').body.errors, [{ pointer: '', code: 'too-deep' }]);
    },
  },
  {
    title: '400 invalid-character for an unpaired surrogate, not stored altered',
    async run(ctx) {
      const { subject, thread } = await suiteThread(ctx);
      const r = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: '{"text":"contract suite \\ud800"}' }), 400, 'validation');
      assert.deepEqual(r.body.errors, [{ pointer: '/text', code: 'invalid-character' }]);
      const pair = ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: '{"text":"contract suite \\ud83d\\ude00"}' }), 201);
      assert.equal(pair.body.text, 'contract suite 😀');
    },
  },
  {
    title: '400 unknown-parameter for a query parameter an operation does not take, on every list',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      const lists = [`/v1/subjects/${own}/appointments`, `/v1/subjects/${own}/services`, `/v1/subjects/${own}/threads`, `/v1/subjects/${own}/message-recipients`, '/v1/me'];
      for (const path of lists) {
        const r = ctx.expectStatus(await ctx.call({ path, query: { 'contract-suite': 1 } }), 400, 'validation');
        assert.deepEqual(r.body.errors, [{ pointer: '', code: 'unknown-parameter', parameter: 'contract-suite' }], path);
      }
      ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${own}/appointments`, query: { when: 'past', limit: 5 } }), 200);
    },
  },
];
