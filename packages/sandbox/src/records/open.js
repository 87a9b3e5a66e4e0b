// @ts-check
/**
 * The one switch between the record systems: `sql` (the sandbox's own tables, the default) or
 * `fhir` (a FHIR R4 server). `OMSORG_RECORDS=fhir` (or `cli.js start --records fhir`) chooses
 * FHIR; with `OMSORG_FHIR_URL` (`--fhir-url`) the sandbox uses that server, otherwise it starts
 * its development FHIR server (src/fhir/server.js) on a free loopback port, its resources kept in
 * `<dataDir>/fhir/resources.json` (so a restart finds them; a fresh database starts it fresh). An
 * empty FHIR server is seeded from the fixtures (records/fhir-seed.js).
 *
 * Several sources (`OMSORG_RECORDS=sql,fhir`, or `fhir,sql`): the composite (composite.js) over
 * one adapter per source, the fixtures' two municipalities: the first named holds Bergen's
 * (4601) items and those that say no source (home), the second Askøy's (4627).
 *
 * Any sources (`OMSORG_RECORDS=./record-sources.json`): a file naming each source, its adapter
 * and its FHIR server (sources-file.js, docs/record-sources.md); the same composite.
 */
import { join } from 'node:path';
import { createFhirRecords } from './fhir.js';
import { isFhirEmpty, seedFhir } from './fhir-seed.js';
import { recordSources } from '@omsorg/fixtures';
import { createCompositeRecords } from './composite.js';
import { createSqlRecords, sqlRecords } from './sql.js';
import { readRecordSourcesFile } from './sources-file.js';

/** @typedef {'sql' | 'fhir' | 'sql,fhir' | 'fhir,sql'} BuiltInRecordsKind */
/** @typedef {BuiltInRecordsKind | `${string}.json`} RecordsKind a built-in choice, or a record sources file */

/** Where the development FHIR server keeps its resources, under the sandbox's data directory. */
export const fhirFileIn = (/** @type {string} */ dataDir) => join(dataDir, 'fhir', 'resources.json');
export const RECORDS_KINDS = /** @type {const} */ (['sql', 'fhir', 'sql,fhir', 'fhir,sql']);

/**
 * @param {unknown} v
 * @returns {RecordsKind}
 */
export function parseRecordsKind(v) {
  const s = v === undefined || v === '' ? 'sql' : String(v);
  if (s.endsWith('.json')) return /** @type {RecordsKind} */ (s);
  if (!(/** @type {readonly string[]} */ (RECORDS_KINDS)).includes(s)) {
    throw new Error(`OMSORG_RECORDS / --records: one of ${RECORDS_KINDS.join(', ')}, or a record sources file (….json), not "${s}"`);
  }
  return /** @type {RecordsKind} */ (s);
}

/**
 * The fixtures' two municipalities, the first named home (`sql,fhir`, `fhir,sql`).
 * @param {'sql,fhir' | 'fhir,sql'} kind
 * @returns {import('./sources-file.js').SourceSpec[]}
 */
const fixtureSources = (kind) => {
  const [first, second] = /** @type {['sql' | 'fhir', 'sql' | 'fhir']} */ (kind.split(','));
  return [
    { source: structuredClone(recordSources.bergen), home: true, adapter: first },
    { source: structuredClone(recordSources.askoy), home: false, adapter: second },
  ];
};

/**
 * Starts the development FHIR server and seeds it when empty (for several instances: the primary
 * does it once).
 * @param {import('../db/index.js').Queryable} db the sandbox's database, seeded
 * @param {{ now?: Date, file?: string, fresh?: boolean, logger?: Pick<Console, 'error'>, filter?: import('../data/store.js').SourceFilter }} [o]
 *   `file`: where it keeps its resources; `fresh`: forget them (the database was just seeded);
 *   `filter`: one source's resources only (composite)
 */
export async function startSeededFhirServer(db, { now, file, fresh, logger, filter } = {}) {
  const { startFhirServer } = await import('../fhir/server.js');
  const server = await startFhirServer({ ...(logger ? { logger } : {}), ...(file ? { file } : {}), ...(fresh ? { fresh } : {}) });
  try {
    const records = createFhirRecords({ baseUrl: server.url, close: server.close, ...(filter ? { filter } : {}) });
    if (await isFhirEmpty(records.fhir)) await seedFhir(records.fhir, db, now ? { now } : {});
    return records;
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * @param {RecordsKind | import('./index.js').RecordSystem} choice
 * @param {{ db: import('../db/index.js').Queryable, fhirUrl?: string, fhirFile?: string, fresh?: boolean, now?: Date, logger?: Pick<Console, 'error'> }} o
 *   `fhirFile`, `fresh`: for the development FHIR server (startSeededFhirServer)
 * @returns {Promise<{ records: import('./index.js').RecordSystem, where: string }>} `where`: said on start
 */
export async function openRecords(choice, { db, fhirUrl, fhirFile, fresh, now, logger }) {
  if (typeof choice === 'object') return { records: choice, where: `${choice.kind} (given)` };
  const kind = parseRecordsKind(choice);
  if (kind === 'sql') return { records: sqlRecords, where: 'the sandbox database (sql)' };
  /**
   * @param {import('../data/store.js').SourceFilter} [filter]
   * @param {{ url?: string, file?: string, seed?: boolean }} [o] a source's own server (else `fhirUrl`), or its
   *   development server's file; `seed: false`: never write the test data to the server (a file's source)
   */
  const openFhir = async (filter, { url = fhirUrl, file = fhirFile, seed = true } = {}) => {
    if (!url) {
      const records = await startSeededFhirServer(db, { ...(now ? { now } : {}), ...(logger ? { logger } : {}), ...(file ? { file } : {}), ...(fresh ? { fresh } : {}), ...(filter ? { filter } : {}) });
      return { records, where: `FHIR R4, the development server at ${records.fhir.base}` };
    }
    const records = createFhirRecords({ baseUrl: url, ...(filter ? { filter } : {}) });
    if (seed && (await isFhirEmpty(records.fhir))) await seedFhir(records.fhir, db, now ? { now } : {});
    return { records, where: `FHIR R4 at ${records.fhir.base}` };
  };
  if (kind === 'fhir') return openFhir();
  const specs = kind === 'sql,fhir' || kind === 'fhir,sql' ? fixtureSources(kind) : await readRecordSourcesFile(kind);
  // One development FHIR server keeps the usual file; several keep one file each.
  const devServers = fhirUrl ? 0 : specs.filter((s) => s.adapter === 'fhir' && !s.fhirUrl).length;
  /** @type {string[]} */
  const where = [];
  const members = [];
  try {
    for (const s of specs) {
      const filter = { systemId: s.source.system.id, unlabelled: s.home };
      const file = devServers > 1 && fhirFile ? fhirFile.replace(/\.json$/, `-${s.source.system.id}.json`) : fhirFile;
      const opened =
        s.adapter === 'sql'
          ? { records: createSqlRecords({ filter }), where: 'the sandbox database (sql)' }
          : // A server the file names is that municipality's record system: the sandbox reads and
            // writes it, and never seeds it with the test data.
            await openFhir(filter, { ...(s.fhirUrl ? { url: s.fhirUrl, seed: false } : {}), ...(file ? { file } : {}) });
      members.push({ source: s.source, home: s.home, records: opened.records });
      where.push(`${s.source.municipality.name} (${s.source.municipality.number}): ${opened.where}`);
    }
  } catch (err) {
    // The development FHIR servers already started stop with the failure.
    await Promise.allSettled(members.map((m) => m.records.close()));
    throw err;
  }
  return { records: createCompositeRecords(members, logger ? { logger } : {}), where: `${specs.length > 1 ? 'several record systems' : 'one record source'}: ${where.join('; ')}` };
}
