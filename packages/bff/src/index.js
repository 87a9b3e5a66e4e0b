// @ts-check
/** @omsorg/bff: the backend-for-frontend for a municipality's Min side. See README.md. */
export { createBff, safeReturnPath, CSRF_HEADER } from './bff.js';
export { openBffDatabase, migrateBff } from './db.js';
export { generateClientKey, publicJwk, loadOrCreateDevKeys } from './keys.js';
export { contractRoutes, allowed } from './routes.js';
export { IDLE_MS, ABSOLUTE_MS } from './sessions.js';
/** @typedef {import('./bff.js').Bff} Bff */
/** @typedef {import('./bff.js').BffOptions} BffOptions */
