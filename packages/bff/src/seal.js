// @ts-check
/**
 * Secrets at rest: AES-256-GCM (node:crypto) with a key the database never sees, and the row
 * id as additional data (a sealed value copied to another row does not open). Cookie values
 * are random; the database keeps only their SHA-256.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * @param {string | Buffer} key 32 bytes, or their base64url / base64 text
 * @returns {Buffer}
 */
export function sessionKey(key) {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'base64url') : key;
  if (bytes.length !== 32) throw new TypeError('the session key must be 32 bytes (base64url)');
  return bytes;
}

/** A new random cookie value (256 bits). */
export const newToken = () => randomBytes(32).toString('base64url');

/** The database id of a cookie value. @param {string} token */
export const idOf = (token) => createHash('sha256').update(token).digest('base64url');

/**
 * @param {Buffer} key
 * @param {unknown} value JSON
 * @param {string} aad the row id
 */
export function seal(key, value, aad) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

/**
 * @param {Buffer} key
 * @param {string} sealed
 * @param {string} aad
 * @returns {any}
 */
export function unseal(key, sealed, aad) {
  const raw = Buffer.from(sealed, 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8'));
}

/**
 * An opaque, stable id for a person in the browser (the provider's `sub` never leaves the BFF).
 * @param {Buffer} key
 * @param {string} sub
 */
export const opaqueSub = (key, sub) => createHmac('sha256', key).update(`sub:${sub}`).digest('base64url').slice(0, 22);
