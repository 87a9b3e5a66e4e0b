// @ts-check
/**
 * The request check against the contract (api/contract.js): a body-less request's answer is
 * remembered by what it depends on (the operation, the path, the query and the headers the
 * operation declares), so a remembered answer is always the one a fresh check gives.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadContract } from '../src/api/contract.js';

const LIST = '/v1/subjects/me/appointments';

describe('checking requests against the contract', () => {
  /** @type {import('../src/api/contract.js').Contract} */
  let contract;
  /** @type {import('../src/api/contract.js').Contract} */
  let fresh;
  before(async () => {
    [contract, fresh] = await Promise.all([loadContract(), loadContract()]);
  });

  /** @param {string} query @param {Record<string, string>} [headers] */
  const list = (query, headers = {}, c = contract) => c.validateRequest('listAppointments', { method: 'GET', path: LIST, headers, query });

  it('answers a repeated body-less request from memory, with what a fresh check answers', () => {
    const first = list('when=upcoming&limit=500');
    assert.ok(first.length > 0, 'limit 500 is over the contract\'s maximum');
    const again = list('when=upcoming&limit=500');
    assert.equal(again, first, 'the same (frozen) answer');
    assert.ok(Object.isFrozen(again));
    assert.deepEqual(again, list('when=upcoming&limit=500', {}, fresh));
    assert.deepEqual(list('when=upcoming&limit=20'), []);
  });

  it('tells requests apart by the headers the operation declares, and only by those', () => {
    const ok = list('when=upcoming', { 'if-none-match': 'W/"abc"' });
    assert.deepEqual(ok, []);
    // If-None-Match is declared with at most 200 characters: the same path and query fail.
    const long = list('when=upcoming', { 'if-none-match': `W/"${'a'.repeat(200)}"` });
    assert.ok(long.length > 0, 'an If-None-Match over 200 characters breaks the contract');
    assert.deepEqual(long, list('when=upcoming', { 'if-none-match': `W/"${'a'.repeat(200)}"` }, fresh));
    assert.deepEqual(list('when=upcoming', { 'if-none-match': 'W/"abc"' }), []);
    // A header the operation does not declare changes nothing.
    assert.equal(list('when=upcoming', { 'if-none-match': 'W/"abc"', 'x-other': 'z'.repeat(500) }), ok);
  });

  it('tells an absent declared header from an empty one', () => {
    // deleteDraft has no body and requires If-Match.
    const del = (/** @type {Record<string, string>} */ headers, c = contract) =>
      c.validateRequest('deleteDraft', { method: 'DELETE', path: '/v1/subjects/me/drafts/new', headers, query: '' });
    const empty = del({ 'if-match': '' });
    const absent = del({});
    assert.ok(absent.length > 0, 'If-Match is required');
    assert.deepEqual(absent, del({}, fresh));
    assert.deepEqual(empty, del({ 'if-match': '' }, fresh));
    assert.notDeepEqual(absent, empty, 'not the same answer');
  });

  it('checks a request with a body every time', () => {
    const req = {
      method: 'POST',
      path: `${LIST}/apt-1/cancellation`,
      headers: { 'content-type': 'application/json', 'if-match': '"v1"', 'idempotency-key': 'k'.repeat(20) },
      query: '',
      body: { reason: { system: 'x', code: 1 } },
    };
    const a = contract.validateRequest('cancelAppointment', req);
    assert.ok(a.length > 0);
    const b = contract.validateRequest('cancelAppointment', { ...req, body: { reason: { system: 'x', code: 1 } } });
    assert.notEqual(b, a, 'not remembered');
    assert.deepEqual(b, a);
  });
});
