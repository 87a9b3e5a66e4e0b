// @ts-check
/**
 * Starts the development OpenID provider alone on an ephemeral loopback port, for tests
 * (the provider's own, and API tests that want a provider without the whole sandbox server).
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOidcProvider } from '../src/oidc/provider.js';

export const TEST_CLIENT_ID = 'omsorg-test';

/**
 * @typedef {object} TestOidcServer
 * @property {string} origin e.g. `http://127.0.0.1:41234`
 * @property {string} issuer `${origin}/oidc`
 * @property {string} apiAudience `${origin}/v1`
 * @property {string} clientId
 * @property {string} redirectUri `${origin}/callback` (answered with 200 by this server)
 * @property {string} postLogoutRedirectUri `${origin}/`
 * @property {string} dataDir
 * @property {import('../src/oidc/provider.js').OidcProviderHandle} oidc
 * @property {import('node:http').Server} server
 * @property {(opts?: { keepDataDir?: boolean }) => Promise<void>} close
 */

/**
 * @param {object} [o]
 * @param {string} [o.dataDir] default: a new temporary directory (removed by `close()`)
 * @param {number} [o.port] default 0 (ephemeral); pass the old port to restart "the same" provider
 * @param {number} [o.accessTokenTtl]
 * @param {readonly import('../src/oidc/persons.js').TestPerson[]} [o.persons]
 * @param {() => Date} [o.now] the clock of the sign-in time (`auth_time`)
 * @returns {Promise<TestOidcServer>}
 */
export async function startTestOidcServer({ dataDir, port = 0, accessTokenTtl, persons, now } = {}) {
  const ownDir = !dataDir;
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'omsorg-oidc-')));
  /** @type {import('../src/oidc/provider.js').OidcProviderHandle | undefined} */
  let oidc;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (oidc && (path === oidc.mountPath || path?.startsWith(`${oidc.mountPath}/`))) {
      oidc.handle(req, res).catch((err) => {
        console.error(err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    // The redirect targets answer 200 (a 204 would leave a browser on the provider's page).
    const ok = path === '/callback' || path === '/';
    res.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(ok ? 'ok' : 'not found');
  });
  await /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  }));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${address.port}`;
  const issuer = `${origin}/oidc`;
  const apiAudience = `${origin}/v1`;
  const redirectUri = `${origin}/callback`;
  const postLogoutRedirectUri = `${origin}/`;
  try {
    oidc = await createOidcProvider({
      issuer,
      dataDir: dir,
      apiAudience,
      clients: [{ client_id: TEST_CLIENT_ID, client_name: 'omsorg test', redirect_uris: [redirectUri], post_logout_redirect_uris: [postLogoutRedirectUri] }],
      ...(accessTokenTtl ? { accessTokenTtl } : {}),
      ...(persons ? { persons } : {}),
      ...(now ? { now } : {}),
    });
  } catch (err) {
    server.close();
    throw err;
  }
  return {
    origin,
    issuer,
    apiAudience,
    clientId: TEST_CLIENT_ID,
    redirectUri,
    postLogoutRedirectUri,
    dataDir: dir,
    oidc,
    server,
    async close({ keepDataDir = false } = {}) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (ownDir && !keepDataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
