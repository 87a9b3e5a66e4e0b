// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
// One guard per component schema of openapi.yaml (see src/guard.ts). Import them as `guards`.
import { type Guard, all, arr, bool, nullable, num, obj, oneOf, str } from '../guard.js';
import { appointmentStatusValues, appointmentTimingValues, attachmentContentTypeValues, cancellationPolicyModeValues, extentPerValues, extentUnitValues, grantedServiceStatusValues, problemErrorsCodeValues, problemTypeValues, senderRoleValues, subjectScopesValues, threadStatusValues } from './enums.js';

/** components.schemas.Id */
export const Id: Guard = /*#__PURE__*/ str({ pattern: /^[A-Za-z0-9_-]{1,64}$/u });

/** components.schemas.SubjectRef */
export const SubjectRef: Guard = /*#__PURE__*/ str({ pattern: /^(me|[A-Za-z0-9_-]{1,64})$/u });

/** components.schemas.Version */
export const Version: Guard = /*#__PURE__*/ str({ pattern: /^[\x21\x23-\x7e]{1,64}$/u });

/** components.schemas.Coding */
export const Coding: Guard = /*#__PURE__*/ obj({ system: /*#__PURE__*/ str({ max: 200 }), code: /*#__PURE__*/ str({ max: 64 }) }, ['system', 'code']);

/** components.schemas.Person */
export const Person: Guard = /*#__PURE__*/ obj({ id: Id, name: /*#__PURE__*/ str({ max: 200 }) }, ['id', 'name']);

/** components.schemas.Subject */
export const Subject: Guard = /*#__PURE__*/ obj(
  {
    id: SubjectRef,
    name: /*#__PURE__*/ str({ max: 200 }),
    relation: Coding,
    scopes: /*#__PURE__*/ arr(/*#__PURE__*/ oneOf(subjectScopesValues)),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
  },
  ['id', 'name', 'relation', 'scopes'],
);

/** components.schemas.Me */
export const Me: Guard = /*#__PURE__*/ obj(
  {
    person: Person,
    subjects: /*#__PURE__*/ arr(Subject),
    sessionExpiresAt: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['person', 'subjects'],
);

/** components.schemas.AppointmentStatus */
export const AppointmentStatus: Guard = /*#__PURE__*/ oneOf(appointmentStatusValues);

/** components.schemas.CareService */
export const CareService: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    name: /*#__PURE__*/ str({ max: 200 }),
    phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })),
  },
  ['id', 'name'],
);

/** components.schemas.Location */
export const Location: Guard = /*#__PURE__*/ obj(
  {
    name: /*#__PURE__*/ str({ max: 200 }),
    address: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 300 })),
    atHome: bool,
  },
  ['name'],
);

/** components.schemas.Contact */
export const Contact: Guard = /*#__PURE__*/ obj({ name: /*#__PURE__*/ str({ max: 200 }), phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })) }, ['name']);

/** components.schemas.CancellationPolicy */
export const CancellationPolicy: Guard = /*#__PURE__*/ obj(
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
export const Cancellation: Guard = /*#__PURE__*/ obj(
  {
    reason: Coding,
    comment: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    requestedAt: /*#__PURE__*/ str({ format: 'date-time' }),
    requestedBy: Person,
    answeredAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date-time' })),
    rejectionNote: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['reason', 'requestedAt'],
);

/** components.schemas.Appointment */
export const Appointment: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    version: Version,
    subjectId: Id,
    status: AppointmentStatus,
    serviceType: Coding,
    start: /*#__PURE__*/ str({ format: 'date-time' }),
    end: /*#__PURE__*/ str({ format: 'date-time' }),
    timing: /*#__PURE__*/ oneOf(appointmentTimingValues),
    description: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    careService: CareService,
    location: /*#__PURE__*/ nullable(Location),
    contact: /*#__PURE__*/ nullable(Contact),
    preparation: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 1000 })),
    cancellationPolicy: CancellationPolicy,
    cancellation: /*#__PURE__*/ nullable(Cancellation),
  },
  ['id', 'version', 'subjectId', 'status', 'serviceType', 'start', 'end', 'timing', 'careService', 'cancellationPolicy'],
);

/** components.schemas.CancellationRequest */
export const CancellationRequest: Guard = /*#__PURE__*/ obj({ reason: Coding, comment: /*#__PURE__*/ str({ max: 500 }) }, ['reason']);

/** components.schemas.AppointmentPage */
export const AppointmentPage: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(Appointment),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str()),
  },
  ['items', 'nextCursor'],
);

/** components.schemas.Extent */
export const Extent: Guard = /*#__PURE__*/ obj(
  {
    amount: /*#__PURE__*/ num({ min: 0 }),
    unit: /*#__PURE__*/ oneOf(extentUnitValues),
    per: /*#__PURE__*/ oneOf(extentPerValues),
  },
  ['amount', 'unit', 'per'],
);

/** components.schemas.GrantedService */
export const GrantedService: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    serviceType: Coding,
    status: /*#__PURE__*/ oneOf(grantedServiceStatusValues),
    extent: Extent,
    validFrom: /*#__PURE__*/ str({ format: 'date' }),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    decidedAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    careService: CareService,
    note: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['id', 'serviceType', 'extent', 'validFrom', 'status', 'careService'],
);

/** components.schemas.ServiceList */
export const ServiceList: Guard = /*#__PURE__*/ obj({ items: /*#__PURE__*/ arr(GrantedService) }, ['items']);

/** components.schemas.ReplyPolicy */
export const ReplyPolicy: Guard = /*#__PURE__*/ obj(
  {
    expectedReplyWorkingDays: /*#__PURE__*/ num({ integer: true, min: 1, max: 30 }),
    notice: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['expectedReplyWorkingDays'],
);

/** components.schemas.Recipient */
export const Recipient: Guard = /*#__PURE__*/ obj(
  {
    grantedServiceId: Id,
    serviceType: Coding,
    careService: CareService,
    replyPolicy: ReplyPolicy,
  },
  ['grantedServiceId', 'serviceType', 'careService', 'replyPolicy'],
);

/** components.schemas.RecipientList */
export const RecipientList: Guard = /*#__PURE__*/ obj({ items: /*#__PURE__*/ arr(Recipient) }, ['items']);

/** components.schemas.SenderRole */
export const SenderRole: Guard = /*#__PURE__*/ oneOf(senderRoleValues);

/** components.schemas.Sender */
export const Sender: Guard = /*#__PURE__*/ obj(
  {
    role: SenderRole,
    name: /*#__PURE__*/ str({ max: 200 }),
    onBehalfOf: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 200 })),
    isCurrentUser: bool,
  },
  ['role', 'name', 'isCurrentUser'],
);

/** components.schemas.Attachment */
export const Attachment: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    filename: /*#__PURE__*/ str({ max: 255 }),
    contentType: /*#__PURE__*/ oneOf(attachmentContentTypeValues),
    size: /*#__PURE__*/ num({ integer: true, min: 1, max: 5242880 }),
  },
  ['id', 'filename', 'contentType', 'size'],
);

/** components.schemas.Message */
export const Message: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    threadId: Id,
    sentAt: /*#__PURE__*/ str({ format: 'date-time' }),
    sender: Sender,
    text: /*#__PURE__*/ str({ max: 4000 }),
    attachments: /*#__PURE__*/ arr(Attachment, 5),
    unread: bool,
  },
  ['id', 'threadId', 'sentAt', 'sender', 'text', 'attachments', 'unread'],
);

/** components.schemas.SeenBy */
export const SeenBy: Guard = /*#__PURE__*/ obj(
  {
    role: SenderRole,
    name: /*#__PURE__*/ str({ max: 200 }),
    seenAt: /*#__PURE__*/ str({ format: 'date-time' }),
    isCurrentUser: bool,
  },
  ['role', 'name', 'seenAt', 'isCurrentUser'],
);

/** components.schemas.MessageExcerpt */
export const MessageExcerpt: Guard = /*#__PURE__*/ obj(
  {
    sender: Sender,
    sentAt: /*#__PURE__*/ str({ format: 'date-time' }),
    excerpt: /*#__PURE__*/ str({ max: 200 }),
  },
  ['sender', 'sentAt', 'excerpt'],
);

/** components.schemas.Thread */
export const Thread: Guard = /*#__PURE__*/ obj(
  {
    id: Id,
    version: Version,
    subjectId: Id,
    title: /*#__PURE__*/ str({ min: 1, max: 120 }),
    status: /*#__PURE__*/ oneOf(threadStatusValues),
    grantedServiceId: Id,
    serviceType: Coding,
    careService: CareService,
    replyPolicy: ReplyPolicy,
    startedBy: SenderRole,
    createdAt: /*#__PURE__*/ str({ format: 'date-time' }),
    lastActivityAt: /*#__PURE__*/ str({ format: 'date-time' }),
    messageCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    lastMessage: /*#__PURE__*/ nullable(MessageExcerpt),
    seenSinceLastUpdate: /*#__PURE__*/ arr(SeenBy),
  },
  ['id', 'version', 'subjectId', 'title', 'status', 'grantedServiceId', 'serviceType', 'careService', 'replyPolicy', 'createdAt', 'lastActivityAt', 'messageCount', 'unreadCount', 'lastMessage', 'seenSinceLastUpdate'],
);

/** components.schemas.ThreadDetail */
export const ThreadDetail: Guard = /*#__PURE__*/ all(Thread, /*#__PURE__*/ obj({ messages: /*#__PURE__*/ arr(Message) }, ['messages']));

/** components.schemas.ThreadPage */
export const ThreadPage: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(Thread),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str()),
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
  },
  ['items', 'nextCursor', 'unreadCount'],
);

/** components.schemas.NewThread */
export const NewThread: Guard = /*#__PURE__*/ obj(
  {
    grantedServiceId: Id,
    title: /*#__PURE__*/ str({ min: 1, max: 120 }),
    text: /*#__PURE__*/ str({ min: 1, max: 4000 }),
    attachmentIds: /*#__PURE__*/ arr(Id, 5),
  },
  ['grantedServiceId', 'title', 'text'],
);

/** components.schemas.NewMessage */
export const NewMessage: Guard = /*#__PURE__*/ obj({ text: /*#__PURE__*/ str({ min: 1, max: 4000 }), attachmentIds: /*#__PURE__*/ arr(Id, 5) }, ['text']);

/** components.schemas.SeenRequest */
export const SeenRequest: Guard = /*#__PURE__*/ obj({ upToMessageId: Id }, ['upToMessageId']);

/** components.schemas.SeenState */
export const SeenState: Guard = /*#__PURE__*/ obj(
  {
    threadId: Id,
    unreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
    totalUnreadCount: /*#__PURE__*/ num({ integer: true, min: 0 }),
  },
  ['threadId', 'unreadCount', 'totalUnreadCount'],
);

/** components.schemas.DraftInput */
export const DraftInput: Guard = /*#__PURE__*/ obj(
  {
    text: /*#__PURE__*/ str({ max: 20000 }),
    title: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 120 })),
    grantedServiceId: /*#__PURE__*/ nullable(Id),
    attachmentIds: /*#__PURE__*/ arr(Id, 5),
  },
  ['text'],
);

/** components.schemas.Draft */
export const Draft: Guard = /*#__PURE__*/ obj(
  {
    key: Id,
    version: Version,
    text: /*#__PURE__*/ str({ max: 20000 }),
    title: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 120 })),
    grantedServiceId: /*#__PURE__*/ nullable(Id),
    attachments: /*#__PURE__*/ arr(Attachment),
    updatedAt: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['key', 'version', 'text', 'attachments', 'updatedAt'],
);

/** components.schemas.ProblemType */
export const ProblemType: Guard = /*#__PURE__*/ oneOf(problemTypeValues);

/** components.schemas.Problem */
export const Problem: Guard = /*#__PURE__*/ obj(
  {
    type: ProblemType,
    title: /*#__PURE__*/ str(),
    status: /*#__PURE__*/ num({ integer: true, min: 400, max: 599 }),
    detail: /*#__PURE__*/ str(),
    instance: /*#__PURE__*/ str(),
    errors: /*#__PURE__*/ arr(/*#__PURE__*/ obj(
    {
      pointer: /*#__PURE__*/ str(),
      code: /*#__PURE__*/ oneOf(problemErrorsCodeValues),
    },
    ['pointer', 'code'],
  )),
  },
  ['type', 'title', 'status'],
);
