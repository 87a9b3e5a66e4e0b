// @ts-check
/**
 * HTTP answers that the API and the staff page both send. A module of its own so that staff/
 * does not import from api/.
 */
import { attachmentTypes, downloadDisposition } from '@omsorg/contract';

/**
 * The download answer: the bytes, never shown inline, never sniffed, never scripted, never kept.
 * @param {{ filename: string, content_type: string, data: Uint8Array }} a
 * @returns {{ status: number, headers: Record<string, string>, body: Buffer }}
 */
export function attachmentReply(a) {
  const data = Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  return {
    status: 200,
    headers: {
      'Content-Type': attachmentTypes.includes(/** @type {any} */ (a.content_type)) ? a.content_type : 'application/octet-stream',
      'Content-Disposition': downloadDisposition(a.filename),
      'Content-Security-Policy': 'sandbox',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
    body: data,
  };
}
