/**
 * A small JSON Schema checker for the subset openapi.yaml uses ($ref, allOf, type incl. arrays, enum,
 * const, required, properties, additionalProperties false, items, oneOf, pattern, min/maxLength
 * in code points, minimum/maximum, format date-time/date). Tests load the real openapi.yaml, so
 * the fixtures and responses are checked against the contract itself, not a copy of it.
 */
import { parse } from 'yaml';

export type JsonSchema = Record<string, unknown>;
export interface OpenApi {
  components: { schemas: Record<string, JsonSchema> };
}

let cached: Promise<OpenApi> | undefined;

/** The contract, fetched from the dev server (wtr serves the repository root). */
export function loadContract(): Promise<OpenApi> {
  cached ??= fetch('/packages/contract/openapi.yaml')
    .then((r) => r.text())
    .then((text) => parse(text) as OpenApi);
  return cached;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'null':
      return v === null;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      throw new Error(`schema type ${type} not supported by the checker`);
  }
}

function check(doc: OpenApi, schema: JsonSchema, v: unknown, path: string, errors: string[]): void {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unknown $ref ${ref}`);
    check(doc, target, v, path, errors);
    return;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as JsonSchema[]) check(doc, part, v, path, errors);
    return;
  }
  if (Array.isArray(schema.oneOf)) {
    const ok = (schema.oneOf as JsonSchema[]).filter((s) => validate(doc, s, v, path).length === 0).length;
    if (ok !== 1) errors.push(`${path}: matches ${ok} oneOf branches`);
    return;
  }
  if ('const' in schema && v !== schema.const) errors.push(`${path}: expected ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeOk(t, v))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`);
      return;
    }
  }
  if (typeof v === 'string') {
    const len = Array.from(v).length;
    if (typeof schema.maxLength === 'number' && len > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && len < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && (!DATE_TIME.test(v) || Number.isNaN(Date.parse(v)))) errors.push(`${path}: not a date-time`);
    if (schema.format === 'date' && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) errors.push(`${path}: not a date`);
  }
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && v < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && v > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(v) && schema.items) {
    v.forEach((item, i) => check(doc, schema.items as JsonSchema, item, `${path}[${i}]`, errors));
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errors.push(`${path}.${r}: required`);
    for (const [k, val] of Object.entries(o)) {
      const p = props[k];
      if (p) check(doc, p, val, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not allowed`);
    }
  }
}

/** Error messages; empty when `value` satisfies `schema`. */
export function validate(doc: OpenApi, schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  check(doc, schema, value, path, errors);
  return errors;
}

/** Validates against a named component schema, e.g. 'Appointment'. */
export function validateAs(doc: OpenApi, name: string, value: unknown): string[] {
  return validate(doc, { $ref: `#/components/schemas/${name}` }, value, name);
}
