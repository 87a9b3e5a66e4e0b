// @ts-check
/**
 * Headless sign-in against the sandbox's development OpenID provider, for the contract suite, the
 * API tests and the benchmarks (Node only, no browser): the whole authorization code flow over
 * HTTP with fetch and a small cookie jar, as a browser would do it.
 *
 *   authorize (PKCE S256, acr_values, state, nonce[, dpop_jkt][, resource])
 *   → login page → POST the chosen person → (consent, automatic) → redirect with the code
 *   → token request (with a DPoP proof when `dpop`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

const TIMEOUT_MS = 10_000;
const MAX_HOPS = 12;

/** @param {number} [bytes] */
const random = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** @param {string} value */
const sha256b64url = (value) => createHash('sha256').update(value).digest('base64url');

/** RFC 9449: `htu` is the request URL without query and fragment. */
export const htuOf = (/** @type {string} */ url) => /** @type {string} */ (url.split(/[?#]/, 1)[0]);

/**
 * The JWS algorithm for a public JWK (ES256 for P-256, RS256 for RSA, EdDSA for Ed25519).
 * @param {import('jose').JWK} jwk
 */
function algFor(jwk) {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  throw new TypeError(`no DPoP algorithm for this key (${jwk.kty} ${jwk.crv ?? ''})`);
}

/**
 * A DPoP proof JWT (RFC 9449).
 * @param {object} o
 * @param {import('node:crypto').webcrypto.CryptoKey | import('node:crypto').KeyObject} o.privateKey
 * @param {import('jose').JWK} o.publicJwk the public key, embedded in the header
 * @param {string} o.htm HTTP method
 * @param {string} o.htu request URL (query and fragment are dropped)
 * @param {string} [o.accessToken] adds `ath` (required at the API, absent at the token endpoint)
 * @param {string} [o.jti] default: a random UUID
 * @param {number} [o.iat] seconds since the epoch, default now
 * @param {string} [o.nonce] a server-provided DPoP nonce
 * @param {string} [o.alg] default from the key type
 * @returns {Promise<string>}
 */
export async function makeDpopProof({ privateKey, publicJwk, htm, htu, accessToken, jti, iat, nonce, alg }) {
  const { kty, crv, x, y, n, e } = publicJwk;
  /** @type {import('jose').JWK} */
  const jwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
  /** @type {Record<string, unknown>} */
  const payload = { htm, htu: htuOf(htu), jti: jti ?? randomUUID() };
  if (accessToken !== undefined) payload.ath = sha256b64url(accessToken);
  if (nonce !== undefined) payload.nonce = nonce;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: alg ?? algFor(jwk), typ: 'dpop+jwt', jwk })
    .setIssuedAt(iat ?? Math.floor(Date.now() / 1000))
    .sign(privateKey);
}

/**
 * A minimal cookie jar for one origin (enough for oidc-provider's cookies).
 */
class CookieJar {
  /** @type {Map<string, { value: string, path: string }>} */
  #cookies = new Map();

  /** @param {Response} res */
  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expired = false;
      for (const attr of attrs) {
        const [k = '', v = ''] = attr.split('=').map((s) => s.trim());
        const key = k.toLowerCase();
        if (key === 'path' && v.startsWith('/')) path = v;
        if (key === 'max-age' && Number(v) <= 0) expired = true;
        if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      const id = `${name}\n${path}`;
      if (expired || value === '') this.#cookies.delete(id);
      else this.#cookies.set(id, { value, path });
    }
  }

  /** @param {URL} url */
  header(url) {
    const out = [];
    for (const [id, c] of this.#cookies) {
      const matches = url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`);
      if (matches) out.push(`${id.split('\n', 1)[0]}=${c.value}`);
    }
    return out.join('; ');
  }
}

/** @param {string} s */
const decodeEntities = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * @typedef {object} SignInResult
 * @property {string} accessToken
 * @property {string} idToken
 * @property {string | undefined} refreshToken (the provider issues none to browser clients)
 * @property {string} tokenType `Bearer` or `DPoP`
 * @property {number} expiresIn seconds
 * @property {string | undefined} scope
 * @property {{ privateKey: import('node:crypto').webcrypto.CryptoKey, publicKey: import('node:crypto').webcrypto.CryptoKey, publicJwk: import('jose').JWK, jkt: string } | undefined} dpopKey
 *   the DPoP key pair (only when `dpop`)
 * @property {((method: string, url: string) => Promise<string>) | undefined} dpopProof
 *   a fresh proof (new jti, `ath` of the access token) for one API request (only when `dpop`)
 * @property {(method: string, url: string) => Promise<Record<string, string>>} authorization
 *   the headers for one API request: `Authorization` (and `DPoP`)
 * @property {(url: string) => string} providerCookies the `Cookie` header the browser would send
 *   to this provider URL (its session cookie: for logout and repeated sign-in tests)
 */

/**
 * Signs in as `personId` through the provider's login page and returns the tokens.
 * @param {object} o
 * @param {string} o.issuer e.g. `http://127.0.0.1:8080/oidc`
 * @param {string} o.clientId
 * @param {string} o.redirectUri one of the client's registered redirect URIs (never fetched)
 * @param {string} o.personId e.g. `psn-ola-7f3a`
 * @param {boolean} [o.dpop] bind the tokens to a fresh ES256 key (RFC 9449)
 * @param {{ privateKey: import('node:crypto').webcrypto.CryptoKey, publicKey: import('node:crypto').webcrypto.CryptoKey }} [o.dpopKeyPair]
 *   with `dpop`: this ES256 key pair instead of a fresh one (the benchmark signs proofs in another process)
 * @param {string} [o.resource] RFC 8707 resource indicator (default: the provider's default)
 * @param {string} [o.scope] default `openid profile`
 * @param {string} [o.acrValues] default `idporten-loa-high`
 * @param {typeof fetch} [o.fetch] how each request is sent (default the global fetch; the
 *   two-instance test sends each step to another instance)
 * @returns {Promise<SignInResult>}
 */
export async function signIn({ issuer, clientId, redirectUri, personId, dpop = false, dpopKeyPair, resource, scope = 'openid profile', acrValues = 'idporten-loa-high', fetch = globalThis.fetch }) {
  const jar = new CookieJar();
  /**
   * @param {string | URL} url
   * @param {RequestInit} [init]
   */
  const go = async (url, init = {}) => {
    const u = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = jar.header(u);
    if (cookie) headers.set('Cookie', cookie);
    const res = await fetch(u, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    jar.store(res);
    return res;
  };

  const discovery = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!discovery.ok) throw new Error(`discovery failed: HTTP ${discovery.status}`);
  const meta = /** @type {{ issuer: string, authorization_endpoint: string, token_endpoint: string }} */ (await discovery.json());
  if (meta.issuer !== issuer) throw new Error(`discovery issuer ${meta.issuer} is not ${issuer}`);

  /** @type {SignInResult['dpopKey']} */
  let dpopKey;
  if (dpop) {
    const { privateKey, publicKey } = dpopKeyPair ?? (await generateKeyPair('ES256'));
    const publicJwk = await exportJWK(publicKey);
    dpopKey = { privateKey, publicKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
  }

  const verifier = random(32);
  const state = random(16);
  const nonce = random(16);
  const auth = new URL(meta.authorization_endpoint);
  for (const [k, v] of Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: sha256b64url(verifier),
    code_challenge_method: 'S256',
    acr_values: acrValues,
    ...(resource ? { resource } : {}),
    ...(dpopKey ? { dpop_jkt: dpopKey.jkt } : {}),
  })) auth.searchParams.set(k, v);

  const target = new URL(redirectUri);
  const isCallback = (/** @type {URL} */ u) => u.origin === target.origin && u.pathname === target.pathname;

  /** @type {URL | undefined} */
  let callback;
  let res = await go(auth);
  let here = auth;
  let chosen = false;
  for (let hop = 0; hop < MAX_HOPS && !callback; hop++) {
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      if (!location) throw new Error(`redirect without Location from ${here.pathname}`);
      const next = new URL(location, here);
      await res.body?.cancel();
      if (isCallback(next)) {
        callback = next;
        break;
      }
      here = next;
      res = await go(next);
      continue;
    }
    const body = await res.text();
    if (res.status !== 200 || chosen) {
      throw new Error(`sign-in stopped at ${here.pathname}: HTTP ${res.status} ${body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    }
    // The login page: one form per person.
    /** @type {string | undefined} */
    let action;
    for (const m of body.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
      const inner = /** @type {string} */ (m[2]);
      if (new RegExp(`name="person" value="${personId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(inner)) {
        action = decodeEntities(/** @type {string} */ (m[1]));
        break;
      }
    }
    if (!action) throw new Error(`person ${personId} is not on the login page`);
    chosen = true;
    here = new URL(action, here);
    res = await go(here, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ person: personId }).toString(),
    });
  }
  if (!callback) throw new Error('sign-in did not come back to the redirect URI');

  const q = callback.searchParams;
  if (q.get('error')) throw new Error(`sign-in failed: ${q.get('error')} ${q.get('error_description') ?? ''}`.trim());
  if (q.get('state') !== state) throw new Error('state mismatch in the callback');
  if (q.has('iss') && q.get('iss') !== issuer) throw new Error('iss mismatch in the callback');
  const code = q.get('code');
  if (!code) throw new Error('no code in the callback');

  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
    ...(resource ? { resource } : {}),
  });
  /** @param {string} [dpopNonce] */
  const tokenRequest = async (dpopNonce) => {
    /** @type {Record<string, string>} */
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (dpopKey) {
      headers.DPoP = await makeDpopProof({ ...dpopKey, htm: 'POST', htu: meta.token_endpoint, ...(dpopNonce ? { nonce: dpopNonce } : {}) });
    }
    return fetch(meta.token_endpoint, { method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(TIMEOUT_MS) });
  };
  let tokenRes = await tokenRequest();
  let json = /** @type {Record<string, any>} */ (await tokenRes.json());
  if (tokenRes.status === 400 && json.error === 'use_dpop_nonce' && tokenRes.headers.get('dpop-nonce')) {
    tokenRes = await tokenRequest(/** @type {string} */ (tokenRes.headers.get('dpop-nonce')));
    json = /** @type {Record<string, any>} */ (await tokenRes.json());
  }
  if (!tokenRes.ok) throw new Error(`token request failed: HTTP ${tokenRes.status} ${json.error ?? ''} ${json.error_description ?? ''}`.trim());

  const accessToken = String(json.access_token);
  const key = dpopKey;
  const dpopProof = key
    ? (/** @type {string} */ method, /** @type {string} */ url) => makeDpopProof({ ...key, htm: method.toUpperCase(), htu: url, accessToken })
    : undefined;
  return {
    accessToken,
    idToken: String(json.id_token),
    refreshToken: json.refresh_token,
    tokenType: String(json.token_type),
    expiresIn: Number(json.expires_in),
    scope: json.scope,
    dpopKey,
    dpopProof,
    async authorization(method, url) {
      /** @type {Record<string, string>} */
      const headers = { Authorization: `${dpopProof ? 'DPoP' : 'Bearer'} ${accessToken}` };
      if (dpopProof) headers.DPoP = await dpopProof(method, url);
      return headers;
    },
    providerCookies: (url) => jar.header(new URL(url)),
  };
}
