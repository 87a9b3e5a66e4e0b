// @ts-check
/**
 * People and their messages in FHIR R4 (part of fhir-map.js, which re-exports it): the person as
 * a Patient with their national identity number, a relative as a RelatedPerson, and a message
 * sent as a Communication (write only).
 */
import { parseIdentityNumber, relations } from '@omsorg/contract';
import { EXT, PERSON_ID_SYSTEM, SOURCE, V3_ROLE } from './fhir-map-shared.js';

/** The fødselsnummer (the population register's number), as Norwegian FHIR profiles (no-basis) name it. */
export const FNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.1';
/** The D-nummer (day + 40: a person without a fødselsnummer), its own system in the same profiles. */
export const DNR_SYSTEM = 'urn:oid:2.16.578.1.12.4.1.4.2';
/**
 * The identifier system of a national identity number: D-nummer or fødselsnummer (a number the
 * rules core cannot read stays a fødselsnummer, as before).
 * @param {string} pid
 */
export const identitySystem = (pid) => (parseIdentityNumber(pid)?.dNumber ? DNR_SYSTEM : FNR_SYSTEM);

/**
 * @param {{ subjectId: string, personId: string, name: string, pid: string | null }} p
 */
export function patientToFhir(p) {
  return {
    resourceType: 'Patient',
    id: p.subjectId,
    meta: { source: SOURCE },
    identifier: [...(p.pid ? [{ use: 'official', system: identitySystem(p.pid), value: p.pid }] : []), { use: 'secondary', system: PERSON_ID_SYSTEM, value: p.personId }],
    active: true,
    name: [{ use: 'official', text: p.name }],
  };
}

/** The contract's relations (its own code set, `relations`) that v3 RoleCode has; `O` (another relative) it has not. */
const ROLE_CODES = /** @type {Record<string, string>} */ ({ PRN: 'PRN', CHILD: 'CHILD', SPS: 'SPS', SIB: 'SIB', GUARD: 'GUARD' });

/**
 * @param {{ id: string, subjectId: string, personId: string, name: string, relation: { system: string, code: string } }} r
 */
export function relatedPersonToFhir(r) {
  return {
    resourceType: 'RelatedPerson',
    id: r.id,
    meta: { source: SOURCE },
    active: true,
    patient: { reference: `Patient/${r.subjectId}` },
    identifier: [{ system: PERSON_ID_SYSTEM, value: r.personId }],
    relationship: [{ coding: [...(r.relation.system === relations.system && ROLE_CODES[r.relation.code] ? [{ system: V3_ROLE, code: ROLE_CODES[r.relation.code] }] : []), { system: r.relation.system, code: r.relation.code }] }],
    name: [{ text: r.name }],
  };
}

/** The thread a message belongs to (Communication.topic). */
export const THREAD_ID_SYSTEM = 'urn:omsorg:sandbox:thread-id';

/** Who wrote a staff message, in the record (the citizen sees the care service as the sender). */
export const STAFF_ID_SYSTEM = 'urn:omsorg:sandbox:staff-id';

/**
 * A message in a thread about a vedtak (`basedOn`, `topic`): from a citizen or relative (the
 * Patient, or the relative by their person id) to the HealthcareService, or from the
 * HealthcareService (a staff member, by their staff id) to the Patient.
 * @param {import('./index.js').SentMessage} m
 */
export function communicationToFhir(m) {
  const { sender } = m;
  const staff = sender.role === 'staff' ? sender : undefined;
  return {
    resourceType: 'Communication',
    id: m.id,
    meta: { source: staff ? 'urn:omsorg:sandbox:staff' : 'urn:omsorg:sandbox:api' },
    identifier: [{ system: 'urn:omsorg:sandbox:message-id', value: m.id }],
    basedOn: [{ reference: `ServiceRequest/${m.grantedServiceId}` }],
    status: 'completed',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }] }],
    subject: { reference: `Patient/${m.subjectId}` },
    topic: { coding: [{ system: THREAD_ID_SYSTEM, code: m.threadId }], text: m.title },
    sent: toSecondIso(m.sentAt),
    sender:
      sender.role === 'staff'
        ? { reference: `HealthcareService/${m.careServiceId}` }
        : sender.role === 'citizen'
          ? { reference: `Patient/${m.subjectId}`, display: sender.name }
          : { identifier: { system: PERSON_ID_SYSTEM, value: sender.personId }, display: sender.name },
    recipient: [{ reference: staff ? `Patient/${m.subjectId}` : `HealthcareService/${m.careServiceId}` }],
    ...(staff ? { extension: [{ url: EXT.staffAuthor, valueIdentifier: { system: STAFF_ID_SYSTEM, value: staff.staffId } }] } : {}),
    payload: [{ contentString: m.text }],
    ...(m.attachments ? { note: [{ text: `${m.attachments} vedlegg i omsorg-plattformen` }] } : {}),
  };
}
const toSecondIso = (/** @type {Date} */ d) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
