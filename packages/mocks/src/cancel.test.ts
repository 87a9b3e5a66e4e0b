import { expect } from '@open-wc/testing';
import { cancellationReasons, problemTypes, type Appointment } from '@omsorg/contract';
import { createDb } from './db.js';
import { appointmentIds as ids, persons, subjectIds, type PersonKey } from '@omsorg/fixtures';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { call, expectProblem, NOW, useMocks } from './test/worker.js';
import { osloIso } from '@omsorg/contract';

const ill = { reason: { system: cancellationReasons.system, code: 'pat-crs' }, comment: 'Feber' };
let keyCounter = 0;
const newKey = () => `key-${Date.now()}-${++keyCounter}`;

const path = (id: string, subject = 'me') => `/v1/subjects/${subject}/appointments/${id}`;

async function get(id: string, person: PersonKey = 'ola', subject = 'me'): Promise<Appointment> {
  return (await call(path(id, subject), { person })).body;
}

function post(
  id: string,
  opts: { key?: string | null; ifMatch?: string | null; body?: unknown; person?: PersonKey; subject?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? newKey();
  if (opts.ifMatch !== null && opts.ifMatch !== undefined) headers['If-Match'] = opts.ifMatch;
  return call(`${path(id, opts.subject)}/cancellation`, {
    method: 'POST',
    person: opts.person ?? 'ola',
    headers,
    body: opts.body === undefined ? ill : opts.body,
  });
}

/** POST with the appointment's current ETag. */
async function cancelNow(id: string, opts: Parameters<typeof post>[1] = {}) {
  const current = await get(id, opts.person, opts.subject);
  return post(id, { ifMatch: `"${current.version}"`, ...opts });
}

describe('POST …/cancellation', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('cancels a final-mode appointment: cancelled, cancellation filled, new version and ETag', async () => {
    await useMocks();
    const before = await get(ids.olaCancellable);
    const r = await post(ids.olaCancellable, { ifMatch: `"${before.version}"` });
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(validateAs(doc, 'Appointment', r.body)).to.deep.equal([]);
    expect(r.body.status).to.equal('cancelled');
    expect(r.body.version).to.not.equal(before.version);
    expect(r.headers.get('etag')).to.equal(`"${r.body.version}"`);
    expect(r.body.cancellationPolicy.cancellable).to.equal(false);
    expect(r.body.cancellation).to.deep.equal({
      reason: ill.reason,
      comment: 'Feber',
      requestedAt: osloIso(NOW),
      requestedBy: persons.ola,
      answeredAt: osloIso(NOW),
      rejectionNote: null,
    });
    const after = await call(path(ids.olaCancellable));
    expect(after.body).to.deep.equal(r.body);
    expect(after.headers.get('etag')).to.equal(r.headers.get('etag'));
    const listed = (await call('/v1/subjects/me/appointments?limit=100')).body.items.find((a: Appointment) => a.id === ids.olaCancellable);
    expect(listed.status).to.equal('cancelled');
  });

  it('requests cancellation where the mode is request: cancellation-requested, not yet answered', async () => {
    await useMocks();
    const r = await cancelNow(ids.olaRequestMode, { body: { reason: ill.reason } });
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal('cancellation-requested');
    expect(r.body.cancellation).to.include({ comment: null, answeredAt: null });
    expect(validateAs(doc, 'Appointment', r.body)).to.deep.equal([]);
  });

  it('lets a rejected request be cancelled again, and records a relative as the requester', async () => {
    await useMocks();
    const r = await cancelNow(ids.olaCancellationRejected, { person: 'kari', subject: subjectIds.ola });
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal('cancellation-requested');
    expect(r.body.cancellation.requestedBy).to.deep.equal(persons.kari);
    expect(r.body.cancellation.rejectionNote).to.equal(null);
  });

  it('requires an Idempotency-Key of 8–100 characters (400) and changes nothing without one', async () => {
    await useMocks();
    const before = await get(ids.olaCancellable);
    const ifMatch = `"${before.version}"`;
    expectProblem(await post(ids.olaCancellable, { key: null, ifMatch }), 400, problemTypes.idempotencyKeyMissing);
    expectProblem(await post(ids.olaCancellable, { key: 'short', ifMatch }), 400, problemTypes.idempotencyKeyMissing);
    expectProblem(await post(ids.olaCancellable, { key: 'k'.repeat(101), ifMatch }), 400, problemTypes.idempotencyKeyMissing);
    expect(await get(ids.olaCancellable)).to.deep.equal(before);
  });

  it('requires If-Match (428)', async () => {
    await useMocks();
    expectProblem(await post(ids.olaCancellable, { ifMatch: null }), 428, problemTypes.preconditionRequired);
  });

  it('refuses a stale, weak, unquoted or wildcard If-Match (412) and changes nothing', async () => {
    await useMocks();
    const before = await get(ids.olaCancellable);
    for (const ifMatch of ['"v0"', `W/"${before.version}"`, before.version, '*']) {
      expectProblem(await post(ids.olaCancellable, { ifMatch }), 412, problemTypes.preconditionFailed);
    }
    expect(await get(ids.olaCancellable)).to.deep.equal(before);
    // A list of tags matches when one of them is current.
    expect((await post(ids.olaCancellable, { ifMatch: `"v0", "${before.version}"` })).status).to.equal(200);
  });

  it('replays the first answer for the same key and body, without a second change', async () => {
    await useMocks();
    const before = await get(ids.olaCancellable);
    const key = newKey();
    const first = await post(ids.olaCancellable, { key, ifMatch: `"${before.version}"` });
    expect(first.status).to.equal(200);
    // Same intent retried: same key, same body (keys in another order), the old If-Match.
    const again = await post(ids.olaCancellable, {
      key,
      ifMatch: `"${before.version}"`,
      body: { comment: 'Feber', reason: { code: 'pat-crs', system: cancellationReasons.system } },
    });
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('etag')).to.equal(first.headers.get('etag'));
    expect((await get(ids.olaCancellable)).version).to.equal(first.body.version);
  });

  it('refuses the same key with a different body or appointment (422)', async () => {
    await useMocks();
    const key = newKey();
    expect((await cancelNow(ids.olaCancellable, { key })).status).to.equal(200);
    const other = await get(ids.olaNursingWindow);
    expectProblem(
      await post(ids.olaCancellable, { key, ifMatch: '"v2"', body: { reason: ill.reason, comment: 'Annet' } }),
      422,
      problemTypes.idempotencyKeyReused,
    );
    expectProblem(await post(ids.olaNursingWindow, { key, ifMatch: `"${other.version}"` }), 422, problemTypes.idempotencyKeyReused);
    expect((await get(ids.olaNursingWindow)).status).to.equal('booked');
  });

  it('does not replay errors: a retry after 412 with the same key and the new ETag succeeds', async () => {
    await useMocks();
    const key = newKey();
    expectProblem(await post(ids.olaCancellable, { key, ifMatch: '"v0"' }), 412, problemTypes.preconditionFailed);
    expect((await cancelNow(ids.olaCancellable, { key })).status).to.equal(200);
  });

  it('keeps Idempotency-Keys per person', async () => {
    await useMocks();
    const key = newKey();
    expect((await cancelNow(ids.olaCancellable, { key })).status).to.equal(200);
    expect((await cancelNow(ids.olaNursingWindow, { key, person: 'kari', subject: subjectIds.ola })).status).to.equal(200);
  });

  const invalid: Array<[string, unknown, Array<{ pointer: string; code: string }>]> = [
    ['missing reason', { comment: 'x' }, [{ pointer: '/reason', code: 'required' }]],
    ['unknown reason code', { reason: { system: cancellationReasons.system, code: 'pat-bored' } }, [{ pointer: '/reason/code', code: 'unknown-code' }]],
    ['reason from another code system', { reason: { system: 'urn:other', code: 'pat-crs' } }, [{ pointer: '/reason/system', code: 'unknown-code' }]],
    ['reason without code', { reason: { system: cancellationReasons.system } }, [{ pointer: '/reason/code', code: 'required' }]],
    ['comment of 501 characters', { ...ill, comment: 'x'.repeat(501) }, [{ pointer: '/comment', code: 'too-long' }]],
    ['comment not a string', { ...ill, comment: 42 }, [{ pointer: '/comment', code: 'invalid' }]],
    ['an unknown property', { ...ill, when: 'now' }, [{ pointer: '/when', code: 'invalid' }]],
    ['an array', [ill], [{ pointer: '', code: 'invalid' }]],
    ['not JSON', '{"reason":', [{ pointer: '', code: 'invalid' }]],
  ];
  for (const [label, body, errors] of invalid) {
    it(`refuses ${label} with a validation problem listing the field`, async () => {
      await useMocks();
      const r = await cancelNow(ids.olaCancellable, { body });
      expectProblem(r, 400, problemTypes.validation);
      expect(r.body.errors).to.deep.equal(errors);
      expect(validateAs(doc, 'Problem', r.body)).to.deep.equal([]);
      expect((await get(ids.olaCancellable)).status).to.equal('booked');
    });
  }

  it('accepts a comment of exactly 500 characters, counted as code points', async () => {
    await useMocks();
    const r = await cancelNow(ids.olaCancellable, { body: { ...ill, comment: '😀'.repeat(500) } });
    expect(r.status).to.equal(200);
  });

  it('refuses after the deadline (409 deadline-passed), also when `cancellable` is ignored', async () => {
    await useMocks();
    const r = await cancelNow(ids.olaDeadlinePassed);
    expectProblem(r, 409, problemTypes.deadlinePassed);
    expect(r.body.detail).to.contain('+47');
    expect((await get(ids.olaDeadlinePassed)).status).to.equal('booked');
  });

  it('accepts a cancel at the deadline itself and refuses one a moment after', async () => {
    // Data made at NOW; only the clock moves.
    const db = createDb({ now: NOW });
    const deadline = Date.parse(db.subjects.get(subjectIds.ola)!.appointments.get(ids.olaCancellable)!.cancellationPolicy.deadline);
    let t = new Date(deadline + 1);
    await useMocks({ db, now: () => t });
    expectProblem(await cancelNow(ids.olaCancellable), 409, problemTypes.deadlinePassed);
    t = new Date(deadline);
    expect((await cancelNow(ids.olaCancellable)).status).to.equal(200);
  });

  it('refuses a status that cannot be cancelled (409 not-cancellable), also a second cancel', async () => {
    await useMocks();
    expectProblem(await cancelNow(ids.olaCancellationRequested), 409, problemTypes.notCancellable);
    expectProblem(await cancelNow(ids.olaPastCancelled), 409, problemTypes.notCancellable);
    expect((await cancelNow(ids.olaCancellable)).status).to.equal(200);
    expectProblem(await cancelNow(ids.olaCancellable), 409, problemTypes.notCancellable);
  });

  it('answers 404 for an unknown appointment and for a subject the person may not see', async () => {
    await useMocks();
    expectProblem(await post('apt-nothing', { ifMatch: '"v1"' }), 404, problemTypes.notFound);
    expectProblem(await post(ids.olaCancellable, { ifMatch: '"v1"', person: 'per', subject: subjectIds.ola }), 404, problemTypes.notFound);
    expect((await get(ids.olaCancellable)).status).to.equal('booked');
  });

  it('answers 403 when the access does not include appointments.cancel', async () => {
    const db = createDb({ now: NOW });
    db.me.get('kari')!.subjects[1]!.scopes = ['appointments.read', 'services.read'];
    await useMocks({ db });
    expectProblem(await cancelNow(ids.olaCancellable, { person: 'kari', subject: subjectIds.ola }), 403, problemTypes.forbidden);
  });

  it('answers 401 before anything else', async () => {
    await useMocks();
    const r = await call(`${path(ids.olaCancellable)}/cancellation`, { method: 'POST', person: null, body: ill });
    expectProblem(r, 401, problemTypes.unauthorized);
  });
});
