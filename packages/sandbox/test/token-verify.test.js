// @ts-check
/**
 * Access-token verification (src/auth/verify.js) against tokens from the real development
 * provider: the happy paths (Bearer, DPoP) and everything the API must refuse with 401.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { problemTitles } from '@omsorg/contract';
import { CompactSign, SignJWT, base64url, calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import {
  AuthError,
  PROBLEM_INSUFFICIENT_ASSURANCE,
  PROBLEM_UNAUTHORIZED,
  ReplayCache,
  createTokenVerifier,
  requestUrl,
} from '../src/auth/verify.js';
import { makeDpopProof, signIn } from '../test-support/login.js';
import { startTestOidcServer } from '../test-support/oidc-server.js';
import { craftAccessToken } from '../test-support/tokens.js';

/** @type {import('../test-support/oidc-server.js').TestOidcServer} */
let op;
/** @type {import('../test-support/login.js').SignInResult} */
let bearer;
/** @type {import('../test-support/login.js').SignInResult} */
let bound;
/** @type {string} */
let url;

before(async () => {
  op = await startTestOidcServer();
  url = `${op.origin}/v1/subjects/me/appointments`;
  const base = { issuer: op.issuer, clientId: op.clientId, redirectUri: op.redirectUri };
  [bearer, bound] = await Promise.all([
    signIn({ ...base, personId: 'psn-ola-7f3a' }),
    signIn({ ...base, personId: 'psn-kari-2c91', dpop: true }),
  ]);
});
after(async () => {
  await op?.close();
});

/** @param {Partial<Parameters<typeof createTokenVerifier>[0]>} [o] */
const makeVerifier = (o = {}) => createTokenVerifier({ issuer: op.issuer, audience: op.apiAudience, jwks: op.oidc.jwks, ...o });

/**
 * Asserts that verification fails with 401 and the given problem type; returns the error.
 * @param {Promise<unknown>} p
 * @param {string} type
 * @param {RegExp} [detail]
 */
async function refused(p, type = PROBLEM_UNAUTHORIZED, detail) {
  const err = await p.then(
    (v) => assert.fail(`expected a 401, got ${JSON.stringify(v)}`),
    (e) => e,
  );
  assert.ok(err instanceof AuthError, `an AuthError, got ${err?.stack ?? err}`);
  assert.equal(err.status, 401);
  assert.equal(err.type, type);
  assert.ok(err.wwwAuthenticate.length > 0);
  if (detail) assert.match(err.detail, detail);
  assert.deepEqual(Object.keys(err.toProblem()).sort(), ['detail', 'status', 'title', 'type']);
  return err;
}

/** DPoP headers for the bound session. @param {string} [method] @param {string} [u] */
const dpopHeaders = async (method = 'GET', u = url) => ({
  authorization: `DPoP ${bound.accessToken}`,
  dpop: await /** @type {NonNullable<typeof bound.dpopProof>} */ (bound.dpopProof)(method, u),
});

describe('happy paths', () => {
  test('a non-bound token sent as Bearer is accepted', async () => {
    const who = await makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } });
    assert.equal(who.personId, 'psn-ola-7f3a');
    assert.equal(who.clientId, op.clientId);
    assert.equal(who.acr, 'idporten-loa-high');
    assert.equal(who.scope, 'openid profile');
    assert.equal(who.scheme, 'Bearer');
    assert.equal(who.jkt, undefined);
  });

  test('a DPoP-bound token with a valid proof is accepted (also via .verify, Headers and the remote JWKS)', async () => {
    const verifier = makeVerifier({ jwks: `${op.issuer}/jwks` });
    const who = await verifier.verify({ method: 'GET', url, headers: new Headers(await dpopHeaders()) });
    assert.equal(who.personId, 'psn-kari-2c91');
    assert.equal(who.jkt, bound.dpopKey?.jkt);
    assert.equal(who.scheme, 'DPoP');
  });

  test('the DPoP htu ignores query and fragment; the scheme name is case-insensitive', async () => {
    const headers = await dpopHeaders('GET', `${url}?when=past`);
    const who = await makeVerifier()({ method: 'GET', url: `${url}?when=upcoming#x`, headers: { ...headers, authorization: `dpop ${bound.accessToken}` } });
    assert.equal(who.personId, 'psn-kari-2c91');
  });
});

describe('refused tokens', () => {
  test('no Authorization header: 401 with both challenges', async () => {
    const err = await refused(makeVerifier()({ method: 'GET', url, headers: {} }));
    assert.match(err.wwwAuthenticate, /^Bearer, DPoP algs="ES256[^"]*"$/);
  });

  test('garbled Authorization headers', async () => {
    const v = makeVerifier();
    for (const authorization of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Token ${bearer.accessToken}`, 'Bearer not-a-jwt', 'Bearer a.b.c', `Bearer ${bearer.accessToken} extra`, 'Bearer ey<script>.x.y']) {
      await refused(v({ method: 'GET', url, headers: { authorization } }), PROBLEM_UNAUTHORIZED);
    }
    await refused(v({ method: 'GET', url, headers: { authorization: [`Bearer ${bearer.accessToken}`, `Bearer ${bearer.accessToken}`] } }));
  });

  test('wrong audience', async () => {
    await refused(makeVerifier({ audience: 'https://other.example/api' })({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } }), PROBLEM_UNAUTHORIZED, /audience/);
    const other = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: 'https://other.example/api' });
    const err = await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${other}` } }), PROBLEM_UNAUTHORIZED, /audience/);
    assert.match(err.wwwAuthenticate, /^Bearer error="invalid_token"/);
  });

  test('wrong issuer', async () => {
    await refused(makeVerifier({ issuer: 'http://127.0.0.1:1/oidc' })({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } }), PROBLEM_UNAUTHORIZED, /issuer/);
  });

  test('wrong acr (idporten-loa-substantial) or none: insufficient-assurance, still 401', async () => {
    const v = makeVerifier();
    const substantial = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, acr: 'idporten-loa-substantial' });
    const err = await refused(v({ method: 'GET', url, headers: { authorization: `Bearer ${substantial}` } }), PROBLEM_INSUFFICIENT_ASSURANCE);
    assert.match(err.wwwAuthenticate, /error="insufficient_user_authentication"/);
    assert.match(err.wwwAuthenticate, /acr_values="idporten-loa-high"/);
    assert.equal(err.toProblem().title, problemTitles.insufficientAssurance, 'the title the API answers with');
    const none = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, acr: null });
    await refused(v({ method: 'GET', url, headers: { authorization: `Bearer ${none}` } }), PROBLEM_INSUFFICIENT_ASSURANCE);
    // The same crafted token with acr high passes (the crafting is not what fails).
    const high = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience });
    assert.equal((await v({ method: 'GET', url, headers: { authorization: `Bearer ${high}` } })).personId, 'psn-ola-7f3a');
  });

  test('expired (clock moved past exp), and issued in the future', async () => {
    const late = makeVerifier({ now: () => Date.now() + 610_000 });
    await refused(late({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } }), PROBLEM_UNAUTHORIZED, /expired/);
    const early = makeVerifier({ now: () => Date.now() - 120_000 });
    await refused(early({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } }), PROBLEM_UNAUTHORIZED, /future/);
    const old = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, iat: Math.floor(Date.now() / 1000) - 700, ttl: 600 });
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${old}` } }), PROBLEM_UNAUTHORIZED, /expired/);
  });

  test('tampered signature or payload', async () => {
    const v = makeVerifier();
    const [h, p, sig] = bearer.accessToken.split('.');
    const sigBytes = base64url.decode(/** @type {string} */ (sig));
    sigBytes[10] = /** @type {number} */ (sigBytes[10]) ^ 0xff;
    await refused(v({ method: 'GET', url, headers: { authorization: `Bearer ${h}.${p}.${base64url.encode(sigBytes)}` } }));
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(/** @type {string} */ (p))));
    const forged = base64url.encode(JSON.stringify({ ...payload, sub: 'psn-per-51d0' }));
    await refused(v({ method: 'GET', url, headers: { authorization: `Bearer ${h}.${forged}.${sig}` } }));
  });

  test('signed by another key, or unsigned (alg none)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = op.oidc.jwks.keys.find((k) => k.alg === 'ES256')?.kid;
    const foreign = await new SignJWT({ sub: 'psn-ola-7f3a', client_id: op.clientId, acr: 'idporten-loa-high' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...(kid ? { kid } : {}) })
      .setIssuer(op.issuer).setAudience(op.apiAudience).setIssuedAt().setExpirationTime('5m')
      .sign(privateKey);
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${foreign}` } }));
    const [, p] = bearer.accessToken.split('.');
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${p}.`;
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${none}` } }));
  });

  test('not an access token: the ID token, or typ JWT', async () => {
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.idToken}` } }));
    const plain = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, typ: 'JWT' });
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${plain}` } }), PROBLEM_UNAUTHORIZED, /typ/);
  });

  test('a DPoP-bound token sent as Bearer is refused', async () => {
    const err = await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `Bearer ${bound.accessToken}` } }), PROBLEM_UNAUTHORIZED, /DPoP-bound/);
    assert.match(err.wwwAuthenticate, /^DPoP error="invalid_token"/);
    // Even with a valid proof next to it.
    await refused(makeVerifier()({ method: 'GET', url, headers: { ...(await dpopHeaders()), authorization: `Bearer ${bound.accessToken}` } }));
  });

  test('a non-bound token sent with the DPoP scheme is refused', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = await exportJWK(publicKey);
    const dpop = await makeDpopProof({ privateKey, publicJwk, htm: 'GET', htu: url, accessToken: bearer.accessToken });
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `DPoP ${bearer.accessToken}`, dpop } }), PROBLEM_UNAUTHORIZED, /not DPoP-bound/);
  });
});

/**
 * A fresh DPoP key (jose's generateKeyPair arguments) and an access token bound to it.
 * @param {Parameters<typeof generateKeyPair>} args
 */
async function boundKey(...args) {
  const { privateKey, publicKey } = await generateKeyPair(...args);
  const publicJwk = await exportJWK(publicKey);
  const jkt = await calculateJwkThumbprint(publicJwk);
  const token = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, jkt });
  return { privateKey, publicJwk, jkt, token };
}

describe('refused DPoP proofs', () => {
  test('missing, repeated or garbled DPoP header', async () => {
    const v = makeVerifier();
    const authorization = `DPoP ${bound.accessToken}`;
    const err = await refused(v({ method: 'GET', url, headers: { authorization } }));
    assert.match(err.wwwAuthenticate, /^DPoP error="invalid_dpop_proof".*algs="ES256/);
    const { dpop } = await dpopHeaders();
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: [dpop, dpop] } }));
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: `${dpop}, ${dpop}` } }));
    for (const garbage of ['x', 'a.b.c', bound.accessToken]) await refused(v({ method: 'GET', url, headers: { authorization, dpop: garbage } }));
  });

  test('a replayed proof (same jti twice): the second is refused', async () => {
    const v = makeVerifier();
    const headers = await dpopHeaders();
    assert.equal((await v({ method: 'GET', url, headers })).personId, 'psn-kari-2c91');
    await refused(v({ method: 'GET', url, headers }), PROBLEM_UNAUTHORIZED, /used before/);
    // A fresh proof (new jti) for the same request still works.
    assert.equal((await v({ method: 'GET', url, headers: await dpopHeaders() })).personId, 'psn-kari-2c91');
  });

  test('a proof for another method (htm) or another URL (htu)', async () => {
    const v = makeVerifier();
    await refused(v({ method: 'GET', url, headers: await dpopHeaders('POST', url) }), PROBLEM_UNAUTHORIZED, /htm/);
    await refused(v({ method: 'DELETE', url, headers: await dpopHeaders('GET', url) }), PROBLEM_UNAUTHORIZED, /htm/);
    await refused(v({ method: 'GET', url, headers: await dpopHeaders('GET', `${op.origin}/v1/me`) }), PROBLEM_UNAUTHORIZED, /htu/);
    await refused(v({ method: 'GET', url, headers: await dpopHeaders('GET', url.replace('127.0.0.1', 'localhost')) }), PROBLEM_UNAUTHORIZED, /htu/);
  });

  test('wrong ath (proof made for another access token) or no ath', async () => {
    const key = /** @type {NonNullable<typeof bound.dpopKey>} */ (bound.dpopKey);
    const v = makeVerifier();
    const wrong = await makeDpopProof({ ...key, htm: 'GET', htu: url, accessToken: bearer.accessToken });
    await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop: wrong } }), PROBLEM_UNAUTHORIZED, /ath/);
    const missing = await makeDpopProof({ ...key, htm: 'GET', htu: url });
    await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop: missing } }), PROBLEM_UNAUTHORIZED, /ath/);
  });

  test('a proof signed by another key than cnf.jkt', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = await exportJWK(publicKey);
    const dpop = await makeDpopProof({ privateKey, publicJwk, htm: 'GET', htu: url, accessToken: bound.accessToken });
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop } }), PROBLEM_UNAUTHORIZED, /bound to/);
  });

  test('a proof whose embedded key does not match its signature', async () => {
    const key = /** @type {NonNullable<typeof bound.dpopKey>} */ (bound.dpopKey);
    const { privateKey } = await generateKeyPair('ES256');
    const dpop = await makeDpopProof({ privateKey, publicJwk: key.publicJwk, htm: 'GET', htu: url, accessToken: bound.accessToken });
    await refused(makeVerifier()({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop } }), PROBLEM_UNAUTHORIZED, /signature/);
  });

  test('a proof too old or from the future (iat outside ±60 s)', async () => {
    const key = /** @type {NonNullable<typeof bound.dpopKey>} */ (bound.dpopKey);
    const v = makeVerifier();
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now - 90, now + 90]) {
      const dpop = await makeDpopProof({ ...key, htm: 'GET', htu: url, accessToken: bound.accessToken, iat });
      await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop } }), PROBLEM_UNAUTHORIZED, /iat/);
    }
    const ok = await makeDpopProof({ ...key, htm: 'GET', htu: url, accessToken: bound.accessToken, iat: now - 30 });
    assert.equal((await v({ method: 'GET', url, headers: { authorization: `DPoP ${bound.accessToken}`, dpop: ok } })).personId, 'psn-kari-2c91');
  });

  test('a proof with the wrong typ, a private key in its header, or a disallowed algorithm', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const jkt = await calculateJwkThumbprint(publicJwk);
    const token = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, jkt });
    const v = makeVerifier();
    const authorization = `DPoP ${token}`;
    const claims = { htm: 'GET', htu: url, ath: base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))) };
    /** @param {Record<string, unknown>} header @param {string} [jti] */
    const proof = (header, jti = crypto.randomUUID()) =>
      new SignJWT({ ...claims, jti }).setProtectedHeader(/** @type {any} */ ({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk, ...header })).setIssuedAt().sign(privateKey);
    // The control: this hand-made proof is accepted.
    assert.equal((await v({ method: 'GET', url, headers: { authorization, dpop: await proof({}) } })).jkt, jkt);
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: await proof({ typ: 'JWT' }) } }), PROBLEM_UNAUTHORIZED, /typ/);
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: await proof({ jwk: privateJwk }) } }), PROBLEM_UNAUTHORIZED, /public key/);
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: await proof({ jwk: undefined }) } }), PROBLEM_UNAUTHORIZED, /jwk/);
    const es256Only = makeVerifier({ dpopAlgs: ['RS256'] });
    await refused(es256Only({ method: 'GET', url, headers: { authorization, dpop: await proof({}) } }), PROBLEM_UNAUTHORIZED, /algorithm/);
  });

  test('a proof with a passed exp or a future nbf, a payload that is not an object, or a key unfit for its algorithm', async () => {
    const { privateKey, publicJwk, jkt, token } = await boundKey('ES256');
    const v = makeVerifier();
    const authorization = `DPoP ${token}`;
    const ath = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
    const now = Math.floor(Date.now() / 1000);
    /** @param {Record<string, unknown>} extra */
    const proof = (extra) =>
      new SignJWT({ htm: 'GET', htu: url, ath, jti: crypto.randomUUID(), ...extra })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk })
        .setIssuedAt()
        .sign(privateKey);
    // The controls: an exp ahead and an nbf passed are accepted.
    assert.equal((await v({ method: 'GET', url, headers: { authorization, dpop: await proof({ exp: now + 120, nbf: now - 10 }) } })).jkt, jkt);
    for (const [extra, detail] of /** @type {const} */ ([[{ exp: now - 120 }, /\(exp\)/], [{ nbf: now + 120 }, /\(nbf\)/], [{ exp: 'tomorrow' }, /\(exp\)/]])) {
      await refused(v({ method: 'GET', url, headers: { authorization, dpop: await proof(extra) } }), PROBLEM_UNAUTHORIZED, detail);
    }
    // A signed JSON array is a JWS, not a JWT.
    const array = await new CompactSign(new TextEncoder().encode('["GET"]')).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk }).sign(privateKey);
    await refused(v({ method: 'GET', url, headers: { authorization, dpop: array } }), PROBLEM_UNAUTHORIZED, /signature/);

    // An RSA key in a proof that says ES256 (the token is bound to that key).
    const { privateKey: rsaKey, publicJwk: rsaJwk, token: rsaToken } = await boundKey('RS256');
    const rsaSigned = await makeDpopProof({ privateKey: rsaKey, publicJwk: rsaJwk, htm: 'GET', htu: url, accessToken: rsaToken });
    const [, body, signature] = rsaSigned.split('.');
    const head = base64url.encode(JSON.stringify({ alg: 'ES256', typ: 'dpop+jwt', jwk: rsaJwk }));
    await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${rsaToken}`, dpop: `${head}.${body}.${signature}` } }), PROBLEM_UNAUTHORIZED, /signature/);
    // The same proof as RS256 is accepted.
    assert.equal((await v({ method: 'GET', url, headers: { authorization: `DPoP ${rsaToken}`, dpop: rsaSigned } })).scheme, 'DPoP');
    // An RSA key shorter than 2048 bits is refused, though its signature is right.
    // (jose will not make or use such a key: node:crypto makes and signs it.)
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const shortJwk = /** @type {import('jose').JWK} */ (short.publicKey.export({ format: 'jwk' }));
    const shortToken = await craftAccessToken({ dataDir: op.dataDir, issuer: op.issuer, audience: op.apiAudience, jkt: await calculateJwkThumbprint(shortJwk) });
    const shortAth = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(shortToken))));
    const shortInput = `${base64url.encode(JSON.stringify({ alg: 'RS256', typ: 'dpop+jwt', jwk: shortJwk }))}.${base64url.encode(JSON.stringify({ htm: 'GET', htu: url, ath: shortAth, jti: crypto.randomUUID(), iat: now }))}`;
    const shortProof = `${shortInput}.${base64url.encode(nodeSign('sha256', Buffer.from(shortInput), short.privateKey))}`;
    await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${shortToken}`, dpop: shortProof } }), PROBLEM_UNAUTHORIZED, /signature/);
  });

  test('proofs with the fully specified Ed25519 algorithm are accepted, and their signature is checked', async () => {
    const { privateKey, publicJwk, jkt, token } = await boundKey('Ed25519');
    const v = makeVerifier();
    const dpop = await makeDpopProof({ privateKey, publicJwk, htm: 'GET', htu: url, accessToken: token, alg: 'Ed25519' });
    assert.equal(JSON.parse(new TextDecoder().decode(base64url.decode(dpop.split('.')[0] ?? ''))).alg, 'Ed25519');
    assert.equal((await v({ method: 'GET', url, headers: { authorization: `DPoP ${token}`, dpop } })).jkt, jkt);
    const other = await generateKeyPair('Ed25519');
    const forged = await makeDpopProof({ privateKey: other.privateKey, publicJwk, htm: 'GET', htu: url, accessToken: token, alg: 'Ed25519' });
    await refused(v({ method: 'GET', url, headers: { authorization: `DPoP ${token}`, dpop: forged } }), PROBLEM_UNAUTHORIZED, /signature/);
  });

  test('EdDSA proofs are accepted too', async () => {
    const { privateKey, publicJwk, jkt, token } = await boundKey('EdDSA', { crv: 'Ed25519' });
    const dpop = await makeDpopProof({ privateKey, publicJwk, htm: 'GET', htu: url, accessToken: token });
    assert.equal((await makeVerifier()({ method: 'GET', url, headers: { authorization: `DPoP ${token}`, dpop } })).jkt, jkt);
  });
});

describe('requestUrl', () => {
  test('builds the URL the client called from Host and the path', () => {
    const req = /** @type {any} */ ({ url: '/v1/me?x=1', headers: { host: '127.0.0.1:8080' } });
    assert.equal(requestUrl(req), 'http://127.0.0.1:8080/v1/me?x=1');
    assert.equal(requestUrl(req, { origin: 'https://sandbox.example' }), 'https://sandbox.example/v1/me?x=1');
  });
});

describe('replay cache', () => {
  test('is bounded and forgets expired entries', () => {
    const cache = new ReplayCache(3);
    assert.equal(cache.seen('a', 1000, 0), false);
    assert.equal(cache.seen('a', 1000, 10), true);
    assert.equal(cache.seen('b', 1010, 10), false);
    assert.equal(cache.seen('c', 1020, 20), false);
    assert.equal(cache.seen('d', 1030, 30), false);
    assert.equal(cache.size, 3, 'the oldest went');
    assert.equal(cache.seen('a', 1040, 40), false, 'forgotten when full');
    assert.equal(cache.seen('x', 5000, 2000), false);
    assert.equal(cache.size, 1, 'expired entries are dropped');
  });
});

describe('verified-token cache', () => {
  /** A verifier on a clock of our own that counts signature checks (key look-ups). */
  const counting = (/** @type {Partial<Parameters<typeof createTokenVerifier>[0]>} */ o = {}) => {
    const local = createLocalJWKSet(/** @type {any} */ (op.oidc.jwks));
    const state = { keys: 0, t: Date.now() };
    /** @type {import('jose').JWTVerifyGetKey} */
    const jwks = (h, t) => {
      state.keys++;
      return local(h, t);
    };
    return { state, v: makeVerifier({ jwks, now: () => state.t, ...o }) };
  };
  /** GET of the list (url is set in before()). */
  const get = () => ({ method: 'GET', url });

  test('the same token is verified once; expiry is still checked on every request', async () => {
    const { state, v } = counting();
    const headers = { authorization: `Bearer ${bearer.accessToken}` };
    assert.equal((await v({ ...get(), headers })).personId, 'psn-ola-7f3a');
    assert.equal((await v({ ...get(), headers })).personId, 'psn-ola-7f3a');
    assert.equal(state.keys, 1, 'the signature was checked once');
    state.t += 610_000;
    await refused(v({ ...get(), headers }), PROBLEM_UNAUTHORIZED, /expired/);
    state.t -= 610_000 + 120_000;
    await refused(v({ ...get(), headers }), PROBLEM_UNAUTHORIZED, /future/);
  });

  test('a remembered token is verified again after a minute', async () => {
    const { state, v } = counting();
    const headers = { authorization: `Bearer ${bearer.accessToken}` };
    await v({ ...get(), headers });
    state.t += 61_000;
    await v({ ...get(), headers });
    assert.equal(state.keys, 2);
  });

  test('a DPoP-bound token: its proof is checked on every request', async () => {
    const { state, v } = counting();
    const first = await dpopHeaders();
    assert.equal((await v({ ...get(), headers: first })).personId, 'psn-kari-2c91');
    assert.equal((await v({ ...get(), headers: await dpopHeaders() })).personId, 'psn-kari-2c91');
    assert.equal(state.keys, 1);
    await refused(v({ ...get(), headers: first }), PROBLEM_UNAUTHORIZED, /used before/);
    await refused(v({ ...get(), headers: { authorization: first.authorization } }), PROBLEM_UNAUTHORIZED, /proof/);
    await refused(v({ ...get(), headers: { authorization: `Bearer ${bound.accessToken}` } }), PROBLEM_UNAUTHORIZED, /DPoP-bound/);
  });

  test('tokenCacheSize 0 verifies every time; failures are never remembered', async () => {
    const { state, v } = counting({ tokenCacheSize: 0 });
    const headers = { authorization: `Bearer ${bearer.accessToken}` };
    await v({ ...get(), headers });
    await v({ ...get(), headers });
    assert.equal(state.keys, 2);
    const other = counting();
    const [h, p, sig] = bearer.accessToken.split('.');
    const sigBytes = base64url.decode(/** @type {string} */ (sig));
    sigBytes[10] = /** @type {number} */ (sigBytes[10]) ^ 0xff;
    const tampered = { authorization: `Bearer ${h}.${p}.${base64url.encode(sigBytes)}` };
    await refused(other.v({ ...get(), headers: tampered }));
    await refused(other.v({ ...get(), headers: tampered }));
    assert.equal(other.state.keys, 2);
  });
});

describe('server-side trouble is not a 401', () => {
  test('an unreachable JWKS URL throws a plain error (answer 5xx), not an AuthError', async () => {
    const v = makeVerifier({ jwks: 'http://127.0.0.1:1/jwks' });
    const err = await v({ method: 'GET', url, headers: { authorization: `Bearer ${bearer.accessToken}` } }).then(
      () => assert.fail('expected an error'),
      (e) => e,
    );
    assert.ok(!(err instanceof AuthError), `got ${err}`);
  });
});
