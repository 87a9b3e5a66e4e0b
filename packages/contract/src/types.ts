/** Friendly names for the schemas generated from openapi.yaml. */
import type { components } from './generated/api.js';

type S = components['schemas'];
export type Coding = S['Coding'];
export type Me = S['Me'];
export type Person = S['Person'];
export type Subject = S['Subject'];
export type AppointmentStatus = S['AppointmentStatus'];
export type Appointment = S['Appointment'];
export type CareService = S['CareService'];
export type Location = S['Location'];
export type Contact = S['Contact'];
export type CancellationPolicy = S['CancellationPolicy'];
export type Cancellation = S['Cancellation'];
export type CancellationRequest = S['CancellationRequest'];
export type AppointmentPage = S['AppointmentPage'];
export type GrantedService = S['GrantedService'];
export type Extent = S['Extent'];
export type ServiceList = S['ServiceList'];
export type ProblemType = S['ProblemType'];
export type Problem = S['Problem'];

/** Problem type URNs as constants, so code never spells them by hand. */
export const problemTypes = {
  unauthorized: 'urn:omsorg:problem:unauthorized',
  insufficientAssurance: 'urn:omsorg:problem:insufficient-assurance',
  forbidden: 'urn:omsorg:problem:forbidden',
  notFound: 'urn:omsorg:problem:not-found',
  validation: 'urn:omsorg:problem:validation',
  idempotencyKeyMissing: 'urn:omsorg:problem:idempotency-key-missing',
  idempotencyKeyReused: 'urn:omsorg:problem:idempotency-key-reused',
  preconditionRequired: 'urn:omsorg:problem:precondition-required',
  preconditionFailed: 'urn:omsorg:problem:precondition-failed',
  deadlinePassed: 'urn:omsorg:problem:deadline-passed',
  notCancellable: 'urn:omsorg:problem:not-cancellable',
  rateLimited: 'urn:omsorg:problem:rate-limited',
  serverError: 'urn:omsorg:problem:server-error',
  unavailable: 'urn:omsorg:problem:unavailable',
} as const satisfies Record<string, ProblemType>;

/** Statuses in which the citizen may still cancel (the server decides; this is for display). */
export const cancellableStatuses: readonly AppointmentStatus[] = ['proposed', 'pending', 'booked', 'cancellation-rejected'];
