// @ts-check
/**
 * @omsorg/sandbox: the omsorg contract for real on one machine (API + database + development
 * OpenID provider + demo page). See README.md.
 */
export { startSandbox, CSP, DEMO_CLIENT_ID, TEST_CLIENT_ID } from './server.js';
export { loopbackAddress } from './http/loopback.js';
export { createApi } from './api/index.js';
export { openDatabase, dropSchema, DEFAULT_DATA_DIR, DEFAULT_PG_DIR, DEFAULT_SCHEMA } from './db/index.js';
export { migrate, loadMigrations, MIGRATIONS_DIR } from './db/migrate.js';
export { seed, isEmpty } from './db/seed.js';
export { testPersons } from './oidc/persons.js';
