/**
 * Threads as every server presents them: the version (the ETag) counts the thread's changes,
 * who has "seen since the last update", and the refusals that need the server's storage to
 * decide (the recipient, a closed thread, an attachment the sender may not use) but are worded
 * once, here.
 */
import type { FieldError, ProblemSpec } from './problems.js';
import type { SeenBy } from '../types.js';

/**
 * A thread's version: `v<n>`, where n counts its changes (a thread starts at `v1`, seeded or
 * new; every message, every read pointer that moves and the closing add one). The same for every reader: a
 * change of anyone's read pointer changes it, so it also changes with the reader's unread count.
 */
export const threadVersion = (changes: number): string => `v${changes}`;

/** The count a thread starts from, seeded or new (before its first message, if new). */
export const firstThreadChanges = 1;

/** One party's read pointer at the thread's last message (the servers find these). */
export interface SeenCandidate extends SeenBy {
  /** This party wrote the last message: they need not be told they saw it. */
  wroteLast: boolean;
}

/**
 * Dialogporten's seenSinceLastUpdate: the parties who have seen the last message, other than its
 * writer, in the order they saw it (ties by role, then name).
 */
export function seenSinceLastUpdate(candidates: readonly SeenCandidate[]): SeenBy[] {
  return candidates
    .filter((c) => !c.wroteLast)
    .map(({ wroteLast: _, ...seen }) => seen)
    .sort((a, b) => Date.parse(a.seenAt) - Date.parse(b.seenAt) || cmp(a.role, b.role) || cmp(a.name, b.name));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const threadNotFound: ProblemSpec = { status: 404, key: 'notFound', detail: 'No such thread.' };

export const threadClosed: ProblemSpec = {
  status: 409,
  key: 'threadClosed',
  detail: 'The care service has closed this thread. Start a new thread to write again.',
};

export const recipientNotAllowed: ProblemSpec = {
  status: 422,
  key: 'recipientNotAllowed',
  detail: 'Write only to the care service of a granted service the subject receives (see message-recipients).',
};

/**
 * The 400 for attachment ids the sender may not use (not uploaded by them for this subject, or
 * already sent): one field error per such id, at its index in the request.
 */
export function unusableAttachments(ids: readonly string[], usable: (id: string) => boolean): ProblemSpec | undefined {
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!usable(id)) errors.push({ pointer: `/attachmentIds/${i}`, code: 'invalid' });
  });
  return errors.length
    ? { status: 400, key: 'validation', detail: 'An attachment is not one you uploaded for this person, or it was already sent.', errors }
    : undefined;
}
