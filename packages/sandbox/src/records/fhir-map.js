// @ts-check
/**
 * The mapping between the contract's records and FHIR R4 resources, both ways; docs/fhir-mapping.md
 * is the same table in words. Codes from FHIR R4 and official Norwegian systems where they exist;
 * what FHIR R4 has no element for is an extension under EXT, named once (fhir-map-shared.js).
 *
 *   person / subject        Patient (id = the subject id; identifier: the national identity number)
 *   a relative's grant      RelatedPerson (seeded for the record; access itself is the platform's)
 *   care service            HealthcareService (id, name, telecom phone)
 *   appointment             Appointment
 *   granted service (vedtak) ServiceRequest (intent order)
 *
 * The mapping is in four files, each re-exported here so that importers name only this one:
 * fhir-map-shared.js (identifier systems, extensions, the record source), fhir-map-appointments.js
 * (Appointment, cancellations, series), fhir-map-services.js (HealthcareService, ServiceRequest)
 * and fhir-map-persons.js (Patient, RelatedPerson, Communication).
 */

/** @typedef {import('./fhir-map-shared.js').Resource} Resource */

export * from './fhir-map-appointments.js';
export * from './fhir-map-persons.js';
export * from './fhir-map-services.js';
export { EXT, PERSON_ID_SYSTEM, SOURCE } from './fhir-map-shared.js';
