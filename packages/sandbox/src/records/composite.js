// @ts-check
/**
 * Several record systems behind the one `RecordSystem`: a person who gets home nursing from one
 * municipality's system and respite care from another's sees both in one list.
 *
 * Each member is one source (`RecordSource`: the municipality, the record system) over an adapter
 * that holds only that source's items (sql.js and fhir.js take a `filter`); one member is `home`
 * and also holds the items that say no source (the deployment's own system), which the composite
 * marks with the home source, so every item it gives says where it comes from.
 *
 * - Reads fan out to every member at once. Appointment pages merge in the contract's order with the
 *   rules core's one keyset cursor (`mergeAppointmentPages`: each member is asked the same query,
 *   the cursor's start and id mean the same in each). A member that fails is left out and named in
 *   `unavailable` (the API's `unavailableSources`); when every member fails, the read fails
 *   (`RecordsUnavailableError`, a 503 `unavailable`), never an empty list that looks complete.
 * - Ids must be unique across sources (the fixtures namespace them: `apt-bgo-…`, `apt-ask-…`); two
 *   members giving one id is a fault, not a choice.
 * - Writes go to the source the item came from: the member that holds (subject, id) as its own
 *   (every member is asked; only that one is written to). An id no member holds is undefined (a
 *   404), unless a member failed: then it may be that member's, and the answer is a 503, not a
 *   404. A message goes to the source of the granted service it is about.
 * - Each item's rules come from its own source: the cancellation policy (deadline, phone, mode) is
 *   the item's record's, and the care service (with its reply policy) is the source's own.
 */
import { mergeAppointmentPages } from '@omsorg/contract';
import { soonestFirst } from './index.js';

/** @typedef {import('./index.js').RecordSystem} RecordSystem */
/** @typedef {import('@omsorg/contract').RecordSource} RecordSource */

/**
 * @typedef {object} SourceMember
 * @property {RecordSource} source
 * @property {RecordSystem} records holds only this source's items
 * @property {boolean} [home] also the items that say no source (exactly one member)
 */

/** No record system answered (the API: 503 `unavailable`), or the one that holds an item did not. */
export class RecordsUnavailableError extends Error {
  /** @param {RecordSource[]} sources @param {unknown} [cause] */
  constructor(sources, cause) {
    super(`record sources unavailable: ${sources.map((s) => `${s.system.id} (${s.municipality.number})`).join(', ')}`, cause === undefined ? {} : { cause });
    this.name = 'RecordsUnavailableError';
    this.sources = sources;
  }
}

/**
 * @param {SourceMember[]} members
 * @param {{ logger?: Pick<Console, 'error'> }} [o] a member's failure is logged (its message only)
 * @returns {RecordSystem & { members: SourceMember[] }}
 */
export function createCompositeRecords(members, { logger = console } = {}) {
  if (members.length === 0) throw new Error('a composite record system needs at least one source');
  if (members.filter((m) => m.home).length !== 1) throw new Error('exactly one record source is home');
  const ids = new Set(members.map((m) => m.source.system.id));
  if (ids.size !== members.length) throw new Error('each record source needs its own system id');
  const home = /** @type {SourceMember} */ (members.find((m) => m.home));

  /** @template {{ source?: RecordSource }} T @param {SourceMember} m @param {T} x @returns {T} */
  const stamp = (m, x) => (x.source ? x : { ...x, source: structuredClone(m.source) });

  /**
   * Every member at once; the fulfilled answers by member, and the sources that failed.
   * @template R
   * @param {(m: SourceMember) => Promise<R>} call
   */
  async function fanOut(call) {
    const settled = await Promise.allSettled(members.map(call));
    /** @type {{ member: SourceMember, value: R }[]} */
    const answered = [];
    /** @type {RecordSource[]} */
    const unavailable = [];
    settled.forEach((s, i) => {
      const member = /** @type {SourceMember} */ (members[i]);
      if (s.status === 'fulfilled') answered.push({ member, value: s.value });
      else {
        unavailable.push(structuredClone(member.source));
        logger.error(`record source ${member.source.system.id} did not answer: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
      }
    });
    if (answered.length === 0) throw new RecordsUnavailableError(unavailable, settled.find((s) => s.status === 'rejected')?.reason);
    return { answered, unavailable };
  }

  /**
   * The member that holds the subject's appointment as its own, with it (undefined: none does).
   * @param {import('./index.js').Queryable} q @param {string} subjectId @param {string} appointmentId @param {Date} now
   */
  async function ownerOf(q, subjectId, appointmentId, now) {
    const { answered, unavailable } = await fanOut((m) => m.records.getAppointment(q, subjectId, appointmentId, now));
    const holders = answered.filter((a) => a.value !== undefined);
    if (holders.length > 1) throw new Error(`two record sources hold the appointment ${appointmentId}`);
    const found = holders[0];
    // Not found where we could look, and a source we could not ask: it may be there.
    if (!found && unavailable.length) throw new RecordsUnavailableError(unavailable);
    return found ? { member: found.member, appointment: stamp(found.member, /** @type {import('@omsorg/contract').Appointment} */ (found.value)) } : undefined;
  }

  return {
    kind: 'composite',
    members,
    homeSource: structuredClone(home.source),
    personsInDatabase: home.records.personsInDatabase === true,
    // The person and their own subject are the platform's; the home source answers for them.
    async findPerson(q, personId) {
      try {
        return await home.records.findPerson(q, personId);
      } catch (err) {
        throw new RecordsUnavailableError([structuredClone(home.source)], err);
      }
    },
    async listAppointments(q, subjectId, query, now) {
      const { answered, unavailable } = await fanOut((m) => m.records.listAppointments(q, subjectId, query, now));
      const page = mergeAppointmentPages(
        answered.map(({ member, value }) => ({ items: value.items.map((a) => stamp(member, a)), more: value.more })),
        query,
        now,
      );
      return { ...page, ...(unavailable.length ? { unavailable } : {}) };
    },
    async getAppointment(q, subjectId, appointmentId, now) {
      return (await ownerOf(q, subjectId, appointmentId, now))?.appointment;
    },
    async listServices(q, subjectId) {
      const { answered, unavailable } = await fanOut((m) => m.records.listServices(q, subjectId));
      // Member by member, each in its record's order (home first when it is listed first).
      const items = answered.flatMap(({ member, value }) => value.items.map((g) => stamp(member, g)));
      return { items, ...(unavailable.length ? { unavailable } : {}) };
    },
    async cancelAppointment(tx, input) {
      // The write goes to the source that holds the appointment, and only there; that member
      // looks it up again by (subject, id) among its own, under its lock or conditional write.
      const owner = await ownerOf(tx, input.subjectId, input.appointmentId, input.now);
      if (!owner) return undefined;
      const changed = await owner.member.records.cancelAppointment(tx, input);
      return changed && stamp(owner.member, changed);
    },
    async answerCancellation(tx, input) {
      // Where the request was made: the source that holds the appointment.
      const owner = await ownerOf(tx, input.subjectId, input.appointmentId, input.now);
      if (!owner) return undefined;
      const answered = await owner.member.records.answerCancellation(tx, input);
      return answered && stamp(owner.member, answered);
    },
    async listCancellationRequests(q, careServiceId, now) {
      const { answered, unavailable } = await fanOut((m) => m.records.listCancellationRequests(q, careServiceId, now));
      if (unavailable.length) throw new RecordsUnavailableError(unavailable);
      return answered.flatMap(({ member, value }) => value.map((a) => stamp(member, a))).sort(soonestFirst);
    },
    async recordMessage(tx, message) {
      // To the source of the granted service the thread is about.
      const { answered, unavailable } = await fanOut((m) => m.records.listServices(tx, message.subjectId));
      const owner = answered.find(({ value }) => value.items.some((g) => g.id === message.grantedServiceId))?.member;
      if (!owner) {
        if (unavailable.length) throw new RecordsUnavailableError(unavailable);
        // A granted service no source holds now (ended and removed): the platform keeps the message.
        return;
      }
      await owner.records.recordMessage(tx, message);
    },
    async close() {
      await Promise.allSettled(members.map((m) => m.records.close()));
    },
  };
}
