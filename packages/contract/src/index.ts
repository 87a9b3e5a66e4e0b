export * from './codes.js';
export * from './types.js';
export * from './rules/index.js';
export type { paths, components, operations } from './generated/api.js';
export * from './generated/enums.js';
export * from './generated/guards.js';
export * from './generated/message-guards.js';
export type { Guard } from './guard.js';
export * from './generated/access-log-guards.js';
