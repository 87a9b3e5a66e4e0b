import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { cancellationReasons, labelFor, problemTypes, type Appointment } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { OmsorgElement } from '../internal/base.js';
import { errorMessage } from '../internal/messages.js';
import { formatDay, formatTime, parseInstant } from '../internal/format.js';
import { AppointmentCancelledEvent } from '../internal/events.js';
import { messages, COMMENT_MAX, type CancelDialogMessages } from './cancel-dialog.messages.js';
import { styles } from './cancel-dialog.styles.js';

type Phase = 'form' | 'sending' | 'success';
type FieldError = 'reason-required' | 'reason-unknown' | 'comment-too-long' | 'comment-invalid';
type SubmitError = { kind: 'auth' } | { kind: 'retry' | 'final'; message: string };
/** Why the server refused to cancel (409): shown like a closed appointment. */
type Refusal = 'deadline-passed' | 'not-cancellable';

/** What an `OmsorgError` looks like here (duck-typed: a second SDK copy may throw it). */
interface ErrorLike {
  kind?: string;
  status?: number;
  type?: string;
  problem?: { errors?: Array<{ pointer?: string; code?: string }> };
}

const asError = (e: unknown): ErrorLike => (e && typeof e === 'object' ? (e as ErrorLike) : {});

/** Length as the server counts it (code points), so an emoji is one character, not two. */
const lengthOf = (s: string) => [...s].length;

/** A `tel:` target from untrusted text: digits and one leading `+`, else nothing. */
export function telHref(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return undefined;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** The deepest focused element, through open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a instanceof HTMLElement && a !== document.body ? a : undefined;
}

function focusIfPossible(el: HTMLElement | null | undefined): boolean {
  if (!el || !el.isConnected) return false;
  el.focus();
  return deepActiveElement() === el;
}

/**
 * Confirms the cancellation of one appointment: shows what is being cancelled, the deadline
 * and what it means, asks for a reason, and sends one cancellation per user intent (the same
 * Idempotency-Key on every retry). Past the deadline it shows the number to call instead.
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

  @state() private appointment?: Appointment;
  @state() private loadError?: ErrorLike;
  @state() private reason?: string;
  @state() private comment = '';
  @state() private fieldErrors: { reason?: FieldError; comment?: FieldError } = {};
  @state() private showErrorSummary = false;
  @state() private phase: Phase = 'form';
  @state() private submitError?: SubmitError;
  @state() private refusal?: Refusal;
  @state() private changes?: string[];
  @state() private outcome?: Appointment;
  @state() private announcement = '';
  @state() private countAnnouncement = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The Idempotency-Key of the current intent, its payload, and whether the server answered a failure. */
  private intentKey?: string;
  private intentPayload?: string;
  private intentAnswered = false;
  /** Synchronous guard against a double submit (a disabled-looking button is not enough). */
  private inFlight = false;
  private loadSeq = 0;
  /** What `load` last put in the status region, so it replaces only its own words. */
  private loadAnnouncement?: string;

  private returnTarget?: HTMLElement;
  private returnRoot?: Document | ShadowRoot;
  private returnId?: string;

  // ---- public API -------------------------------------------------------------------------

  /**
   * Opens the dialog. `trigger` gets focus back on close; default: the element focused now
   * (looked up through shadow roots).
   */
  open(trigger?: HTMLElement): void {
    // Closed (Escape) but its queued `close` event has not run yet: finish closing now, so this
    // open is not lost on a dialog that still counts as open.
    if (this.opened && this.dialog && !this.dialog.open) this.onDialogClose();
    this.rememberTrigger(trigger ?? deepActiveElement());
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
      const authError = this.submitError?.kind === 'auth' || this.loadError?.kind === 'auth' || this.loadError?.status === 401;
      if (s.status !== 'signed-in' || !authError) return;
      this.submitError = undefined;
      this.loadError = undefined;
      if (this.opened && !this.appointment) void this.load(client);
    });
    if (this.dialog?.open) void this.load(client);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('appointmentId') && changed.get('appointmentId') !== undefined) this.resetForm();
    if (changed.has('opened') && this.opened && !this.returnTarget) this.rememberTrigger(deepActiveElement());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.opened && !dialog.open) {
      if (!this.isConnected) return;
      dialog.showModal();
      this.focusHeading();
      const client = this.activeClient;
      if (client) void this.load(client);
    } else if (!this.opened && dialog.open) {
      dialog.close();
    } else if (changed.has('appointmentId') && this.opened) {
      const client = this.activeClient;
      if (client) void this.load(client);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.dialog?.open) this.dialog.close();
  }

  // ---- data -------------------------------------------------------------------------------

  private get effectiveSubject(): string {
    return this.subjectId ?? this.activeClient?.getSubject() ?? 'me';
  }

  private async load(client: Client): Promise<void> {
    const id = this.appointmentId;
    if (!id) return;
    const seq = ++this.loadSeq;
    const cached = client.cachedAppointment(id);
    if (cached && !this.changes) this.appointment = cached;
    this.loadError = undefined;
    if (!this.appointment) void this.announceLoading(seq);
    try {
      const fresh = await client.getAppointment(this.effectiveSubject, id, { fresh: true });
      // A send in flight compares against what the person saw; do not swap it underneath.
      if (seq === this.loadSeq && !this.inFlight) this.appointment = fresh;
      if (seq === this.loadSeq) this.announceLoad('');
    } catch (e) {
      if (seq === this.loadSeq && !this.appointment) {
        this.loadError = asError(e);
        // Not an alert: the dialog stays usable (try again, close).
        this.announceLoad(errorMessage(this.common, this.loadError));
      } else if (seq === this.loadSeq) this.announceLoad('');
    }
  }

  /**
   * "Loading" politely, once per load with nothing to show yet, after the render that shows the
   * skeleton (the dialog and its status region are open before the text arrives).
   */
  private async announceLoading(seq: number): Promise<void> {
    await this.updateComplete;
    if (seq === this.loadSeq && this.opened && !this.appointment && !this.loadError) this.announceLoad(this.m.loading);
  }

  /** Replaces what the load said (never what a send or a form error said). */
  private announceLoad(text: string): void {
    if (this.announcement && this.announcement !== this.loadAnnouncement) return;
    this.announcement = text;
    this.loadAnnouncement = text || undefined;
  }

  private retryLoad = () => {
    const client = this.activeClient;
    if (client) void this.load(client);
  };

  // ---- focus ------------------------------------------------------------------------------

  private rememberTrigger(el: HTMLElement | undefined): void {
    if (!el || this.shadowRoot?.contains(el)) return;
    this.returnTarget = el;
    const root = el.getRootNode();
    this.returnRoot = root instanceof ShadowRoot || root instanceof Document ? root : undefined;
    this.returnId = el.id || undefined;
  }

  /**
   * Back to the trigger; if a re-render replaced it, to the element with its id in the same
   * root; then to the host of the trigger's shadow root (the appointment list); then to our
   * own slotted trigger; last to this element itself.
   */
  private restoreFocus(): void {
    const target = this.returnTarget;
    const root = this.returnRoot;
    const id = this.returnId;
    this.returnTarget = this.returnRoot = this.returnId = undefined;
    if (focusIfPossible(target)) return;
    if (id && root && 'getElementById' in root && focusIfPossible(root.getElementById(id) as HTMLElement | null)) return;
    if (root instanceof ShadowRoot && focusIfPossible(root.host as HTMLElement)) return;
    const slotted = this.shadowRoot?.querySelector<HTMLSlotElement>('slot[name="trigger"]')?.assignedElements({ flatten: true })[0];
    if (focusIfPossible(slotted as HTMLElement | undefined)) return;
    if (!this.hasAttribute('tabindex')) this.setAttribute('tabindex', '-1');
    this.focus();
  }

  private focusHeading(): void {
    this.shadowRoot?.getElementById('heading')?.focus();
  }

  private async focusById(id: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.getElementById(id)?.focus();
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
    if (this.phase === 'success') this.resetForm();
    else {
      // Keep the draft (reason, comment, the intent's key); the next open reloads the rest.
      this.changes = undefined;
      this.refusal = undefined;
      this.fieldErrors = {};
      this.showErrorSummary = false;
      if (this.submitError?.kind !== 'auth') this.submitError = undefined;
    }
    this.announcement = '';
    this.restoreFocus();
  };

  private onReason = (e: Event) => {
    this.reason = (e.target as HTMLInputElement).value;
    if (this.fieldErrors.reason) this.fieldErrors = { ...this.fieldErrors, reason: undefined };
  };

  private onComment = (e: Event) => {
    this.comment = (e.target as HTMLTextAreaElement).value;
    const n = lengthOf(this.comment);
    if (this.fieldErrors.comment && n <= COMMENT_MAX) this.fieldErrors = { ...this.fieldErrors, comment: undefined };
    // Announced only near the limit, so a screen reader is not interrupted on every keystroke.
    this.countAnnouncement = n >= COMMENT_MAX - 50 ? this.m.count(n, COMMENT_MAX) : '';
  };

  private onSubmit = (e: Event) => {
    e.preventDefault();
    void this.submit();
  };

  private signInAgain = () => {
    void this.activeClient?.auth.signIn({ returnTo: location.href });
  };

  // ---- submit -----------------------------------------------------------------------------

  private validate(): { reason?: FieldError; comment?: FieldError } {
    const errors: { reason?: FieldError; comment?: FieldError } = {};
    if (!this.reason) errors.reason = 'reason-required';
    if (lengthOf(this.comment) > COMMENT_MAX) errors.comment = 'comment-too-long';
    return errors;
  }

  private async showFieldErrors(errors: { reason?: FieldError; comment?: FieldError }): Promise<void> {
    this.fieldErrors = errors;
    this.showErrorSummary = true;
    const n = Object.values(errors).filter(Boolean).length;
    this.announcement = this.m.errorSummary(n);
    await this.updateComplete;
    const first = errors.reason ? this.shadowRoot?.querySelector<HTMLInputElement>('input[name="reason"]') : this.shadowRoot?.getElementById('comment');
    first?.focus();
  }

  /** Sends the cancellation. A second call while one is in flight is ignored. */
  private async submit(): Promise<void> {
    if (this.inFlight || this.phase !== 'form') return;
    const client = this.activeClient;
    const appointment = this.appointment;
    const id = this.appointmentId;
    if (!client || !appointment || !id || this.isClosed(appointment)) return;
    this.inFlight = true;
    try {
      const errors = this.validate();
      if (errors.reason || errors.comment) {
        await this.showFieldErrors(errors);
        return;
      }
      this.fieldErrors = {};
      this.showErrorSummary = false;
      const reason = this.reason!;
      const comment = this.comment.trim();
      const payload = JSON.stringify([reason, comment]);
      // One key per intent: made on the first press, reused on retries; a new one only when
      // the person changed what they send after the server answered a failure.
      if (!this.intentKey || (this.intentAnswered && payload !== this.intentPayload)) {
        this.intentKey = client.newIdempotencyKey();
        this.intentAnswered = false;
      }
      this.intentPayload = payload;
      const subjectId = this.effectiveSubject;
      this.phase = 'sending';
      this.submitError = undefined;
      this.announcement = this.m.sending;
      try {
        const result = await client.cancelAppointment({
          subjectId,
          appointmentId: id,
          version: appointment.version,
          reason: { system: cancellationReasons.system, code: reason },
          ...(comment ? { comment } : {}),
          idempotencyKey: this.intentKey,
        });
        this.succeeded(result, subjectId);
      } catch (e) {
        this.phase = 'form';
        await this.failed(client, asError(e), appointment);
      }
    } finally {
      this.inFlight = false;
    }
  }

  private succeeded(result: Appointment, subjectId: string): void {
    this.outcome = result;
    this.appointment = result;
    this.phase = 'success';
    this.changes = undefined;
    this.intentKey = this.intentPayload = undefined;
    this.reason = undefined;
    this.comment = '';
    this.countAnnouncement = '';
    this.announcement = result.status === 'cancellation-requested' ? this.m.successRequest : this.m.successFinal;
    this.dispatchEvent(new AppointmentCancelledEvent({ appointmentId: result.id, subjectId, status: result.status }));
    // Closed while sending: the outcome is told by the event and the list; start afresh next time.
    if (!this.opened) this.resetForm();
    else void this.focusById('outcome');
  }

  private async failed(client: Client, err: ErrorLike, before: Appointment): Promise<void> {
    const m = this.m;
    const type = err.type;
    if (err.kind === 'auth' || err.status === 401) {
      // Nothing typed is lost: reason and comment stay; the same key is reused after sign-in.
      this.submitError = { kind: 'auth' };
      this.announcement = this.common.errorAuth;
      return;
    }
    if (err.status === 412 || type === problemTypes.preconditionFailed) {
      // The SDK has refetched into its store; compare what the person saw with what is there now.
      let now = client.cachedAppointment(before.id);
      if (!now || now.version === before.version) {
        now = await client.getAppointment(this.effectiveSubject, before.id, { fresh: true }).catch(() => now);
      }
      this.intentKey = this.intentPayload = undefined;
      this.changes = this.describeChanges(before, now ?? before);
      if (now) this.appointment = now;
      this.announcement = `${m.changedHeading}. ${this.changes.join(' ')}`;
      void this.focusById('changed');
      return;
    }
    this.intentAnswered = err.kind !== 'network';
    if (err.status === 409 || type === problemTypes.deadlinePassed || type === problemTypes.notCancellable) {
      this.refusal = type === problemTypes.notCancellable ? 'not-cancellable' : 'deadline-passed';
      this.announcement = this.refusal === 'deadline-passed' ? this.textOf(m.deadlinePassed(this.phoneText(before))) : this.textOf(m.notCancellable(this.phoneText(before)));
      void this.focusById('closed');
      // Refresh what is shown (the phone number may have changed too).
      const fresh = await client.getAppointment(this.effectiveSubject, before.id, { fresh: true }).catch(() => undefined);
      if (fresh) this.appointment = fresh;
      return;
    }
    if (err.status === 400 && (type === problemTypes.validation || err.problem?.errors?.length)) {
      const errors: { reason?: FieldError; comment?: FieldError } = {};
      for (const fe of err.problem?.errors ?? []) {
        const pointer = fe.pointer ?? '';
        if (pointer.startsWith('/reason')) errors.reason = fe.code === 'required' ? 'reason-required' : 'reason-unknown';
        else if (pointer.startsWith('/comment')) errors.comment = fe.code === 'too-long' ? 'comment-too-long' : 'comment-invalid';
      }
      if (errors.reason || errors.comment) {
        await this.showFieldErrors(errors);
        return;
      }
    }
    if (err.status === 422 && type === problemTypes.idempotencyKeyReused) {
      // An earlier try with this key carried other content: this is a new intent.
      this.intentKey = this.intentPayload = undefined;
    }
    const retryable = err.kind === 'network' || err.kind === 'invalid-response' || (err.status ?? 0) >= 500 || err.status === 429 || err.status === 408 || err.status === 422;
    this.submitError = { kind: retryable ? 'retry' : 'final', message: errorMessage(this.common, err) };
    this.announcement = this.submitError.message;
  }

  private describeChanges(before: Appointment, after: Appointment): string[] {
    const m = this.m;
    const out: string[] = [];
    if (before.start !== after.start || before.end !== after.end || before.timing !== after.timing) out.push(m.changedTime(this.whenText(after)));
    if (before.status !== after.status) out.push(m.changedStatus(m.status[after.status] ?? this.common.unknownCode));
    if (before.cancellationPolicy.cancellable && !after.cancellationPolicy.cancellable) out.push(m.changedNoLonger);
    if (out.length === 0) out.push(m.changedOther);
    return out;
  }

  // ---- state helpers ----------------------------------------------------------------------

  private isClosed(a: Appointment): boolean {
    if (this.refusal) return true;
    if (!a.cancellationPolicy.cancellable) return true;
    const deadline = parseInstant(a.cancellationPolicy.deadline);
    return !!deadline && deadline.getTime() <= Date.now();
  }

  private resetForm(): void {
    this.reason = undefined;
    this.comment = '';
    this.fieldErrors = {};
    this.showErrorSummary = false;
    this.phase = 'form';
    this.submitError = undefined;
    this.refusal = undefined;
    this.changes = undefined;
    this.outcome = undefined;
    this.countAnnouncement = '';
    this.intentKey = this.intentPayload = undefined;
    this.intentAnswered = false;
    this.appointment = undefined;
    this.loadError = undefined;
  }

  /**
   * The session ran out (the SDK wiped its store): drop the appointment's details but keep
   * what the person chose and typed, in memory only, and ask them to sign in again.
   */
  private sessionExpired(): void {
    this.loadSeq++;
    this.appointment = undefined;
    this.outcome = undefined;
    this.changes = undefined;
    this.loadError = undefined;
    if (this.phase === 'success') this.resetForm();
    this.phase = 'form';
    this.submitError = { kind: 'auth' };
    if (this.opened) this.announcement = this.common.errorAuth;
  }

  /** Sign-out or a new acting-for subject: drop everything, close without a trace. */
  private wipe(): void {
    this.loadSeq++;
    this.resetForm();
    this.announcement = '';
    if (this.opened) this.close();
  }

  private get m(): CancelDialogMessages {
    return this.texts(messages);
  }

  private whenText(a: Appointment): string {
    const m = this.m;
    const start = parseInstant(a.start);
    const end = parseInstant(a.end);
    if (!start) return this.common.unknownCode;
    const day = formatDay(start, this.locale);
    const time = a.timing === 'window' && end ? m.windowTime(formatTime(start, this.locale), formatTime(end, this.locale)) : m.exactTime(formatTime(start, this.locale));
    return `${day}, ${time}`;
  }

  private phoneText(a: Appointment): string {
    return a.cancellationPolicy.phone || a.careService.phone || '';
  }

  /** Plain text of a message template (for the live region). */
  private textOf(t: TemplateResult): string {
    return t.strings.reduce((acc, s, i) => acc + s + (i < t.values.length ? String(t.values[i] ?? '') : ''), '');
  }

  private errorText(e: FieldError): string {
    const m = this.m;
    switch (e) {
      case 'reason-required':
        return m.errorReasonRequired;
      case 'reason-unknown':
        return m.errorReasonUnknown;
      case 'comment-too-long':
        return m.errorCommentTooLong(lengthOf(this.comment), COMMENT_MAX);
      case 'comment-invalid':
        return m.errorCommentInvalid;
    }
  }

  // ---- render -----------------------------------------------------------------------------

  override render() {
    const m = this.m;
    const a = this.appointment;
    const request = a?.cancellationPolicy.mode === 'request';
    return html`
      <slot name="trigger" @click=${this.onTriggerClick}></slot>
      <dialog part="dialog" aria-labelledby="heading" aria-describedby="summary" @close=${this.onDialogClose}>
        <div class="body">
          <h2 id="heading" part="heading" tabindex="-1">${request ? m.headingRequest : m.heading}</h2>
          ${this.opened ? this.renderContent(a) : nothing}
          <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        </div>
      </dialog>
    `;
  }

  private renderContent(a: Appointment | undefined) {
    const m = this.m;
    if (!a) {
      if (this.submitError?.kind === 'auth' || this.loadError?.kind === 'auth' || this.loadError?.status === 401) {
        return html`
          <div id="summary">${this.renderAuthError()}</div>
          <div class="actions" part="actions">${this.closeButton(m.close)}</div>
        `;
      }
      if (this.loadError || !this.appointmentId) {
        return html`
          <div id="summary" class="error" part="error">
            <p>${this.loadError ? errorMessage(this.common, this.loadError) : this.common.errorNotFound}</p>
            ${this.loadError ? html`<button type="button" @click=${this.retryLoad}>${this.common.retry}</button>` : nothing}
          </div>
          <div class="actions" part="actions">${this.closeButton(m.close)}</div>
        `;
      }
      return html`
        <div id="summary" aria-busy="true">
          <span class="visually-hidden">${m.loading}</span>
          <span class="skeleton line"></span>
          <span class="skeleton line short"></span>
          <span class="skeleton block"></span>
        </div>
      `;
    }
    if (this.phase === 'success' && this.outcome) return this.renderSuccess(this.outcome);
    const closed = this.isClosed(a);
    return html`
      ${this.renderSummary(a, closed)} ${this.changes ? this.renderChanges() : nothing}
      ${closed ? this.renderClosed(a) : this.renderForm(a)}
    `;
  }

  private renderSummary(a: Appointment, closed: boolean) {
    const m = this.m;
    const service = labelFor(a.serviceType, this.locale) ?? this.common.unknownCode;
    const deadline = parseInstant(a.cancellationPolicy.deadline);
    return html`
      <div id="summary" part="summary">
        <h3 class="visually-hidden">${m.what}</h3>
        <dl class="what">
          <div><dt>${m.service}</dt><dd>${service}</dd></div>
          <div><dt>${m.when}</dt><dd>${this.whenText(a)}</dd></div>
          <div><dt>${m.careService}</dt><dd><bdi>${a.careService.name}</bdi></dd></div>
        </dl>
        ${!closed && deadline ? html`<p class="deadline">${m.deadline(formatDay(deadline, this.locale), formatTime(deadline, this.locale))}</p>` : nothing}
        ${!closed && a.cancellationPolicy.mode === 'request' ? html`<p class="notice" part="notice">${m.requestNotice}</p>` : nothing}
      </div>
      ${!closed && a.cancellationPolicy.consequence
        ? html`<div class="consequence" part="consequence">
            <h3>${m.consequenceHeading}</h3>
            <p><bdi>${a.cancellationPolicy.consequence}</bdi></p>
          </div>`
        : nothing}
    `;
  }

  private renderChanges() {
    const m = this.m;
    return html`
      <div id="changed" class="notice changed" part="changed" tabindex="-1">
        <h3>${m.changedHeading}</h3>
        <ul>
          ${this.changes!.map((c) => html`<li>${c}</li>`)}
        </ul>
        ${this.appointment && !this.isClosed(this.appointment) ? html`<p>${m.changedConfirmAgain}</p>` : nothing}
      </div>
    `;
  }

  private renderClosed(a: Appointment) {
    const m = this.m;
    const phone = this.phoneText(a);
    const href = telHref(phone);
    const phoneLink = href ? html`<a part="phone" href=${href}><bdi>${phone}</bdi></a>` : html`<bdi>${phone}</bdi>`;
    let text: TemplateResult | string;
    if (a.status === 'cancelled') text = m.alreadyCancelled;
    else if (a.status === 'cancellation-requested') text = m.alreadyRequested;
    else if (this.refusal === 'not-cancellable') text = m.notCancellable(phoneLink);
    else {
      const deadline = parseInstant(a.cancellationPolicy.deadline);
      const passed = this.refusal === 'deadline-passed' || (!!deadline && deadline.getTime() <= Date.now());
      text = passed ? m.deadlinePassed(phoneLink) : m.notCancellable(phoneLink);
    }
    return html`
      <p id="closed" class="notice" part="notice" tabindex="-1">${text}</p>
      <div class="actions" part="actions">${this.closeButton(m.close)}</div>
    `;
  }

  private renderForm(a: Appointment) {
    const m = this.m;
    const request = a.cancellationPolicy.mode === 'request';
    const errs = this.fieldErrors;
    const n = lengthOf(this.comment);
    const sending = this.phase === 'sending';
    const reasonDescribedBy = errs.reason ? 'reason-error' : undefined;
    const commentDescribedBy = ['comment-hint', 'count', errs.comment ? 'comment-error' : ''].filter(Boolean).join(' ');
    const summaryItems = [
      errs.reason ? { href: 'reason-first', text: this.errorText(errs.reason) } : undefined,
      errs.comment ? { href: 'comment', text: this.errorText(errs.comment) } : undefined,
    ].filter((x): x is { href: string; text: string } => !!x);
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        ${this.showErrorSummary && summaryItems.length
          ? html`<div class="error error-summary" part="error-summary">
              <h3>${m.errorSummary(summaryItems.length)}</h3>
              <ul>
                ${summaryItems.map(
                  (i) => html`<li><a href=${`#${i.href}`} @click=${(e: Event) => this.jumpTo(e, i.href)}>${i.text}</a></li>`,
                )}
              </ul>
            </div>`
          : nothing}
        <fieldset part="reasons" class=${errs.reason ? 'invalid' : ''} aria-describedby=${reasonDescribedBy ?? nothing}>
          <legend>${m.reasonLegend} <span class="hint">${m.required}</span></legend>
          ${errs.reason ? html`<p id="reason-error" class="field-error">${this.errorText(errs.reason)}</p>` : nothing}
          ${Object.keys(cancellationReasons.codes).map(
            (code, i) => html`
              <div class="radio">
                <input
                  type="radio"
                  name="reason"
                  id=${i === 0 ? 'reason-first' : `reason-${code}`}
                  .value=${code}
                  .checked=${this.reason === code}
                  aria-invalid=${errs.reason ? 'true' : nothing}
                  aria-describedby=${reasonDescribedBy ?? nothing}
                  @change=${this.onReason}
                />
                <label for=${i === 0 ? 'reason-first' : `reason-${code}`}>${labelFor({ system: cancellationReasons.system, code }, this.locale)}</label>
              </div>
            `,
          )}
        </fieldset>
        <div class="field">
          <label for="comment">${m.commentLabel} <span class="hint">${m.optional}</span></label>
          <p id="comment-hint" class="hint">${m.commentHint}</p>
          ${errs.comment ? html`<p id="comment-error" class="field-error">${this.errorText(errs.comment)}</p>` : nothing}
          <textarea
            id="comment"
            part="comment"
            rows="4"
            .value=${this.comment}
            aria-invalid=${errs.comment ? 'true' : nothing}
            aria-describedby=${commentDescribedBy}
            @input=${this.onComment}
          ></textarea>
          <p id="count" part="count" class=${n > COMMENT_MAX ? 'count over' : 'count'}>${m.count(n, COMMENT_MAX)}</p>
          <div class="visually-hidden" aria-live="polite">${this.countAnnouncement}</div>
        </div>
        ${this.renderSubmitError()}
        <div class="actions" part="actions">
          <button type="submit" part="confirm-button" aria-disabled=${sending ? 'true' : 'false'}>
            ${sending ? m.sending : request ? m.confirmRequest : m.confirm}
          </button>
          ${this.closeButton(m.keep)}
        </div>
      </form>
    `;
  }

  private renderSubmitError() {
    const e = this.submitError;
    if (!e) return nothing;
    if (e.kind === 'auth') return this.renderAuthError();
    return html`<div class="error" part="error">
      <p>${e.message}</p>
      ${e.kind === 'retry' ? html`<button type="button" class="secondary" data-retry @click=${() => void this.submit()}>${this.common.retry}</button>` : nothing}
    </div>`;
  }

  private renderAuthError() {
    return html`<div class="error" part="error">
      <p>${this.common.errorAuth}</p>
      <button type="button" class="secondary" @click=${this.signInAgain}>${this.m.signInAgain}</button>
    </div>`;
  }

  private renderSuccess(result: Appointment) {
    const m = this.m;
    return html`
      <div id="summary" part="summary">
        <dl class="what">
          <div><dt>${m.service}</dt><dd>${labelFor(result.serviceType, this.locale) ?? this.common.unknownCode}</dd></div>
          <div><dt>${m.when}</dt><dd>${this.whenText(result)}</dd></div>
        </dl>
      </div>
      <p id="outcome" class="outcome" part="outcome" tabindex="-1">
        ${result.status === 'cancellation-requested' ? m.successRequest : m.successFinal}
      </p>
      <div class="actions" part="actions">${this.closeButton(m.close)}</div>
    `;
  }

  private closeButton(label: string) {
    return html`<button type="button" class="secondary" part="close-button" @click=${() => this.close()}>${label}</button>`;
  }

  private jumpTo(e: Event, id: string): void {
    e.preventDefault();
    this.shadowRoot?.getElementById(id)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-cancel-dialog': OmsorgCancelDialog;
  }
}
