// @ts-check
/** Small HTTP helpers of the development OpenID provider (provider.js). */

/**
 * @param {string | undefined} address
 */
export function isLoopbackAddress(address) {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * @param {readonly string[]} uris
 * @returns {string[]}
 */
export function originsOf(uris) {
  return [...new Set(uris.map((u) => URL.parse(u)?.origin).filter((o) => o && o !== 'null'))].map(String);
}

const MAX_FORM_BYTES = 4096;

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
export async function readForm(req) {
  const type = String(req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw Object.assign(new Error('unsupported form type'), { status: 415 });
  let size = 0;
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
