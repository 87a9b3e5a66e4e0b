// @ts-check
/**
 * Care services and granted services in FHIR R4 (part of fhir-map.js, which re-exports it):
 * HealthcareService, and the vedtak as a ServiceRequest both ways, its extent in UCUM where UCUM
 * has the unit.
 */
import { EXT, SOURCE, ext, serviceTypeFrom, sourceExtension, sourceFromFhir } from './fhir-map-shared.js';

/** @typedef {import('@omsorg/contract').GrantedService} GrantedService */
/** @typedef {import('./fhir-map-shared.js').Resource} Resource */

/** UCUM, FHIR's system for units of measure: hours and days are its `h` and `d`. */
const UCUM = 'http://unitsofmeasure.org';
/** The project's own extent units: visits and units have no UCUM unit (only annotations, `{visit}`, which carry no meaning). */
const EXTENT_UNIT_SYSTEM = 'urn:omsorg:codesystem:omfang-enhet';
const EXTENT_UCUM = /** @type {Record<string, string>} */ ({ hours: 'h', days: 'd' });
const UCUM_EXTENT = /** @type {Record<string, GrantedService['extent']['unit']>} */ ({ h: 'hours', d: 'days' });

/** @param {{ id: string, name: string, phone?: string | null }} c */
export function healthcareServiceToFhir(c) {
  return {
    resourceType: 'HealthcareService',
    id: c.id,
    meta: { source: SOURCE },
    active: true,
    name: c.name,
    ...(c.phone ? { telecom: [{ system: 'phone', value: c.phone, use: 'work' }] } : {}),
  };
}

/**
 * The contract's extent unit from a Quantity: UCUM `h` and `d`, or the project's own code (records
 * written before 1.1.0 have every unit so).
 * @param {any} q
 * @returns {GrantedService['extent']['unit']}
 */
const extentUnitFrom = (q) => (q?.system === UCUM ? /** @type {GrantedService['extent']['unit']} */ (UCUM_EXTENT[q.code]) : q?.code);

/** Extent: per day, week, month, year as FHIR Timing's periodUnit. */
const PER_TO_UNIT = /** @type {const} */ ({ day: 'd', week: 'wk', month: 'mo', year: 'a' });
const UNIT_TO_PER = /** @type {Record<string, GrantedService['extent']['per']>} */ ({ d: 'day', wk: 'week', mo: 'month', a: 'year' });
/**
 * A vedtak's status: `active` and `ended` are ServiceRequest's `active` and `completed`;
 * `planned` (decided, starting later) has no code of its own in R4 and is `active` with the
 * status extension saying `planned` (so a reader that knows only R4 sees an order in force).
 */
const SERVICE_STATUS_TO_FHIR = /** @type {const} */ ({ active: 'active', planned: 'active', ended: 'completed' });

/**
 * @param {string} subjectId
 * @param {GrantedService} g
 */
export function grantedServiceToFhir(subjectId, g) {
  return {
    resourceType: 'ServiceRequest',
    id: g.id,
    meta: { source: SOURCE },
    ...(g.status === 'planned' || g.source ? { extension: [...(g.status === 'planned' ? [{ url: EXT.serviceStatus, valueCode: 'planned' }] : []), ...sourceExtension(g)] } : {}),
    status: SERVICE_STATUS_TO_FHIR[g.status],
    intent: 'order',
    code: { coding: [{ system: g.serviceType.system, code: g.serviceType.code }] },
    subject: { reference: `Patient/${subjectId}` },
    quantityQuantity: EXTENT_UCUM[g.extent.unit]
      ? { value: g.extent.amount, unit: g.extent.unit, system: UCUM, code: EXTENT_UCUM[g.extent.unit] }
      : { value: g.extent.amount, unit: g.extent.unit, system: EXTENT_UNIT_SYSTEM, code: g.extent.unit },
    occurrenceTiming: {
      repeat: {
        boundsPeriod: { start: g.validFrom, ...(g.validTo ? { end: g.validTo } : {}) },
        period: 1,
        periodUnit: PER_TO_UNIT[g.extent.per],
      },
    },
    ...(g.decidedAt ? { authoredOn: g.decidedAt } : {}),
    performer: [{ reference: `HealthcareService/${g.careService.id}`, display: g.careService.name }],
    ...(g.note ? { note: [{ text: g.note }] } : {}),
  };
}

/**
 * @param {Resource} r a ServiceRequest
 * @param {Map<string, Resource>} services
 * @returns {GrantedService}
 */
export function grantedServiceFromFhir(r, services) {
  const serviceId = String(r.performer?.[0]?.reference ?? '').slice('HealthcareService/'.length);
  const hs = services.get(serviceId);
  const bounds = r.occurrenceTiming?.repeat?.boundsPeriod ?? {};
  const planned = ext(r, EXT.serviceStatus)?.valueCode === 'planned';
  return {
    id: String(r.id),
    serviceType: serviceTypeFrom(r.code?.coding?.[0]),
    status: planned ? 'planned' : r.status === 'completed' ? 'ended' : 'active',
    extent: { amount: r.quantityQuantity?.value, unit: extentUnitFrom(r.quantityQuantity), per: /** @type {GrantedService['extent']['per']} */ (UNIT_TO_PER[r.occurrenceTiming?.repeat?.periodUnit]) },
    validFrom: String(bounds.start).slice(0, 10),
    validTo: bounds.end ? String(bounds.end).slice(0, 10) : null,
    decidedAt: r.authoredOn ? String(r.authoredOn).slice(0, 10) : null,
    careService: { id: serviceId, name: hs?.name ?? r.performer?.[0]?.display ?? '', phone: hs?.telecom?.find((/** @type {any} */ t) => t.system === 'phone')?.value ?? null },
    note: r.note?.[0]?.text ?? null,
    ...sourceFromFhir(r),
  };
}
