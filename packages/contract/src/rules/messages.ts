/**
 * The shapes of the messaging requests (start a thread, reply, mark seen, save a draft), checked
 * the same way by every server before it looks at its storage. Each check returns the field
 * errors in a fixed order and the values as they are stored (line endings normalised, the title
 * trimmed). What needs storage (does the thread exist, may this person use these attachments, is
 * the recipient allowed) stays with each server.
 */
import { etagOf, matchesEtag } from './etag.js';
import { idPattern } from './patterns.js';
import { readJson } from './json.js';
import { escapePointer, type FieldError, type ProblemSpec } from './problems.js';
import { messageLimits, normaliseText, textProblem } from './text.js';

/**
 * The body as JSON, or the problem every server answers for one it may not read (json.ts: 415
 * for another media type, 400 for too deep, not JSON, or an unpaired surrogate).
 */
export function parseJsonBody(text: string, contentType: string | null | undefined): unknown {
  const r = readJson(text, contentType);
  return 'problem' in r ? r.problem : r.value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNoExtra(body: Record<string, unknown>, allowed: readonly string[], errors: FieldError[]): void {
  for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });
}

/**
 * A text: required, a string, within `max` code points, no forbidden characters; returned with
 * its line endings normalised. `allowEmpty`: blank text passes (a draft).
 */
function checkText(value: unknown, pointer: string, max: number, errors: FieldError[], allowEmpty = false): string {
  if (value === undefined || value === null) errors.push({ pointer, code: 'required' });
  else if (typeof value !== 'string') errors.push({ pointer, code: 'invalid' });
  else {
    const text = normaliseText(value);
    if (allowEmpty && text.trim() === '') return text;
    const p = textProblem(text, max);
    if (p) errors.push({ pointer, code: p });
    return text;
  }
  return '';
}

/** Attachment ids as sent: an array of at most five distinct ids. Whether each is usable is the server's. */
function checkAttachmentIds(value: unknown, errors: FieldError[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push({ pointer: '/attachmentIds', code: 'invalid' });
    return [];
  }
  if (value.length > messageLimits.attachmentsPerMessage) {
    errors.push({ pointer: '/attachmentIds', code: 'too-many' });
    return [];
  }
  const ids: string[] = [];
  value.forEach((id: unknown, i) => {
    if (typeof id === 'string' && idPattern.test(id) && !ids.includes(id)) ids.push(id);
    else errors.push({ pointer: `/attachmentIds/${i}`, code: 'invalid' });
  });
  return ids;
}

export interface Checked<T> {
  errors: FieldError[];
  value: T;
}

const notObject = <T>(value: T): Checked<T> => ({ errors: [{ pointer: '', code: 'invalid' }], value });

/** A new thread as stored (the contract's NewThread, normalised, attachments always a list). */
export interface CheckedNewThread {
  grantedServiceId: string;
  title: string;
  text: string;
  attachmentIds: string[];
}

/** `POST …/threads`. */
export function checkNewThread(body: unknown): Checked<CheckedNewThread> {
  const empty = { grantedServiceId: '', title: '', text: '', attachmentIds: [] };
  if (!isObject(body)) return notObject(empty);
  const errors: FieldError[] = [];
  checkNoExtra(body, ['grantedServiceId', 'title', 'text', 'attachmentIds'], errors);
  const serviceId = body.grantedServiceId;
  if (serviceId === undefined) errors.push({ pointer: '/grantedServiceId', code: 'required' });
  else if (typeof serviceId !== 'string' || !idPattern.test(serviceId)) errors.push({ pointer: '/grantedServiceId', code: 'invalid' });
  const title = checkText(body.title, '/title', messageLimits.titleMaxChars, errors).trim();
  const text = checkText(body.text, '/text', messageLimits.textMaxChars, errors);
  const attachmentIds = checkAttachmentIds(body.attachmentIds, errors);
  return { errors, value: { grantedServiceId: typeof serviceId === 'string' ? serviceId : '', title, text, attachmentIds } };
}

export interface CheckedReply {
  text: string;
  attachmentIds: string[];
}

/** `POST …/threads/{id}/messages`. */
export function checkReply(body: unknown): Checked<CheckedReply> {
  if (!isObject(body)) return notObject({ text: '', attachmentIds: [] });
  const errors: FieldError[] = [];
  checkNoExtra(body, ['text', 'attachmentIds'], errors);
  const text = checkText(body.text, '/text', messageLimits.textMaxChars, errors);
  const attachmentIds = checkAttachmentIds(body.attachmentIds, errors);
  return { errors, value: { text, attachmentIds } };
}

/** `PUT …/threads/{id}/seen`: which message the reader has read up to (the server checks it is in the thread). */
export function checkSeen(body: unknown): Checked<{ upToMessageId: string }> {
  if (!isObject(body)) return notObject({ upToMessageId: '' });
  const errors: FieldError[] = [];
  checkNoExtra(body, ['upToMessageId'], errors);
  const upTo = body.upToMessageId;
  if (upTo === undefined) errors.push({ pointer: '/upToMessageId', code: 'required' });
  else if (typeof upTo !== 'string' || !idPattern.test(upTo)) errors.push({ pointer: '/upToMessageId', code: 'invalid' });
  return { errors, value: { upToMessageId: typeof upTo === 'string' ? upTo : '' } };
}

/** A draft as stored. */
export interface CheckedDraft {
  text: string;
  title: string | null;
  grantedServiceId: string | null;
  attachmentIds: string[];
}

/**
 * `PUT …/drafts/{key}`: a draft may be blank, and may hold more than a message (a long paste is
 * kept while the writer shortens it); it may not hold the characters a message may not.
 */
export function checkDraft(body: unknown): Checked<CheckedDraft> {
  const empty: CheckedDraft = { text: '', title: null, grantedServiceId: null, attachmentIds: [] };
  if (!isObject(body)) return notObject(empty);
  const errors: FieldError[] = [];
  checkNoExtra(body, ['text', 'title', 'grantedServiceId', 'attachmentIds'], errors);
  const text = checkText(body.text, '/text', messageLimits.draftMaxChars, errors, true);
  const title = body.title != null ? checkText(body.title, '/title', messageLimits.titleMaxChars, errors, true) : null;
  const serviceId = body.grantedServiceId;
  if (serviceId != null && (typeof serviceId !== 'string' || !idPattern.test(serviceId))) errors.push({ pointer: '/grantedServiceId', code: 'invalid' });
  const attachmentIds = checkAttachmentIds(body.attachmentIds, errors);
  return {
    errors,
    value: {
      text,
      title: typeof body.title === 'string' ? title : null,
      grantedServiceId: typeof serviceId === 'string' ? serviceId : null,
      attachmentIds,
    },
  };
}

/** How a draft save may proceed: replace the one with this ETag, or create one where none is. */
export interface DraftPreconditions {
  ifMatch: string | null;
}

/**
 * `PUT …/drafts/{key}` preconditions: `If-None-Match: *` creates, `If-Match` replaces (and wins
 * when both are sent); any other If-None-Match is 400, neither is 428.
 */
export function checkDraftPreconditions(ifMatch: string | null | undefined, ifNoneMatch: string | null | undefined): DraftPreconditions | ProblemSpec {
  const match = ifMatch?.trim() || null;
  const noneMatch = ifNoneMatch?.trim() || null;
  if (noneMatch !== null && noneMatch !== '*') return { status: 400, key: 'validation', detail: 'If-None-Match may only be "*" (create).' };
  if (!match && !noneMatch) {
    return { status: 428, key: 'preconditionRequired', detail: "Send If-None-Match: * to create the draft, or If-Match with the draft's ETag to replace it." };
  }
  return { ifMatch: match };
}

/** `DELETE …/drafts/{key}` needs If-Match. */
export function checkDraftDeletion(ifMatch: string | null | undefined): DraftPreconditions | ProblemSpec {
  const match = ifMatch?.trim() || null;
  return match ? { ifMatch: match } : { status: 428, key: 'preconditionRequired', detail: "Send If-Match with the draft's ETag." };
}

/** 412 when the stored draft is not the one the writer saw (another tab or device saved meanwhile); else null. */
export function draftConflict(current: { version: string } | undefined, pre: DraftPreconditions): ProblemSpec | null {
  const fine = pre.ifMatch ? !!current && matchesEtag(pre.ifMatch, etagOf(current)) : !current;
  return fine ? null : { status: 412, key: 'preconditionFailed', detail: 'The draft was changed elsewhere (another tab or device). Fetch it again.' };
}
