// @ts-check
/**
 * The SQL of drafts: one per writer, subject and key (a thread id, or `new`), with the
 * attachments it may still use.
 */
import { osloIso } from '@omsorg/contract';
import { toAttachment, usableAttachments } from './attachments.js';

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').Attachment} Attachment */
/** @typedef {import('@omsorg/contract').Draft} Draft */

/**
 * @param {any} r a drafts row
 * @param {Map<string, Attachment>} attachments by id
 * @returns {Draft}
 */
export function toDraft(r, attachments) {
  return {
    key: r.key,
    version: r.version,
    text: r.text,
    title: r.title,
    grantedServiceId: r.granted_service_id,
    attachments: /** @type {string[]} */ (r.attachment_ids).flatMap((id) => attachments.get(id) ?? []),
    updatedAt: osloIso(r.updated_at),
  };
}

/**
 * The person's draft, with the attachments it still may use (one sent meanwhile drops out).
 * @param {Queryable} q
 * @param {{ personId: string, subjectId: string, key: string, forUpdate?: boolean }} o
 * @returns {Promise<Draft | undefined>}
 */
export async function findDraft(q, { personId, subjectId, key, forUpdate = false }) {
  const { rows } = await q.query(
    `SELECT key, version, text, title, granted_service_id, attachment_ids, updated_at FROM drafts
      WHERE person_id = $1 AND subject_id = $2 AND key = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [personId, subjectId, key],
  );
  const r = rows[0];
  if (!r) return undefined;
  const usable = await usableAttachments(q, subjectId, { kind: 'person', id: personId }, r.attachment_ids);
  return toDraft(r, new Map(usable.map((a) => [a.id, toAttachment(a)])));
}

/**
 * @param {Queryable} tx
 * @param {{ personId: string, subjectId: string, key: string }} o
 */
export async function deleteDraftRow(tx, { personId, subjectId, key }) {
  const r = await tx.query('DELETE FROM drafts WHERE person_id = $1 AND subject_id = $2 AND key = $3', [personId, subjectId, key]);
  return r.rowCount > 0;
}
