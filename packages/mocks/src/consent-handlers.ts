/**
 * msw handlers for consent to digital dialogue, in the sandbox's order: authentication (guard) →
 * the subject (404) → the `messages` scope (403) → for a change, the subject themselves only
 * (403) → Idempotency-Key (400) → If-Match (428) → JSON (400) → replay or reuse (422) → the body
 * (400) → 412 → 409 consent-text-outdated → the decision. The rules core decides.
 */
import {
  checkWriteRequest,
  decideDialogueConsent,
  dialogueConsentFingerprint,
  dialogueConsentOf,
  etagOf,
  invalid,
  validateDialogueConsentChange,
  type DialogueConsent,
  type DialogueConsentChange,
} from '@omsorg/contract';
import { http, type HttpHandler } from 'msw';
import { logAccess } from './access-log.js';
import { remember, replay } from './idempotency.js';
import type { MessageRouteContext } from './route-context.js';
import { isProblemSpec, json, noneMatch, notFound, notModified, problem } from './problems.js';

export function consentHandlers({ db, now, url, guard, access }: Pick<MessageRouteContext, 'db' | 'now' | 'url' | 'guard' | 'access'>): HttpHandler[] {
  return [
    http.get(url('/subjects/:subjectId/dialogue-consent'), ({ request, params }) =>
      guard<DialogueConsent>(request, (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const consent = dialogueConsentOf(subject.dialogueConsent);
        const tag = etagOf(consent);
        if (noneMatch(request.headers.get('If-None-Match'), tag)) return notModified(tag);
        logAccess(db, person, subject.id, 'dialogue-consent');
        return json(consent, { headers: { ETag: tag } });
      }),
    ),

    http.put(url('/subjects/:subjectId/dialogue-consent'), ({ request, params }) =>
      guard<DialogueConsent>(request, async (person) => {
        const subject = access(person, params.subjectId as string, 'messages', request);
        if (!('threads' in subject)) return subject;
        const me = db.me.get(person);
        if (me?.subjects.find((s) => s.id === subject.id)?.relation.code !== 'self') {
          return problem({ status: 403, key: 'forbidden', detail: 'Only the person themselves gives or withdraws this consent.' });
        }
        const checked = checkWriteRequest(
          { idempotencyKey: request.headers.get('Idempotency-Key'), ifMatch: request.headers.get('If-Match'), bodyText: await request.text(), contentType: request.headers.get('Content-Type') },
          'consent',
        );
        if (isProblemSpec(checked)) return problem(checked);
        const fingerprint = dialogueConsentFingerprint(subject.id, checked.body);
        const replayed = replay(db, person, checked.key, fingerprint);
        if (replayed) return replayed;
        const errors = validateDialogueConsentChange(checked.body);
        if (errors.length) return problem(invalid('The consent change is not valid.', errors));
        if (!me) return notFound('No such person.');
        const current = dialogueConsentOf(subject.dialogueConsent);
        const decided = decideDialogueConsent(current, checked.ifMatch, checked.body as DialogueConsentChange, me.person, now());
        if (isProblemSpec(decided)) return problem(decided);
        if (decided.decision) subject.dialogueConsent.unshift(decided.decision);
        const after = dialogueConsentOf(subject.dialogueConsent);
        const tag = etagOf(after);
        remember(db, person, checked.key, fingerprint, 200, after, tag);
        logAccess(db, person, subject.id, 'dialogue-consent', 'update');
        return json(after, { headers: { ETag: tag } });
      }),
    ),
  ];
}
