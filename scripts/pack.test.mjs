// `node --test scripts/pack.test.mjs` (after `npm run build`): what `npm publish` would upload.
// Runs `npm pack --dry-run --json` for every publishable workspace (nothing is written) and
// checks the file list against the manifest, as a consumer installing the tarball would see it.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, posix } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const publishable = ['contract', 'fixtures', 'sdk', 'mocks', 'elements'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkgJson = (p) => JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));
const fmt = (n) => n.toLocaleString('en');

/** Every target in an exports map (all conditions). */
function exportTargets(exp, at = []) {
  if (typeof exp === 'string') return [[at.join(' → '), exp]];
  return Object.entries(exp).flatMap(([k, v]) => exportTargets(v, [...at, k]));
}
const norm = (p) => posix.normalize(p.replace(/^\.\//, ''));

/** Bare specifiers a JS or .d.ts file imports (static, dynamic, side-effect, `import('x')` types). */
function bareImports(code) {
  const specs = [...code.matchAll(/(?:^|;|\s)(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

/** A minimal sideEffects matcher: the array form, with `*` (one segment) and `**` (any depth). */
function sideEffectsMatches(patterns, file) {
  if (patterns === false) return false;
  if (!Array.isArray(patterns)) return true;
  return patterns.some((p) => {
    const re = new RegExp(`^${norm(p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '.*')}$`);
    return re.test(file);
  });
}

let packs;
before(() => {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', ...publishable.flatMap((p) => ['-w', `packages/${p}`])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packs = new Map(JSON.parse(out).map((p) => [p.name, p]));
  console.log('\nnpm pack (dry run)');
  for (const p of packs.values()) {
    console.log(`  ${p.filename.padEnd(30)} ${fmt(p.size).padStart(9)} B packed  ${fmt(p.unpackedSize).padStart(10)} B unpacked  ${String(p.entryCount).padStart(4)} files`);
  }
});

for (const p of publishable) {
  const dir = join(root, 'packages', p);
  describe(`@omsorg/${p} tarball`, () => {
    const pkg = pkgJson(p);
    const files = () => new Set(packs.get(pkg.name).files.map((f) => f.path));
    const list = () => [...files()];

    test('is packed, public, semver 0.1.0, with its size printed', (t) => {
      const info = packs.get(pkg.name);
      assert.ok(info, `npm pack listed ${pkg.name}`);
      t.diagnostic(`${info.filename}: ${fmt(info.size)} B packed, ${fmt(info.unpackedSize)} B unpacked, ${info.entryCount} files`);
      assert.notEqual(pkg.private, true);
      assert.match(pkg.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
      assert.equal(pkg.version, '0.1.0');
      assert.equal(pkg.publishConfig?.access, 'public');
      // repository/homepage come when the project has a public repository to point at.
      for (const field of ['description', 'license', 'keywords', 'engines', 'files', 'exports']) assert.ok(pkg[field], `package.json has ${field}`);
      assert.equal(pkg.type, 'module');
    });

    test('has README.md, LICENSE (MIT) and package.json', () => {
      for (const f of ['README.md', 'LICENSE', 'package.json']) assert.ok(files().has(f), `${f} in the tarball`);
      assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /MIT License[\s\S]*omsorg contributors/);
      assert.equal(pkg.license, 'MIT');
    });

    test('every file the manifest points to is in the tarball', () => {
      const targets = [
        ...['main', 'module', 'types', 'customElements'].filter((f) => pkg[f]).map((f) => [f, pkg[f]]),
        ...Object.entries(pkg.exports).flatMap(([sub, exp]) => exportTargets(exp).map(([cond, target]) => [`exports["${sub}"] ${cond}`, target])),
      ];
      for (const [where, target] of targets) {
        assert.ok(!target.includes('*'), `${where}: no patterns (${target})`);
        assert.ok(files().has(norm(target)), `${where}: ${target} is not in the tarball`);
      }
    });

    test('exports: types first, then source, import, default; every JS entry has its .d.ts', () => {
      for (const [sub, exp] of Object.entries(pkg.exports)) {
        if (typeof exp === 'string') {
          assert.ok(!exp.endsWith('.js'), `exports["${sub}"]: a JS entry needs conditions with types`);
          continue;
        }
        // Types only (the framework typings): no code behind them.
        if (Object.keys(exp).length === 1 && exp.types) {
          assert.match(exp.types, /\.d\.ts$/, `exports["${sub}"]: a types-only entry is a .d.ts`);
          continue;
        }
        assert.deepEqual(Object.keys(exp), ['types', 'source', 'import', 'default'], `exports["${sub}"] condition order`);
        assert.equal(exp.default, exp.import, `exports["${sub}"]: default is the ESM file too`);
        assert.equal(norm(exp.types), norm(exp.import).replace(/\.js$/, '.d.ts'), `exports["${sub}"]: types next to import`);
        assert.equal(norm(exp.source), norm(exp.import).replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'), `exports["${sub}"]: source mirrors import`);
      }
      for (const js of list().filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !f.startsWith('dist/cdn/') && !f.startsWith('dist/vendor/'))) {
        assert.ok(files().has(js.replace(/\.js$/, '.d.ts')), `${js} has no .d.ts in the tarball`);
      }
    });

    test('no tests, test helpers, stories, node_modules or offline-demo files', () => {
      for (const f of list()) {
        assert.doesNotMatch(f, /\.(test|spec|stories)\.[cm]?[jt]sx?$/, `test file ${f}`);
        assert.doesNotMatch(f, /(^|\/)(src|dist)\/(test|journeys)\//, `test helper ${f}`);
        assert.ok(!f.split('/').includes('node_modules'), `node_modules in ${f}`);
        assert.doesNotMatch(f, /(^|\/)(suite|scripts|coverage|\.sandbox-data)\//, `repository-only file ${f}`);
        assert.doesNotMatch(f, /omsorg-mocks\.js/, `offline-demo bundle ${f}`);
        assert.doesNotMatch(f, /^dist\/cdn\/[^/]+\//, `versioned CDN copy ${f} (deployed from the build, not npm)`);
      }
    });

    test('source maps resolve: every source is in the tarball or embedded, every sourceMappingURL exists', () => {
      let maps = 0;
      for (const f of list().filter((x) => x.endsWith('.map'))) {
        maps++;
        const map = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const base = posix.join(posix.dirname(f), map.sourceRoot ?? '');
        map.sources.forEach((s, i) => {
          if (typeof map.sourcesContent?.[i] === 'string') return; // embedded: the file is not needed
          const resolved = posix.normalize(posix.join(base, s));
          assert.ok(!resolved.startsWith('..') && files().has(resolved), `${f}: source ${s} → ${resolved} is neither in the tarball nor embedded`);
        });
      }
      for (const f of list().filter((x) => /\.(js|d\.ts)$/.test(x))) {
        const url = readFileSync(join(dir, f), 'utf8').match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
        if (!url) continue;
        assert.ok(!url.startsWith('data:'), `${f}: inline source map`);
        assert.ok(files().has(posix.normalize(posix.join(posix.dirname(f), url))), `${f}: sourceMappingURL ${url} is not in the tarball`);
      }
      assert.ok(maps > 0, 'maps are shipped');
    });

    test('shipped code imports only declared dependencies, and none is private', () => {
      const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
      for (const f of list().filter((x) => /^dist\/.*\.(js|d\.ts)$/.test(x) && !x.startsWith('dist/cdn/'))) {
        for (const name of bareImports(readFileSync(join(dir, f), 'utf8'))) {
          assert.ok(allowed.has(name), `${f} imports ${name}, which is not in dependencies or peerDependencies`);
        }
      }
      for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
        if (!name.startsWith('@omsorg/')) continue;
        const other = pkgJson(name.slice('@omsorg/'.length));
        assert.notEqual(other.private, true, `${name} is private and cannot be a dependency of a published package`);
        assert.equal(range, other.version, `${name}: released in lockstep, pinned to ${other.version}`);
      }
    });

    test('sideEffects covers every module that registers elements', () => {
      for (const f of list().filter((x) => /^(dist|src)\/.*\.(js|ts)$/.test(x) && !x.endsWith('.d.ts'))) {
        const code = readFileSync(join(dir, f), 'utf8');
        // A top-level registration, or a bare `import './x.js'` (only done for its effects).
        const registers = /^\s*(defineElement|customElements\.define)\(/m.test(code) || /^import\s*['"][^'"]+['"];?\s*$/m.test(code);
        if (registers) assert.ok(sideEffectsMatches(pkg.sideEffects, f), `${f} has top-level side effects but is not in sideEffects`);
      }
      if (p === 'elements') {
        assert.ok(Array.isArray(pkg.sideEffects));
        assert.ok(!sideEffectsMatches(pkg.sideEffects, 'dist/index.js'), 'the main entry is side-effect free');
        assert.ok(!sideEffectsMatches(pkg.sideEffects, 'dist/internal/define.js'), 'the defineElement helper is side-effect free');
        assert.ok(sideEffectsMatches(pkg.sideEffects, 'dist/cdn/omsorg.js'));
        assert.equal(pkg.customElements, 'custom-elements.json');
      } else {
        assert.equal(pkg.sideEffects, false);
      }
    });
  });
}

describe('manifests', () => {
  test('elements: one ./<element>/define.js export per element folder, ./define.js, ./custom-elements.json', () => {
    const exp = pkgJson('elements').exports;
    const src = join(root, 'packages/elements/src');
    const folders = ['access-log', 'appointment-list', 'cancel-dialog', 'consent-panel', 'inbox', 'login', 'message-thread', 'provider', 'service-list'].filter((d) => existsSync(join(src, d, 'define.ts')));
    for (const d of folders) assert.ok(exp[`./${d}/define.js`], `exports ./${d}/define.js`);
    for (const k of ['.', './define.js', './custom-elements.json', './jsx', './vue', './angular', './vscode.html-custom-data.json', './vscode.css-custom-data.json']) assert.ok(exp[k], `exports ${k}`);
    const elementEntries = Object.keys(exp).filter((k) => /^\.\/[\w-]+\/define\.js$/.test(k));
    assert.deepEqual(elementEntries.sort(), folders.map((d) => `./${d}/define.js`).sort());
  });

  test('contract exports ./openapi.yaml; mocks exports ./browser and has msw as a peer', () => {
    assert.equal(pkgJson('contract').exports['./openapi.yaml'], './openapi.yaml');
    assert.ok(pkgJson('mocks').exports['./browser']);
    assert.ok(pkgJson('mocks').peerDependencies?.msw);
    assert.ok(!pkgJson('mocks').dependencies?.msw);
    const el = pkgJson('elements');
    for (const d of ['lit', '@lit/context', '@omsorg/sdk', '@omsorg/contract']) assert.ok(el.dependencies?.[d], `elements depends on ${d}`);
    assert.ok(pkgJson('sdk').dependencies?.['oidc-client-ts']);
  });

  test('sandbox stays private', () => {
    assert.equal(pkgJson('sandbox').private, true);
  });

  test('the source condition resolves inside each tarball (src ships, minus tests)', () => {
    for (const p of publishable) {
      const pkg = pkgJson(p);
      const tar = new Set(packs.get(pkg.name).files.map((f) => f.path));
      for (const [sub, exp] of Object.entries(pkg.exports)) {
        if (typeof exp === 'object' && exp.source) assert.ok(tar.has(norm(exp.source)), `${pkg.name} exports["${sub}"].source ${exp.source}`);
      }
      // A shipped .ts file imports only shipped .ts files (so `source` consumers can compile it).
      for (const f of [...tar].filter((x) => x.startsWith('src/') && x.endsWith('.ts'))) {
        const code = readFileSync(join(root, 'packages', p, f), 'utf8');
        for (const [, rel] of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
          const target = posix.normalize(posix.join(posix.dirname(f), rel)).replace(/\.js$/, '.ts');
          assert.ok(tar.has(target) || tar.has(target.replace(/\.ts$/, '.js')), `${pkg.name}: ${f} imports ${rel}, not in the tarball`);
        }
      }
    }
  });
});

