/**
 * JSON request bodies as every server reads them, before anything else looks at them: only with
 * the JSON media type (415 otherwise); nested at most `jsonLimits.maxDepth` deep, checked on the
 * text by a loop before the body is parsed, so nothing recursive (a fingerprint, a schema check)
 * ever runs on a deeper value; and every string and member name well-formed UTF-16, because an
 * unpaired surrogate cannot be stored as UTF-8 and would be silently replaced.
 */
import { escapePointer, invalid, type ProblemSpec } from './problems.js';
import { unpairedSurrogate } from './text.js';

export const jsonLimits = {
  /** Arrays and objects inside each other; the contract's bodies need 3. */
  maxDepth: 32,
} as const;

/** `application/json`, with at most a UTF-8 charset parameter. */
export function isJsonMediaType(header: string | null | undefined): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [name = '', value = ''] = p.split('=', 2);
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-8"?$/i.test(value.trim());
  });
}

/** True when `text` nests arrays and objects deeper than `max` (brackets in strings do not count). */
export function nestsDeeperThan(text: string, max: number = jsonLimits.maxDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The pointer to the first string holding an unpaired surrogate (for a member name: the object
 * that has it), or undefined. A loop with its own stack: no recursion on a client's value.
 */
export function unpairedSurrogatePointer(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, pointer] = item;
    if (typeof v === 'string') {
      if (unpairedSurrogate.test(v)) return pointer;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${pointer}/${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.some(([k]) => unpairedSurrogate.test(k))) return pointer;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push([x, `${pointer}/${escapePointer(k)}`]);
      }
    }
  }
  return undefined;
}

export const notJson: ProblemSpec = invalid('The body is not JSON.', [{ pointer: '', code: 'invalid' }]);

export const notJsonMediaType: ProblemSpec = {
  status: 415,
  key: 'unsupportedMediaType',
  detail: 'Send the body as application/json (UTF-8).',
};

/**
 * The checks every server makes on a JSON body, in this order: its media type (a body without a
 * Content-Type is refused as well; an empty body without one falls through to "not JSON"), its
 * depth, that it parses, and its strings. The result: `{ value }` or `{ problem }`.
 */
export function readJson(text: string, contentType: string | null | undefined): { value: unknown } | { problem: ProblemSpec } {
  if (!isJsonMediaType(contentType) && (contentType || text !== '')) return { problem: notJsonMediaType };
  if (nestsDeeperThan(text)) {
    return { problem: invalid(`JSON may nest at most ${jsonLimits.maxDepth} levels deep.`, [{ pointer: '', code: 'too-deep' }]) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: notJson };
  }
  const pointer = unpairedSurrogatePointer(value);
  if (pointer !== undefined) {
    return { problem: invalid('A text holds an unpaired surrogate (not a Unicode character).', [{ pointer, code: 'invalid-character' }]) };
  }
  return { value };
}
