// @ts-check
/**
 * The API's SQL: plain statements with `$n` parameters, and the mapping from rows to the
 * contract's shapes (same field order as the mocks' fixtures). Every appointment is looked up by
 * (subject_id, id), never by id alone.
 */
import { idPattern, isCancellable, parseIdentityNumber, relations, scopesInForce } from '@omsorg/contract';
import { osloIso } from '@omsorg/contract';
import { createBatcher } from '../db/batch.js';

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').Appointment} Appointment */
/** @typedef {import('@omsorg/contract').Subject} Subject */
/** @typedef {import('@omsorg/contract').GrantedService} GrantedService */
/** @typedef {Subject['scopes'][number]} Scope */

/** What a person may do with their own data. */
export const ALL_SCOPES = /** @type {readonly Scope[]} */ (Object.freeze(['appointments.read', 'appointments.cancel', 'services.read', 'messages']));

/** @param {unknown} v */
export const isId = (v) => typeof v === 'string' && idPattern.test(v);


/**
 * The signed-in person and, in the same query, their own subject (most requests are for `me`:
 * see `selfAccess`).
 * @param {string} personId
 * @param {Queryable} q
 * @returns {Promise<{ id: string, name: string, selfSubjectId: string | null } | undefined>}
 */
export async function findPerson(q, personId) {
  const { rows } = await q.query(
    'SELECT p.id, p.name, s.id AS self_subject_id FROM persons p LEFT JOIN subjects s ON s.person_id = p.id WHERE p.id = $1',
    [personId],
  );
  return rows[0] ? { id: rows[0].id, name: rows[0].name, selfSubjectId: rows[0].self_subject_id ?? null } : undefined;
}

/**
 * The person's own subject, as `subjectsFor(q, person.id, today, 'me')[0]` would give it (the
 * same row of the same join), without asking the database again.
 * @param {{ name: string, selfSubjectId: string | null }} person from `findPerson`
 * @returns {SubjectAccess | undefined}
 */
export function selfAccess(person) {
  if (!person.selfSubjectId) return undefined;
  return { id: person.selfSubjectId, name: person.name, relation: { system: relations.system, code: 'self' }, scopes: [...ALL_SCOPES], validTo: null };
}

/**
 * @typedef {object} SubjectAccess
 * @property {string} id
 * @property {string} name
 * @property {{ system: string, code: string }} relation
 * @property {Scope[]} scopes
 * @property {string | null} validTo
 */

/**
 * The subjects `personId` may act for today: themselves first, then every live grant (not
 * revoked, not expired, already started) in the order given. A parent's grant for a child (the
 * subject is the grantee's `CHILD`) is held to the child's age from the register every day
 * (rules core: `scopesInForce`: no messages from 12, nothing from 16). With `subjectRef`, only that one
 * (`me` = the person's own subject). Checked against the database on every request.
 * @param {Queryable} q
 * @param {string} personId
 * @param {string} today Europe/Oslo date `YYYY-MM-DD`
 * @param {string} [subjectRef]
 * @returns {Promise<SubjectAccess[]>}
 */
export async function subjectsFor(q, personId, today, subjectRef) {
  const onlySelf = subjectRef === 'me';
  const one = subjectRef !== undefined && !onlySelf;
  const { rows } = await q.query(
    `SELECT s.id, p.name, NULL AS relation_system, 'self' AS relation_code, NULL::text[] AS scopes,
            NULL::text AS valid_to, 0 AS rank, 0 AS grant_id, NULL AS pid
       FROM subjects s JOIN persons p ON p.id = s.person_id
      WHERE s.person_id = $1 ${one ? 'AND s.id = $3' : ''}
     ${onlySelf ? '' : `UNION ALL
     SELECT s.id, p.name, g.relation_system, g.relation_code, g.scopes, g.valid_to::text, 1, g.id, p.pid
       FROM proxy_grants g
       JOIN subjects s ON s.id = g.subject_id
       JOIN persons p ON p.id = s.person_id
      WHERE g.grantee_person_id = $1
        AND g.revoked_at IS NULL
        AND (g.valid_to IS NULL OR g.valid_to >= $2::date)
        AND (g.valid_from IS NULL OR g.valid_from <= $2::date)
        ${one ? 'AND s.id = $3' : ''}`}
      ORDER BY rank, grant_id`,
    one ? [personId, today, subjectRef] : onlySelf ? [personId] : [personId, today],
  );
  return rows
    .map((r) =>
      r.rank === 0
        ? { id: r.id, name: r.name, relation: { system: relations.system, code: 'self' }, scopes: [...ALL_SCOPES], validTo: null }
        : {
            id: r.id,
            name: r.name,
            relation: { system: r.relation_system, code: r.relation_code },
            scopes: scopesInForce(r.relation_code, r.scopes, r.pid ? parseIdentityNumber(r.pid)?.birthDate : undefined, today),
            validTo: r.valid_to ?? null,
          },
    )
    .filter((s) => s.relation.code === 'self' || s.scopes.length > 0);
}

export const APPOINTMENT_SELECT = `
  SELECT a.subject_id, a.id, a.version, a.status, a.service_type_system, a.service_type_code, a.start_at, a.end_at,
         a.timing, a.description, a.care_service_id, c.name AS care_service_name, c.phone AS care_service_phone,
         a.location_name, a.location_address, a.location_at_home, a.contact_name, a.contact_phone, a.preparation,
         a.policy_deadline, a.policy_phone, a.policy_mode, a.policy_consequence,
         a.cancel_reason_system, a.cancel_reason_code, a.cancel_comment, a.cancel_requested_at,
         a.cancel_requested_by, rb.name AS cancel_requested_by_name, a.cancel_answered_at, a.cancel_rejection_note,
         a.series_id, sr.rule AS series_rule, sr.start_at AS series_start, sr.end_at AS series_end,
         a.source_municipality_number, a.source_municipality_name, a.source_system_id, a.source_system_name
    FROM appointments a
    JOIN care_services c ON c.id = a.care_service_id
    LEFT JOIN persons rb ON rb.id = a.cancel_requested_by
    LEFT JOIN appointment_series sr ON sr.subject_id = a.subject_id AND sr.id = a.series_id`;

/**
 * @param {any} r a row from APPOINTMENT_SELECT
 * @param {Date} now
 * @returns {Appointment}
 */
export function toAppointment(r, now) {
  return {
    id: r.id,
    version: r.version,
    subjectId: r.subject_id,
    status: r.status,
    serviceType: { system: r.service_type_system, code: r.service_type_code },
    start: osloIso(r.start_at),
    end: osloIso(r.end_at),
    timing: r.timing,
    description: r.description,
    careService: { id: r.care_service_id, name: r.care_service_name, phone: r.care_service_phone },
    location:
      r.location_name === null
        ? null
        : { name: r.location_name, address: r.location_address, ...(r.location_at_home === null ? {} : { atHome: r.location_at_home }) },
    contact: r.contact_name === null ? null : { name: r.contact_name, phone: r.contact_phone },
    preparation: r.preparation,
    cancellationPolicy: {
      cancellable: isCancellable(r.status, r.policy_deadline, now),
      deadline: osloIso(r.policy_deadline),
      phone: r.policy_phone,
      mode: r.policy_mode,
      consequence: r.policy_consequence,
    },
    cancellation:
      r.cancel_reason_code === null
        ? null
        : {
            reason: { system: r.cancel_reason_system, code: r.cancel_reason_code },
            comment: r.cancel_comment,
            requestedAt: osloIso(r.cancel_requested_at),
            ...(r.cancel_requested_by === null ? {} : { requestedBy: { id: r.cancel_requested_by, name: r.cancel_requested_by_name } }),
            answeredAt: r.cancel_answered_at === null ? null : osloIso(r.cancel_answered_at),
            rejectionNote: r.cancel_rejection_note,
          },
    // A single visit has no `series` at all (as the mocks' fixtures), so the two answer alike.
    ...(r.series_id == null
      ? {}
      : { series: { id: r.series_id, rule: r.series_rule, start: osloIso(r.series_start), end: osloIso(r.series_end) } }),
    ...sourceOf(r),
  };
}

/**
 * The item's `source` from a row's `source_*` columns (nothing when the row does not say).
 * @param {any} r
 * @returns {{ source?: import('@omsorg/contract').RecordSource }}
 */
export function sourceOf(r) {
  if (r.source_system_id === null || r.source_system_id === undefined) return {};
  return {
    source: {
      municipality: { number: r.source_municipality_number, name: r.source_municipality_name },
      system: { id: r.source_system_id, name: r.source_system_name },
    },
  };
}

/**
 * The `source_*` column values of an item (four NULLs when it has no source).
 * @param {{ source?: import('@omsorg/contract').RecordSource | undefined }} x
 */
export const sourceColumns = (x) => [x.source?.municipality.number ?? null, x.source?.municipality.name ?? null, x.source?.system.id ?? null, x.source?.system.name ?? null];

/**
 * Which rows a record source holds as its own (the composite's members, records/composite.js):
 * those whose `source_system_id` is `systemId`, and with `unlabelled` also those that say no
 * source. Undefined: every row (one record system).
 * @typedef {{ systemId: string, unlabelled: boolean }} SourceFilter
 */

/**
 * The SQL condition for `filter` on the table alias `t`, its parameters appended to `params`.
 * @param {SourceFilter | undefined} filter
 * @param {string} t
 * @param {unknown[]} params
 */
function sourceCondition(filter, t, params) {
  if (!filter) return 'TRUE';
  params.push(filter.systemId, filter.unlabelled);
  return `(${t}.source_system_id = $${params.length - 1} OR ($${params.length}::boolean AND ${t}.source_system_id IS NULL))`;
}

/** Valid JS dates run ±8.64e15 ms; a cursor may carry any number. */
const clampMs = (/** @type {number} */ ms) => Math.max(-8.64e15, Math.min(8.64e15, ms));

/**
 * One page of the subject's appointments (keyset paging; the query is parsed by the rules core).
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {import('@omsorg/contract').ListQuery} query
 * @param {Date} now
 * @param {SourceFilter} [filter] only one source's rows
 * @returns {Promise<{ rows: any[], more: boolean }>}
 */
export async function listAppointmentRows(q, subjectId, query, now, filter) {
  const up = query.when === 'upcoming';
  /** @type {unknown[]} */
  const params = [subjectId, now];
  const where = ['a.subject_id = $1', up ? 'a.end_at >= $2' : 'a.end_at < $2'];
  if (filter) where.push(sourceCondition(filter, 'a', params));
  if (query.from) {
    params.push(query.from);
    where.push(`a.end_at >= $${params.length}`);
  }
  if (query.to) {
    params.push(query.to);
    where.push(`a.start_at < $${params.length}`);
  }
  if (query.after) {
    params.push(new Date(clampMs(query.after.start)), query.after.id);
    where.push(`(a.start_at, a.id) ${up ? '>' : '<'} ($${params.length - 1}::timestamptz, $${params.length}::text)`);
  }
  params.push(query.limit + 1);
  const dir = up ? 'ASC' : 'DESC';
  const { rows } = await q.query(
    `${APPOINTMENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.start_at ${dir}, a.id ${dir} LIMIT $${params.length}`,
    params,
  );
  const more = rows.length > query.limit;
  return { rows: more ? rows.slice(0, query.limit) : rows, more };
}

/**
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} appointmentId
 * @param {{ forUpdate?: boolean, filter?: SourceFilter }} [o] `forUpdate`: lock the appointment row
 *   until the transaction ends; `filter`: only one source's
 */
export async function findAppointmentRow(q, subjectId, appointmentId, { forUpdate = false, filter } = {}) {
  /** @type {unknown[]} */
  const params = [subjectId, appointmentId];
  const own = sourceCondition(filter, 'a', params);
  const { rows } = await q.query(`${APPOINTMENT_SELECT} WHERE a.subject_id = $1 AND a.id = $2 AND ${own}${forUpdate ? ' FOR UPDATE OF a' : ''}`, params);
  return rows[0];
}

/**
 * A care service's appointments waiting for its answer to a cancellation request, in no order:
 * the record adapter puts them in the one order every adapter uses (`soonestFirst`).
 * @param {Queryable} q
 * @param {string} careServiceId
 * @param {SourceFilter} [filter] only one source's
 */
export async function listCancellationRequestRows(q, careServiceId, filter) {
  /** @type {unknown[]} */
  const params = [careServiceId];
  const own = sourceCondition(filter, 'a', params);
  const { rows } = await q.query(
    `${APPOINTMENT_SELECT} WHERE a.care_service_id = $1 AND a.status = 'cancellation-requested' AND ${own}`,
    params,
  );
  return rows;
}

/**
 * Stores the care service's answer to a cancellation request (the rules core decided it).
 * @param {Queryable} tx
 * @param {{ subjectId: string, appointmentId: string, version: string, status: string, cancellation: import('@omsorg/contract').Cancellation }} a
 */
export async function storeCancellationAnswer(tx, { subjectId, appointmentId, version, status, cancellation }) {
  await tx.query(
    `UPDATE appointments SET status = $3, version = $4, cancel_answered_at = $5, cancel_rejection_note = $6, updated_at = now()
      WHERE subject_id = $1 AND id = $2`,
    [subjectId, appointmentId, status, version, cancellation.answeredAt, cancellation.rejectionNote],
  );
}

/**
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {SourceFilter} [filter] only one source's
 * @returns {Promise<GrantedService[]>}
 */
export async function listServices(q, subjectId, filter) {
  /** @type {unknown[]} */
  const params = [subjectId];
  const own = sourceCondition(filter, 'g', params);
  const { rows } = await q.query(
    `SELECT g.id, g.service_type_system, g.service_type_code, g.status, g.extent_amount, g.extent_unit, g.extent_per,
            g.valid_from::text AS valid_from, g.valid_to::text AS valid_to, g.decided_at::text AS decided_at,
            g.care_service_id, c.name AS care_service_name, c.phone AS care_service_phone, g.note,
            g.source_municipality_number, g.source_municipality_name, g.source_system_id, g.source_system_name
       FROM granted_services g JOIN care_services c ON c.id = g.care_service_id
      WHERE g.subject_id = $1 AND ${own}
      ORDER BY g.position, g.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    serviceType: { system: r.service_type_system, code: r.service_type_code },
    status: r.status,
    extent: { amount: r.extent_amount, unit: r.extent_unit, per: r.extent_per },
    validFrom: r.valid_from,
    validTo: r.valid_to,
    decidedAt: r.decided_at,
    careService: { id: r.care_service_id, name: r.care_service_name, phone: r.care_service_phone },
    note: r.note,
    ...sourceOf(r),
  }));
}

/**
 * @typedef {object} AccessLogEntry
 * @property {string} actorPersonId
 * @property {string | null} subjectId
 * @property {'read' | 'cancel' | 'create' | 'update' | 'delete' | 'close' | 'revoke'} action
 * @property {'me' | 'appointments' | 'appointment' | 'services' | 'message-recipients' | 'threads' | 'thread' | 'message' | 'seen' | 'draft' | 'attachment' | 'dialogue-consent' | 'access-log' | 'relatives-access' | 'person-lookup' | 'notice-preferences'} resource
 * @property {'person' | 'staff'} [actorKind] default person
 * @property {'self' | 'relative' | 'staff' | 'none' | null} [actorRole] the actor's role towards the
 *   subject (none: no access to it); default staff for staff, else unknown (null)
 * @property {string | null} [relationCode] a relative's relation to the subject (the grant's code)
 * @property {string | null} [resourceId]
 * @property {string | null} [clientId]
 * @property {'ok' | 'replayed' | 'denied' | 'not-found' | 'refused'} outcome
 * @property {number} status
 */

/**
 * The role and relation to log for a person acting through `access` (a subject from
 * `subjectsFor`/`selfAccess`), or for one who has no access (`undefined`).
 * @param {SubjectAccess | undefined} access
 * @returns {{ actorRole: 'self' | 'relative' | 'none', relationCode: string | null }}
 */
export function roleOf(access) {
  if (!access) return { actorRole: 'none', relationCode: null };
  if (access.relation.code === 'self') return { actorRole: 'self', relationCode: null };
  return { actorRole: 'relative', relationCode: access.relation.code };
}

/**
 * One row in the append-only, hash-chained access log (the chain is the database's: see
 * migrations/003_access_log_chain.sql and data/access-log.js). Only ids and codes: a value from
 * the URL that is not a well-formed id is left out rather than stored.
 * @param {Queryable} q
 * @param {AccessLogEntry} e
 */
export async function logAccess(q, e) {
  await q.query(
    `INSERT INTO access_log (actor_person_id, subject_id, action, resource, resource_id, client_id, outcome, status, actor_kind, actor_role, relation_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    accessLogValues(e),
  );
}

/**
 * The stored values of one row, in the column order of `logAccess`.
 * @param {AccessLogEntry} e
 */
function accessLogValues(e) {
  const clientId = typeof e.clientId === 'string' && /^[!-~]{1,200}$/.test(e.clientId) ? e.clientId : null;
  return [
    e.actorPersonId,
    isId(e.subjectId) ? e.subjectId : null,
    e.action,
    e.resource,
    isId(e.resourceId) ? e.resourceId : null,
    clientId,
    e.outcome,
    e.status,
    e.actorKind ?? 'person',
    e.actorRole ?? (e.actorKind === 'staff' ? 'staff' : null),
    typeof e.relationCode === 'string' && /^[!-~]{1,64}$/.test(e.relationCode) ? e.relationCode : null,
  ];
}

/**
 * The access log's rows that are not part of a larger transaction, written together (db/batch.js):
 * each caller waits until its row has committed, as with `logAccess`, but the rows of concurrent
 * requests share one INSERT, one commit and one WAL flush. The chain's trigger runs for each row,
 * in the order given (the rows' ids follow it). A row that belongs with a change (a cancellation,
 * the read of the log itself) is written with `logAccess` inside that change's transaction.
 * @param {Queryable} q the database (not a transaction)
 * @param {{ max?: number }} [o]
 * @returns {(e: AccessLogEntry) => Promise<void>}
 */
export function createAccessLogWriter(q, { max = 256 } = {}) {
  const append = createBatcher(
    /** @param {AccessLogEntry[]} entries */ async (entries) => {
      if (entries.length === 1) {
        await logAccess(q, /** @type {AccessLogEntry} */ (entries[0]));
        return [undefined];
      }
      const rows = entries.map(accessLogValues);
      // One array per column; one statement text whatever the number of rows (one prepared statement).
      const columns = Array.from({ length: 11 }, (_, i) => rows.map((r) => r[i]));
      await q.query(
        `INSERT INTO access_log (actor_person_id, subject_id, action, resource, resource_id, client_id, outcome, status, actor_kind, actor_role, relation_code)
         SELECT a, s, ac, r, ri, c, o, st, k, ro, rc
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[])
                WITH ORDINALITY AS t(a, s, ac, r, ri, c, o, st, k, ro, rc, n)
          ORDER BY n`,
        columns,
      );
      return entries.map(() => undefined);
    },
    { max },
  );
  return append;
}
