// @ts-check
/**
 * The SQL of attachments: which ones a sender may still use, which ones a reader may download,
 * and the contract's shape of one.
 */

/** @typedef {import('../db/index.js').Queryable} Queryable */
/** @typedef {import('@omsorg/contract').Attachment} Attachment */
/** @typedef {import('./reader.js').Reader} Reader */

/**
 * @param {any} a an attachments row
 * @returns {Attachment}
 */
export const toAttachment = (a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size });

export const ATTACHMENT_META = 'a.id, a.filename, a.content_type, a.size, a.message_id, a.subject_id, a.uploader_person_id, a.uploader_staff_id';

/**
 * The attachment rows (metadata) with these ids for the subject that `person` uploaded and no
 * message uses yet: what a person may put in a message or a draft.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {Reader} uploader
 * @param {readonly string[]} ids
 */
export async function usableAttachments(q, subjectId, uploader, ids) {
  if (ids.length === 0) return [];
  const col = uploader.kind === 'person' ? 'uploader_person_id' : 'uploader_staff_id';
  const { rows } = await q.query(
    `SELECT ${ATTACHMENT_META} FROM attachments a
      WHERE a.subject_id = $1 AND a.${col} = $2 AND a.message_id IS NULL AND a.id = ANY ($3::text[])`,
    [subjectId, uploader.id, [...ids]],
  );
  return rows;
}

/**
 * An attachment the reader may download: used in one of the subject's messages (the caller is
 * a party: access to the subject was checked), or not yet used and uploaded by the reader.
 * @param {Queryable} q
 * @param {string} subjectId
 * @param {string} attachmentId
 * @param {Reader} reader
 */
export async function findDownloadable(q, subjectId, attachmentId, reader) {
  const { rows } = await q.query(
    `SELECT ${ATTACHMENT_META}, a.data, t.care_service_id
       FROM attachments a
       LEFT JOIN messages m ON m.id = a.message_id
       LEFT JOIN threads t ON t.subject_id = m.subject_id AND t.id = m.thread_id
      WHERE a.subject_id = $1 AND a.id = $2`,
    [subjectId, attachmentId],
  );
  const a = rows[0];
  if (!a) return undefined;
  if (a.message_id === null) {
    const own = reader.kind === 'person' ? a.uploader_person_id === reader.id : a.uploader_staff_id === reader.id;
    return own ? a : undefined;
  }
  // Staff see only their own care service's threads.
  if (reader.kind === 'staff' && a.care_service_id !== reader.careServiceId) return undefined;
  return a;
}
