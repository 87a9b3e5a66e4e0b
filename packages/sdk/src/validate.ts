/**
 * Runtime checks that 2xx bodies match the contract, so a broken or hostile server yields one
 * `invalid-response` error instead of a crash deep in an element. The checks are generated from
 * openapi.yaml (`guards` in @omsorg/contract: required fields, types, enums, limits, patterns,
 * date formats), so no field, enum value or limit is typed here; a test holds them to the schema.
 * Optional fields also accept null; unknown extra fields pass (forward compatible).
 */
import {
  guards,
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

export const asMe = as<Me>(guards.Me);
export const asAppointment = as<Appointment>(guards.Appointment);
export const asAppointmentPage = as<AppointmentPage>(guards.AppointmentPage);
export const asServiceList = as<ServiceList>(guards.ServiceList);
export const asRecipientList = as<RecipientList>(guards.RecipientList);
export const asThreadPage = as<ThreadPage>(guards.ThreadPage);
export const asThreadDetail = as<ThreadDetail>(guards.ThreadDetail);
export const asMessage = as<Message>(guards.Message);
export const asSeenState = as<SeenState>(guards.SeenState);
export const asDraft = as<Draft>(guards.Draft);
export const asAttachment = as<Attachment>(guards.Attachment);

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
