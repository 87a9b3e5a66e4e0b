/**
 * <omsorg-message-thread>'s texts in English. Bokmål, and the shape every language follows, are
 * in message-thread.messages.ts; this module is imported only where an element renders in
 * English.
 */

type Part = unknown;

export default {
  title: 'Message',
  titleFor: (name: Part): Part[] => ['Message for ', name],
  actingForUnknown: 'You are seeing a conversation for a person you act on behalf of.',
  loadingList: 'Loading the conversation …',
  signInFailed: 'Sign-in could not be started. Please try again.',
  careService: 'Service',
  closedBadge: 'Closed',
  conversation: 'Messages in the conversation',
  you: (name: Part): Part[] => [name, ' (you)'],
  onBehalfOf: (name: Part, subject: Part): Part[] => [name, ' on behalf of ', subject],
  relative: (name: Part): Part[] => [name, ' (relative)'],
  staff: 'The service',
  unread: 'New',
  attachments: 'Attachments',
  download: 'Download',
  downloadFailed: 'We could not download the file.',
  size: (kb: number) => (kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} kB`),
  seenBy: (who: Part): Part[] => ['Seen by ', who],
  seenAt: (name: Part, time: Part): Part[] => [name, ' (', time, ')'],
  lastJoin: ' and ',
  closed: 'The service has closed this conversation, so you cannot reply here. Send a new message if you need more help.',
  noConsent: 'There is no consent to digital dialogue with the care service, so you cannot reply here. Call the service if you need help.',
  consentGiven: 'Consent given. You can now reply here.',
  reply: 'Reply',
  showEarlier: (n: number) => `Show earlier messages (${n} more)`,
  loaded: (n: number) => `The conversation has ${n} ${n === 1 ? 'message' : 'messages'}.`,
  arrived: (n: number, from: string) => (n === 1 ? `New message from ${from}.` : `${n} new messages from ${from}.`),
};
