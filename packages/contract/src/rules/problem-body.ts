/**
 * The problem+json body of a refusal: its type URN and its title. Apart from problems.ts so that
 * a browser bundle holds the titles only where it builds a body itself: the SDK's notices, in
 * its messaging part (the CDN's chunking puts this module there), not the client every page
 * loads. The servers use it for every refusal.
 */
import { problemTypes, type Problem } from '../types.js';
import type { ProblemSpec } from './problems.js';

/** Problem titles (English, for developers; users see translated text from the elements). */
export const problemTitles = {
  unauthorized: 'Not signed in',
  insufficientAssurance: 'Higher assurance level required',
  forbidden: 'Not allowed',
  notFound: 'Not found',
  validation: 'The request is not valid',
  idempotencyKeyMissing: 'Idempotency-Key required',
  idempotencyKeyReused: 'Idempotency-Key used for another request',
  preconditionRequired: 'If-Match required',
  preconditionFailed: 'The resource has changed',
  deadlinePassed: 'The cancellation deadline has passed',
  notCancellable: 'The appointment cannot be cancelled',
  threadClosed: 'The thread is closed',
  recipientNotAllowed: 'The subject does not receive this service',
  attachmentType: 'The attachment type is not allowed',
  attachmentTooLarge: 'The attachment is too large',
  rateLimited: 'Too many requests',
  serverError: 'Server error',
  unavailable: 'Service unavailable',
  insufficientScope: "The access token lacks this API's scope",
  sessionExpired: 'The sign-in is too old: sign in again',
  unsupportedMediaType: 'Send the body as application/json',
  requestInProgress: 'The first request with this Idempotency-Key is still running',
  misdirectedRequest: 'This server does not serve that host',
  consentRequired: 'Messages need consent to digital dialogue',
  consentTextOutdated: 'The consent text has changed: read it again',
  stepUpRequired: 'Sign in again to do this',
  giverTooYoung: 'Too young to give access',
  relativeTooYoung: 'The relative is too young to be given access',
  noticeChannelUnavailable: 'The contact register has no way to send by this channel',
} as const satisfies Record<keyof typeof problemTypes, string>;

/** The problem+json body for a spec. */
export function problemBody(spec: Pick<ProblemSpec, 'status' | 'key' | 'detail' | 'errors' | 'maxAge'>): Problem {
  return {
    type: problemTypes[spec.key],
    title: problemTitles[spec.key],
    status: spec.status,
    detail: spec.detail,
    ...(spec.errors ? { errors: spec.errors } : {}),
    ...(spec.maxAge !== undefined ? { maxAge: spec.maxAge } : {}),
  };
}
