// @ts-check
/**
 * The access log: a subject's page of it for the person (`accessLogPageRows`, the citizen's
 * "who has seen my data"; what is shown and how is the rules core's, rules/access-log.ts), and
 * checking its hash chain (migrations/003_access_log_chain.sql makes it).
 *
 * Every row holds `prev_hash` (the hash of the row before it; 32 zero bytes for the first) and
 * `hash = sha256(prev_hash || canonical content)`. This module recomputes each hash here, in
 * Node, from the row's plain columns: it does not trust the database's own function, so a row
 * changed by anyone who could switch the log's triggers off (the table's owner, a superuser)
 * shows up as the first row whose hash no longer matches, a removed row as the first row whose
 * `prev_hash` is not its predecessor's hash, and a removed tail as a head (`access_log_head`)
 * that names a row that is not there.
 *
 * What a chain cannot show: someone with the owner's rights who rewrites every hash after the
 * row they changed. Keep a copy of the head's hash elsewhere (the `verify-log` output prints it)
 * and compare: a rewritten chain ends in another hash.
 */
import { createHash } from 'node:crypto';
import { accessLogActions, accessLogKinds } from '@omsorg/contract';

/** The `prev_hash` of the first row. */
export const GENESIS = Buffer.alloc(32);

/** Rows read per query. */
const BATCH = 2000;

/**
 * @typedef {object} LogRow the columns the hash covers, as text (see `ROW_SELECT`)
 * @property {string} id
 * @property {string} at UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`
 * @property {string} actor_kind
 * @property {string} actor_person_id
 * @property {string | null} actor_role
 * @property {string | null} relation_code
 * @property {string | null} subject_id
 * @property {string} action
 * @property {string} resource
 * @property {string | null} resource_id
 * @property {string | null} client_id
 * @property {string} outcome
 * @property {number} status
 * @property {string} prev_hash hex
 * @property {string} hash hex
 */

const ROW_SELECT = `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
         actor_kind, actor_person_id, actor_role, relation_code, subject_id, action, resource, resource_id,
         client_id, outcome, status, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash
    FROM access_log l`;

/**
 * A JSON text as PostgreSQL's `json_build_array(...)::text` writes it: `[a, b, …]`, with ", "
 * between values (PostgreSQL escapes strings as JSON.stringify does for the characters the
 * columns allow).
 * @param {LogRow} r
 */
export function canonicalContent(r) {
  const values = [
    r.id, r.at, r.actor_kind, r.actor_person_id, r.actor_role, r.relation_code, r.subject_id,
    r.action, r.resource, r.resource_id, r.client_id, r.outcome, r.status,
  ];
  return `[${values.map((v) => JSON.stringify(v ?? null)).join(', ')}]`;
}

/**
 * @param {Buffer} prev
 * @param {LogRow} r
 */
export const rowHash = (prev, r) => createHash('sha256').update(prev).update(canonicalContent(r), 'utf8').digest();

/**
 * @typedef {object} ChainReport
 * @property {boolean} intact
 * @property {number} rows rows checked
 * @property {string} headHash hex: the hash of the last row (of the genesis value when empty)
 * @property {string} [brokenId] the first row whose link or hash does not hold
 * @property {string} [reason]
 */

/**
 * Walks the whole chain in the order of ids.
 * @param {import('../db/types.js').Queryable} q
 * @returns {Promise<ChainReport>}
 */
export async function verifyAccessLog(q) {
  let prev = GENESIS;
  let rows = 0;
  let lastId = '0';
  for (;;) {
    const batch = /** @type {LogRow[]} */ (
      (await q.query(`${ROW_SELECT} WHERE l.id > $1::bigint ORDER BY l.id LIMIT ${BATCH}`, [lastId])).rows
    );
    for (const r of batch) {
      if (r.prev_hash !== prev.toString('hex')) {
        return { intact: false, rows, headHash: prev.toString('hex'), brokenId: r.id, reason: 'its prev_hash is not the hash of the row before it (a row before it was removed, or it was added or changed)' };
      }
      const h = rowHash(prev, r);
      if (r.hash !== h.toString('hex')) {
        return { intact: false, rows, headHash: prev.toString('hex'), brokenId: r.id, reason: 'its content does not match its hash (the row was changed)' };
      }
      prev = h;
      rows++;
      lastId = r.id;
    }
    if (batch.length < BATCH) break;
  }
  const { rows: head } = await q.query("SELECT last_id::text AS last_id, encode(last_hash, 'hex') AS last_hash FROM access_log_head");
  const h = head[0];
  if (!h || h.last_id !== lastId || h.last_hash !== prev.toString('hex')) {
    return {
      intact: false,
      rows,
      headHash: prev.toString('hex'),
      brokenId: h ? h.last_id : lastId,
      reason: h ? `the chain's head names row ${h.last_id}, but the last row is ${lastId} (rows at the end were removed, or the head was changed)` : 'the chain has no head row',
    };
  }
  return { intact: true, rows, headHash: prev.toString('hex') };
}

/**
 * One page of the subject's log as the rules core's stored rows, newest first: the served
 * accesses (the rules' `isShownInAccessLog`, in SQL) in [from, to), after the cursor's row, one
 * row more than the page to know whether another follows. A person's name and a staff member's
 * care service are joined; staff names are not read at all. Ordered by the time to the
 * millisecond (what the cursor holds), then the id.
 * @param {import('../db/types.js').Queryable} q
 * @param {string} subjectId
 * @param {import('@omsorg/contract').AccessLogQuery} query
 * @returns {Promise<{ rows: import('@omsorg/contract').StoredAccess[], more: boolean }>}
 */
export async function accessLogPageRows(q, subjectId, query) {
  const resources = Object.keys(accessLogKinds);
  const params = [subjectId, query.from, query.to, resources, [...accessLogActions], query.limit + 1];
  let after = '';
  if (query.after) {
    params.push(new Date(query.after.at), query.after.id);
    after = `AND (date_trunc('milliseconds', l.at), l.id) < ($7::timestamptz, $8::bigint)`;
  }
  const { rows } = await q.query(
    `SELECT l.id::text AS id, date_trunc('milliseconds', l.at) AS at, l.actor_kind, l.actor_role, l.relation_code, l.action, l.resource, l.outcome,
            p.name AS actor_name, c.id AS care_service_id, c.name AS care_service_name
       FROM access_log l
       LEFT JOIN persons p ON l.actor_kind = 'person' AND p.id = l.actor_person_id
       LEFT JOIN staff s ON l.actor_kind = 'staff' AND s.id = l.actor_person_id
       LEFT JOIN care_services c ON c.id = s.care_service_id
      WHERE l.subject_id = $1 AND l.at >= $2 AND l.at < $3
        AND l.outcome = 'ok' AND (l.actor_role IS NULL OR l.actor_role <> 'none')
        AND l.resource = ANY($4::text[]) AND l.action = ANY($5::text[])
        ${after}
      ORDER BY date_trunc('milliseconds', l.at) DESC, l.id DESC
      LIMIT $6`,
    params,
  );
  const more = rows.length > query.limit;
  return {
    more,
    rows: rows.slice(0, query.limit).map((r) => ({
      id: r.id,
      at: new Date(r.at),
      actorKind: r.actor_kind,
      actorRole: r.actor_role,
      relationCode: r.relation_code,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      actorName: r.actor_name ?? null,
      careService: r.care_service_id ? { id: r.care_service_id, name: r.care_service_name } : null,
    })),
  };
}
