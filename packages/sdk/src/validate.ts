/**
 * Runtime checks that 2xx bodies match the contract, so a broken or hostile server yields one
 * `invalid-response` error instead of a crash deep in an element. The checks are generated from
 * openapi.yaml (the `…Guard`s of @omsorg/contract: required fields, types, enums, limits, patterns,
 * date formats), so no field, enum value or limit is typed here; a test holds them to the schema.
 * Optional fields also accept null; unknown extra fields pass (forward compatible).
 */
import {
  appointmentGuard,
  appointmentPageGuard,
  attachmentGuard,
  draftGuard,
  meGuard,
  messageGuard,
  recipientListGuard,
  seenStateGuard,
  serviceListGuard,
  threadDetailGuard,
  threadPageGuard,
  type Appointment,
  type AppointmentPage,
  type Attachment,
  type Draft,
  type Guard,
  type Me,
  type Message,
  type RecipientList,
  type SeenState,
  type ServiceList,
  type ThreadDetail,
  type ThreadPage,
} from '@omsorg/contract';
import { OmsorgError } from './errors.js';

/** A validator returns its input typed, or throws OmsorgError `invalid-response`. */
export type Validator<T> = (body: unknown) => T;
const as =
  <T>(guard: Guard): Validator<T> =>
  (body) => {
    const at = guard(body, '');
    if (at !== undefined) throw new OmsorgError('invalid-response', `Response does not match the contract at ${at || 'the body'}`, { detail: at });
    return body as T;
  };

export const asMe = as<Me>(meGuard);
export const asAppointment = as<Appointment>(appointmentGuard);
export const asAppointmentPage = as<AppointmentPage>(appointmentPageGuard);
export const asServiceList = as<ServiceList>(serviceListGuard);
export const asRecipientList = as<RecipientList>(recipientListGuard);
export const asThreadPage = as<ThreadPage>(threadPageGuard);
export const asThreadDetail = as<ThreadDetail>(threadDetailGuard);
export const asMessage = as<Message>(messageGuard);
export const asSeenState = as<SeenState>(seenStateGuard);
export const asDraft = as<Draft>(draftGuard);
export const asAttachment = as<Attachment>(attachmentGuard);

/**
 * Adds the contract's ETag rule: a strong ETag is `"<version>"`. A mismatch would make every
 * If-Match a 412. A weak ETag (from a compressing proxy) is ignored.
 */
export const withEtag =
  <T extends { version: string }>(validator: Validator<T>) =>
  (body: unknown, res: Response): T => {
    const value = validator(body);
    const tag = res.headers.get('etag');
    if (tag && !tag.startsWith('W/') && tag !== `"${value.version}"`) {
      throw new OmsorgError('invalid-response', 'ETag does not match the version', { status: res.status, detail: 'etag' });
    }
    return value;
  };
