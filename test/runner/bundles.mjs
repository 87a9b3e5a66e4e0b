// Test pages with fewer modules to load: web-test-runner.config.mjs uses one of two modes.
//
// Why: an element test file imports about 400 modules, 280 of them from node_modules (lit, msw
// and its cookie and URL libraries, chai, the testing helpers). Even from the browser's cache,
// Firefox took about 2.6 s per file to fetch and link them before its first test ran (measured on
// 12 element files; a probe file's first line ran after about 2.4 s in Chromium and 1 s in
// WebKit), and `npm test` opens 88 files in each of three engines.
//
// - `dependencies` (Chromium, which measures coverage, and a run with --watch, which must serve
//   each edit): node_modules is served as a few chunks that every page shares and the browser
//   caches from the first file on. The project's own modules are served one by one as before,
//   since coverage is counted per source file.
// - `whole` (Firefox ESR and WebKitGTK, and any run without coverage): each test file is one small
//   entry over chunks shared by all test files, the project's code included. 1.3 s per file in
//   Firefox against 1.9 with `dependencies` alone and 2.6 before.
//
// Either way there is one copy of each library on a page (code splitting puts what two entries
// share in one chunk: one lit, one msw), a test file keeps its URL (the runner, its reports and
// its re-runs name the source file), and a source keeps its own `import.meta.url`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { globSync } from 'tinyglobby';

/** The project's own packages, bundled only in the `whole` mode. */
const OWN = /^@omsorg\//;
/** A bare specifier: a package name, not a path or a URL (esbuild's filters cannot look ahead). */
const STARTS_BARE = /^[@a-zA-Z]/;
const isBare = (s) => STARTS_BARE.test(s) && !/^[a-z][a-z0-9+.-]*:/i.test(s);
/** The runner's own modules, which it serves itself (its commands module imports its socket). */
const RUNNER = ['/__web-dev-server__*', '/__web-test-runner__*'];

/** The URL path the dev server serves `file` at. */
const urlPath = (root, file) => `/${relative(root, file).split(sep).join('/')}`;

// chai-a11y-axe loads axe-core (900 kB) with `require` when `require` is a function, as it is in
// a bundle, so every page would parse it. Here it loads as the package does unbundled, with a
// dynamic import: only pages that check accessibility load axe (a chunk of its own).
const axeOnDemand = {
  name: 'axe-on-demand',
  setup(b) {
    b.onLoad({ filter: /chai-a11y-axe[\\/]src[\\/]axe-import\.js$/ }, () => ({
      loader: 'js',
      contents: `export let axe;
export async function loadAxe() {
  if (!window.axe) await import('axe-core/axe.min.js');
  axe = window.axe;
  if (!axe) throw new Error('axe-core did not load');
}`,
    }));
  },
};

/** In a bundle `import.meta.url` would be the chunk's URL: each of the project's sources keeps its own. */
const ownImportMetaUrl = (root) => ({
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(urlPath(root, args.path))}, location.href).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
});

/** The bare specifiers (not the project's own) that the test files import, directly or through the project's sources. */
async function thirdPartySpecifiers(common, entryPoints) {
  const found = new Set();
  await build({
    ...common,
    entryPoints,
    write: false,
    // Only the imports are wanted: no output is kept.
    plugins: [{
      name: 'note-third-party',
      setup(b) {
        b.onResolve({ filter: STARTS_BARE }, (args) => {
          if (!isBare(args.path) || OWN.test(args.path)) return undefined;
          found.add(args.path);
          return { path: args.path, external: true };
        });
      },
    }],
  });
  return [...found].sort();
}

/** An output name for a specifier: `lit/decorators.js` → `lit__decorators`. */
const entryName = (specifier) => specifier.replace(/^@/, '').replace(/\.m?js$/, '').replace(/[^a-z0-9.-]+/gi, '__');

/**
 * @param {{ mode: 'dependencies' | 'whole', root: string, files: string[], tsconfig: string, conditions: string[] }} options
 *   files: the test files' globs, the runner's own (all files are bundled at once, so their
 *   chunks are shared).
 */
export function testBundlesPlugin({ mode, root, files, tsconfig, conditions }) {
  const prefix = `/__omsorg-${mode}/`;
  /** Served URL path → body; bare specifier or test file URL path → its entry's URL path. */
  const outputs = new Map();
  const entries = new Map();
  let ready;

  const common = {
    absWorkingDir: root,
    outdir: join(root, prefix),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions,
    tsconfig,
    logLevel: 'error',
    external: RUNNER,
  };

  async function prepare() {
    const started = Date.now();
    const testFiles = globSync(files, { cwd: root, absolute: true });
    let result;
    if (mode === 'dependencies') {
      const specifiers = await thirdPartySpecifiers(common, testFiles);
      result = await build({ ...common, entryPoints: specifiers.map((s) => ({ in: s, out: entryName(s) })), splitting: true, write: false, plugins: [axeOnDemand] });
      for (const s of specifiers) entries.set(s, `${prefix}${entryName(s)}.js`);
    } else {
      result = await build({
        ...common, entryPoints: testFiles, outbase: root, splitting: true, write: false, metafile: true,
        // Failures' stack traces are mapped back to the sources by the runner.
        sourcemap: 'linked',
        plugins: [ownImportMetaUrl(root), axeOnDemand],
      });
      for (const [out, meta] of Object.entries(result.metafile.outputs)) {
        if (meta.entryPoint?.endsWith('.test.ts')) entries.set(`/${meta.entryPoint}`, `/${out}`);
      }
    }
    for (const f of result.outputFiles) outputs.set(urlPath(root, f.path), f.text);
    console.log(`[omsorg test runner] ${testFiles.length} test files: ${mode === 'whole' ? 'bundled' : `${entries.size} third-party imports bundled`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  return {
    name: 'omsorg-test-bundles',
    serverStart() {
      ready = prepare();
      return ready;
    },
    async resolveImport({ source }) {
      if (mode !== 'dependencies' || !isBare(source) || OWN.test(source)) return undefined;
      await ready;
      return entries.get(source);
    },
    async serve(context) {
      const test = mode === 'whole' && context.path.endsWith('.test.ts');
      if (!test && !context.path.startsWith(prefix)) return undefined;
      await ready;
      if (test) {
        const entry = entries.get(context.path);
        // A file the globs do not name (none, when the runner's own globs are given) is served as it is.
        return entry ? { body: `import ${JSON.stringify(entry)};\n`, type: 'js' } : undefined;
      }
      const body = outputs.get(context.path);
      return body === undefined ? undefined : { body, type: context.path.endsWith('.map') ? 'json' : 'js' };
    },
  };
}
