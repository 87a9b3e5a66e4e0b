// @ts-check
/**
 * The API's small HTTP pieces, apart from its routing (index.js): the body limit and reader, the
 * headers on every answer, and the JSON and problem+json replies.
 */

import { digest } from '@omsorg/contract';

/** @typedef {import('../http/reply.js').Reply} Reply */
/** @typedef {import('./problems.js').ProblemError} ProblemError */

/** Bodies larger than this are refused (a cancellation is a few hundred bytes). */
export const MAX_BODY_BYTES = 16 * 1024;

/** Headers on every answer (for an allowed origin cors.js adds its own, with a longer expose list). */
export const COMMON_HEADERS = Object.freeze({
  'Cache-Control': 'no-store',
  'Access-Control-Expose-Headers': 'ETag, WWW-Authenticate, Retry-After',
  'X-Content-Type-Options': 'nosniff',
});

/**
 * @param {unknown} body
 * @param {number} [status]
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export const json = (body, status = 200, headers = {}) => ({ status, headers: { 'Content-Type': 'application/json', ...headers }, body });

/**
 * A list's JSON reply with its weak ETag (rules core: `listEtag`), the body serialised once for both.
 * @param {unknown} body
 * @returns {{ etag: string, reply: (status?: number) => Reply }}
 */
export function jsonWithListEtag(body) {
  const text = JSON.stringify(body);
  const etag = `W/"${digest(text)}"`;
  return { etag, reply: (status = 200) => ({ status, headers: { 'Content-Type': 'application/json', ETag: etag }, body, text }) };
}

/**
 * @param {ProblemError} p
 * @returns {Reply}
 */
export const problemReply = (p) => ({ status: p.status, headers: { 'Content-Type': 'application/problem+json', ...p.headers }, body: p.toJSON() });

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [max]
 * @returns {Promise<{ text: string, tooLarge: boolean }>}
 */
export async function readBody(req, max = MAX_BODY_BYTES) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) tooLarge = true;
    else chunks.push(chunk);
  }
  return { text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge };
}

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} name lower case
 */
export const headerValue = (headers, name) => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};
