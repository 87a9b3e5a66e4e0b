/**
 * Attachment rules: the permitted types, judged by content (magic bytes) and never by name; the
 * stricter check of PDFs for active content; file names in Content-Disposition.
 */
import type { Attachment } from '../types.js';
import type { ProblemSpec } from './problems.js';
import { messageLimits } from './text.js';
/** The only attachment types; the server decides the type from the content, not the name. */
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const satisfies readonly Attachment['contentType'][];

/** The `accept` list for a file picker (a hint only: the server checks the content). */
export const attachmentAccept = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

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

/** PDF names that run code, open other things or carry files. */
const activePdfNames = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

/** At most this many bytes are inflated from one PDF's compressed streams, all together. */
export const pdfInflateMaxBytes = 20 * 1024 * 1024;

const decodeNameEscapes = (text: string): string => text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
};

/** The first whole name in `text` (latin1) that is an active one, `#xx` escapes decoded. */
function activeName(text: string): string | undefined {
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const name = decodeNameEscapes(m[1] ?? '');
    if (activePdfNames.has(name)) return name;
  }
  return undefined;
}

class TooLarge extends Error {}

/**
 * zlib-inflates `data`, giving up (TooLarge) once more than `max` bytes come out: a zip bomb
 * costs about `max`. DecompressionStream is a web standard in browsers and in Node, so the mocks
 * and the sandbox run this same code.
 */
async function inflate(data: Uint8Array, max: number): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Why a PDF is refused, or undefined when it may be stored. It is refused when it names active
 * content: in its raw bytes, or inside a stream compressed with /FlateDecode alone (object
 * streams hide whole objects there), which is inflated first. A FlateDecode stream that does not
 * inflate, or inflation past `pdfInflateMaxBytes` in all, is refused too: it cannot be checked.
 * Names may hide letters as `#xx` escapes, so they are decoded first. A server's check, not a PDF
 * parser: other filters (chains, LZW, predictors) and encryption are not undone.
 */
export async function pdfRefusal(bytes: Uint8Array): Promise<string | undefined> {
  const active = (name: string) => `The PDF contains active content (/${name}: scripts, actions or embedded files).`;
  const tooLarge = `The PDF's compressed streams inflate to more than ${pdfInflateMaxBytes} bytes (20 MiB), so it cannot be checked for active content.`;
  const text = latin1(bytes);
  const raw = activeName(text);
  if (raw) return active(raw);
  let inflated = 0;
  // Walk object headers and stream keywords in order; a stream's dictionary is the text between
  // its object's header and the keyword. The stream's data is skipped, never read as PDF syntax.
  const tokens = /(?<!\d)\d+\s+\d+\s+obj\b|(?<![A-Za-z])stream(?:\r\n|\n|\r)/g;
  let dictStart = 0;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    if (!m[0].startsWith('stream')) {
      dictStart = m.index;
      continue;
    }
    const dataStart = m.index + m[0].length;
    const end = text.indexOf('endstream', dataStart);
    if (end < 0) break;
    tokens.lastIndex = end + 'endstream'.length;
    const dict = decodeNameEscapes(text.slice(dictStart, m.index));
    if (!/\/Filter\s*(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])(?![^\s/[\]<>(){}%])/.test(dict)) continue;
    // The end-of-line before `endstream` is not part of the data.
    const dataEnd = text.slice(end - 2, end) === '\r\n' ? end - 2 : /[\r\n]/.test(text[end - 1] ?? '') ? end - 1 : end;
    let data: Uint8Array;
    try {
      data = await inflate(bytes.subarray(dataStart, Math.max(dataStart, dataEnd)), Math.max(1, pdfInflateMaxBytes - inflated));
    } catch (err) {
      return err instanceof TooLarge ? tooLarge : 'A compressed stream in the PDF cannot be inflated, so it cannot be checked for active content.';
    }
    inflated += data.length;
    const hidden = activeName(latin1(data));
    if (hidden) return active(hidden);
  }
  return undefined;
}

/** 413 for a file over the limit. */
export const attachmentTooLarge = (): ProblemSpec => ({
  status: 413,
  key: 'attachmentTooLarge',
  detail: `An attachment may be at most ${messageLimits.attachmentMaxBytes} bytes (5 MiB).`,
});

/**
 * An upload's bytes against its declared type: not empty (400), within the limit (413), a
 * permitted type by content (415), the declared type matching the content (415). The PDF scan
 * (`pdfRefusal`) comes after, for PDFs.
 */
export function checkAttachment(bytes: Uint8Array, declared: string): Attachment['contentType'] | ProblemSpec {
  if (bytes.length > messageLimits.attachmentMaxBytes) return attachmentTooLarge();
  if (bytes.length === 0) return { status: 400, key: 'validation', detail: 'The file is empty.' };
  const type = sniffAttachmentType(bytes);
  if (!type) return { status: 415, key: 'attachmentType', detail: 'Only PDF, PNG and JPEG files can be attached, judged by their content.' };
  if (declared !== type) return { status: 415, key: 'attachmentType', detail: `The file's content is ${type}, not ${declared || 'what was declared'}.` };
  return type;
}
