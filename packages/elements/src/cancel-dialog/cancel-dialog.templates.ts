/**
 * The cancel dialog's markup, as functions of what it shows. The element decides what to show;
 * these say how. Untrusted text (care service, consequence, phone) only through text bindings,
 * inside `<bdi>`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { cancellationReasons, labelIn, serviceLabel, type Appointment } from '@omsorg/contract';
import { formatDay, formatTime, parseInstant } from '../internal/format.js';
import type { Locale } from '../internal/locale.js';
import type { CommonMessages } from '../internal/messages.js';
import { telHref } from '../internal/phone.js';
import { openingHoursIn, pageSettings } from '../internal/settings.js';
import type { CancelDialogMessages } from './cancel-dialog.messages.js';
import { COMMENT_MAX, type FieldError, type FieldErrors, type Refusal, type SubmitError } from './cancel-intent.js';

/** The texts and language a template needs. */
export interface View {
  t: CancelDialogMessages;
  common: CommonMessages;
  locale: Locale;
}

/** Length as the server counts it (code points), so an emoji is one character, not two. */
export const lengthOf = (s: string) => [...s].length;

/** Plain text of a message template (for the live region). */
export const textOf = (t: TemplateResult): string =>
  t.strings.reduce((acc, s, i) => acc + s + (i < t.values.length ? String(t.values[i] ?? '') : ''), '');

/** The number to call: the cancellation's, the service's, else the municipality's (its configuration file). */
export const phoneText = (a: Appointment): string => a.cancellationPolicy.phone || a.careService.phone || pageSettings().contact?.phone || '';

/** The municipality's opening hours after its number, when that is the number shown. */
const hoursAfter = (v: View, a: Appointment): unknown => {
  if (a.cancellationPolicy.phone || a.careService.phone) return nothing;
  const hours = openingHoursIn(v.locale);
  return hours ? html` <bdi>${v.t.openingHours(hours)}</bdi>` : nothing;
};

/** Cancelled, requested, refused by the server, not cancellable, or past the deadline. */
export function isClosed(a: Appointment, refusal: Refusal | undefined): boolean {
  if (refusal) return true;
  if (!a.cancellationPolicy.cancellable) return true;
  const deadline = parseInstant(a.cancellationPolicy.deadline);
  return !!deadline && deadline.getTime() <= Date.now();
}

export function whenText(v: View, a: Appointment): string {
  const start = parseInstant(a.start);
  const end = parseInstant(a.end);
  if (!start) return v.common.unknownCode;
  const day = formatDay(start, v.locale);
  const time = a.timing === 'window' && end ? v.t.windowTime(formatTime(start, v.locale), formatTime(end, v.locale)) : v.t.exactTime(formatTime(start, v.locale));
  return `${day}, ${time}`;
}

export function describeChanges(v: View, before: Appointment, after: Appointment): string[] {
  const { t } = v;
  const out: string[] = [];
  if (before.start !== after.start || before.end !== after.end || before.timing !== after.timing) out.push(t.changedTime(whenText(v, after)));
  if (before.status !== after.status) out.push(t.changedStatus(t.status[after.status] ?? v.common.unknownCode));
  if (before.cancellationPolicy.cancellable && !after.cancellationPolicy.cancellable) out.push(t.changedNoLonger);
  if (out.length === 0) out.push(t.changedOther);
  return out;
}

export function fieldErrorText(v: View, e: FieldError, comment: string): string {
  switch (e) {
    case 'reason-required':
      return v.t.errorReasonRequired;
    case 'reason-unknown':
      return v.t.errorReasonUnknown;
    case 'comment-too-long':
      return v.t.errorCommentTooLong(lengthOf(comment), COMMENT_MAX);
    case 'comment-invalid':
      return v.t.errorCommentInvalid;
  }
}

export const closeButton = (label: string, close: () => void) =>
  html`<button type="button" class="secondary" part="close-button" @click=${close}>${label}</button>`;

export const actions = (content: unknown) => html`<div class="actions" part="actions">${content}</div>`;

export function renderLoading(v: View): TemplateResult {
  return html`
    <div id="summary" aria-busy="true">
      <span class="visually-hidden">${v.t.loading}</span>
      <span class="skeleton line"></span>
      <span class="skeleton line short"></span>
      <span class="skeleton block"></span>
    </div>
  `;
}

export function renderAuthError(v: View, signIn: () => void): TemplateResult {
  return html`<div class="error" part="error">
    <p>${v.common.errorAuth}</p>
    <button type="button" class="secondary" @click=${signIn}>${v.t.signInAgain}</button>
  </div>`;
}

export function renderSubmitError(v: View, e: SubmitError | undefined, retry: () => void, signIn: () => void) {
  if (!e) return nothing;
  if (e.kind === 'auth') return renderAuthError(v, signIn);
  return html`<div class="error" part="error">
    <p>${e.message}</p>
    ${e.kind === 'retry' ? html`<button type="button" class="secondary" data-retry @click=${retry}>${v.common.retry}</button>` : nothing}
  </div>`;
}

export function renderSummary(v: View, a: Appointment, closed: boolean): TemplateResult {
  const { t } = v;
  const service = serviceLabel(a.serviceType, v.locale) ?? v.common.unknownCode;
  const deadline = parseInstant(a.cancellationPolicy.deadline);
  return html`
    <div id="summary" part="summary">
      <h3 class="visually-hidden">${t.what}</h3>
      <dl class="what">
        <div><dt>${t.service}</dt><dd>${service}</dd></div>
        <div><dt>${t.when}</dt><dd>${whenText(v, a)}</dd></div>
        <div><dt>${t.careService}</dt><dd><bdi>${a.careService.name}</bdi></dd></div>
      </dl>
      ${!closed && deadline ? html`<p class="deadline">${t.deadline(formatDay(deadline, v.locale), formatTime(deadline, v.locale))}</p>` : nothing}
      ${!closed && a.cancellationPolicy.mode === 'request' ? html`<p class="notice" part="notice">${t.requestNotice}</p>` : nothing}
    </div>
    ${!closed && a.cancellationPolicy.consequence
      ? html`<div class="consequence" part="consequence">
          <h3>${t.consequenceHeading}</h3>
          <p><bdi>${a.cancellationPolicy.consequence}</bdi></p>
        </div>`
      : nothing}
  `;
}

export function renderChanges(v: View, changes: string[], confirmAgain: boolean): TemplateResult {
  return html`
    <div id="changed" class="notice changed" part="changed" tabindex="-1">
      <h3>${v.t.changedHeading}</h3>
      <ul>
        ${changes.map((c) => html`<li>${c}</li>`)}
      </ul>
      ${confirmAgain ? html`<p>${v.t.changedConfirmAgain}</p>` : nothing}
    </div>
  `;
}

export function renderClosed(v: View, a: Appointment, refusal: Refusal | undefined, close: () => void): TemplateResult {
  const { t } = v;
  const phone = phoneText(a);
  const href = telHref(phone);
  const phoneLink = href ? html`<a part="phone" href=${href}><bdi>${phone}</bdi></a>${hoursAfter(v, a)}` : html`<bdi>${phone}</bdi>`;
  let text: TemplateResult | string;
  if (a.status === 'cancelled') text = t.alreadyCancelled;
  else if (a.status === 'cancellation-requested') text = t.alreadyRequested;
  else if (refusal === 'not-cancellable') text = t.notCancellable(phoneLink);
  else {
    const deadline = parseInstant(a.cancellationPolicy.deadline);
    const passed = refusal === 'deadline-passed' || (!!deadline && deadline.getTime() <= Date.now());
    text = passed ? t.deadlinePassed(phoneLink) : t.notCancellable(phoneLink);
  }
  return html`
    <p id="closed" class="notice" part="notice" tabindex="-1">${text}</p>
    ${actions(closeButton(t.close, close))}
  `;
}

export function renderSuccess(v: View, result: Appointment, close: () => void): TemplateResult {
  const { t } = v;
  return html`
    <div id="summary" part="summary">
      <dl class="what">
        <div><dt>${t.service}</dt><dd>${serviceLabel(result.serviceType, v.locale) ?? v.common.unknownCode}</dd></div>
        <div><dt>${t.when}</dt><dd>${whenText(v, result)}</dd></div>
      </dl>
    </div>
    <p id="outcome" class="outcome" part="outcome" tabindex="-1">${result.status === 'cancellation-requested' ? t.successRequest : t.successFinal}</p>
    ${actions(closeButton(t.close, close))}
  `;
}

/** What the form shows and where its events go. */
export interface FormState {
  reason?: string;
  comment: string;
  errors: FieldErrors;
  showSummary: boolean;
  sending: boolean;
  countAnnouncement: string;
  submitError: unknown;
  onSubmit(e: Event): void;
  onReason(e: Event): void;
  onComment(e: Event): void;
  jumpTo(e: Event, id: string): void;
  close(): void;
}

export function renderForm(v: View, a: Appointment, f: FormState): TemplateResult {
  const { t } = v;
  const request = a.cancellationPolicy.mode === 'request';
  const errs = f.errors;
  const n = lengthOf(f.comment);
  const reasonDescribedBy = errs.reason ? 'reason-error' : undefined;
  const commentDescribedBy = ['comment-hint', 'count', errs.comment ? 'comment-error' : ''].filter(Boolean).join(' ');
  const summaryItems = [
    errs.reason ? { href: 'reason-first', text: fieldErrorText(v, errs.reason, f.comment) } : undefined,
    errs.comment ? { href: 'comment', text: fieldErrorText(v, errs.comment, f.comment) } : undefined,
  ].filter((x): x is { href: string; text: string } => !!x);
  return html`
    <form part="form" novalidate @submit=${f.onSubmit}>
      ${f.showSummary && summaryItems.length
        ? html`<div class="error error-summary" part="error-summary">
            <h3>${t.errorSummary(summaryItems.length)}</h3>
            <ul>
              ${summaryItems.map((i) => html`<li><a href=${`#${i.href}`} @click=${(e: Event) => f.jumpTo(e, i.href)}>${i.text}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      <fieldset part="reasons" class=${errs.reason ? 'invalid' : ''} aria-describedby=${reasonDescribedBy ?? nothing}>
        <legend>${t.reasonLegend} <span class="hint">${t.required}</span></legend>
        ${errs.reason ? html`<p id="reason-error" class="field-error">${fieldErrorText(v, errs.reason, f.comment)}</p>` : nothing}
        ${Object.keys(cancellationReasons.codes).map(
          (code, i) => html`
            <div class="radio">
              <input
                type="radio"
                name="reason"
                id=${i === 0 ? 'reason-first' : `reason-${code}`}
                .value=${code}
                .checked=${f.reason === code}
                aria-invalid=${errs.reason ? 'true' : nothing}
                aria-describedby=${reasonDescribedBy ?? nothing}
                @change=${f.onReason}
              />
              <label for=${i === 0 ? 'reason-first' : `reason-${code}`}>${labelIn(cancellationReasons, { system: cancellationReasons.system, code }, v.locale)}</label>
            </div>
          `,
        )}
      </fieldset>
      <div class="field">
        <label for="comment">${t.commentLabel} <span class="hint">${t.optional}</span></label>
        <p id="comment-hint" class="hint">${t.commentHint}</p>
        ${errs.comment ? html`<p id="comment-error" class="field-error">${fieldErrorText(v, errs.comment, f.comment)}</p>` : nothing}
        <textarea
          id="comment"
          part="comment"
          rows="4"
          .value=${f.comment}
          aria-invalid=${errs.comment ? 'true' : nothing}
          aria-describedby=${commentDescribedBy}
          @input=${f.onComment}
        ></textarea>
        <p id="count" part="count" class=${n > COMMENT_MAX ? 'count over' : 'count'}>${t.count(n, COMMENT_MAX)}</p>
        <div class="visually-hidden" aria-live="polite">${f.countAnnouncement}</div>
      </div>
      ${f.submitError}
      <div class="actions" part="actions">
        <button type="submit" part="confirm-button" aria-disabled=${f.sending ? 'true' : 'false'}>
          ${f.sending ? t.sending : request ? t.confirmRequest : t.confirm}
        </button>
        ${closeButton(t.keep, f.close)}
      </div>
    </form>
  `;
}
