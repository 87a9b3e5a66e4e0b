/**
 * @omsorg/mocks: msw handlers, fixtures and scenarios that follow the omsorg contract.
 * Safe in Node and the browser; the service-worker helper lives in `@omsorg/mocks/browser`.
 */
export { createHandlers, createMockApi, type CreateHandlersOptions, type MockApi } from './handlers.js';
export { heldTimers, realWait, type HeldTimers, type MockWait } from './timers.js';
export {
  scenarios,
  scenarioNames,
  isScenarioName,
  scenarioBehaviour,
  SLOW_DELAY_MS,
  SEND_FAILS,
  LARGE_INBOX,
  LARGE_THREAD,
  type ScenarioName,
  type ScenarioInfo,
  type ScenarioBehaviour,
} from './scenarios.js';
export {
  createFixtures,
  persons,
  personKeys,
  subjectIds,
  appointmentIds,
  type Fixtures,
  type PersonKey,
  type SubjectFixture,
} from '@omsorg/fixtures';
export { createDb, type CreateDbOptions, type MockDb, type SubjectRecord, type IdempotencyRecord } from './db.js';
export { mockAuthorization, isPersonKey, MOCK_TOKEN_PREFIX } from './auth.js';
export { MOCK_MANAGEMENT_TOKEN, mockManagementAuthorization, mockFigures } from './figures.js';
export { hostileText, longText } from './hostile.js';
export {
  buildInbox,
  buildLongThread,
  threadIds,
  fixtureAttachmentIds,
  replyPolicies,
  tinyPdf,
  tinyPng,
  tinyJpeg,
  type ThreadFixture,
  type MessageFixture,
  type ReadFixture,
  type AttachmentFixture,
  type Party,
  type LargeOptions,
} from '@omsorg/fixtures';
export {
  presentThread,
  presentThreadDetail,
  presentMessage,
  unreadCount,
  type ThreadRecord,
  type DraftRecord,
  type StaffMessageOptions,
} from './messages.js';
export { AUTO_REPLY_TEXT } from './messages-handlers.js';
export { queueNotices, queueVisitReminders } from './notices.js';
export type { QueuedNotice } from './records.js';
export { pdfRefusal } from '@omsorg/contract';
export { validateCancellationRequest, etagOf } from '@omsorg/contract';
export { osloIso, osloDate, osloDateTime, osloOffset, osloOffsetMinutes, addMinutes } from '@omsorg/contract';
