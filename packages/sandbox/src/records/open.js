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
 */
import { join } from 'node:path';
import { createFhirRecords } from './fhir.js';
import { isFhirEmpty, seedFhir } from './fhir-seed.js';
import { recordSources } from '@omsorg/fixtures';
import { createCompositeRecords } from './composite.js';
import { createSqlRecords, sqlRecords } from './sql.js';

/** @typedef {'sql' | 'fhir' | 'sql,fhir' | 'fhir,sql'} RecordsKind */

/** Where the development FHIR server keeps its resources, under the sandbox's data directory. */
export const fhirFileIn = (/** @type {string} */ dataDir) => join(dataDir, 'fhir', 'resources.json');
export const RECORDS_KINDS = /** @type {const} */ (['sql', 'fhir', 'sql,fhir', 'fhir,sql']);

/**
 * @param {unknown} v
 * @returns {RecordsKind}
 */
export function parseRecordsKind(v) {
  const s = v === undefined || v === '' ? 'sql' : String(v);
  if (!(/** @type {readonly string[]} */ (RECORDS_KINDS)).includes(s)) throw new Error(`OMSORG_RECORDS / --records: one of ${RECORDS_KINDS.join(', ')}, not "${s}"`);
  return /** @type {RecordsKind} */ (s);
}

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
  /** @param {import('../data/store.js').SourceFilter} [filter] */
  const openFhir = async (filter) => {
    if (!fhirUrl) {
      const records = await startSeededFhirServer(db, { ...(now ? { now } : {}), ...(logger ? { logger } : {}), ...(fhirFile ? { file: fhirFile } : {}), ...(fresh ? { fresh } : {}), ...(filter ? { filter } : {}) });
      return { records, where: `FHIR R4, the development server at ${records.fhir.base}` };
    }
    const records = createFhirRecords({ baseUrl: fhirUrl, ...(filter ? { filter } : {}) });
    if (await isFhirEmpty(records.fhir)) await seedFhir(records.fhir, db, now ? { now } : {});
    return { records, where: `FHIR R4 at ${records.fhir.base}` };
  };
  if (kind === 'fhir') return openFhir();
  // Two sources: the first named is Bergen's and home, the second Askøy's.
  const [first, second] = /** @type {['sql' | 'fhir', 'sql' | 'fhir']} */ (kind.split(','));
  const sources = [
    { source: recordSources.bergen, home: true, kind: first },
    { source: recordSources.askoy, home: false, kind: second },
  ];
  /** @type {string[]} */
  const where = [];
  const members = [];
  for (const s of sources) {
    const filter = { systemId: s.source.system.id, unlabelled: s.home };
    const opened = s.kind === 'sql' ? { records: createSqlRecords({ filter }), where: 'the sandbox database (sql)' } : await openFhir(filter);
    members.push({ source: structuredClone(s.source), home: s.home, records: opened.records });
    where.push(`${s.source.municipality.name} (${s.source.municipality.number}): ${opened.where}`);
  }
  return { records: createCompositeRecords(members, logger ? { logger } : {}), where: `several record systems: ${where.join('; ')}` };
}
