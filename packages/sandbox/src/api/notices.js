// @ts-check
/**
 * The notice preferences, the person themselves only (a relative acting for them: 403).
 * `getNoticePreferences`: token → subject (404) → self (403) → the choice with the register's
 * masked contact and the exact previews (304 with If-None-Match). `setNoticePreferences`: →
 * self (403) → If-Match (428) → Idempotency-Key (400) → JSON (415/400) → replay or key reuse
 * (422) → the body (400) → 412 → 422 notice-channel-unavailable → the choice, in one transaction
 * that claims the key and locks the subject's row. The rules core decides; the register is the
 * notifier's adapter (src/notices/).
 */
import {
  checkWriteRequest,
  decideNoticePreferences,
  etagOf,
  noneMatch,
  noticePreferencesFingerprint,
  noticePreferencesOf,
  noticesNotOwn,
  validateNoticePreferencesChange,
} from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { whileInFlight } from './in-flight.js';
import { claimKey, invalid, json, operationKit, rememberAnswer, sha256 } from './message-kit.js';

export const NOTICE_OPERATIONS = new Set(['getNoticePreferences', 'setNoticePreferences']);

/**
 * @param {string} operationId
 * @param {import('./message-kit.js').MessageContext} c
 * @returns {Promise<import('../http/reply.js').Reply>}
 */
export async function noticeOperation(operationId, c) {
  const { db, person, at, notices } = c;
  const { ok, schemaErrors } = operationKit(operationId, c);
  const what = { action: operationId === 'getNoticePreferences' ? 'read' : 'update', resource: 'notice-preferences' };
  // Every scope is the person's own: a relative gets the same 403 whatever they hold.
  const subject = await c.access(null, what);
  /** @param {import('../db/index.js').Queryable} q */
  const present = async (q) => noticePreferencesOf(await notices.choiceOf(q, subject.id), await notices.contactOf(q, subject.id), notices.sender);
  try {
    if (subject.relation.code !== 'self') throw ProblemError.from(noticesNotOwn);

    if (operationId === 'getNoticePreferences') {
      const prefs = await present(db);
      const etag = etagOf(prefs);
      // Not logged: a 304 discloses nothing new (docs/architecture.md, "A 304 is not logged").
      if (noneMatch(c.header('if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
      await ok(subject, what, 200);
      return json(prefs, 200, { ETag: etag });
    }

    const body = await c.body();
    const request = { idempotencyKey: c.header('idempotency-key'), ifMatch: c.header('if-match'), bodyText: body.tooLarge ? '{}' : body.text, contentType: c.header('content-type') };
    const checked = orThrow(checkWriteRequest(request, 'notice preferences', { ifMatchFirst: true }));
    if (body.tooLarge) throw invalid('The body is too large.', [{ pointer: '', code: 'too-long' }]);
    const hash = sha256(noticePreferencesFingerprint(subject.id, checked.body));
    return await whileInFlight(db, person.id, checked.key, () =>
      db.transaction(async (tx) => {
        const replay = await claimKey(tx, person.id, checked.key, hash);
        if (replay) {
          await ok(subject, what, replay.status, tx, true);
          return json(replay.body, replay.status, replay.etag ? { ETag: replay.etag } : {});
        }
        const errors = validateNoticePreferencesChange(checked.body);
        if (errors.length === 0) errors.push(...schemaErrors(checked.body));
        if (errors.length) throw invalid('The notice preferences are not valid.', errors);
        await tx.query('SELECT 1 FROM subjects WHERE id = $1 FOR UPDATE', [subject.id]);
        const current = await present(tx);
        const change = /** @type {import('@omsorg/contract').NoticePreferencesChange} */ (checked.body);
        const { choice } = orThrow(decideNoticePreferences(current, checked.ifMatch, change, await notices.contactOf(tx, subject.id)));
        if (choice) await notices.saveChoice(tx, subject.id, choice, at);
        const after = await present(tx);
        const answer = { status: 200, body: after, etag: etagOf(after) };
        await rememberAnswer(tx, person.id, checked.key, answer);
        await ok(subject, what, 200, tx);
        return json(after, 200, { ETag: answer.etag });
      }),
    );
  } catch (err) {
    if (err instanceof ProblemError) await c.log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : err.status === 403 ? 'denied' : 'refused', status: err.status });
    throw err;
  }
}
