// @ts-check
/** The bounded map behind every per-process cache of the BFF and the API. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundedMap } from '@omsorg/bff/bounded';

describe('boundedMap', () => {
  it('holds at most max entries, the oldest set first out', () => {
    /** @type {ReturnType<typeof boundedMap<number>>} */
    const m = boundedMap(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    assert.equal(m.size, 2);
    assert.equal(m.has('a'), false);
    assert.deepEqual([...m.entries()], [['b', 2], ['c', 3]]);
  });

  it('setting a key again makes it the newest, so it outlives older ones', () => {
    /** @type {ReturnType<typeof boundedMap<number>>} */
    const m = boundedMap(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 10);
    m.set('c', 3);
    assert.deepEqual([...m.entries()], [['a', 10], ['c', 3]]);
  });

  it('keeps an undefined value apart from a missing key', () => {
    /** @type {ReturnType<typeof boundedMap<undefined>>} */
    const m = boundedMap(1);
    m.set('none', undefined);
    assert.equal(m.has('none'), true);
    assert.equal(m.has('other'), false);
  });

  it('max 0 (or less) keeps nothing: a cache switched off', () => {
    for (const max of [0, -1]) {
      /** @type {ReturnType<typeof boundedMap<number>>} */
      const m = boundedMap(max);
      assert.equal(m.set('a', 1), 1);
      assert.equal(m.size, 0);
      assert.equal(m.get('a'), undefined);
    }
  });
});
