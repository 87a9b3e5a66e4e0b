// @ts-check
/**
 * The DPoP proof (RFC 9449) that comes with a DPoP-bound access token (verify.js): exactly one
 * proof header; its typ, algorithm and public key; the key's thumbprint against the token's
 * `cnf.jkt`; the signature; the method, URL, time and access-token hash it is for; and last its
 * id (jti) against replay (replay.js), so only fully valid proofs take a place there.
 *
 * The JOSE work is done by libraries: jose reads the header and computes the key's thumbprint;
 * fast-jwt checks the signature of ES256, RS256 and EdDSA proofs, synchronously with node:crypto.
 * jose's verification goes through WebCrypto, a job on Node's thread pool for every proof: under
 * load on 2 cores that cost the server about 40 µs of CPU a request more (scripts/bench-sandbox.mjs,
 * the two taken in turn; README). jose
 * still checks the algorithm fast-jwt does not know (`Ed25519`, the fully specified name). The
 * only other primitive is SHA-256 for `ath`.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { createVerifier, TokenError } from 'fast-jwt';
import { calculateJwkThumbprint, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify } from 'jose';
import { boundedMap } from '@omsorg/bff/bounded';

/** Signature algorithms accepted for DPoP proofs (as the provider's `dpop_signing_alg_values_supported`). */
export const DPOP_PROOF_ALGS = Object.freeze(['ES256', 'RS256', 'EdDSA', 'Ed25519']);

/** JWK members only a private key has: never accepted in a proof, never kept from a JWK set. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

/** Proof algorithms whose signature fast-jwt checks (synchronously); jose checks the others. */
const SYNC_ALGS = new Set(['ES256', 'RS256', 'EdDSA']);

/**
 * Checks a proof's signature and typ with one public key, and returns its claims (not yet
 * checked: verifyProof does that).
 * @typedef {(proof: string, nowMs: number) => Promise<Record<string, unknown>> | Record<string, unknown>} SignatureCheck
 */

/**
 * @param {import('jose').JWK} jwk
 * @param {string} alg
 * @param {number} clockToleranceSec
 * @returns {Promise<SignatureCheck>}
 */
async function signatureCheck(jwk, alg, clockToleranceSec) {
  if (SYNC_ALGS.has(alg)) {
    const publicKey = createPublicKey({ key: /** @type {import('node:crypto').JsonWebKey} */ (jwk), format: 'jwk' });
    // As jose: an RSA key shorter than 2048 bits is refused (fast-jwt would take it).
    if (publicKey.asymmetricKeyType === 'rsa' && (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new TypeError('RSA keys must be 2048 bits or longer');
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    // exp and nbf (rare in a proof) are checked in verifyProof against the request's clock.
    const verify = createVerifier({ key: pem, algorithms: [/** @type {import('fast-jwt').Algorithm} */ (alg)], checkTyp: 'dpop+jwt', ignoreExpiration: true, ignoreNotBefore: true, cache: false });
    return (proof) => verify(proof);
  }
  const key = await importJWK(jwk, alg);
  return async (proof, nowMs) => {
    const { payload } = await jwtVerify(proof, key, { typ: 'dpop+jwt', algorithms: [alg], clockTolerance: clockToleranceSec, currentDate: new Date(nowMs) });
    return payload;
  };
}

/**
 * Each proof key's signature check (signatureCheck) and thumbprint, by algorithm and the exact JWK
 * the proof carried (its JSON text): importing a key and hashing its thumbprint cost more than
 * checking a signature, and a client sends the same key with every proof. Only keys of proofs
 * whose thumbprint was computed are kept; what a hit saves is work whose result does not change.
 * Bounded: the oldest entries are forgotten.
 */
class ProofKeys {
  /** @type {ReturnType<typeof boundedMap<{ thumbprint: string, check: SignatureCheck }>>} */
  #keys;

  /** @param {number} max */
  constructor(max) {
    this.#keys = boundedMap(max);
  }

  /** @param {string} alg @param {object} jwk */
  get(alg, jwk) {
    return this.#keys.get(`${alg} ${JSON.stringify(jwk)}`);
  }

  /** @param {string} alg @param {object} jwk @param {{ thumbprint: string, check: SignatureCheck }} value */
  set(alg, jwk, value) {
    this.#keys.set(`${alg} ${JSON.stringify(jwk)}`, value);
  }
}

/** @param {unknown} err */
function isCryptoError(err) {
  const code = err instanceof Error ? /** @type {{ code?: unknown }} */ (err).code : undefined;
  return typeof code === 'string' && /^ERR_(CRYPTO|OSSL)_/.test(code);
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

    /** @type {Record<string, unknown>} */
    let claims;
    try {
      let check = known?.check;
      if (!check) {
        check = await signatureCheck(jwk, head.alg, clockToleranceSec);
        proofKeys.set(head.alg, jwk, { thumbprint, check });
      }
      claims = await check(proof, nowMs);
    } catch (err) {
      // A key that does not fit the algorithm fails here as well (node:crypto: an Error with a code).
      if (err instanceof joseErrors.JOSEError || err instanceof TokenError || err instanceof TypeError || isCryptoError(err)) {
        throw bad('The DPoP proof signature is not valid');
      }
      throw err;
    }

    // As jose checks them, in whole seconds with the clock tolerance.
    const { jti, htm, htu, iat, ath, exp, nbf } = claims;
    const nowSec = Math.floor(nowMs / 1000);
    if (exp !== undefined && (typeof exp !== 'number' || exp <= nowSec - clockToleranceSec)) throw bad('The DPoP proof has expired (exp)');
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSec + clockToleranceSec)) throw bad('The DPoP proof is not valid yet (nbf)');
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
