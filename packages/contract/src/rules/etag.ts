/**
 * Versions, entity tags and request fingerprints. A resource's strong ETag is `"<version>"`;
 * changes send `If-Match` (strong comparison), polls send `If-None-Match` (weak comparison).
 */

/** The strong ETag of a versioned resource. */
export const etagOf = (resource: { version: string }): string => `"${resource.version}"`;

/** `v1` → `v2`; any other version gets a suffix. */
export function nextVersion(version: string): string {
  const m = /^v(\d+)$/.exec(version);
  return m ? `v${Number(m[1]) + 1}` : `${version.slice(0, 60)}-2`;
}

/** If-Match: strong comparison against a list of entity tags; `*` and weak tags never match. */
export function matchesEtag(ifMatch: string, etag: string): boolean {
  return ifMatch.split(',').some((t) => t.trim() === etag);
}

/** If-None-Match: true when it matches `etag` (weak comparison, lists and `*`). */
export function noneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Deepest nesting `canonical` follows (json.ts refuses deeper bodies before they are parsed). */
const CANONICAL_MAX_DEPTH = 64;

/**
 * JSON with sorted object keys: key order does not make two request bodies different. Only for
 * bodies already read by `readJson` (json.ts), which bounds their depth; deeper values throw a
 * RangeError here rather than overflow the stack.
 */
export function canonical(value: unknown, depth = 0): string {
  if (depth > CANONICAL_MAX_DEPTH) throw new RangeError('canonical: the value nests too deep');
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short digest of a text or bytes (two FNV-1a passes, 64 bits as 16 hex digits): not for
 * secrets, for weak list ETags and request fingerprints, the same in the browser and in Node.
 */
export function digest(input: string | Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const n = input.length;
  // One loop per input type: the same result, about twice as fast as asking the type per
  // character (a list's ETag hashes its whole JSON on every poll).
  if (typeof input === 'string') {
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = input[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193);
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The weak ETag of a list as one reader sees it (their unread state is part of the body). */
export const listEtag = (body: unknown): string => `W/"${digest(JSON.stringify(body))}"`;
