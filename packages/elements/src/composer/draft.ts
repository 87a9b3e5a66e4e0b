/**
 * The server-side draft of one composer: loaded once per key, autosaved about a second after
 * typing stops (at once on blur, send, leaving and the session-expiry warning), `If-Match`
 * against other tabs; a 412 with other text is offered as a choice (keep mine, load theirs); a
 * failed save is kept and retried (online, sign-in). One save at a time; the latest text wins.
 */
import { messageLimits, normaliseText, problemTypes, type Attachment, type Draft, type DraftInput } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { parseInstant } from '../internal/format.js';

/** Wait after the last keystroke before the draft is saved. */
export const DRAFT_DELAY_MS = 1000;

export type DraftStatus = 'none' | 'saving' | 'saved' | 'unsaved' | 'conflict';

type ErrorLike = { kind?: string; status?: number; type?: string };
export const asError = (e: unknown): ErrorLike => (e && typeof e === 'object' ? (e as ErrorLike) : {});

/** What the draft needs from its composer. */
export interface DraftHost {
  client(): Client | undefined;
  subject(): string;
  /** The draft key: the thread's id, or `new`. */
  key(): string | undefined;
  /** What is in the box now. */
  text(): string;
  attachments(): readonly Attachment[];
  /** Extra draft fields: a new thread's title and service. */
  extra(): Pick<DraftInput, 'title' | 'grantedServiceId'>;
  /** A draft arrived: put its text, attachments and extra fields in the box. */
  adopt(draft: Draft): void;
  /** Something changed that the page shows. */
  update(): void;
}

export class DraftSync {
  status: DraftStatus = 'none';
  savedAt?: Date;
  /** Whether the box holds changes not saved yet. */
  dirty = false;

  /** The draft's version on the server: null none, undefined not known yet. */
  private version: string | null | undefined;
  /** Changes made here so far (a draft arriving later must not replace them). */
  private edits = 0;
  private saving?: Promise<void>;
  private saveAgain = false;
  private timer?: ReturnType<typeof setTimeout>;
  private loadedKey?: string;

  constructor(private readonly h: DraftHost) {}

  /** Whether a save waits for the pause in typing. */
  get pending(): boolean {
    return !!this.timer;
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.stopTimer();
    this.status = 'none';
    this.savedAt = undefined;
    this.version = undefined;
    this.dirty = false;
    this.loadedKey = undefined;
  }

  stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The session ran out: what is not saved stays in memory and saves after sign-in. */
  expired(): void {
    if (this.dirty || this.status === 'saving') this.status = 'unsaved';
  }

  /** Retries a failed save (back online, signed in again). */
  retry(): void {
    if (this.status === 'unsaved') void this.save();
  }

  /** The box was sent: nothing is pending, and the server deleted the draft with the send. */
  sent(): void {
    this.dirty = false;
    this.stopTimer();
  }

  /** A message from here was stored: the server deleted the draft in the same transaction. */
  stored(): void {
    this.version = null;
    if (this.status === 'saved') this.status = 'none';
  }

  /**
   * Loads the draft for the current key, once per key; `started` runs at once when a key is
   * new. Returns whether it was.
   */
  async load(started: (client: Client) => void): Promise<boolean> {
    const client = this.h.client();
    const key = this.h.key();
    if (!client || !key || this.loadedKey === key) return false;
    this.loadedKey = key;
    started(client);
    const edits = this.edits;
    try {
      const draft = await client.getDraft(this.h.subject(), key);
      if (this.loadedKey !== key) return true;
      // A save meanwhile knows the version better.
      if (this.version === undefined) this.version = draft?.version ?? null;
      if (!draft) return true;
      if (this.edits !== edits || this.h.text() || this.h.attachments().length) {
        // Typed here before the draft arrived: this tab's text is the newer one.
        this.dirty = true;
        void this.save();
        return true;
      }
      this.adopt(draft);
      this.status = 'saved';
    } catch {
      // Unknown version: the first save creates (If-None-Match: *) and a 412 sorts it out.
    }
    return true;
  }

  private adopt(draft: Draft): void {
    this.version = draft.version;
    this.savedAt = parseInstant(draft.updatedAt);
    this.dirty = false;
    this.h.adopt({ ...draft, attachments: draft.attachments.slice(0, messageLimits.attachmentsPerMessage) });
  }

  /** The draft changed: save it about a second after typing stops. */
  touch(): void {
    this.edits++;
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, DRAFT_DELAY_MS);
  }

  /** Saves now if anything is pending (blur, send, leaving). */
  flush(): Promise<void> {
    if (this.timer || (this.dirty && this.status !== 'conflict')) {
      this.stopTimer();
      return this.save();
    }
    return this.saving ?? Promise.resolve();
  }

  private isEmpty(): boolean {
    const extra = this.h.extra();
    return this.h.text() === '' && this.h.attachments().length === 0 && !extra.title && !extra.grantedServiceId;
  }

  /** Saves the draft; one save at a time, the latest text wins. */
  save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    const client = this.h.client();
    const key = this.h.key();
    if (!client || !key || this.status === 'conflict') return Promise.resolve();
    if (this.version == null && this.isEmpty()) {
      this.dirty = false;
      return Promise.resolve();
    }
    this.saving = this.doSave(client, key).finally(() => {
      this.saving = undefined;
      if (this.saveAgain) {
        this.saveAgain = false;
        if (this.dirty && this.status !== 'unsaved') void this.save();
      }
    });
    return this.saving;
  }

  private input(): DraftInput {
    return {
      text: normaliseText(this.h.text()),
      attachmentIds: this.h.attachments().map((a) => a.id),
      ...this.h.extra(),
    };
  }

  private async doSave(client: Client, key: string): Promise<void> {
    const subject = this.h.subject();
    const sentText = this.h.text();
    this.dirty = false;
    this.status = 'saving';
    this.h.update();
    try {
      const draft = await client.saveDraft(subject, key, this.input(), this.version ?? null);
      if (this.h.key() !== key) return;
      this.version = draft.version;
      this.savedAt = parseInstant(draft.updatedAt) ?? new Date();
      this.status = 'saved';
    } catch (e) {
      if (this.h.key() !== key) return;
      const err = asError(e);
      if (err.status === 412 || err.type === problemTypes.preconditionFailed) await this.resolveConflict(client, key, sentText);
      else {
        this.dirty = true;
        this.status = 'unsaved';
      }
    }
    this.h.update();
  }

  /**
   * Someone else (another tab) saved meanwhile. Nothing there, or the same text: carry on
   * silently. Otherwise ask which text to keep.
   */
  private async resolveConflict(client: Client, key: string, mine: string): Promise<void> {
    try {
      const theirs = await client.getDraft(this.h.subject(), key);
      this.version = theirs?.version ?? null;
      if (!theirs || normaliseText(theirs.text) === normaliseText(mine)) {
        this.dirty = true;
        this.status = 'none';
        this.saveAgain = true;
        return;
      }
      this.status = 'conflict';
    } catch {
      this.dirty = true;
      this.status = 'unsaved';
    }
  }

  /** Conflict: keep this tab's text (replacing the other tab's draft). */
  async keepMine(): Promise<void> {
    const client = this.h.client();
    const key = this.h.key();
    if (!client || !key) return;
    try {
      const theirs = await client.getDraft(this.h.subject(), key);
      this.version = theirs?.version ?? null;
    } catch {
      // Save anyway; another 412 asks again.
    }
    this.status = 'none';
    this.dirty = true;
    await this.save();
  }

  /** Conflict: take the other tab's text. Rejects when it cannot be read (the caller says why). */
  async loadOther(): Promise<void> {
    const client = this.h.client();
    const key = this.h.key();
    if (!client || !key) return;
    const theirs = await client.getDraft(this.h.subject(), key);
    if (theirs) {
      this.adopt(theirs);
      this.status = 'saved';
    } else {
      this.version = null;
      this.status = 'none';
    }
  }
}
