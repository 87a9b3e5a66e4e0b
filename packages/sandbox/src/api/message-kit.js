// @ts-check
/**
 * What every `messages` operation shares: JSON answers, the Idempotency-Key claim and the stored
 * first answer, the JSON body, the attachments a sender may use, and the per-request kit
 * (access and logging, the schema backstop, the thread lookup).
 */
import { createHash } from 'node:crypto';
import { checkIdempotencyKey, isJsonMediaType, messageLimits, notJsonMediaType, readJson, threadNotFound, unusableAttachments } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { lockKey } from './in-flight.js';
import { fieldErrors } from './contract.js';
import { isId } from '../data/store.js';
import { usableAttachments } from '../data/attachments.js';
import { findThreadRow, newId } from '../data/messages.js';

/** @typedef {import('./problems.js').FieldError} FieldError */
/** @typedef {import('../http/reply.js').Reply} Reply */
/** @typedef {import('../data/store.js').SubjectAccess} SubjectAccess */

/** The upload route's own limit. */
export const MAX_UPLOAD_BYTES = messageLimits.attachmentMaxBytes;
/**
 * JSON limits where the contract's texts do not fit the API's 16 KB: 4,000 characters of up to
 * 4 bytes plus a title; a draft of 20,000 (escaped in JSON, up to 6 bytes each).
 */
export const MAX_MESSAGE_JSON_BYTES = 32 * 1024;
export const MAX_DRAFT_JSON_BYTES = 128 * 1024;

/** The messaging operations (routed here by index.js). */
/**
 * @param {unknown} body
 * @param {number} [status]
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export const json = (body, status = 200, headers = {}) => ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body });

/** @param {string} detail @param {FieldError[]} [errors] */
export const invalid = (detail, errors) => new ProblemError(400, 'validation', detail, errors && errors.length ? { errors } : {});

/** @param {string | undefined} v */
export const checkKey = (v) => orThrow(checkIdempotencyKey(v));

/**
 * The JSON body as the rules core reads it (415 for another Content-Type, 400 for too deep, not
 * JSON, or an unpaired surrogate), or a 400 for a body over the limit.
 * @param {{ text: string, tooLarge: boolean }} body
 * @param {string | undefined} contentType
 * @returns {any} checked by the operation's rules next
 */
export function parseJson(body, contentType) {
  if (body.tooLarge) {
    if (!isJsonMediaType(contentType)) throw ProblemError.from(notJsonMediaType);
    throw invalid('The body is too large.', [{ pointer: '', code: 'too-long' }]);
  }
  const read = readJson(body.text, contentType);
  if ('problem' in read) throw ProblemError.from(read.problem);
  return read.value;
}

/**
 * Attachment ids that the sender may use: uploaded by them for this subject, not yet sent.
 * @param {import('../db/index.js').Queryable} q
 * @param {string} subjectId
 * @param {import('../data/messages.js').Reader} reader
 * @param {string[]} ids
 */
export async function checkUsable(q, subjectId, reader, ids) {
  const usable = new Set((await usableAttachments(q, subjectId, reader, ids)).map((a) => a.id));
  const refused = unusableAttachments(ids, (id) => usable.has(id));
  if (refused) throw ProblemError.from(refused);
}

/**
 * Claims an Idempotency-Key inside the transaction (run it under `whileInFlight`: a duplicate
 * while the first runs is a 409, in-flight.js); returns the stored first answer for a replay.
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} personId
 * @param {string} key
 * @param {string} requestHash
 * @returns {Promise<{ status: number, body: unknown, etag?: string } | undefined>}
 */
export async function claimKey(tx, personId, key, requestHash) {
  await lockKey(tx, personId, key);
  const claim = await tx.query(
    `INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, key) DO NOTHING RETURNING key`,
    [personId, key, requestHash],
  );
  if (claim.rows.length > 0) return undefined;
  const { rows } = await tx.query('SELECT request_hash, status, response FROM idempotency_records WHERE person_id = $1 AND key = $2', [personId, key]);
  const earlier = rows[0];
  if (earlier && earlier.request_hash === requestHash && earlier.response) {
    return { status: earlier.status, body: earlier.response.body, ...(earlier.response.etag ? { etag: earlier.response.etag } : {}) };
  }
  throw new ProblemError(422, 'idempotencyKeyReused', 'This Idempotency-Key was used for a different request.');
}

/**
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} personId
 * @param {string} key
 * @param {{ status: number, body: unknown, etag?: string }} answer
 */
export const rememberAnswer = (tx, personId, key, answer) =>
  tx.query('UPDATE idempotency_records SET status = $3, response = $4::json WHERE person_id = $1 AND key = $2', [
    personId,
    key,
    answer.status,
    JSON.stringify({ ...(answer.etag ? { etag: answer.etag } : {}), body: answer.body }),
  ]);

/** @param {string} s */
export const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/**
 * The id of what a keyed write creates (`msg`, `thr`), from the person, the Idempotency-Key and
 * the request's hash. A retry of a send whose record-system write (a FHIR Communication, PUT by
 * the message's id) went through but whose database transaction failed makes the same ids, so the
 * record gets the same resource again, not a second one. An id already taken (the key was used
 * before and has been forgotten since) gives way to a random one.
 * @param {import('../db/index.js').Queryable} tx
 * @param {'msg' | 'thr'} prefix
 * @param {string} personId @param {string} key @param {string} requestHash
 */
export async function keyedId(tx, prefix, personId, key, requestHash) {
  const id = `${prefix}-${createHash('sha256').update(`${prefix}\n${personId}\n${key}\n${requestHash}`).digest('base64url').slice(0, 12)}`;
  const { rows } = await tx.query(prefix === 'msg' ? 'SELECT 1 FROM messages WHERE id = $1' : 'SELECT 1 FROM threads WHERE id = $1', [id]);
  return rows.length ? newId(prefix) : id;
}

/**
 * @typedef {object} MessageContext
 * @property {import('../db/index.js').Database} db
 * @property {import('./contract.js').Contract} contract
 * @property {import('node:http').IncomingMessage} req
 * @property {URL} url
 * @property {string} path
 * @property {string} method
 * @property {Record<string, string>} params
 * @property {{ id: string, name: string }} person
 * @property {Date} at
 * @property {string} today
 * @property {(scope: 'messages' | 'appointments.read' | null, what: any) => Promise<SubjectAccess>} access
 * @property {(e: any, q?: import('../db/index.js').Queryable) => Promise<void>} log
 * @property {(max?: number) => Promise<{ text: string, tooLarge: boolean }>} body the JSON body (default: the API's 16 KB limit)
 * @property {(name: string) => string | undefined} header
 * @property {() => void} closeConnection ask for the connection to close after the answer
 * @property {import('../notices/notifier.js').Notifier} notices the contact register, the notice queue and its gateway
 * @property {import('../records/index.js').RecordSystem} records the record system, told of every message a person sends
 */

/**
 * The per-request helpers of one operation.
 * @param {string} operationId
 * @param {MessageContext} c
 */
export function operationKit(operationId, c) {
  /** @type {import('../data/messages.js').Reader} */
  const reader = { kind: 'person', id: c.person.id };

  /**
   * Runs `fn` after access; logs a refusal (or a 404 for an object) before rethrowing.
   * @param {any} what
   * @param {(subject: SubjectAccess) => Promise<Reply>} fn
   */
  const guarded = async (what, fn) => {
    const subject = await c.access('messages', what);
    try {
      return await fn(subject);
    } catch (err) {
      if (err instanceof ProblemError) await c.log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
      throw err;
    }
  };
  /** @param {SubjectAccess} subject @param {any} what @param {number} status @param {import('../db/index.js').Queryable} [q] */
  const ok = (subject, what, status, q, replayed = false) => c.log({ ...what, subjectId: subject.id, outcome: replayed ? 'replayed' : 'ok', status }, q);
  /** A backstop after our own checks: the contract's schema. @param {unknown} body */
  const schemaErrors = (body) =>
    fieldErrors(c.contract.validateRequest(operationId, { method: c.method, path: c.path, headers: c.req.headers, query: c.url.search.slice(1), body }));
  /** @param {SubjectAccess} subject */
  const roleOf = (subject) => (subject.relation.code === 'self' ? /** @type {const} */ ('citizen') : /** @type {const} */ ('relative'));
  /** @param {string} id */
  const threadOrNotFound = async (/** @type {import('../db/index.js').Queryable} */ q, /** @type {string} */ subjectId, id, forUpdate = false) => {
    const row = isId(id) ? await findThreadRow(q, subjectId, id, { forUpdate }) : undefined;
    if (!row) throw ProblemError.from(threadNotFound);
    return row;
  };

  return { reader, guarded, ok, schemaErrors, roleOf, threadOrNotFound };
}
