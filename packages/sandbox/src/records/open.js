// @ts-check
/**
 * The one switch between the record systems: `sql` (the sandbox's own tables, the default) or
 * `fhir` (a FHIR R4 server). `OMSORG_RECORDS=fhir` (or `cli.js start --records fhir`) chooses
 * FHIR; with `OMSORG_FHIR_URL` (`--fhir-url`) the sandbox uses that server, otherwise it starts
 * its development FHIR server (src/fhir/server.js) on a free loopback port. An empty FHIR server
 * is seeded from the fixtures (records/fhir-seed.js).
 */
import { createFhirRecords } from './fhir.js';
import { isFhirEmpty, seedFhir } from './fhir-seed.js';
import { sqlRecords } from './sql.js';

/** @typedef {'sql' | 'fhir'} RecordsKind */
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
 * Starts the development FHIR server and seeds it (for several instances: the primary does it once).
 * @param {import('../db/index.js').Queryable} db the sandbox's database, seeded
 * @param {{ now?: Date, logger?: Pick<Console, 'error'> }} [o]
 */
export async function startSeededFhirServer(db, { now, logger } = {}) {
  const { startFhirServer } = await import('../fhir/server.js');
  const server = await startFhirServer(logger ? { logger } : {});
  try {
    const records = createFhirRecords({ baseUrl: server.url, close: server.close });
    await seedFhir(records.fhir, db, now ? { now } : {});
    return records;
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * @param {RecordsKind | import('./index.js').RecordSystem} choice
 * @param {{ db: import('../db/index.js').Queryable, fhirUrl?: string, now?: Date, logger?: Pick<Console, 'error'> }} o
 * @returns {Promise<{ records: import('./index.js').RecordSystem, where: string }>} `where`: said on start
 */
export async function openRecords(choice, { db, fhirUrl, now, logger }) {
  if (typeof choice === 'object') return { records: choice, where: `${choice.kind} (given)` };
  if (parseRecordsKind(choice) === 'sql') return { records: sqlRecords, where: 'the sandbox database (sql)' };
  if (!fhirUrl) {
    const records = await startSeededFhirServer(db, { ...(now ? { now } : {}), ...(logger ? { logger } : {}) });
    return { records, where: `FHIR R4, the development server at ${records.fhir.base}` };
  }
  const records = createFhirRecords({ baseUrl: fhirUrl });
  if (await isFhirEmpty(records.fhir)) await seedFhir(records.fhir, db, now ? { now } : {});
  return { records, where: `FHIR R4 at ${records.fhir.base}` };
}
