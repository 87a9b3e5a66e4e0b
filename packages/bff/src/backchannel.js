// @ts-check
/**
 * OpenID Connect Back-Channel Logout 1.0: the provider POSTs a logout token (a signed JWT) when
 * the person's session there ends; every BFF session of that provider session (`sid`) ends.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * @param {object} o
 * @param {() => Promise<{ issuer: string, jwksUri: string }>} o.provider
 * @param {string} o.clientId
 */
export function createLogoutTokenVerifier({ provider, clientId }) {
  /** @type {ReturnType<typeof createRemoteJWKSet> | undefined} */
  let jwks;
  /**
   * @param {string} token
   * @returns {Promise<{ sid?: string, sub?: string }>}
   */
  return async (token) => {
    const { issuer, jwksUri } = await provider();
    jwks ??= createRemoteJWKSet(new URL(jwksUri));
    const { payload } = await jwtVerify(token, jwks, {
      issuer,
      audience: clientId,
      algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      requiredClaims: ['iat', 'jti', 'events'],
      maxTokenAge: '5m',
    });
    const events = /** @type {Record<string, unknown>} */ (payload.events ?? {});
    if (typeof events !== 'object' || !(LOGOUT_EVENT in events)) throw new Error('not a logout token');
    if ('nonce' in payload) throw new Error('a logout token has no nonce');
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (!sid && !payload.sub) throw new Error('a logout token names sid or sub');
    return { ...(sid ? { sid } : {}), ...(payload.sub ? { sub: payload.sub } : {}) };
  };
}
