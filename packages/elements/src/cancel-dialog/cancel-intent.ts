import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cancelLimits, cancellationReasons, problemTypes, type Appointment } from '@omsorg/contract';
import type { CancelIntent, Client } from '@omsorg/sdk';
import { asError, type ErrorLike } from './appointment-loader.js';

/** The server's comment limit, from the rules core, so the dialog's check before sending agrees with it. */
export const COMMENT_MAX = cancelLimits.commentMaxChars;

export type Phase = 'form' | 'sending' | 'success';
export type FieldError = 'reason-required' | 'reason-unknown' | 'comment-too-long' | 'comment-invalid';
export type FieldErrors = { reason?: FieldError; comment?: FieldError };
export type SubmitError = { kind: 'auth' } | { kind: 'retry' | 'final'; message: string };
/** Why the server refused to cancel (409): shown like a closed appointment. */
export type Refusal = 'deadline-passed' | 'not-cancellable';

/** What the person chose and wrote. */
export interface Choice {
  reason: string;
  comment: string;
}

export interface CancelIntentHooks {
  /** Sent: the element clears the form, says so, fires its event and moves focus. */
  sent(result: Appointment, subjectId: string): void;
  /** The server refused the fields (400): show them like the element's own checks. */
  fieldErrors(errors: FieldErrors): Promise<void>;
  /** The server answered 412: show `now` (the SDK has read it into its store) and what changed. */
  changed(before: Appointment, now: Appointment | undefined): void;
  /** The server answered 409: show "call instead" with `now` (read once by the SDK). */
  refused(refusal: Refusal, before: Appointment, now: Appointment | undefined): void;
  /** Any other failure (the sign-in one included), now in `submitError`: say it. */
  error(e: SubmitError): void;
  /** The text for an SDK error. */
  errorText(e: ErrorLike): string;
}

/**
 * The dialog's side of the cancel intent. The SDK's `CancelIntent` owns the Idempotency-Key,
 * the retries and the store update; this keeps the dialog's state around it (form, sending,
 * success; the last failure; a refusal; the "what changed" notice) and turns each answer into
 * one of the hooks. A second submit while one runs is ignored (a disabled-looking button is not
 * enough), also during the element's own checks.
 */
export class CancelIntentController implements ReactiveController {
  private state: { phase: Phase; submitError?: SubmitError; refusal?: Refusal; changes?: string[]; outcome?: Appointment } = { phase: 'form' };
  private intent?: CancelIntent;
  private inFlight = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: CancelIntentHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get phase(): Phase {
    return this.state.phase;
  }
  get submitError(): SubmitError | undefined {
    return this.state.submitError;
  }
  get refusal(): Refusal | undefined {
    return this.state.refusal;
  }
  get changes(): string[] | undefined {
    return this.state.changes;
  }
  get outcome(): Appointment | undefined {
    return this.state.outcome;
  }
  /** Whether a submit is running (checks or send). */
  get busy(): boolean {
    return this.inFlight;
  }

  /** Changes the dialog's state (and renders). */
  set(patch: Partial<CancelIntentController['state']>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }

  /** Starts afresh: another appointment, sign-out, or closed after success. */
  reset(): void {
    this.intent = undefined;
    this.state = { phase: 'form' };
    this.host.requestUpdate();
  }

  /**
   * Checks with `check` (a promise of undefined: it is showing the problems), then sends through the SDK's intent
   * for this appointment (the same intent, and so the same key, until it ends).
   */
  async submit(
    client: Client,
    target: { subjectId: string; appointmentId: string },
    before: Appointment,
    check: () => Choice | Promise<undefined>,
  ): Promise<void> {
    if (this.inFlight || this.phase !== 'form') return;
    this.inFlight = true;
    try {
      // Synchronous when all is well, so "sending" shows in the same render as the press.
      const checked = check();
      const choice = checked instanceof Promise ? await checked : checked;
      if (!choice) return;
      const same = this.intent && this.intent.target.subjectId === target.subjectId && this.intent.target.appointmentId === target.appointmentId;
      const intent = same && this.intent ? this.intent : (this.intent = client.cancelIntent(target));
      this.set({ phase: 'sending', submitError: undefined });
      try {
        const comment = choice.comment.trim();
        const result = await intent.send({
          version: before.version,
          reason: { system: cancellationReasons.system, code: choice.reason },
          ...(comment ? { comment } : {}),
        });
        this.set({ outcome: result, phase: 'success', changes: undefined });
        this.hooks.sent(result, target.subjectId);
      } catch (e) {
        this.set({ phase: 'form' });
        await this.failed(client, asError(e), before);
      }
    } finally {
      this.inFlight = false;
    }
  }

  private async failed(client: Client, err: ErrorLike, before: Appointment): Promise<void> {
    const type = err.type;
    if (err.kind === 'auth' || err.status === 401) {
      // Nothing typed is lost: reason and comment stay; the intent keeps its key for after sign-in.
      this.fail({ kind: 'auth' });
      return;
    }
    if (err.status === 412 || type === problemTypes.preconditionFailed) {
      // The SDK has read the appointment once into its store: compare with what was seen.
      this.hooks.changed(before, client.cachedAppointment(before.id));
      return;
    }
    if (err.status === 409 || type === problemTypes.deadlinePassed || type === problemTypes.notCancellable) {
      const refusal: Refusal = type === problemTypes.notCancellable ? 'not-cancellable' : 'deadline-passed';
      this.set({ refusal });
      // The SDK has read it afresh (the phone number may have changed too).
      this.hooks.refused(refusal, before, client.cachedAppointment(before.id));
      return;
    }
    if (err.status === 400 && (type === problemTypes.validation || err.problem?.errors?.length)) {
      const errors: FieldErrors = {};
      for (const fe of err.problem?.errors ?? []) {
        const pointer = fe.pointer ?? '';
        if (pointer.startsWith('/reason')) errors.reason = fe.code === 'required' ? 'reason-required' : 'reason-unknown';
        else if (pointer.startsWith('/comment')) errors.comment = fe.code === 'too-long' ? 'comment-too-long' : 'comment-invalid';
      }
      if (errors.reason || errors.comment) {
        await this.hooks.fieldErrors(errors);
        return;
      }
    }
    // A reused key with other content: the SDK starts a new intent, so trying again can work.
    const newIntent = err.status === 422 && type === problemTypes.idempotencyKeyReused;
    this.fail({ kind: err.retryable || newIntent ? 'retry' : 'final', message: this.hooks.errorText(err) });
  }

  private fail(submitError: SubmitError): void {
    this.set({ submitError });
    this.hooks.error(submitError);
  }
}
