// `node --test scripts/config.test.mjs` (no build needed): the configuration file's schema.
//
//  1. The published schema (packages/elements/config.schema.json) compiles in Ajv's strict
//     draft 2020-12 mode, and the browser's copy (src/config/schema.generated.ts) is fresh.
//  2. The browser's small checker (src/config/validate.ts) understands every keyword the schema
//     uses, and agrees with Ajv over many files: the examples, hand-written bad files, every
//     field of a full file broken in each of a dozen ways, an unknown key at every level, and a
//     few thousand random files (seeded). Where both refuse a file, the field the checker names
//     is one Ajv names too (same place, same keyword), and its sentence names that field.
//  3. The TypeScript type (src/config/types.ts, OmsorgConfig) and the schema have the same
//     fields at every depth, with the same kinds of leaf (string, boolean, the same literals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import Ajv2020 from 'ajv/dist/2020.js';
import { generated } from './config-schema.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const elements = `${root}packages/elements`;
const published = JSON.parse(readFileSync(`${elements}/config.schema.json`, 'utf8'));

/** validate.ts and the generated schema, bundled by esbuild and imported. */
async function browserChecker() {
  const out = await build({
    stdin: {
      contents: `export { check, KEYWORDS, ANNOTATIONS } from './validate.ts'; export { schema } from './schema.generated.ts';`,
      resolveDir: `${elements}/src/config`,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

// Strict, but for `required` inside `then` naming properties declared beside `if` (Ajv's
// strictRequired looks only at the `then` object itself).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
const ajvValidate = ajv.compile(published);
const { check, KEYWORDS, ANNOTATIONS, schema: browserSchema } = await browserChecker();

/** JSON pointer of a path of keys (as Ajv's instancePath). */
const pointer = (at) => at.map((k) => `/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Ajv and the checker on one value: same answer, and the checker's problem one of Ajv's. */
function agree(value, label) {
  const ok = ajvValidate(value);
  const problem = check(browserSchema, value);
  assert.equal(!problem, ok, `${label}: Ajv says ${ok ? 'valid' : `invalid (${ajv.errorsText(ajvValidate.errors)})`}, the checker ${problem ? `"${problem.message}"` : 'valid'}`);
  if (problem) {
    const theirs = ajvValidate.errors.map((e) => `${e.instancePath} ${e.keyword}`);
    assert.ok(theirs.includes(`${pointer(problem.at)} ${problem.keyword}`), `${label}: the checker's ${pointer(problem.at)} ${problem.keyword} is not among Ajv's: ${theirs.join('; ')}`);
    assert.match(problem.message, /^omsorg config: /);
    const where = problem.at.length ? problem.at.join('.') : '';
    assert.ok(problem.message.includes(where), `${label}: "${problem.message}" names ${where}`);
  }
  return ok;
}

/** A file with every field. */
const full = {
  $schema: 'https://omsorg.no/schema/config/1/config.schema.json',
  version: 1,
  municipality: 'Fjordvik kommune',
  contact: { phone: '+47 55 00 00 00', openingHours: { nb: 'hverdager 08–15.30', nn: 'kvardagar 08–15.30', en: 'weekdays 8–15.30', se: 'vahkkobeaivvit 08–15.30' } },
  locales: { se: { base: 'nb' } },
  texts: {
    nb: { common: { retry: 'Prøv en gang til' }, 'appointment-list': { heading: 'Besøk fra Fjordvik' } },
    se: { common: { retry: 'Geahččal ođđasit' }, login: { signIn: 'Čáli sisa' } },
  },
  elements: {
    'access-log': true,
    'appointment-list': true,
    'cancel-dialog': true,
    'consent-panel': false,
    inbox: true,
    login: true,
    'message-thread': true,
    provider: true,
    'service-list': true,
  },
  features: { cancellation: true, messageAttachments: false, addToCalendar: true, watchUnread: true },
  api: { baseUrl: 'https://api.fjordvik.kommune.no/omsorg' },
  auth: {
    kind: 'oidc',
    bff: '/bff',
    authority: 'https://idporten.no',
    clientId: 'fjordvik-min-side',
    redirectUri: 'https://www.fjordvik.kommune.no/min-side',
    postLogoutRedirectUri: 'https://www.fjordvik.kommune.no/',
    scope: 'openid profile',
    resource: 'https://api.fjordvik.kommune.no/omsorg',
    dpop: true,
    acr: 'idporten-loa-high',
    storage: 'session',
    mockUser: 'ola',
    mockName: 'Ola Nordmann',
  },
};

const clone = (v) => structuredClone(v);

/** Every [path, value] in a JSON value, objects included. */
function* entries(v, at = []) {
  yield [at, v];
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) yield* entries(x, [...at, k]);
}

function setAt(obj, at, value) {
  const copy = clone(obj);
  if (!at.length) return value;
  let o = copy;
  for (const k of at.slice(0, -1)) o = o[k];
  o[at.at(-1)] = value;
  return copy;
}

function deleteAt(obj, at) {
  const copy = clone(obj);
  let o = copy;
  for (const k of at.slice(0, -1)) o = o[k];
  delete o[at.at(-1)];
  return copy;
}

test('the published schema compiles in strict draft 2020-12, and the browser copy is fresh', () => {
  assert.equal(published.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(readFileSync(`${elements}/src/config/schema.generated.ts`, 'utf8'), generated(), 'run `npm run generate`');
});

test('the checker understands every keyword the schema uses', () => {
  const known = new Set([...KEYWORDS, ...ANNOTATIONS]);
  const seen = new Set();
  const walk = (s) => {
    if (typeof s !== 'object' || s === null) return;
    for (const [k, v] of Object.entries(s)) {
      seen.add(k);
      assert.ok(known.has(k), `the schema uses "${k}", which validate.ts does not understand`);
      if (k === 'properties' || k === '$defs') Object.values(v).forEach(walk);
      else if (['additionalProperties', 'propertyNames', 'if', 'then'].includes(k)) walk(v);
    }
  };
  walk(published);
  // And the checker is not dead weight: it is used for most of what it knows.
  assert.ok(seen.size > 15, `${seen.size} keywords`);
});

test('good files: both accept them', () => {
  const demo = JSON.parse(readFileSync(`${root}demo/omsorg.json`, 'utf8'));
  const example = JSON.parse(readFileSync(`${root}demo/omsorg.example.json`, 'utf8'));
  for (const [label, v] of [
    ['full', full],
    ['minimal', { version: 1 }],
    ['demo/omsorg.json', demo],
    ['demo/omsorg.example.json', example],
    ['bff', { version: 1, auth: { kind: 'bff' } }],
    ['mock', { version: 1, api: { baseUrl: '/api' }, auth: { kind: 'mock', mockUser: 'ola' } }],
    ['loopback', { version: 1, api: { baseUrl: 'http://127.0.0.1:8080' }, auth: { kind: 'oidc', authority: 'http://localhost:8080/oidc', clientId: 'x' } }],
    ['phone plain', { version: 1, contact: { phone: '113' } }],
  ]) {
    assert.equal(agree(v, label), true, label);
  }
});

test('hand-written bad files: both refuse them, and the checker names the field', () => {
  const bad = [
    ['not an object', []],
    ['null', null],
    ['a string', 'version: 1'],
    ['no version', {}],
    ['version 2', { version: 2 }],
    ['version "1"', { version: '1' }],
    ['phone with letters', { version: 1, contact: { phone: 'ring oss' } }],
    ['phone too short', { version: 1, contact: { phone: '12' } }],
    ['phone too long', { version: 1, contact: { phone: '1234567890123456' } }],
    ['phone double space', { version: 1, contact: { phone: '55  00' } }],
    ['phone missing', { version: 1, contact: { openingHours: { nb: 'alltid' } } }],
    ['hours empty map', { version: 1, contact: { phone: '55000000', openingHours: {} } }],
    ['hours bad tag', { version: 1, contact: { phone: '55000000', openingHours: { NB: 'x' } } }],
    ['locale built in', { version: 1, locales: { nb: {} } }],
    ['locale bad base', { version: 1, locales: { se: { base: 'se' } } }],
    ['texts unknown catalog', { version: 1, texts: { nb: { 'appointment-lists': { heading: 'x' } } } }],
    ['texts bad key', { version: 1, texts: { nb: { common: { 'retry-now': 'x' } } } }],
    ['texts function-ish', { version: 1, texts: { nb: { common: { retry: 42 } } } }],
    ['unknown element', { version: 1, elements: { calendar: true } }],
    ['element "no"', { version: 1, elements: { inbox: 'no' } }],
    ['feature misspelt', { version: 1, features: { cancelation: false } }],
    ['api http', { version: 1, api: { baseUrl: 'http://api.example.no' } }],
    ['auth no kind', { version: 1, auth: { bff: '/bff' } }],
    ['auth kind saml', { version: 1, auth: { kind: 'saml' } }],
    ['oidc no client', { version: 1, auth: { kind: 'oidc', authority: 'https://idporten.no' } }],
    ['oidc http authority', { version: 1, auth: { kind: 'oidc', authority: 'http://idporten.no', clientId: 'x' } }],
    ['dpop "true"', { version: 1, auth: { kind: 'oidc', authority: 'https://idporten.no', clientId: 'x', dpop: 'true' } }],
    ['unknown top level', { version: 1, theme: 'dark' }],
  ];
  for (const [label, v] of bad) assert.equal(agree(v, label), false, label);
});

test('every field of a full file broken in each of many ways, and an unknown key at every level', () => {
  const wrong = [null, 0, 1.5, -1, '', ' ', 'x'.repeat(1001), 'NOT A PHONE', 'http://example.no', [], {}, true, false, 'nb', 'bff'];
  let n = 0;
  let refused = 0;
  for (const [at, value] of entries(full)) {
    if (!at.length) continue;
    for (const w of wrong) {
      n++;
      if (!agree(setAt(full, at, w), `${at.join('.')} = ${JSON.stringify(w).slice(0, 20)}`)) refused++;
    }
    n++;
    agree(deleteAt(full, at), `without ${at.join('.')}`);
    if (value && typeof value === 'object') {
      n++;
      agree(setAt(full, at, { ...value, unknownSetting: true }), `${at.join('.')}.unknownSetting`);
    }
  }
  assert.ok(n > 500 && refused > 300, `${n} files, ${refused} refused`);
});

test('thousands of random files (seeded): both give the same answer', () => {
  let seed = 20261204;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const strings = ['', 'nb', 'nn', 'en', 'se', 'sma', 'NB', 'oidc', 'bff', 'mock', 'session', 'memory', '/bff', 'https://idporten.no', 'http://127.0.0.1:8080/x', '+47 55 00 00 00', '113', 'a b', 'heading', 'retry', 'Hei', 'x'.repeat(201)];
  const leaf = () => pick([() => pick(strings), () => rnd() < 0.5, () => pick([0, 1, 2, 1.5]), () => null, () => []])();
  const keysFor = (s) => {
    const own = Object.keys(s?.properties ?? {});
    return [...own, ...own, 'nb', 'se', 'unknown', 'common', 'inbox', 'kind'];
  };
  const resolve = (s) => (s?.$ref ? published.$defs[s.$ref.split('/').at(-1)] : s);
  const gen = (s, depth) => {
    s = resolve(s);
    if (depth > 4 || rnd() < 0.15) return leaf();
    if (s?.enum && rnd() < 0.7) return pick(s.enum);
    if (s?.const !== undefined && rnd() < 0.8) return s.const;
    if (s?.type === 'object' || s?.properties || rnd() < 0.2) {
      const o = {};
      const count = Math.floor(rnd() * 4);
      for (const k of s?.required ?? []) if (rnd() < 0.9) o[k] = gen(s.properties?.[k], depth + 1);
      for (let i = 0; i < count; i++) {
        const k = pick(keysFor(s));
        o[k] = gen(s?.properties?.[k] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined), depth + 1);
      }
      return o;
    }
    if (s?.type === 'boolean') return rnd() < 0.8 ? rnd() < 0.5 : leaf();
    return rnd() < 0.7 ? pick(strings) : leaf();
  };
  let valid = 0;
  const N = 4000;
  for (let i = 0; i < N; i++) if (agree(gen(published, 0), `random #${i}`)) valid++;
  assert.ok(valid > 100 && valid < N - 100, `${valid} of ${N} random files valid: both kinds well represented`);
});

// ---- the type and the schema -------------------------------------------------------------------

/** The schema's shape: { fields: { name: shape }, any?: shape } for objects, else a leaf kind. */
function schemaShape(s) {
  s = s?.$ref ? { ...published.$defs[s.$ref.split('/').at(-1)], ...s, $ref: undefined } : s;
  if (s.enum) return `enum ${[...s.enum].sort().join('|')}`;
  if (s.const !== undefined) return `const ${JSON.stringify(s.const)}`;
  if (s.type === 'object') {
    const fields = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) fields[k] = schemaShape(v);
    const out = { fields };
    if (typeof s.additionalProperties === 'object') out.any = schemaShape(s.additionalProperties);
    return out;
  }
  return s.type;
}

/** The same shape of the TypeScript type OmsorgConfig, through the compiler's type checker. */
function typeShape() {
  const file = `${elements}/src/config/types.ts`;
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const decl = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'OmsorgConfig');
  const shape = (type) => {
    type = checker.getNonNullableType(type);
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return 'boolean';
      if (parts.every((t) => t.isStringLiteral())) return `enum ${parts.map((t) => t.value).sort().join('|')}`;
    }
    if (type.isStringLiteral()) return `enum ${type.value}`;
    if (type.isNumberLiteral()) return `const ${type.value}`;
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
    if (type.flags & ts.TypeFlags.Object) {
      const fields = {};
      for (const p of checker.getPropertiesOfType(type)) fields[p.name] = shape(checker.getTypeOfSymbol(p));
      const out = { fields };
      const index = checker.getIndexInfosOfType(type)[0];
      if (index) out.any = shape(index.type);
      return out;
    }
    return checker.typeToString(type);
  };
  return shape(checker.getTypeAtLocation(decl));
}

test('the TypeScript type OmsorgConfig and the schema have the same fields and leaf kinds', () => {
  const fromSchema = schemaShape(published);
  const fromType = typeShape();
  // The schema's `version` is `const 1`, the type's the literal 1: the same.
  assert.deepEqual(fromType, fromSchema);
});
