// `npm run test:imports`: the import graph of the packages' sources, drawn by madge (type imports
// included), holds two rules of docs/architecture.md:
// - no import cycle;
// - imports run one way: a package's code (not its tests, which sit above what they test) imports
//   another package only when its package.json declares it, so the workspace's dependency graph,
//   which npm keeps free of cycles, is the layering (contract → sdk → elements; mocks, BFF and
//   sandbox beside, above the rules).
// The sandbox's `@omsorg/bff/*` subpath imports are not followed (madge does not read package
// exports); they are declared all the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['contract', 'fixtures', 'sdk', 'elements', 'mocks', 'sandbox', 'bff'];

/** The package a file of the graph belongs to (its paths are relative to packages/). */
const packageOf = (/** @type {string} */ file) => /^([a-z-]+)\//.exec(file)?.[1];
const isTest = (/** @type {string} */ file) => /\.test\.[cm]?[jt]s$|\/test\/|\/test-support\//.test(file);

/** The @omsorg packages each package declares (dependencies, peer, dev), read once each. */
const DECLARED = new Map(
  PACKAGES.map((pkg) => {
    const json = JSON.parse(readFileSync(`${root}packages/${pkg}/package.json`, 'utf8'));
    const names = Object.keys({ ...json.dependencies, ...json.peerDependencies, ...json.devDependencies });
    return [pkg, new Set(names.filter((n) => n.startsWith('@omsorg/')).map((n) => n.slice('@omsorg/'.length)))];
  }),
);
const declared = (/** @type {string} */ pkg) => DECLARED.get(pkg) ?? new Set();

/**
 * The imports that break the layering: from a non-test file of one package into another package
 * its package.json does not declare.
 * @param {Record<string, string[]>} graph file → the files it imports
 * @param {(pkg: string) => Set<string>} declaredOf
 */
export function undeclaredImports(graph, declaredOf) {
  const out = [];
  for (const [from, targets] of Object.entries(graph)) {
    const a = packageOf(from);
    if (!a || isTest(from)) continue;
    for (const to of targets) {
      const b = packageOf(to);
      if (b && b !== a && !declaredOf(a).has(b)) out.push(`${from} → ${to} (${a} does not declare @omsorg/${b})`);
    }
  }
  return out;
}

describe('the packages\' imports', () => {
  /** @type {Awaited<ReturnType<typeof madge>>} */
  let graph;
  before(async () => {
    graph = await madge(
      PACKAGES.map((p) => `${root}packages/${p}/src`),
      { fileExtensions: ['ts', 'js', 'mjs'], tsConfig: `${root}tsconfig.json`, baseDir: `${root}packages` },
    );
  });

  it('have no cycle (type imports included)', () => {
    assert.ok(Object.keys(graph.obj()).length > 300, 'the graph holds the packages\' files');
    assert.deepEqual(graph.circular(), []);
  });

  it('cross into another package only where its package.json declares it', () => {
    const obj = graph.obj();
    // The graph does cross packages (through the tsconfig paths), or this would prove nothing.
    assert.ok(Object.entries(obj).some(([f, ts]) => packageOf(f) === 'elements' && ts.some((t) => packageOf(t) === 'sdk')), 'elements → sdk seen');
    assert.deepEqual(undeclaredImports(obj, declared), []);
  });

  it('would report an undeclared one (the check itself)', () => {
    const fake = { 'sdk/src/client.ts': ['contract/src/index.ts', 'elements/src/index.ts'], 'sdk/src/a.test.ts': ['mocks/src/index.ts'] };
    assert.deepEqual(undeclaredImports(fake, () => new Set(['contract'])), ['sdk/src/client.ts → elements/src/index.ts (sdk does not declare @omsorg/elements)']);
  });
});
