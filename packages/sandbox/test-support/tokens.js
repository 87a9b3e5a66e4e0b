// @ts-check
/**
 * Access tokens signed with the development provider's own key, with any claims: for tests of
 * what the API must refuse (another audience, a lower `acr`, expired, ...). Node only.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { JWKS_FILE } from '../src/oidc/keys.js';

/**
 * @param {object} o
 * @param {string} o.dataDir the provider's dataDir (holds `oidc-jwks.json`)
 * @param {string} o.issuer
 * @param {string} o.audience
 * @param {string} [o.sub] default `psn-ola-7f3a`
 * @param {string} [o.clientId] default `omsorg-test`
 * @param {string | null} [o.acr] default `idporten-loa-high`; null leaves it out
 * @param {number} [o.iat] seconds, default now
 * @param {number} [o.ttl] seconds, default 600
 * @param {string} [o.jkt] makes the token DPoP-bound (`cnf.jkt`)
 * @param {string} [o.typ] default `at+jwt`
 * @param {'ES256' | 'RS256'} [o.alg] which of the provider's keys, default ES256
 * @param {Record<string, unknown>} [o.claims] more claims (override the others)
 * @returns {Promise<string>}
 */
export async function craftAccessToken({
  dataDir,
  issuer,
  audience,
  sub = 'psn-ola-7f3a',
  clientId = 'omsorg-test',
  acr = 'idporten-loa-high',
  iat = Math.floor(Date.now() / 1000),
  ttl = 600,
  jkt,
  typ = 'at+jwt',
  alg = 'ES256',
  claims = {},
}) {
  const { keys } = JSON.parse(await readFile(join(dataDir, JWKS_FILE), 'utf8'));
  const jwk = keys.find((/** @type {{ alg: string }} */ k) => k.alg === alg);
  if (!jwk) throw new Error(`no ${alg} key in ${dataDir}`);
  const key = await importJWK(jwk, alg);
  return new SignJWT({
    sub,
    client_id: clientId,
    scope: 'openid profile',
    ...(acr === null ? {} : { acr }),
    ...(jkt ? { cnf: { jkt } } : {}),
    ...claims,
  })
    .setProtectedHeader({ alg, typ, kid: jwk.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(crypto.randomUUID())
    .sign(key);
}
