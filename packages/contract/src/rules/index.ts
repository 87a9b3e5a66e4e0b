/**
 * The rules core: every rule that more than one side enforces (the mocks, the sandbox, the SDK's
 * and the elements' checks before sending), written once, with no dependencies. A new feature adds
 * its rules here first; the servers are thin adapters over it (memory or SQL).
 */
export * from './access-log.js';
export * from './attachments.js';
export * from './cancel.js';
export * from './consent.js';
export * from './etag.js';
export * from './figures.js';
export * from './identity.js';
export * from './json.js';
export * from './messages.js';
export * from './notices.js';
export * from './paging.js';
export * from './patterns.js';
export * from './problem-body.js';
export * from './problems.js';
export * from './sign-in.js';
export * from './sources.js';
export * from './text.js';
export * from './threads.js';
export * from './time.js';
export * from './series.js';
