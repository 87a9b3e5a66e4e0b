/**
 * <omsorg-inbox>'s texts in English. Bokmål, and the shape every language follows, are in
 * inbox.messages.ts; this module is imported only where an element renders in English.
 */

type Part = unknown;

export default {
  title: 'Messages',
  titleFor: (name: Part): Part[] => ['Messages for ', name],
  actingForUnknown: 'You are seeing the messages of a person you act on behalf of.',
  loadingList: 'Loading messages …',
  signInFailed: 'Sign-in could not be started. Please try again.',
  newMessage: 'New message',
  noConsent: 'There is no consent to digital dialogue with the care service, so you cannot send new messages. You can still read the messages here.',
  consentGiven: 'Consent given. You can now write a new message.',
  empty: 'You have no messages yet.',
  unread: (n: number) => `${n} unread`,
  unreadSummary: (n: number) => (n === 0 ? 'No unread messages.' : `You have ${n} unread ${n === 1 ? 'message' : 'messages'}.`),
  closed: 'Closed',
  municipalityName: (name: string) => `${name} municipality`,
  from: (name: Part): Part[] => [name, ': '],
  threads: 'Conversations',
  showMore: 'Show more conversations',
  loadingMore: 'Loading more …',
  errorLoadMore: 'We could not load more conversations.',
  back: 'Back to messages',
  newHeading: 'New message',
  recipientLegend: 'Who do you want to write to?',
  recipientHint: 'You can write to the services you receive.',
  loadingRecipients: 'Finding the services you can write to …',
  noRecipients: 'You can only send messages to services you receive, and we find none right now.',
  subjectLabel: 'Subject',
  subjectHint: (max: number) => `Briefly what it is about, at most ${max} characters.`,
  errorRecipient: 'Choose who you want to write to.',
  errorSubject: 'Write a subject.',
  errorSubjectTooLong: (max: number) => `The subject can be at most ${max} characters.`,
  errorSubjectInvalid: 'The subject contains invisible control or direction characters. Remove them.',
  cancel: 'Cancel',
  loaded: (n: number, unread: number) =>
    n === 0 ? 'No messages.' : `Showing ${n} ${n === 1 ? 'conversation' : 'conversations'}, ${unread} unread ${unread === 1 ? 'message' : 'messages'}.`,
};
