// @ts-check
/**
 * Seeds a FHIR server with the sandbox's record data: the same fixtures the database and the
 * mocks have (`createFixtures(now)`), mapped by fhir-map.js. Patients are the database's subjects
 * (the platform keys its own data on the subject id, so Patient.id is that id) with the persons'
 * national identity numbers; a RelatedPerson per relative's grant; a HealthcareService per care
 * service; the Appointments and the granted services (ServiceRequest). One batch of PUTs
 * (client-chosen ids), so any FHIR R4 server that allows update-as-create takes it.
 */
import { createFixtures } from '@omsorg/fixtures';
import { appointmentToFhir, grantedServiceToFhir, healthcareServiceToFhir, patientToFhir, relatedPersonToFhir } from './fhir-map.js';

/**
 * True when the server holds no Patient yet.
 * @param {import('./fhir.js').FhirClient} fhir
 */
export async function isFhirEmpty(fhir) {
  const r = await fhir.request('GET', 'Patient?_count=1');
  if (r.status >= 400) throw new Error(`the FHIR server at ${fhir.base} answered ${r.status} to a Patient search`);
  return !(r.resource?.entry?.length > 0);
}

/**
 * @param {import('./fhir.js').FhirClient} fhir
 * @param {import('../db/index.js').Queryable} db the sandbox's database, already seeded (persons, subjects, grants)
 * @param {{ now?: Date }} [o]
 * @returns {Promise<{ patients: number, relatedPersons: number, healthcareServices: number, appointments: number, serviceRequests: number }>}
 */
export async function seedFhir(fhir, db, { now = new Date() } = {}) {
  const fixtures = createFixtures(now);
  const subjects = (await db.query('SELECT s.id AS subject_id, p.id AS person_id, p.name, p.pid FROM subjects s JOIN persons p ON p.id = s.person_id ORDER BY s.id')).rows;
  const grants = (
    await db.query(
      `SELECT g.id, g.subject_id, g.grantee_person_id, p.name, g.relation_system, g.relation_code
         FROM proxy_grants g JOIN persons p ON p.id = g.grantee_person_id WHERE g.revoked_at IS NULL ORDER BY g.id`,
    )
  ).rows;
  /** @type {Map<string, { id: string, name: string, phone?: string | null }>} */
  const careServices = new Map();
  for (const s of Object.values(fixtures.subjects)) for (const x of [...s.appointments, ...s.services]) careServices.set(x.careService.id, x.careService);

  /** @type {any[]} */
  const resources = [
    ...subjects.map((s) => patientToFhir({ subjectId: s.subject_id, personId: s.person_id, name: s.name, pid: s.pid })),
    ...grants.map((g) =>
      relatedPersonToFhir({ id: `rp-${g.id}`, subjectId: g.subject_id, personId: g.grantee_person_id, name: g.name, relation: { system: g.relation_system, code: g.relation_code } }),
    ),
    ...[...careServices.values()].map(healthcareServiceToFhir),
    ...Object.values(fixtures.subjects).flatMap((s) => s.appointments.map(appointmentToFhir)),
    ...Object.values(fixtures.subjects).flatMap((s) => s.services.map((g) => grantedServiceToFhir(s.id, g))),
  ];
  const answer = await fhir.batch(resources.map((r) => ({ resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}` } })));
  const failed = (answer?.entry ?? []).filter((/** @type {any} */ e) => !/^20[01]/.test(String(e?.response?.status ?? '')));
  if (failed.length) throw new Error(`the FHIR seed failed for ${failed.length} resources: ${JSON.stringify(failed[0]).slice(0, 300)}`);
  const count = (/** @type {string} */ t) => resources.filter((r) => r.resourceType === t).length;
  return {
    patients: count('Patient'),
    relatedPersons: count('RelatedPerson'),
    healthcareServices: count('HealthcareService'),
    appointments: count('Appointment'),
    serviceRequests: count('ServiceRequest'),
  };
}
