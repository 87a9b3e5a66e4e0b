/**
 * <omsorg-access-log>'s texts in English. Bokmål, and the shape every language follows, are in
 * access-log.messages.ts; this module is imported only where an element renders in English.
 */
type Part = unknown;

export default {
  title: 'Who has seen your information',
  titleFor: (name: Part): Part[] => ['Who has seen the information of ', name],
  actingForUnknown: 'You are seeing the log of a person you act for.',
  loadingList: 'Loading the log …',
  signInFailed: 'Sign-in could not be started. Please try again.',
  loaded: (n: number) => (n === 0 ? 'No entries in the period.' : `Showing ${n} ${n === 1 ? 'entry' : 'entries'}.`),
  empty: 'Nobody has seen or changed your information in this period.',
  notOwn: 'Only the person themselves can see who has seen their information.',
  period: 'Period',
  from: 'From',
  to: 'To',
  show: 'Show',
  shownPeriod: (from: Part, to: Part): Part[] => ['The period ', from, ' – ', to, '.'],
  dateInvalid: 'Enter a valid date.',
  periodReversed: 'The from date cannot be after the to date.',
  periodTooLong: (days: number) => `The period can be at most ${days} days.`,
  more: 'Show more',
  moreLoaded: (n: number) => `${n} more ${n === 1 ? 'entry' : 'entries'} added.`,
  moreFailed: 'More entries could not be fetched. Please try again.',
  who: 'Who',
  role: 'Role',
  what: 'What',
  action: 'Action',
  staffOf: (service: Part): Part[] => ['Staff at ', service],
  roles: { self: 'You', relative: 'Relative', staff: 'Staff' },
  kinds: {
    appointments: 'Appointments',
    services: 'Services',
    messages: 'Messages',
    'dialogue-consent': 'Consent to digital dialogue',
    identity: 'Personal details',
    'access-log': 'This log',
    'relatives-access': "Relatives' access",
    'notice-preferences': 'Choice of notices',
  },
  actions: { read: 'Read', create: 'Created', update: 'Changed', delete: 'Deleted', cancel: 'Cancelled', close: 'Closed', revoke: 'Taken back' },
};
