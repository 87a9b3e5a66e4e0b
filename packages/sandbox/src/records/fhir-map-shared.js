// @ts-check
/**
 * What every part of the FHIR R4 mapping (fhir-map.js) shares: the identifier systems, the
 * extensions under EXT and the helpers that read and write them, the record-source extension,
 * and the service type read back from a record.
 */
import { canonicalCoding } from '@omsorg/contract';

/** @typedef {{ resourceType: string, id?: string, meta?: { versionId?: string, source?: string }, [k: string]: any }} Resource */

/** The platform's own person id (the sign-in's `sub`): carried on Patient and RelatedPerson. */
export const PERSON_ID_SYSTEM = 'urn:omsorg:sandbox:person-id';
/** Where every resource the sandbox seeds says it comes from (meta.source). */
export const SOURCE = 'urn:omsorg:sandbox:fixtures';
export const V3_ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
export const V3_PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** The extensions for what FHIR R4 has no element for. */
export const EXT = Object.freeze({
  timing: 'urn:omsorg:fhir:StructureDefinition:appointment-timing',
  policy: 'urn:omsorg:fhir:StructureDefinition:cancellation-policy',
  cancellation: 'urn:omsorg:fhir:StructureDefinition:cancellation',
  atHome: 'urn:omsorg:fhir:StructureDefinition:location-at-home',
  serviceStatus: 'urn:omsorg:fhir:StructureDefinition:granted-service-status',
  series: 'urn:omsorg:fhir:StructureDefinition:appointment-series',
  recordSource: 'urn:omsorg:fhir:StructureDefinition:record-source',
  /** The staff member who wrote a message the care service sent (Communication). */
  staffAuthor: 'urn:omsorg:fhir:StructureDefinition:staff-author',
});

/**
 * The contract's `source` (which municipality, which record system) as an extension, or none.
 * @param {{ source?: import('@omsorg/contract').RecordSource | undefined }} x
 */
export const sourceExtension = (x) =>
  x.source
    ? [
        {
          url: EXT.recordSource,
          extension: [
            part('municipalityNumber', { valueString: x.source.municipality.number }),
            part('municipalityName', { valueString: x.source.municipality.name }),
            part('systemId', { valueString: x.source.system.id }),
            part('systemName', { valueString: x.source.system.name }),
          ],
        },
      ]
    : [];

/**
 * The `source` of a resource with the record-source extension (nothing without it).
 * @param {Resource} r
 * @returns {{ source?: import('@omsorg/contract').RecordSource }}
 */
export function sourceFromFhir(r) {
  const e = ext(r, EXT.recordSource);
  if (!e) return {};
  const v = (/** @type {string} */ name) => String(sub(e, name)?.valueString ?? '');
  return { source: { municipality: { number: v('municipalityNumber'), name: v('municipalityName') }, system: { id: v('systemId'), name: v('systemName') } } };
}

/** @param {Resource | undefined} r @param {string} url */
export const ext = (r, url) => r?.extension?.find((/** @type {any} */ e) => e.url === url);
/** @param {any} e @param {string} url */
export const sub = (e, url) => e?.extension?.find((/** @type {any} */ x) => x.url === url);
/** @param {string} url @param {Record<string, unknown>} value e.g. { valueString: 'x' } */
export const part = (url, value) => ({ url, ...value });

/**
 * A service type from a record: a coding stored under the project's former identifier (before
 * 1.1.0) comes back under the official one.
 * @param {any} coding
 */
export const serviceTypeFrom = (coding) => canonicalCoding({ system: coding?.system, code: coding?.code });
