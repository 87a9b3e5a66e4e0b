import { expect } from '@open-wc/testing';
import { cancelLimits, cancellationAnswerLimits, cancellationAnswerNoteProblem, checkCancelRequest, decideCancel, decideCancellationAnswer, isCancellable, validateCancellationRequest } from './cancel.js';
import { canonical, digest, etagOf, matchesEtag, nextVersion, noneMatch } from './etag.js';
import { isProblemSpec } from './problems.js';
import { cancellationReasons } from '../codes.js';

const reason = { system: cancellationReasons.system, code: Object.keys(cancellationReasons.codes)[0]! };

describe('rules: cancel', () => {
  it('checks the headers in order: key (400), If-Match (428), JSON (400)', () => {
    const ok = { idempotencyKey: ' 12345678 ', ifMatch: '"v1"', bodyText: '{}', contentType: 'application/json' };
    expect(checkCancelRequest(ok)).to.deep.equal({ key: '12345678', ifMatch: '"v1"', body: {} });
    expect(checkCancelRequest({ ...ok, idempotencyKey: null, ifMatch: null })).to.include({ status: 400, key: 'idempotencyKeyMissing' });
    expect(checkCancelRequest({ ...ok, idempotencyKey: 'k'.repeat(101) })).to.include({ status: 400, key: 'idempotencyKeyMissing' });
    expect(checkCancelRequest({ ...ok, ifMatch: ' ', bodyText: '{' })).to.include({ status: 428 });
    expect(checkCancelRequest({ ...ok, bodyText: '{' })).to.include({ status: 400, key: 'validation' });
  });

  it('validates the body: reason from the code set, comment up to the limit in code points', () => {
    expect(validateCancellationRequest({ reason })).to.deep.equal([]);
    expect(validateCancellationRequest({ reason, comment: '😀'.repeat(cancelLimits.commentMaxChars) })).to.deep.equal([]);
    expect(validateCancellationRequest({ reason, comment: 'x'.repeat(cancelLimits.commentMaxChars + 1) })).to.deep.equal([{ pointer: '/comment', code: 'too-long' }]);
    expect(validateCancellationRequest({ reason: { ...reason, code: 'bored' }, 'a/b': 1 })).to.deep.equal([
      { pointer: '/a~1b', code: 'invalid' },
      { pointer: '/reason/code', code: 'unknown-code' },
    ]);
    expect(validateCancellationRequest([])).to.deep.equal([{ pointer: '', code: 'invalid' }]);
  });

  it('decides: 412 on a stale ETag, 409 for status and deadline, else the change to the second', () => {
    const now = new Date('2025-03-30T00:30:00.700Z');
    const target = { version: 'v3', status: 'booked', deadline: new Date('2025-03-30T06:00:00Z'), phone: '22 33 44 55', mode: 'request' as const };
    const actor = { id: 'p1', name: 'Kari' };
    expect(decideCancel(target, '"v2"', { reason }, actor, now)).to.include({ status: 412 });
    expect(decideCancel({ ...target, status: 'fulfilled' }, '"v3"', { reason }, actor, now)).to.include({ status: 409, key: 'notCancellable' });
    expect(decideCancel({ ...target, deadline: new Date('2025-03-30T00:30:00Z') }, '"v3"', { reason }, actor, now)).to.include({ key: 'deadlinePassed' });
    const d = decideCancel(target, 'W/"v3", "v3"', { reason, comment: 'Syk' }, actor, now);
    if (isProblemSpec(d)) throw new Error(d.detail);
    expect(d.status).to.equal('cancellation-requested');
    expect(d.cancellation).to.deep.equal({ reason, comment: 'Syk', requestedAt: '2025-03-30T01:30:00+01:00', requestedBy: actor, answeredAt: null, rejectionNote: null });
    const f = decideCancel({ ...target, mode: 'final' }, '"v3"', { reason }, actor, new Date('2025-03-30T01:00:00Z'));
    if (isProblemSpec(f)) throw new Error(f.detail);
    expect(f.cancellation.answeredAt).to.equal('2025-03-30T03:00:00+02:00');
    expect(isCancellable('booked', '2025-03-30T06:00:00+02:00', now)).to.equal(true);
    expect(isCancellable('cancelled', '2025-03-30T06:00:00+02:00', now)).to.equal(false);
  });

  it('compares entity tags: strong for If-Match, weak for If-None-Match; versions and canonical bodies', () => {
    expect(etagOf({ version: 'v9' })).to.equal('"v9"');
    expect(matchesEtag('*', '"v1"')).to.equal(false);
    expect(matchesEtag('W/"v1"', '"v1"')).to.equal(false);
    expect(noneMatch('W/"v1"', '"v1"')).to.equal(true);
    expect(noneMatch('*', '"v1"')).to.equal(true);
    expect(noneMatch(null, '"v1"')).to.equal(false);
    expect(nextVersion('v9')).to.equal('v10');
    expect(nextVersion('abc')).to.equal('abc-2');
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).to.equal(canonical({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it("gives a list's ETag a new digest for any change of one character, and of length", () => {
    // A list-sized JSON text: each position changed, and each pair of neighbours swapped, must
    // give a digest none of the others has (a list that changed and kept its ETag would not be
    // fetched again by a poll).
    const text = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: `apt-${i}`, start: `2026-03-29T0${i % 10}:00:00+02:00`, title: 'Hjemmesykepleie – besøk ✓' })) });
    expect(digest(text)).to.match(/^[0-9a-f]{16}$/).and.equal(digest(text));
    const seen = new Set([digest(text)]);
    let variants = 1;
    for (let i = 0; i < text.length; i++) {
      const changed = [`${text.slice(0, i)}${text[i] === 'x' ? 'y' : 'x'}${text.slice(i + 1)}`, `${text.slice(0, i)}${String.fromCharCode(text.charCodeAt(i) ^ 0x2000)}${text.slice(i + 1)}`];
      if (text[i] !== text[i + 1] && i + 1 < text.length) changed.push(`${text.slice(0, i)}${text[i + 1]}${text[i]}${text.slice(i + 2)}`);
      for (const t of changed) seen.add(digest(t));
      variants += changed.length;
    }
    expect(text.length).to.be.greaterThan(3_000);
    expect(seen.size).to.equal(variants);
    // An odd last unit, a trailing NUL and bytes: all told apart.
    expect(new Set([digest('ab'), digest('abc'), digest('ab\u0000'), digest('abc\u0000'), digest(new Uint8Array([97, 98, 99])), digest(new Uint8Array([97, 98, 99, 0]))]).size).to.equal(6);
  });
});

describe('rules: the answer to a cancellation request', () => {
  const requested = {
    status: 'cancellation-requested',
    cancellation: { reason, comment: 'Syk', requestedAt: '2026-05-01T10:00:00+02:00', answeredAt: null, rejectionNote: null },
  };
  const at = new Date('2026-05-02T08:30:12.345Z');

  it('accepts without a note: cancelled, answered to the second in Oslo time, no note', () => {
    expect(decideCancellationAnswer(requested, { accept: true, note: '  ' }, at)).to.deep.equal({
      status: 'cancelled',
      cancellation: { ...requested.cancellation, answeredAt: '2026-05-02T10:30:12+02:00', rejectionNote: null },
    });
    expect(decideCancellationAnswer(requested, { accept: true, note: 'Takk' }, at)).to.equal('note-not-allowed');
  });

  it('turns down with a note the person reads (line endings as stored, trimmed)', () => {
    const d = decideCancellationAnswer(requested, { accept: false, note: ' Vi må komme.\r\nRing oss. ' }, at);
    expect(d).to.deep.include({ status: 'cancellation-rejected' });
    expect((d as { cancellation: { rejectionNote: string } }).cancellation.rejectionNote).to.equal('Vi må komme.\nRing oss.');
  });

  it('refuses a missing, too long or forbidden note, and an appointment with no request waiting', () => {
    expect(cancellationAnswerNoteProblem(false, ' \n')).to.equal('note-required');
    expect(cancellationAnswerNoteProblem(false, '😀'.repeat(cancellationAnswerLimits.noteMaxChars))).to.equal(null);
    expect(cancellationAnswerNoteProblem(false, 'a'.repeat(cancellationAnswerLimits.noteMaxChars + 1))).to.equal('note-too-long');
    expect(cancellationAnswerNoteProblem(false, 'a\u202Eb')).to.equal('note-invalid-character');
    expect(decideCancellationAnswer({ ...requested, status: 'cancellation-rejected' }, { accept: true, note: '' }, at)).to.equal('not-requested');
    expect(decideCancellationAnswer({ ...requested, cancellation: null }, { accept: false, note: 'x' }, at)).to.equal('not-requested');
  });
});
