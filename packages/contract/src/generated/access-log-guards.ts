// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
// The guards of the schemas only the access log uses (tag `access-log`), beside guards.ts, so a bundle that never
// reads the access log needs no module that holds them. Same form as guards.ts.
import { type Guard, arr, nullable, obj, oneOf, str } from '../guard.js';
import { accessLogAgentRoleValues, accessLogEntryActionValues, accessLogKindValues } from './enums.js';
import { codingGuard, idGuard } from './guards.js';

/** components.schemas.AccessLogKind */
export const accessLogKindGuard: Guard = /*#__PURE__*/ oneOf(accessLogKindValues);

/** components.schemas.AccessLogCareService */
export const accessLogCareServiceGuard: Guard = /*#__PURE__*/ obj({ id: idGuard, name: /*#__PURE__*/ str({ max: 200 }) }, ['id', 'name']);

/** components.schemas.AccessLogAgent */
export const accessLogAgentGuard: Guard = /*#__PURE__*/ obj(
  {
    role: /*#__PURE__*/ oneOf(accessLogAgentRoleValues),
    name: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 200 })),
    relation: /*#__PURE__*/ nullable(codingGuard),
    careService: /*#__PURE__*/ nullable(accessLogCareServiceGuard),
  },
  ['role', 'name', 'relation', 'careService'],
);

/** components.schemas.AccessLogEntry */
export const accessLogEntryGuard: Guard = /*#__PURE__*/ obj(
  {
    id: /*#__PURE__*/ str({ pattern: /^[1-9][0-9]{0,17}$/u }),
    recorded: /*#__PURE__*/ str({ format: 'date-time' }),
    action: /*#__PURE__*/ oneOf(accessLogEntryActionValues),
    agent: accessLogAgentGuard,
    entity: /*#__PURE__*/ obj({ kind: accessLogKindGuard }, ['kind']),
  },
  ['id', 'recorded', 'action', 'agent', 'entity'],
);

/** components.schemas.AccessLogPage */
export const accessLogPageGuard: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(accessLogEntryGuard, 200),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 200 })),
    from: /*#__PURE__*/ str({ format: 'date' }),
    to: /*#__PURE__*/ str({ format: 'date' }),
  },
  ['items', 'nextCursor', 'from', 'to'],
);
