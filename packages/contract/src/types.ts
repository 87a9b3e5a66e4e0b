/** Friendly names for the schemas generated from openapi.yaml. */
import type { components } from './generated/api.js';

type S = components['schemas'];
export type Coding = S['Coding'];
export type Me = S['Me'];
export type Person = S['Person'];
export type Subject = S['Subject'];
export type AppointmentStatus = S['AppointmentStatus'];
export type Appointment = S['Appointment'];
export type AppointmentSeries = S['AppointmentSeries'];
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
export type RecordSource = S['RecordSource'];
export type ProblemType = S['ProblemType'];
export type ReplyPolicy = S['ReplyPolicy'];
export type Recipient = S['Recipient'];
export type RecipientList = S['RecipientList'];
export type SenderRole = S['SenderRole'];
export type Sender = S['Sender'];
export type Attachment = S['Attachment'];
export type Message = S['Message'];
export type SeenBy = S['SeenBy'];
export type MessageExcerpt = S['MessageExcerpt'];
export type Thread = S['Thread'];
export type ThreadDetail = S['ThreadDetail'];
export type ThreadPage = S['ThreadPage'];
export type NewThread = S['NewThread'];
export type NewMessage = S['NewMessage'];
export type SeenRequest = S['SeenRequest'];
export type SeenState = S['SeenState'];
export type DraftInput = S['DraftInput'];
export type Draft = S['Draft'];
export type ConsentDecision = S['ConsentDecision'];
export type DialogueConsent = S['DialogueConsent'];
export type DialogueConsentChange = S['DialogueConsentChange'];
export type AccessLogKind = S['AccessLogKind'];
export type AccessLogAgent = S['AccessLogAgent'];
export type AccessLogEntry = S['AccessLogEntry'];
export type AccessLogPage = S['AccessLogPage'];
export type ManagementFigures = S['ManagementFigures'];
export type FiguresRow = S['FiguresRow'];
export type RelativeAccess = S['RelativeAccess'];
export type RelativeAccessList = S['RelativeAccessList'];
export type RelativeAccessRequest = S['RelativeAccessRequest'];
export type PersonLookup = S['PersonLookup'];
export type PersonLookupResult = S['PersonLookupResult'];
export type NoticeLanguage = S['NoticeLanguage'];
export type NoticeContact = S['NoticeContact'];
export type NoticePreview = S['NoticePreview'];
export type NoticePreferences = S['NoticePreferences'];
export type NoticePreferencesChange = S['NoticePreferencesChange'];
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
  threadClosed: 'urn:omsorg:problem:thread-closed',
  recipientNotAllowed: 'urn:omsorg:problem:recipient-not-allowed',
  attachmentType: 'urn:omsorg:problem:attachment-type',
  attachmentTooLarge: 'urn:omsorg:problem:attachment-too-large',
  rateLimited: 'urn:omsorg:problem:rate-limited',
  serverError: 'urn:omsorg:problem:server-error',
  unavailable: 'urn:omsorg:problem:unavailable',
  insufficientScope: 'urn:omsorg:problem:insufficient-scope',
  sessionExpired: 'urn:omsorg:problem:session-expired',
  unsupportedMediaType: 'urn:omsorg:problem:unsupported-media-type',
  requestInProgress: 'urn:omsorg:problem:request-in-progress',
  misdirectedRequest: 'urn:omsorg:problem:misdirected-request',
  consentRequired: 'urn:omsorg:problem:consent-required',
  consentTextOutdated: 'urn:omsorg:problem:consent-text-outdated',
  stepUpRequired: 'urn:omsorg:problem:step-up-required',
  giverTooYoung: 'urn:omsorg:problem:giver-too-young',
  relativeTooYoung: 'urn:omsorg:problem:relative-too-young',
  noticeChannelUnavailable: 'urn:omsorg:problem:notice-channel-unavailable',
} as const satisfies Record<string, ProblemType>;

/** Statuses in which the citizen may still cancel (the server decides; this is for display). */
export const cancellableStatuses: readonly AppointmentStatus[] = ['proposed', 'pending', 'booked', 'cancellation-rejected'];
