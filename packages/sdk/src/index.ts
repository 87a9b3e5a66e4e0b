/** @omsorg/sdk: sign-in, typed API calls with retry, a shared store, typed errors and events. */
export { createClient } from './client.js';
export { createLazyClient } from './lazy-client.js';
export { createMockAuth, MOCK_AUTH_KEY } from './auth/mock-auth.js';
export type { MockAuth, MockAuthOptions } from './auth/mock-auth.js';
export { createOidcAuth } from './auth/oidc-auth.js';
export { createBffAuth } from './auth/bff-auth.js';
export type { BffAuth, BffAuthConfig } from './auth/bff-auth.js';
export type { OidcAuth, OidcAuthConfig, UserManagerLike } from './auth/oidc-auth.js';
export { OmsorgError, isOmsorgError, isRetryable, StepUpRequiredError, isStepUpRequired } from './errors.js';
export type { OmsorgErrorInit } from './errors.js';
export type * from './types.js';
