// @ts-check
/**
 * The BFF's own keys: its private_key_jwt signing key (the provider gets the public half) and
 * the session key. A municipality sets them from its secret store (see the README); the sandbox
 * keeps development copies in its data directory (mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

/** A new ES256 private JWK with `kid` (its thumbprint), `alg` and `use`. */
export async function generateClientKey() {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk, 'sha256'), alg: 'ES256', use: 'sig' };
}

/** The public half of a private JWK (for the provider's client registration). @param {import('jose').JWK} jwk */
export function publicJwk(jwk) {
  const { kty, crv, x, y, n, e, kid, alg, use } = jwk;
  return /** @type {import('jose').JWK} */ (Object.fromEntries(Object.entries({ kty, crv, x, y, n, e, kid, alg, use }).filter(([, v]) => v !== undefined)));
}

/**
 * Development keys kept in one file, made once (atomically: two processes get the same).
 * @param {string} file
 * @returns {Promise<{ clientKey: import('jose').JWK, sessionKey: string }>}
 */
export async function loadOrCreateDevKeys(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(file), { recursive: true });
  const value = { clientKey: await generateClientKey(), sessionKey: randomBytes(32).toString('base64url') };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(tmp, file);
    return value;
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    return JSON.parse(await readFile(file, 'utf8'));
  } finally {
    await unlink(tmp).catch(() => {});
  }
}
