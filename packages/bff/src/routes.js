// @ts-check
/**
 * The proxy's allow-list: exactly the paths and methods of the contract (openapi.yaml of
 * @omsorg/contract), read once at start. A template's `{param}` matches one path segment of
 * unreserved characters; nothing else reaches the API.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONTRACT_PATH = fileURLToPath(import.meta.resolve('@omsorg/contract/openapi.yaml'));

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/**
 * The contract's operations, from the `paths:` block of openapi.yaml (two-space path keys,
 * four-space method keys).
 * @param {string} [yaml]
 * @returns {{ template: string, methods: Set<string>, pattern: RegExp }[]}
 */
export function contractRoutes(yaml = readFileSync(CONTRACT_PATH, 'utf8')) {
  /** @type {{ template: string, methods: Set<string>, pattern: RegExp }[]} */
  const routes = [];
  let inPaths = false;
  /** @type {{ template: string, methods: Set<string>, pattern: RegExp } | undefined} */
  let current;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) {
      inPaths = line.startsWith('paths:');
      current = undefined;
      continue;
    }
    if (!inPaths) continue;
    const path = /^ {2}(\/[^:\s]*):\s*$/.exec(line);
    if (path) {
      const template = /** @type {string} */ (path[1]);
      const source = template
        .split('/')
        .map((seg) => (/^\{[A-Za-z0-9_]+\}$/.test(seg) ? '[A-Za-z0-9._~-]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      current = { template, methods: new Set(), pattern: new RegExp(`^${source}$`) };
      routes.push(current);
      continue;
    }
    const method = /^ {4}([a-z]+):\s*$/.exec(line);
    if (method && current && METHODS.has(/** @type {string} */ (method[1]))) current.methods.add(/** @type {string} */ (method[1]).toUpperCase());
  }
  if (routes.length === 0) throw new Error('no paths found in the contract');
  return routes;
}

/**
 * A path (with its query) the proxy may forward, or undefined. Refuses anything that is not a
 * plain origin-form path: absolute URLs, `..` and `.` segments (also percent-encoded), `//`,
 * backslashes, encoded slashes, control characters.
 * @param {ReturnType<typeof contractRoutes>} routes
 * @param {string} method
 * @param {string} rawPath e.g. `/v1/me?x=1`, as the browser sent it after the proxy prefix
 */
export function allowed(routes, method, rawPath) {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return undefined;
  const q = rawPath.indexOf('?');
  const path = q < 0 ? rawPath : rawPath.slice(0, q);
  if (/\/\/|\\|%2f|%5c|%2e|%00|[\u0000-\u0020\u007f]/i.test(path)) return undefined;
  if (path.split('/').some((seg) => seg === '.' || seg === '..')) return undefined;
  const route = routes.find((r) => r.pattern.test(path));
  if (!route || !route.methods.has(method)) return undefined;
  return route;
}
