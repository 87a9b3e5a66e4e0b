// @ts-check
/**
 * Attachments: upload (checked by the rules core: size, type by content, the declared type, the
 * PDF scan; the name made safe here) and download (never shown inline, sniffed or scripted).
 */
import { createHash } from 'node:crypto';
import { attachmentTooLarge, checkAttachment, filenameFromDisposition, pdfRefusal } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { isId } from '../data/store.js';
import { findDownloadable, toAttachment } from '../data/attachments.js';
import { newId, toSecond } from '../data/messages.js';
import { attachmentReply } from '../http/download.js';
import { whileInFlight } from './in-flight.js';
import { MAX_UPLOAD_BYTES, checkKey, claimKey, invalid, json, operationKit, rememberAnswer, sha256 } from './message-kit.js';

/** @typedef {import('../http/reply.js').Reply} Reply */

/** Characters never kept in a file name: controls, bidi marks/overrides/isolates, path separators. */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/**
 * The file name from `Content-Disposition` (`filename*=UTF-8''…`, or a plain `filename="…"`),
 * made safe: no path, no control or bidi characters, at most 255 characters.
 * @param {string | undefined} header
 * @returns {string | undefined} undefined when there is no usable name
 */
export function attachmentFilename(header) {
  let name = filenameFromDisposition(header);
  if (name === null) return undefined;
  name = name.replace(UNSAFE_NAME_CHARS, '').trim().replace(/^\.+/, '');
  if (!name) return undefined;
  const chars = Array.from(name);
  if (chars.length > 255) {
    // Keep the extension when cutting.
    const dot = name.lastIndexOf('.');
    const extPart = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, 255 - Array.from(extPart).length).join('') + extPart;
  }
  return name;
}

/**
 * Reads an upload, stopping as soon as it passes `max` bytes.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} max
 * @returns {Promise<Buffer | undefined>} undefined when too large
 */
async function readUpload(req, max) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) {
      req.pause();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST …/attachments`.
 * @param {import('./message-kit.js').MessageContext} c
 * @returns {Promise<Reply>}
 */
export function uploadAttachment(c) {
  const { db, person, at } = c;
  const { guarded, ok } = operationKit('uploadAttachment', c);
  const what = { action: 'create', resource: 'attachment' };
  return guarded(what, async (subject) => {
    const key = checkKey(c.header('idempotency-key'));
    const filename = attachmentFilename(c.header('content-disposition'));
    if (!filename) throw invalid("Send the file name as Content-Disposition: attachment; filename*=UTF-8''<name>.");
    const declared = (c.header('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    const tooLarge = () => {
      c.closeConnection();
      return ProblemError.from(attachmentTooLarge());
    };
    if (Number(c.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
    const bytes = await readUpload(c.req, MAX_UPLOAD_BYTES);
    if (!bytes) throw tooLarge();
    const type = orThrow(checkAttachment(bytes, declared));
    const refusal = type === 'application/pdf' ? await pdfRefusal(bytes) : undefined;
    if (refusal) throw new ProblemError(415, 'attachmentType', refusal);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const hash = sha256(`uploadAttachment\n${subject.id}\n${filename}\n${type}\n${digest}`);
    return whileInFlight(db, person.id, key, () => db.transaction(async (tx) => {
      const replay = await claimKey(tx, person.id, key, hash);
      if (replay) {
        await ok(subject, what, replay.status, tx, true);
        return json(replay.body, replay.status);
      }
      const id = newId('att');
      await tx.query(
        `INSERT INTO attachments (id, subject_id, uploader_person_id, filename, content_type, size, sha256, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, subject.id, person.id, filename, type, bytes.length, digest, bytes, toSecond(at)],
      );
      const attachment = toAttachment({ id, filename, content_type: type, size: bytes.length });
      await rememberAnswer(tx, person.id, key, { status: 201, body: attachment });
      await ok(subject, { ...what, resourceId: id }, 201, tx);
      return json(attachment, 201);
    }));
  });
}

/**
 * `GET …/attachments/{id}`: the uploader before use, the thread's parties after.
 * @param {import('./message-kit.js').MessageContext} c
 * @returns {Promise<Reply>}
 */
export function downloadAttachment(c) {
  const { db, params } = c;
  const { guarded, ok, reader } = operationKit('downloadAttachment', c);
  const attachmentId = params.attachmentId ?? '';
  const what = { action: 'read', resource: 'attachment', resourceId: attachmentId };
  return guarded(what, async (subject) => {
    const a = isId(attachmentId) ? await findDownloadable(db, subject.id, attachmentId, reader) : undefined;
    if (!a) throw new ProblemError(404, 'notFound', 'No such attachment.');
    await ok(subject, what, 200);
    return attachmentReply(a);
  });
}
