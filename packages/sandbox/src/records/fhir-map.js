// @ts-check
/**
 * The mapping between the contract's records and FHIR R4 resources, both ways; docs/fhir-mapping.md
 * is the same table in words. Codes from FHIR R4 and official Norwegian systems where they exist;
 * what FHIR R4 has no element for is an extension under EXT, named here once.
 *
 *   person / subject        Patient (id = the subject id; identifier: the national identity number)
 *   a relative's grant      RelatedPerson (seeded for the record; access itself is the platform's)
 *   care service            HealthcareService (id, name, telecom phone)
 *   appointment             Appointment
 *   granted service (vedtak) ServiceRequest (intent order)
 */
import { cancellationReasons, canonicalCoding, isCancellable, osloIso, parseIdentityNumber, relations } from '@omsorg/contract';

/** @typedef {import('@omsorg/contract').Appointment} Appointment */
/** @typedef {import('@omsorg/contract').GrantedService} GrantedService */
/** @typedef {{ resourceType: string, id?: string, meta?: { versionId?: string, source?: string }, [k: string]: any }} Resource */

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
/** The platform's own person id (the sign-in's `sub`): carried on Patient and RelatedPerson. */
export const PERSON_ID_SYSTEM = 'urn:omsorg:sandbox:person-id';
/** Where every resource the sandbox seeds says it comes from (meta.source). */
export const SOURCE = 'urn:omsorg:sandbox:fixtures';
const V3_ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const V3_PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
/** UCUM, FHIR's system for units of measure: hours and days are its `h` and `d`. */
const UCUM = 'http://unitsofmeasure.org';
/** The project's own extent units: visits and units have no UCUM unit (only annotations, `{visit}`, which carry no meaning). */
const EXTENT_UNIT_SYSTEM = 'urn:omsorg:codesystem:omfang-enhet';
const EXTENT_UCUM = /** @type {Record<string, string>} */ ({ hours: 'h', days: 'd' });
const UCUM_EXTENT = /** @type {Record<string, GrantedService['extent']['unit']>} */ ({ h: 'hours', d: 'days' });

/** The extensions for what FHIR R4 has no element for. */
export const EXT = Object.freeze({
  timing: 'urn:omsorg:fhir:StructureDefinition:appointment-timing',
  policy: 'urn:omsorg:fhir:StructureDefinition:cancellation-policy',
  cancellation: 'urn:omsorg:fhir:StructureDefinition:cancellation',
  atHome: 'urn:omsorg:fhir:StructureDefinition:location-at-home',
  serviceStatus: 'urn:omsorg:fhir:StructureDefinition:granted-service-status',
  series: 'urn:omsorg:fhir:StructureDefinition:appointment-series',
  recordSource: 'urn:omsorg:fhir:StructureDefinition:record-source',
});

/**
 * The contract's `source` (which municipality, which record system) as an extension, or none.
 * @param {{ source?: import('@omsorg/contract').RecordSource | undefined }} x
 */
const sourceExtension = (x) =>
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
function sourceFromFhir(r) {
  const e = ext(r, EXT.recordSource);
  if (!e) return {};
  const v = (/** @type {string} */ name) => String(sub(e, name)?.valueString ?? '');
  return { source: { municipality: { number: v('municipalityNumber'), name: v('municipalityName') }, system: { id: v('systemId'), name: v('systemName') } } };
}

/**
 * The contract's status and FHIR R4 Appointment.status: one to one, except the two states of a
 * cancellation request, which FHIR R4 does not have: the visit stays `booked` and the request's
 * state is in the cancellation extension (`requested`, `rejected`).
 * @param {string} status
 * @returns {{ status: string, request: 'requested' | 'rejected' | null }}
 */
export function statusToFhir(status) {
  if (status === 'cancellation-requested') return { status: 'booked', request: 'requested' };
  if (status === 'cancellation-rejected') return { status: 'booked', request: 'rejected' };
  return { status, request: null };
}

/** @param {string} status @param {string | null | undefined} request */
export function statusFromFhir(status, request) {
  if (status === 'booked' && request === 'requested') return 'cancellation-requested';
  if (status === 'booked' && request === 'rejected') return 'cancellation-rejected';
  return status;
}

/** @param {Resource | undefined} r @param {string} url */
const ext = (r, url) => r?.extension?.find((/** @type {any} */ e) => e.url === url);
/** @param {any} e @param {string} url */
const sub = (e, url) => e?.extension?.find((/** @type {any} */ x) => x.url === url);
/** @param {string} url @param {Record<string, unknown>} value e.g. { valueString: 'x' } */
const part = (url, value) => ({ url, ...value });

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
 * FHIR R4's appointment-cancellation-reason. It says who cancelled (`pat` the patient, `prov` the
 * provider, `other`) and a few finer reasons; of the contract's reasons only death has a code of
 * its own (`pat-dec`). Every reason the contract has is the patient's (or their relative's), so
 * the rest are `pat`. NB: FHIR's `pat-crs` and `pat-cpp` mean "cancelled via an automated reminder
 * system" and "via a patient portal", not the contract's "ill" and "in hospital": never copied.
 */
export const HL7_CANCEL_REASON = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';
/** @type {Readonly<Record<string, string>>} */
export const REASON_TO_HL7 = Object.freeze({ 'pat-crs': 'pat', 'pat-cpp': 'pat', 'pat-fam': 'pat', 'pat-away': 'pat', 'pat-schedule': 'pat', 'pat-dec': 'pat-dec', oth: 'pat' });
/**
 * The official coding first (what a reader that knows only FHIR takes), the contract's finer one
 * second, marked as what the person chose (`userSelected`).
 * @param {{ system: string, code: string }} reason
 */
const reasonCodings = (reason) => {
  const hl7 = reason.system === cancellationReasons.system ? REASON_TO_HL7[reason.code] : undefined;
  return [...(hl7 ? [{ system: HL7_CANCEL_REASON, code: hl7 }] : []), { system: reason.system, code: reason.code, userSelected: true }];
};
/**
 * The contract's reason from a cancelationReason's codings: its own coding wherever it stands
 * (records written before 1.1.0 have it first), else FHIR's `pat-dec` as death and any other FHIR
 * reason as "another reason", else the first coding as it is.
 * @param {any[] | undefined} codings
 * @returns {{ system: string, code: string } | undefined}
 */
export function reasonFromCodings(codings) {
  const own = codings?.find((c) => c?.system === cancellationReasons.system);
  if (own) return { system: own.system, code: own.code };
  const hl7 = codings?.find((c) => c?.system === HL7_CANCEL_REASON);
  if (hl7) return { system: cancellationReasons.system, code: hl7.code === 'pat-dec' ? 'pat-dec' : 'oth' };
  const first = codings?.[0];
  return first ? { system: first.system, code: first.code } : undefined;
}
/**
 * A service type from a record: a coding stored under the project's former identifier (before
 * 1.1.0) comes back under the official one.
 * @param {any} coding
 */
const serviceTypeFrom = (coding) => canonicalCoding({ system: coding?.system, code: coding?.code });

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

/**
 * @param {Appointment} a
 * @returns {Resource}
 */
export function appointmentToFhir(a) {
  const { status, request } = statusToFhir(a.status);
  const c = a.cancellation ?? null;
  const p = a.cancellationPolicy;
  /** @type {any[]} */
  const contained = [];
  /** @type {any[]} */
  const participant = [
    { actor: { reference: `Patient/${a.subjectId}` }, required: 'required', status: 'accepted' },
    { actor: { reference: `HealthcareService/${a.careService.id}`, display: a.careService.name }, required: 'required', status: 'accepted' },
  ];
  if (a.location) {
    contained.push({
      resourceType: 'Location',
      id: 'location',
      name: a.location.name,
      ...(a.location.address ? { address: { text: a.location.address } } : {}),
      ...(a.location.atHome ? { type: [{ coding: [{ system: V3_ROLE, code: 'PTRES' }] }] } : {}),
      ...(a.location.atHome === undefined ? {} : { extension: [{ url: EXT.atHome, valueBoolean: a.location.atHome }] }),
    });
    participant.push({ actor: { reference: '#location' }, required: 'information-only', status: 'accepted' });
  }
  if (a.contact) {
    contained.push({
      resourceType: 'Practitioner',
      id: 'contact',
      name: [{ text: a.contact.name }],
      ...(a.contact.phone ? { telecom: [{ system: 'phone', value: a.contact.phone }] } : {}),
    });
    participant.push({
      type: [{ coding: [{ system: V3_PARTICIPATION, code: 'CALLBCK' }] }],
      actor: { reference: '#contact' },
      required: 'information-only',
      status: 'accepted',
    });
  }
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: { source: SOURCE },
    ...(contained.length ? { contained } : {}),
    extension: [
      { url: EXT.timing, valueCode: a.timing },
      {
        url: EXT.policy,
        extension: [
          part('deadline', { valueDateTime: new Date(p.deadline).toISOString() }),
          part('phone', { valueString: p.phone }),
          part('mode', { valueCode: p.mode }),
          ...(p.consequence ? [part('consequence', { valueString: p.consequence })] : []),
        ],
      },
      ...(c || request ? [cancellationExtension(c, request)] : []),
      ...(a.series ? [seriesExtension(a.series)] : []),
      ...sourceExtension(a),
    ],
    status,
    ...(c ? { cancelationReason: { coding: reasonCodings(c.reason), ...(c.comment ? { text: c.comment } : {}) } } : {}),
    serviceType: [{ coding: [{ system: a.serviceType.system, code: a.serviceType.code }] }],
    ...(a.description ? { description: a.description } : {}),
    start: new Date(a.start).toISOString(),
    end: new Date(a.end).toISOString(),
    ...(a.preparation ? { patientInstruction: a.preparation } : {}),
    participant,
  };
}

/**
 * The series a visit is one occurrence of (FHIR R4 has no recurrence; R5's recurrenceTemplate
 * does not carry an RRULE): its id, the contract's RRULE as text, the first visit's start and end.
 * @param {import('@omsorg/contract').AppointmentSeries} s
 */
function seriesExtension(s) {
  return {
    url: EXT.series,
    extension: [
      part('id', { valueString: s.id }),
      part('rule', { valueString: s.rule }),
      part('start', { valueDateTime: new Date(s.start).toISOString() }),
      part('end', { valueDateTime: new Date(s.end).toISOString() }),
    ],
  };
}

/** The series extension read back, or nothing (a single visit). */
function seriesFromFhir(/** @type {Resource} */ r) {
  const x = ext(r, EXT.series);
  if (!x) return {};
  const start = sub(x, 'start')?.valueDateTime;
  const end = sub(x, 'end')?.valueDateTime;
  return { series: { id: String(sub(x, 'id')?.valueString), rule: String(sub(x, 'rule')?.valueString), start: osloIso(new Date(start)), end: osloIso(new Date(end)) } };
}

/**
 * @param {import('@omsorg/contract').Cancellation | null} c
 * @param {'requested' | 'rejected' | null} request
 */
function cancellationExtension(c, request) {
  return {
    url: EXT.cancellation,
    extension: [
      ...(request ? [part('request', { valueCode: request })] : []),
      ...(c ? [part('requestedAt', { valueDateTime: new Date(c.requestedAt).toISOString() })] : []),
      ...(c?.requestedBy ? [part('requestedBy', { valueReference: { identifier: { system: PERSON_ID_SYSTEM, value: c.requestedBy.id }, display: c.requestedBy.name } })] : []),
      ...(c?.answeredAt ? [part('answeredAt', { valueDateTime: new Date(c.answeredAt).toISOString() })] : []),
      ...(c?.rejectionNote ? [part('rejectionNote', { valueString: c.rejectionNote })] : []),
    ],
  };
}

/**
 * The change a cancellation makes, on the resource as read (its meta and the rest kept).
 * @param {Resource} r
 * @param {import('./index.js').CancelChange} change
 */
export function withCancellation(r, change) {
  const { status, request } = statusToFhir(change.status);
  const c = change.cancellation;
  const cancellation = cancellationExtension({ ...c, rejectionNote: null, answeredAt: c.answeredAt ? osloIso(change.at) : null, requestedAt: osloIso(change.at) }, request);
  return {
    ...r,
    status,
    cancelationReason: { coding: reasonCodings(c.reason), ...(c.comment ? { text: c.comment } : {}) },
    extension: [...(r.extension ?? []).filter((/** @type {any} */ e) => e.url !== EXT.cancellation), cancellation],
  };
}

/**
 * The care service's answer to a cancellation request, on the resource as read: accepted, the
 * Appointment is `cancelled`; turned down, it stays `booked` with the request marked `rejected`
 * and the note the person reads. The reason and comment the person gave stay as they were.
 * @param {Resource} r
 * @param {{ status: 'cancelled' | 'cancellation-rejected', cancellation: import('@omsorg/contract').Cancellation }} answer
 */
export function withAnswer(r, answer) {
  const { status, request } = statusToFhir(answer.status);
  return {
    ...r,
    status,
    extension: [...(r.extension ?? []).filter((/** @type {any} */ e) => e.url !== EXT.cancellation), cancellationExtension(answer.cancellation, request)],
  };
}

/**
 * @param {Resource} r an Appointment
 * @param {Map<string, Resource>} services the HealthcareServices it names (by id)
 * @param {Date} now
 * @returns {Appointment}
 */
export function appointmentFromFhir(r, services, now) {
  const subjectRef = r.participant?.find((/** @type {any} */ p) => p.actor?.reference?.startsWith('Patient/'))?.actor.reference ?? '';
  const serviceRef = r.participant?.find((/** @type {any} */ p) => p.actor?.reference?.startsWith('HealthcareService/'))?.actor ?? {};
  const serviceId = String(serviceRef.reference ?? '').slice('HealthcareService/'.length);
  const hs = services.get(serviceId);
  const contained = (/** @type {string} */ id) => r.contained?.find((/** @type {any} */ x) => x.id === id);
  const loc = contained('location');
  const contact = contained('contact');
  const policy = ext(r, EXT.policy);
  const cx = ext(r, EXT.cancellation);
  const request = sub(cx, 'request')?.valueCode ?? null;
  const status = statusFromFhir(r.status, request);
  const deadline = new Date(sub(policy, 'deadline')?.valueDateTime);
  const requestedAt = sub(cx, 'requestedAt')?.valueDateTime;
  const requestedBy = sub(cx, 'requestedBy')?.valueReference;
  const answeredAt = sub(cx, 'answeredAt')?.valueDateTime;
  const reason = reasonFromCodings(r.cancelationReason?.coding);
  const atHome = loc?.extension?.find((/** @type {any} */ e) => e.url === EXT.atHome)?.valueBoolean;
  return {
    id: String(r.id),
    version: String(r.meta?.versionId),
    subjectId: subjectRef.slice('Patient/'.length),
    status: /** @type {Appointment['status']} */ (status),
    serviceType: serviceTypeFrom(r.serviceType?.[0]?.coding?.[0]),
    start: osloIso(new Date(r.start)),
    end: osloIso(new Date(r.end)),
    timing: ext(r, EXT.timing)?.valueCode,
    description: r.description ?? null,
    careService: { id: serviceId, name: hs?.name ?? serviceRef.display ?? '', phone: hs?.telecom?.find((/** @type {any} */ t) => t.system === 'phone')?.value ?? null },
    location: loc ? { name: loc.name, address: loc.address?.text ?? null, ...(atHome === undefined ? {} : { atHome }) } : null,
    contact: contact ? { name: contact.name?.[0]?.text, phone: contact.telecom?.find((/** @type {any} */ t) => t.system === 'phone')?.value ?? null } : null,
    preparation: r.patientInstruction ?? null,
    cancellationPolicy: {
      cancellable: isCancellable(status, deadline, now),
      deadline: osloIso(deadline),
      phone: sub(policy, 'phone')?.valueString,
      mode: sub(policy, 'mode')?.valueCode,
      consequence: sub(policy, 'consequence')?.valueString ?? null,
    },
    cancellation:
      reason && requestedAt
        ? {
            reason,
            comment: r.cancelationReason?.text ?? null,
            requestedAt: osloIso(new Date(requestedAt)),
            ...(requestedBy ? { requestedBy: { id: requestedBy.identifier?.value, name: requestedBy.display } } : {}),
            answeredAt: answeredAt ? osloIso(new Date(answeredAt)) : null,
            rejectionNote: sub(cx, 'rejectionNote')?.valueString ?? null,
          }
        : null,
    ...seriesFromFhir(r),
    ...sourceFromFhir(r),
  };
}

/** What the rules core decides a cancellation on, from an Appointment resource. */
export function cancelTargetFromFhir(/** @type {Resource} */ r) {
  const policy = ext(r, EXT.policy);
  return {
    version: String(r.meta?.versionId),
    status: statusFromFhir(r.status, sub(ext(r, EXT.cancellation), 'request')?.valueCode),
    deadline: new Date(sub(policy, 'deadline')?.valueDateTime),
    phone: String(sub(policy, 'phone')?.valueString),
    mode: /** @type {'final' | 'request'} */ (sub(policy, 'mode')?.valueCode),
  };
}

/** The thread a message belongs to (Communication.topic). */
export const THREAD_ID_SYSTEM = 'urn:omsorg:sandbox:thread-id';

/**
 * A message a citizen or relative sent: a Communication from the Patient (or the relative, by
 * their person id) to the HealthcareService, about the vedtak (`basedOn`), in a thread (`topic`).
 * @param {import('./index.js').SentMessage} m
 */
export function communicationToFhir(m) {
  return {
    resourceType: 'Communication',
    id: m.id,
    meta: { source: 'urn:omsorg:sandbox:api' },
    identifier: [{ system: 'urn:omsorg:sandbox:message-id', value: m.id }],
    basedOn: [{ reference: `ServiceRequest/${m.grantedServiceId}` }],
    status: 'completed',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }] }],
    subject: { reference: `Patient/${m.subjectId}` },
    topic: { coding: [{ system: THREAD_ID_SYSTEM, code: m.threadId }], text: m.title },
    sent: toSecondIso(m.sentAt),
    sender:
      m.sender.role === 'citizen'
        ? { reference: `Patient/${m.subjectId}`, display: m.sender.name }
        : { identifier: { system: PERSON_ID_SYSTEM, value: m.sender.personId }, display: m.sender.name },
    recipient: [{ reference: `HealthcareService/${m.careServiceId}` }],
    payload: [{ contentString: m.text }],
    ...(m.attachments ? { note: [{ text: `${m.attachments} vedlegg i omsorg-plattformen` }] } : {}),
  };
}
const toSecondIso = (/** @type {Date} */ d) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

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
