// Builds everything that ships:
//  1. the npm packages (contract, fixtures, sdk, mocks, elements) → packages/<p>/dist/: ESM, one file per
//     source module (preserveModules) so consumers tree-shake, dependencies external, .d.ts next
//     to each file. Built in dependency order; each package is type-checked against the *built*
//     .d.ts of the packages it depends on, exactly as an npm consumer would see them.
//  2. the CDN files packages/elements/dist/cdn/: omsorg.js, the loader, and the chunks it imports
//     (the SDK's, lit's, each element's, each language's, oidc-client-ts…): ESM, minified, no msw.
//     Budgets in scripts/size-budgets.mjs (dist.test, bench); the CDN's own plugins are in
//     scripts/build/cdn-plugins.mjs.
//     The same files are copied to packages/elements/dist/cdn/<version>/ (the folder to deploy
//     as https://<cdn>/omsorg/<version>/), with integrity.json ({ file: "sha384-…" }); the build
//     prints the SRI hashes and the <script> tag to paste. See README.md, "Publishing".
//  3. packages/elements/dist/cdn/omsorg-mocks.js: msw + @omsorg/mocks for the offline demo only.
//
// Why ESM and not a classic IIFE for the CDN: see demo/README.md ("Why an ES module").
// In short: an IIFE must inline oidc-client-ts (≈17 KB gzip) that mock/BFF pages never use and
// OIDC pages need only after the first paint; ESM lets it load as a separate chunk, on demand.
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, dirname, relative as pathRelative, resolve as pathResolve } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { compileHints, elementOf, minifyLitCss, preloadMap } from './scripts/build/cdn-plugins.mjs';

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
const order = ['contract', 'fixtures', 'sdk', 'mocks', 'elements'];

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
    compilerOptions: { noEmit: false, declaration: false, declarationMap: false, sourceMap: true, inlineSources: true, outDir: cdnDir, types: [] },
  });

/**
 * @rollup/plugin-typescript hands rollup maps whose sources are relative to its outDir, which
 * rollup reads as relative to each module: the bundles' maps pointed above the repository.
 * Sources are embedded (inlineSources), so this only repairs the names: the real file, relative
 * to the map, found by its path below packages/ (or the repository, for node_modules).
 */
function repairSourcePath(relative, mapPath) {
  const from = dirname(mapPath);
  if (existsSync(pathResolve(from, relative))) return relative;
  const tail = relative.replace(/^(\.\.\/)+/, '');
  for (const base of [join(root, 'packages'), join(root, 'packages/elements'), root]) {
    const candidate = join(base, tail);
    if (existsSync(candidate)) return pathRelative(from, candidate).split('\\').join('/');
  }
  return relative;
}

const resolve = () =>
  nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], browser: true, extensions: ['.ts', '.mjs', '.js'] });

const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  });

/** The version in the CDN path: @omsorg/elements' package.json (also internal/version.ts, checked in dist.test). */
export const cdnVersion = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8')).version;
/** Where the printed <script> tag points; set OMSORG_CDN_BASE to your CDN (no trailing slash). */
const cdnBase = process.env.OMSORG_CDN_BASE ?? 'https://cdn.example.no/omsorg';

/** Subresource Integrity value of a file's bytes (sha384, base64), as browsers check it. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Copies the CDN files (omsorg.js, its lazily loaded chunks, their maps) byte for byte to
 * dist/cdn/<version>/, writes integrity.json there and prints the SRI hashes and the tag.
 * Maps are rewritten only in `sources` (one folder deeper); sourcesContent is embedded anyway.
 */
function versionedCdn() {
  return {
    name: 'omsorg-versioned-cdn',
    writeBundle(options, bundle) {
      const dir = join(options.dir, cdnVersion);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const integrity = {};
      for (const [file, out] of Object.entries(bundle)) {
        const bytes = readFileSync(join(options.dir, file));
        if (file.endsWith('.map')) {
          const map = JSON.parse(bytes.toString('utf8'));
          map.sources = map.sources.map((s) => (/^[a-z]+:/i.test(s) || s.startsWith('/') ? s : `../${s}`));
          writeFileSync(join(dir, file), JSON.stringify(map));
          continue;
        }
        writeFileSync(join(dir, file), bytes);
        if (out.type === 'chunk') integrity[file] = sri(bytes);
      }
      const sorted = Object.fromEntries(Object.entries(integrity).sort(([a], [b]) => (a === 'omsorg.js' ? -1 : b === 'omsorg.js' ? 1 : a.localeCompare(b))));
      writeFileSync(join(dir, 'integrity.json'), JSON.stringify(sorted, null, 2) + '\n');
      const lazy = Object.keys(sorted).filter((f) => f !== 'omsorg.js');
      const url = (f) => `${cdnBase}/${cdnVersion}/${f}`;
      console.log(`\nCDN ${cdnVersion}: packages/elements/dist/cdn/${cdnVersion}/ (deploy as ${cdnBase}/${cdnVersion}/)`);
      for (const [f, h] of Object.entries(sorted)) console.log(`  ${f.padEnd(28)} ${h}`);
      // The tag's integrity covers omsorg.js only. The chunk is loaded by import(), which no
      // attribute reaches; an import map's "integrity" does (measured: enforced by Chromium 156
      // and Firefox 153; a modulepreload integrity is NOT: Chromium refetches and runs a
      // tampered chunk). Under a strict CSP the inline import map needs its sha256 in script-src.
      const importMap = JSON.stringify({ integrity: Object.fromEntries(lazy.map((f) => [url(f), sorted[f]])) });
      const cspHash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
      console.log(`\n<script type="importmap">${importMap}</script>`);
      console.log(`<script type="module" src="${url('omsorg.js')}"\n        integrity="${sorted['omsorg.js']}"\n        crossorigin="anonymous" data-omsorg data-api="…" data-auth="oidc" …></script>`);
      const origin = URL.canParse(cdnBase) ? new URL(cdnBase).origin : "'self'";
      console.log(`CSP for the import map above (exactly these bytes): script-src ${origin} ${cspHash}`);
    },
  };
}

const cdn = {
  input: { omsorg: join(root, 'packages/elements/src/cdn.ts') },
  // cdn.ts exports getClient(), load(), loadMessaging() and ready; without this rollup would move
  // everything into a second chunk behind a tiny omsorg.js facade to keep the entry's exports exact.
  preserveEntrySignatures: 'allow-extension',
  // msw never enters the CDN bundle.
  external: (id) => /^(msw|@mswjs\/)/.test(id),
  plugins: [clean(cdnDir), resolve(), bundleTs(['contract', 'sdk', 'elements']), minifyLitCss(), preloadMap(), minify(), compileHints(), sizes('CDN packages/elements/dist/cdn'), versionedCdn()],
  output: {
    dir: cdnDir,
    format: 'es',
    entryFileNames: '[name].js',
    // omsorg-<element>-<hash>.js for each element's chunk, omsorg-sdk / -lit / -oidc for the
    // shared ones, omsorg-<first module>-<hash>.js for code rollup splits off between elements.
    chunkFileNames: (chunk) => `omsorg-${elementOf(chunk) ?? '[name]'}-[hash].js`,
    sourcemap: true,
    sourcemapPathTransform: repairSourcePath,
    manualChunks(id) {
      if (id.includes('/node_modules/oidc-client-ts/') || id.includes('/node_modules/jwt-decode/')) return 'oidc';
      // Nynorsk and English: chunks of their own, imported by the elements when they render in
      // that language and preloaded by the loader on such a page; a page in bokmål (in each
      // element's own chunk) downloads neither. Per language, one chunk for the shared texts
      // and the elements without messaging (lang-nn), one for the message and consent elements' texts
      // (lang-nn-messages), so a page without messages loads only the first.
      // …except the "unavailable" text (a bad configuration file): with its placeholder element.
      if (/[\\/]elements[\\/]src[\\/]config[\\/]unavailable[.\w]*\.[jt]s$/.test(id)) return 'unavailable';
      const lang = /[\\/.]messages\.(nn|en)\.[jt]s$/.exec(id);
      if (lang) return `lang-${lang[1]}${/[\\/](inbox|message-thread|composer|consent-panel)[\\/]/.test(id) ? '-messages' : ''}`;
      // The configuration file's reader and checker (config/load.ts, validate.ts, the schema): a
      // chunk of its own that only pages with `data-config` or an inline configuration load.
      if (/[\\/]elements[\\/]src[\\/]config[\\/](load|validate|schema\.generated)\.[jt]s$/.test(id)) return 'config';
      // The SDK's messaging part: a chunk of its own, imported by the client on first use
      // (createLazyClient), so pages without messages never load it. (The poller is the client's:
      // watched appointment lists poll too.)
      if (/[\\/]packages[\\/]sdk[\\/]src[\\/](messages|threads|outbox|consent|relatives|notices|validate-messages)\.[jt]s$/.test(id)) return 'messaging';
      // …with the response guards of the message schemas (the contract generates them apart),
      // the contract's message text and attachment rules, which the message elements share with it,
      // and the consent, identity-number and notice rules the consent panel and the consent gate check
      // with, and the problem titles the notices' refusals carry (used by no page without them, so
      // they stay out of the shared client chunk).
      if (/[\\/]packages[\\/]contract[\\/]src[\\/](generated[\\/]message-guards|rules[\\/](text|attachments|consent|identity|notices|problem-body))\.[jt]s$/.test(id)) return 'messaging';
      // The access log (the SDK's read, its response guards and its rules): a chunk of its own,
      // imported by the client the first time the log is read, so no other page loads it.
      if (/[\\/]packages[\\/]sdk[\\/]src[\\/]access-log\.[jt]s$/.test(id)) return 'access-log-read';
      if (/[\\/]packages[\\/]contract[\\/]src[\\/](generated[\\/]access-log-guards|rules[\\/]access-log)\.[jt]s$/.test(id)) return 'access-log-read';
      // Sign-in: through the BFF, the production shape, in the client's chunk (a chunk of its
      // own costs the page more than its 3 kB); the browser-only (auth-oidc, oidc-client-ts
      // behind it) and mock sign-ins in chunks of their own, which the loader imports and
      // preloads only for the kind on its tag.
      if (/[\\/]packages[\\/]sdk[\\/]src[\\/]auth[\\/](bff-auth|tabs)\.[jt]s$/.test(id)) return 'sdk';
      const auth = /[\\/]packages[\\/]sdk[\\/]src[\\/]auth[\\/](oidc|mock)-auth\.[jt]s$/.exec(id);
      if (auth) return `auth-${auth[1]}`;
      // (tabs.ts, the news between a page's tabs, serves both kinds: it stays with the BFF's.)
      if (/[\\/]packages[\\/]sdk[\\/]src[\\/]auth[\\/]oidc-stores\.[jt]s$/.test(id)) return 'auth-oidc';
      // The loader's client part: the SDK, the contract, the context, shared with the elements.
      if (/[\\/]packages[\\/](sdk|contract)[\\/]src[\\/]/.test(id) || id.includes('/node_modules/@lit/context/')) return 'sdk';
      if (/[\\/]elements[\\/]src[\\/](cdn-client|internal[\\/](context|events))\.[jt]s$/.test(id)) return 'sdk';
      // lit and the elements' shared base (every element needs both, so they load together):
      // one shared chunk. The composer and inert message text stay with the message elements;
      // focus-return (the cancel dialog, the composer) goes where rollup puts it, off the lists'
      // first paint.
      if (/\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|tslib)\//.test(id)) return 'lit';
      if (/[\\/]elements[\\/]src[\\/]internal[\\/]/.test(id) && !/[\\/](composer|message-text|focus-return)[.\w]*\.[jt]s$/.test(id)) return 'lit';
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
  plugins: [mocksEntry(), resolve(), bundleTs(['contract', 'fixtures', 'mocks']), minify(), sizes('offline-demo mocks (not part of the CDN budget)')],
  onwarn(warning, warn) {
    // msw's bundles use `this` at top level and eval-free circular imports; not ours to fix.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
  output: { dir: cdnDir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'omsorg-mocks-[name]-[hash].js', sourcemap: true, sourcemapPathTransform: repairSourcePath, inlineDynamicImports: true },
};

// OMSORG_ONLY=sdk,cdn,cdn-mocks builds a subset (for quick iterations); the default builds everything.
const all = { ...Object.fromEntries(order.map((p) => [p, npmPackage(p)])), cdn, 'cdn-mocks': mocks };
const only = process.env.OMSORG_ONLY?.split(',').filter(Boolean);
export default only ? only.map((k) => all[k]).filter(Boolean) : Object.values(all);
