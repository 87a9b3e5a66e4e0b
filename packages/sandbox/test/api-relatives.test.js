// @ts-check
/**
 * Relatives' access over the sandbox database: list, look up by number (in the body only), give
 * and take back, every rule refused by the server itself (a client that skips the element's
 * checks gets the same answers), the step-up, parents' access by the child's age, the history
 * kept, and the access log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRegister, unknownNationalIdentityNumber } from '@omsorg/fixtures';
import { NOW, PERSONS, SUBJECTS, assertProblem, useTestApi } from './api-helpers.js';

const t = useTestApi();
const register = createRegister(NOW);
const today = '2025-06-11';
const nowSec = () => Math.floor(NOW.getTime() / 1000);
/** A sign-in a minute old, and one ten minutes old. */
const fresh = () => ({ 'X-Test-Auth-Time': String(nowSec() - 60) });
const stale = () => ({ 'X-Test-Auth-Time': String(nowSec() - 600) });

const valid = (number = register.lars.nationalIdentityNumber) => ({
  nationalIdentityNumber: number,
  scopes: ['appointments.read', 'services.read'],
  period: { start: today, end: '2025-12-31' },
});

/**
 * @param {unknown} body
 * @param {{ person?: string, headers?: Record<string, string>, key?: string | null }} [o]
 */
const grant = (body, { person = 'ola', headers = fresh(), key } = {}) =>
  t.call('/v1/subjects/me/relatives-access', { method: 'POST', person, body, headers: { ...headers, ...(key === null ? {} : { 'Idempotency-Key': key ?? t.newKey() }) } });

/** @param {string} id @param {{ person?: string, headers?: Record<string, string> }} [o] */
const revoke = (id, { person = 'ola', headers = fresh() } = {}) => t.call(`/v1/subjects/me/relatives-access/${id}`, { method: 'DELETE', person, headers });

/** @param {string} number @param {string} [person] */
const lookUp = (number, person = 'ola') => t.call('/v1/subjects/me/person-lookup', { method: 'POST', person, body: { nationalIdentityNumber: number } });

describe('relatives\' access', () => {
  it('lists who may act for the person and whom the person may act for', async () => {
    const ola = await t.call('/v1/subjects/me/relatives-access');
    assert.equal(ola.status, 200, ola.text);
    assert.equal(ola.headers.get('cache-control'), 'no-store');
    assert.deepEqual(ola.body.relatives.map((/** @type {any} */ a) => [a.relative.id, a.basis, a.status]), [[PERSONS.kari, 'consent', 'active']]);
    assert.deepEqual(ola.body.actingFor, []);
    const kari = (await t.call('/v1/subjects/me/relatives-access', { person: 'kari' })).body;
    assert.deepEqual(kari.actingFor.map((/** @type {any} */ a) => [a.subjectId, a.subject.name]), [[SUBJECTS.ola, 'Ola Nordmann']]);
    const per = (await t.call('/v1/subjects/me/relatives-access', { person: 'per' })).body;
    assert.deepEqual(per.actingFor.map((/** @type {any} */ a) => [a.subjectId, a.basis]), [[SUBJECTS.emma, 'parent']]);
  });

  it('only the person themselves: a relative acting for them gets 403', async () => {
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/relatives-access`, { person: 'kari' }), 403, 'forbidden');
    const r = await t.call(`/v1/subjects/${SUBJECTS.ola}/relatives-access`, { method: 'POST', person: 'kari', headers: { ...fresh(), 'Idempotency-Key': t.newKey() }, body: valid() });
    assertProblem(r, 403, 'forbidden');
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.emma}/relatives-access`, { person: 'ola' }), 404, 'not-found');
  });

  it('looks a person up by number in the body, and answers an unknown number and a confidential address alike', async () => {
    const r = await lookUp(register.lars.nationalIdentityNumber);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { name: 'Lars Berg' });
    const unknown = await lookUp(unknownNationalIdentityNumber);
    const confidential = await lookUp(register.nora.nationalIdentityNumber);
    assertProblem(unknown, 404, 'not-found');
    assert.deepEqual(confidential.body, unknown.body);
    assert.equal(confidential.text, unknown.text);
    assertProblem(await lookUp('12345678901'), 400, 'validation');
  });

  it('gives access, naming the relative; the relative acts at once; a replay answers the same', async () => {
    const key = t.newKey();
    const r = await grant(valid(), { key });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.relative.name, 'Lars Berg');
    assert.deepEqual(r.body.period, { start: today, end: '2025-12-31' });
    assert.deepEqual(r.body.scopes, ['appointments.read', 'services.read']);
    assert.equal(r.body.status, 'active');
    assert.ok(!r.text.includes(register.lars.nationalIdentityNumber), 'the number is never answered');
    const again = await grant(valid(), { key });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, r.body);
    assertProblem(await grant({ ...valid(), scopes: ['messages'] }, { key }), 422, 'idempotency-key-reused');
    const lars = await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: register.lars.id });
    assert.equal(lars.status, 200, lars.text);
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/threads`, { person: register.lars.id }), 403, 'forbidden');
  });

  it('refuses every rule on the server: step-up, giver and relative age, the period, scopes, oneself, not found', async () => {
    const stepUp = await grant(valid(), { headers: stale() });
    assertProblem(stepUp, 403, 'step-up-required');
    assert.equal(stepUp.body.maxAge, 300);
    assert.match(String(stepUp.headers.get('www-authenticate')), /error="insufficient_user_authentication".*max_age=300/);
    assertProblem(await grant(valid(), { headers: {} }), 403, 'step-up-required');
    assertProblem(await grant(valid(), { key: null }), 400, 'idempotency-key-missing');
    assertProblem(await grant(valid(), { person: register.jonas.id }), 403, 'giver-too-young');
    assertProblem(await grant(valid(register.sofie.nationalIdentityNumber)), 422, 'relative-too-young');
    const unknown = await grant(valid(unknownNationalIdentityNumber));
    const confidential = await grant(valid(register.nora.nationalIdentityNumber));
    assertProblem(unknown, 404, 'not-found');
    assert.equal(confidential.text, unknown.text, 'a confidential address answers as an unknown number');
    const self = await grant(valid(register.ola.nationalIdentityNumber));
    assertProblem(self, 400, 'validation');
    assert.deepEqual(self.body.errors, [{ pointer: '/nationalIdentityNumber', code: 'self' }]);
    const long = await grant({ ...valid(), period: { start: today, end: '2026-06-11' } });
    assertProblem(long, 400, 'validation');
    assert.deepEqual(long.body.errors, [{ pointer: '/period/end', code: 'too-long' }]);
    assert.equal((await grant({ ...valid(), period: { start: today, end: '2026-06-10' } })).status, 201, '365 days is allowed');
    const past = await grant({ ...valid(), period: { start: '2025-06-10', end: '2025-07-01' } });
    assert.deepEqual(past.body.errors, [{ pointer: '/period/start', code: 'in-past' }]);
    const noPeriod = await grant({ nationalIdentityNumber: register.lars.nationalIdentityNumber, scopes: ['appointments.read'] });
    assert.deepEqual(noPeriod.body.errors, [{ pointer: '/period', code: 'required' }]);
    const scopes = await grant({ ...valid(), scopes: [] });
    assert.deepEqual(scopes.body.errors, [{ pointer: '/scopes', code: 'required' }]);
    const unknownScope = await grant({ ...valid(), scopes: ['journal'] });
    assert.deepEqual(unknownScope.body.errors, [{ pointer: '/scopes', code: 'unknown-code' }]);
    assertProblem(await grant('{', {}), 400, 'validation');
  });

  it('takes access back at once: the relative\'s next call is 404, history is kept, a replay of the revocation answers the same', async () => {
    const list = (await t.call('/v1/subjects/me/relatives-access')).body;
    const karis = list.relatives.find((/** @type {any} */ a) => a.relative.id === PERSONS.kari);
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: 'kari' })).status, 200);
    assertProblem(await revoke(karis.id, { headers: stale() }), 403, 'step-up-required');
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: 'kari' })).status, 200, 'a refused revocation changes nothing');
    const r = await revoke(karis.id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'inactive');
    assert.ok(r.body.revokedAt);
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments`, { person: 'kari' }), 404, 'not-found');
    assert.deepEqual((await t.call('/v1/me', { person: 'kari' })).body.subjects.map((/** @type {any} */ s) => s.id), [SUBJECTS.kari]);
    assert.deepEqual((await revoke(karis.id)).body, r.body);
    const rows = (await t.db.query("SELECT revoked_at IS NOT NULL AS revoked, revoked_by FROM proxy_grants WHERE grantee_person_id = $1", [PERSONS.kari])).rows;
    assert.deepEqual(rows, [{ revoked: true, revoked_by: PERSONS.ola }], 'the grant is kept, taken back');
    assert.deepEqual((await t.call('/v1/subjects/me/relatives-access')).body.relatives, []);
    assertProblem(await revoke('rac-999999'), 404, 'not-found');
    assertProblem(await revoke('nonsense'), 404, 'not-found');
    assertProblem(await revoke('rac-99999999999'), 404, 'not-found');
  });

  it('gives a relative who has access a new one in its place; the old is kept as taken back', async () => {
    const r = await grant(valid(register.kari.nationalIdentityNumber));
    assert.equal(r.status, 201, r.text);
    const kari = (await t.call('/v1/me', { person: 'kari' })).body.subjects.find((/** @type {any} */ s) => s.id === SUBJECTS.ola);
    assert.deepEqual(kari.scopes, ['appointments.read', 'services.read']);
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/threads`, { person: 'kari' }), 403, 'forbidden');
    const rows = (await t.db.query('SELECT revoked_at IS NULL AS live FROM proxy_grants WHERE grantee_person_id = $1 ORDER BY id', [PERSONS.kari])).rows;
    assert.deepEqual(rows.map((x) => x.live), [false, true]);
  });

  it('holds a parent to the child\'s age: full under 12, no messages from 12, nothing from 16; not taken back here', async () => {
    const emmaBorn = register.emma.birthDate;
    const per = () => t.call('/v1/me', { person: 'per' }).then((r) => r.body.subjects.find((/** @type {any} */ s) => s.id === SUBJECTS.emma));
    assert.deepEqual((await per()).scopes, ['appointments.read', 'appointments.cancel', 'services.read', 'messages']);
    const at = (/** @type {number} */ years) => new Date(`${Number(emmaBorn.slice(0, 4)) + years}${emmaBorn.slice(4)}T12:00:00+02:00`);
    t.setNow(at(12));
    assert.deepEqual((await per()).scopes, ['appointments.read', 'appointments.cancel', 'services.read']);
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.emma}/threads`, { person: 'per' }), 403, 'forbidden');
    t.setNow(at(16));
    assert.equal(await per(), undefined);
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.emma}/appointments`, { person: 'per' }), 404, 'not-found');
    t.setNow(NOW);
    const parentAccess = (await t.call('/v1/subjects/me/relatives-access', { person: 'per' })).body.actingFor[0];
    // Emma cannot sign in to take it back; the row is hers, and a DELETE is refused in any case.
    const r = await t.call(`/v1/subjects/me/relatives-access/${parentAccess.id}`, { method: 'DELETE', person: 'per', headers: fresh() });
    assertProblem(r, 404, 'not-found');
  });

  it('logs every look-up, grant and revocation with ids and codes only, never the number', async () => {
    const mark = await t.logMark();
    await lookUp(register.lars.nationalIdentityNumber);
    const g = await grant(valid());
    await revoke(g.body.id);
    await grant(valid(), { headers: stale() });
    const rows = await t.logSince(mark);
    assert.deepEqual(
      rows.map((/** @type {any} */ r) => [r.action, r.resource, r.resource_id, r.outcome, r.status]),
      [
        ['read', 'person-lookup', register.lars.id, 'ok', 200],
        ['create', 'relatives-access', g.body.id, 'ok', 201],
        ['revoke', 'relatives-access', g.body.id, 'ok', 200],
        ['create', 'relatives-access', null, 'refused', 403],
      ],
    );
    const all = JSON.stringify(await t.db.query('SELECT * FROM access_log').then((x) => x.rows));
    assert.ok(!all.includes(register.lars.nationalIdentityNumber));
  });
});
