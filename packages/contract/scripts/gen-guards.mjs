// From openapi.yaml's component schemas: the enum values as constants (src/generated/enums.ts)
// and one guard per schema (src/generated/guards.ts, and message-guards.ts for the schemas only
// the messages operations use) built from the combinators in src/guard.ts.
// Only the JSON Schema the contract uses is understood; anything else stops the generator, so a
// new keyword in openapi.yaml cannot be ignored by the guards without anyone noticing.
// `multipleOf` is understood and deliberately not checked by a guard: it says how a server rounds
// (the figures' stock counts, since 1.1.1), and a client must still read a server from before.

const HEADER = '// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.\n/* eslint-disable */\n';
const REF = '#/components/schemas/';
const KNOWN = new Set([
  'type', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'maxItems', 'minLength', 'maxLength',
  'pattern', 'format', 'minimum', 'maximum', 'multipleOf', 'oneOf', 'allOf', '$ref', 'description', 'default', 'const',
]);

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
const upperFirst = (s) => s[0].toUpperCase() + s.slice(1);
/** The exported name of a schema's guard: `Appointment` → `appointmentGuard`. */
export const guardName = (schemaName) => `${lowerFirst(schemaName)}Guard`;
const refName = (ref) => {
  if (!ref.startsWith(REF)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(REF.length);
};

/** Every enum in the component schemas, with the constant's name: [{ name, where, values }]. */
export function collectEnums(schemas) {
  const found = [];
  const visit = (schema, nameParts, where) => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema.enum)) found.push({ name: `${nameParts.map((p, i) => (i ? upperFirst(p) : lowerFirst(p))).join('')}Values`, where, values: schema.enum });
    for (const [k, p] of Object.entries(schema.properties ?? {})) visit(p, [...nameParts, k], `${where}.${k}`);
    if (schema.items) visit(schema.items, nameParts, `${where}[]`);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) visit(part, nameParts, where);
  };
  for (const [name, schema] of Object.entries(schemas)) visit(schema, [name], name);
  const names = new Set();
  for (const e of found) {
    if (names.has(e.name)) throw new Error(`two enums would be called ${e.name}`);
    names.add(e.name);
  }
  return found;
}

export function enumsSource(doc) {
  const lines = [HEADER, '// Every enum of openapi.yaml\'s component schemas, in the contract\'s order.'];
  for (const e of collectEnums(doc.components.schemas)) {
    lines.push(`\n/** components.schemas.${e.where} */`);
    const values = e.values.map((v) => `'${v}'`);
    const one = `export const ${e.name} = [${values.join(', ')}] as const;`;
    lines.push(one.length <= 120 ? one : `export const ${e.name} = [\n${values.map((v) => `  ${v},\n`).join('')}] as const;`);
  }
  return `${lines.join('\n')}\n`;
}

/** Guard source for one schema; `enumOf` maps an enum array (by identity) to its constant. */
function guardExpr(schema, enumOf, path, indent = '') {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`${path}: keyword ${k} is not understood by the guard generator`);
  if (schema.$ref) return guardName(refName(schema.$ref));
  if (schema.allOf) return `all(${schema.allOf.map((s, i) => guardExpr(s, enumOf, `${path}.allOf[${i}]`, indent)).join(', ')})`;
  if ('const' in schema) return `oneOf([${JSON.stringify(schema.const)}])`;
  if (schema.oneOf) {
    const others = schema.oneOf.filter((s) => s.type !== 'null');
    // [X, null], or alternatives that never overlap (a count or `{ suppressed: true }`).
    if (others.length === schema.oneOf.length && others.length >= 2) {
      return `either(${others.map((s, i) => guardExpr(s, enumOf, `${path}.oneOf[${i}]`, indent)).join(', ')})`;
    }
    if (others.length !== 1 || schema.oneOf.length !== 2) throw new Error(`${path}: only oneOf [X, null] or [X, Y] is understood`);
    return `nullable(${guardExpr(others[0], enumOf, `${path}.oneOf`, indent)})`;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length !== 1) throw new Error(`${path}: type ${JSON.stringify(schema.type)} is not understood`);
  const inner = typeExpr(nonNull[0], schema, enumOf, path, indent);
  return types.includes('null') ? `nullable(${inner})` : inner;
}

function typeExpr(type, schema, enumOf, path, indent) {
  if (schema.enum) {
    const name = enumOf.get(schema.enum);
    if (!name) throw new Error(`${path}: enum without a constant`);
    return `oneOf(${name})`;
  }
  const rule = (entries) => {
    const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '';
  };
  switch (type) {
    case 'string': {
      if (schema.format && schema.format !== 'date-time' && schema.format !== 'date') throw new Error(`${path}: format ${schema.format}`);
      const pattern = schema.pattern === undefined ? undefined : `/${schema.pattern.replace(/\//g, '\\/')}/u`;
      const format = schema.format === undefined ? undefined : `'${schema.format}'`;
      return `str(${rule([['min', schema.minLength], ['max', schema.maxLength], ['pattern', pattern], ['format', format]])})`;
    }
    case 'integer':
    case 'number':
      return `num(${rule([['integer', type === 'integer' ? 'true' : undefined], ['min', schema.minimum], ['max', schema.maximum]])})`;
    case 'boolean':
      return 'bool';
    case 'array':
      if (!schema.items) throw new Error(`${path}: array without items`);
      return `arr(${guardExpr(schema.items, enumOf, `${path}[]`, indent)}${schema.maxItems === undefined ? '' : `, ${schema.maxItems}`})`;
    case 'object': {
      const inner = `${indent}  `;
      const props = Object.entries(schema.properties ?? {}).map(([k, p]) => `${JSON.stringify(k).replace(/^"(\w+)"$/, '$1')}: ${guardExpr(p, enumOf, `${path}.${k}`, inner)}`);
      const required = (schema.required ?? []).map((r) => `'${r}'`).join(', ');
      const oneLine = `obj({ ${props.join(', ')} }, [${required}])`;
      if (oneLine.length <= 80 && !oneLine.includes('\n')) return oneLine;
      return `obj(\n${inner}{\n${props.map((p) => `${inner}  ${p},\n`).join('')}${inner}},\n${inner}[${required}],\n${indent})`;
    }
    default:
      throw new Error(`${path}: type ${type} is not understood`);
  }
}

/** The schemas each schema refers to, so that every guard is declared after what it uses. */
function refsOf(schema, out = new Set()) {
  if (Array.isArray(schema)) schema.forEach((s) => refsOf(s, out));
  else if (schema && typeof schema === 'object') {
    if (typeof schema.$ref === 'string') out.add(refName(schema.$ref));
    for (const v of Object.values(schema)) refsOf(v, out);
  }
  return out;
}

/**
 * The tags of the operations the SDK serves from its messaging part (consent decides messages;
 * relatives' access and notices belong to the same consent panel, which pages of appointments
 * never load).
 */
const MESSAGING_TAGS = ['messages', 'consent', 'relatives', 'notices'];
/** The tag of the access log, which the SDK loads on its first use only. */
const ACCESS_LOG_TAGS = ['access-log'];

/**
 * The schemas only the operations with one of `tags` use (their bodies, transitively): their
 * guards go to a file of their own, so a bundle without that part of the SDK needs no module
 * that holds them. Every other schema's guard is in guards.ts.
 */
export function partSchemas(doc, tags) {
  const schemaRefs = (node, out, seen = new Set()) => {
    if (Array.isArray(node)) node.forEach((n) => schemaRefs(n, out, seen));
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
        seen.add(node.$ref);
        if (node.$ref.startsWith(REF)) out.add(refName(node.$ref));
        const target = node.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], doc);
        schemaRefs(target, out, seen);
      }
      for (const v of Object.values(node)) schemaRefs(v, out, seen);
    }
    return out;
  };
  const core = new Set();
  const part = new Set();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      schemaRefs([op, item.parameters ?? []], (op.tags ?? []).some((t) => tags.includes(t)) ? part : core);
    }
  }
  return new Set([...part].filter((n) => !core.has(n)));
}

/** The schemas only the messaging part's operations use (tags `messages` and `consent`): message-guards.ts. */
export const messageSchemas = (doc) => partSchemas(doc, MESSAGING_TAGS);
/** The schemas only the access log uses (tag `access-log`): access-log-guards.ts. */
export const accessLogSchemas = (doc) => partSchemas(doc, ACCESS_LOG_TAGS);

/** guards.ts, message-guards.ts and access-log-guards.ts (see partSchemas). */
export function guardsSources(doc) {
  const messageOnly = messageSchemas(doc);
  const logOnly = accessLogSchemas(doc);
  const only = new Set([...messageOnly, ...logOnly]);
  const schemas = doc.components.schemas;
  const enums = collectEnums(schemas);
  // The enum arrays are found again by identity while walking the same objects.
  const enumOf = new Map();
  const byWhere = new Map(enums.map((e) => [e.where, e.name]));
  const tag = (schema, where) => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema.enum)) enumOf.set(schema.enum, byWhere.get(where));
    for (const [k, p] of Object.entries(schema.properties ?? {})) tag(p, `${where}.${k}`);
    if (schema.items) tag(schema.items, `${where}[]`);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) tag(part, where);
  };
  for (const [name, schema] of Object.entries(schemas)) tag(schema, name);

  const order = [];
  const done = new Set();
  const visit = (name, stack = []) => {
    if (done.has(name)) return;
    if (stack.includes(name)) throw new Error(`schemas refer to each other: ${[...stack, name].join(' → ')}`);
    if (!schemas[name]) throw new Error(`unknown schema ${name}`);
    for (const r of refsOf(schemas[name])) visit(r, [...stack, name]);
    done.add(name);
    order.push(name);
  };
  Object.keys(schemas).forEach((n) => visit(n));
  for (const name of order) {
    if (only.has(name)) continue;
    const uses = [...refsOf(schemas[name])].filter((r) => only.has(r));
    if (uses.length) throw new Error(`${name} (in guards.ts) uses ${uses.join(', ')} (in a part's guards)`);
  }
  for (const name of logOnly) {
    const uses = [...refsOf(schemas[name])].filter((r) => messageOnly.has(r));
    if (uses.length) throw new Error(`${name} (in access-log-guards.ts) uses ${uses.join(', ')} (in message-guards.ts)`);
  }

  const source = (names, intro, own) => {
    const used = new Set(['Guard']);
    const body = names.map((name) => {
      const expr = guardExpr(schemas[name], enumOf, name);
      for (const fn of ['str', 'num', 'bool', 'oneOf', 'nullable', 'arr', 'obj', 'all', 'either']) if (new RegExp(`\\b${fn}\\b`).test(expr)) used.add(fn);
      // Every call marked pure, so a bundle keeps only the guards it uses.
      const pure = expr.replace(/\b(str|num|oneOf|nullable|arr|obj|all|either)\(/g, '/*#__PURE__*/ $1(');
      return `/** components.schemas.${name} */\nexport const ${guardName(name)}: Guard = ${pure};`;
    });
    const imports = [...used].sort().map((n) => (n === 'Guard' ? 'type Guard' : n));
    const enumNames = [...new Set(names.flatMap((n) => [...guardExpr(schemas[n], enumOf, n).matchAll(/oneOf\((\w+)\)/g)].map((m) => m[1])))].sort();
    const others = own ? [] : [...new Set(names.flatMap((n) => [...refsOf(schemas[n])].filter((r) => !only.has(r)).map(guardName)))].sort();
    return [
      HEADER.trimEnd(),
      ...intro,
      `import { ${imports.join(', ')} } from '../guard.js';`,
      ...(enumNames.length ? [`import { ${enumNames.join(', ')} } from './enums.js';`] : []),
      ...(others.length ? [`import { ${others.join(', ')} } from './guards.js';`] : []),
      '',
      body.join('\n\n'),
      '',
    ].join('\n');
  };
  return {
    'guards.ts': source(
      order.filter((n) => !only.has(n)),
      [
        '// One guard per component schema of openapi.yaml (see src/guard.ts), named after it: Appointment → appointmentGuard.',
        '// Each is a separate export, so a bundle keeps only the guards it uses. The schemas only the messaging',
        "// part's operations use are in message-guards.ts.",
      ],
      true,
    ),
    'message-guards.ts': source(
      order.filter((n) => messageOnly.has(n)),
      [
        "// The guards of the schemas only the messaging part's operations use (tags `messages`, `consent`, `relatives`), beside guards.ts, so a",
        '// bundle without messaging needs no module that holds them. Same form as guards.ts.',
      ],
      false,
    ),
    'access-log-guards.ts': source(
      order.filter((n) => logOnly.has(n)),
      [
        "// The guards of the schemas only the access log uses (tag `access-log`), beside guards.ts, so a bundle that never",
        '// reads the access log needs no module that holds them. Same form as guards.ts.',
      ],
      false,
    ),
  };
}
