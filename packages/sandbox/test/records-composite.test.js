// @ts-check
/**
 * Two record systems for one person (records/composite.js), over real HTTP both ways: the API on a
 * real server, Bergen's source on the sandbox's tables, Askøy's on a real FHIR R4 server
 * (@medplum/fhir-router over HTTP). Per Hansen gets home nursing from Bergen and respite stays
 * from Askøy (fixtures' per.ts): one list, merged in order and paged across both; each write goes
 * to the system the item came from; a source that does not answer is named, not hidden.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { perAppointmentIds, perProviders, recordSources } from '@omsorg/fixtures';
import { startFhirServer } from '../src/fhir/server.js';
import { createCompositeRecords } from '../src/records/composite.js';
import { createFhirRecords } from '../src/records/fhir.js';
import { isFhirEmpty, seedFhir } from '../src/records/fhir-seed.js';
import { createSqlRecords } from '../src/records/sql.js';
import { NOW, startTestApi } from './api-helpers.js';

const bergen = recordSources.bergen;
const askoy = recordSources.askoy;
const PER = '/v1/subjects/me';
const quiet = { logger: { error() {} } };

/** A loopback URL nothing listens on (a port taken and given back): a source that is down. */
async function deadUrl() {
  const s = createServer();
  await /** @type {Promise<void>} */ (new Promise((ok) => s.listen(0, '127.0.0.1', () => ok())));
  const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
  await /** @type {Promise<void>} */ (new Promise((ok) => s.close(() => ok())));
  return `http://127.0.0.1:${port}/fhir/R4`;
}

/** @type {{ url: string, close: () => Promise<void> }} */
let fhirServer;
/** @type {ReturnType<typeof createFhirRecords>} */
let askoyFhir;
/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let t;
/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let down;

const members = (/** @type {import('../src/records/index.js').RecordSystem} */ askoyRecords) => [
  { source: bergen, home: true, records: createSqlRecords({ filter: { systemId: bergen.system.id, unlabelled: true } }) },
  { source: askoy, home: false, records: askoyRecords },
];

before(async () => {
  fhirServer = await startFhirServer();
  t = await startTestApi({
    records: async (db) => {
      askoyFhir = createFhirRecords({ baseUrl: fhirServer.url, filter: { systemId: askoy.system.id, unlabelled: false } });
      if (await isFhirEmpty(askoyFhir.fhir)) await seedFhir(askoyFhir.fhir, db, { now: NOW });
      return createCompositeRecords(members(askoyFhir), quiet);
    },
  });
  const dead = await deadUrl();
  down = await startTestApi({
    records: async () => createCompositeRecords(members(createFhirRecords({ baseUrl: dead, filter: { systemId: askoy.system.id, unlabelled: false } })), quiet),
  });
});
after(async () => {
  await t?.close();
  await down?.close();
  await fhirServer?.close();
});

/** Every item of a list, page by page with the server's cursors. @param {typeof t} api @param {string} q */
async function walk(api, q) {
  /** @type {any[]} */
  const all = [];
  let cursor = '';
  for (let i = 0; i < 20; i++) {
    const r = await api.call(`${PER}/appointments?${q}${cursor ? `&cursor=${cursor}` : ''}`, { person: 'per' });
    assert.equal(r.status, 200, r.text);
    all.push(...r.body.items);
    if (!r.body.nextCursor) return all;
    cursor = r.body.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('several record systems for one person (composite)', () => {
  it('one list of both sources, in the contract order, each item saying its municipality and system', async () => {
    const r = await t.call(`${PER}/appointments?limit=100`, { person: 'per' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.unavailableSources, undefined, 'every source answered');
    const items = r.body.items;
    const starts = items.map((/** @type {any} */ a) => Date.parse(a.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'ascending by start across sources');
    const bySource = (/** @type {string} */ n) => items.filter((/** @type {any} */ a) => a.source?.municipality.number === n).map((/** @type {any} */ a) => a.id);
    assert.ok(bySource('4601').length >= 2 && bySource('4627').length >= 2, JSON.stringify(items.map((/** @type {any} */ a) => [a.id, a.source?.municipality.number])));
    assert.ok(bySource('4601').every((/** @type {string} */ id) => id.startsWith('apt-bgo-')));
    assert.ok(bySource('4627').every((/** @type {string} */ id) => id.startsWith('apt-ask-')));
    // Askøy's came from the FHIR server (its versionId), Bergen's from the tables ('v1').
    for (const a of items) assert.equal(a.version === 'v1', a.source.system.id === bergen.system.id, a.id);
    // Ola's items say no source in the record: the home source's, marked as such.
    const ola = await t.call('/v1/subjects/me/appointments');
    assert.ok(ola.body.items.length > 0 && ola.body.items.every((/** @type {any} */ a) => a.source?.system.id === bergen.system.id));
  });

  it('pages across the sources with one cursor: every item once, in order, for each page size and direction', async () => {
    for (const when of ['upcoming', 'past']) {
      const whole = (await t.call(`${PER}/appointments?when=${when}&limit=100`, { person: 'per' })).body.items.map((/** @type {any} */ a) => a.id);
      for (const limit of [1, 2, 3]) {
        const paged = (await walk(t, `when=${when}&limit=${limit}`)).map((a) => a.id);
        assert.deepEqual(paged, whole, `${when}, limit ${limit}`);
      }
    }
  });

  it("each item's rules are its own source's: the phone after the deadline, the reply time", async () => {
    const r = await t.call(`${PER}/appointments?limit=100`, { person: 'per' });
    for (const a of r.body.items) {
      const own = a.source.system.id === askoy.system.id ? perProviders.respite : perProviders.nursing;
      assert.equal(a.cancellationPolicy.phone, own.careService.phone, a.id);
      assert.equal(a.cancellationPolicy.mode, own.mode, a.id);
    }
    const passed = await t.cancel(perAppointmentIds.respiteDeadlinePassed, { person: 'per' });
    assert.equal(passed.status, 409);
    assert.match(passed.body.detail, new RegExp(perProviders.respite.careService.phone.replace(/\+/g, '\\+')), 'call Askøy, not Bergen');
    const services = await t.call(`${PER}/services`, { person: 'per' });
    assert.deepEqual(services.body.items.map((/** @type {any} */ g) => [g.id, g.source.municipality.name]), [['vedtak-bgo-per-hsp', 'Bergen'], ['vedtak-ask-per-avl', 'Askøy']]);
    const recipients = await t.call(`${PER}/message-recipients`, { person: 'per' });
    const policy = (/** @type {string} */ id) => recipients.body.items.find((/** @type {any} */ x) => x.grantedServiceId === id)?.replyPolicy.expectedReplyWorkingDays;
    assert.deepEqual([policy('vedtak-bgo-per-hsp'), policy('vedtak-ask-per-avl')], [2, 4]);
  });

  it("each recipient says its granted service's source, also one the home source marks", async () => {
    const recipients = (await t.call(`${PER}/message-recipients`, { person: 'per' })).body.items;
    assert.deepEqual(recipients.map((/** @type {any} */ x) => [x.grantedServiceId, x.source]), [['vedtak-bgo-per-hsp', bergen], ['vedtak-ask-per-avl', askoy]]);
    // Ola's services say no source in the record: the composite marks them as the home source's, and so do his recipients.
    const services = (await t.call(`${PER}/services`)).body.items;
    const ola = (await t.call(`${PER}/message-recipients`)).body.items;
    assert.ok(ola.length > 0);
    for (const x of ola) {
      assert.deepEqual(x.source, bergen, x.grantedServiceId);
      assert.deepEqual(x.source, services.find((/** @type {any} */ g) => g.id === x.grantedServiceId)?.source, x.grantedServiceId);
    }
  });

  it('a cancellation goes to the system the item came from, and only there', async () => {
    const before = (await t.db.query('SELECT status FROM appointments WHERE id = $1', [perAppointmentIds.respiteStay])).rows[0];
    const askoyCancel = await t.cancel(perAppointmentIds.respiteStay, { person: 'per' });
    assert.equal(askoyCancel.status, 200, askoyCancel.text);
    assert.equal(askoyCancel.body.status, 'cancellation-requested', "Askøy's own rule: a request");
    assert.deepEqual(askoyCancel.body.source, askoy);
    const inFhir = await askoyFhir.fhir.read('Appointment', perAppointmentIds.respiteStay);
    // FHIR's own reason first (the patient cancelled), the contract's finer one beside it.
    assert.deepEqual(inFhir?.cancelationReason?.coding?.map((/** @type {{ code?: string }} */ c) => c.code), ['pat', 'pat-crs'], 'written to Askøy’s FHIR server');
    const after = (await t.db.query('SELECT status FROM appointments WHERE id = $1', [perAppointmentIds.respiteStay])).rows[0];
    assert.deepEqual(after, before, "Bergen's tables are not touched by Askøy's item");

    const bergenCancel = await t.cancel(perAppointmentIds.nursingTomorrow, { person: 'per' });
    assert.equal(bergenCancel.status, 200, bergenCancel.text);
    assert.equal(bergenCancel.body.status, 'cancelled');
    assert.equal((await t.db.query('SELECT status FROM appointments WHERE id = $1', [perAppointmentIds.nursingTomorrow])).rows[0]?.status, 'cancelled');
    const fhirCopy = await askoyFhir.fhir.read('Appointment', perAppointmentIds.nursingTomorrow);
    assert.equal(fhirCopy?.status, 'booked', "Askøy's server is not written for Bergen's item");
  });

  it('another person reaches neither source: 404 for each, nothing written', async () => {
    for (const id of [perAppointmentIds.respiteStay, perAppointmentIds.nursingTomorrow]) {
      assert.equal((await t.call(`/v1/subjects/me/appointments/${id}`, { person: 'ola' })).status, 404, id);
      assert.equal((await t.call(`/v1/subjects/sub-per-51d0/appointments/${id}`, { person: 'ola' })).status, 404, id);
      const r = await t.call(`/v1/subjects/me/appointments/${id}/cancellation`, {
        method: 'POST',
        person: 'ola',
        headers: { 'Idempotency-Key': t.newKey(), 'If-Match': '"v1"' },
        body: { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' } },
      });
      assert.equal(r.status, 404, id);
    }
    // An Askøy id under a subject whose Bergen record does not hold it: not found in any source.
    assert.equal((await t.call(`/v1/subjects/me/appointments/${perAppointmentIds.respiteStay}`, { person: 'kari' })).status, 404);
  });

  it('a message goes to the source of the service it is about', async () => {
    const send = (/** @type {string} */ grantedServiceId) =>
      t.call(`${PER}/threads`, { method: 'POST', person: 'per', headers: { 'Idempotency-Key': t.newKey() }, body: { grantedServiceId, title: 'Spørsmål', text: 'Hei, et spørsmål.' } });
    const a = await send('vedtak-ask-per-avl');
    assert.equal(a.status, 201, a.text);
    assert.deepEqual(a.body.source, askoy);
    assert.equal(a.body.replyPolicy.expectedReplyWorkingDays, 4);
    const b = await send('vedtak-bgo-per-hsp');
    assert.equal(b.status, 201, b.text);
    assert.deepEqual(b.body.source, bergen);
    const communications = await askoyFhir.fhir.search('Communication', { subject: 'Patient/sub-per-51d0' });
    const threadsInFhir = communications.map((c) => c.topic?.coding?.[0]?.code);
    assert.ok(threadsInFhir.includes(a.body.id), "Askøy's message is in Askøy's record");
    assert.ok(!threadsInFhir.includes(b.body.id), "Bergen's is not sent to Askøy");
    const list = await t.call(`${PER}/threads`, { person: 'per' });
    assert.deepEqual(new Set(list.body.items.map((/** @type {any} */ x) => x.source.municipality.number)), new Set(['4601', '4627']));
  });

  it('one source down: the other source’s items, and the list says which part is missing', async () => {
    const r = await down.call(`${PER}/appointments?limit=100`, { person: 'per' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.unavailableSources, [askoy]);
    assert.ok(r.body.items.length > 0 && r.body.items.every((/** @type {any} */ a) => a.source.system.id === bergen.system.id));
    const s = await down.call(`${PER}/services`, { person: 'per' });
    assert.deepEqual(s.body.unavailableSources, [askoy]);
    assert.deepEqual(s.body.items.map((/** @type {any} */ g) => g.id), ['vedtak-bgo-per-hsp']);
    // Bergen's item is there; Askøy's cannot be said not to exist: 503, retryable, not 404.
    assert.equal((await down.call(`${PER}/appointments/${perAppointmentIds.nursingTomorrow}`, { person: 'per' })).status, 200);
    const missing = await down.call(`${PER}/appointments/${perAppointmentIds.respiteStay}`, { person: 'per' });
    assert.equal(missing.status, 503);
    assert.equal(missing.body.type, 'urn:omsorg:problem:unavailable');
    assert.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
    const cancel = await down.call(`${PER}/appointments/${perAppointmentIds.respiteStay}/cancellation`, {
      method: 'POST',
      person: 'per',
      headers: { 'Idempotency-Key': down.newKey(), 'If-Match': '"1"' },
      body: { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' } },
    });
    assert.equal(cancel.status, 503, 'a write to a source that is down fails, and goes nowhere else');
    // Still retryable: the same key is not spent.
    const keys = (await down.db.query('SELECT count(*)::int AS n FROM idempotency_records')).rows[0]?.n;
    assert.equal(keys, 0);
  });

  it('every source down: 503 unavailable, never an empty list that looks complete', async () => {
    const dead = await deadUrl();
    const none = await startTestApi({
      records: async () =>
        createCompositeRecords(
          [
            { source: bergen, home: true, records: createFhirRecords({ baseUrl: dead }) },
            { source: askoy, records: createFhirRecords({ baseUrl: dead }) },
          ],
          quiet,
        ),
    });
    try {
      // The person is looked up in the home source first: down, so no answer at all.
      const r = await none.call(`${PER}/services`, { person: 'per' });
      assert.equal(r.status, 503, r.text);
      assert.equal(r.body.type, 'urn:omsorg:problem:unavailable');
    } finally {
      await none.close();
    }
  });

  it('refuses a configuration that cannot route: no home, two homes, one system twice', () => {
    const sql = createSqlRecords();
    assert.throws(() => createCompositeRecords([{ source: bergen, records: sql }, { source: askoy, records: sql }]), /home/);
    assert.throws(() => createCompositeRecords([{ source: bergen, home: true, records: sql }, { source: askoy, home: true, records: sql }]), /home/);
    assert.throws(() => createCompositeRecords([{ source: bergen, home: true, records: sql }, { source: bergen, records: sql }]), /own system id/);
  });
});
