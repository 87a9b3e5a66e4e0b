// @ts-check
/**
 * Access-token verification for the sandbox API: JWT access tokens (RFC 9068) from the
 * development OpenID provider (or ID-porten), sent as `Authorization: Bearer <at>` or, when the
 * token is DPoP-bound (`cnf.jkt`), as `Authorization: DPoP <at>` with a `DPoP` proof (RFC 9449).
 *
 * Every failure is an `AuthError` (status 401) with a problem `type`, a `detail` and the value of
 * the `WWW-Authenticate` header to send. Other errors (e.g. the JWKS could not be fetched) are
 * not the client's fault and are thrown as they are (answer them with 5xx).
 *
 * All JOSE work is done by jose; the only other primitive is SHA-256 for `ath`.
 */
import { createHash } from 'node:crypto';
import { problemTitles, problemTypes } from '@omsorg/contract';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
} from 'jose';
import { ReplayCache } from './replay.js';

export { ReplayCache };

/** The problem types a refusal here carries: the contract's, not copies. */
export const PROBLEM_UNAUTHORIZED = problemTypes.unauthorized;
export const PROBLEM_INSUFFICIENT_ASSURANCE = problemTypes.insufficientAssurance;

/** Signature algorithms accepted for access tokens. */
export const ACCESS_TOKEN_ALGS = Object.freeze(['ES256', 'RS256']);
/** Signature algorithms accepted for DPoP proofs (as the provider's `dpop_signing_alg_values_supported`). */
export const DPOP_PROOF_ALGS = Object.freeze(['ES256', 'RS256', 'EdDSA', 'Ed25519']);

/**
 * A request the API must refuse with 401: `status`, problem `type`, `detail`, and the
 * `WWW-Authenticate` header value.
 */
export class AuthError extends Error {
  /**
   * @param {object} o
   * @param {string} o.type problem type URN
   * @param {string} o.detail
   * @param {string} o.wwwAuthenticate
   */
  constructor({ type, detail, wwwAuthenticate }) {
    super(detail);
    this.name = 'AuthError';
    /** @type {401} */
    this.status = 401;
    this.type = type;
    this.title = type === PROBLEM_INSUFFICIENT_ASSURANCE ? problemTitles.insufficientAssurance : problemTitles.unauthorized;
    this.detail = detail;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** RFC 9457 problem details for the response body. */
  toProblem() {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail };
  }
}

/**
 * @typedef {object} VerifiedToken
 * @property {string} personId the token's `sub`
 * @property {string} clientId the token's `client_id`
 * @property {string} acr
 * @property {string | undefined} scope
 * @property {string} [jkt] the DPoP key thumbprint, when the token is DPoP-bound
 * @property {'Bearer' | 'DPoP'} scheme
 * @property {number} expiresAt the token's `exp` (seconds since the epoch)
 * @property {number} authTime the sign-in's `auth_time` (else `iat`: a session is at least as old as its token)
 * @property {string[]} roles the token's `roles` claim (strings only; none for a citizen)
 */

/**
 * @typedef {object} VerifyRequest
 * @property {string} method the HTTP method (e.g. `GET`)
 * @property {string} url the absolute URL as the client called it (scheme, host and port the
 *   client used; behind a proxy, the external URL), used for the DPoP `htu` check
 * @property {import('node:http').IncomingHttpHeaders | Headers | Record<string, string | string[] | undefined>} headers
 */

/**
 * @typedef {((req: VerifyRequest) => Promise<VerifiedToken>) & { verify: (req: VerifyRequest) => Promise<VerifiedToken> }} TokenVerifier
 */

const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

/**
 * Access tokens whose signature and claims (issuer, audience, typ, algorithm) verified, by the
 * exact token string: a client sends the same token on every request, and checking an ES256
 * signature costs more than the rest of a request. A hit is used only while the token's times
 * still hold (exp, nbf, with the clock tolerance) and for at most a minute; otherwise the token is
 * verified again, and fails as it would have. Everything after the signature (iat, sub,
 * client_id, cnf and the DPoP proof, acr) is checked on every request. Bounded: the oldest
 * entries are forgotten.
 */
class VerifiedTokens {
  /** @type {Map<string, { payload: import('jose').JWTPayload, until: number }>} */
  #tokens = new Map();
  #max;
  #tolerance;

  /** @param {number} max @param {number} toleranceSec */
  constructor(max, toleranceSec) {
    this.#max = max;
    this.#tolerance = toleranceSec;
  }

  /** @param {string} token @param {number} nowMs */
  get(token, nowMs) {
    const hit = this.#tokens.get(token);
    if (!hit) return undefined;
    const { exp, nbf } = hit.payload;
    // jose's own conditions (whole seconds): exp > now - tolerance, nbf <= now + tolerance.
    const nowSec = Math.floor(nowMs / 1000);
    const usable =
      nowMs < hit.until &&
      typeof exp === 'number' &&
      exp > nowSec - this.#tolerance &&
      (typeof nbf !== 'number' || nbf <= nowSec + this.#tolerance);
    if (usable) return hit.payload;
    this.#tokens.delete(token);
    return undefined;
  }

  /** @param {string} token @param {import('jose').JWTPayload} payload @param {number} nowMs */
  set(token, payload, nowMs) {
    if (this.#max <= 0) return;
    while (this.#tokens.size >= this.#max) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest === undefined) break;
      this.#tokens.delete(oldest);
    }
    this.#tokens.set(token, { payload, until: nowMs + 60_000 });
  }
}

/**
 * DPoP proof keys already imported, with their thumbprints, by algorithm and the exact JWK the
 * proof carried (its JSON text): importing a key and hashing its thumbprint cost more than
 * checking a signature, and a client sends the same key with every proof. Only keys of proofs
 * whose thumbprint was computed are kept; what a hit saves is work whose result does not change.
 * Bounded: the oldest entries are forgotten.
 */
class ProofKeys {
  /** @type {Map<string, { thumbprint: string, key: Awaited<ReturnType<typeof importJWK>> }>} */
  #keys = new Map();
  #max;

  /** @param {number} max */
  constructor(max) {
    this.#max = max;
  }

  /** @param {string} alg @param {object} jwk */
  get(alg, jwk) {
    return this.#keys.get(`${alg} ${JSON.stringify(jwk)}`);
  }

  /** @param {string} alg @param {object} jwk @param {{ thumbprint: string, key: Awaited<ReturnType<typeof importJWK>> }} value */
  set(alg, jwk, value) {
    if (this.#max <= 0) return;
    while (this.#keys.size >= this.#max) {
      const oldest = this.#keys.keys().next().value;
      if (oldest === undefined) break;
      this.#keys.delete(oldest);
    }
    this.#keys.set(`${alg} ${JSON.stringify(jwk)}`, value);
  }
}

/**
 * @param {VerifyRequest['headers']} headers
 * @param {string} name lower-case
 * @returns {string | string[] | undefined}
 */
function header(headers, name) {
  if (!headers) return undefined;
  if (typeof (/** @type {Headers} */ (headers).get) === 'function') return /** @type {Headers} */ (headers).get(name) ?? undefined;
  const h = /** @type {Record<string, string | string[] | undefined>} */ (headers);
  if (name in h) return h[name];
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : h[key];
}

/** @param {string} s */
const quoted = (s) => `"${s.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`;

/** @param {string} url */
function withoutQuery(url) {
  const u = URL.parse(url);
  if (!u) return undefined;
  u.search = '';
  u.hash = '';
  return u.href;
}

/**
 * @param {unknown} jwks
 * @returns {import('jose').JWTVerifyGetKey}
 */
function keySource(jwks) {
  if (typeof jwks === 'function') return /** @type {import('jose').JWTVerifyGetKey} */ (jwks);
  if (jwks instanceof URL || typeof jwks === 'string') return createRemoteJWKSet(new URL(jwks));
  if (jwks && typeof jwks === 'object' && Array.isArray(/** @type {{ keys?: unknown }} */ (jwks).keys)) {
    // Only public members, whatever was passed in.
    const keys = /** @type {import('jose').JWK[]} */ (/** @type {{ keys: unknown[] }} */ (jwks).keys).map((k) =>
      Object.fromEntries(Object.entries(k).filter(([m]) => !PRIVATE_JWK_MEMBERS.includes(m))),
    );
    return createLocalJWKSet({ keys });
  }
  throw new TypeError('jwks must be a JWK set, a jose key function or the JWKS URL');
}

/** jose error codes that mean "this token is not acceptable" (others are server-side trouble). */
const TOKEN_ERROR_CODES = new Set(
  ['JWT_EXPIRED', 'JWT_CLAIM_VALIDATION_FAILED', 'JWS_SIGNATURE_VERIFICATION_FAILED', 'JWS_INVALID', 'JWT_INVALID', 'JOSE_ALG_NOT_ALLOWED', 'JOSE_NOT_SUPPORTED', 'JWKS_NO_MATCHING_KEY', 'JWKS_MULTIPLE_MATCHING_KEYS'].map((c) => `ERR_${c}`),
);

/**
 * The absolute URL a client called, from a node request (for `verify({ url })` and the DPoP
 * `htu` check): `${protocol}://${Host header}${req.url}`. Behind a proxy that changes the host or
 * scheme, pass the external origin instead.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ protocol?: 'http' | 'https', origin?: string }} [o]
 */
export function requestUrl(req, { protocol = 'http', origin } = {}) {
  const base = origin ?? `${protocol}://${req.headers.host ?? 'localhost'}`;
  return new URL(req.url ?? '/', base).href;
}

/**
 * @param {object} options
 * @param {string} options.issuer the provider's issuer identifier
 * @param {string | string[]} options.audience the API's audience (the provider's `apiAudience`)
 * @param {import('jose').JWTVerifyGetKey | { keys: import('jose').JWK[] } | URL | string} options.jwks
 *   the provider's JWK set (in-process: `createOidcProvider(...).jwks`), a jose key function
 *   (e.g. `createRemoteJWKSet`), or the `jwks_uri`
 * @param {string} [options.requiredAcr] default `idporten-loa-high`
 * @param {number} [options.clockToleranceSec] default 5
 * @param {() => number} [options.now] clock in ms since the epoch (tests), default `Date.now`
 * @param {number} [options.dpopProofWindowSec] how far a proof's `iat` may be from now, default 60
 * @param {number} [options.replayCacheSize] most remembered proof ids, default 100 000
 * @param {import('./replay.js').ReplayStore} [options.replayStore] where proof ids are remembered; default an in-memory
 *   `ReplayCache(replayCacheSize)`; several instances share one in the database (replay.js)
 * @param {readonly string[]} [options.dpopAlgs] accepted DPoP proof algorithms
 * @param {number} [options.tokenCacheSize] most remembered verified access tokens, default 1 000 (0: none)
 * @returns {TokenVerifier}
 */
export function createTokenVerifier({
  issuer,
  audience,
  jwks,
  requiredAcr = 'idporten-loa-high',
  clockToleranceSec = 5,
  now = Date.now,
  dpopProofWindowSec = 60,
  replayCacheSize = 100_000,
  replayStore,
  dpopAlgs = DPOP_PROOF_ALGS,
  tokenCacheSize = 1_000,
}) {
  if (!issuer || !audience) throw new TypeError('issuer and audience are required');
  const getKey = keySource(jwks);
  const replay = replayStore ?? new ReplayCache(replayCacheSize);
  const verified = new VerifiedTokens(tokenCacheSize, clockToleranceSec);
  const proofKeys = new ProofKeys(tokenCacheSize);
  const algs = dpopAlgs.join(' ');

  const bearerChallenge = 'Bearer';
  const dpopChallenge = `DPoP algs="${algs}"`;

  /**
   * @param {'Bearer' | 'DPoP' | undefined} scheme the scheme the client used (undefined: none)
   * @param {string} detail
   * @param {{ error?: string, type?: string, extra?: string }} [o]
   */
  const fail = (scheme, detail, { error = 'invalid_token', type = PROBLEM_UNAUTHORIZED, extra = '' } = {}) => {
    const params = `error="${error}", error_description=${quoted(detail)}${extra}`;
    let wwwAuthenticate;
    if (scheme === 'Bearer') wwwAuthenticate = `Bearer ${params}`;
    else if (scheme === 'DPoP') wwwAuthenticate = `DPoP ${params}, algs="${algs}"`;
    else wwwAuthenticate = `${bearerChallenge}, ${dpopChallenge}`;
    return new AuthError({ type, detail, wwwAuthenticate });
  };

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

  /** @param {VerifyRequest} req */
  async function verify({ method, url, headers }) {
    if (typeof method !== 'string' || typeof url !== 'string' || !URL.canParse(url)) {
      throw new TypeError('verify needs the HTTP method and the absolute request URL');
    }
    const nowMs = now();
    const authorization = header(headers, 'authorization');
    if (authorization === undefined || authorization === '') throw fail(undefined, 'No access token');
    if (typeof authorization !== 'string') throw fail(undefined, 'Send exactly one Authorization header');

    const m = /^([A-Za-z]+) +(\S+)$/.exec(authorization.trim());
    const schemeName = m?.[1]?.toLowerCase();
    if (!m || (schemeName !== 'bearer' && schemeName !== 'dpop')) {
      throw fail(undefined, 'The Authorization header must be "Bearer <token>" or "DPoP <token>"');
    }
    /** @type {'Bearer' | 'DPoP'} */
    const scheme = schemeName === 'dpop' ? 'DPoP' : 'Bearer';
    const accessToken = /** @type {string} */ (m[2]);
    if (!B64TOKEN.test(accessToken)) throw fail(scheme, 'The access token is malformed');

    /** @type {import('jose').JWTPayload | undefined} (client_id, acr, scope and cnf are unknown claims until checked) */
    let payload = verified.get(accessToken, nowMs);
    if (!payload) {
      // Signature and claims, once per token string (a cache hit re-checks the times).
      try {
        ({ payload } = await jwtVerify(accessToken, getKey, {
          issuer,
          audience,
          typ: 'at+jwt',
          algorithms: [...ACCESS_TOKEN_ALGS],
          clockTolerance: clockToleranceSec,
          currentDate: new Date(nowMs),
          requiredClaims: ['exp', 'iat', 'sub', 'client_id'],
        }));
      } catch (err) {
        const code = /** @type {{ code?: string }} */ (err)?.code;
        if (!(err instanceof joseErrors.JOSEError) || !code || !TOKEN_ERROR_CODES.has(code)) throw err;
        if (code === 'ERR_JWT_EXPIRED') throw fail(scheme, 'The access token has expired');
        if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
          const claim = /** @type {import('jose').errors.JWTClaimValidationFailed} */ (err).claim;
          const what = { iss: 'is from another issuer', aud: 'is for another audience', typ: 'is not an access token (typ at+jwt)', nbf: 'is not valid yet' }[claim];
          throw fail(scheme, what ? `The access token ${what}` : `The access token is not valid (${claim})`);
        }
        throw fail(scheme, 'The access token is not valid');
      }
      if (!payload) throw fail(scheme, 'The access token is not valid'); // jwtVerify returned no claims (never: for the type checker)
      verified.set(accessToken, payload, nowMs);
    }

    if (typeof payload.iat === 'number' && payload.iat > nowMs / 1000 + clockToleranceSec) throw fail(scheme, 'The access token is issued in the future');
    if (typeof payload.sub !== 'string' || !payload.sub || typeof payload.client_id !== 'string') throw fail(scheme, 'The access token is not valid');

    // Sender constraint (RFC 9449).
    const cnf = payload.cnf;
    /** @type {string | undefined} */
    let jkt;
    if (cnf !== undefined) {
      const j = cnf && typeof cnf === 'object' ? /** @type {{ jkt?: unknown }} */ (cnf).jkt : undefined;
      if (typeof j !== 'string' || !j) throw fail(scheme, 'The access token has a confirmation method this API does not support');
      jkt = j;
    }
    if (jkt) {
      if (scheme !== 'DPoP') {
        throw fail('DPoP', 'The access token is DPoP-bound: send it as "Authorization: DPoP <token>" with a DPoP proof');
      }
      await verifyProof({ proofHeader: header(headers, 'dpop'), method, url, accessToken, jkt, nowMs });
    } else if (scheme === 'DPoP') {
      throw fail('DPoP', 'The access token is not DPoP-bound: send it as "Authorization: Bearer <token>"');
    }

    if (payload.acr !== requiredAcr) {
      throw fail(scheme, `The sign-in must be at assurance level ${requiredAcr}`, {
        error: 'insufficient_user_authentication',
        type: PROBLEM_INSUFFICIENT_ASSURANCE,
        extra: `, acr_values="${requiredAcr}"`,
      });
    }

    return {
      personId: payload.sub,
      clientId: payload.client_id,
      acr: payload.acr,
      scope: typeof payload.scope === 'string' ? payload.scope : undefined,
      ...(jkt ? { jkt } : {}),
      scheme,
      expiresAt: /** @type {number} */ (payload.exp),
      authTime: typeof payload.auth_time === 'number' ? payload.auth_time : /** @type {number} */ (payload.iat),
      roles: Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === 'string') : [],
    };
  }

  return Object.assign(verify, { verify });
}
