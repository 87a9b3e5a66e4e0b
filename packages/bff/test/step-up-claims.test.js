// @ts-check
/**
 * The BFF's step-up against a stand-in provider whose ID token says what the test wants (the
 * sandbox's provider always puts a true `auth_time` in it): the pushed request carries `max_age`
 * and `prompt=login`, and the callback refuses an `auth_time` that is missing or older than
 * `max_age`, and accepts a fresh one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createBff, generateClientKey, openBffDatabase } from '../src/index.js';
import { browser } from './helpers.js';

/** What the stand-in provider was asked (the pushed requests) and what its next ID token claims. */
const provider = { pushed: /** @type {URLSearchParams[]} */ ([]), claims: /** @type {Record<string, unknown>} */ ({}) };
/** @type {import('node:http').Server} */ let server;
/** @type {Awaited<ReturnType<typeof createBff>>} */ let bff;
/** @type {Awaited<ReturnType<typeof openBffDatabase>>} */ let db;
/** @type {string} */ let origin;
/** @type {string} */ let dir;

/** @param {import('node:http').IncomingMessage} req */
const form = async (req) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
};

before(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    const issuer = `${origin}/op`;
    const send = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (path.startsWith('/bff')) return void bff.handle(req, res);
    if (path === '/op/.well-known/openid-configuration') {
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        pushed_authorization_request_endpoint: `${issuer}/par`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        dpop_signing_alg_values_supported: ['ES256'],
      });
    }
    if (path === '/op/jwks') return send(200, { keys: [jwk] });
    if (path === '/op/par') {
      return void form(req).then((f) => {
        provider.pushed.push(f);
        send(201, { request_uri: `urn:ietf:params:oauth:request_uri:${provider.pushed.length}`, expires_in: 60 });
      });
    }
    if (path === '/op/token') {
      return void form(req).then(async () => {
        const asked = /** @type {URLSearchParams} */ (provider.pushed.at(-1));
        const idToken = await new SignJWT({ sub: 'psn-ola-7f3a', name: 'Ola Nordmann', nonce: asked.get('nonce'), acr: 'idporten-loa-high', ...provider.claims })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience('omsorg-bff')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        send(200, { access_token: 'opaque-at', token_type: 'DPoP', expires_in: 600, id_token: idToken });
      });
    }
    send(404, {});
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  dir = await mkdtemp(join(tmpdir(), 'omsorg-bff-step-up-'));
  db = await openBffDatabase({ dataDir: dir });
  bff = await createBff({
    db,
    sessionKey: Buffer.alloc(32, 7),
    publicOrigin: origin,
    apiBaseUrl: 'http://127.0.0.1:9',
    issuer: `${origin}/op`,
    clientId: 'omsorg-bff',
    clientKey: await generateClientKey(),
    allowHttp: true,
    keepSessions: false,
    logger: { error: console.error, warn() {} },
  });
});
after(async () => {
  await bff?.close();
  server?.closeAllConnections();
  await new Promise((ok) => server?.close(() => ok(undefined)));
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * /bff/login (with `query`), then the provider's redirect back with a code and the pushed state.
 * @param {string} query
 * @param {Record<string, unknown>} claims what the ID token says besides sub, name, nonce and acr
 */
async function signIn(query, claims) {
  provider.claims = claims;
  const b = browser(origin);
  const login = await b.go(`/bff/login?returnTo=/back${query}`, { follow: false });
  assert.equal(new URL(String(login.res.headers.get('location'))).pathname, '/op/auth');
  const asked = /** @type {URLSearchParams} */ (provider.pushed.at(-1));
  const back = await b.go(`/bff/callback?code=c1&state=${asked.get('state')}`, { follow: false });
  const session = JSON.parse((await b.api('/bff/session')).body);
  return { asked, location: back.res.headers.get('location'), signedIn: session.signedIn === true };
}

const now = () => Math.floor(Date.now() / 1000);

describe('the BFF\'s step-up against a provider that says what the test wants', () => {
  it('the pushed request carries max_age and prompt=login for a step-up, neither otherwise', async () => {
    const step = await signIn('&max_age=300', { auth_time: now() });
    assert.equal(step.asked.get('max_age'), '300');
    assert.equal(step.asked.get('prompt'), 'login');
    const plain = await signIn('', { auth_time: now() });
    assert.equal(plain.asked.has('max_age'), false);
    assert.equal(plain.asked.has('prompt'), false);
  });

  it('a fresh auth_time is accepted: signed in, back at the page', async () => {
    assert.deepEqual((({ location, signedIn }) => ({ location, signedIn }))(await signIn('&max_age=300', { auth_time: now() - 60 })), { location: '/back', signedIn: true });
  });

  it('an auth_time older than max_age, or none, is a failed sign-in and makes no session', async () => {
    for (const claims of [{ auth_time: now() - 3600 }, { auth_time: now() - 400 }, {}]) {
      const r = await signIn('&max_age=300', claims);
      assert.equal(r.location, '/back?omsorg-signin=failed', JSON.stringify(claims));
      assert.equal(r.signedIn, false, JSON.stringify(claims));
    }
  });
});
