import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Appointment } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { OmsorgElement } from '../internal/base.js';
import { errorMessage } from '../internal/messages.js';
import { AppointmentCancelledEvent } from '../internal/events.js';
import { deepActiveElement, FocusReturnController } from '../internal/focus-return.js';
import { messages, type CancelDialogMessages } from './cancel-dialog.messages.js';
import { styles } from './cancel-dialog.styles.js';
import { Announcement, AppointmentLoader } from './appointment-loader.js';
import { CancelIntentController, COMMENT_MAX, type Choice, type FieldErrors } from './cancel-intent.js';
import * as tpl from './cancel-dialog.templates.js';

/**
 * Confirms the cancellation of one appointment: shows what is being cancelled, the deadline
 * and what it means, asks for a reason, and sends one cancellation per user intent through the
 * SDK's cancel intent (which owns the Idempotency-Key, the retries and the store update). Past
 * the deadline it shows the number to call instead. A thin element over three controllers:
 * `AppointmentLoader` (loading and announcing), `FocusReturnController` (focus back to the
 * trigger) and `CancelIntentController` (the intent and what each answer shows).
 *
 * Open it with `open(trigger)` (the appointment list does), by setting the `open` attribute, or
 * by putting a button in the `trigger` slot. Focus goes to the dialog's heading, so screen
 * readers start with what is being cancelled and the deadline rather than in the middle of the
 * form; focus returns to the trigger on close.
 *
 * @summary Cancel an appointment (or ask to cancel it) with a reason, before the deadline.
 *
 * @fires omsorg-appointment-cancelled - The appointment was cancelled or its cancellation was requested. Detail: `{ appointmentId, subjectId, status }`.
 *
 * @slot trigger - Optional button that opens the dialog (standalone use).
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart heading - The dialog's heading.
 * @csspart summary - What is being cancelled, and the deadline.
 * @csspart consequence - What cancelling means, from the service.
 * @csspart notice - The "this is a request" notice and the "call instead" notice.
 * @csspart phone - The `tel:` link.
 * @csspart form - The form.
 * @csspart error-summary - The list of problems in the form.
 * @csspart reasons - The reason fieldset.
 * @csspart comment - The comment textarea.
 * @csspart count - The character count under the comment.
 * @csspart changed - The "appointment was changed" notice after a conflict.
 * @csspart error - An error message after a failed send.
 * @csspart outcome - The success message.
 * @csspart actions - The row of buttons.
 * @csspart confirm-button - The confirm button.
 * @csspart close-button - The close / "do not cancel" button.
 *
 * @cssprop --omsorg-cancel-dialog-width - Maximum width of the dialog (default 36rem).
 * @cssprop --omsorg-cancel-dialog-background - Dialog background.
 * @cssprop --omsorg-cancel-dialog-backdrop - Colour behind the dialog.
 * @cssprop --omsorg-cancel-dialog-padding - Padding inside the dialog.
 * @cssprop --omsorg-cancel-dialog-border-radius - Corner radius of the dialog.
 */
export class OmsorgCancelDialog extends OmsorgElement {
  static override styles = styles;

  /** The appointment to cancel. */
  @property({ attribute: 'appointment-id' }) appointmentId?: string;

  /** Whose appointment (`me` or a subject id). Default: the client's current subject. */
  @property({ attribute: 'subject-id' }) subjectId?: string;

  /**
   * Whether the dialog is open (attribute `open`). Named `opened` because `open()` is the
   * method that also remembers the trigger.
   */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) opened = false;

  @state() private reason?: string;
  @state() private comment = '';
  @state() private fieldErrors: FieldErrors = {};
  @state() private showErrorSummary = false;
  @state() private countAnnouncement = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  private readonly announcement = new Announcement(this);

  private readonly focusReturn = new FocusReturnController(
    this,
    () => this.shadowRoot?.querySelector<HTMLSlotElement>('slot[name="trigger"]')?.assignedElements({ flatten: true })[0] as HTMLElement | undefined,
  );

  private readonly loader = new AppointmentLoader(this, {
    subject: () => this.effectiveSubject,
    appointmentId: () => this.appointmentId,
    keepShown: () => !!this.intent.changes,
    sending: () => this.intent.busy,
    opened: () => this.opened,
    loadingText: () => this.t.loading,
    errorText: (e) => errorMessage(this.common, e),
    announcement: this.announcement,
  });

  private readonly intent = new CancelIntentController(this, {
    sent: (result, subjectId) => this.sent(result, subjectId),
    fieldErrors: (errors) => this.showFieldErrors(errors),
    changed: (before, now) => {
      const changes = tpl.describeChanges(this.view, before, now ?? before);
      this.intent.set({ changes });
      if (now) this.loader.appointment = now;
      this.announcement.say(`${this.t.changedHeading}. ${changes.join(' ')}`);
      void this.focusById('changed');
    },
    refused: (refusal, before, now) => {
      const t = this.t;
      this.announcement.say(tpl.textOf(refusal === 'deadline-passed' ? t.deadlinePassed(tpl.phoneText(before)) : t.notCancellable(tpl.phoneText(before))));
      void this.focusById('closed');
      if (now) this.loader.appointment = now;
    },
    error: (e) => this.announcement.say(e.kind === 'auth' ? this.common.errorAuth : e.message),
    errorText: (e) => errorMessage(this.common, e),
  });

  // ---- public API -------------------------------------------------------------------------

  /**
   * Opens the dialog. `trigger` gets focus back on close; default: the element focused now
   * (looked up through shadow roots).
   */
  open(trigger?: HTMLElement): void {
    // Closed (Escape) but its queued `close` event has not run yet: finish closing now, so this
    // open is not lost on a dialog that still counts as open.
    if (this.opened && this.dialog && !this.dialog.open) this.onDialogClose();
    this.focusReturn.remember(trigger ?? deepActiveElement());
    this.opened = true;
  }

  /** Closes the dialog; focus returns to the trigger. */
  close(): void {
    this.opened = false;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  protected override clientConnected(client: Client): void {
    this.listen('cleared', () => {
      const s = client.auth.state();
      if (s.status === 'signed-out' && s.reason === 'expired') this.sessionExpired();
      else this.wipe();
    });
    this.listen('subject-changed', () => {
      if (!this.subjectId) this.wipe();
    });
    this.listen('auth-changed', (s) => {
      if (s.status !== 'signed-in' || !this.authFailed) return;
      this.intent.set({ submitError: undefined });
      this.loader.error = undefined;
      if (this.opened && !this.loader.appointment) void this.loader.load(client);
    });
    if (this.dialog?.open) void this.loader.load(client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('appointmentId') && changed.get('appointmentId') !== undefined) this.resetForm();
    if (changed.has('opened') && this.opened && !this.focusReturn.remembered) this.focusReturn.remember(deepActiveElement());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.opened && !dialog.open) {
      // Only an opening that was asked for shows it. Escape closes the native dialog at once and
      // queues its `close` event: a render in between (a load ending, a typed comment) must not
      // open it again, or the close event finds it open, counts itself stale, and Escape is lost.
      if (!this.isConnected || !changed.has('opened')) return;
      dialog.showModal();
      this.shadowRoot?.getElementById('heading')?.focus();
      this.loadNow();
    } else if (!this.opened && dialog.open) {
      dialog.close();
    } else if (changed.has('appointmentId') && this.opened) {
      this.loadNow();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.dialog?.open) this.dialog.close();
  }

  // ---- state ------------------------------------------------------------------------------

  private get effectiveSubject(): string {
    return this.subjectId ?? this.activeClient?.getSubject() ?? 'me';
  }

  private get t(): CancelDialogMessages {
    return this.texts(messages);
  }

  private get view(): tpl.View {
    return { t: this.t, common: this.common, locale: this.locale };
  }

  /** The last send or load failed for want of a (new) sign-in. */
  private get authFailed(): boolean {
    const e = this.loader.error;
    return this.intent.submitError?.kind === 'auth' || e?.kind === 'auth' || e?.status === 401;
  }

  private loadNow = () => {
    const client = this.activeClient;
    if (client) void this.loader.load(client);
  };

  private resetForm(): void {
    this.reason = undefined;
    this.comment = '';
    this.fieldErrors = {};
    this.showErrorSummary = false;
    this.countAnnouncement = '';
    this.intent.reset();
    this.loader.appointment = undefined;
    this.loader.error = undefined;
  }

  /**
   * The session ran out (the SDK wiped its store): drop the appointment's details but keep
   * what the person chose and typed (and the intent's key), in memory only, and ask them to
   * sign in again.
   */
  private sessionExpired(): void {
    this.loader.drop();
    this.loader.appointment = undefined;
    this.loader.error = undefined;
    if (this.intent.phase === 'success') this.resetForm();
    this.intent.set({ phase: 'form', outcome: undefined, changes: undefined, submitError: { kind: 'auth' } });
    if (this.opened) this.announcement.say(this.common.errorAuth);
  }

  /** Sign-out or a new acting-for subject: drop everything, close without a trace. */
  private wipe(): void {
    this.loader.drop();
    this.resetForm();
    this.announcement.say('');
    if (this.opened) this.close();
  }

  // ---- events -----------------------------------------------------------------------------

  private onTriggerClick = (e: Event) => {
    const slot = e.currentTarget as HTMLSlotElement;
    const assigned = slot.assignedElements({ flatten: true });
    const target = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && assigned.includes(n));
    if (!target) return;
    const active = deepActiveElement();
    this.open(active && target.contains(active) ? active : target);
  };

  private onDialogClose = () => {
    // The close event is queued: if the dialog was opened again meanwhile, this one is stale.
    if (this.dialog?.open) return;
    this.opened = false;
    if (this.intent.phase === 'success') this.resetForm();
    else {
      // Keep the draft (reason, comment, the intent's key); the next open reloads the rest.
      this.intent.set({ changes: undefined, refusal: undefined });
      this.fieldErrors = {};
      this.showErrorSummary = false;
      if (this.intent.submitError?.kind !== 'auth') this.intent.set({ submitError: undefined });
    }
    this.announcement.say('');
    this.focusReturn.restore();
  };

  private onReason = (e: Event) => {
    this.reason = (e.target as HTMLInputElement).value;
    if (this.fieldErrors.reason) this.fieldErrors = { ...this.fieldErrors, reason: undefined };
  };

  private onComment = (e: Event) => {
    this.comment = (e.target as HTMLTextAreaElement).value;
    const n = tpl.lengthOf(this.comment);
    if (this.fieldErrors.comment && n <= COMMENT_MAX) this.fieldErrors = { ...this.fieldErrors, comment: undefined };
    // Announced only near the limit, so a screen reader is not interrupted on every keystroke.
    this.countAnnouncement = n >= COMMENT_MAX - 50 ? this.t.count(n, COMMENT_MAX) : '';
  };

  private onSubmit = (e: Event) => {
    e.preventDefault();
    void this.submit();
  };

  private signInAgain = () => {
    void this.activeClient?.auth.signIn({ returnTo: location.href });
  };

  private closeClick = () => this.close();

  private jumpTo = (e: Event, id: string) => {
    e.preventDefault();
    this.shadowRoot?.getElementById(id)?.focus();
  };

  private async focusById(id: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.getElementById(id)?.focus();
  }

  // ---- submit -----------------------------------------------------------------------------

  /** Sends the cancellation. A second call while one is in flight is ignored. */
  private async submit(): Promise<void> {
    const client = this.activeClient;
    const appointment = this.loader.appointment;
    const id = this.appointmentId;
    if (!client || !appointment || !id || tpl.isClosed(appointment, this.intent.refusal)) return;
    await this.intent.submit(client, { subjectId: this.effectiveSubject, appointmentId: id }, appointment, () => this.check());
  }

  /** The person's choice, or (a promise of) undefined while showing what is missing or too long. */
  private check(): Choice | Promise<undefined> {
    const errors: FieldErrors = {};
    if (!this.reason) errors.reason = 'reason-required';
    if (tpl.lengthOf(this.comment) > COMMENT_MAX) errors.comment = 'comment-too-long';
    if (errors.reason || errors.comment) return this.showFieldErrors(errors).then(() => undefined);
    this.fieldErrors = {};
    this.showErrorSummary = false;
    this.announcement.say(this.t.sending);
    return { reason: this.reason!, comment: this.comment };
  }

  private async showFieldErrors(errors: FieldErrors): Promise<void> {
    this.fieldErrors = errors;
    this.showErrorSummary = true;
    this.announcement.say(this.t.errorSummary(Object.values(errors).filter(Boolean).length));
    await this.updateComplete;
    const first = errors.reason ? this.shadowRoot?.querySelector<HTMLInputElement>('input[name="reason"]') : this.shadowRoot?.getElementById('comment');
    first?.focus();
  }

  private sent(result: Appointment, subjectId: string): void {
    this.loader.appointment = result;
    this.reason = undefined;
    this.comment = '';
    this.countAnnouncement = '';
    this.announcement.say(result.status === 'cancellation-requested' ? this.t.successRequest : this.t.successFinal);
    this.dispatchEvent(new AppointmentCancelledEvent({ appointmentId: result.id, subjectId, status: result.status }));
    // Closed while sending: the outcome is told by the event and the list; start afresh next time.
    if (!this.opened) this.resetForm();
    else void this.focusById('outcome');
  }

  // ---- render -----------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.t;
    const a = this.loader.appointment;
    const request = a?.cancellationPolicy.mode === 'request';
    return html`
      <slot name="trigger" @click=${this.onTriggerClick}></slot>
      <dialog part="dialog" aria-labelledby="heading" aria-describedby="summary" @close=${this.onDialogClose}>
        <div class="body">
          <h2 id="heading" part="heading" tabindex="-1">${request ? t.headingRequest : t.heading}</h2>
          ${this.opened ? this.renderContent(a) : nothing}
          <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement.text}</div>
        </div>
      </dialog>
    `;
  }

  private renderContent(a: Appointment | undefined) {
    const v = this.view;
    const t = v.t;
    const intent = this.intent;
    if (!a) {
      const loadError = this.loader.error;
      if (this.authFailed) {
        return html`<div id="summary">${tpl.renderAuthError(v, this.signInAgain)}</div>
          ${tpl.actions(tpl.closeButton(t.close, this.closeClick))}`;
      }
      if (loadError || !this.appointmentId) {
        return html`
          <div id="summary" class="error" part="error">
            <p>${loadError ? errorMessage(this.common, loadError) : this.common.errorNotFound}</p>
            ${loadError ? html`<button type="button" @click=${this.loadNow}>${this.common.retry}</button>` : nothing}
          </div>
          ${tpl.actions(tpl.closeButton(t.close, this.closeClick))}
        `;
      }
      return tpl.renderLoading(v);
    }
    if (intent.phase === 'success' && intent.outcome) return tpl.renderSuccess(v, intent.outcome, this.closeClick);
    const closed = tpl.isClosed(a, intent.refusal);
    return html`
      ${tpl.renderSummary(v, a, closed)} ${intent.changes ? tpl.renderChanges(v, intent.changes, !closed) : nothing}
      ${closed
        ? tpl.renderClosed(v, a, intent.refusal, this.closeClick)
        : tpl.renderForm(v, a, {
            reason: this.reason,
            comment: this.comment,
            errors: this.fieldErrors,
            showSummary: this.showErrorSummary,
            sending: intent.phase === 'sending',
            countAnnouncement: this.countAnnouncement,
            submitError: tpl.renderSubmitError(v, intent.submitError, () => void this.submit(), this.signInAgain),
            onSubmit: this.onSubmit,
            onReason: this.onReason,
            onComment: this.onComment,
            jumpTo: this.jumpTo,
            close: this.closeClick,
          })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-cancel-dialog': OmsorgCancelDialog;
  }
}
