// @ts-check
/** Small HTTP helpers of the BFF: problem+json, JSON, cookies. */
import { problemTitles, problemTypes } from '@omsorg/contract';

/** Headers on every answer of the BFF's own endpoints. */
export const BASE_HEADERS = Object.freeze({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {keyof typeof problemTypes} kind
 * @param {string} [detail]
 */
export function problem(res, status, kind, detail) {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ type: problemTypes[kind], title: problemTitles[kind], status, ...(detail ? { detail } : {}) });
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/problem+json', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string | string[]>} [headers]
 */
export function json(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 * @param {Record<string, string | string[]>} [headers]
 */
export function redirect(res, location, headers = {}) {
  res.writeHead(303, { ...BASE_HEADERS, Location: location, ...headers });
  res.end();
}

/**
 * One cookie's value from the request.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} name
 */
export function cookie(req, name) {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * A Set-Cookie value: HttpOnly, Path=/, SameSite as given, Secure unless development.
 * @param {string} name
 * @param {string} value '' deletes
 * @param {{ secure: boolean, sameSite: 'Strict' | 'Lax', maxAge?: number }} o
 */
export function setCookie(name, value, { secure, sameSite, maxAge }) {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', `SameSite=${sameSite}`];
  if (secure) parts.push('Secure');
  if (value === '') parts.push('Max-Age=0');
  else if (maxAge !== undefined) parts.push(`Max-Age=${Math.floor(maxAge)}`);
  return parts.join('; ');
}

/**
 * Reads a small form body (back-channel logout).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} max
 */
export async function readForm(req, max) {
  const type = String(req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
