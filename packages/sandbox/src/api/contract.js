// @ts-check
/**
 * packages/contract/openapi.yaml, loaded with openapi-backend: it routes requests to operations,
 * validates requests (a backstop after the API's own checks, which follow the mocks' order) and,
 * in development and tests, validates every response body and its headers against the schema.
 * openapi-backend only knows `application/json` responses, so problem+json bodies are checked
 * here against `components.schemas.Problem` with Ajv directly.
 */
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend } from 'openapi-backend';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { boundedMap } from '@omsorg/bff/bounded';

export const CONTRACT_PATH = fileURLToPath(import.meta.resolve('@omsorg/contract/openapi.yaml'));

/** @typedef {import('./problems.js').FieldError} FieldError */

/** Most method + path pairs whose route `match` remembers. */
const MATCH_CACHE_SIZE = 2_000;
/** Most body-less requests whose check `validateRequest` remembers. */
const CHECK_CACHE_SIZE = 2_000;
/** @typedef {import('ajv').ErrorObject} AjvError */

/**
 * @param {any} ajv
 * @returns {any}
 */
const withFormats = (ajv) => {
  /** @type {any} */ (addFormats)(ajv);
  return ajv;
};

/**
 * @typedef {object} Contract
 * @property {(method: string, path: string) => { operationId: string, params: Record<string, string> } | undefined} match
 *   `path` relative to the API root (starting `/v1/`)
 * @property {(operationId: string, req: { method: string, path: string, headers: Record<string, string | string[] | undefined>, query: string, body?: unknown }) => readonly AjvError[]} validateRequest
 * @property {(operationId: string | undefined, status: number, headers: Record<string, string>, body: unknown) => string[]} validateResponse
 *   problems found, as short messages (schema paths, never values)
 */

/**
 * @param {{ path?: string }} [o]
 * @returns {Promise<Contract>}
 */
export async function loadContract({ path = CONTRACT_PATH } = {}) {
  const api = new OpenAPIBackend({
    definition: path,
    strict: false,
    validate: true,
    // quick: skips openapi-backend's own definition check, which knows OpenAPI 3.0 only (the contract is 3.1).
    quick: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: (ajv) => withFormats(ajv),
  });
  await api.init();
  const doc = /** @type {any} */ (api.definition);
  // openapi-backend rebuilds its list of operations (lodash over every path) on each match and
  // each validation: three times per request. The definition does not change after init.
  const operations = api.router.getOperations();
  api.router.getOperations = () => operations;

  /** @type {ReturnType<typeof boundedMap<{ operationId: string, params: Record<string, string> } | undefined>>} */
  const matched = boundedMap(MATCH_CACHE_SIZE);

  const ajv = withFormats(new Ajv({ strict: false, allErrors: true }));
  const problemSchema = doc.components.schemas.Problem;
  const validateProblem = ajv.compile(problemSchema);

  /** Header names (lower case) each operation declares as parameters. */
  const declaredHeaders = new Map(
    operations.map((op) => [op.operationId, (op.parameters ?? []).filter((p) => /** @type {any} */ (p).in === 'header').map((p) => String(/** @type {any} */ (p).name).toLowerCase())]),
  );
  /** @type {ReturnType<typeof boundedMap<readonly AjvError[]>>} */
  const checked = boundedMap(CHECK_CACHE_SIZE);
  /** A header's value in the key; an absent one is not an empty one (NUL is in no header value). */
  const headerText = (/** @type {string | string[] | undefined} */ v) => (v === undefined ? '\u0000' : Array.isArray(v) ? v.join(', ') : v);
  /**
   * The request against the contract, every time.
   * @param {string} operationId
   * @param {Parameters<Contract['validateRequest']>[1]} req
   * @returns {AjvError[]}
   */
  const check = (operationId, req) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => v !== undefined));
    const result = api.validator.validateRequest(
      { method: req.method, path: req.path, headers: /** @type {any} */ (headers), query: req.query, ...(req.body === undefined ? {} : { body: /** @type {any} */ (req.body) }) },
      operationId,
    );
    return result.valid ? [] : result.errors ?? [];
  };

  return {
    match(method, path) {
      // The answer depends on the method and the path only: remembered (a tab asks the same few
      // paths again and again), frozen, at most MATCH_CACHE_SIZE paths, the oldest forgotten.
      const key = `${method} ${path}`;
      if (matched.has(key)) return matched.get(key);
      const op = api.router.matchOperation({ method, path, headers: {}, query: {} });
      let found;
      if (op?.operationId) {
        const params = api.router.parseRequest({ method, path, headers: {}, query: {} }, op).params ?? {};
        found = Object.freeze({ operationId: op.operationId, params: Object.freeze({ .../** @type {Record<string, string>} */ (params) }) });
      }
      matched.set(key, found);
      return found;
    },

    validateRequest(operationId, req) {
      // Without a body, the answer depends only on the operation, the method, the path, the query
      // and the headers the operation declares: remembered like a route (a tab asks the same
      // list again and again; it was 5 % of a list request's CPU), frozen, the oldest forgotten.
      if (req.body === undefined) {
        const names = declaredHeaders.get(operationId) ?? [];
        const key = [operationId, req.method, req.path, req.query, ...names.map((n) => headerText(req.headers[n]))].join('\n');
        const known = checked.get(key);
        if (known) return known;
        const errors = Object.freeze(check(operationId, req));
        checked.set(key, errors);
        return errors;
      }
      return check(operationId, req);
    },

    validateResponse(operationId, status, headers, body) {
      /** @type {string[]} */
      const problems = [];
      const contentType = headers['Content-Type'] ?? '';
      if (headers['Cache-Control'] !== 'no-store') problems.push('Cache-Control must be no-store');
      if (status >= 400) {
        if (contentType !== 'application/problem+json') problems.push(`an error must be application/problem+json, not ${contentType}`);
        if (!validateProblem(body)) problems.push(...(validateProblem.errors ?? []).map(describe));
        else if (/** @type {any} */ (body).status !== status) problems.push('the problem status differs from the HTTP status');
        return problems;
      }
      if (!operationId) return [...problems, `a ${status} answer without an operation`];
      const declared = /** @type {any} */ (api.getOperation(operationId))?.responses?.[String(status)];
      if (!declared) return [...problems, `${operationId} does not answer ${status}`];
      if (body === undefined || Buffer.isBuffer(body)) {
        // No body (204, 304) or a file: the status and the content type must be the contract's.
        const types = Object.keys(declared.content ?? {});
        if (body === undefined && types.length) problems.push(`a ${status} answer needs a body`);
        // The media type is the contract's; a parameter (text/csv; charset=utf-8) may follow.
        if (body !== undefined && !types.includes(contentType.split(';', 1)[0]?.trim() ?? '')) problems.push(`${contentType} is not one of ${types.join(', ')}`);
        return problems;
      }
      if (contentType !== 'application/json') problems.push(`a success must be application/json, not ${contentType}`);
      const r = api.validator.validateResponse(body, operationId, status);
      if (!r.valid) problems.push(...(r.errors ?? []).map(describe));
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const h = api.validator.validateResponseHeaders(lower, operationId, { statusCode: status, setMatchType: /** @type {any} */ ('superset') });
      if (!h.valid) problems.push(...(h.errors ?? []).map((e) => `header ${describe(e)}`));
      return problems;
    },
  };
}

/** @param {AjvError} e */
const describe = (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`;

/**
 * Ajv errors from a request validation, as the contract's field errors (pointers into the body).
 * Errors about parameters carry no pointer (the contract's pointers point into the body).
 * @param {readonly AjvError[]} errors
 * @returns {FieldError[]}
 */
export function fieldErrors(errors) {
  /** @type {FieldError[]} */
  const out = [];
  for (const e of errors) {
    if (!e.instancePath.startsWith('/requestBody') && !(e.keyword === 'required' && e.params?.missingProperty === 'requestBody')) continue;
    let pointer = e.instancePath.replace(/^\/requestBody/, '');
    /** @type {FieldError['code']} */
    let code = 'invalid';
    if (e.keyword === 'required') {
      if (e.params.missingProperty !== 'requestBody') pointer += `/${e.params.missingProperty}`;
      code = 'required';
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${e.params.additionalProperty}`;
    } else if (e.keyword === 'maxLength') {
      code = 'too-long';
    }
    if (!out.some((x) => x.pointer === pointer && x.code === code)) out.push({ pointer, code });
  }
  return out;
}
