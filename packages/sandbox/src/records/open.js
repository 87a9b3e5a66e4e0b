// @ts-check
/**
 * The one switch between the record systems: `sql` (the sandbox's own tables, the default) or
 * `fhir` (a FHIR R4 server). `OMSORG_RECORDS=fhir` (or `cli.js start --records fhir`) chooses
 * FHIR; with `OMSORG_FHIR_URL` (`--fhir-url`) the sandbox uses that server, otherwise it starts
 * its development FHIR server (src/fhir/server.js) on a free loopback port, its resources kept in
 * `<dataDir>/fhir/resources.json` (so a restart finds them; a fresh database starts it fresh). An
 * empty FHIR server is seeded from the fixtures (records/fhir-seed.js).
 */
import { join } from 'node:path';
import { createFhirRecords } from './fhir.js';
import { isFhirEmpty, seedFhir } from './fhir-seed.js';
import { sqlRecords } from './sql.js';

/** @typedef {'sql' | 'fhir'} RecordsKind */

/** Where the development FHIR server keeps its resources, under the sandbox's data directory. */
export const fhirFileIn = (/** @type {string} */ dataDir) => join(dataDir, 'fhir', 'resources.json');
export const RECORDS_KINDS = /** @type {const} */ (['sql', 'fhir']);

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
 * @param {{ now?: Date, file?: string, fresh?: boolean, logger?: Pick<Console, 'error'> }} [o]
 *   `file`: where it keeps its resources; `fresh`: forget them (the database was just seeded)
 */
export async function startSeededFhirServer(db, { now, file, fresh, logger } = {}) {
  const { startFhirServer } = await import('../fhir/server.js');
  const server = await startFhirServer({ ...(logger ? { logger } : {}), ...(file ? { file } : {}), ...(fresh ? { fresh } : {}) });
  try {
    const records = createFhirRecords({ baseUrl: server.url, close: server.close });
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
  if (parseRecordsKind(choice) === 'sql') return { records: sqlRecords, where: 'the sandbox database (sql)' };
  if (!fhirUrl) {
    const records = await startSeededFhirServer(db, { ...(now ? { now } : {}), ...(logger ? { logger } : {}), ...(fhirFile ? { file: fhirFile } : {}), ...(fresh ? { fresh } : {}) });
    return { records, where: `FHIR R4, the development server at ${records.fhir.base}` };
  }
  const records = createFhirRecords({ baseUrl: fhirUrl });
  if (await isFhirEmpty(records.fhir)) await seedFhir(records.fhir, db, now ? { now } : {});
  return { records, where: `FHIR R4 at ${records.fhir.base}` };
}
