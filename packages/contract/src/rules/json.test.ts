import { expect } from '@open-wc/testing';
import { isJsonMediaType, jsonLimits, nestsDeeperThan, readJson, unpairedSurrogatePointer } from './json.js';
import { allowedQueryParameters, checkQueryParameters } from './paging.js';
import { canonical } from './etag.js';
import { textProblem } from './text.js';

describe('rules: JSON bodies and queries', () => {
  it('takes application/json (with a UTF-8 charset) only', () => {
    for (const ok of ['application/json', 'Application/JSON; charset=utf-8', 'application/json;charset="UTF-8"']) expect(isJsonMediaType(ok), ok).to.equal(true);
    for (const no of [null, '', 'text/plain', 'application/json; charset=latin1', 'application/jsonx', 'application/problem+json']) expect(isJsonMediaType(no), String(no)).to.equal(false);
    expect(readJson('{}', 'text/plain')).to.deep.equal({ problem: { status: 415, key: 'unsupportedMediaType', detail: 'Send the body as application/json (UTF-8).' } });
    expect(readJson('{}', undefined)).to.have.property('problem').that.includes({ status: 415 });
    expect(readJson('', undefined)).to.have.property('problem').that.includes({ status: 400, key: 'validation' });
  });

  it('measures depth on the text, without parsing or recursing, and refuses past the limit', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(nestsDeeperThan(deep(jsonLimits.maxDepth))).to.equal(false);
    expect(nestsDeeperThan(deep(jsonLimits.maxDepth + 1))).to.equal(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(1000)}\\"["}`)).to.equal(false);
    const r = readJson(deep(100_000), 'application/json');
    expect(r).to.deep.equal({ problem: { status: 400, key: 'validation', detail: 'JSON may nest at most 32 levels deep.', errors: [{ pointer: '', code: 'too-deep' }] } });
    expect(() => canonical(JSON.parse(deep(100)))).to.throw(RangeError);
  });

  it('finds unpaired surrogates in strings and member names, not proper pairs', () => {
    expect(unpairedSurrogatePointer({ a: ['ok', 'x\ud800'] })).to.equal('/a/1');
    expect(unpairedSurrogatePointer({ 'a/b': { '\udc00': 1 } })).to.equal('/a~1b');
    expect(unpairedSurrogatePointer({ a: 'Hei 😀', b: [1, null, true] })).to.equal(undefined);
    expect(textProblem('x\udbff')).to.equal('invalid-character');
    expect(textProblem('x😀')).to.equal(null);
    expect(readJson('{"text":"\\ud800"}', 'application/json')).to.have.nested.property('problem.errors').that.deep.equals([{ pointer: '/text', code: 'invalid-character' }]);
  });

  it('refuses a query parameter the operation does not take, one rule for every operation', () => {
    expect(allowedQueryParameters('GET', '/v1/subjects/me/appointments')).to.deep.equal(['when', 'from', 'to', 'limit', 'cursor']);
    expect(allowedQueryParameters('GET', '/v1/subjects/me/threads')).to.deep.equal(['limit', 'cursor']);
    expect(allowedQueryParameters('GET', '/v1/subjects/me/services')).to.deep.equal([]);
    expect(allowedQueryParameters('POST', '/v1/subjects/me/threads')).to.deep.equal([]);
    expect(checkQueryParameters(new URLSearchParams('limit=5&cursor=x'), ['limit', 'cursor'])).to.equal(null);
    expect(checkQueryParameters(new URLSearchParams('limt=5&b=1&b=2'), ['limit'])).to.deep.equal({
      status: 400,
      key: 'validation',
      detail: 'Unknown query parameter: limt, b.',
      errors: [
        { pointer: '', code: 'unknown-parameter', parameter: 'limt' },
        { pointer: '', code: 'unknown-parameter', parameter: 'b' },
      ],
    });
  });
});
