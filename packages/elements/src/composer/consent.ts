/**
 * Whether a subject may write and be written to: consent to digital dialogue in force (the rules
 * core's `dialogueRefusal`). The thread and the inbox ask it to offer a reply box or a new
 * message only where a send can succeed.
 */
import { dialogueRefusal } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';

/** True without consent, false with it, undefined when it could not be read (then offer the box: a send says why it failed). */
export async function lacksConsent(client: Client, subject: string): Promise<boolean | undefined> {
  try {
    return dialogueRefusal(await client.getDialogueConsent(subject)) !== null;
  } catch {
    return undefined;
  }
}
