// @ts-check
/**
 * Relatives' access in SQL: the register look-up by number, the grants a person gave and those
 * they hold, giving one and taking one back. The rules (ages, periods, who can be found, what a
 * parent may do) are the rules core's (consent.ts); this module only reads and writes rows.
 */
import { osloIso, parseIdentityNumber, relations, scopesInForce } from '@omsorg/contract';

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').RelativeAccess} RelativeAccess */

/** The opaque id of a grant in the API (`rac-<row id>`). @param {number} id */
export const accessIdOf = (id) => `rac-${id}`;
/** The row id of an API id, or undefined. @param {string} accessId */
export const rowIdOf = (accessId) => {
  const m = /^rac-([1-9][0-9]{0,8})$/.exec(accessId); // an int4 row id
  return m ? Number(m[1]) : undefined;
};

/** The date of birth in a national identity number, or undefined. @param {string | null | undefined} pid */
export const birthDateOf = (pid) => (pid ? parseIdentityNumber(pid)?.birthDate : undefined);

/**
 * The person with this number in the register, with what the grant rules need.
 * @param {Queryable} q
 * @param {string} pid
 * @returns {Promise<{ id: string, name: string, birthDate: string, confidentialAddress: boolean } | undefined>}
 */
export async function findByNumber(q, pid) {
  const { rows } = await q.query('SELECT id, name, pid, confidential_address FROM persons WHERE pid = $1', [pid]);
  const r = rows[0];
  const birthDate = birthDateOf(r?.pid);
  return r && birthDate ? { id: r.id, name: r.name, birthDate, confidentialAddress: r.confidential_address } : undefined;
}

/**
 * A person's date of birth from the register (undefined without a number).
 * @param {Queryable} q
 * @param {string} personId
 */
export async function birthDateOfPerson(q, personId) {
  const { rows } = await q.query('SELECT pid FROM persons WHERE id = $1', [personId]);
  return birthDateOf(rows[0]?.pid);
}

const GRANT_SELECT = `
  SELECT g.id, g.subject_id, g.relation_system, g.relation_code, g.scopes, g.valid_from::text AS valid_from,
         g.valid_to::text AS valid_to, g.granted_at, g.revoked_at, g.granted_by,
         sp.id AS subject_person_id, sp.name AS subject_name, sp.pid AS subject_pid,
         rp.id AS relative_id, rp.name AS relative_name
    FROM proxy_grants g
    JOIN subjects s ON s.id = g.subject_id
    JOIN persons sp ON sp.id = s.person_id
    JOIN persons rp ON rp.id = g.grantee_person_id`;

/** Not taken back and not ended on `today` (one that starts later is listed). */
const LIVE = `g.revoked_at IS NULL AND (g.valid_to IS NULL OR g.valid_to >= $2::date)`;

/**
 * A grant row as the contract's RelativeAccess. A parent's access to a child (the subject is the
 * grantee's `CHILD`) is `basis: parent` and shows the scopes the child's age leaves today.
 * @param {any} r a row of GRANT_SELECT
 * @param {string} today
 * @returns {RelativeAccess}
 */
export function toRelativeAccess(r, today) {
  const parent = r.relation_code === 'CHILD';
  return {
    id: accessIdOf(r.id),
    basis: parent ? 'parent' : 'consent',
    status: r.revoked_at === null ? 'active' : 'inactive',
    subjectId: r.subject_id,
    subject: { id: r.subject_person_id, name: r.subject_name },
    relative: { id: r.relative_id, name: r.relative_name },
    relationship: { system: r.relation_system ?? relations.system, code: r.relation_code },
    scopes: scopesInForce(r.relation_code, r.scopes, birthDateOf(r.subject_pid), today),
    period: { start: r.valid_from ?? null, end: r.valid_to ?? null },
    grantedAt: r.granted_at ? osloIso(new Date(r.granted_at)) : null,
    revokedAt: r.revoked_at ? osloIso(new Date(r.revoked_at)) : null,
  };
}

/**
 * Who may act for the subject, and whom its person may act for, in force or starting later.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} personId the subject's person
 * @param {string} today
 * @returns {Promise<import('@omsorg/contract').RelativeAccessList>}
 */
export async function listRelativesAccess(q, subjectId, personId, today) {
  const given = await q.query(`${GRANT_SELECT} WHERE g.subject_id = $1 AND ${LIVE} ORDER BY g.id`, [subjectId, today]);
  const held = await q.query(`${GRANT_SELECT} WHERE g.grantee_person_id = $1 AND ${LIVE} ORDER BY g.id`, [personId, today]);
  // A parent's access the child's age has ended is not access any more.
  const shown = (/** @type {RelativeAccess} */ a) => a.scopes.length > 0;
  return {
    relatives: given.rows.map((r) => toRelativeAccess(r, today)).filter(shown),
    actingFor: held.rows.map((r) => toRelativeAccess(r, today)).filter(shown),
  };
}

/**
 * Gives access: a grant the relative already holds for the subject is taken back in the same
 * transaction (kept as history), so the new one replaces it. The relation is that of the latest
 * grant between the two, taken back or not (Kari is still Ola's daughter); a new relative is `O`.
 * @param {Queryable} tx
 * @param {{ subjectId: string, granteeId: string, grantedBy: string, scopes: readonly string[], start: string, end: string, at: Date }} g
 * @returns {Promise<number>} the new row's id
 */
export async function insertGrant(tx, g) {
  await tx.query(
    `UPDATE proxy_grants SET revoked_at = $3, revoked_by = $4
      WHERE grantee_person_id = $1 AND subject_id = $2 AND revoked_at IS NULL`,
    [g.granteeId, g.subjectId, g.at, g.grantedBy],
  );
  const latest = await tx.query(
    'SELECT relation_code FROM proxy_grants WHERE grantee_person_id = $1 AND subject_id = $2 ORDER BY id DESC LIMIT 1',
    [g.granteeId, g.subjectId],
  );
  const code = latest.rows[0]?.relation_code ?? 'O';
  const { rows } = await tx.query(
    `INSERT INTO proxy_grants (grantee_person_id, subject_id, relation_system, relation_code, scopes, valid_from, valid_to, granted_at, granted_by)
     VALUES ($1, $2, $3, $9, $4::text[], $5::date, $6::date, $7, $8) RETURNING id`,
    [g.granteeId, g.subjectId, relations.system, [...g.scopes], g.start, g.end, g.at, g.grantedBy, code],
  );
  return Number(rows[0].id);
}

/**
 * One grant of the subject's (any status), locked for the rest of the transaction.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {number} rowId
 */
export async function findGrant(q, subjectId, rowId) {
  const { rows } = await q.query(`${GRANT_SELECT} WHERE g.subject_id = $1 AND g.id = $2 FOR UPDATE OF g`, [subjectId, rowId]);
  return rows[0];
}

/**
 * Takes a grant back at `at` (a grant taken back already stays as it was).
 * @param {Queryable} tx
 * @param {number} rowId
 * @param {string} by
 * @param {Date} at
 */
export async function revokeGrant(tx, rowId, by, at) {
  await tx.query('UPDATE proxy_grants SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL', [rowId, at, by]);
}
