/**
 * Small runtime checks that a body has the shape openapi.yaml gives it. The checks themselves
 * are generated from the contract (src/generated/guards.ts, by scripts/generate.mjs): nothing here
 * knows a field, an enum value or a limit. Deliberately tiny (no schema library), because they
 * ship to the browser with the SDK, which checks every 2xx body at its boundary.
 *
 * A guard returns the path of the first field that breaks the contract (`''` for the body itself,
 * `items[1].careService`, …), or `undefined` when the value fits. Two leniencies, both for bodies
 * from a server that is newer than the client: unknown extra fields pass, and a field that may be
 * absent may also be `null`. Date-times follow the rules core (`isDateTime`: an offset is needed,
 * seconds are not).
 */
import { datePattern, isDateTime } from './rules/patterns.js';

export type Guard = (value: unknown, at: string) => string | undefined;

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  format?: 'date-time' | 'date';
}
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

/** Length in code points, as JSON Schema counts it (a UTF-16 length is never smaller). */
const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const isDate = (s: string): boolean => datePattern.test(s) && !Number.isNaN(Date.parse(s));

export const str =
  (rule: StringRule = {}): Guard =>
  (v, at) => {
    if (typeof v !== 'string') return at;
    if (rule.max !== undefined && v.length > rule.max && codePoints(v) > rule.max) return at;
    if (rule.min !== undefined && (v.length < rule.min || codePoints(v) < rule.min)) return at;
    if (rule.pattern && !rule.pattern.test(v)) return at;
    if (rule.format === 'date-time' && !isDateTime(v)) return at;
    if (rule.format === 'date' && !isDate(v)) return at;
    return undefined;
  };

export const num =
  (rule: NumberRule = {}): Guard =>
  (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (rule.integer && !Number.isInteger(v))) return at;
    if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max)) return at;
    return undefined;
  };

export const bool: Guard = (v, at) => (typeof v === 'boolean' ? undefined : at);

export const oneOf =
  (values: readonly unknown[]): Guard =>
  (v, at) =>
    values.includes(v) ? undefined : at;

export const nullable =
  (guard: Guard): Guard =>
  (v, at) =>
    v === null ? undefined : guard(v, at);

/** The value fits one of the guards (the first path that failed when none does). */
export const either =
  (...guards: Guard[]): Guard =>
  (v, at) => {
    let first: string | undefined;
    for (const g of guards) {
      const bad = g(v, at);
      if (bad === undefined) return undefined;
      first ??= bad;
    }
    return first;
  };

export const arr =
  (item: Guard, maxItems?: number): Guard =>
  (v, at) => {
    if (!Array.isArray(v) || (maxItems !== undefined && v.length > maxItems)) return at;
    for (let i = 0; i < v.length; i++) {
      const bad = item(v[i], `${at}[${i}]`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  };

/** An object: each property in the contract's order; `required` ones must be there. */
export const obj =
  (properties: Record<string, Guard>, required: readonly string[]): Guard =>
  (v, at) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return at;
    const o = v as Record<string, unknown>;
    for (const [k, guard] of Object.entries(properties)) {
      const value = o[k];
      const path = at ? `${at}.${k}` : k;
      if (value == null && !required.includes(k)) continue;
      const bad = guard(value, path);
      if (bad !== undefined) return bad;
    }
    for (const k of required) if (!(k in properties) && o[k] === undefined) return at ? `${at}.${k}` : k;
    return undefined;
  };

/** Every guard in turn (`allOf`). */
export const all =
  (...guards: Guard[]): Guard =>
  (v, at) => {
    for (const guard of guards) {
      const bad = guard(v, at);
      if (bad !== undefined) return bad;
    }
    return undefined;
  };
