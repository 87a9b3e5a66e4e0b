/**
 * The messaging rules that the server enforces and the clients show, in one place so that the
 * sandbox, the mocks, the SDK and the elements cannot disagree.
 */
import type { Attachment } from './types.js';

export const messageLimits = {
  /** Unicode code points in a sent message. */
  textMaxChars: 4000,
  /** A draft may hold more, so a long paste is kept while the writer shortens it. */
  draftMaxChars: 20000,
  titleMaxChars: 120,
  attachmentMaxBytes: 5 * 1024 * 1024,
  attachmentsPerMessage: 5,
  excerptMaxChars: 200,
} as const;

/** The only attachment types; the server decides the type from the content, not the name. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const satisfies readonly Attachment['contentType'][];

/** The `accept` list for a file picker (a hint only: the server checks the content). */
export const attachmentAccept = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Length as the server counts it: Unicode code points, not UTF-16 units. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Characters a message may not contain: C0/C1 controls other than tab and line feed (a carriage
 * return is normalised away by clients), and the bidirectional embedding, override and isolate
 * characters that can make text read differently from how it is stored ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
export const forbiddenTextChars = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

export type TextProblem = 'required' | 'too-long' | 'invalid-character';

/** What is wrong with a message text, or null. `max` defaults to the sent-message limit. */
export function textProblem(text: string, max: number = messageLimits.textMaxChars): TextProblem | null {
  if (text.trim() === '') return 'required';
  if (textLength(text) > max) return 'too-long';
  if (forbiddenTextChars.test(text)) return 'invalid-character';
  return null;
}

/** Line endings as the server stores them. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Leading bytes of each permitted type. */
export function sniffAttachmentType(bytes: Uint8Array): Attachment['contentType'] | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

/** A file name as an RFC 8187 `filename*` value: `UTF-8''` and the percent-encoded name. */
export function encodeFilename(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** `Content-Disposition` for a download: an ASCII fallback and the exact UTF-8 name. */
export function downloadDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=${encodeFilename(filename)}`;
}

/**
 * The file name an upload's `Content-Disposition` names (`filename*=UTF-8''…`, else a plain
 * `filename="…"`), its last path segment only; null when there is none or it does not decode.
 * The server still decides whether the name is acceptable.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | undefined;
  const ext = /(?:^|;)\s*filename\*\s*=\s*UTF-8'[^']*'([^;\s]+)/i.exec(header);
  if (ext?.[1]) {
    try {
      name = decodeURIComponent(ext[1]);
    } catch {
      return null;
    }
  } else {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
    name = plain ? (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1') : undefined;
  }
  if (name === undefined) return null;
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
  return base || null;
}
