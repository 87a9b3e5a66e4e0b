// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
// One guard per component schema of openapi.yaml (see src/guard.ts), named after it: Appointment → appointmentGuard.
// Each is a separate export, so a bundle keeps only the guards it uses.
import { type Guard, all, arr, bool, nullable, num, obj, oneOf, str } from '../guard.js';
import { appointmentStatusValues, appointmentTimingValues, attachmentContentTypeValues, cancellationPolicyModeValues, extentPerValues, extentUnitValues, grantedServiceStatusValues, problemErrorsCodeValues, problemTypeValues, senderRoleValues, subjectScopesValues, threadStatusValues } from './enums.js';

/** components.schemas.Id */
export const idGuard: Guard = /*#__PURE__*/ str({ pattern: /^[A-Za-z0-9_-]{1,64}$/u });

/** components.schemas.SubjectRef */
export const subjectRefGuard: Guard = /*#__PURE__*/ str({ pattern: /^(me|[A-Za-z0-9_-]{1,64})$/u });

/** components.schemas.Version */
export const versionGuard: Guard = /*#__PURE__*/ str({ pattern: /^[\x21\x23-\x7e]{1,64}$/u });

/** components.schemas.Coding */
export const codingGuard: Guard = /*#__PURE__*/ obj({ system: /*#__PURE__*/ str({ max: 200 }), code: /*#__PURE__*/ str({ max: 64 }) }, ['system', 'code']);

/** components.schemas.Person */
export const personGuard: Guard = /*#__PURE__*/ obj({ id: idGuard, name: /*#__PURE__*/ str({ max: 200 }) }, ['id', 'name']);

/** components.schemas.Subject */
export const subjectGuard: Guard = /*#__PURE__*/ obj(
  {
    id: subjectRefGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    relation: codingGuard,
    scopes: /*#__PURE__*/ arr(/*#__PURE__*/ oneOf(subjectScopesValues)),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
  },
  ['id', 'name', 'relation', 'scopes'],
);

/** components.schemas.Me */
export const meGuard: Guard = /*#__PURE__*/ obj(
  {
    person: personGuard,
    subjects: /*#__PURE__*/ arr(subjectGuard),
    sessionExpiresAt: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['person', 'subjects'],
);

/** components.schemas.AppointmentStatus */
export const appointmentStatusGuard: Guard = /*#__PURE__*/ oneOf(appointmentStatusValues);

/** components.schemas.CareService */
export const careServiceGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })),
  },
  ['id', 'name'],
);

/** components.schemas.Location */
export const locationGuard: Guard = /*#__PURE__*/ obj(
  {
    name: /*#__PURE__*/ str({ max: 200 }),
    address: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 300 })),
    atHome: bool,
  },
  ['name'],
);

/** components.schemas.Contact */
export const contactGuard: Guard = /*#__PURE__*/ obj({ name: /*#__PURE__*/ str({ max: 200 }), phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })) }, ['name']);

/** components.schemas.CancellationPolicy */
export const cancellationPolicyGuard: Guard = /*#__PURE__*/ obj(
  {
    cancellable: bool,
    deadline: /*#__PURE__*/ str({ format: 'date-time' }),
    phone: /*#__PURE__*/ str({ max: 30 }),
    mode: /*#__PURE__*/ oneOf(cancellationPolicyModeValues),
    consequence: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['cancellable', 'deadline', 'phone', 'mode'],
);

/** components.schemas.Cancellation */
export const cancellationGuard: Guard = /*#__PURE__*/ obj(
  {
    reason: codingGuard,
    comment: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    requestedAt: /*#__PURE__*/ str({ format: 'date-time' }),
    requestedBy: personGuard,
    answeredAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date-time' })),
    rejectionNote: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['reason', 'requestedAt'],
);

/** components.schemas.Appointment */
export const appointmentGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    version: versionGuard,
    subjectId: idGuard,
    status: appointmentStatusGuard,
    serviceType: codingGuard,
    start: /*#__PURE__*/ str({ format: 'date-time' }),
    end: /*#__PURE__*/ str({ format: 'date-time' }),
    timing: /*#__PURE__*/ oneOf(appointmentTimingValues),
    description: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    careService: careServiceGuard,
    location: /*#__PURE__*/ nullable(locationGuard),
    contact: /*#__PURE__*/ nullable(contactGuard),
    preparation: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 1000 })),
    cancellationPolicy: cancellationPolicyGuard,
    cancellation: /*#__PURE__*/ nullable(cancellationGuard),
  },
  ['id', 'version', 'subjectId', 'status', 'serviceType', 'start', 'end', 'timing', 'careService', 'cancellationPolicy'],
);

/** components.schemas.CancellationRequest */
export const cancellationRequestGuard: Guard = /*#__PURE__*/ obj({ reason: codingGuard, comment: /*#__PURE__*/ str({ max: 500 }) }, ['reason']);

/** components.schemas.AppointmentPage */
export const appointmentPageGuard: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(appointmentGuard),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str()),
  },
  ['items', 'nextCursor'],
);

/** components.schemas.Extent */
export const extentGuard: Guard = /*#__PURE__*/ obj(
  {
    amount: /*#__PURE__*/ num({ min: 0 }),
    unit: /*#__PURE__*/ oneOf(extentUnitValues),
    per: /*#__PURE__*/ oneOf(extentPerValues),
  },
  ['amount', 'unit', 'per'],
);

/** components.schemas.GrantedService */
export const grantedServiceGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    serviceType: codingGuard,
    status: /*#__PURE__*/ oneOf(grantedServiceStatusValues),
    extent: extentGuard,
    validFrom: /*#__PURE__*/ str({ format: 'date' }),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    decidedAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    careService: careServiceGuard,
    note: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['id', 'serviceType', 'extent', 'validFrom', 'status', 'careService'],
);

/** components.schemas.ServiceList */
export const serviceListGuard: Guard = /*#__PURE__*/ obj({ items: /*#__PURE__*/ arr(grantedServiceGuard) }, ['items']);

/** components.schemas.ReplyPolicy */
export const replyPolicyGuard: Guard = /*#__PURE__*/ obj(
  {
    expectedReplyWorkingDays: /*#__PURE__*/ num({ integer: true, min: 1, max: 30 }),
    notice: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['expectedReplyWorkingDays'],
);

/** components.schemas.Recipient */
export const recipientGuard: Guard = /*#__PURE__*/ obj(
  {
    grantedServiceId: idGuard,
    serviceType: codingGuard,
    careService: careServiceGuard,
    replyPolicy: replyPolicyGuard,
  },
  ['grantedServiceId', 'serviceType', 'careService', 'replyPolicy'],
);

/** components.schemas.RecipientList */
export const recipientListGuard: Guard = /*#__PURE__*/ obj({ items: /*#__PURE__*/ arr(recipientGuard) }, ['items']);

/** components.schemas.SenderRole */
export const senderRoleGuard: Guard = /*#__PURE__*/ oneOf(senderRoleValues);

/** components.schemas.Sender */
export const senderGuard: Guard = /*#__PURE__*/ obj(
  {
    role: senderRoleGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    onBehalfOf: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 200 })),
    isCurrentUser: bool,
  },
  ['role', 'name', 'isCurrentUser'],
);

/** components.schemas.Attachment */
export const attachmentGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    filename: /*#__PURE__*/ str({ max: 255 }),
    contentType: /*#__PURE__*/ oneOf(attachmentContentTypeValues),
    size: /*#__PURE__*/ num({ integer: true, min: 1, max: 5242880 }),
  },
  ['id', 'filename', 'contentType', 'size'],
);

/** components.schemas.Message */
export const messageGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    threadId: idGuard,
    sentAt: /*#__PURE__*/ str({ format: 'date-time' }),
    sender: senderGuard,
    text: /*#__PURE__*/ str({ max: 4000 }),
    attachments: /*#__PURE__*/ arr(attachmentGuard, 5),
    unread: bool,
  },
  ['id', 'threadId', 'sentAt', 'sender', 'text', 'attachments', 'unread'],
);

/** components.schemas.SeenBy */
export const seenByGuard: Guard = /*#__PURE__*/ obj(
  {
    role: senderRoleGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    seenAt: /*#__PURE__*/ str({ format: 'date-time' }),
    isCurrentUser: bool,
  },
  ['role', 'name', 'seenAt', 'isCurrentUser'],
);

/** components.schemas.MessageExcerpt */
export const messageExcerptGuard: Guard = /*#__PURE__*/ obj(
  {
    sender: senderGuard,
    sentAt: /*#__PURE__*/ str({ format: 'date-time' }),
    excerpt: /*#__PURE__*/ str({ max: 200 }),
  },
  ['sender', 'sentAt', 'excerpt'],
);

/** components.schemas.Thread */
export const threadGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    version: versionGuard,
    subjectId: idGuard,
    title: /*#__PURE__*/ str({ min: 1, max: 120 }),
    status: /*#__PURE__*/ oneOf(threadStatusValues),
    grantedServiceId: idGuard,
    serviceType: codingGuard,
    careService: careServiceGuard,
    replyPolicy: replyPolicyGuard,
    startedBy: senderRoleGuard,
    createdAt: /*#__PURE__*/ str({ format: 'date-time' }),
    lastActivityAt: /*#__PURE__*/ str({ format: 'date-time' }),
    messageCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    lastMessage: /*#__PURE__*/ nullable(messageExcerptGuard),
    seenSinceLastUpdate: /*#__PURE__*/ arr(seenByGuard),
  },
  ['id', 'version', 'subjectId', 'title', 'status', 'grantedServiceId', 'serviceType', 'careService', 'replyPolicy', 'createdAt', 'lastActivityAt', 'messageCount', 'unreadCount', 'lastMessage', 'seenSinceLastUpdate'],
);

/** components.schemas.ThreadDetail */
export const threadDetailGuard: Guard = /*#__PURE__*/ all(threadGuard, /*#__PURE__*/ obj({ messages: /*#__PURE__*/ arr(messageGuard) }, ['messages']));

/** components.schemas.ThreadPage */
export const threadPageGuard: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(threadGuard),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str()),
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
  },
  ['items', 'nextCursor', 'unreadCount'],
);

/** components.schemas.NewThread */
export const newThreadGuard: Guard = /*#__PURE__*/ obj(
  {
    grantedServiceId: idGuard,
    title: /*#__PURE__*/ str({ min: 1, max: 120 }),
    text: /*#__PURE__*/ str({ min: 1, max: 4000 }),
    attachmentIds: /*#__PURE__*/ arr(idGuard, 5),
  },
  ['grantedServiceId', 'title', 'text'],
);

/** components.schemas.NewMessage */
export const newMessageGuard: Guard = /*#__PURE__*/ obj(
  {
    text: /*#__PURE__*/ str({ min: 1, max: 4000 }),
    attachmentIds: /*#__PURE__*/ arr(idGuard, 5),
  },
  ['text'],
);

/** components.schemas.SeenRequest */
export const seenRequestGuard: Guard = /*#__PURE__*/ obj({ upToMessageId: idGuard }, ['upToMessageId']);

/** components.schemas.SeenState */
export const seenStateGuard: Guard = /*#__PURE__*/ obj(
  {
    threadId: idGuard,
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    totalUnreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
  },
  ['threadId', 'unreadCount', 'totalUnreadCount'],
);

/** components.schemas.DraftInput */
export const draftInputGuard: Guard = /*#__PURE__*/ obj(
  {
    text: /*#__PURE__*/ str({ max: 20000 }),
    title: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 120 })),
    grantedServiceId: /*#__PURE__*/ nullable(idGuard),
    attachmentIds: /*#__PURE__*/ arr(idGuard, 5),
  },
  ['text'],
);

/** components.schemas.Draft */
export const draftGuard: Guard = /*#__PURE__*/ obj(
  {
    key: idGuard,
    version: versionGuard,
    text: /*#__PURE__*/ str({ max: 20000 }),
    title: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 120 })),
    grantedServiceId: /*#__PURE__*/ nullable(idGuard),
    attachments: /*#__PURE__*/ arr(attachmentGuard),
    updatedAt: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['key', 'version', 'text', 'attachments', 'updatedAt'],
);

/** components.schemas.ProblemType */
export const problemTypeGuard: Guard = /*#__PURE__*/ oneOf(problemTypeValues);

/** components.schemas.Problem */
export const problemGuard: Guard = /*#__PURE__*/ obj(
  {
    type: problemTypeGuard,
    title: /*#__PURE__*/ str(),
    status: /*#__PURE__*/ num({ integer: true, min: 400, max: 599 }),
    detail: /*#__PURE__*/ str(),
    instance: /*#__PURE__*/ str(),
    errors: /*#__PURE__*/ arr(/*#__PURE__*/ obj(
    {
      pointer: /*#__PURE__*/ str(),
      code: /*#__PURE__*/ oneOf(problemErrorsCodeValues),
      parameter: /*#__PURE__*/ str(),
    },
    ['pointer', 'code'],
  )),
  },
  ['type', 'title', 'status'],
);
