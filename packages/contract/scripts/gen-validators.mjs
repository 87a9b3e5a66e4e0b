// From openapi.yaml's component schemas: one Ajv validator per schema, compiled here to plain
// JavaScript (Ajv standalone code, JSON Schema 2020-12, formats from ajv-formats) in one
// dependency-free ES module, src/generated/validators.js (+ .d.ts): the two small CommonJS runtime
// files the code requires (code-point length, the formats) are inlined. Nothing is
// compiled or evaluated at run time, so the validators run under a strict CSP, and no Ajv ships.
// Tests import them by path (not a published entry point) as the contract's own judgement of a body (fixtures, mock answers, the SDK's
// guards); a bundle that imports one validator keeps only that one and what it refers to.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const HEADER = '// Generated from openapi.yaml by scripts/generate.mjs (Ajv standalone code). Do not edit.\n/* eslint-disable */\n';
const ID = 'urn:omsorg:contract';
/** @type {any} */
const addFormats = addFormatsModule;
/** @type {any} */
const standaloneCode = /** @type {any} */ (standaloneModule).default ?? standaloneModule;

const require = createRequire(import.meta.url);

/** Each `require("x")` of the standalone code becomes a module object defined at the top. */
function inlineRequires(code) {
  const modules = new Map();
  const body = code.replace(/require\("([^"]+)"\)/g, (_, id) => {
    if (!modules.has(id)) {
      const source = readFileSync(require.resolve(id), 'utf8');
      if (/\brequire\(/.test(source.replace(/'require\("[^"]+"\)[^']*'/g, ''))) throw new Error(`${id} requires more modules`);
      modules.set(id, { name: `cjs${modules.size}`, source });
    }
    return modules.get(id).name;
  });
  const defs = [...modules].map(
    ([id, m]) => `// ${id}\nconst ${m.name} = (() => {\nconst module = { exports: {} };\nconst exports = module.exports;\n${m.source.trim()}\nreturn module.exports;\n})();`,
  );
  return `${defs.join('\n\n')}\n\n${body.replace(/^"use strict";?/, '')}`;
}

export async function validatorsSource(doc) {
  const names = Object.keys(doc.components.schemas);
  const ajv = new Ajv2020({ code: { source: true, esm: true, lines: true }, strict: false, allErrors: false, inlineRefs: false });
  addFormats(ajv, ['date-time', 'date']);
  ajv.addSchema({ $id: ID, components: doc.components });
  const code = standaloneCode(ajv, Object.fromEntries(names.map((n) => [n, `${ID}#/components/schemas/${n}`])));
  const js = HEADER + inlineRequires(code);
  const dts = [
    HEADER.trimEnd(),
    '/** One Ajv error (only what tests read). */',
    'export interface SchemaError {',
    '  instancePath: string;',
    '  schemaPath: string;',
    '  keyword: string;',
    '  params: Record<string, unknown>;',
    '  message?: string;',
    '}',
    '/** True when the value fits the schema; otherwise `errors` says where it does not. */',
    'export interface SchemaValidator {',
    '  (value: unknown): boolean;',
    '  errors?: SchemaError[] | null;',
    '}',
    ...names.map((n) => `/** components.schemas.${n} */\nexport declare const ${n}: SchemaValidator;`),
    '',
  ].join('\n');
  return { js, dts };
}
