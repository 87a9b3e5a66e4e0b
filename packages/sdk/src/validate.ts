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
  meGuard,
  serviceListGuard,
  type Appointment,
  type AppointmentPage,
  type Guard,
  type Me,
  type ServiceList,
} from '@omsorg/contract';
import { OmsorgError } from './errors.js';

/** A validator returns its input typed, or throws OmsorgError `invalid-response`. */
export type Validator<T> = (body: unknown) => T;
/** A validator from a contract guard (the messaging part's are in validate-messages.ts). */
export const as =
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
