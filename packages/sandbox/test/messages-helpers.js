// @ts-check
/**
 * Shared by the messages tests (not a test itself): the API of api-helpers.js plus short calls
 * for starting threads, replying and uploading files.
 */
import { PERSONS, startTestApi, useStarted } from './api-helpers.js';

/** A 1×1 PNG. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
/** A minimal PDF without active content. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/**
 * @typedef {object} SendOptions
 * @property {string} [person] default ola
 * @property {string} [subject] default me
 * @property {string | null} [key] default a new key; null: none
 */

export async function startMessages() {
  const t = await startTestApi();

  /** @param {unknown} body @param {SendOptions} [o] */
  const start = (body, { person = 'ola', subject = 'me', key } = {}) =>
    t.call(`/v1/subjects/${subject}/threads`, { method: 'POST', person, body, headers: key === null ? {} : { 'Idempotency-Key': key ?? t.newKey() } });

  /** @param {string} threadId @param {unknown} body @param {SendOptions} [o] */
  const send = (threadId, body, { person = 'ola', subject = 'me', key } = {}) =>
    t.call(`/v1/subjects/${subject}/threads/${threadId}/messages`, {
      method: 'POST',
      person,
      body,
      headers: key === null ? {} : { 'Idempotency-Key': key ?? t.newKey() },
    });

  /**
   * POST …/attachments with a raw body.
   * @param {Uint8Array} bytes
   * @param {{ type?: string, name?: string | null, disposition?: string, person?: string, subject?: string, key?: string | null }} [o]
   */
  async function upload(bytes, { type = 'image/png', name = 'bilde.png', disposition, person = 'ola', subject = 'me', key } = {}) {
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer test:${PERSONS[/** @type {keyof typeof PERSONS} */ (person)] ?? person}`, 'Content-Type': type };
    if (key !== null) headers['Idempotency-Key'] = key ?? t.newKey();
    if (disposition !== undefined) headers['Content-Disposition'] = disposition;
    else if (name !== null) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
    const res = await fetch(`${t.base}/v1/subjects/${subject}/attachments`, { method: 'POST', headers, body: bytes });
    const text = await res.text();
    /** @type {any} */
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  /**
   * GET an attachment as bytes.
   * @param {string} id
   * @param {{ person?: string, subject?: string }} [o]
   */
  async function download(id, { person = 'ola', subject = 'me' } = {}) {
    const res = await fetch(`${t.base}/v1/subjects/${subject}/attachments/${id}`, {
      headers: { Authorization: `Bearer test:${PERSONS[/** @type {keyof typeof PERSONS} */ (person)] ?? person}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const isJson = res.headers.get('content-type')?.includes('json');
    return { status: res.status, headers: res.headers, bytes, text: isJson ? bytes.toString('utf8') : '', body: isJson ? JSON.parse(bytes.toString('utf8')) : undefined };
  }

  return { t, start, send, upload, download };
}

/** The messages API for a test file, back to the seed data before each test. */
export const useMessages = () => useStarted(() => startMessages(), { close: (m) => m.t.close(), reseed: (m) => m.t.reseed() });
