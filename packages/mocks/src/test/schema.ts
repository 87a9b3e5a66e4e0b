/**
 * The contract's own judgement of a body, for the mocks' tests: the Ajv validators compiled from
 * openapi.yaml at generate time (contract/src/generated/validators.js: JSON Schema 2020-12, formats
 * `date-time` and `date` from ajv-formats), the same rules the sandbox and the contract suite
 * apply with Ajv. No hand-written schema checker, and nothing compiled in the browser.
 */
// Test-only and not a published entry point of @omsorg/contract, so imported by path.
import * as validators from '../../../contract/src/generated/validators.js';
import type { SchemaValidator } from '../../../contract/src/generated/validators.js';

/** The validators of every component schema, by name. */
export type OpenApi = Readonly<Record<string, SchemaValidator>>;

/** The compiled contract (async, as tests load it in `before`). */
export function loadContract(): Promise<OpenApi> {
  return Promise.resolve(validators as unknown as OpenApi);
}

/** Error messages against a named component schema, e.g. 'Appointment'; empty when it fits. */
export function validateAs(doc: OpenApi, name: string, value: unknown): string[] {
  const validate = doc[name];
  if (!validate) throw new Error(`openapi.yaml has no schema ${name}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath.replace(/\//g, '.')}: ${e.message ?? e.keyword}`);
}
