// Generates, from openapi.yaml (the one schema source):
//   src/generated/api.ts            types, with openapi-typescript
//   src/generated/enums.ts          every enum as a constant            (gen-guards.mjs)
//   src/generated/guards.ts         one guard per schema for the SDK    (gen-guards.mjs)
//   src/generated/message-guards.ts   … those only the messages operations use
//   src/generated/access-log-guards.ts … those only the access log uses
//   src/generated/validators.js/.d.ts  Ajv standalone validators for tests (gen-validators.mjs)
// `--check` fails when a committed file is stale (run in the test command).
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { enumsSource, guardsSources } from './gen-guards.mjs';
import { validatorsSource } from './gen-validators.mjs';

const root = new URL('../', import.meta.url);
const spec = new URL('openapi.yaml', root);
const generated = new URL('src/generated/', root);
const header = '// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.\n/* eslint-disable */\n';

const doc = parse(await readFile(spec, 'utf8'));
const ast = await openapiTS(spec, { alphabetize: false, immutable: false });
const validators = await validatorsSource(doc);
const files = {
  'api.ts': header + astToString(ast),
  'enums.ts': enumsSource(doc),
  ...guardsSources(doc),
  'validators.js': validators.js,
  'validators.d.ts': validators.dts,
};

if (process.argv.includes('--check')) {
  let stale = false;
  for (const [name, text] of Object.entries(files)) {
    const out = new URL(name, generated);
    const current = await readFile(out, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${fileURLToPath(out)} is stale: run "npm run generate" and commit it.`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log('generated contract files are fresh');
} else {
  await mkdir(generated, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeFile(new URL(name, generated), text);
    console.log(`wrote ${fileURLToPath(new URL(name, generated))}`);
  }
}
