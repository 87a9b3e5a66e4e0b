// @ts-check
/**
 * Who the signed-in person is: their row and their own subject, asked on every API request
 * before anything else. A process that listens for changes (migrations 011 to 013) keeps the
 * rows it has read and drops one as soon as it hears the person or their subject changed, from
 * whichever process; that took one statement of two off every list request
 * (scripts/bench-sandbox.mjs). A person no longer known is never kept, and what the person may
 * see (relatives' access, consent) is still read on every request.
 */
import { keptWhileListening } from '@omsorg/bff/kept';

/**
 * The channel migration 011's triggers notify on, with '<schema>/<person id>' since migration 012
 * ('<schema>/' for all of a schema's).
 */
export const PERSONS_CHANNEL = 'omsorg_persons';

/**
 * `listen`, passing on only the notices about `schema`, as the person id ('' for all): the
 * channel is the whole database's, and other schemas' changes are none of this process's.
 * @param {import('@omsorg/bff/listen').Listen} listen
 * @param {string} schema
 * @returns {import('@omsorg/bff/listen').Listen}
 */
export const listenToSchema = (listen, schema) => (channel, onMessage) =>
  listen(channel, (payload) => {
    const slash = payload.lastIndexOf('/');
    if (slash >= 0 && payload.slice(0, slash) === schema) onMessage(payload.slice(slash + 1));
  });
const KEPT_SIZE = 10_000;
/** A kept row is read again after this long even if nothing was heard. */
const KEPT_MS = 60_000;

/**
 * @typedef {import('../records/index.js').PersonRecord} PersonRecord
 * @typedef {object} PersonFinder
 * @property {(personId: string) => Promise<PersonRecord | undefined>} find
 * @property {Promise<void>} ready resolves once listening has started (or failed, and will be tried again)
 * @property {() => Promise<void>} close
 * @property {boolean} keeping whether rows are kept now
 */

/**
 * @param {object} o
 * @param {import('../db/index.js').Database} o.db
 * @param {import('../records/index.js').RecordSystem} o.records
 * @param {boolean} o.keep keep rows when the record system and the database allow it
 * @param {Pick<Console, 'error'>} o.logger
 * @returns {PersonFinder}
 */
export function personFinder({ db, records, keep, logger }) {
  if (!keep || !records.personsInDatabase || !db.listen) {
    return { find: (personId) => records.findPerson(db, personId), ready: Promise.resolve(), close: async () => {}, keeping: false };
  }
  /** @type {ReturnType<typeof keptWhileListening<PersonRecord>>} */
  const kept = keptWhileListening({
    listen: listenToSchema(db.listen, db.schema),
    channel: PERSONS_CHANNEL,
    size: KEPT_SIZE,
    maxAgeMs: KEPT_MS,
    what: 'changed persons',
    who: 'omsorg sandbox',
    otherwise: 'each request reads its person',
    logger: { warn: (message) => logger.error(message) },
  });
  return {
    async find(personId) {
      const hit = kept.get(personId);
      if (hit) return hit;
      const mark = kept.mark();
      const found = await records.findPerson(db, personId);
      if (found) kept.keep(personId, Object.freeze(found), mark);
      return found;
    },
    ready: kept.listen(),
    close: () => kept.close(),
    get keeping() {
      return kept.listening;
    },
  };
}
