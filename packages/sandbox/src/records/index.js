// @ts-check
/**
 * The record system (EPJ) behind the API: what the municipality's record system owns and the API
 * reads or changes, through one interface. Two adapters implement it: `sql.js` (the sandbox's own
 * PostgreSQL tables, the default) and `fhir.js` (a FHIR R4 server over HTTP; the mapping is
 * docs/fhir-mapping.md). The platform's own data (subjects, relatives' access, consent, notices,
 * the access log, drafts, Idempotency-Keys) stays in the sandbox's database whichever adapter runs.
 *
 * Every method gets the database handle the API holds (`q`, a transaction for a write): the SQL
 * adapter reads and writes through it, so a cancellation is one transaction with its
 * Idempotency-Key and access-log row; the FHIR adapter reads the platform's tables through it
 * where it must (the person's national identity number) and talks to its server otherwise.
 */

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').Appointment} Appointment */
/** @typedef {import('@omsorg/contract').GrantedService} GrantedService */
/** @typedef {import('@omsorg/contract').ListQuery} ListQuery */

/**
 * The signed-in person as the API needs them: their name and their own subject (null: a person
 * with no subject of their own).
 * @typedef {object} PersonRecord
 * @property {string} id
 * @property {string} name
 * @property {string | null} selfSubjectId
 */

/**
 * What the rules core decides a cancellation on (rules/cancel.ts `CancelTarget`).
 * @typedef {object} CancelTarget
 * @property {string} version
 * @property {string} status
 * @property {Date} deadline
 * @property {string} phone
 * @property {'final' | 'request'} mode
 */

/**
 * The change the rules core decided (`decideCancel`'s success).
 * @typedef {object} CancelChange
 * @property {'cancelled' | 'cancellation-requested'} status
 * @property {import('@omsorg/contract').Cancellation} cancellation
 * @property {Date} at
 */

/**
 * @typedef {object} CancelInput
 * @property {string} subjectId
 * @property {string} appointmentId
 * @property {Date} now
 * @property {(target: CancelTarget) => CancelChange} decide checks the request against the
 *   appointment as it is now and says what changes; throws (a ProblemError) to refuse. The
 *   adapter calls it once it has the appointment, with no concurrent change able to slip in
 *   between the read and the write (a row lock, or a conditional update that is tried again).
 */

/**
 * The care service's answer to a cancellation request (care/answer.js, for /staff and
 * /dev/notices).
 * @typedef {object} AnswerInput
 * @property {string} subjectId
 * @property {string} appointmentId
 * @property {Date} now
 * @property {(current: Appointment) => { status: 'cancelled' | 'cancellation-rejected', cancellation: import('@omsorg/contract').Cancellation }} decide
 *   checks the answer against the appointment as it is now (the rules core's
 *   `decideCancellationAnswer`) and says what changes; throws to refuse. Called, as for a
 *   cancellation, with no concurrent change able to slip in before the write.
 */

/**
 * A message a citizen or relative sent, as the record system is told of it (its own copy for the
 * journal); the thread, read state and attachments stay the platform's.
 * @typedef {object} SentMessage
 * @property {string} id the message id
 * @property {string} subjectId
 * @property {string} threadId
 * @property {string} title the thread's title
 * @property {string} careServiceId the recipient
 * @property {string} grantedServiceId the granted service the thread is about
 * @property {{ personId: string, name: string, role: 'citizen' | 'relative' } | { staffId: string, role: 'staff' }} sender
 *   the person or their relative, or a staff member of the care service (the `/staff` page)
 * @property {string} text
 * @property {Date} sentAt
 * @property {number} attachments how many files came with it (not copied to the record)
 */

/** @typedef {import('@omsorg/contract').RecordSource} RecordSource */

/**
 * Cancellation requests in the staff page's order: the soonest visit first, then by subject and id
 * (ids compared as JavaScript strings). Every adapter and the composite sort with it.
 * @param {Appointment} a @param {Appointment} b
 */
export const soonestFirst = (a, b) =>
  Date.parse(a.start) - Date.parse(b.start) || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `items` with `homeSource` on each that says no source (as the composite marks its home
 * member's), the others as they are; with no home source, `items` unchanged.
 * @template {{ source?: RecordSource }} T
 * @param {readonly T[]} items
 * @param {RecordSource | undefined} homeSource
 * @returns {T[]}
 */
export const withHomeSource = (items, homeSource) =>
  items.map((x) => (x.source || !homeSource ? x : { ...x, source: structuredClone(homeSource) }));

/**
 * @typedef {object} RecordSystem
 * @property {'sql' | 'fhir' | 'composite'} kind `composite`: several sources (composite.js)
 * @property {RecordSource} [homeSource] the source of the items that say none (the composite's
 *   home member, which marks its items with it): the platform's own lists of those items (the
 *   message recipients) say it the same way. Absent with one record system.
 * @property {(q: Queryable, personId: string) => Promise<PersonRecord | undefined>} findPerson
 * @property {boolean} [personsInDatabase] true when `findPerson` reads only the database's
 *   `persons` and `subjects`, whose triggers announce every change (migration 011): the API may
 *   then keep the rows it read while it listens. FHIR's Patient search announces nothing.
 * @property {(q: Queryable, subjectId: string, query: ListQuery, now: Date) => Promise<{ items: Appointment[], more: boolean, unavailable?: RecordSource[] }>} listAppointments
 *   one page, keyset-paged in the contract's order (upcoming: start ascending; past: descending; then id);
 *   `unavailable`: sources left out because they did not answer (the composite only)
 * @property {(q: Queryable, subjectId: string, appointmentId: string, now: Date) => Promise<Appointment | undefined>} getAppointment
 *   only the subject's own: looked up by (subject, id), never by id alone
 * @property {(q: Queryable, subjectId: string) => Promise<{ items: GrantedService[], unavailable?: RecordSource[] }>} listServices
 *   the granted services (vedtak), in the record's order; `unavailable` as for listAppointments
 * @property {(tx: Queryable, input: CancelInput) => Promise<Appointment | undefined>} cancelAppointment
 *   the appointment after the change, or undefined when the subject has no such appointment
 * @property {(tx: Queryable, input: AnswerInput) => Promise<Appointment | undefined>} answerCancellation
 *   the appointment as answered, or undefined when the subject has no such appointment
 * @property {(q: Queryable, careServiceId: string, now: Date) => Promise<Appointment[]>} listCancellationRequests
 *   the care service's appointments waiting for an answer (`cancellation-requested`), soonest first
 * @property {(tx: Queryable, message: SentMessage) => Promise<void>} recordMessage
 *   tells the record system of a message sent, in the transaction that stores it (the SQL adapter:
 *   nothing more to do, the message is in the tables; FHIR: a Communication)
 * @property {() => Promise<void>} close
 */

