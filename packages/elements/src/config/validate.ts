/**
 * A small JSON Schema checker for the configuration file: it walks the published schema
 * (config.schema.json, as schema.generated.ts without its descriptions) and understands exactly
 * the keywords that schema uses, so the browser ships no schema library. scripts/config.test.mjs
 * runs it beside Ajv (draft 2020-12) over many good and bad files and fails when they disagree,
 * or when the schema uses a keyword this file does not understand.
 *
 * It stops at the first problem and says it in one sentence that names the field
 * (`contact.phone must be a phone number: …`): for the console, so in English.
 */

/** The keywords understood here (every other one must be an annotation: see the test). */
export const KEYWORDS = [
  'type',
  'properties',
  'additionalProperties',
  'required',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'propertyNames',
  '$ref',
  'if',
  'then',
] as const;

/** Keywords that say nothing about validity. */
export const ANNOTATIONS = ['$schema', '$id', '$defs', 'title', 'description', '$comment', 'examples', 'default'] as const;

export interface Schema {
  readonly type?: 'string' | 'object' | 'boolean' | 'integer' | 'number' | 'array';
  readonly title?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly propertyNames?: Schema;
  readonly $ref?: string;
  readonly if?: Schema;
  readonly then?: Schema;
  readonly $defs?: Readonly<Record<string, Schema>>;
}

/** The first problem found: where (the keys from the top), what kind, and the sentence. */
export interface ConfigProblem {
  /** Keys from the top of the file to the value in question (for `required` and
   * `additionalProperties`, the object that holds the key; for `propertyNames` the object too). */
  readonly at: readonly string[];
  /** The schema keyword that failed. */
  readonly keyword: string;
  /** `omsorg config: contact.phone must be …` */
  readonly message: string;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};

/** `contact.phone`, `texts.nb.appointment-list.heading`; the top is "the file". */
export const pathText = (at: readonly string[]) => (at.length ? at.join('.') : 'the file');

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const typeNames: Record<string, string> = {
  string: 'a string',
  object: 'an object ({ … })',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list ([ … ])',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeOf(v) === 'object';

/** Code points, as JSON Schema (and Ajv) count a string's length. */
const length = (s: string) => [...s].length;

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Checks `value` against `schema` (the root, whose `$defs` the `$ref`s name). Undefined when it
 * is valid, else the first problem.
 */
export function check(root: Schema, value: unknown): ConfigProblem | undefined {
  const patterns = new Map<string, RegExp>();
  const regex = (p: string) => {
    let r = patterns.get(p);
    if (!r) patterns.set(p, (r = new RegExp(p, 'u')));
    return r;
  };
  const resolve = (s: Schema): Schema => {
    if (!s.$ref) return s;
    const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? root.$defs?.[name] : undefined;
    if (!target) throw new Error(`omsorg config: the schema's $ref ${s.$ref} is not understood`);
    // A $ref beside other keywords: both apply (2020-12).
    const { $ref: _ref, ...rest } = s;
    return { ...resolve(target), ...rest };
  };
  const problem = (at: readonly string[], keyword: string, says: string): ConfigProblem => ({
    at,
    keyword,
    message: `omsorg config: ${says}`,
  });
  const hint = (s: Schema, fallback: string) => s.title ?? fallback;

  const walk = (schema: Schema, v: unknown, at: readonly string[]): ConfigProblem | undefined => {
    const s = resolve(schema);
    const where = pathText(at);
    if (s.type !== undefined) {
      const t = typeOf(v);
      const ok = t === s.type || (s.type === 'number' && t === 'integer');
      if (!ok) return problem(at, 'type', `${where} must be ${typeNames[s.type]}, not ${show(v)}`);
    }
    if ('const' in s && !equal(v, s.const)) return problem(at, 'const', `${where} must be ${show(s.const)}, not ${show(v)}`);
    if (s.enum && !s.enum.some((e) => equal(e, v))) return problem(at, 'enum', `${where} must be one of ${s.enum.map(show).join(', ')}, not ${show(v)}`);
    if (typeof v === 'string') {
      if (s.minLength !== undefined && length(v) < s.minLength)
        return problem(at, 'minLength', `${where} must be ${s.minLength === 1 ? 'a text that is not empty' : `at least ${s.minLength} characters`}`);
      if (s.maxLength !== undefined && length(v) > s.maxLength) return problem(at, 'maxLength', `${where} must be at most ${s.maxLength} characters, not ${length(v)}`);
      if (s.pattern !== undefined && !regex(s.pattern).test(v)) return problem(at, 'pattern', `${where} must be ${hint(s, `text matching ${s.pattern}`)}, not ${show(v)}`);
    }
    if (isObject(v)) {
      const keys = Object.keys(v);
      if (s.minProperties !== undefined && keys.length < s.minProperties) return problem(at, 'minProperties', `${where} must have at least ${s.minProperties} entr${s.minProperties === 1 ? 'y' : 'ies'}`);
      if (s.maxProperties !== undefined && keys.length > s.maxProperties) return problem(at, 'maxProperties', `${where} must have at most ${s.maxProperties} entries, not ${keys.length}`);
      for (const key of s.required ?? []) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) return problem(at, 'required', `${pathText([...at, key])} is missing`);
      }
      if (s.propertyNames) {
        const names = resolve(s.propertyNames);
        for (const key of keys) {
          const p = walk(names, key, at);
          if (p) return problem(at, 'propertyNames', `${where === 'the file' ? '' : `${where}: `}the name ${show(key)} must be ${hint(names, 'another name')}`);
        }
      }
      for (const key of keys) {
        const own = s.properties && Object.prototype.hasOwnProperty.call(s.properties, key) ? s.properties[key] : undefined;
        if (own) {
          const p = walk(own, v[key], [...at, key]);
          if (p) return p;
        } else if (s.additionalProperties === false) {
          const known = Object.keys(s.properties ?? {}).filter((k) => k !== '$schema');
          return problem(at, 'additionalProperties', `${pathText([...at, key])} is not a setting here${known.length ? ` (known: ${known.join(', ')})` : ''}`);
        } else if (s.additionalProperties && s.additionalProperties !== true) {
          const p = walk(s.additionalProperties, v[key], [...at, key]);
          if (p) return p;
        }
      }
    }
    if (s.if && s.then && !walk(s.if, v, at)) {
      const p = walk(s.then, v, at);
      if (p) return p;
    }
    return undefined;
  };
  return walk(root, value, []);
}
