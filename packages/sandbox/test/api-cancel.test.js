// @ts-check
/**
 * POST …/cancellation: every rule, in the mocks' order (Idempotency-Key 400 → If-Match 428 →
 * JSON 400 → replay / key reuse 422 → 404 → body 400 with errors[] → 412 → 409 not-cancellable
 * → 409 deadline-passed), success in both modes, replays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCancellationRequest as mockValidate } from '@omsorg/mocks';
import { validateCancellationRequest } from '@omsorg/contract';
import { ILL, NOW, PERSONS, SUBJECTS, assertProblem, useTestApi } from './api-helpers.js';

const t = useTestApi();

const ids = {
  cancellable: 'apt-ola-prakt-d02',
  requestMode: 'apt-ola-dagsenter-d03',
  deadlinePassed: 'apt-ola-alarm-d01',
  requested: 'apt-ola-dagsenter-d06',
  rejected: 'apt-ola-dagsenter-d10',
};
const path = (/** @type {string} */ id, subject = 'me') => `/v1/subjects/${subject}/appointments/${id}`;
const reason = (/** @type {string} */ code) => ({ system: 'urn:omsorg:codesystem:avbestillingsarsak', code });

describe('cancel: success', () => {
  it('cancels a final-mode appointment: cancelled, cancellation filled, new version and ETag', async () => {
    const r = await t.cancel(ids.cancellable);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.body.status, 'cancelled');
    assert.equal(r.body.version, 'v2');
    assert.equal(r.headers.get('etag'), '"v2"');
    assert.equal(r.body.cancellationPolicy.cancellable, false);
    assert.deepEqual(r.body.cancellation, {
      reason: ILL.reason,
      comment: 'Feber',
      requestedAt: '2025-06-11T10:00:00+02:00',
      requestedBy: { id: PERSONS.ola, name: 'Ola Nordmann' },
      answeredAt: '2025-06-11T10:00:00+02:00',
      rejectionNote: null,
    });
    const after = await t.call(path(ids.cancellable));
    assert.deepEqual(after.body, r.body);
    assert.equal(after.headers.get('etag'), '"v2"');
    const listed = (await t.call('/v1/subjects/me/appointments?limit=100')).body.items.find((/** @type {any} */ a) => a.id === ids.cancellable);
    assert.deepEqual(listed, r.body);
  });

  it('requests cancellation where the mode is request: cancellation-requested, not yet answered', async () => {
    const r = await t.cancel(ids.requestMode, { body: { reason: reason('pat-away') } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'cancellation-requested');
    assert.equal(r.body.cancellation.comment, null);
    assert.equal(r.body.cancellation.answeredAt, null);
    assert.equal(r.body.cancellationPolicy.cancellable, false);
  });

  it('cancels again after a rejected request, and clears the rejection note', async () => {
    const r = await t.cancel(ids.rejected);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'cancellation-requested');
    assert.equal(r.body.cancellation.rejectionNote, null);
    assert.equal(r.body.version, 'v2');
  });

  it('lets Kari cancel her father\'s appointment; requestedBy is Kari', async () => {
    const r = await t.cancel(ids.cancellable, { person: 'kari', subject: SUBJECTS.ola });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.cancellation.requestedBy, { id: PERSONS.kari, name: 'Kari Nordmann' });
    assert.equal((await t.call(path(ids.cancellable))).body.status, 'cancelled');
  });
});

describe('cancel: rules in order', () => {
  it('400 idempotency-key-missing without a key, or one outside 8–100 characters', async () => {
    assertProblem(await t.cancel(ids.cancellable, { key: null }), 400, 'idempotency-key-missing');
    assertProblem(await t.cancel(ids.cancellable, { key: '   ' }), 400, 'idempotency-key-missing');
    assertProblem(await t.cancel(ids.cancellable, { key: '1234567' }), 400, 'idempotency-key-missing');
    assertProblem(await t.cancel(ids.cancellable, { key: 'k'.repeat(101) }), 400, 'idempotency-key-missing');
    // Before If-Match: both missing is still the key's 400.
    assertProblem(await t.cancel(ids.cancellable, { key: null, ifMatch: null }), 400, 'idempotency-key-missing');
    assert.equal((await t.cancel(ids.cancellable, { key: 'k'.repeat(100) })).status, 200);
  });

  it('428 precondition-required without If-Match', async () => {
    assertProblem(await t.cancel(ids.cancellable, { ifMatch: null }), 428, 'precondition-required');
    assertProblem(await t.cancel(ids.cancellable, { ifMatch: null, body: 'not json' }), 428, 'precondition-required');
  });

  it('400 validation when the body is not JSON (or too large)', async () => {
    const r = await t.cancel(ids.cancellable, { body: '{"reason":' });
    assertProblem(r, 400, 'validation');
    assert.deepEqual(r.body.errors, [{ pointer: '', code: 'invalid' }]);
    const big = await t.cancel(ids.cancellable, { body: JSON.stringify({ reason: ILL.reason, comment: 'x'.repeat(20_000) }) });
    assertProblem(big, 400, 'validation');
    assert.deepEqual(big.body.errors, [{ pointer: '', code: 'too-long' }]);
  });

  it('replays the first answer byte for byte for the same key and request, even after changes', async () => {
    const key = t.newKey();
    const first = await t.cancel(ids.cancellable, { key });
    assert.equal(first.status, 200);
    // The retry carries the old If-Match; the appointment has a new version since.
    const again = await t.cancel(ids.cancellable, { key, ifMatch: '"v1"' });
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    // Key order in the body does not make it another request.
    const reordered = await t.cancel(ids.cancellable, { key, ifMatch: '"v1"', body: { comment: 'Feber', reason: { code: 'pat-crs', system: ILL.reason.system } } });
    assert.equal(reordered.text, first.text);
    // Another person's key space is their own.
    const kari = await t.cancel(ids.requestMode, { key, person: 'kari', subject: SUBJECTS.ola });
    assert.equal(kari.status, 200);
    assert.equal(kari.body.id, ids.requestMode);
  });

  it('422 idempotency-key-reused for the same key with another body or appointment', async () => {
    const key = t.newKey();
    assert.equal((await t.cancel(ids.cancellable, { key })).status, 200);
    assertProblem(await t.cancel(ids.cancellable, { key, body: { reason: reason('pat-away') } }), 422, 'idempotency-key-reused');
    assertProblem(await t.cancel(ids.requestMode, { key }), 422, 'idempotency-key-reused');
    // 422 comes before 404 and before body validation.
    assertProblem(await t.cancel('apt-nobody', { key, ifMatch: '"v1"' }), 422, 'idempotency-key-reused');
    assertProblem(await t.cancel(ids.cancellable, { key, body: { reason: reason('nope') } }), 422, 'idempotency-key-reused');
  });

  it('remembers only successes: a refused attempt does not use up its key', async () => {
    const key = t.newKey();
    assertProblem(await t.cancel(ids.cancellable, { key, ifMatch: '"v0"' }), 412, 'precondition-failed');
    const ok = await t.cancel(ids.cancellable, { key });
    assert.equal(ok.status, 200, ok.text);
    const { rows } = await t.db.query('SELECT status FROM idempotency_records WHERE key = $1', [key]);
    assert.deepEqual(rows, [{ status: 200 }]);
  });

  it('404 for an appointment that does not exist, before body validation', async () => {
    assertProblem(await t.cancel('apt-nobody', { ifMatch: '"v1"' }), 404, 'not-found');
    assertProblem(await t.cancel('apt-nobody', { ifMatch: '"v1"', body: { nonsense: true } }), 404, 'not-found');
    // Emma's appointment through Ola's own subject.
    assertProblem(await t.cancel('apt-emma-regnbuen-d01', { ifMatch: '"v1"' }), 404, 'not-found');
  });

  it('400 validation with field errors, the same as the mocks give', async () => {
    /** @type {[unknown, { pointer: string, code: string }[]][]} */
    const cases = [
      [{}, [{ pointer: '/reason', code: 'required' }]],
      [[], [{ pointer: '', code: 'invalid' }]],
      [null, [{ pointer: '', code: 'invalid' }]],
      ['text', [{ pointer: '', code: 'invalid' }]],
      [{ reason: 'pat-crs' }, [{ pointer: '/reason', code: 'invalid' }]],
      [{ reason: {} }, [{ pointer: '/reason/system', code: 'required' }, { pointer: '/reason/code', code: 'required' }]],
      [{ reason: { system: 1, code: 'pat-crs' } }, [{ pointer: '/reason/system', code: 'invalid' }]],
      [{ reason: reason('nope') }, [{ pointer: '/reason/code', code: 'unknown-code' }]],
      [{ reason: { system: 'urn:other', code: 'pat-crs' } }, [{ pointer: '/reason/system', code: 'unknown-code' }]],
      [{ reason: { ...reason('pat-crs'), display: 'Syk' } }, [{ pointer: '/reason/display', code: 'invalid' }]],
      [{ reason: reason('pat-crs'), comment: 5 }, [{ pointer: '/comment', code: 'invalid' }]],
      [{ reason: reason('pat-crs'), comment: 'x'.repeat(501) }, [{ pointer: '/comment', code: 'too-long' }]],
      [{ reason: reason('pat-crs'), comment: '😀'.repeat(501) }, [{ pointer: '/comment', code: 'too-long' }]],
      [{ reason: reason('pat-crs'), extra: 1 }, [{ pointer: '/extra', code: 'invalid' }]],
      [{ extra: 1, comment: null }, [{ pointer: '/extra', code: 'invalid' }, { pointer: '/reason', code: 'required' }, { pointer: '/comment', code: 'invalid' }]],
    ];
    for (const [body, errors] of cases) {
      assert.deepEqual(validateCancellationRequest(body), errors, JSON.stringify(body));
      assert.deepEqual(mockValidate(body), errors, `the mocks agree on ${JSON.stringify(body)}`);
      const r = await t.cancel(ids.cancellable, { body: JSON.stringify(body) });
      assertProblem(r, 400, 'validation');
      assert.deepEqual(r.body.errors, errors);
    }
    // 500 code points is fine, even where they take two UTF-16 units each.
    const ok = await t.cancel(ids.cancellable, { body: { reason: reason('pat-crs'), comment: '😀'.repeat(500) } });
    assert.equal(ok.status, 200, ok.text);
  });

  it('412 precondition-failed for a stale, weak, wildcard or foreign ETag; a list with the current one matches', async () => {
    for (const ifMatch of ['"v0"', 'W/"v1"', '*', 'v1', '"v2"']) {
      assertProblem(await t.cancel(ids.cancellable, { ifMatch }), 412, 'precondition-failed');
    }
    // Validation comes before 412.
    assertProblem(await t.cancel(ids.cancellable, { ifMatch: '"v0"', body: {} }), 400, 'validation');
    const r = await t.cancel(ids.cancellable, { ifMatch: '"v0", "v1"' });
    assert.equal(r.status, 200, r.text);
  });

  it('409 not-cancellable for a status that cannot be cancelled (after the ETag check)', async () => {
    assertProblem(await t.cancel(ids.requested), 409, 'not-cancellable');
    assertProblem(await t.cancel('apt-ola-hsp-p02-pm'), 409, 'not-cancellable');
    assertProblem(await t.cancel('apt-ola-prakt-p05'), 409, 'not-cancellable');
    assertProblem(await t.cancel(ids.requested, { ifMatch: '"v0"' }), 412, 'precondition-failed');
    // Once cancelled, a new intent (new key) is refused.
    assert.equal((await t.cancel(ids.cancellable)).status, 200);
    assertProblem(await t.cancel(ids.cancellable), 409, 'not-cancellable');
  });

  it('409 deadline-passed after the deadline, with the phone number to call', async () => {
    const r = await t.cancel(ids.deadlinePassed);
    assertProblem(r, 409, 'deadline-passed');
    assert.match(r.body.detail, /\+47 21 00 00 06/);
    // Exactly at the deadline it is still allowed; a second later it is not.
    const a = (await t.call(path(ids.cancellable))).body;
    const deadline = Date.parse(a.cancellationPolicy.deadline);
    t.setNow(new Date(deadline + 1000));
    assertProblem(await t.cancel(ids.cancellable), 409, 'deadline-passed');
    t.setNow(new Date(deadline));
    assert.equal((await t.cancel(ids.cancellable)).status, 200);
    t.setNow(NOW);
  });
});
