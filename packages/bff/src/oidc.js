// @ts-check
/**
 * The BFF as a confidential OpenID client (openid-client 6): PAR, private_key_jwt, PKCE S256,
 * `state` and `nonce`, DPoP-bound tokens with a key per session, `acr` checked in the ID token,
 * refresh on the server when the provider gives a refresh token, and the provider's end-session
 * endpoint (for the browser to call by POST, with no ID token). A step-up sign-in sends `max_age`
 * and `prompt=login` in the pushed request, and its `auth_time` must then be at most `max_age`
 * old: openid-client checks it on this process's clock, and the BFF on its own clock (`now`, the
 * one its sessions are judged by) with the rules core's `isSignedInWithin`.
 */
import * as client from 'openid-client';
import { exportJWK, generateKeyPair, importJWK } from 'jose';
import { isSignedInWithin } from '@omsorg/contract';

export const ACR_HIGH = 'idporten-loa-high';

/**
 * @typedef {object} OidcOptions
 * @property {string} issuer
 * @property {string} clientId
 * @property {import('jose').JWK} clientKey the private JWK for private_key_jwt (with `kid` and `alg`)
 * @property {string} redirectUri the BFF's callback, as registered
 * @property {string} [postLogoutRedirectUri]
 * @property {string} [scope] default `openid profile`
 * @property {string} [acr] the `acr` the ID token must carry, default `idporten-loa-high`
 * @property {string} [resource] RFC 8707 resource indicator for the API
 * @property {boolean} [allowHttp] plain-http provider (development only)
 * @property {() => Date} [now] the clock a step-up's `auth_time` is judged by (tests)
 */

/** @param {OidcOptions} o */
export function createOidcClient(o) {
  const scope = o.scope ?? 'openid profile';
  const acr = o.acr ?? ACR_HIGH;
  const now = o.now ?? (() => new Date());
  /** @type {Promise<client.Configuration> | undefined} */
  let configuring;

  const config = () =>
    (configuring ??= (async () => {
      const alg = o.clientKey.alg ?? 'ES256';
      const key = /** @type {import('node:crypto').webcrypto.CryptoKey} */ (await importJWK(o.clientKey, alg));
      const c = await client.discovery(
        new URL(o.issuer),
        o.clientId,
        { token_endpoint_auth_signing_alg: alg, id_token_signed_response_alg: 'RS256' },
        client.PrivateKeyJwt({ key, ...(o.clientKey.kid ? { kid: o.clientKey.kid } : {}) }),
        { execute: o.allowHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
      );
      return c;
    })().catch((err) => {
      configuring = undefined; // try discovery again next time
      throw err;
    }));

  /** @param {import('jose').JWK} priv @param {import('jose').JWK} pub */
  const keyPair = async (priv, pub) => ({
    privateKey: /** @type {import('node:crypto').webcrypto.CryptoKey} */ (await importJWK(priv, 'ES256')),
    publicKey: /** @type {import('node:crypto').webcrypto.CryptoKey} */ (await importJWK(pub, 'ES256')),
  });

  return {
    config,

    /**
     * Starts a sign-in: a pushed authorization request; returns where to send the browser and
     * what the callback needs (kept server-side). With `maxAge` (seconds, checked by the caller)
     * a step-up: the provider must authenticate anew (OpenID Connect Core 3.1.2.1).
     * @param {{ maxAge?: number }} [o]
     */
    async begin({ maxAge } = {}) {
      const c = await config();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const dpopPrivate = await exportJWK(privateKey);
      const dpopPublic = await exportJWK(publicKey);
      const url = await client.buildAuthorizationUrlWithPAR(
        c,
        {
          redirect_uri: o.redirectUri,
          scope,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
          acr_values: acr,
          ...(o.resource ? { resource: o.resource } : {}),
          ...(maxAge === undefined ? {} : { max_age: String(maxAge), prompt: 'login' }),
        },
        { DPoP: client.getDPoPHandle(c, { privateKey, publicKey }) },
      );
      return { url, pending: { verifier, state, nonce, dpopPrivate, dpopPublic, ...(maxAge === undefined ? {} : { maxAge }) } };
    },

    /**
     * Redeems the code of a callback. Throws when anything does not check out (state, iss,
     * nonce, the ID token, PKCE, the assurance level, and a step-up's `auth_time`).
     * @param {URLSearchParams} query the callback's query
     * @param {{ verifier: string, state: string, nonce: string, dpopPrivate: import('jose').JWK, dpopPublic: import('jose').JWK, maxAge?: number }} pending
     */
    async finish(query, pending) {
      const c = await config();
      const current = new URL(o.redirectUri);
      current.search = query.toString();
      const dpop = client.getDPoPHandle(c, await keyPair(pending.dpopPrivate, pending.dpopPublic));
      const tokens = await client.authorizationCodeGrant(
        c,
        current,
        {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
          ...(typeof pending.maxAge === 'number' ? { maxAge: pending.maxAge } : {}),
        },
        o.resource ? { resource: o.resource } : undefined,
        { DPoP: dpop },
      );
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      if (claims.acr !== acr) throw Object.assign(new Error(`acr ${String(claims.acr)} is not ${acr}`), { code: 'acr' });
      if (String(tokens.token_type).toLowerCase() !== 'dpop') throw new Error('the access token is not DPoP-bound');
      const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : undefined;
      if (authTime === undefined) throw new Error('no auth_time in the ID token');
      if (typeof pending.maxAge === 'number' && !isSignedInWithin(authTime, pending.maxAge, now())) {
        throw Object.assign(new Error(`auth_time ${authTime} is older than max_age ${pending.maxAge}`), { code: 'max_age' });
      }
      return {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        tokenType: 'DPoP',
        expiresIn: tokens.expiresIn() ?? 0,
        sub: claims.sub,
        sid: typeof claims.sid === 'string' ? claims.sid : null,
        name: typeof claims.name === 'string' ? claims.name : '',
        authTime: new Date(authTime * 1000),
      };
    },

    /**
     * New tokens from a refresh token, bound to the same DPoP key.
     * @param {import('./sessions.js').SessionSecrets} s
     */
    async refresh(s) {
      if (!s.refreshToken) return undefined;
      const c = await config();
      const dpop = client.getDPoPHandle(c, await keyPair(s.dpopPrivate, s.dpopPublic));
      const tokens = await client.refreshTokenGrant(c, s.refreshToken, o.resource ? { resource: o.resource } : undefined, { DPoP: dpop });
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? s.refreshToken, expiresIn: tokens.expiresIn() ?? 0 };
    },

    /**
     * What the browser posts to the provider to end the provider's session: the endpoint and
     * the form fields, with `client_id` and no `id_token_hint` (no token, no identity number).
     */
    async endSession() {
      const c = await config();
      const endpoint = c.serverMetadata().end_session_endpoint;
      if (!endpoint) return undefined;
      return {
        url: endpoint,
        fields: { client_id: o.clientId, ...(o.postLogoutRedirectUri ? { post_logout_redirect_uri: o.postLogoutRedirectUri } : {}) },
      };
    },

    /** The provider's JWKS URI and issuer (for logout tokens). */
    async provider() {
      const m = (await config()).serverMetadata();
      return { issuer: m.issuer, jwksUri: /** @type {string} */ (m.jwks_uri) };
    },
  };
}

/** @typedef {ReturnType<typeof createOidcClient>} OidcClient */
