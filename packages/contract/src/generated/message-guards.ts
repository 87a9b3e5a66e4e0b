// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
// The guards of the schemas only the messaging part's operations use (tags `messages`, `consent`, `relatives`), beside guards.ts, so a
// bundle without messaging needs no module that holds them. Same form as guards.ts.
import { type Guard, all, arr, bool, nullable, num, obj, oneOf, str } from '../guard.js';
import { attachmentContentTypeValues, consentDecisionStatusValues, dialogueConsentChangeStatusValues, dialogueConsentStatusValues, noticeChannelValues, noticeEventValues, noticeLanguageValues, relativeAccessBasisValues, relativeAccessRequestScopesValues, relativeAccessScopesValues, relativeAccessStatusValues, senderRoleValues, threadStatusValues } from './enums.js';
import { careServiceGuard, codingGuard, idGuard, personGuard, recordSourceGuard, versionGuard } from './guards.js';

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
    source: recordSourceGuard,
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
    source: recordSourceGuard,
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

/** components.schemas.ConsentDecision */
export const consentDecisionGuard: Guard = /*#__PURE__*/ obj(
  {
    status: /*#__PURE__*/ oneOf(consentDecisionStatusValues),
    textVersion: /*#__PURE__*/ str({ max: 40 }),
    decidedAt: /*#__PURE__*/ str({ format: 'date-time' }),
    decidedBy: personGuard,
  },
  ['status', 'textVersion', 'decidedAt', 'decidedBy'],
);

/** components.schemas.DialogueConsent */
export const dialogueConsentGuard: Guard = /*#__PURE__*/ obj(
  {
    status: /*#__PURE__*/ oneOf(dialogueConsentStatusValues),
    textVersion: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 40 })),
    currentTextVersion: /*#__PURE__*/ str({ max: 40 }),
    history: /*#__PURE__*/ arr(consentDecisionGuard, 200),
    version: versionGuard,
  },
  ['status', 'textVersion', 'currentTextVersion', 'history', 'version'],
);

/** components.schemas.DialogueConsentChange */
export const dialogueConsentChangeGuard: Guard = /*#__PURE__*/ obj(
  {
    status: /*#__PURE__*/ oneOf(dialogueConsentChangeStatusValues),
    textVersion: /*#__PURE__*/ str({ min: 1, max: 40 }),
  },
  ['status', 'textVersion'],
);

/** components.schemas.RelativeAccess */
export const relativeAccessGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    basis: /*#__PURE__*/ oneOf(relativeAccessBasisValues),
    status: /*#__PURE__*/ oneOf(relativeAccessStatusValues),
    subjectId: idGuard,
    subject: personGuard,
    relative: personGuard,
    relationship: codingGuard,
    scopes: /*#__PURE__*/ arr(/*#__PURE__*/ oneOf(relativeAccessScopesValues)),
    period: /*#__PURE__*/ obj(
    {
      start: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
      end: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    },
    ['start', 'end'],
  ),
    grantedAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date-time' })),
    revokedAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date-time' })),
  },
  ['id', 'basis', 'status', 'subjectId', 'subject', 'relative', 'relationship', 'scopes', 'period', 'grantedAt', 'revokedAt'],
);

/** components.schemas.RelativeAccessList */
export const relativeAccessListGuard: Guard = /*#__PURE__*/ obj(
  {
    relatives: /*#__PURE__*/ arr(relativeAccessGuard, 200),
    actingFor: /*#__PURE__*/ arr(relativeAccessGuard, 200),
  },
  ['relatives', 'actingFor'],
);

/** components.schemas.RelativeAccessRequest */
export const relativeAccessRequestGuard: Guard = /*#__PURE__*/ obj(
  {
    nationalIdentityNumber: /*#__PURE__*/ str({ pattern: /^[0-9]{11}$/u }),
    scopes: /*#__PURE__*/ arr(/*#__PURE__*/ oneOf(relativeAccessRequestScopesValues)),
    period: /*#__PURE__*/ obj(
    {
      start: /*#__PURE__*/ str({ format: 'date' }),
      end: /*#__PURE__*/ str({ format: 'date' }),
    },
    ['start', 'end'],
  ),
  },
  ['nationalIdentityNumber', 'scopes', 'period'],
);

/** components.schemas.PersonLookup */
export const personLookupGuard: Guard = /*#__PURE__*/ obj(
  {
    nationalIdentityNumber: /*#__PURE__*/ str({ pattern: /^[0-9]{11}$/u }),
  },
  ['nationalIdentityNumber'],
);

/** components.schemas.PersonLookupResult */
export const personLookupResultGuard: Guard = /*#__PURE__*/ obj({ name: /*#__PURE__*/ str({ max: 200 }) }, ['name']);

/** components.schemas.NoticeChannel */
export const noticeChannelGuard: Guard = /*#__PURE__*/ oneOf(noticeChannelValues);

/** components.schemas.NoticeEvent */
export const noticeEventGuard: Guard = /*#__PURE__*/ oneOf(noticeEventValues);

/** components.schemas.NoticeLanguage */
export const noticeLanguageGuard: Guard = /*#__PURE__*/ oneOf(noticeLanguageValues);

/** components.schemas.NoticeContact */
export const noticeContactGuard: Guard = /*#__PURE__*/ obj(
  {
    phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 40 })),
    email: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 120 })),
    reserved: bool,
  },
  ['phone', 'email', 'reserved'],
);

/** components.schemas.NoticePreview */
export const noticePreviewGuard: Guard = /*#__PURE__*/ obj(
  {
    event: noticeEventGuard,
    subject: /*#__PURE__*/ str({ max: 200 }),
    text: /*#__PURE__*/ str({ max: 500 }),
  },
  ['event', 'subject', 'text'],
);

/** components.schemas.NoticePreferences */
export const noticePreferencesGuard: Guard = /*#__PURE__*/ obj(
  {
    channels: /*#__PURE__*/ arr(noticeChannelGuard, 2),
    events: /*#__PURE__*/ arr(noticeEventGuard, 4),
    language: noticeLanguageGuard,
    contact: noticeContactGuard,
    previews: /*#__PURE__*/ arr(noticePreviewGuard, 4),
    version: versionGuard,
  },
  ['channels', 'events', 'language', 'contact', 'previews', 'version'],
);

/** components.schemas.NoticePreferencesChange */
export const noticePreferencesChangeGuard: Guard = /*#__PURE__*/ obj(
  {
    channels: /*#__PURE__*/ arr(noticeChannelGuard, 2),
    events: /*#__PURE__*/ arr(noticeEventGuard, 4),
    language: noticeLanguageGuard,
  },
  ['channels', 'events', 'language'],
);
