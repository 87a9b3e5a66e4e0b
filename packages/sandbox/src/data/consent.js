// @ts-check
/**
 * Consent to digital dialogue in SQL: the decisions of one subject, newest first, and a new one.
 * The rules (what may be decided, when a message needs it) are the rules core's (consent.ts).
 */
import { dialogueConsentOf, dialogueProblem, osloIso } from '@omsorg/contract';

/**
 * Every decision on the subject's dialogue consent, newest first.
 * @param {import('../db/index.js').Queryable} q
 * @param {string} subjectId
 * @param {{ latestOnly?: boolean }} [o] `latestOnly`: the one that decides (what a message needs)
 * @returns {Promise<import('@omsorg/contract').ConsentDecision[]>}
 */
export async function dialogueDecisions(q, subjectId, { latestOnly = false } = {}) {
  const { rows } = await q.query(
    `SELECT c.status, c.text_version, c.decided_at, p.id AS by_id, p.name AS by_name
       FROM dialogue_consents c JOIN persons p ON p.id = c.decided_by
      WHERE c.subject_id = $1
      ORDER BY c.seq DESC${latestOnly ? ' LIMIT 1' : ''}`,
    [subjectId],
  );
  return rows.map((r) => ({
    status: r.status,
    textVersion: r.text_version,
    decidedAt: osloIso(new Date(r.decided_at)),
    decidedBy: { id: r.by_id, name: r.by_name },
  }));
}

/**
 * Locks the subject's consent against changes (`FOR UPDATE`, a decision) or against a decision
 * while a message is written (`FOR SHARE`): a withdrawal and a send never interleave.
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} subjectId
 * @param {'update' | 'share'} mode
 */
export async function lockConsent(tx, subjectId, mode) {
  await tx.query(`SELECT 1 FROM subjects WHERE id = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`, [subjectId]);
}

/**
 * Adds a decision as the subject's newest (`seq` = how many there were + 1).
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} subjectId
 * @param {number} seq
 * @param {import('@omsorg/contract').ConsentDecision} d
 */
export async function insertDialogueDecision(tx, subjectId, seq, d) {
  await tx.query('INSERT INTO dialogue_consents (subject_id, seq, status, text_version, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    subjectId,
    seq,
    d.status,
    d.textVersion,
    new Date(d.decidedAt),
    d.decidedBy.id,
  ]);
}

/**
 * Why a message to or from the subject may not be written now (403 consent-required), or null.
 * Locks the consent for the rest of the transaction, so a withdrawal waits for this message or
 * refuses it. The person, a relative and staff are all held to it.
 * @param {import('../db/index.js').Queryable} tx
 * @param {string} subjectId
 */
export async function messageConsentProblem(tx, subjectId) {
  await lockConsent(tx, subjectId, 'share');
  return dialogueProblem(dialogueConsentOf(await dialogueDecisions(tx, subjectId, { latestOnly: true })));
}
