/**
 * How `<omsorg-appointment-list>` hands a cancellation to `<omsorg-cancel-dialog>` (found in the
 * page, or created in <body> when the tag is defined) and, once the cancelled item's button is
 * gone, where focus goes instead.
 */
import type { Client } from '@omsorg/sdk';
import type { AppointmentRef } from '../internal/events.js';

/** What the list needs from `<omsorg-cancel-dialog>`; kept local so the two stay loosely coupled. */
interface CancelDialogLike extends HTMLElement {
  appointmentId?: string;
  subjectId?: string;
  client?: Client;
  open(trigger?: HTMLElement): void;
}

/**
 * Opens the page's cancel dialog for one appointment. The dialog cancels the list's appointment,
 * so it must use the list's client, also when the list got it from an <omsorg-provider> the
 * dialog (in <body>) is not inside.
 */
export function openCancelDialog(ref: AppointmentRef, trigger: HTMLElement, client: Client | undefined): void {
  const tag = 'omsorg-cancel-dialog';
  let dialog = document.querySelector(tag) as CancelDialogLike | null;
  if (!dialog && customElements.get(tag)) {
    dialog = document.createElement(tag) as CancelDialogLike;
    document.body.append(dialog);
  }
  if (!dialog || typeof dialog.open !== 'function') {
    console.warn(`[omsorg] <omsorg-appointment-list>: no <${tag}> is defined; handle omsorg-appointment-cancel yourself or load the dialog.`);
    return;
  }
  if (client) dialog.client = client;
  dialog.appointmentId = ref.appointmentId;
  dialog.subjectId = ref.subjectId;
  dialog.open(trigger);
}

/**
 * Calls `fallback` when focus next falls back to the page body while `host` is connected (the
 * cancel button that opened a dialog is gone, so the dialog cannot return focus to it). Returns
 * the function that stops watching; the watch also stops itself once it has called `fallback`.
 */
export function onFocusLost(host: Element, fallback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Check once the focus change has finished (after focusout the new element gets focus).
  const onFocusOut = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const active = document.activeElement;
      if (!host.isConnected || (active && active !== document.body)) return;
      stop();
      fallback();
    });
  };
  const stop = () => {
    clearTimeout(timer);
    document.removeEventListener('focusout', onFocusOut, true);
  };
  document.addEventListener('focusout', onFocusOut, true);
  return stop;
}
