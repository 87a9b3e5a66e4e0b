/**
 * <omsorg-appointment-list>'s texts in English. Bokmål, and the shape every language follows, are
 * in appointment-list.messages.ts; this module is imported only where an element renders in
 * English.
 */
import type { AppointmentStatus } from '@omsorg/contract';

type Part = unknown;

/** The week's days as RRULE codes name them, and a list of them ("Monday and Thursday"). */
const weekdayNames: Record<string, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };
const dayList = (codes: readonly string[]): string => {
  const names = Array.from(codes).map((c) => weekdayNames[c] ?? c);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
};

export default {
  title: 'Appointments and visits',
  titleFor: (name: Part): Part[] => ['Appointments and visits for ', name],
  actingForUnknown: 'You are seeing the appointments of a person you act on behalf of.',
  viewLabel: 'Show appointments',
  upcoming: 'Upcoming',
  past: 'Past',
  loadingList: 'Loading appointments …',
  emptyUpcoming: 'You have no upcoming appointments.',
  emptyPast: 'You have no past appointments.',
  loaded: (n: number, when: 'upcoming' | 'past') =>
    n === 0 ? (when === 'upcoming' ? 'No upcoming appointments.' : 'No past appointments.') : `Showing ${n} ${when} ${n === 1 ? 'appointment' : 'appointments'}.`,
  loadedMore: (n: number, total: number) => `${n} more ${n === 1 ? 'appointment' : 'appointments'}. Now showing ${total}.`,
  noMore: 'There are no more appointments.',
  showMore: 'Show more appointments',
  loadingMore: 'Loading more …',
  window: (from: Part, to: Part): Part[] => ['Between ', from, ' and ', to],
  windowNote: 'The visit arrives some time within this window.',
  exact: (from: Part, to: Part): Part[] => [from, '–', to],
  place: 'Place',
  atHome: 'At home',
  contact: 'Contact person',
  careService: 'Service',
  municipality: 'Municipality',
  municipalityName: (name: string) => `${name} municipality`,
  unavailableSources: (names: string) => `Appointments from ${names} cannot be shown right now. Try again later.`,
  phone: (n: Part): Part[] => ['phone ', n],
  preparation: 'How to prepare',
  description: 'About the visit',
  status: 'Status',
  statuses: {
    proposed: 'Proposed',
    pending: 'Not confirmed yet',
    booked: 'Confirmed',
    arrived: 'In progress',
    fulfilled: 'Completed',
    cancelled: 'Cancelled',
    noshow: 'Did not take place',
    'entered-in-error': 'Entered in error',
    'checked-in': 'Checked in',
    waitlist: 'On the waiting list',
    'cancellation-requested': 'Cancellation sent, awaiting reply',
    'cancellation-rejected': 'Cancellation was declined',
  } satisfies Record<AppointmentStatus, string>,
  statusChanged: (what: string, status: string) => `New status for ${what}: ${status}.`,
  rejectionNote: 'Reply from the service',
  cancel: 'Cancel',
  cancelDeadline: (deadline: Part): Part[] => ['You can cancel here until ', deadline, '.'],
  cancelIsRequest: 'The service must accept the cancellation.',
  deadlinePassed: (phone: Part): Part[] => ['The deadline for cancelling online has passed. Call ', phone, ' if you cannot receive the visit.'],
  deadlinePassedNoPhone: 'The deadline for cancelling online has passed. Contact the service if you cannot receive the visit.',
  openingHours: (hours: string): string => `(open ${hours})`,
  addToCalendar: 'Add to calendar',
  calendarFile: (day: string) => `appointment-${day}.ics`,
  calendarWindow: (from: string, to: string) => `The visit arrives some time between ${from} and ${to}.`,
  calendarCareService: (name: string) => `Service: ${name}`,
  calendarPreparation: (text: string) => `How to prepare: ${text}`,
  calendarError: 'We could not create the calendar file.',
  signInFailed: 'Sign-in could not be started. Please try again.',
  recurrence: (freq: string, interval: number, days: readonly string[]): string => {
    const n = Number(interval) || 1;
    if (freq === 'DAILY') return n === 1 ? 'every day' : n === 2 ? 'every other day' : `every ${n} days`;
    const list = dayList(days);
    if (n === 1) return `every ${list}`;
    if (n === 2) return Array.from(days).length === 1 ? `every other ${list}` : `every other week on ${list}`;
    return `every ${n} weeks on ${list}`;
  },
  seriesTitle: (label: string, recurrence: string, from: string, to: string) => `${label}, ${recurrence} ${from}–${to}`,
  seriesShow: (n: number) => `Show ${n} more ${n === 1 ? 'visit' : 'visits'} in the series`,
  seriesHide: 'Hide the rest of the series',
  seriesIntro: 'Recurring visits. Each visit can be cancelled on its own.',
  errorLoadMore: 'We could not load more appointments.',
};
