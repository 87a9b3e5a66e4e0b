/**
 * The messaging part's response checks (validate.ts explains them), apart from the core's so that
 * they, and the contract's guards of the message schemas, travel with the messaging part: a page
 * without messages never loads them (createLazyClient).
 */
import {
  attachmentGuard,
  dialogueConsentGuard,
  draftGuard,
  messageGuard,
  noticePreferencesGuard,
  personLookupResultGuard,
  recipientListGuard,
  relativeAccessGuard,
  relativeAccessListGuard,
  seenStateGuard,
  threadDetailGuard,
  threadPageGuard,
  type Attachment,
  type DialogueConsent,
  type Draft,
  type Message,
  type NoticePreferences,
  type PersonLookupResult,
  type RecipientList,
  type RelativeAccess,
  type RelativeAccessList,
  type SeenState,
  type ThreadDetail,
  type ThreadPage,
} from '@omsorg/contract';
import { as, withEtag } from './validate.js';

export const asRecipientList = as<RecipientList>(recipientListGuard);
export const asThreadPage = as<ThreadPage>(threadPageGuard);
export const asThreadDetail = as<ThreadDetail>(threadDetailGuard);
export const asMessage = as<Message>(messageGuard);
export const asSeenState = as<SeenState>(seenStateGuard);
export const asDraft = as<Draft>(draftGuard);
export const asAttachment = as<Attachment>(attachmentGuard);
export const asDialogueConsent = withEtag(as<DialogueConsent>(dialogueConsentGuard));
export const asRelativeAccessList = as<RelativeAccessList>(relativeAccessListGuard);
export const asRelativeAccess = as<RelativeAccess>(relativeAccessGuard);
export const asPersonLookupResult = as<PersonLookupResult>(personLookupResultGuard);
export const asNoticePreferences = withEtag(as<NoticePreferences>(noticePreferencesGuard));
