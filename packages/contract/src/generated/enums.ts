// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */

// Every enum of openapi.yaml's component schemas, in the contract's order.

/** components.schemas.Subject.scopes[] */
export const subjectScopesValues = ['appointments.read', 'appointments.cancel', 'services.read', 'messages'] as const;

/** components.schemas.AppointmentStatus */
export const appointmentStatusValues = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
  'cancellation-requested',
  'cancellation-rejected',
] as const;

/** components.schemas.Appointment.timing */
export const appointmentTimingValues = ['exact', 'window'] as const;

/** components.schemas.CancellationPolicy.mode */
export const cancellationPolicyModeValues = ['final', 'request'] as const;

/** components.schemas.GrantedService.status */
export const grantedServiceStatusValues = ['active', 'planned', 'ended'] as const;

/** components.schemas.Extent.unit */
export const extentUnitValues = ['visits', 'hours', 'days', 'units'] as const;

/** components.schemas.Extent.per */
export const extentPerValues = ['day', 'week', 'month', 'year'] as const;

/** components.schemas.SenderRole */
export const senderRoleValues = ['citizen', 'relative', 'staff'] as const;

/** components.schemas.Attachment.contentType */
export const attachmentContentTypeValues = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** components.schemas.Thread.status */
export const threadStatusValues = ['open', 'closed'] as const;

/** components.schemas.ConsentDecision.status */
export const consentDecisionStatusValues = ['active', 'inactive'] as const;

/** components.schemas.DialogueConsent.status */
export const dialogueConsentStatusValues = ['none', 'active', 'inactive'] as const;

/** components.schemas.DialogueConsentChange.status */
export const dialogueConsentChangeStatusValues = ['active', 'inactive'] as const;

/** components.schemas.AccessLogKind */
export const accessLogKindValues = [
  'appointments',
  'services',
  'messages',
  'dialogue-consent',
  'identity',
  'access-log',
  'relatives-access',
  'notice-preferences',
] as const;

/** components.schemas.AccessLogAgent.role */
export const accessLogAgentRoleValues = ['self', 'relative', 'staff'] as const;

/** components.schemas.AccessLogEntry.action */
export const accessLogEntryActionValues = ['read', 'create', 'update', 'delete', 'cancel', 'close', 'revoke'] as const;

/** components.schemas.RelativeAccess.basis */
export const relativeAccessBasisValues = ['consent', 'parent'] as const;

/** components.schemas.RelativeAccess.status */
export const relativeAccessStatusValues = ['active', 'inactive'] as const;

/** components.schemas.RelativeAccess.scopes[] */
export const relativeAccessScopesValues = [
  'appointments.read',
  'appointments.cancel',
  'services.read',
  'messages',
] as const;

/** components.schemas.RelativeAccessRequest.scopes[] */
export const relativeAccessRequestScopesValues = [
  'appointments.read',
  'appointments.cancel',
  'services.read',
  'messages',
] as const;

/** components.schemas.NoticeChannel */
export const noticeChannelValues = ['sms', 'email'] as const;

/** components.schemas.NoticeEvent */
export const noticeEventValues = [
  'message-new',
  'appointment-changed',
  'cancellation-answered',
  'visit-reminder',
] as const;

/** components.schemas.NoticeLanguage */
export const noticeLanguageValues = ['nb', 'nn', 'en'] as const;

/** components.schemas.ProblemType */
export const problemTypeValues = [
  'urn:omsorg:problem:unauthorized',
  'urn:omsorg:problem:insufficient-assurance',
  'urn:omsorg:problem:forbidden',
  'urn:omsorg:problem:not-found',
  'urn:omsorg:problem:validation',
  'urn:omsorg:problem:idempotency-key-missing',
  'urn:omsorg:problem:idempotency-key-reused',
  'urn:omsorg:problem:precondition-required',
  'urn:omsorg:problem:precondition-failed',
  'urn:omsorg:problem:deadline-passed',
  'urn:omsorg:problem:not-cancellable',
  'urn:omsorg:problem:thread-closed',
  'urn:omsorg:problem:recipient-not-allowed',
  'urn:omsorg:problem:attachment-type',
  'urn:omsorg:problem:attachment-too-large',
  'urn:omsorg:problem:rate-limited',
  'urn:omsorg:problem:server-error',
  'urn:omsorg:problem:unavailable',
  'urn:omsorg:problem:insufficient-scope',
  'urn:omsorg:problem:session-expired',
  'urn:omsorg:problem:unsupported-media-type',
  'urn:omsorg:problem:request-in-progress',
  'urn:omsorg:problem:misdirected-request',
  'urn:omsorg:problem:consent-required',
  'urn:omsorg:problem:consent-text-outdated',
  'urn:omsorg:problem:step-up-required',
  'urn:omsorg:problem:giver-too-young',
  'urn:omsorg:problem:relative-too-young',
  'urn:omsorg:problem:notice-channel-unavailable',
] as const;

/** components.schemas.Problem.errors[].code */
export const problemErrorsCodeValues = [
  'required',
  'too-long',
  'too-many',
  'unknown-code',
  'invalid',
  'invalid-character',
  'too-deep',
  'unknown-parameter',
  'in-past',
  'self',
] as const;
