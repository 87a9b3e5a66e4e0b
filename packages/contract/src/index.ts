export * from './codes.js';
export * from './types.js';
export * from './rules/index.js';
export type { paths, components, operations } from './generated/api.js';
