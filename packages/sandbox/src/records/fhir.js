// @ts-check
/**
 * The record system as a FHIR R4 server, over HTTP with FHIR REST: search (Patient by national
 * identity number; the subject's Appointments and ServiceRequests with their HealthcareServices
 * included), and a conditional update (`PUT` with `If-Match: W/"<versionId>"`) for a
 * cancellation. The mapping is fhir-map.js (docs/fhir-mapping.md).
 *
 * Versions: an appointment's `version` (the API's ETag) is the FHIR resource's `meta.versionId`,
 * so a change made in the record system by anyone is a new ETag for the citizen too.
 *
 * A cancellation: read the Appointment, let the rules decide on it, write it back only if it is
 * still that version; a 412 from the server (changed in between) reads it again and decides again
 * (so the citizen's If-Match, now stale, is answered 412). The Idempotency-Key record and the
 * access-log row are the platform's, in the database transaction the API holds around this call:
 * if that transaction fails after the record system took the change, a retry with the same key
 * finds the appointment changed and is answered 409 or 412, never a second change.
 */
import { appointmentPage } from '@omsorg/contract';
import { appointmentFromFhir, cancelTargetFromFhir, communicationToFhir, grantedServiceFromFhir, identitySystem, withAnswer, withCancellation } from './fhir-map.js';
import { soonestFirst } from './index.js';

/** @typedef {import('./fhir-map.js').Resource} Resource */
/** @typedef {import('./index.js').RecordSystem} RecordSystem */

/** A FHIR server's refusal or fault, with its status and OperationOutcome. */
export class FhirError extends Error {
  /** @param {number} status @param {string} message @param {unknown} [outcome] */
  constructor(status, message, outcome) {
    super(message);
    this.name = 'FhirError';
    this.status = status;
    this.outcome = outcome;
  }
}

/**
 * A small FHIR REST client (JSON, one base URL).
 * @param {string} baseUrl e.g. `http://127.0.0.1:8103/fhir/R4`
 * @param {{ fetch?: typeof fetch }} [o]
 */
export function createFhirClient(baseUrl, { fetch: f = fetch } = {}) {
  const base = baseUrl.replace(/\/+$/, '');
  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: unknown, headers?: Record<string, string> }} [o]
   * @returns {Promise<{ status: number, resource: any }>}
   */
  async function request(method, path, { body, headers = {} } = {}) {
    const res = await f(`${base}/${path}`, {
      method,
      headers: { Accept: 'application/fhir+json', ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const resource = text ? JSON.parse(text) : undefined;
    return { status: res.status, resource };
  }
  /** @param {string} method @param {string} path @param {{ body?: unknown, headers?: Record<string, string> }} [o] */
  async function ok(method, path, o) {
    const r = await request(method, path, o);
    if (r.status >= 400) throw new FhirError(r.status, `FHIR ${method} ${path.split('?')[0]}: ${r.status} ${r.resource?.issue?.[0]?.details?.text ?? ''}`.trim(), r.resource);
    return r.resource;
  }
  return {
    base,
    request,
    /** @param {string} type @param {Record<string, string>} params @returns {Promise<Resource[]>} every entry, matches and includes */
    async search(type, params) {
      /** @type {Resource[]} */
      const out = [];
      /** @type {string | undefined} */
      let next = `${type}?${new URLSearchParams({ _count: '1000', ...params })}`;
      while (next) {
        const bundle = await ok('GET', next);
        for (const e of bundle?.entry ?? []) if (e.resource) out.push(e.resource);
        const link = bundle?.link?.find((/** @type {any} */ l) => l.relation === 'next')?.url;
        next = link ? String(link).slice(base.length + 1) : undefined;
      }
      return out;
    },
    /** @param {string} type @param {string} id @returns {Promise<Resource | undefined>} */
    async read(type, id) {
      const r = await request('GET', `${type}/${encodeURIComponent(id)}`);
      if (r.status === 404 || r.status === 410) return undefined;
      if (r.status >= 400) throw new FhirError(r.status, `FHIR read ${type}: ${r.status}`, r.resource);
      return r.resource;
    },
    /**
     * An update only if the resource is still at `versionId`: the new resource, or undefined on 412.
     * @param {Resource} resource @param {string} versionId
     */
    async updateIfMatch(resource, versionId) {
      const r = await request('PUT', `${resource.resourceType}/${encodeURIComponent(String(resource.id))}`, {
        body: resource,
        headers: { 'If-Match': `W/"${versionId}"` },
      });
      if (r.status === 412) return undefined;
      if (r.status >= 400) throw new FhirError(r.status, `FHIR update ${resource.resourceType}: ${r.status}`, r.resource);
      return /** @type {Resource} */ (r.resource);
    },
    /** A batch Bundle of entries. @param {any[]} entry */
    async batch(entry) {
      return ok('POST', '', { body: { resourceType: 'Bundle', type: 'batch', entry } });
    },
  };
}

/** @typedef {ReturnType<typeof createFhirClient>} FhirClient */

/** How often a cancellation reads again after the record changed between its read and write. */
const CANCEL_ATTEMPTS = 5;

/**
 * @param {{ baseUrl: string, fetch?: typeof fetch, close?: () => Promise<void>, filter?: import('../data/store.js').SourceFilter }} o
 *   `filter`: as one source of several (composite.js), only the resources of that source (the
 *   development server holds every fixture; a municipality's own server would hold only its own)
 * @returns {RecordSystem & { fhir: FhirClient }}
 */
export function createFhirRecords({ baseUrl, fetch: f, close = async () => {}, filter }) {
  const fhir = createFhirClient(baseUrl, f ? { fetch: f } : {});
  /** @param {{ source?: import('@omsorg/contract').RecordSource }} x */
  const own = (x) => !filter || (x.source ? x.source.system.id === filter.systemId : filter.unlabelled);
  /** @param {Resource[]} all */
  const servicesIn = (all) => new Map(all.filter((r) => r.resourceType === 'HealthcareService').map((r) => [String(r.id), r]));
  /** @param {string} subjectId @param {Record<string, string>} [extra] */
  const appointmentsOf = (subjectId, extra = {}) =>
    fhir.search('Appointment', { patient: `Patient/${subjectId}`, _include: 'Appointment:actor:HealthcareService', ...extra });

  return {
    kind: 'fhir',
    fhir,
    async findPerson(q, personId) {
      // The person as the platform knows them (the register: name, national identity number);
      // their own subject is the record system's Patient with that number (Patient.id = subject id).
      const { rows } = await q.query('SELECT id, name, pid FROM persons WHERE id = $1', [personId]);
      const p = rows[0];
      if (!p) return undefined;
      const [patient] = p.pid ? await fhir.search('Patient', { identifier: `${identitySystem(p.pid)}|${p.pid}`, active: 'true' }) : [];
      const name = patient?.name?.[0]?.text;
      return { id: String(p.id), name: typeof name === 'string' && name ? name : String(p.name), selfSubjectId: patient ? String(patient.id) : null };
    },
    async listAppointments(_q, subjectId, query, now) {
      const all = await appointmentsOf(subjectId);
      const services = servicesIn(all);
      const items = all.filter((r) => r.resourceType === 'Appointment').map((r) => appointmentFromFhir(r, services, now)).filter(own);
      const page = appointmentPage(items, query, now);
      return { items: page.items, more: page.nextCursor !== null };
    },
    async getAppointment(_q, subjectId, appointmentId, now) {
      // By (subject, id): a search on both, never a read by id alone.
      const all = await appointmentsOf(subjectId, { _id: appointmentId });
      const r = all.find((x) => x.resourceType === 'Appointment' && x.id === appointmentId);
      const a = r ? appointmentFromFhir(r, servicesIn(all), now) : undefined;
      return a && own(a) ? a : undefined;
    },
    async listServices(_q, subjectId) {
      const all = await fhir.search('ServiceRequest', { subject: `Patient/${subjectId}`, intent: 'order', _include: 'ServiceRequest:performer:HealthcareService' });
      const services = servicesIn(all);
      return { items: all.filter((r) => r.resourceType === 'ServiceRequest').map((r) => grantedServiceFromFhir(r, services)).filter(own) };
    },
    async cancelAppointment(_tx, { subjectId, appointmentId, now, decide }) {
      for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
        const all = await appointmentsOf(subjectId, { _id: appointmentId });
        const r = all.find((x) => x.resourceType === 'Appointment' && x.id === appointmentId);
        if (!r || !own(appointmentFromFhir(r, servicesIn(all), now))) return undefined;
        const versionId = String(r.meta?.versionId);
        const change = decide(cancelTargetFromFhir(r));
        const { meta, ...rest } = r;
        const written = await fhir.updateIfMatch(withCancellation(rest, change), versionId);
        if (written) return appointmentFromFhir(written, servicesIn(all), now);
      }
      throw new FhirError(409, 'The appointment kept changing in the record system.');
    },
    async answerCancellation(_tx, { subjectId, appointmentId, now, decide }) {
      // As a cancellation: read, decide, write only if the version read is still the record's.
      for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
        const all = await appointmentsOf(subjectId, { _id: appointmentId });
        const r = all.find((x) => x.resourceType === 'Appointment' && x.id === appointmentId);
        const current = r && appointmentFromFhir(r, servicesIn(all), now);
        if (!r || !current || !own(current)) return undefined;
        const versionId = String(r.meta?.versionId);
        const { meta, ...rest } = r;
        const written = await fhir.updateIfMatch(withAnswer(rest, decide(current)), versionId);
        if (written) return appointmentFromFhir(written, servicesIn(all), now);
      }
      throw new FhirError(409, 'The appointment kept changing in the record system.');
    },
    async listCancellationRequests(_q, careServiceId, now) {
      // The service's appointments (FHIR's `actor` search), those waiting for an answer.
      const all = await fhir.search('Appointment', { actor: `HealthcareService/${careServiceId}`, _include: 'Appointment:actor:HealthcareService' });
      const services = servicesIn(all);
      return all
        .filter((r) => r.resourceType === 'Appointment')
        .map((r) => appointmentFromFhir(r, services, now))
        .filter((a) => a.status === 'cancellation-requested' && own(a))
        .sort(soonestFirst);
    },
    async recordMessage(_tx, message) {
      // An update with the message's own id: sent again (a retry), it is the same resource.
      const c = communicationToFhir(message);
      const r = await fhir.request('PUT', `Communication/${encodeURIComponent(message.id)}`, { body: c });
      if (r.status >= 400) throw new FhirError(r.status, `FHIR update Communication: ${r.status}`, r.resource);
    },
    close,
  };
}
