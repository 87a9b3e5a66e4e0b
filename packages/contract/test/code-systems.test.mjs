// Official code identifiers wherever they exist, the project's own only where none does. The
// README's table of code systems is the decision; this holds the code to it: no project URN where
// the table names an official identifier, the code sets' systems as the table says, and
// docs/fhir-mapping.md with the same table. Runs on the built package (dist/) and the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { codeSets } from '@omsorg/contract';

const root = new URL('../../../', import.meta.url);
const read = (/** @type {string} */ path) => readFile(new URL(path, root), 'utf8');

/** The rows of the table between the code-systems markers. */
function tableOf(/** @type {string} */ markdown, /** @type {string} */ where) {
  const start = markdown.indexOf('<!-- code-systems:start');
  const end = markdown.indexOf('<!-- code-systems:end -->');
  assert.ok(start >= 0 && end > start, `${where} has the table of code systems`);
  const lines = markdown.slice(start, end).split('\n').filter((l) => l.startsWith('|')).slice(2);
  return lines.map((line) => {
    const cells = line.slice(1, -1).split(' | ').map((c) => c.trim());
    assert.equal(cells.length, 4, `${where}: four cells in ${line}`);
    const [what, system, identifier, why] = /** @type {[string, string, string, string]} */ (cells);
    return { what, systems: [...system.matchAll(/`([^`]+)`/g)].map((m) => /** @type {string} */ (m[1])), identifier, why, line };
  });
}

const readme = tableOf(await read('README.md'), 'README.md');
/** Every identifier the table names, with its verdict. */
const verdict = new Map(readme.flatMap((r) => r.systems.map((s) => [s, r.identifier])));
/** Project identifiers the table gives as former ones of an official system: "… as `urn:omsorg:…` before …". */
const former = new Set(readme.filter((r) => r.identifier.startsWith('official')).flatMap((r) => [...r.why.matchAll(/`(urn:omsorg:[^`]+)`/g)].map((m) => m[1])));

/** Where a former identifier may still be written: reading it, migrating it, and saying so. */
const FORMER_ALLOWED = [
  'CHANGELOG.md',
  'README.md',
  'docs/fhir-mapping.md',
  'packages/contract/openapi.yaml',
  'packages/contract/src/generated/',
  'packages/contract/src/codes.ts',
  'packages/contract/src/codes.test.ts',
  'packages/contract/test/code-systems.test.mjs',
  'packages/contract-suite/self-check.test.js',
  'packages/sandbox/migrations/008_official_code_systems.sql',
  'packages/sandbox/test/fhir-codes.test.js',
];

test('each row is official, official not carried yet, or own; own is a project identifier, official never one', () => {
  assert.ok(readme.length >= 10);
  for (const r of readme) {
    assert.ok(['official', 'official, not carried yet', 'own'].includes(r.identifier), r.line);
    assert.ok(r.systems.length > 0, r.line);
    for (const s of r.systems) {
      if (r.identifier === 'own') assert.match(s, /^urn:omsorg:/, r.line);
      else assert.doesNotMatch(s, /^urn:omsorg:/, r.line);
    }
  }
  assert.ok(former.has('urn:omsorg:codesystem:kpr-tjenestetype'), 'the former service-type URN is listed');
});

test('every code set of @omsorg/contract is sent under the identifier the table gives it, and official where the table says so', () => {
  for (const set of codeSets) {
    assert.ok(verdict.has(set.system), `${set.system} is in the table`);
    assert.equal(verdict.get(set.system) === 'own', set.system.startsWith('urn:omsorg:'), set.system);
    for (const f of set.formerSystems ?? []) assert.ok(former.has(f), `${f}: the table says it is a former identifier`);
  }
});

test('no urn:omsorg:codesystem: where the table names an official identifier', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => /\.(ts|js|mjs|cjs|json|ya?ml|sql|md|html)$/.test(f));
  /** @type {string[]} */
  const wrong = [];
  return Promise.all(
    files.map(async (file) => {
      const text = await read(file).catch(() => '');
      for (const m of text.matchAll(/urn:omsorg:codesystem:[a-z0-9-]+/g)) {
        const id = m[0];
        if (verdict.get(id) === 'own') continue;
        if (former.has(id) && FORMER_ALLOWED.some((a) => file === a || (a.endsWith('/') && file.startsWith(a)))) continue;
        wrong.push(`${file}: ${id} (${former.has(id) ? 'replaced by an official identifier' : 'not in the table'})`);
      }
    }),
  ).then(() => assert.deepEqual(wrong, []));
});

test('the official identifiers the table says are carried are used in the code', async () => {
  // fhir-map.js and the files it re-exports (fhir-map-*.js) are the FHIR mapping.
  const fhirMap = (await readdir(new URL('packages/sandbox/src/records/', root))).filter((f) => /^fhir-map.*\.js$/.test(f)).map((f) => `packages/sandbox/src/records/${f}`);
  assert.ok(fhirMap.length > 1, 'the FHIR mapping is found');
  const code = (await Promise.all(['packages/contract/src/codes.ts', ...fhirMap, 'packages/contract/src/types.ts'].map(read))).join('\n');
  const plainCodes = ['http://hl7.org/fhir/appointmentstatus']; // the contract's status values are these codes, without a system
  for (const r of readme.filter((x) => x.identifier === 'official')) {
    for (const s of r.systems) if (!plainCodes.includes(s)) assert.ok(code.includes(s), `${s} is used (${r.what})`);
  }
});

test('docs/fhir-mapping.md has the same table', async () => {
  const doc = tableOf(await read('docs/fhir-mapping.md'), 'docs/fhir-mapping.md');
  assert.deepEqual(doc.map((r) => r.line), readme.map((r) => r.line));
});
