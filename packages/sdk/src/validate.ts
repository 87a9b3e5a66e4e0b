/**
 * Hand-written runtime checks that 2xx bodies match the contract, so a broken or hostile
 * server yields one `invalid-response` error instead of a crash deep in an element.
 * Deliberately tiny (no schema library): required fields, types, enums, date formats.
 * Optional fields also accept null; unknown extra fields pass (forward compatible).
 */
import {
  attachmentTypes,
  type Appointment,
  type AppointmentPage,
  type Attachment,
  type Draft,
  type Me,
  type Message,
  type RecipientList,
  type SeenState,
  type ServiceList,
  type ThreadDetail,
  type ThreadPage,
} from '@omsorg/contract';
import { OmsorgError } from './errors.js';

type Check = (v: unknown, at: string) => void;

const fail = (at: string): never => {
  throw new OmsorgError('invalid-response', `Response does not match the contract at ${at || 'the body'}`, { detail: at });
};
const test = (re: RegExp): Check => (v, at) => {
  if (typeof v !== 'string' || !re.test(v)) fail(at);
};
const str: Check = (v, at) => {
  if (typeof v !== 'string') fail(at);
};
const id = test(/^[A-Za-z0-9_-]{1,64}$/);
// The version goes into an ETag, so it must be valid etagc characters.
const version = test(/^[\x21\x23-\x7e]{1,64}$/);
const parses = (re: RegExp): Check => (v, at) => {
  test(re)(v, at);
  if (Number.isNaN(Date.parse(v as string))) fail(at);
};
const dateTime = parses(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i);
const date = parses(/^\d{4}-\d\d-\d\d$/);
const bool: Check = (v, at) => {
  if (typeof v !== 'boolean') fail(at);
};
const amount: Check = (v, at) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(at);
};
const count: Check = (v, at) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(at);
};
const oneOf = (...values: string[]): Check => (v, at) => {
  if (!values.includes(v as string)) fail(at);
};
/** Optional and nullable. */
const opt = (c: Check): Check => (v, at) => {
  if (v != null) c(v, at);
};
const nullable = (c: Check): Check => (v, at) => {
  if (v !== null) c(v, at);
};
const arr = (c: Check): Check => (v, at) => {
  if (!Array.isArray(v)) fail(at);
  (v as unknown[]).forEach((x, i) => c(x, `${at}[${i}]`));
};
const obj = (shape: Record<string, Check>): Check => (v, at) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(at);
  for (const [k, c] of Object.entries(shape)) c((v as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
};

const coding = obj({ system: str, code: str });
const person = obj({ id, name: str });
const careService = obj({ id, name: str, phone: opt(str) });

const me = obj({
  person,
  subjects: arr(obj({ id, name: str, relation: coding, scopes: arr(str), validTo: opt(date) })),
  sessionExpiresAt: opt(dateTime),
});

const appointment = obj({
  id,
  version,
  subjectId: id,
  status: oneOf(
    'proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error',
    'checked-in', 'waitlist', 'cancellation-requested', 'cancellation-rejected',
  ),
  serviceType: coding,
  start: dateTime,
  end: dateTime,
  timing: oneOf('exact', 'window'),
  description: opt(str),
  careService,
  location: opt(obj({ name: str, address: opt(str), atHome: opt(bool) })),
  contact: opt(obj({ name: str, phone: opt(str) })),
  preparation: opt(str),
  cancellationPolicy: obj({ cancellable: bool, deadline: dateTime, phone: str, mode: oneOf('final', 'request'), consequence: opt(str) }),
  cancellation: opt(
    obj({ reason: coding, comment: opt(str), requestedAt: dateTime, requestedBy: opt(person), answeredAt: opt(dateTime), rejectionNote: opt(str) }),
  ),
});

const page = obj({ items: arr(appointment), nextCursor: nullable(str) });

const services = obj({
  items: arr(
    obj({
      id,
      serviceType: coding,
      status: oneOf('active', 'planned', 'ended'),
      extent: obj({ amount, unit: oneOf('visits', 'hours', 'days', 'units'), per: oneOf('day', 'week', 'month', 'year') }),
      validFrom: date,
      validTo: opt(date),
      decidedAt: opt(date),
      careService,
      note: opt(str),
    }),
  ),
});

// Messages
const role = oneOf('citizen', 'relative', 'staff');
const sender = obj({ role, name: str, onBehalfOf: opt(str), isCurrentUser: bool });
const attachment = obj({ id, filename: str, contentType: oneOf(...attachmentTypes), size: count });
const replyPolicy = obj({ expectedReplyWorkingDays: count, notice: opt(str) });
const message = obj({ id, threadId: id, sentAt: dateTime, sender, text: str, attachments: arr(attachment), unread: bool });
const threadShape = {
  id,
  version,
  subjectId: id,
  title: str,
  status: oneOf('open', 'closed'),
  grantedServiceId: id,
  serviceType: coding,
  careService,
  replyPolicy,
  startedBy: opt(role),
  createdAt: dateTime,
  lastActivityAt: dateTime,
  messageCount: count,
  unreadCount: count,
  lastMessage: nullable(obj({ sender, sentAt: dateTime, excerpt: str })),
  seenSinceLastUpdate: arr(obj({ role, name: str, seenAt: dateTime, isCurrentUser: bool })),
};
const thread = obj(threadShape);
const threadDetail = obj({ ...threadShape, messages: arr(message) });
const threadPage = obj({ items: arr(thread), nextCursor: nullable(str), unreadCount: count });
const recipients = obj({ items: arr(obj({ grantedServiceId: id, serviceType: coding, careService, replyPolicy })) });
const seenState = obj({ threadId: id, unreadCount: count, totalUnreadCount: count });
const draft = obj({
  key: id,
  version,
  text: str,
  title: opt(str),
  grantedServiceId: opt(id),
  attachments: arr(attachment),
  updatedAt: dateTime,
});

/** A validator returns its input typed, or throws OmsorgError `invalid-response`. */
export type Validator<T> = (body: unknown) => T;
const as = <T>(c: Check): Validator<T> => (body) => (c(body, ''), body as T);

export const asMe = as<Me>(me);
export const asAppointment = as<Appointment>(appointment);
export const asAppointmentPage = as<AppointmentPage>(page);
export const asServiceList = as<ServiceList>(services);
export const asRecipientList = as<RecipientList>(recipients);
export const asThreadPage = as<ThreadPage>(threadPage);
export const asThreadDetail = as<ThreadDetail>(threadDetail);
export const asMessage = as<Message>(message);
export const asSeenState = as<SeenState>(seenState);
export const asDraft = as<Draft>(draft);
export const asAttachment = as<Attachment>(attachment);

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
