// Generates src/generated/api.ts from openapi.yaml with openapi-typescript.
// `--check` fails when the committed file is stale (run in the test command).
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const spec = new URL('openapi.yaml', root);
const out = new URL('src/generated/api.ts', root);
const header = '// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.\n/* eslint-disable */\n';
const ast = await openapiTS(spec, { alphabetize: false, immutable: false });
const text = header + astToString(ast);
if (process.argv.includes('--check')) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${fileURLToPath(out)} is stale: run "npm run generate" and commit it.`);
    process.exit(1);
  }
  console.log('contract types are fresh');
} else {
  await mkdir(new URL('src/generated/', root), { recursive: true });
  await writeFile(out, text);
  console.log(`wrote ${fileURLToPath(out)}`);
}
