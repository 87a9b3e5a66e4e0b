// @ts-check
/**
 * The consent operations of the contract. `getDialogueConsent`: token → subject (404) → scope
 * `messages` (403) → the consent (304 with If-None-Match). `setDialogueConsent`, as cancel.js:
 * token → subject (404) → scope (403) → the subject themselves only (403) → Idempotency-Key (400)
 * → If-Match (428) → JSON (400) → replay or key reuse (422) → body (400) → 412 → 409
 * consent-text-outdated → the decision, in one transaction that claims the key and locks the
 * subject's consent (a message being written waits for it, or is refused after it).
 */
import { checkWriteRequest, decideDialogueConsent, dialogueConsentFingerprint, dialogueConsentOf, etagOf, noneMatch, validateDialogueConsentChange } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { whileInFlight } from './in-flight.js';
import { claimKey, invalid, json, operationKit, rememberAnswer, sha256 } from './message-kit.js';
import { dialogueDecisions, insertDialogueDecision, lockConsent } from '../data/consent.js';

export const CONSENT_OPERATIONS = new Set(['getDialogueConsent', 'setDialogueConsent']);

/**
 * @param {string} operationId
 * @param {import('./message-kit.js').MessageContext} c
 * @returns {Promise<import('../http/reply.js').Reply>}
 */
export async function consentOperation(operationId, c) {
  const { db, person, at } = c;
  const { guarded, ok, schemaErrors } = operationKit(operationId, c);
  const what = { action: operationId === 'getDialogueConsent' ? 'read' : 'update', resource: 'dialogue-consent' };

  if (operationId === 'getDialogueConsent') {
    return guarded(what, async (subject) => {
      const consent = dialogueConsentOf(await dialogueDecisions(db, subject.id));
      const etag = etagOf(consent);
      // Not logged: a 304 discloses nothing new (docs/architecture.md, "A 304 is not logged").
      if (noneMatch(c.header('if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
      await ok(subject, what, 200);
      return json(consent, 200, { ETag: etag });
    });
  }

  return guarded(what, async (subject) => {
    // Consent to digital dialogue is the person's own: a relative may see it, not decide it.
    if (subject.relation.code !== 'self') throw new ProblemError(403, 'forbidden', 'Only the person themselves gives or withdraws this consent.');
    const body = await c.body();
    const request = { idempotencyKey: c.header('idempotency-key'), ifMatch: c.header('if-match'), bodyText: body.tooLarge ? '{}' : body.text, contentType: c.header('content-type') };
    const checked = orThrow(checkWriteRequest(request, 'consent'));
    if (body.tooLarge) throw invalid('The body is too large.', [{ pointer: '', code: 'too-long' }]);
    const hash = sha256(dialogueConsentFingerprint(subject.id, checked.body));
    return whileInFlight(db, person.id, checked.key, () =>
      db.transaction(async (tx) => {
        const replay = await claimKey(tx, person.id, checked.key, hash);
        if (replay) {
          await ok(subject, what, replay.status, tx, true);
          return json(replay.body, replay.status, replay.etag ? { ETag: replay.etag } : {});
        }
        const errors = validateDialogueConsentChange(checked.body);
        if (errors.length === 0) errors.push(...schemaErrors(checked.body));
        if (errors.length) throw invalid('The consent change is not valid.', errors);
        await lockConsent(tx, subject.id, 'update');
        const history = await dialogueDecisions(tx, subject.id);
        const current = dialogueConsentOf(history);
        const change = /** @type {import('@omsorg/contract').DialogueConsentChange} */ (checked.body);
        const { decision } = orThrow(decideDialogueConsent(current, checked.ifMatch, change, person, at));
        if (decision) await insertDialogueDecision(tx, subject.id, history.length + 1, decision);
        const after = decision ? dialogueConsentOf([decision, ...history]) : current;
        const answer = { status: 200, body: after, etag: etagOf(after) };
        await rememberAnswer(tx, person.id, checked.key, answer);
        await ok(subject, what, 200, tx);
        return json(after, 200, { ETag: answer.etag });
      }),
    );
  });
}
