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

declare global {
  interface GlobalEventHandlersEventMap {
    'omsorg-appointment-cancel': AppointmentCancelEvent;
    'omsorg-appointment-cancelled': AppointmentCancelledEvent;
    'omsorg-signed-in': SignedInEvent;
    'omsorg-signed-out': SignedOutEvent;
  }
}
