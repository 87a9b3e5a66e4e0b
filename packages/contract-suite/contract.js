// @ts-check
/**
 * The contract itself as a checker: every response the suite receives is validated against
 * `packages/contract/openapi.yaml` (OpenAPI 3.1, whose schemas are JSON Schema 2020-12) with ajv.
 *
 *   status     documented for the operation (2xx/3xx only when listed explicitly; errors may use `default`)
 *   headers    every header the response documents is present and matches its schema
 *              (`Cache-Control: no-store`, a strong `ETag` equal to `"<version>"`)
 *   body       the content type is one the response documents, and the body matches its schema
 *   always     `Cache-Control` includes `no-store`; errors are `application/problem+json`, a
 *              Problem with a known `type` and `status` equal to the HTTP status
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_PATH = fileURLToPath(import.meta.resolve('@omsorg/contract/openapi.yaml'));
const ID = 'urn:omsorg:contract:openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
/** Media types whose bodies are files (`format: binary` in the contract), never parsed as JSON. */
const BINARY_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/csv'];

/** @param {string} s */
const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * @typedef {object} Operation
 * @property {string} method lower case
 * @property {string} template e.g. `/v1/subjects/{subjectId}/appointments`
 * @property {RegExp} pattern
 * @property {string} operationId
 * @property {Record<string, any>} responses
 */

/**
 * @typedef {object} CheckedResponse
 * @property {string[]} violations empty when the response keeps the contract
 * @property {any} body the parsed JSON body (undefined when there is none or it is not JSON)
 * @property {string | undefined} operationId
 */

/** @param {string} [path] */
export function loadContract(path = OPENAPI_PATH) {
  const doc = parse(readFileSync(path, 'utf8'));
  // Formats are checked (date-time with an offset, date); unknown OpenAPI keywords are ignored.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  /** @type {any} */ (addFormatsModule)(ajv);
  ajv.addSchema({ ...doc, $id: ID });

  /** @type {Operation[]} */
  const operations = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of METHODS) {
      const op = /** @type {any} */ (item)[method];
      if (op) operations.push({ method, template, pattern, operationId: op.operationId, responses: op.responses ?? {} });
    }
  }

  /** @type {Map<string, import('ajv').ValidateFunction>} */
  const validators = new Map();
  /** @param {string} pointer */
  const validator = (pointer) => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.getSchema(`${ID}#${pointer}`);
      if (!v) throw new Error(`openapi.yaml: no schema at ${pointer}`);
      validators.set(pointer, v);
    }
    return v;
  };
  /** @param {string} pointer @param {unknown} value @param {string} what */
  const validate = (pointer, value, what) => {
    const v = validator(pointer);
    if (v(value)) return [];
    return (v.errors ?? []).map((e) => `${what}${e.instancePath || ''} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
  /** Follows a local `$ref` to its object and pointer. @param {any} node @param {string} pointer */
  const deref = (node, pointer) => {
    let n = node;
    let p = pointer;
    for (let i = 0; i < 10 && n && typeof n.$ref === 'string' && n.$ref.startsWith('#/'); i++) {
      p = n.$ref.slice(1);
      n = p.split('/').slice(1).reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return { node: n, pointer: p };
  };
  /** The schema pointer to validate against (a content schema that is only a `$ref` is followed). @param {any} schema @param {string} pointer */
  const schemaPointer = (schema, pointer) => (typeof schema?.$ref === 'string' && schema.$ref.startsWith('#/') ? schema.$ref.slice(1) : pointer);

  /**
   * @param {string} method
   * @param {string} pathname the path after the base URL, without the query
   */
  function findOperation(method, pathname) {
    const m = method.toLowerCase();
    const matching = operations.filter((o) => o.pattern.test(pathname));
    return { operation: matching.find((o) => o.method === m), pathKnown: matching.length > 0 };
  }

  /**
   * Checks one response against the operation it answers.
   * @param {{ method: string, pathname: string, status: number, headers: Headers, text: string, size?: number }} r
   *   `size`: the body's length in bytes (for files, whose `text` is not checked)
   * @returns {CheckedResponse}
   */
  function checkResponse({ method, pathname, status, headers, text, size = text.length }) {
    /** @type {string[]} */
    const violations = [];
    const contentType = (headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    // A file (an attachment download, the figures' CSV) is not JSON; anything else must be.
    const binary = BINARY_TYPES.includes(contentType);
    /** @type {any} */
    let body;
    let parsed = false;
    if (text !== '' && !binary) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        violations.push(`body is not JSON (content-type ${contentType || 'none'}): ${JSON.stringify(text.slice(0, 120))}`);
      }
    }

    // Conventions: every response.
    const cacheControl = headers.get('cache-control');
    if (!cacheControl || !cacheControl.split(',').some((d) => d.trim().toLowerCase() === 'no-store')) {
      violations.push(`Cache-Control is ${cacheControl === null ? 'missing' : JSON.stringify(cacheControl)}, not no-store`);
    }
    if (status >= 400) {
      if (contentType !== 'application/problem+json') violations.push(`an error with content-type ${contentType || 'none'}, not application/problem+json`);
      if (parsed) {
        violations.push(...validate('/components/schemas/Problem', body, 'problem'));
        if (body && typeof body === 'object' && body.status !== status) violations.push(`problem.status ${JSON.stringify(body.status)} is not the HTTP status ${status}`);
      } else if (text === '') violations.push('an error without a problem body');
    }

    const { operation, pathKnown } = findOperation(method, pathname);
    if (!operation) {
      if (status < 400) violations.push(`${method} ${pathname} is ${pathKnown ? 'a method' : 'a path'} the contract does not have, yet answered ${status}`);
      return { violations, body, operationId: undefined };
    }

    const documented = operation.responses[String(status)];
    if (!documented && status < 400) violations.push(`status ${status} is not documented for ${operation.operationId}`);
    const key = documented ? String(status) : 'default';
    const raw = operation.responses[key];
    if (!raw) {
      violations.push(`status ${status} is not documented for ${operation.operationId} (and there is no default)`);
      return { violations, body, operationId: operation.operationId };
    }
    const { node: response, pointer: responsePointer } = deref(raw, `/paths/${escapePointer(operation.template)}/${operation.method}/responses/${key}`);

    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const { node: header, pointer: headerPointer } = deref(h, `${responsePointer}/headers/${escapePointer(name)}`);
      const value = headers.get(name);
      if (value === null) {
        violations.push(`header ${name} is missing (documented for ${operation.operationId} ${status})`);
        continue;
      }
      if (header?.schema) violations.push(...validate(schemaPointer(header.schema, `${headerPointer}/schema`), value, `header ${name}`));
      // `ListETag` may be weak (a list's tag); the strong `ETag` is `"<version>"` of the body.
      if (name.toLowerCase() === 'etag' && headerPointer.endsWith('/ListETag')) {
        if (!/^(W\/)?"[^"]*"$/.test(value)) violations.push(`ETag ${value} is not an entity tag`);
      } else if (name.toLowerCase() === 'etag') {
        if (!/^"[^"]*"$/.test(value)) violations.push(`ETag ${value} is not a strong entity tag`);
        else if (parsed && body && typeof body.version === 'string' && value !== `"${body.version}"`) {
          violations.push(`ETag ${value} is not "<version>" of the body ("${body.version}")`);
        }
      }
    }

    const content = response.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) {
      if (text !== '') violations.push(`${operation.operationId} ${status} documents no body, got one`);
    } else if (!types.includes(contentType)) {
      violations.push(`content-type ${contentType || 'none'} is not documented for ${operation.operationId} ${status} (${types.join(', ')})`);
    } else if (binary) {
      if (size === 0) violations.push(`${operation.operationId} ${status}: an empty ${contentType} body`);
    } else if (parsed) {
      const media = content[contentType];
      const pointer = schemaPointer(media.schema, `${responsePointer}/content/${escapePointer(contentType)}/schema`);
      violations.push(...validate(pointer, body, `body (${pointer.split('/').pop()})`));
    } else if (text === '') {
      violations.push(`${operation.operationId} ${status}: no body`);
    }
    return { violations, body, operationId: operation.operationId };
  }

  /** Validates a value against a named component schema, e.g. 'Appointment'. @param {string} name @param {unknown} value */
  const validateSchema = (name, value) => validate(`/components/schemas/${escapePointer(name)}`, value, name);

  return { doc, operations, findOperation, checkResponse, validateSchema };
}

/** @typedef {ReturnType<typeof loadContract>} Contract */

/** @type {Contract | undefined} */
let cached;
/** The contract, loaded once per process. */
export const contract = () => (cached ??= loadContract());
