// Builds everything that ships:
//  1. the npm packages (contract, sdk, mocks, elements) → packages/<p>/dist/: ESM, one file per
//     source module (preserveModules) so consumers tree-shake, dependencies external, .d.ts next
//     to each file. Built in dependency order; each package is type-checked against the *built*
//     .d.ts of the packages it depends on, exactly as an npm consumer would see them.
//  2. the CDN bundle packages/elements/dist/cdn/omsorg.js (+ a lazily loaded chunk for
//     oidc-client-ts): ESM, minified, lit and everything bundled, no msw. Budget 45,000 B gzip
//     for omsorg.js (what every page pays); checked by scripts/bench.mjs and scripts/dist.test.mjs.
//  3. packages/elements/dist/cdn/omsorg-mocks.js: msw + @omsorg/mocks for the offline demo only.
//
// Why ESM and not a classic IIFE for the CDN: see demo/README.md ("Why an ES module").
// In short: an IIFE must inline oidc-client-ts (≈17 KB gzip) that mock/BFF pages never use and
// OIDC pages need only after the first paint; ESM lets it load as a separate chunk, on demand.
import { readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = new URL('.', import.meta.url).pathname;
const watching = process.env.ROLLUP_WATCH === 'true';

/** Dependencies every npm package leaves to the consumer's bundler. */
const external = (id) =>
  /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|oidc-client-ts|msw|@mswjs\/[^/]+|@omsorg\/[^/]+)(\/|$)/.test(id) || id.startsWith('node:');

/** Source modules of a package: everything under src/ but tests, test helpers and stories. */
function sourceModules(pkg, { skip = [] } = {}) {
  const src = join(root, 'packages', pkg, 'src');
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => !/(^|\/)(test|journeys)\//.test(f) && !/\.(test|spec|stories)\.ts$/.test(f))
    .filter((f) => !skip.includes(f))
    .map((f) => join(src, f));
}

/** Prints raw and gzip sizes of every emitted JS file. */
function sizes(label) {
  return {
    name: 'omsorg-sizes',
    writeBundle(options, bundle) {
      const rows = [];
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk') continue;
        const code = Buffer.from(out.code);
        rows.push([file, code.length, gzipSync(code, { level: 9 }).length]);
      }
      rows.sort((a, b) => b[2] - a[2]);
      const total = rows.reduce((s, r) => [s[0] + r[1], s[1] + r[2]], [0, 0]);
      const shown = rows.length > 6 ? rows.slice(0, 6) : rows;
      console.log(`\n${label}: ${rows.length} file(s), ${total[0].toLocaleString('en')} B raw, ${total[1].toLocaleString('en')} B gzip`);
      for (const [f, raw, gz] of shown) console.log(`  ${f.padEnd(40)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
      if (shown.length < rows.length) console.log(`  … ${rows.length - shown.length} more`);
    },
  };
}

/** Empties a dist folder once per build (not per rebuild in watch mode). */
function clean(dir) {
  let done = false;
  return {
    name: 'omsorg-clean',
    buildStart() {
      if (done && watching) return;
      done = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Type-only modules (generated/api.ts, types.ts) are inputs too, so their .d.ts is emitted; their
 * JS would be an empty `export {}` file nobody imports. Drop those, keep their declarations.
 */
function dropEmptyModules() {
  return {
    name: 'omsorg-drop-empty',
    generateBundle(options, bundle) {
      const imported = new Set(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [...c.imports, ...c.dynamicImports] : [])));
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk' && out.code.replace(/\/\/# sourceMappingURL=.*/, '').trim() === '' && !imported.has(file)) {
          delete bundle[file];
          delete bundle[`${file}.map`];
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. npm packages
// ---------------------------------------------------------------------------------------------
const order = ['contract', 'sdk', 'mocks', 'elements'];

function npmPackage(pkg) {
  const dir = join(root, 'packages', pkg);
  const src = join(dir, 'src');
  const dist = join(dir, 'dist');
  // cdn.ts is the CDN bundle's entry only; it is not part of the npm API.
  const input = sourceModules(pkg, { skip: pkg === 'elements' ? ['cdn.ts'] : [] });
  return {
    input,
    external,
    // One output file per module: nothing to tree-shake away here, consumers do that.
    treeshake: { moduleSideEffects: true },
    plugins: [
      clean(dist),
      typescript({
        tsconfig: join(root, 'tsconfig.base.json'),
        include: [join(src, '**/*.ts')],
        exclude: ['**/*.test.ts', '**/test/**', '**/journeys/**', '**/*.stories.ts', join(src, 'cdn.ts')],
        // No `paths`: @omsorg/* resolve through node_modules to the built dist/*.d.ts of the
        // packages built before this one, as they will for a consumer.
        compilerOptions: {
          rootDir: src,
          outDir: dist,
          declaration: true,
          declarationMap: true,
          declarationDir: dist,
          sourceMap: true,
          noEmit: false,
          noEmitOnError: false,
          types: [],
        },
      }),
      dropEmptyModules(),
      sizes(`@omsorg/${pkg} (npm)`),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'EMPTY_BUNDLE') return; // handled by dropEmptyModules
      warn(warning);
    },
    output: {
      dir: dist,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: src,
      // The plugin always imports TS helpers (__decorate) from tslib. They are bundled, as
      // dist/vendor/tslib/…, so consumers need no tslib; never under a `node_modules` folder,
      // which npm leaves out of a published package.
      entryFileNames: (chunk) => `${chunk.name.replace(/^.*node_modules\//, 'vendor/')}.js`,
      sourcemap: true,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2./3. browser bundles
// ---------------------------------------------------------------------------------------------
const cdnDir = join(root, 'packages/elements/dist/cdn');

/** TypeScript for bundles: the root tsconfig (paths to the sources), no declarations. */
const bundleTs = (packages) =>
  typescript({
    tsconfig: join(root, 'tsconfig.json'),
    include: packages.map((p) => `packages/${p}/src/**/*.ts`),
    exclude: ['**/*.test.ts', '**/test/**', '**/*.stories.ts'],
    compilerOptions: { noEmit: false, declaration: false, declarationMap: false, sourceMap: true, outDir: cdnDir, types: [] },
  });

const resolve = () =>
  nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], browser: true, extensions: ['.ts', '.mjs', '.js'] });

const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  });

const cdn = {
  input: { omsorg: join(root, 'packages/elements/src/cdn.ts') },
  // msw never enters the CDN bundle.
  external: (id) => /^(msw|@mswjs\/)/.test(id),
  plugins: [clean(cdnDir), resolve(), bundleTs(['contract', 'sdk', 'elements']), minify(), sizes('CDN packages/elements/dist/cdn')],
  output: {
    dir: cdnDir,
    format: 'es',
    entryFileNames: '[name].js',
    // The lazily loaded oidc-client-ts chunk and anything else split off.
    chunkFileNames: 'omsorg-[name]-[hash].js',
    sourcemap: true,
    manualChunks(id) {
      if (id.includes('/node_modules/oidc-client-ts/') || id.includes('/node_modules/jwt-decode/')) return 'oidc';
    },
  },
};

/** The offline demo's mock bundle: the worker starter plus what a demo page needs to pick data. */
const mocksEntry = () => {
  const id = '\0omsorg-mocks-entry';
  const src = (f) => JSON.stringify(join(root, 'packages/mocks/src', f));
  return {
    name: 'omsorg-mocks-entry',
    resolveId: (source) => (source === 'omsorg-mocks-entry' ? id : null),
    load: (source) =>
      source === id
        ? `export { startMockWorker } from ${src('browser.ts')};\nexport { scenarioNames, persons, personKeys } from ${src('index.ts')};\n`
        : null,
  };
};

const mocks = {
  input: { 'omsorg-mocks': 'omsorg-mocks-entry' },
  plugins: [mocksEntry(), resolve(), bundleTs(['contract', 'mocks']), minify(), sizes('offline-demo mocks (not part of the CDN budget)')],
  onwarn(warning, warn) {
    // msw's bundles use `this` at top level and eval-free circular imports; not ours to fix.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
  output: { dir: cdnDir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'omsorg-mocks-[name]-[hash].js', sourcemap: true, inlineDynamicImports: true },
};

// OMSORG_ONLY=sdk,cdn,cdn-mocks builds a subset (for quick iterations); the default builds everything.
const all = { ...Object.fromEntries(order.map((p) => [p, npmPackage(p)])), cdn, 'cdn-mocks': mocks };
const only = process.env.OMSORG_ONLY?.split(',').filter(Boolean);
export default only ? only.map((k) => all[k]).filter(Boolean) : Object.values(all);
