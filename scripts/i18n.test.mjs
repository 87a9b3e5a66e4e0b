// `node --test scripts/i18n.test.mjs` (no build needed): the texts in nb, nn and en.
//
// Catalogs: every `catalog(nb, { nn, en })` exported by packages/elements/src/**/*.messages.ts and
// internal/messages.ts, with its nn and en modules (`<name>.messages.nn.ts`, `.en.ts`, which the
// elements import on demand), and the code sets in packages/contract/src/codes.ts
// ({ code: {nb,nn,en} }). The TypeScript sources are transpiled (typescript.transpileModule,
// types dropped) into a scratch folder and imported, so values and function arities are the
// real ones; the source-text checks (unused keys, literal text in templates) read the .ts files
// themselves.
//
//  1. nb, nn and en have the same keys at every depth and the same kind of value per key;
//     functions have the same arity.
//  2. No value is empty or equal to its key (strings, and what functions return for sample
//     arguments).
//  3. nn differs from nb: the strings that are the same are listed (many are legitimately the
//     same word); a catalog fails only when nn equals nb in every string (a copy-paste).
//  4. No unused keys: every top-level key of an element's catalog is read in that element's
//     sources, every key of `common` in some element or internal module. Nested keys (statuses,
//     units, …) are looked up by data (`t.statuses[a.status]`) and are not checked here.
//  5. No user-visible literal text in element templates: the static text of every html`…` in
//     element code (catalog files excepted) and user-visible attributes (aria-label, title, alt,
//     placeholder, …) must not contain letters, apart from ALLOWED_LITERALS below.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname, relative } from 'node:path';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const elementsSrc = join(root, 'packages/elements/src');
const codesFile = join(root, 'packages/contract/src/codes.ts');
const LOCALES = ['nb', 'nn', 'en'];

/**
 * Literal text allowed in element templates (file relative to packages/elements/src, and the
 * exact trimmed text). Keep this short: each entry is text that is the same in every language.
 */
export const ALLOWED_LITERALS = [
  // none today
];

const read = (f) => readFileSync(f, 'utf8');
const rel = (f) => relative(elementsSrc, f).split('\\').join('/');
const tsFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
const isTestish = (f) => /\.(test|spec|stories)\.ts$/.test(f) || /(^|\/)(test|journeys)\//.test(rel(f));
const catalogFiles = () => [join(elementsSrc, 'internal/messages.ts'), ...tsFiles(elementsSrc).filter((f) => f.endsWith('.messages.ts'))];
/** A catalog's nn and en modules (`login.messages.nn.ts`, `messages.en.ts`). */
const isLanguageFile = (f) => /(^|[/.])messages\.(nn|en)\.ts$/.test(f);
/** Element code that renders (where catalog keys are read and literal text is not allowed). */
const elementCode = () => tsFiles(elementsSrc).filter((f) => !isTestish(f) && !f.endsWith('.messages.ts') && !isLanguageFile(f) && !f.endsWith('.styles.ts'));

// ---------------------------------------------------------------------------------------------
// Loading the catalogs
// ---------------------------------------------------------------------------------------------
const scratch = join(root, 'node_modules/.cache/omsorg-i18n-test');
/** name → { file, kind: 'element' | 'common' | 'codes', exportName, value: { nb, nn, en } } */
const catalogs = new Map();

async function load() {
  rmSync(scratch, { recursive: true, force: true });
  const sources = [...catalogFiles(), ...tsFiles(elementsSrc).filter(isLanguageFile), join(elementsSrc, 'internal/locale.ts'), codesFile];
  for (const f of sources) {
    const out = join(scratch, relative(root, f)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    const { outputText } = ts.transpileModule(read(f), {
      fileName: f,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
    });
    writeFileSync(out, outputText);
  }
  // bokmål in the catalog, nn and en from the modules it imports them from
  const isCatalog = (v) => v && typeof v === 'object' && 'nb' in v && LOCALES.slice(1).every((l) => typeof v.load?.[l] === 'function');
  for (const f of catalogFiles()) {
    const mod = await import(pathToFileURL(join(scratch, relative(root, f)).replace(/\.ts$/, '.js')).href);
    for (const [name, c] of Object.entries(mod)) {
      if (!isCatalog(c)) continue;
      const kind = f.endsWith('internal/messages.ts') ? 'common' : 'element';
      const value = { nb: c.nb, nn: (await c.load.nn()).default, en: (await c.load.en()).default };
      catalogs.set(`${rel(f)}#${name}`, { file: f, kind, exportName: name, value });
    }
  }
  const codes = await import(pathToFileURL(join(scratch, relative(root, codesFile)).replace(/\.ts$/, '.js')).href);
  for (const [name, set] of Object.entries(codes)) {
    if (!set || typeof set !== 'object' || typeof set.system !== 'string' || !set.codes) continue;
    const value = Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(Object.entries(set.codes).map(([code, labels]) => [code, labels[l]]))]));
    catalogs.set(`contract/codes.ts#${name}`, { file: codesFile, kind: 'codes', exportName: name, value });
  }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------
const kindOf = (v) => (typeof v === 'function' ? 'function' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** The visible text of a message value: strings, arrays of parts, lit TemplateResults. */
function textOf(v) {
  if (v == null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(textOf).join('');
  if (typeof v === 'object' && Array.isArray(v.strings)) return v.strings.map((s, i) => s + (i < v.values.length ? textOf(v.values[i]) : '')).join('');
  return String(v);
}

/** Calls a message function with sample arguments ('X' each) and returns its text. */
const sampleText = (fn) => textOf(fn(...Array.from({ length: fn.length }, () => 'X')));

/** Every leaf under a catalog locale: [path, value]. */
function leaves(obj, path = []) {
  return Object.entries(obj).flatMap(([k, v]) => (kindOf(v) === 'object' ? leaves(v, [...path, k]) : [[[...path, k], v]]));
}

/** Compares the shape of nn and en with nb; returns a list of problems. */
function shapeProblems(nb, other, locale, path = []) {
  const problems = [];
  const a = Object.keys(nb).sort();
  const b = Object.keys(other).sort();
  for (const k of a.filter((k) => !b.includes(k))) problems.push(`${locale} is missing ${[...path, k].join('.')}`);
  for (const k of b.filter((k) => !a.includes(k))) problems.push(`${locale} has ${[...path, k].join('.')}, which nb has not`);
  for (const k of a.filter((k) => b.includes(k))) {
    const p = [...path, k].join('.');
    const [x, y] = [nb[k], other[k]];
    if (kindOf(x) !== kindOf(y)) problems.push(`${p}: nb is a ${kindOf(x)}, ${locale} a ${kindOf(y)}`);
    else if (kindOf(x) === 'function' && x.length !== y.length) problems.push(`${p}: nb takes ${x.length} argument(s), ${locale} ${y.length}`);
    else if (kindOf(x) === 'object') problems.push(...shapeProblems(x, y, locale, [...path, k]));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Source text: where catalog keys are read
// ---------------------------------------------------------------------------------------------
/** Strips comments (keeps strings and templates), so a key named in a comment does not count. */
function stripComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

/**
 * Identifiers through which `code` reads a catalog. Found from the code, not assumed:
 *  - getters returning `this.texts(<catalogImport>)` or typed as the catalog's `…Messages` type
 *    (`private get t(): AppointmentListMessages`), and `get common(): CommonMessages`;
 *  - parameters and variables typed as that type (`t: ServiceListMessages`, `m: CommonMessages`);
 *  - aliases of those (`const m = this.m;`, `const c = this.common;`);
 *  - `seed`: accessors declared elsewhere (the base class's `get common()`).
 * Returns identifiers; `this.<id>` and `<id>` both count as reads.
 */
function accessorsIn(code, { typeNames, importNames, seed = [] }) {
  const ids = new Set(seed);
  const types = typeNames.map((t) => t.replace(/[$]/g, '\\$')).join('|');
  if (types) {
    for (const m of code.matchAll(new RegExp(`\\bget\\s+(\\w+)\\s*\\(\\s*\\)\\s*:\\s*(?:${types})\\b`, 'g'))) ids.add(m[1]);
    for (const m of code.matchAll(new RegExp(`\\b(\\w+)\\??\\s*:\\s*(?:Readonly<)?(?:${types})\\b`, 'g'))) ids.add(m[1]);
  }
  for (const name of importNames) {
    for (const m of code.matchAll(new RegExp(`\\bget\\s+(\\w+)\\s*\\(\\s*\\)[^{]*\\{\\s*return\\s+this\\.texts\\(\\s*${name}\\s*\\)`, 'g'))) ids.add(m[1]);
    for (const m of code.matchAll(new RegExp(`\\b${name}\\s*\\[\\s*this\\.locale\\s*\\]`, 'g'))) ids.add(`${name}[this.locale]`);
  }
  // Aliases, repeated until nothing new (an alias of an alias).
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of code.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*(?:this\.)?(\w+)\s*;/g)) {
      if (ids.has(m[2]) && !ids.has(m[1])) {
        ids.add(m[1]);
        grew = true;
      }
    }
  }
  return ids;
}

/** Top-level keys read through any of `ids` in `code`: `id.key`, `this.id.key`, `id?.key`, `id['key']`, `{ key } = id`. */
function keysReadIn(code, ids) {
  const keys = new Set();
  for (const id of ids) {
    const i = id.replace(/[.[\]$]/g, (c) => `\\${c}`);
    for (const m of code.matchAll(new RegExp(`(?<![\\w$])(?:this\\.)?${i}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)`, 'g'))) keys.add(m[1]);
    for (const m of code.matchAll(new RegExp(`(?<![\\w$])(?:this\\.)?${i}\\s*\\[\\s*['"]([^'"]+)['"]\\s*\\]`, 'g'))) keys.add(m[1]);
    for (const m of code.matchAll(new RegExp(`\\{([^{}=]*)\\}\\s*=\\s*(?:this\\.)?${i}\\s*[;\\n]`, 'g'))) {
      for (const part of m[1].split(',')) {
        const k = part.trim().split(/\s*[:=]\s*/)[0];
        if (k && /^[\w$]+$/.test(k)) keys.add(k);
      }
    }
  }
  return keys;
}

/** The `…Messages` type names a catalog file declares for an export (`type X = (typeof messages)['nb']`). */
function typeNamesFor(file, exportName) {
  return [...read(file).matchAll(new RegExp(`type\\s+(\\w+)\\s*=\\s*\\(\\s*typeof\\s+${exportName}\\s*\\)\\s*\\[\\s*['"]nb['"]\\s*\\]`, 'g'))].map((m) => m[1]);
}

/** The local name under which `code` imports `exportName` from the catalog `file` (or undefined). */
function importedAs(code, codeFile, file, exportName) {
  const spec = relative(dirname(codeFile), file).split('\\').join('/').replace(/\.ts$/, '.js');
  const specs = [spec.startsWith('.') ? spec : `./${spec}`];
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    if (!specs.includes(m[2])) continue;
    for (const part of m[1].split(',')) {
      const [name, alias] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      if (name === exportName) return alias ?? name;
    }
  }
  return file === codeFile ? exportName : undefined;
}

// ---------------------------------------------------------------------------------------------
// Source text: literal text in html`` templates
// ---------------------------------------------------------------------------------------------
/** The static parts (raw text) of every html`…` tagged template in `code`, found with TypeScript's parser. */
function htmlTemplates(code, fileName = 'element.ts') {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(sf) === 'html') {
      const t = node.template;
      const statics = ts.isNoSubstitutionTemplateLiteral(t) ? [t.rawText ?? t.text] : [t.head.rawText ?? t.head.text, ...t.templateSpans.map((s) => s.literal.rawText ?? s.literal.text)];
      found.push({ statics, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const VISIBLE_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'alt', 'placeholder', 'label', 'value'];
const HOLE = '\u0001';

/** Literal user-visible text in every html`` template of `code`: [{ text, line, where }]. */
export function literalTexts(code, fileName) {
  const found = [];
  for (const { statics, line } of htmlTemplates(code, fileName)) {
    const markup = statics.join(HOLE).replace(/<!--[\s\S]*?-->/g, ' ');
    // Attributes inside tags, then the text between tags.
    const text = markup.replace(/<[^>]*>?/g, (tag) => {
      for (const a of tag.matchAll(/\s([\w.:?@-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
        const [name, value] = [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4]];
        if (!VISIBLE_ATTRIBUTES.includes(name) || value.includes(HOLE)) continue;
        if (/\p{L}/u.test(value.replace(/&[a-z]+;|&#x?[\da-f]+;/gi, ''))) found.push({ text: value.trim(), line, where: `${name}=` });
      }
      return HOLE;
    });
    for (const piece of text.split(HOLE)) {
      const t = piece.replace(/&[a-z]+;|&#x?[\da-f]+;/gi, ' ').replace(/\s+/g, ' ').trim();
      if (/\p{L}/u.test(t)) found.push({ text: t, line, where: 'text' });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------
before(load);
after(() => rmSync(scratch, { recursive: true, force: true }));

test('finds the catalogs: common, one per element with texts, and the contract code sets', () => {
  const names = [...catalogs.keys()];
  assert.ok(names.includes('internal/messages.ts#common'), names.join(', '));
  for (const el of ['appointment-list', 'cancel-dialog', 'login', 'service-list']) {
    assert.ok(names.includes(`${el}/${el}.messages.ts#messages`), `${el} catalog (found ${names.join(', ')})`);
  }
  for (const set of ['serviceTypes', 'cancellationReasons', 'relations']) assert.ok(names.includes(`contract/codes.ts#${set}`), set);
  // Every *.messages.ts file yields at least one catalog (a new file in another shape fails here).
  for (const f of catalogFiles()) assert.ok([...catalogs.values()].some((c) => c.file === f), `${rel(f)} exports no catalog(nb, { nn, en })`);
});

describe('every catalog', () => {
  test('nb, nn and en have the same keys, kinds of value and function arities', () => {
    const problems = [];
    for (const [name, { value }] of catalogs) {
      for (const l of ['nn', 'en']) problems.push(...shapeProblems(value.nb, value[l], l).map((p) => `${name}: ${p}`));
    }
    assert.deepEqual(problems, []);
  });

  test('no value is empty or the same as its key', () => {
    const problems = [];
    for (const [name, { value }] of catalogs) {
      for (const l of LOCALES) {
        for (const [path, v] of leaves(value[l])) {
          const key = path.at(-1);
          const where = `${name} ${l}.${path.join('.')}`;
          let text;
          if (typeof v === 'function') {
            try {
              text = sampleText(v);
            } catch (e) {
              problems.push(`${where}: throws for sample arguments (${e.message})`);
              continue;
            }
          } else if (typeof v === 'string') text = v;
          else {
            problems.push(`${where}: a ${kindOf(v)}, not text`);
            continue;
          }
          if (text.trim() === '') problems.push(`${where}: empty`);
          // A Norwegian text equal to its key, or an English one equal to a top-level key (an
          // identifier like `signIn`), is a placeholder. English values of nested, data-keyed
          // maps may equal their code (status `cancelled` → "cancelled").
          if (text.trim() === key && (l !== 'en' || path.length === 1)) problems.push(`${where}: "${text}" is its own key`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('nn is not a copy of nb (same strings are listed; all-equal fails)', (t) => {
    const copies = [];
    for (const [name, { value }] of catalogs) {
      const nn = new Map(leaves(value.nn).map(([p, v]) => [p.join('.'), v]));
      const all = leaves(value.nb);
      const same = all.filter(([p, v]) => {
        const w = nn.get(p.join('.'));
        return typeof v === 'function' ? sampleText(v) === sampleText(w) : v === w;
      });
      if (same.length) t.diagnostic(`${name}: nn = nb in ${same.length}/${all.length}: ${same.map(([p]) => p.join('.')).join(', ')}`);
      if (all.length > 1 && same.length === all.length) copies.push(name);
    }
    assert.deepEqual(copies, [], 'catalogs whose nn is the same as nb in every string');
  });
});

describe('no unused keys', () => {
  const code = () => elementCode().map((f) => [f, stripComments(read(f))]);

  test("each element catalog's top-level keys are read in that element's code", () => {
    const unused = [];
    for (const [name, c] of catalogs) {
      if (c.kind !== 'element') continue;
      const typeNames = typeNamesFor(c.file, c.exportName);
      const dir = dirname(c.file);
      const users = code().filter(([f]) => dirname(f) === dir);
      const seen = new Set();
      let accessors = 0;
      const allIds = new Set();
      for (const [f, src] of users) {
        const importName = importedAs(src, f, c.file, c.exportName);
        const ids = accessorsIn(src, { typeNames, importNames: importName ? [importName] : [] });
        accessors += ids.size;
        ids.forEach((id) => allIds.add(id));
        for (const k of keysReadIn(src, ids)) seen.add(k);
      }
      // A shared base class (internal/subject-data.ts) reads some keys through the same accessor
      // (`this.t.title`), declared abstract there and implemented by the element.
      for (const [, src] of users) {
        for (const m of src.matchAll(/\bextends\s+(\w+)/g)) {
          for (const [bf, bsrc] of code()) {
            if (!bf.includes('/internal/') || !new RegExp(`\\bclass\\s+${m[1]}\\b`).test(bsrc)) continue;
            for (const k of keysReadIn(bsrc, allIds)) seen.add(k);
          }
        }
      }
      assert.ok(accessors > 0, `${name}: found no code in ${rel(dir)}/ that reads it (the access pattern changed? update accessorsIn)`);
      for (const k of Object.keys(c.value.nb)) if (!seen.has(k)) unused.push(`${name}: ${k}`);
    }
    assert.deepEqual(unused, []);
  });

  test('each key of common is read somewhere in the elements', () => {
    const c = catalogs.get('internal/messages.ts#common');
    const typeNames = typeNamesFor(c.file, 'common');
    const seen = new Set();
    // Getters on the base class (`get common(): CommonMessages`) are read as this.common in subclasses.
    const inherited = new Set(code().flatMap(([, src]) => [...src.matchAll(new RegExp(`\\bget\\s+(\\w+)\\s*\\(\\s*\\)\\s*:\\s*(?:${typeNames.join('|')})\\b`, 'g'))].map((m) => m[1])));
    assert.ok(inherited.size > 0, 'no getter typed as the common catalog (the access pattern changed? update this test)');
    for (const [f, src] of code()) {
      const importName = importedAs(src, f, c.file, 'common');
      const ids = accessorsIn(src, { typeNames, importNames: importName ? [importName] : [], seed: inherited });
      for (const k of keysReadIn(src, ids)) seen.add(k);
    }
    // internal/messages.ts reads common's keys itself (errorMessage(m: CommonMessages, …)).
    const self = stripComments(read(c.file));
    for (const k of keysReadIn(self, accessorsIn(self, { typeNames, importNames: [] }))) seen.add(k);
    assert.deepEqual(Object.keys(c.value.nb).filter((k) => !seen.has(k)), []);
  });

  test('the key finder sees reads through this.x, aliases, typed parameters, ?. and brackets', () => {
    const src = `
      private get t(): FooMessages { return this.texts(messages); }
      render() { const t = this.t; const q = t; return html\`\${t.a} \${this.t.b} \${q?.c} \${t['d']}\`; }
      helper(m: FooMessages) { return m.e; }
      other() { const { f, g: h } = this.t; }
      sub() { const c = this.common; return c.i + this.common.j; }`;
    const ids = accessorsIn(src, { typeNames: ['FooMessages'], importNames: ['messages'], seed: ['common'] });
    assert.deepEqual([...keysReadIn(src, ids)].sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'j']);
  });
});

describe('no literal text in element templates', () => {
  test('the static text and visible attributes of every html`` in element code have no letters', () => {
    const allowed = new Set(ALLOWED_LITERALS.map((a) => `${a.file}\0${a.text}`));
    const found = [];
    for (const f of elementCode()) {
      for (const hit of literalTexts(read(f), f)) {
        if (!allowed.has(`${rel(f)}\0${hit.text}`)) found.push(`${rel(f)}:${hit.line} ${hit.where} "${hit.text}"`);
      }
    }
    assert.deepEqual(found, [], 'move these into a catalog, or (same in every language) into ALLOWED_LITERALS');
  });

  test('the template scanner finds literal text and skips expressions', () => {
    const src = 'const a = html`<p class="x" aria-label="Lukk">${t.a} Hei ${html`<b>${x}</b> nested`}</p><span title=${t.b}>–</span><!-- note -->`;';
    const got = literalTexts(src).map((h) => `${h.where} ${h.text}`).sort();
    assert.deepEqual(got, ['aria-label= Lukk', 'text Hei', 'text nested']);
  });
});

