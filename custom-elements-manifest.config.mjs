// Generates packages/elements/custom-elements.json from the elements' JSDoc
// (`npm run manifest`, also the last step of `npm run build`).
//
// Two plugins on top of the analyzer's lit support:
//  - `defineElement('omsorg-x', OmsorgX)` (our guarded define) is read like
//    `customElements.define`, so every class gets its tagName without a `@tag` in its JSDoc;
//  - module paths are rewritten from the sources (packages/elements/src/x.ts) to what the npm
//    package ships (dist/x.js), relative to the package, as the manifest schema asks.
const SRC = 'packages/elements/src/';

function defineElementCalls() {
  return {
    name: 'omsorg-define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      const className = klass.text;
      // Where the class comes from: an import in this file, or this file itself.
      let module = moduleDoc.path;
      for (const stmt of node.getSourceFile().statements) {
        if (!ts.isImportDeclaration(stmt) || !stmt.importClause?.namedBindings) continue;
        const bindings = stmt.importClause.namedBindings;
        if (!ts.isNamedImports(bindings)) continue;
        if (bindings.elements.some((e) => e.name.text === className)) {
          const spec = stmt.moduleSpecifier.text;
          if (spec.startsWith('.')) {
            const dir = moduleDoc.path.split('/').slice(0, -1);
            for (const part of spec.split('/')) {
              if (part === '..') dir.pop();
              else if (part !== '.') dir.push(part);
            }
            module = dir.join('/').replace(/\.js$/, '.ts');
          }
        }
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: className, module } },
      ];
    },
  };
}

/**
 * `this.dispatchEvent(new AppointmentCancelledEvent(…))` shows up as an event without a name;
 * our event classes carry `static readonly eventName = 'omsorg-…'`. Name those events from the
 * class, then merge them with the `@fires` entry of the same name (JSDoc description + type).
 */
function namedEventClasses() {
  const names = new Map();
  return {
    name: 'omsorg-event-classes',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const m of node.members) {
        const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        if (isStatic && ts.isPropertyDeclaration(m) && m.name.getText() === 'eventName' && m.initializer && ts.isStringLiteralLike(m.initializer)) {
          names.set(node.name.text, m.initializer.text);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.events) continue;
          const merged = new Map();
          for (const e of decl.events) {
            const name = e.name || names.get(e.type?.text);
            if (!name) continue;
            merged.set(name, { ...merged.get(name), ...e, name, ...(merged.get(name)?.description ? { description: merged.get(name).description } : {}) });
          }
          decl.events = [...merged.values()];
        }
      }
    },
  };
}

function distPaths() {
  const rewrite = (p) => (typeof p === 'string' && p.startsWith(SRC) ? 'dist/' + p.slice(SRC.length).replace(/\.ts$/, '.js') : p);
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'path' || k === 'module') && typeof x === 'string') v[k] = rewrite(x);
      else walk(x);
    }
  };
  return {
    name: 'omsorg-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      walk(customElementsManifest.modules);
    },
  };
}

export default {
  globs: [`${SRC}**/*.ts`],
  exclude: [`${SRC}**/*.test.ts`, `${SRC}**/test/**`, `${SRC}**/*.stories.ts`, `${SRC}journeys/**`],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
  dev: false,
  plugins: [defineElementCalls(), namedEventClasses(), distPaths()],
};
