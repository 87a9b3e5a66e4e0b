// @ts-check
/**
 * The DPoP proof (RFC 9449) that comes with a DPoP-bound access token (verify.js): exactly one
 * proof header; its typ, algorithm and public key; the key's thumbprint against the token's
 * `cnf.jkt`; the signature; the method, URL, time and access-token hash it is for; and last its
 * id (jti) against replay (replay.js), so only fully valid proofs take a place there.
 *
 * All JOSE work is done by jose; the only other primitive is SHA-256 for `ath`.
 */
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify } from 'jose';
import { boundedMap } from '@omsorg/bff/bounded';

/** Signature algorithms accepted for DPoP proofs (as the provider's `dpop_signing_alg_values_supported`). */
export const DPOP_PROOF_ALGS = Object.freeze(['ES256', 'RS256', 'EdDSA', 'Ed25519']);

/** JWK members only a private key has: never accepted in a proof, never kept from a JWK set. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

/**
 * DPoP proof keys already imported, with their thumbprints, by algorithm and the exact JWK the
 * proof carried (its JSON text): importing a key and hashing its thumbprint cost more than
 * checking a signature, and a client sends the same key with every proof. Only keys of proofs
 * whose thumbprint was computed are kept; what a hit saves is work whose result does not change.
 * Bounded: the oldest entries are forgotten.
 */
class ProofKeys {
  /** @type {ReturnType<typeof boundedMap<{ thumbprint: string, key: Awaited<ReturnType<typeof importJWK>> }>>} */
  #keys;

  /** @param {number} max */
  constructor(max) {
    this.#keys = boundedMap(max);
  }

  /** @param {string} alg @param {object} jwk */
  get(alg, jwk) {
    return this.#keys.get(`${alg} ${JSON.stringify(jwk)}`);
  }

  /** @param {string} alg @param {object} jwk @param {{ thumbprint: string, key: Awaited<ReturnType<typeof importJWK>> }} value */
  set(alg, jwk, value) {
    this.#keys.set(`${alg} ${JSON.stringify(jwk)}`, value);
  }
}

/** @param {string} url */
function withoutQuery(url) {
  const u = URL.parse(url);
  if (!u) return undefined;
  u.search = '';
  u.hash = '';
  return u.href;
}

/**
 * @param {object} o
 * @param {readonly string[]} o.dpopAlgs accepted DPoP proof algorithms
 * @param {number} o.clockToleranceSec
 * @param {number} o.dpopProofWindowSec how far a proof's `iat` may be from now
 * @param {import('./replay.js').ReplayStore} o.replay where proof ids are remembered
 * @param {number} o.cacheSize most remembered proof keys (0: none)
 * @param {import('./auth-error.js').Fail} o.fail
 */
export function createProofVerifier({ dpopAlgs, clockToleranceSec, dpopProofWindowSec, replay, cacheSize, fail }) {
  const proofKeys = new ProofKeys(cacheSize);

  /**
   * @param {object} o
   * @param {string | string[] | undefined} o.proofHeader
   * @param {string} o.method
   * @param {string} o.url
   * @param {string} o.accessToken
   * @param {string} o.jkt
   * @param {number} o.nowMs
   */
  async function verifyProof({ proofHeader, method, url, accessToken, jkt, nowMs }) {
    /** @param {string} detail */
    const bad = (detail) => fail('DPoP', detail, { error: 'invalid_dpop_proof' });
    if (Array.isArray(proofHeader) || (typeof proofHeader === 'string' && proofHeader.includes(','))) throw bad('Send exactly one DPoP header');
    if (typeof proofHeader !== 'string' || !proofHeader) throw bad('A DPoP-bound access token needs a DPoP proof header');
    const proof = proofHeader.trim();

    /** @type {import('jose').ProtectedHeaderParameters} */
    let head;
    try {
      head = decodeProtectedHeader(proof);
    } catch {
      throw bad('The DPoP proof is not a JWT');
    }
    if (head.typ !== 'dpop+jwt') throw bad('The DPoP proof must have typ dpop+jwt');
    if (typeof head.alg !== 'string' || !dpopAlgs.includes(head.alg)) throw bad('The DPoP proof uses an algorithm that is not accepted');
    const jwk = head.jwk;
    if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw bad('The DPoP proof has no public key (jwk)');
    if (PRIVATE_JWK_MEMBERS.some((m) => m in jwk)) throw bad('The DPoP proof key must be a public key');

    // A client signs every proof with the same key: its thumbprint and the imported key are
    // remembered by the exact JWK and algorithm (proofKeys); the signature is verified every time.
    const known = proofKeys.get(head.alg, jwk);
    let thumbprint = known?.thumbprint;
    if (thumbprint === undefined) {
      try {
        thumbprint = await calculateJwkThumbprint(jwk, 'sha256');
      } catch {
        throw bad('The DPoP proof key is not a valid JWK');
      }
    }
    if (thumbprint !== jkt) throw bad('The DPoP proof key is not the key the access token is bound to');

    /** @type {import('jose').JWTPayload} */
    let claims;
    try {
      let key = known?.key;
      if (!key) {
        key = await importJWK(jwk, head.alg);
        proofKeys.set(head.alg, jwk, { thumbprint, key });
      }
      ({ payload: claims } = await jwtVerify(proof, key, {
        typ: 'dpop+jwt',
        algorithms: [...dpopAlgs],
        clockTolerance: clockToleranceSec,
        currentDate: new Date(nowMs),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError || err instanceof TypeError) throw bad('The DPoP proof signature is not valid');
      throw err;
    }

    const { jti, htm, htu, iat, ath } = claims;
    if (typeof jti !== 'string' || jti.length < 1 || jti.length > 256) throw bad('The DPoP proof needs a jti');
    if (htm !== method) throw bad('The DPoP proof is for another HTTP method (htm)');
    if (typeof htu !== 'string' || withoutQuery(htu) === undefined || withoutQuery(htu) !== withoutQuery(url)) {
      throw bad('The DPoP proof is for another URL (htu)');
    }
    if (typeof iat !== 'number' || Math.abs(nowMs / 1000 - iat) > dpopProofWindowSec) throw bad('The DPoP proof is too old or from the future (iat)');
    const expectedAth = createHash('sha256').update(accessToken).digest('base64url');
    if (ath !== expectedAth) throw bad('The DPoP proof is for another access token (ath)');

    // Last, so that only fully valid proofs take a place in the cache.
    const keep = (dpopProofWindowSec * 2 + clockToleranceSec) * 1000;
    if (await replay.seen(`${jkt}:${jti}`, nowMs + keep, nowMs)) throw bad('The DPoP proof was used before (jti)');
  }

  return verifyProof;
}
