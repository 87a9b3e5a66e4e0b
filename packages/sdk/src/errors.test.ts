import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { OmsorgError, errorFromResponse, isJsonType, isOmsorgError, isRetryable, parseRetryAfter } from './errors.js';
import { DEFAULT_RETRY, retryDelay } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { problem } from './test/fixtures.js';

describe('OmsorgError', () => {
  it('carries kind and defaults retryable by kind', () => {
    const e = new OmsorgError('network', 'x');
    expect(e).to.be.instanceOf(Error);
    expect(e.name).to.equal('OmsorgError');
    expect(e.retryable).to.equal(true);
    expect(new OmsorgError('invalid-response', 'x').retryable).to.equal(false);
    expect(new OmsorgError('http', 'x', { cause: 'c' }).cause).to.equal('c');
  });

  it('isOmsorgError also accepts errors from another copy of the SDK', () => {
    const foreign = Object.assign(new Error('x'), { name: 'OmsorgError', kind: 'http' });
    expect(isOmsorgError(new OmsorgError('auth', 'x'))).to.equal(true);
    expect(isOmsorgError(foreign)).to.equal(true);
    expect(isOmsorgError(new Error('x'))).to.equal(false);
    expect(isOmsorgError({ name: 'OmsorgError', kind: 'http' })).to.equal(false);
    expect(isOmsorgError(undefined)).to.equal(false);
  });

  it('isRetryable is OmsorgError.retryable: no answer and 408, 429, 500, 502, 503, 504; nothing else', async () => {
    const status = async (s: number) => isRetryable(await errorFromResponse(new Response(null, { status: s })));
    for (const s of [408, 429, 500, 502, 503, 504]) expect(await status(s), String(s)).to.equal(true);
    for (const s of [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 501, 505]) expect(await status(s), String(s)).to.equal(false);
    expect(isRetryable(new OmsorgError('network', 'x'))).to.equal(true);
    expect(isRetryable(new OmsorgError('invalid-response', 'x'))).to.equal(false);
    expect(isRetryable(new OmsorgError('aborted', 'x'))).to.equal(false);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'OmsorgError', kind: 'http', retryable: true }))).to.equal(true);
    expect(isRetryable({ retryable: true })).to.equal(false);
    expect(isRetryable(new Error('x'))).to.equal(false);
  });
});

describe('errorFromResponse', () => {
  it('reads problem+json', async () => {
    const e = await errorFromResponse(problem(422, problemTypes.idempotencyKeyReused, { detail: 'd', errors: [{ pointer: '/reason', code: 'invalid' }] }));
    expect(e.kind).to.equal('http');
    expect(e.type).to.equal(problemTypes.idempotencyKeyReused);
    expect(e.title).to.equal('Title 422');
    expect(e.detail).to.equal('d');
    expect(e.problem?.errors?.[0]?.pointer).to.equal('/reason');
    expect(e.message).to.equal('422 Title 422');
  });

  it('maps 401 to kind auth', async () => {
    expect((await errorFromResponse(problem(401, problemTypes.unauthorized))).kind).to.equal('auth');
  });

  it('survives broken JSON, JSON that is not a problem, and ignores non-string fields', async () => {
    const broken = await errorFromResponse(new Response('{oops', { status: 500, headers: { 'content-type': 'application/problem+json' } }));
    expect(broken.status).to.equal(500);
    expect(broken.problem).to.equal(undefined);
    expect(broken.message).to.equal('HTTP 500');
    const array = await errorFromResponse(new Response('[1]', { status: 400, headers: { 'content-type': 'application/json' } }));
    expect(array.problem).to.equal(undefined);
    const odd = await errorFromResponse(new Response(JSON.stringify({ type: 'urn:x', title: 5, detail: {} }), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    expect(odd.type).to.equal('urn:x');
    expect(odd.title).to.equal(undefined);
    expect(odd.detail).to.equal(undefined);
  });

  it('handles an empty non-JSON body and reads Retry-After', async () => {
    const e = await errorFromResponse(new Response(null, { status: 503, headers: { 'retry-after': '7' } }));
    expect(e.retryable).to.equal(true);
    expect(e.retryAfterMs).to.equal(7000);
    expect(e.type).to.equal(undefined);
  });
});

describe('retry timing', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter(null)).to.equal(undefined);
    expect(parseRetryAfter(' 3 ')).to.equal(3000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 23:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter('-1')).to.equal(undefined);
  });

  it('uses full jitter on an exponentially growing cap', () => {
    const o = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(0, null, o, () => 0)).to.equal(0);
    expect(retryDelay(0, null, o, () => 0.5)).to.equal(50);
    expect(retryDelay(2, null, o, () => 0.5)).to.equal(200);
    expect(retryDelay(5, null, o, () => 1)).to.equal(1000);
  });

  it('prefers Retry-After, capped by maxDelayMs', () => {
    const o = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(0, '0', o, () => 1)).to.equal(0);
    expect(retryDelay(0, '120', o)).to.equal(1000);
    expect(retryDelay(0, 'garbage', o, () => 1)).to.equal(100);
    expect(DEFAULT_RETRY).to.deep.equal({ retries: 3, baseDelayMs: 300, maxDelayMs: 10_000 });
  });
});

describe('helpers', () => {
  it('recognises JSON media types', () => {
    expect(isJsonType('application/json')).to.equal(true);
    expect(isJsonType('application/json; charset=utf-8')).to.equal(true);
    expect(isJsonType('application/problem+json')).to.equal(true);
    expect(isJsonType('text/json')).to.equal(false);
    expect(isJsonType('application/jsonp')).to.equal(false);
    expect(isJsonType(null)).to.equal(false);
  });

  it('makes a UUID v4 without crypto.randomUUID', () => {
    const key = newIdempotencyKey({ getRandomValues: (a) => crypto.getRandomValues(a) });
    expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const zeros = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(zeros).to.equal('00000000-0000-4000-8000-000000000000');
  });
});
