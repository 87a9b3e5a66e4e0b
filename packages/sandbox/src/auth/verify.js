// @ts-check
/**
 * Access-token verification for the sandbox API: JWT access tokens (RFC 9068) from the
 * development OpenID provider (or ID-porten), sent as `Authorization: Bearer <at>` or, when the
 * token is DPoP-bound (`cnf.jkt`), as `Authorization: DPoP <at>` with a `DPoP` proof (RFC 9449).
 *
 * Every failure is an `AuthError` (status 401) with a problem `type`, a `detail` and the value of
 * the `WWW-Authenticate` header to send (auth-error.js). Other errors (e.g. the JWKS could not be
 * fetched) are not the client's fault and are thrown as they are (answer them with 5xx).
 *
 * Here: the Authorization header, the access token's signature and claims (verified-tokens.js
 * remembers tokens already verified), the sender constraint and the assurance level. The DPoP
 * proof itself is checked in dpop-proof.js. All JOSE work is done by jose.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ReplayCache } from './replay.js';
import { AuthError, PROBLEM_INSUFFICIENT_ASSURANCE, PROBLEM_UNAUTHORIZED, refusals } from './auth-error.js';
import { DPOP_PROOF_ALGS, PRIVATE_JWK_MEMBERS, createProofVerifier } from './dpop-proof.js';
import { VerifiedTokens } from './verified-tokens.js';

// The public names of token verification stay importable from here.
export { AuthError, DPOP_PROOF_ALGS, PROBLEM_INSUFFICIENT_ASSURANCE, PROBLEM_UNAUTHORIZED, ReplayCache };

/** Signature algorithms accepted for access tokens. */
export const ACCESS_TOKEN_ALGS = Object.freeze(['ES256', 'RS256']);

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
  const algs = dpopAlgs.join(' ');
  const fail = refusals(algs);
  const verifyProof = createProofVerifier({ dpopAlgs, clockToleranceSec, dpopProofWindowSec, replay, cacheSize: tokenCacheSize, fail });

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
