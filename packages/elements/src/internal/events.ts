/**
 * Events the elements fire. All are `omsorg-` prefixed, bubble and are composed. Intent events
 * (present tense) are cancelable; outcome events are past tense. Payloads carry ids and statuses,
 * never names or free text.
 */
import type { AppointmentStatus } from '@omsorg/contract';

function init<T>(detail: T, cancelable = false): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true, cancelable };
}

export interface AppointmentRef {
  appointmentId: string;
  subjectId: string;
}

/** The citizen asks to cancel an appointment. `preventDefault()` stops the built-in dialog. */
export class AppointmentCancelEvent extends CustomEvent<AppointmentRef> {
  static readonly eventName = 'omsorg-appointment-cancel';
  constructor(detail: AppointmentRef) {
    super(AppointmentCancelEvent.eventName, init(detail, true));
  }
}

/** An appointment was cancelled, or its cancellation was requested. */
export class AppointmentCancelledEvent extends CustomEvent<AppointmentRef & { status: AppointmentStatus }> {
  static readonly eventName = 'omsorg-appointment-cancelled';
  constructor(detail: AppointmentRef & { status: AppointmentStatus }) {
    super(AppointmentCancelledEvent.eventName, init(detail));
  }
}

/** The person signed in (or a session was restored). */
export class SignedInEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'omsorg-signed-in';
  constructor() {
    super(SignedInEvent.eventName, init({}));
  }
}

/** The person signed out; every element has dropped its content. */
export class SignedOutEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'omsorg-signed-out';
  constructor() {
    super(SignedOutEvent.eventName, init({}));
  }
}

export interface ThreadRef {
  subjectId: string;
  threadId: string;
}

/** The person opens a message thread. `preventDefault()` stops the inbox from showing it itself. */
export class ThreadOpenEvent extends CustomEvent<ThreadRef> {
  static readonly eventName = 'omsorg-thread-open';
  constructor(detail: ThreadRef) {
    super(ThreadOpenEvent.eventName, init(detail, true));
  }
}

/** The subject's number of unread messages changed (for a badge on the host page). */
export class UnreadChangedEvent extends CustomEvent<{ subjectId: string; count: number }> {
  static readonly eventName = 'omsorg-unread-changed';
  constructor(detail: { subjectId: string; count: number }) {
    super(UnreadChangedEvent.eventName, init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omsorg-thread-open': ThreadOpenEvent;
    'omsorg-unread-changed': UnreadChangedEvent;
    'omsorg-appointment-cancel': AppointmentCancelEvent;
    'omsorg-appointment-cancelled': AppointmentCancelledEvent;
    'omsorg-signed-in': SignedInEvent;
    'omsorg-signed-out': SignedOutEvent;
  }
}
