// @ts-check
/**
 * CORS, for a Min side on another origin than the API (openapi.yaml, "What every implementation
 * of this API answers"): the preflight is answered before authentication, with the contract's
 * request headers; an origin not on the operator's list gets no CORS headers; answers to an
 * allowed origin expose the headers the SDK reads. Over HTTP only: the target names an origin
 * it allows (the sandbox its own; a vendor's API through OMSORG_CORS_ORIGIN).
 */
import assert from 'node:assert/strict';

/** @typedef {import('./check.js').Check} Check */

const REQUEST_HEADERS = ['authorization', 'dpop', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'accept-language'];
const EXPOSED = ['etag', 'retry-after', 'location', 'www-authenticate', 'content-disposition'];
const STRANGER = 'https://stranger.contract-suite.test';

/** @param {import('../client.js').Context} ctx */
const originOf = (ctx) => {
  const o = ctx.target.corsOrigin;
  if (!o) throw new Error('the target names no allowed origin');
  return o;
};
/** @param {string | null} v */
const list = (v) => (v ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);

/** @param {import('../client.js').Context} ctx @param {string} origin @param {string} method */
const preflight = (ctx, origin, method) =>
  fetch(`${ctx.target.baseUrl}/v1/subjects/me/appointments`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,dpop,content-type,idempotency-key,if-match' },
  });

/** @param {import('../targets.js').Capabilities} caps */
const unless = (caps) => (caps.cors ? undefined : caps.name === 'external' ? 'OMSORG_CORS_ORIGIN is not set' : 'the msw mocks answer inside this process: no browser origin, no CORS');

/** @type {Check[]} */
export const checks = [
  {
    title: 'CORS preflight from an allowed origin: answered before authentication, that origin, the contract\'s methods and request headers, Vary: Origin, no credentials',
    unless,
    async run(ctx) {
      const origin = originOf(ctx);
      const r = await preflight(ctx, origin, 'POST');
      assert.ok(r.status === 204 || r.status === 200, `preflight → ${r.status}, not 2xx (a preflight carries no token)`);
      assert.equal(r.headers.get('access-control-allow-origin'), origin);
      for (const m of ['GET', 'POST', 'PUT', 'DELETE']) assert.ok(list(r.headers.get('access-control-allow-methods')).includes(m.toLowerCase()), `allows ${m}`);
      const allowed = list(r.headers.get('access-control-allow-headers'));
      for (const h of REQUEST_HEADERS) assert.ok(allowed.includes(h), `allows the request header ${h}`);
      assert.ok(list(r.headers.get('vary')).includes('origin'), 'Vary: Origin');
      assert.equal(r.headers.get('access-control-allow-credentials'), null, 'no cookies are involved');
    },
  },
  {
    title: 'CORS: an origin not on the list gets no CORS headers, neither on the preflight nor on a request',
    unless,
    async run(ctx) {
      const r = await preflight(ctx, STRANGER, 'GET');
      assert.equal(r.headers.get('access-control-allow-origin'), null);
      const auth = await ctx.target.headersFor(ctx.target.persons.self, 'GET', `${ctx.target.baseUrl}/v1/me`);
      const g = await fetch(`${ctx.target.baseUrl}/v1/me`, { headers: { ...auth, Origin: STRANGER, Accept: 'application/json' } });
      await g.arrayBuffer();
      assert.equal(g.headers.get('access-control-allow-origin'), null);
    },
  },
  {
    title: 'CORS: an answer to an allowed origin names it and exposes the headers the client reads (ETag, Retry-After, …), errors included',
    unless,
    async run(ctx) {
      const origin = originOf(ctx);
      const auth = await ctx.target.headersFor(ctx.target.persons.self, 'GET', `${ctx.target.baseUrl}/v1/me`);
      const ok = await fetch(`${ctx.target.baseUrl}/v1/me`, { headers: { ...auth, Origin: origin, Accept: 'application/json' } });
      await ok.arrayBuffer();
      assert.equal(ok.status, 200);
      const refused = await fetch(`${ctx.target.baseUrl}/v1/me`, { headers: { Origin: origin, Accept: 'application/json' } });
      await refused.arrayBuffer();
      assert.equal(refused.status, 401);
      for (const r of [ok, refused]) {
        assert.equal(r.headers.get('access-control-allow-origin'), origin, `${r.status}: the origin`);
        assert.ok(list(r.headers.get('vary')).includes('origin'), `${r.status}: Vary: Origin`);
        const exposed = list(r.headers.get('access-control-expose-headers'));
        for (const h of EXPOSED) assert.ok(exposed.includes(h), `${r.status}: exposes ${h}`);
      }
    },
  },
];
