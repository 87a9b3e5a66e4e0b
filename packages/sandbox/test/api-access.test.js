// @ts-check
/**
 * Authorization on every object (own subject, or a live grant with the scope: checked in the
 * database on every request) and the append-only access log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERSONS, PIDS, SUBJECTS, assertProblem, useTestApi } from './api-helpers.js';

const t = useTestApi();

const emmaPaths = [
  `/v1/subjects/${SUBJECTS.emma}/appointments`,
  `/v1/subjects/${SUBJECTS.emma}/appointments/apt-emma-regnbuen-d01`,
  `/v1/subjects/${SUBJECTS.emma}/services`,
];
const olaPaths = [`/v1/subjects/${SUBJECTS.ola}/appointments`, `/v1/subjects/${SUBJECTS.ola}/appointments/apt-ola-prakt-d02`, `/v1/subjects/${SUBJECTS.ola}/services`];

/** Sets Kari's grant for Ola. @param {string} set SQL SET clause @param {unknown[]} [params] */
const changeKarisGrant = (set, params = []) =>
  t.db.query(`UPDATE proxy_grants SET ${set} WHERE grantee_person_id = '${PERSONS.kari}' AND subject_id = '${SUBJECTS.ola}'`, params);

describe('authorization', () => {
  it('A cannot see B\'s data: 404, the same body as for a subject that does not exist', async () => {
    const missing = await t.call('/v1/subjects/sub-nobody-0000/appointments');
    assertProblem(missing, 404, 'not-found');
    for (const p of emmaPaths) {
      const r = await t.call(p, { person: 'ola' });
      assertProblem(r, 404, 'not-found');
      assert.deepEqual(r.body, missing.body);
    }
    for (const p of emmaPaths) assertProblem(await t.call(p, { person: 'kari' }), 404, 'not-found');
    for (const p of olaPaths) assertProblem(await t.call(p, { person: 'per' }), 404, 'not-found');
    const cancel = await t.cancel('apt-emma-regnbuen-d01', { subject: SUBJECTS.emma, ifMatch: '"v1"' });
    assertProblem(cancel, 404, 'not-found');
    assert.deepEqual(cancel.body, missing.body);
    // Access is checked before the cancel rules: no key, no If-Match, still 404.
    assertProblem(await t.cancel('apt-emma-regnbuen-d01', { subject: SUBJECTS.emma, key: null, ifMatch: null }), 404, 'not-found');
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.emma}/appointments/apt-emma-regnbuen-d01`, { person: 'per' })).body.status, 'booked');
  });

  it('Kari reads her father\'s appointments and services through her grant', async () => {
    for (const p of olaPaths) assert.equal((await t.call(p, { person: 'kari' })).status, 200, p);
    const list = await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments?limit=100`, { person: 'kari' });
    assert.ok(list.body.items.length > 20);
    assert.ok(list.body.items.every((/** @type {any} */ a) => a.subjectId === SUBJECTS.ola));
    assert.deepEqual((await t.call('/v1/subjects/me/appointments', { person: 'kari' })).body, { items: [], nextCursor: null });
  });

  it('refuses Kari at once when her grant is revoked, and /v1/me stops listing Ola', async () => {
    assert.equal((await t.call(olaPaths[0] ?? '', { person: 'kari' })).status, 200);
    await changeKarisGrant('revoked_at = now()');
    for (const p of olaPaths) assertProblem(await t.call(p, { person: 'kari' }), 404, 'not-found');
    assertProblem(await t.cancel('apt-ola-prakt-d02', { person: 'kari', subject: SUBJECTS.ola, ifMatch: '"v1"' }), 404, 'not-found');
    assert.deepEqual((await t.call('/v1/me', { person: 'kari' })).body.subjects.map((/** @type {any} */ s) => s.id), [SUBJECTS.kari]);
    // Ola himself is not affected.
    assert.equal((await t.call(olaPaths[0] ?? '')).status, 200);
  });

  it('refuses an expired grant; validTo is the last day (inclusive, Oslo date); a grant not yet started', async () => {
    await changeKarisGrant("valid_to = '2025-06-11'");
    assert.equal((await t.call(olaPaths[0] ?? '', { person: 'kari' })).status, 200, 'valid through its last day');
    await changeKarisGrant("valid_to = '2025-06-10'");
    for (const p of olaPaths) assertProblem(await t.call(p, { person: 'kari' }), 404, 'not-found');
    assert.equal((await t.call('/v1/me', { person: 'kari' })).body.subjects.length, 1);
    await changeKarisGrant("valid_to = NULL, valid_from = '2025-06-12'");
    assertProblem(await t.call(olaPaths[0] ?? '', { person: 'kari' }), 404, 'not-found');
    // The clock decides: the day after, the grant has started.
    t.setNow(new Date('2025-06-12T08:00:00+02:00'));
    assert.equal((await t.call(olaPaths[0] ?? '', { person: 'kari' })).status, 200);
  });

  it('answers 403 forbidden when the grant lacks the scope', async () => {
    await changeKarisGrant("scopes = ARRAY['appointments.read']");
    assert.equal((await t.call(olaPaths[0] ?? '', { person: 'kari' })).status, 200);
    assertProblem(await t.call(olaPaths[2] ?? '', { person: 'kari' }), 403, 'forbidden');
    assertProblem(await t.cancel('apt-ola-prakt-d02', { person: 'kari', subject: SUBJECTS.ola }), 403, 'forbidden');
    await changeKarisGrant("scopes = ARRAY['services.read']");
    assertProblem(await t.call(olaPaths[0] ?? '', { person: 'kari' }), 403, 'forbidden');
    assertProblem(await t.call(olaPaths[1] ?? '', { person: 'kari' }), 403, 'forbidden');
    assert.equal((await t.call(olaPaths[2] ?? '', { person: 'kari' })).status, 200);
  });
});

describe('access log', () => {
  it('writes one row per read and change: who, for whom, what, when (UTC), which client', async () => {
    const mark = await t.logMark();
    const started = Date.now();
    await t.call('/v1/me', { person: 'kari', clientId: 'omsorg-demo' });
    await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: 'kari', clientId: 'omsorg-demo' });
    await t.call(`/v1/subjects/${SUBJECTS.ola}/services`, { person: 'kari', clientId: 'omsorg-demo' });
    const key = t.newKey();
    await t.cancel('apt-ola-prakt-d02', { person: 'kari', subject: SUBJECTS.ola, clientId: 'omsorg-demo', key });
    await t.cancel('apt-ola-prakt-d02', { person: 'kari', subject: SUBJECTS.ola, clientId: 'omsorg-demo', key, ifMatch: '"v1"' });
    const rows = await t.logSince(mark);
    assert.deepEqual(
      rows.map((r) => [r.actor_person_id, r.subject_id, r.action, r.resource, r.resource_id, r.client_id, r.outcome, r.status]),
      [
        [PERSONS.kari, SUBJECTS.kari, 'read', 'me', null, 'omsorg-demo', 'ok', 200],
        [PERSONS.kari, SUBJECTS.ola, 'read', 'appointments', null, 'omsorg-demo', 'ok', 200],
        [PERSONS.kari, SUBJECTS.ola, 'read', 'services', null, 'omsorg-demo', 'ok', 200],
        // t.cancel reads the appointment for its ETag first.
        [PERSONS.kari, SUBJECTS.ola, 'read', 'appointment', 'apt-ola-prakt-d02', 'omsorg-demo', 'ok', 200],
        [PERSONS.kari, SUBJECTS.ola, 'cancel', 'appointment', 'apt-ola-prakt-d02', 'omsorg-demo', 'ok', 200],
        [PERSONS.kari, SUBJECTS.ola, 'cancel', 'appointment', 'apt-ola-prakt-d02', 'omsorg-demo', 'replayed', 200],
      ],
    );
    for (const r of rows) {
      assert.ok(r.at instanceof Date);
      // The real time of the access (UTC in the database), not the API's test clock.
      assert.ok(r.at.getTime() >= started - 5000 && r.at.getTime() <= Date.now() + 5000);
    }
    const { rows: tz } = await t.db.query("SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY') AS y FROM access_log WHERE id > $1 LIMIT 1", [mark]);
    assert.equal(tz[0].y, String(new Date().getUTCFullYear()));
  });

  it('logs every refusal: denied (404/403), not-found, refused (cancel rules)', async () => {
    const mark = await t.logMark();
    await t.call(`/v1/subjects/${SUBJECTS.emma}/services`, { person: 'ola' });
    await t.call('/v1/subjects/sub-nobody-0000/appointments', { person: 'ola' });
    await changeKarisGrant("scopes = ARRAY['appointments.read']");
    await t.call(`/v1/subjects/${SUBJECTS.ola}/services`, { person: 'kari' });
    await t.call('/v1/subjects/me/appointments/apt-nobody');
    await t.cancel('apt-ola-alarm-d01');
    await t.cancel('apt-ola-prakt-d02', { key: null, ifMatch: '"v1"' });
    await t.call('/v1/subjects/me/appointments?limit=0');
    const rows = (await t.logSince(mark)).filter((r) => r.outcome !== 'ok');
    assert.deepEqual(
      rows.map((r) => [r.actor_person_id, r.subject_id, r.action, r.resource, r.resource_id, r.outcome, r.status]),
      [
        [PERSONS.ola, SUBJECTS.emma, 'read', 'services', null, 'denied', 404],
        [PERSONS.ola, 'sub-nobody-0000', 'read', 'appointments', null, 'denied', 404],
        [PERSONS.kari, SUBJECTS.ola, 'read', 'services', null, 'denied', 403],
        [PERSONS.ola, SUBJECTS.ola, 'read', 'appointment', 'apt-nobody', 'not-found', 404],
        [PERSONS.ola, SUBJECTS.ola, 'cancel', 'appointment', 'apt-ola-alarm-d01', 'refused', 409],
        [PERSONS.ola, SUBJECTS.ola, 'cancel', 'appointment', 'apt-ola-prakt-d02', 'refused', 400],
        [PERSONS.ola, SUBJECTS.ola, 'read', 'appointments', null, 'refused', 400],
      ],
    );
  });

  it('holds no free text: no comments, names or national identity numbers', async () => {
    const mark = await t.logMark();
    await t.cancel('apt-ola-prakt-d02', { body: { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'oth' }, comment: 'Hemmelig kommentar' } });
    await t.call('/v1/subjects/<script>/appointments');
    await t.call('/v1/me', { clientId: 'a client with spaces' });
    const { rows } = await t.db.query('SELECT l::text AS line FROM access_log l WHERE id > $1', [mark]);
    assert.ok(rows.length >= 3);
    for (const { line } of rows) {
      for (const banned of ['Hemmelig', 'Ola Nordmann', 'Nordmann', '<script>', 'spaces', ...PIDS]) assert.ok(!line.includes(banned), `${banned} in ${line}`);
    }
  });
});
