/**
 * Text rules that the servers enforce and the clients check before sending, in one place so that
 * the sandbox, the mocks, the SDK and the elements cannot disagree: limits in Unicode code points,
 * forbidden characters, line endings.
 */

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

/** Length as the server counts it: Unicode code points, not UTF-16 units. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Characters a message may not contain: C0/C1 controls other than tab and line feed (a carriage
 * return is normalised away by clients), and the bidirectional embedding, override and isolate
 * characters that can make text read differently from how it is stored ("Trojan Source"), and
 * unpaired surrogates (below).
 */
// eslint-disable-next-line no-control-regex
export const forbiddenTextChars = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/**
 * A UTF-16 surrogate without its other half: not a Unicode character, so UTF-8 (the database,
 * the wire) cannot hold it, and it would be stored as U+FFFD. With the `u` flag a proper pair
 * is one code point and does not match; `forbiddenTextChars` ends with the same range.
 */
export const unpairedSurrogate = /[\uD800-\uDFFF]/u;

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
