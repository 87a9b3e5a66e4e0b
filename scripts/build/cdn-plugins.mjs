// The CDN build's own rollup plugins (rollup.config.mjs uses them for packages/elements/dist/cdn):
// minifyLitCss (the CSS in css`…` literals), preloadMap (what the loader preloads for each chunk
// it imports), compileHints (V8's compile hint on the chunks a page runs on arrival), and
// elementOf (the element a chunk starts, for its file name).
import MagicString from 'magic-string';

/** CSS text without comments and the whitespace it does not need (quoted strings kept as written). */
function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}')))
    .join('');
}

/**
 * Minifies the CSS in the elements' css`…` literals for the CDN files (terser leaves template
 * text alone): comments and layout whitespace go, `${…}` parts stay as they are. The npm build
 * keeps the source text (consumers minify with their own tools).
 */
export function minifyLitCss() {
  return {
    name: 'omsorg-minify-lit-css',
    transform(code, id) {
      if (!/[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !/\bcss\s*`/.test(code)) return null;
      const s = new MagicString(code);
      for (const m of code.matchAll(/\bcss\s*`/g)) {
        // The literal's static parts: from the backtick to `${`, between `}` and `${`, to the closing backtick.
        let i = m.index + m[0].length;
        let start = i;
        const parts = [];
        for (;;) {
          if (i >= code.length) return null; // not a literal we understand: leave the file alone
          if (code[i] === '\\') {
            i += 2;
            continue;
          }
          if (code[i] === '`') {
            parts.push([start, i]);
            break;
          }
          if (code[i] === '$' && code[i + 1] === '{') {
            parts.push([start, i]);
            let depth = 1;
            i += 2;
            while (depth && i < code.length) {
              if (code[i] === '{') depth++;
              else if (code[i] === '}') depth--;
              else if (code[i] === '`') return null;
              i++;
            }
            start = i;
            continue;
          }
          i++;
        }
        parts.forEach(([a, b], k) => {
          let text = minifyCssText(code.slice(a, b));
          if (k === 0) text = text.trimStart();
          if (k === parts.length - 1) text = text.trimEnd();
          if (text !== code.slice(a, b)) {
            if (text) s.overwrite(a, b, text);
            else if (b > a) s.remove(a, b);
          }
        });
      }
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}

/** The chunk an element's define.ts starts (`login`, `inbox`, …), from its module ids. */
export const elementOf = (chunk) => /[\\/]src[\\/]([\w-]+)[\\/]define\.[jt]s$/.exec(chunk.facadeModuleId ?? '')?.[1];
const PRELOADS = /(["'])\{"__OMSORG_PRELOADS__":0\}\1/;

/**
 * Writes into the loader (autoload.ts, `PRELOADS`) what each chunk it imports needs: the chunk
 * and every chunk that one imports, transitively, keyed by element (`login`, …) or `client`
 * (cdn-client.ts). The loader adds a modulepreload hint for each file before its import(), so
 * all of a page's chunks are requested together, straight after omsorg.js. File names are still
 * rollup's hash placeholders here; rollup replaces them in the final code.
 */
export function preloadMap() {
  return {
    name: 'omsorg-preload-map',
    renderChunk(code, chunk, options, meta) {
      const m = PRELOADS.exec(code);
      if (!m) {
        if (chunk.isEntry && chunk.name === 'omsorg') this.error('omsorg.js: the PRELOADS placeholder (autoload.ts) was not found');
        return null;
      }
      const needs = (file, out) => {
        if (out.has(file) || file === chunk.fileName) return out;
        out.add(file);
        for (const f of meta.chunks[file]?.imports ?? []) needs(f, out);
        return out;
      };
      const map = {};
      for (const file of chunk.dynamicImports) {
        const c = meta.chunks[file];
        // Any other chunk the loader imports (the texts module, for the host's `setTexts`, sits in
        // the shared lit chunk) is listed under its own name.
        const key = c?.moduleIds.some((id) => /[\\/]src[\\/]cdn-client\.[jt]s$/.test(id)) ? 'client' : c && (elementOf(c) ?? c.name);
        if (key) map[key] = [...needs(file, new Set())];
      }
      // The languages' chunks (lang-nn, lang-nn-messages, …): the elements import them, the loader preloads them.
      for (const [file, c] of Object.entries(meta.chunks)) if (/^lang-/.test(c.name)) map[c.name] = [...needs(file, new Set())];
      const s = new MagicString(code);
      s.overwrite(m.index, m.index + m[0].length, JSON.stringify(JSON.stringify(map)));
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}

/** V8's explicit compile hint (Chrome 136+; other engines read a comment). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Puts COMPILE_HINT first in the chunks a page runs as soon as they arrive: each element's, each
 * sign-in kind's, each language's, the SDK's, and every chunk those import statically (lit, the
 * shared base). Chromium then compiles all their functions on the thread that streams the file
 * in, instead of one by one on the main thread at first call, while the page waits for its
 * list. Measured (docs/measurements.md): the first item 13–22 % sooner with the main thread
 * slowed 4×, about 7 % at full speed. Not on omsorg.js (no difference measured), nor on the
 * chunks a page uses only in part (oidc-client-ts, the SDK's messaging part). After terser,
 * which drops comments.
 */
export function compileHints() {
  const partly = /^(oidc|messaging)$/;
  return {
    name: 'omsorg-compile-hints',
    renderChunk(code, chunk, options, meta) {
      const root = (c) => !c.isEntry && (elementOf(c) || /^(sdk|auth-\w+|lang-[\w-]+)$/.test(c.name));
      const startup = (c, seen = new Set()) => {
        if (root(c)) return true;
        // Imported statically by a chunk that runs at startup.
        return Object.values(meta.chunks).some((o) => o.imports.includes(c.fileName) && !seen.has(o.fileName) && startup(o, seen.add(o.fileName)));
      };
      if (partly.test(chunk.name) || !startup(chunk)) return null;
      const s = new MagicString(code).prepend(COMPILE_HINT);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
