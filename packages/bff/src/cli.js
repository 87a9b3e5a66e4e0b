#!/usr/bin/env node
// @ts-check
/**
 * Runs the BFF alone from environment variables (a municipality's deployment; see README.md).
 * It serves only `/bff/…`: put it behind the same site as the Min side (a reverse proxy routes
 * `/bff/` here), so the cookie is same-site.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createBff } from './bff.js';
import { openBffDatabase } from './db.js';

const env = process.env;
/** @param {string} name */
const need = (name) => {
  const v = env[name]?.trim();
  if (!v) {
    console.error(`omsorg bff: ${name} is required (see packages/bff/README.md)`);
    process.exit(2);
  }
  return v;
};

const clientKey = JSON.parse(env.OMSORG_BFF_CLIENT_KEY ?? (await readFile(need('OMSORG_BFF_CLIENT_KEY_FILE'), 'utf8')));
const db = await openBffDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: need('OMSORG_BFF_DATA_DIR') });
const bff = await createBff({
  db,
  sessionKey: need('OMSORG_BFF_SESSION_KEY'),
  publicOrigin: need('OMSORG_BFF_PUBLIC_ORIGIN'),
  apiBaseUrl: need('OMSORG_BFF_API_URL'),
  issuer: need('OMSORG_BFF_ISSUER'),
  clientId: need('OMSORG_BFF_CLIENT_ID'),
  clientKey,
  ...(env.OMSORG_BFF_ALLOWED_ORIGINS ? { allowedOrigins: env.OMSORG_BFF_ALLOWED_ORIGINS.split(/\s+/).filter(Boolean) } : {}),
  ...(env.OMSORG_BFF_POST_LOGOUT_URI ? { postLogoutRedirectUri: env.OMSORG_BFF_POST_LOGOUT_URI } : {}),
  ...(env.OMSORG_BFF_RESOURCE ? { resource: env.OMSORG_BFF_RESOURCE } : {}),
  ...(env.OMSORG_BFF_ALLOW_HTTP === '1' ? { allowHttp: true } : {}),
  ...(env.OMSORG_BFF_KEEP_SESSIONS === '0' ? { keepSessions: false } : {}),
});
const server = createServer((req, res) => void bff.handle(req, res));
const port = Number(env.PORT ?? 8081);
server.listen(port, env.HOST ?? '127.0.0.1', () => console.log(`omsorg bff on ${env.HOST ?? '127.0.0.1'}:${port}${bff.mountPath}`));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.close();
    void bff.close().then(() => db.close()).then(() => process.exit(0));
  });
}
