// @ts-check
/**
 * What the message checks (messages.js) share: limits, small files, and the requests that write
 * (start a thread, send, upload) with their Idempotency-Key.
 */
import assert from 'node:assert/strict';
import { DataError, SKEW_MS, newKey } from '../client.js';

/** @typedef {import('../client.js').Context} Context */

export const TEXT_MAX = 4000;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const UNKNOWN_SERVICE = 'contract-suite-no-such-service';

/** A small, well-formed one-page PDF with a correct xref table. */
export function tinyPdf(line = 'contract suite') {
  const stream = `BT /F1 12 Tf 20 60 Td (${line.replace(/[^A-Za-z0-9 .,:-]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  /** @type {number[]} */
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A 1×1 PNG. */
export const tinyPng = () => new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

/** The start of a Windows executable: what a renamed .exe looks like inside. */
export const fakeExe = () => new Uint8Array(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126), Buffer.from('PE\0\0')]));

/** @param {string} name */
export const disposition = (name) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The first subject of `self` with the `messages` scope and at least one recipient.
 * @param {Context} ctx
 * @returns {Promise<{ subject: string, recipients: any[], own: boolean }>}
 */
export function writable(ctx) {
  return ctx.once('messages:writable', async () => {
    const me = await ctx.me();
    const subjects = await ctx.subjectsWith('messages');
    if (subjects.length === 0) throw new DataError('the signed-in person has no subject with the messages scope');
    for (const s of subjects) {
      const r = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${s.id}/message-recipients` }), 200);
      if (r.body.items.length > 0) return { subject: s.id, recipients: r.body.items, own: s.id === me.subjects[0].id };
    }
    throw new DataError('no subject with the messages scope has a message recipient (an active or planned granted service)');
  });
}

/**
 * `POST …/threads`.
 * @param {Context} ctx
 * @param {{ subject: string, body: unknown, key?: string | null, as?: import('../targets.js').Role }} o
 */
export function startThread(ctx, { subject, body, key = newKey(), as = 'self' }) {
  return ctx.call({ as, method: 'POST', path: `/v1/subjects/${subject}/threads`, headers: key === null ? {} : { 'Idempotency-Key': key }, body });
}

/**
 * `POST …/threads/{id}/messages`.
 * @param {Context} ctx
 * @param {{ subject: string, thread: string, body: unknown, key?: string, as?: import('../targets.js').Role }} o
 */
export function sendMessage(ctx, { subject, thread, body, key = newKey(), as = 'self' }) {
  return ctx.call({ as, method: 'POST', path: `/v1/subjects/${subject}/threads/${thread}/messages`, headers: { 'Idempotency-Key': key }, body });
}

/**
 * `POST …/attachments` with the file as the body.
 * @param {Context} ctx
 * @param {{ subject: string, bytes: Uint8Array, type: string, name: string, key?: string, as?: import('../targets.js').Role }} o
 */
export function upload(ctx, { subject, bytes, type, name, key = newKey(), as = 'self' }) {
  return ctx.call({
    as,
    method: 'POST',
    path: `/v1/subjects/${subject}/attachments`,
    headers: { 'Idempotency-Key': key, 'Content-Type': type, 'Content-Disposition': disposition(name) },
    body: bytes,
  });
}

/**
 * A thread of the suite's own, started once per run (several checks write in it).
 * @param {Context} ctx
 * @returns {Promise<{ subject: string, thread: any, own: boolean, recipient: any }>}
 */
export function suiteThread(ctx) {
  return ctx.once('messages:thread', async () => {
    const w = await writable(ctx);
    const recipient = w.recipients[0];
    const r = ctx.expectStatus(
      await startThread(ctx, { subject: w.subject, body: { grantedServiceId: recipient.grantedServiceId, title: 'contract suite: a thread', text: 'contract suite: the first message' } }),
      201,
    );
    return { subject: w.subject, thread: r.body, own: w.own, recipient };
  });
}

/** Every thread of a subject (limit 500, following cursors). @param {Context} ctx @param {string} subject @param {import('../targets.js').Role} [as] */
export async function allThreads(ctx, subject, as = 'self') {
  const items = [];
  /** @type {string | null} */
  let cursor = null;
  let last;
  for (let page = 0; page < 100; page++) {
    last = ctx.expectStatus(await ctx.call({ as, path: `/v1/subjects/${subject}/threads`, query: { limit: 500, cursor: cursor ?? undefined } }), 200);
    items.push(...last.body.items);
    cursor = last.body.nextCursor;
    if (cursor === null) return { items, unreadCount: last.body.unreadCount };
  }
  assert.fail(`listing the threads of ${subject}: more than 100 pages`);
}

/** @param {Context} ctx @param {string} subject @param {string} id @param {Record<string, string>} [headers] */
export const getThread = (ctx, subject, id, headers = {}) => ctx.call({ path: `/v1/subjects/${subject}/threads/${id}`, headers });

/**
 * @param {any} r a reply
 * @param {string} pointer
 * @param {string} code
 * @param {string} what
 */
export function assertFieldError(r, pointer, code, what) {
  assert.ok(Array.isArray(r.body.errors), `${what}: errors[]`);
  assert.ok(
    r.body.errors.some((/** @type {any} */ e) => e.pointer === pointer && e.code === code),
    `${what}: expected ${JSON.stringify({ pointer, code })} in ${JSON.stringify(r.body.errors)}`,
  );
}
