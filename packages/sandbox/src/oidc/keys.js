// @ts-check
/**
 * Signing keys and cookie keys of the development OpenID provider, made once and kept in
 * `dataDir` so tokens (and JWKS caches in clients) survive a restart.
 *
 * - `oidc-jwks.json`: private JWK set, one ES256 key (access tokens) and one RS256 key
 *   (ID tokens, as ID-porten), each with `kid` = its RFC 7638 JWK thumbprint.
 * - `oidc-cookie-keys.json`: keys that sign the provider's cookies.
 * Both are written with mode 0600.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

export const JWKS_FILE = 'oidc-jwks.json';
export const COOKIE_KEYS_FILE = 'oidc-cookie-keys.json';

/** The signature algorithms the provider keeps one key for. */
export const SIGNING_ALGS = /** @type {const} */ (['ES256', 'RS256']);

/** @typedef {import('jose').JWK & { kid: string, alg: string, use: 'sig' }} PrivateJwk */

/**
 * @param {string} file
 * @returns {Promise<unknown>}
 */
async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${/** @type {Error} */ (err).message}`, { cause: err });
  }
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half a key file.
 * @param {string} file
 * @param {unknown} value
 */
async function writeJson(file, value) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/**
 * Creates `file` only if it does not exist yet (atomically, through a hard link), so two
 * processes starting on the same dataDir end up with the same keys. Returns what is in the file.
 * @param {string} file
 * @param {unknown} value
 * @returns {Promise<unknown>}
 */
async function createJsonOnce(file, value) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(tmp, file);
    return value;
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    return readJson(file);
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/**
 * @param {'ES256' | 'RS256'} alg
 * @returns {Promise<PrivateJwk>}
 */
async function generateSigningJwk(alg) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { ...jwk, kid, alg, use: 'sig' };
}

/**
 * @param {unknown} jwk
 * @returns {jwk is PrivateJwk}
 */
function isPrivateSigningJwk(jwk) {
  if (!jwk || typeof jwk !== 'object') return false;
  const k = /** @type {Record<string, unknown>} */ (jwk);
  return typeof k.kid === 'string' && typeof k.alg === 'string' && typeof k.d === 'string' && typeof k.kty === 'string';
}

/**
 * Loads the provider's private JWK set from `dataDir`, making (and saving) any key that is missing.
 * @param {string} dataDir
 * @returns {Promise<{ keys: PrivateJwk[] }>}
 */
export async function loadOrCreateJwks(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, JWKS_FILE);
  /** @param {unknown} stored */
  const keysIn = (stored) => {
    const list = /** @type {{ keys?: unknown } | undefined} */ (stored)?.keys;
    return (Array.isArray(list) ? list : []).filter(isPrivateSigningJwk);
  };
  let stored = await readJson(file);
  if (stored === undefined) {
    const fresh = { keys: await Promise.all(SIGNING_ALGS.map(generateSigningJwk)) };
    stored = await createJsonOnce(file, fresh);
  }
  const keys = keysIn(stored);
  let changed = false;
  for (const alg of SIGNING_ALGS) {
    if (!keys.some((k) => k.alg === alg)) {
      keys.push(await generateSigningJwk(alg));
      changed = true;
    }
  }
  if (changed) await writeJson(file, { keys });
  return { keys };
}

/**
 * Loads (or makes and saves) the keys that sign the provider's cookies.
 * @param {string} dataDir
 * @returns {Promise<string[]>}
 */
export async function loadOrCreateCookieKeys(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, COOKIE_KEYS_FILE);
  /** @param {unknown} stored */
  const keysIn = (stored) => {
    const list = /** @type {{ keys?: unknown } | undefined} */ (stored)?.keys;
    return /** @type {string[]} */ (Array.isArray(list) ? list.filter((k) => typeof k === 'string' && k.length >= 32) : []);
  };
  const stored = await readJson(file);
  if (stored === undefined) return keysIn(await createJsonOnce(file, { keys: [randomBytes(32).toString('base64url')] }));
  const keys = keysIn(stored);
  if (keys.length) return keys;
  const fresh = [randomBytes(32).toString('base64url')];
  await writeJson(file, { keys: fresh });
  return fresh;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'];

/**
 * The public part of a JWK set (what the provider serves at its `jwks_uri`).
 * @param {{ keys: readonly import('jose').JWK[] }} jwks
 * @returns {{ keys: import('jose').JWK[] }}
 */
export function publicJwks(jwks) {
  return {
    keys: jwks.keys.map((k) => {
      /** @type {Record<string, unknown>} */
      const pub = {};
      for (const m of PUBLIC_MEMBERS) if (/** @type {Record<string, unknown>} */ (k)[m] !== undefined) pub[m] = /** @type {Record<string, unknown>} */ (k)[m];
      return /** @type {import('jose').JWK} */ (pub);
    }),
  };
}
