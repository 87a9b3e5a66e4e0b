// @ts-check
/**
 * The record sources a deployment reads from, named in a JSON file instead of in code, so a new
 * municipality is a few lines of configuration (`OMSORG_RECORDS=./record-sources.json`):
 *
 *   { "sources": [
 *       { "municipality": { "number": "4601", "name": "Bergen" },
 *         "system": { "id": "bergen-epj", "name": "…" }, "adapter": "sql", "home": true },
 *       { "municipality": { "number": "4627", "name": "Askøy" },
 *         "system": { "id": "askoy-epj", "name": "…" }, "adapter": "fhir",
 *         "fhirUrl": "https://fhir.askoy.example/R4" } ] }
 *
 * `municipality` and `system` are the contract's `RecordSource` (its schema is read from
 * openapi.yaml, so the file and the API cannot disagree on what a source is). `adapter` is the
 * record-system adapter (`sql`: the sandbox's tables; `fhir`: a FHIR R4 server, `fhirUrl` or the
 * development one). `home` marks the one source that also holds the items that name no source;
 * a file with one source needs no `home`. Every problem in the file is reported at once, each with
 * its JSON pointer, and none of the file's values is echoed (it may hold internal addresses).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse, parseDocument } from 'yaml';
import { CONTRACT_PATH } from '../api/contract.js';

/**
 * @typedef {object} SourceSpec one record source and the adapter that reads it
 * @property {import('@omsorg/contract').RecordSource} source
 * @property {'sql' | 'fhir'} adapter
 * @property {boolean} home
 * @property {string} [fhirUrl] with `fhir`: the server's base URL (without: the development server)
 */

/** The most sources one file may name (the contract's `UnavailableSources` holds at most 20). */
export const MAX_SOURCES = 20;

/** @param {any} contract the parsed openapi.yaml */
function fileSchema(contract) {
  const recordSource = contract.components.schemas.RecordSource;
  return {
    type: 'object',
    additionalProperties: false,
    required: ['sources'],
    properties: {
      $schema: { type: 'string' },
      sources: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_SOURCES,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['municipality', 'system', 'adapter'],
          properties: {
            municipality: { ...recordSource.properties.municipality, additionalProperties: false },
            system: { ...recordSource.properties.system, additionalProperties: false },
            adapter: { enum: ['sql', 'fhir'] },
            home: { type: 'boolean' },
            fhirUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
          },
          // A base URL belongs to a FHIR source only.
          if: { properties: { adapter: { const: 'sql' } } },
          then: { not: { required: ['fhirUrl'] } },
        },
      },
    },
    // The contract's schemas (`Id`) for the references inside RecordSource.
    components: contract.components,
  };
}

/** @type {Promise<import('ajv').ValidateFunction> | undefined} */
let validator;
function compiled() {
  validator ??= readFile(CONTRACT_PATH, 'utf8').then((text) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    /** @type {any} */ (addFormats)(ajv);
    return ajv.compile(fileSchema(parse(text)));
  });
  return validator;
}

/** A record sources file that cannot be used: every reason, one a line. */
export class RecordSourcesFileError extends Error {
  /** @param {string} file @param {string[]} problems */
  constructor(file, problems) {
    super(`record sources file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RecordSourcesFileError';
    this.problems = problems;
  }
}

/** @param {import('ajv').ErrorObject} e */
function describe(e) {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown field "${/** @type {any} */ (e.params).additionalProperty}"`;
  if (e.keyword === 'required') return `${at}: "${/** @type {any} */ (e.params).missingProperty}" is missing`;
  if (e.keyword === 'not') return `${at}: "fhirUrl" is for an adapter "fhir" source only`;
  if (e.keyword === 'if') return '';
  return `${at}: ${e.message}`;
}

/**
 * The sources a parsed file names, or every reason it cannot be used.
 * @param {unknown} data
 * @returns {Promise<{ sources: SourceSpec[] } | { problems: string[] }>}
 */
export async function checkRecordSources(data) {
  const validate = await compiled();
  if (!validate(data)) return { problems: [...new Set((validate.errors ?? []).map(describe).filter(Boolean))] };
  const listed = /** @type {{ sources: Array<Omit<SourceSpec, 'home' | 'source'> & import('@omsorg/contract').RecordSource & { home?: boolean }> }} */ (data).sources;
  /** @type {string[]} */
  const problems = [];
  const homes = listed.filter((s) => s.home === true).length;
  if (listed.length > 1 && homes !== 1) {
    problems.push(`/sources: exactly one source must have "home": true (the one that also holds items that name no source); ${homes} do`);
  }
  if (listed.length === 1 && listed[0]?.home === false) problems.push('/sources/0: the only source is home: leave "home" out or set it to true');
  /** @type {Map<string, number>} */
  const seen = new Map();
  listed.forEach((s, i) => {
    const first = seen.get(s.system.id);
    if (first === undefined) seen.set(s.system.id, i);
    else problems.push(`/sources/${i}/system/id: the same system id as /sources/${first} (each source is its own record system)`);
  });
  if (problems.length) return { problems };
  return {
    sources: listed.map((s) => ({
      source: { municipality: { number: s.municipality.number, name: s.municipality.name }, system: { id: s.system.id, name: s.system.name } },
      adapter: s.adapter,
      home: listed.length === 1 || s.home === true,
      ...(s.fhirUrl ? { fhirUrl: s.fhirUrl } : {}),
    })),
  };
}

/**
 * Reads and checks a record sources file.
 * @param {string} file relative to the working directory
 * @returns {Promise<SourceSpec[]>}
 * @throws {RecordSourcesFileError}
 */
export async function readRecordSourcesFile(file) {
  const path = resolve(file);
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RecordSourcesFileError(path, [`cannot be read (${/** @type {NodeJS.ErrnoException} */ (err).code ?? 'error'})`]);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    // Node's message quotes the file: only the place is said, as the YAML parser (JSON's
    // superset) finds it, when it finds one.
    const pos = parseDocument(text).errors[0]?.linePos?.[0];
    throw new RecordSourcesFileError(path, [`is not valid JSON${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}`]);
  }
  const checked = await checkRecordSources(data);
  if ('problems' in checked) throw new RecordSourcesFileError(path, checked.problems);
  return checked.sources;
}
