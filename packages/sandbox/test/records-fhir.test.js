// @ts-check
/**
 * The FHIR R4 record adapter against a real FHIR server implementation (@medplum/fhir-router's
 * FhirRouter over its in-memory repository, served over HTTP by src/fhir/server.js), seeded from
 * the fixtures: it answers exactly what the SQL adapter answers over the same fixtures, keeps to
 * the subject, and cancels with a conditional update that loses no concurrent change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appointmentCursor, decideCancel, parseAppointmentQuery } from '@omsorg/contract';
import { appointmentIds, staffPersons, threadIds } from '@omsorg/fixtures';
import { seed } from '../src/db/seed.js';
import { startFhirServer } from '../src/fhir/server.js';
import { createFhirRecords } from '../src/records/fhir.js';
import { EXT, FNR_SYSTEM } from '../src/records/fhir-map.js';
import { isFhirEmpty, seedFhir } from '../src/records/fhir-seed.js';
import { createSqlRecords } from '../src/records/sql.js';
import { staffAnswerCancellation, staffCancellationRequests, staffRecipients, staffReply, staffStartThread } from '../src/staff/ops.js';
import { openTestDatabase } from '../test-support/database.js';
import { NOW } from './api-helpers.js';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann' };
const OLA_SUBJECT = 'sub-ola-7f3a';
const EMMA_SUBJECT = 'sub-emma-b8e4';
const REASON = { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-cpp' };

/** @type {import('../test-support/database.js').TestDatabase} */
let t;
/** @type {{ url: string, close: () => Promise<void> }} */
let server;
/** @type {ReturnType<typeof createFhirRecords>} */
let fhir;
const sql = createSqlRecords();

before(async () => {
  t = await openTestDatabase();
  await seed(t.db, { now: NOW });
  server = await startFhirServer();
  fhir = createFhirRecords({ baseUrl: server.url });
  assert.equal(await isFhirEmpty(fhir.fhir), true);
  await seedFhir(fhir.fhir, t.db, { now: NOW });
});
after(async () => {
  await server?.close();
  await t?.cleanup();
});

/** Versions differ by design (the FHIR server's versionId); everything else must not. */
const unversioned = (/** @type {{ version: string }[]} */ items) => items.map((a) => ({ ...a, version: 'x' }));

/** A decide() that applies the rules core as the API does. @param {string} ifMatch */
const decider = (ifMatch, now = NOW) => (/** @type {import('../src/records/index.js').CancelTarget} */ target) => {
  const d = decideCancel(target, ifMatch, { reason: REASON, comment: 'Jeg er på sykehus.' }, OLA, now);
  if ('key' in d) throw Object.assign(new Error(d.key), { status: d.status });
  return d;
};

describe('FHIR R4 record adapter (FhirRouter over HTTP)', () => {
  it('the seed is on the server as FHIR resources: Patient by national identity number, Appointment with the window, ServiceRequest', async () => {
    assert.equal(await isFhirEmpty(fhir.fhir), false);
    const { rows } = await t.db.query("SELECT pid FROM persons WHERE id = 'psn-ola-7f3a'");
    const [patient] = await fhir.fhir.search('Patient', { identifier: `${FNR_SYSTEM}|${rows[0].pid}` });
    assert.equal(patient?.id, OLA_SUBJECT);
    const raw = await fhir.fhir.read('Appointment', appointmentIds.olaNursingWindow);
    assert.equal(raw?.status, 'booked');
    assert.equal(raw?.extension.find((/** @type {any} */ e) => e.url === EXT.timing)?.valueCode, 'window');
    assert.ok(Date.parse(raw?.end) > Date.parse(raw?.start));
    const requested = await fhir.fhir.read('Appointment', appointmentIds.olaCancellationRequested);
    assert.equal(requested?.status, 'booked', 'FHIR R4 has no cancellation-requested: the visit stays booked');
    const [kari] = await fhir.fhir.search('RelatedPerson', { patient: `Patient/${OLA_SUBJECT}` });
    assert.deepEqual(kari?.relationship?.[0]?.coding?.[0], { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PRN' });
    assert.equal(kari?.name?.[0]?.text, 'Kari Nordmann');
    const vedtak = await fhir.fhir.search('ServiceRequest', { subject: `Patient/${OLA_SUBJECT}` });
    assert.ok(vedtak.length > 0 && vedtak.every((r) => r.intent === 'order'));
    assert.ok(vedtak.every((r) => r.code.coding[0].system === 'urn:oid:2.16.578.1.12.4.1.1.9151'), 'service types in the official KPR system (Volven 9151)');
    assert.ok(vedtak.some((r) => r.quantityQuantity.system === 'http://unitsofmeasure.org'), 'hours and days in UCUM');
  });

  it('the person and their own subject come from Patient, as the SQL adapter has them', async () => {
    for (const id of ['psn-ola-7f3a', 'psn-kari-2c91', 'psn-per-51d0', 'psn-nobody']) {
      assert.deepEqual(await fhir.findPerson(t.db, id), await sql.findPerson(t.db, id), id);
    }
  });

  it('every subject’s appointments, upcoming and past, paged with cursors, equal the SQL adapter’s', async () => {
    const subjects = (await t.db.query('SELECT id FROM subjects ORDER BY id')).rows.map((r) => String(r.id));
    let seen = 0;
    for (const subjectId of subjects) {
      for (const when of ['upcoming', 'past']) {
        for (const limit of ['2', '50']) {
          let params = new URLSearchParams({ when, limit });
          for (let page = 0; page < 40; page++) {
            const q = /** @type {import('@omsorg/contract').ListQuery} */ (parseAppointmentQuery(params));
            const [a, b] = [await fhir.listAppointments(t.db, subjectId, q, NOW), await sql.listAppointments(t.db, subjectId, q, NOW)];
            assert.deepEqual(unversioned(a.items), unversioned(b.items), `${subjectId} ${when} limit ${limit} page ${page}`);
            assert.equal(a.more, b.more);
            seen += a.items.length;
            const last = a.items[a.items.length - 1];
            if (!a.more || !last) break;
            params = new URLSearchParams({ when, limit, cursor: appointmentCursor(/** @type {'upcoming' | 'past'} */ (when), last) });
          }
        }
      }
    }
    assert.ok(seen > 50, `appointments compared: ${seen}`);
  });

  it('granted services equal the SQL adapter’s, and one appointment is found by (subject, id) only', async () => {
    for (const s of [OLA_SUBJECT, EMMA_SUBJECT, 'sub-kari-2c91']) assert.deepEqual((await fhir.listServices(t.db, s)).items, (await sql.listServices(t.db, s)).items, s);
    const own = await fhir.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaCancellable, NOW);
    assert.equal(own?.id, appointmentIds.olaCancellable);
    assert.equal(own?.version, (await fhir.fhir.read('Appointment', appointmentIds.olaCancellable))?.meta?.versionId, 'the version is the FHIR versionId');
    assert.equal(await fhir.getAppointment(t.db, EMMA_SUBJECT, appointmentIds.olaCancellable, NOW), undefined, 'another subject’s appointment');
    assert.equal(await fhir.getAppointment(t.db, OLA_SUBJECT, 'apt-none', NOW), undefined);
  });

  it('a cancellation is a conditional update: the status, reason and comment written, a new versionId', async () => {
    const before = /** @type {any} */ (await fhir.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaCancellable, NOW));
    const changed = await fhir.cancelAppointment(t.db, { subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaCancellable, now: NOW, decide: decider(`"${before.version}"`) });
    assert.equal(changed?.status, 'cancelled');
    assert.notEqual(changed?.version, before.version);
    assert.deepEqual(changed?.cancellation?.reason, REASON);
    assert.equal(changed?.cancellation?.comment, 'Jeg er på sykehus.');
    assert.deepEqual(changed?.cancellation?.requestedBy, OLA);
    const raw = await fhir.fhir.read('Appointment', appointmentIds.olaCancellable);
    assert.equal(raw?.status, 'cancelled');
    assert.deepEqual(
      raw?.cancelationReason?.coding,
      [{ system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code: 'pat' }, { ...REASON, userSelected: true }],
      'FHIR’s official code (cancelled by the patient) first, the contract’s finer one beside it; never FHIR’s pat-cpp, which means "via a patient portal"',
    );
    assert.equal(raw?.meta?.versionId, changed?.version);
    // The server itself refuses a write on the old version.
    const stale = await fhir.fhir.request('PUT', `Appointment/${raw?.id}`, { body: { ...raw, status: 'booked' }, headers: { 'If-Match': `W/"${before.version}"` } });
    assert.equal(stale.status, 412);
    // The old ETag now fails the rules (412), and a second cancel of a cancelled visit is 409.
    await assert.rejects(
      fhir.cancelAppointment(t.db, { subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaCancellable, now: NOW, decide: decider(`"${before.version}"`) }),
      { message: 'preconditionFailed' },
    );
    await assert.rejects(
      fhir.cancelAppointment(t.db, { subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaCancellable, now: NOW, decide: decider(`"${changed?.version}"`) }),
      { message: 'notCancellable' },
    );
    assert.equal(await fhir.cancelAppointment(t.db, { subjectId: EMMA_SUBJECT, appointmentId: appointmentIds.olaNursingWindow, now: NOW, decide: decider('"x"') }), undefined);
  });

  it('mode request: cancellation-requested is booked + the request extension, read back as cancellation-requested', async () => {
    const before = /** @type {any} */ (await fhir.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaRequestMode, NOW));
    const changed = await fhir.cancelAppointment(t.db, { subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaRequestMode, now: NOW, decide: decider(`"${before.version}"`) });
    assert.equal(changed?.status, 'cancellation-requested');
    assert.equal(changed?.cancellation?.answeredAt, null);
    const raw = await fhir.fhir.read('Appointment', appointmentIds.olaRequestMode);
    assert.equal(raw?.status, 'booked');
    const request = raw?.extension.find((/** @type {any} */ e) => e.url === EXT.cancellation)?.extension.find((/** @type {any} */ e) => e.url === 'request');
    assert.equal(request?.valueCode, 'requested');
  });

  it('staff answer a request in the record system: listed from FHIR, turned down with a note, accepted; another service sees none of it', async () => {
    const staff = 'stf-solveig-dagsenter';
    const { requests } = await staffCancellationRequests(t.db, { staffId: staff, now: NOW, records: fhir });
    const waiting = requests.map((r) => r.appointment.id);
    // Both requests of the day centre: the fixture's and the one the test above made.
    assert.ok(waiting.includes(appointmentIds.olaCancellationRequested) && waiting.includes(appointmentIds.olaRequestMode), waiting.join());
    assert.deepEqual(requests.map((r) => r.subjectName), requests.map(() => 'Ola Nordmann'));
    const sqlBefore = await sql.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaCancellationRequested, NOW);
    // Another care service's staff: not found, nothing written.
    await assert.rejects(
      staffAnswerCancellation(t.db, { staffId: staffPersons.nurse.id, subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaCancellationRequested, accept: true, now: NOW, records: fhir }),
      (err) => /** @type {any} */ (err).status === 404,
    );
    const rejected = await staffAnswerCancellation(t.db, {
      staffId: staff,
      subjectId: OLA_SUBJECT,
      appointmentId: appointmentIds.olaCancellationRequested,
      accept: false,
      note: 'Vi trenger deg på dagsenteret den dagen.',
      now: NOW,
      records: fhir,
    });
    assert.equal(rejected.status, 'cancellation-rejected');
    const raw = await fhir.fhir.read('Appointment', appointmentIds.olaCancellationRequested);
    assert.equal(raw?.status, 'booked');
    const cx = raw?.extension.find((/** @type {any} */ e) => e.url === EXT.cancellation)?.extension ?? [];
    assert.equal(cx.find((/** @type {any} */ e) => e.url === 'request')?.valueCode, 'rejected');
    assert.equal(cx.find((/** @type {any} */ e) => e.url === 'rejectionNote')?.valueString, 'Vi trenger deg på dagsenteret den dagen.');
    const read = await fhir.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaCancellationRequested, NOW);
    assert.equal(read?.status, 'cancellation-rejected');
    assert.equal(read?.cancellation?.rejectionNote, 'Vi trenger deg på dagsenteret den dagen.');
    assert.equal(read?.cancellation?.answeredAt, rejected.cancellation?.answeredAt);
    // Answered once: a second answer is refused.
    await assert.rejects(
      staffAnswerCancellation(t.db, { staffId: staff, subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaCancellationRequested, accept: true, now: NOW, records: fhir }),
      (err) => /** @type {any} */ (err).status === 409,
    );
    const accepted = await staffAnswerCancellation(t.db, { staffId: staff, subjectId: OLA_SUBJECT, appointmentId: appointmentIds.olaRequestMode, accept: true, now: NOW, records: fhir });
    assert.equal(accepted.status, 'cancelled');
    assert.equal((await fhir.fhir.read('Appointment', appointmentIds.olaRequestMode))?.status, 'cancelled');
    const after = (await staffCancellationRequests(t.db, { staffId: staff, now: NOW, records: fhir })).requests.map((r) => r.appointment.id);
    assert.ok(!after.includes(appointmentIds.olaCancellationRequested) && !after.includes(appointmentIds.olaRequestMode), after.join());
    // The sandbox's own tables are not the record here: untouched.
    assert.deepEqual(await sql.getAppointment(t.db, OLA_SUBJECT, appointmentIds.olaCancellationRequested, NOW), sqlBefore);
  });

  it('a change in the record between the read and the write is not overwritten: the write fails, it reads again and decides again', async () => {
    const id = appointmentIds.olaNursingWindow;
    const before = /** @type {any} */ (await fhir.getAppointment(t.db, OLA_SUBJECT, id, NOW));
    let moved = false;
    /** @type {typeof fetch} */
    const meddling = async (input, init) => {
      // Just before the adapter's conditional PUT, the care service changes the visit.
      if (init?.method === 'PUT' && !moved) {
        moved = true;
        const raw = /** @type {any} */ (await fhir.fhir.read('Appointment', id));
        const { meta, ...rest } = raw;
        const r = await fhir.fhir.request('PUT', `Appointment/${id}`, { body: { ...rest, description: 'Flyttet av tjenesten' } });
        assert.equal(r.status, 200);
      }
      return fetch(input, init);
    };
    const adapter = createFhirRecords({ baseUrl: server.url, fetch: meddling });
    /** @type {string[]} */
    const versionsSeen = [];
    await assert.rejects(
      adapter.cancelAppointment(t.db, {
        subjectId: OLA_SUBJECT,
        appointmentId: id,
        now: NOW,
        decide: (target) => {
          versionsSeen.push(target.version);
          return decider(`"${before.version}"`)(target);
        },
      }),
      { message: 'preconditionFailed' },
    );
    assert.equal(moved, true);
    assert.equal(versionsSeen.length, 2, 'decided twice: on the version read, then on the changed one');
    assert.equal(versionsSeen[0], before.version);
    const after = await fhir.getAppointment(t.db, OLA_SUBJECT, id, NOW);
    assert.equal(after?.status, 'booked', 'not cancelled over the change');
    assert.equal(after?.description, 'Flyttet av tjenesten', 'the change is kept');
  });
});

describe('the sandbox on the FHIR record system (records: fhir)', () => {
  /** @type {Awaited<ReturnType<typeof import('../src/server.js').startSandbox>>} */
  let s;
  /** @type {string} */
  let tmp;
  before(async () => {
    const [{ mkdtemp }, { tmpdir }, { join }, { startSandbox }] = await Promise.all([
      import('node:fs/promises'),
      import('node:os'),
      import('node:path'),
      import('../src/server.js'),
    ]);
    tmp = await mkdtemp(join(tmpdir(), 'omsorg-records-fhir-'));
    s = await startSandbox({ port: 0, dataDir: tmp, records: 'fhir', logger: { log() {}, error: console.error } });
  });
  after(async () => {
    await s?.close();
    if (tmp) await (await import('node:fs/promises')).rm(tmp, { recursive: true, force: true });
  });

  it('starts its development FHIR server, and the API reads and cancels there, not in its own tables', async () => {
    const [{ signIn }, { TEST_CLIENT_ID }] = await Promise.all([import('../test-support/login.js'), import('../src/server.js')]);
    assert.equal(s.records.kind, 'fhir');
    assert.match(s.recordsWhere, /FHIR R4, the development server at http:\/\/127\.0\.0\.1:\d+\/fhir\/R4/);
    const ola = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: OLA.id, dpop: true });
    const fhirClient = /** @type {ReturnType<typeof createFhirRecords>} */ (s.records).fhir;
    const id = appointmentIds.olaCancellable;
    const url = `${s.url}/v1/subjects/me/appointments/${id}`;
    const got = await fetch(url, { headers: await ola.authorization('GET', url) });
    assert.equal(got.status, 200);
    const a = /** @type {any} */ (await got.json());
    assert.equal(a.version, (await fhirClient.read('Appointment', id))?.meta?.versionId, 'the ETag is the FHIR versionId');
    assert.equal(got.headers.get('etag'), `"${a.version}"`);

    const cancelUrl = `${url}/cancellation`;
    const cancel = await fetch(cancelUrl, {
      method: 'POST',
      headers: { ...(await ola.authorization('POST', cancelUrl)), 'Content-Type': 'application/json', 'Idempotency-Key': 'records-fhir-0001', 'If-Match': `"${a.version}"` },
      body: JSON.stringify({ reason: REASON }),
    });
    assert.equal(cancel.status, 200);
    const done = /** @type {any} */ (await cancel.json());
    assert.equal(done.status, 'cancelled');
    const raw = await fhirClient.read('Appointment', id);
    assert.equal(raw?.status, 'cancelled', 'written to the FHIR server');
    assert.equal(raw?.meta?.versionId, done.version);
    const row = (await s.db.query('SELECT status FROM appointments WHERE id = $1', [id])).rows[0];
    assert.equal(row?.status, 'booked', 'the sandbox’s own appointments table is not the record here');
    // The platform's data stays in the database: the access log has the cancellation.
    const logged = (await s.db.query("SELECT outcome FROM access_log WHERE resource = 'appointment' AND action = 'cancel' AND resource_id = $1", [id])).rows;
    assert.deepEqual(logged.map((r) => r.outcome), ['ok']);
  });

  it('a message the person sends is also a Communication in the record system, once, however often it is sent again', async () => {
    const [{ signIn }, { TEST_CLIENT_ID }] = await Promise.all([import('../test-support/login.js'), import('../src/server.js')]);
    const ola = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: OLA.id, dpop: true });
    const fhirClient = /** @type {ReturnType<typeof createFhirRecords>} */ (s.records).fhir;
    const listUrl = `${s.url}/v1/subjects/me/threads`;
    const threads = /** @type {any} */ (await (await fetch(listUrl, { headers: await ola.authorization('GET', listUrl) })).json());
    const thread = threads.items.find((/** @type {any} */ t) => t.status === 'open');
    assert.ok(thread, 'an open thread');
    const url = `${s.url}/v1/subjects/me/threads/${thread.id}/messages`;
    const send = async () =>
      fetch(url, {
        method: 'POST',
        headers: { ...(await ola.authorization('POST', url)), 'Content-Type': 'application/json', 'Idempotency-Key': 'records-fhir-msg-0001' },
        body: JSON.stringify({ text: 'Takk, det passer fint.' }),
      });
    const first = await send();
    assert.equal(first.status, 201);
    const message = /** @type {any} */ (await first.json());
    assert.equal((await send()).status, 201, 'the replay');
    const found = await fhirClient.search('Communication', { subject: `Patient/${OLA_SUBJECT}` });
    assert.equal(found.length, 1, 'one Communication');
    const c = /** @type {any} */ (found[0]);
    assert.equal(c.id, message.id);
    assert.equal(c.status, 'completed');
    assert.deepEqual(c.payload, [{ contentString: 'Takk, det passer fint.' }]);
    assert.equal(c.sender.reference, `Patient/${OLA_SUBJECT}`);
    assert.equal(c.topic.coding[0].code, thread.id);
    assert.match(c.recipient[0].reference, /^HealthcareService\//);
    assert.match(c.basedOn[0].reference, /^ServiceRequest\//);
  });

  it('a send whose database transaction failed after the Communication was written leaves one Communication when sent again', async () => {
    const [{ signIn }, { TEST_CLIENT_ID }] = await Promise.all([import('../test-support/login.js'), import('../src/server.js')]);
    const ola = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: OLA.id, dpop: true });
    const records = /** @type {ReturnType<typeof createFhirRecords>} */ (s.records);
    const listUrl = `${s.url}/v1/subjects/me/threads`;
    const threads = /** @type {any} */ (await (await fetch(listUrl, { headers: await ola.authorization('GET', listUrl) })).json());
    const thread = threads.items.find((/** @type {any} */ t) => t.status === 'open');
    const url = `${s.url}/v1/subjects/me/threads/${thread.id}/messages`;
    const text = 'Kan dere komme en time senere på fredag?';
    const send = async () =>
      fetch(url, {
        method: 'POST',
        headers: { ...(await ola.authorization('POST', url)), 'Content-Type': 'application/json', 'Idempotency-Key': 'records-fhir-msg-lost-0001' },
        body: JSON.stringify({ text }),
      });
    // The record system takes the message, then the database transaction fails (once).
    const real = records.recordMessage;
    let calls = 0;
    records.recordMessage = async (tx, message) => {
      await real(tx, message);
      if (calls++ === 0) throw new Error('the database was lost after the record system took the message');
    };
    try {
      const first = await send();
      assert.equal(first.status, 500);
      const again = await send();
      assert.equal(again.status, 201);
      const message = /** @type {any} */ (await again.json());
      const written = (await records.fhir.search('Communication', { subject: `Patient/${OLA_SUBJECT}` })).filter((c) => c.payload?.[0]?.contentString === text);
      assert.equal(calls, 2, 'the record system was written twice');
      assert.deepEqual(written.map((c) => c.id), [message.id], 'one Communication, the message the platform has');
    } finally {
      records.recordMessage = real;
    }
  });

  it('a staff reply and a thread staff start are Communications too, from the care service to the person', async () => {
    const fhirClient = /** @type {ReturnType<typeof createFhirRecords>} */ (s.records).fhir;
    const before = await fhirClient.search('Communication', { subject: `Patient/${OLA_SUBJECT}` });
    const replyId = await staffReply(s.db, { staffId: staffPersons.nurse.id, subjectId: OLA_SUBJECT, threadId: threadIds.olaUnreadReply, text: 'Vi kommer før lunsj.', now: NOW, records: s.records });
    const recipients = await staffRecipients(s.db, staffPersons.nurse.careServiceId);
    const ola = recipients.find((r) => r.subjectId === OLA_SUBJECT);
    assert.ok(ola, 'Ola receives a service from the home nursing');
    const threadId = await staffStartThread(s.db, { staffId: staffPersons.nurse.id, subjectId: OLA_SUBJECT, grantedServiceId: ola.grantedServiceId, title: 'Ny tid', text: 'Kan vi flytte besøket?', now: NOW, records: s.records });
    const after = /** @type {any[]} */ (await fhirClient.search('Communication', { subject: `Patient/${OLA_SUBJECT}` }));
    assert.equal(after.length, before.length + 2, 'one Communication each');
    const reply = after.find((c) => c.id === replyId);
    assert.ok(reply, 'the reply, by its message id');
    assert.deepEqual(reply.payload, [{ contentString: 'Vi kommer før lunsj.' }]);
    assert.equal(reply.topic.coding[0].code, threadIds.olaUnreadReply);
    assert.match(reply.sender.reference, /^HealthcareService\//);
    assert.deepEqual(reply.recipient, [{ reference: `Patient/${OLA_SUBJECT}` }]);
    assert.deepEqual(reply.extension, [{ url: EXT.staffAuthor, valueIdentifier: { system: 'urn:omsorg:sandbox:staff-id', value: staffPersons.nurse.id } }]);
    assert.equal(reply.meta.source, 'urn:omsorg:sandbox:staff');
    const started = after.find((c) => c.topic.coding[0].code === threadId);
    assert.ok(started, 'the first message of the thread staff started');
    assert.equal(started.topic.text, 'Ny tid');
    assert.equal(started.basedOn[0].reference, `ServiceRequest/${ola.grantedServiceId}`);
  });
});

describe('the development FHIR server keeps its records in a file', () => {
  it('a restart on the same file finds every resource at its version; `fresh` starts empty', async () => {
    const [{ mkdtemp, rm }, { tmpdir }, { join }] = await Promise.all([import('node:fs/promises'), import('node:os'), import('node:path')]);
    const dir = await mkdtemp(join(tmpdir(), 'omsorg-fhir-file-'));
    const file = join(dir, 'fhir', 'resources.json');
    try {
      const first = await startFhirServer({ file });
      const a = createFhirRecords({ baseUrl: first.url });
      await seedFhir(a.fhir, t.db, { now: NOW });
      const before = /** @type {any} */ (await a.getAppointment(t.db, EMMA_SUBJECT, appointmentIds.emmaActivity, NOW));
      const changed = await a.cancelAppointment(t.db, { subjectId: EMMA_SUBJECT, appointmentId: appointmentIds.emmaActivity, now: NOW, decide: decider(`"${before.version}"`) });
      assert.equal(changed?.status, 'cancelled');
      await first.close();

      const second = await startFhirServer({ file });
      const b = createFhirRecords({ baseUrl: second.url });
      assert.equal(await isFhirEmpty(b.fhir), false);
      const again = await b.getAppointment(t.db, EMMA_SUBJECT, appointmentIds.emmaActivity, NOW);
      assert.equal(again?.status, 'cancelled');
      assert.equal(again?.version, changed?.version, 'the version survives the restart');
      assert.deepEqual(await b.listServices(t.db, EMMA_SUBJECT), await sql.listServices(t.db, EMMA_SUBJECT));
      await second.close();

      const third = await startFhirServer({ file, fresh: true });
      assert.equal(await isFhirEmpty(createFhirRecords({ baseUrl: third.url }).fhir), true);
      await third.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
