// @ts-check
/** Refusals: authentication, unknown subjects and appointments, bad queries, the error format. */
import assert from 'node:assert/strict';
import { newKey, problemTypes, validCancellation } from '../client.js';

/** @typedef {import('./check.js').Check} Check */

/** A subject id nobody has (the contract's Id pattern, so it is not a 400). */
const UNKNOWN_SUBJECT = 'sub-contract-suite-nobody-0000';
const UNKNOWN_APPOINTMENT = 'apt-contract-suite-nobody-0000';

/** An unsigned JWT (alg none) that claims to be someone. */
const b64 = (/** @type {object} */ o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const UNSIGNED_JWT = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ sub: 'psn-ola-7f3a', acr: 'idporten-loa-high', exp: 4102444800 })}.`;

/** Requests that must be refused, as `[what, call]`, for the error-format checks. @param {import('../client.js').Context} ctx */
async function refusals(ctx) {
  const own = (await ctx.me()).subjects[0].id;
  const cancelPath = `/v1/subjects/${own}/appointments/${UNKNOWN_APPOINTMENT}/cancellation`;
  return /** @type {[string, () => Promise<import('../client.js').Reply>][]} */ ([
    ['401 no token', () => ctx.call({ as: null, path: '/v1/me' })],
    ['401 no token (list)', () => ctx.call({ as: null, path: `/v1/subjects/${own}/appointments` })],
    ['401 malformed token', () => ctx.call({ as: { authorization: 'Bearer not a token!' }, path: '/v1/me' })],
    ['404 unknown subject', () => ctx.call({ path: `/v1/subjects/${UNKNOWN_SUBJECT}/appointments` })],
    ['404 unknown appointment', () => ctx.call({ path: `/v1/subjects/${own}/appointments/${UNKNOWN_APPOINTMENT}` })],
    ['400 bad limit', () => ctx.call({ path: `/v1/subjects/${own}/appointments`, query: { limit: 0 } })],
    ['400 missing Idempotency-Key', () => ctx.call({ method: 'POST', path: cancelPath, headers: { 'If-Match': '"x"' }, body: validCancellation() })],
    ['428 missing If-Match', () => ctx.call({ method: 'POST', path: cancelPath, headers: { 'Idempotency-Key': newKey() }, body: validCancellation() })],
  ]);
}

/** @type {Check[]} */
export const checks = [
  {
    title: '401 unauthorized without a token, with WWW-Authenticate',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      for (const path of ['/v1/me', `/v1/subjects/${own}/appointments`, '/v1/subjects/me/services', `/v1/subjects/${own}/appointments/${UNKNOWN_APPOINTMENT}`]) {
        const r = ctx.expectStatus(await ctx.call({ as: null, path }), 401, 'unauthorized');
        assert.ok(r.headers.get('www-authenticate'), `${path}: a 401 carries WWW-Authenticate`);
      }
      const r = await ctx.call({ as: null, method: 'POST', path: `/v1/subjects/${own}/appointments/${UNKNOWN_APPOINTMENT}/cancellation`, headers: { 'Idempotency-Key': newKey(), 'If-Match': '"x"' }, body: validCancellation() });
      ctx.expectStatus(r, 401, 'unauthorized');
    },
  },
  {
    title: '401 unauthorized with a malformed token',
    async run(ctx) {
      for (const authorization of ['Bearer not a token!', 'Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a b c']) {
        ctx.expectStatus(await ctx.call({ as: { authorization }, path: '/v1/me' }), 401, 'unauthorized');
      }
    },
  },
  {
    title: '401 unauthorized with a well-formed but invalid token (an unknown opaque token, an unsigned JWT)',
    unless: (caps) => (caps.acceptsAnyWellFormedToken ? 'the mocks sign in any well-formed token as their default person, by design' : undefined),
    async run(ctx) {
      for (const token of ['contract-suite-invalid-token-0000', UNSIGNED_JWT]) {
        ctx.expectStatus(await ctx.call({ as: { authorization: `Bearer ${token}` }, path: '/v1/me' }), 401, 'unauthorized');
      }
    },
  },
  {
    title: 'an unknown subject is 404 not-found, for every operation',
    async run(ctx) {
      const s = `/v1/subjects/${UNKNOWN_SUBJECT}`;
      ctx.expectStatus(await ctx.call({ path: `${s}/appointments` }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ path: `${s}/services` }), 404, 'notFound');
      ctx.expectStatus(await ctx.call({ path: `${s}/appointments/${UNKNOWN_APPOINTMENT}` }), 404, 'notFound');
      const ok = (await ctx.listAll({ subject: 'me' }))[0];
      if (ok) ctx.expectStatus(await ctx.call({ path: `${s}/appointments/${ok.id}` }), 404, 'notFound');
      ctx.expectStatus(await ctx.cancel({ subject: UNKNOWN_SUBJECT, id: ok?.id ?? UNKNOWN_APPOINTMENT, ifMatch: `"${ok?.version ?? 'x'}"` }), 404, 'notFound');
    },
  },
  {
    title: 'an unknown appointment under your own subject is 404 not-found (GET and cancel)',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      for (const subject of ['me', own]) {
        ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/appointments/${UNKNOWN_APPOINTMENT}` }), 404, 'notFound');
        ctx.expectStatus(await ctx.cancel({ subject, id: UNKNOWN_APPOINTMENT, ifMatch: '"x"' }), 404, 'notFound');
      }
    },
  },
  {
    title: 'bad list queries are 400 validation',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      for (const query of [
        { when: 'soon' },
        { limit: 0 },
        { limit: 101 },
        { limit: 'ten' },
        { cursor: 'not-a-cursor' },
        { cursor: 'x'.repeat(201) },
        { from: '2025-06-11' },
        { to: '2025-06-11T10:00:00' },
      ]) {
        ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${own}/appointments`, query }), 400, 'validation');
      }
    },
  },
  {
    title: 'Cache-Control: no-store on every response, including errors',
    async run(ctx) {
      const own = (await ctx.me()).subjects[0].id;
      const ok = [
        await ctx.call({ path: '/v1/me' }),
        await ctx.call({ path: `/v1/subjects/${own}/appointments` }),
        await ctx.call({ path: `/v1/subjects/${own}/services` }),
      ];
      const first = ok[1]?.body.items[0];
      if (first) ok.push(await ctx.call({ path: `/v1/subjects/${own}/appointments/${first.id}` }));
      const errors = [];
      for (const [, send] of await refusals(ctx)) errors.push(await send());
      for (const r of [...ok, ...errors]) {
        assert.equal(r.headers.get('cache-control'), 'no-store', `${r.method} ${r.path} → ${r.status}: Cache-Control`);
      }
      assert.ok(errors.every((r) => r.status >= 400), 'the refusals were refused');
    },
  },
  {
    title: 'every error is application/problem+json with a known type and status equal to the HTTP status',
    async run(ctx) {
      const known = new Set(Object.values(problemTypes));
      for (const [what, send] of await refusals(ctx)) {
        const r = await send();
        const expected = Number(what.slice(0, 3));
        assert.equal(r.status, expected, `${what}: status`);
        assert.equal(r.headers.get('content-type')?.split(';')[0]?.trim(), 'application/problem+json', `${what}: content type`);
        assert.ok(known.has(r.body.type), `${what}: type ${r.body.type} is one of the contract's`);
        assert.equal(r.body.status, r.status, `${what}: problem status`);
        assert.equal(typeof r.body.title, 'string', `${what}: title`);
      }
      // A path the contract does not have is an error in the same format.
      const r = await ctx.call({ path: '/v1/subjects/me/no-such-resource' });
      assert.ok(r.status >= 400 && r.status < 500, `an unknown path: ${r.status}`);
    },
  },
];
