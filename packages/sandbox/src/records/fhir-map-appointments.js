// @ts-check
/**
 * Appointments in FHIR R4 (part of fhir-map.js, which re-exports it): Appointment both ways, the
 * statuses of a cancellation request, the cancellation and series extensions, the cancellation
 * reasons beside FHIR's, and the changes a cancellation and its answer make to a record.
 */
import { cancellationReasons, isCancellable, osloIso } from '@omsorg/contract';
import { EXT, PERSON_ID_SYSTEM, SOURCE, V3_PARTICIPATION, V3_ROLE, ext, part, serviceTypeFrom, sourceExtension, sourceFromFhir, sub } from './fhir-map-shared.js';

/** @typedef {import('@omsorg/contract').Appointment} Appointment */
/** @typedef {import('./fhir-map-shared.js').Resource} Resource */

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
