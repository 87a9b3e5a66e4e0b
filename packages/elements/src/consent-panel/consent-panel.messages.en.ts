/**
 * <omsorg-consent-panel>'s texts in English. Bokmål, and the shape every language follows, are
 * in consent-panel.messages.ts; this module is imported only where an element renders in English.
 */
type Part = unknown;

export default {
  title: 'Consent and access',
  titleFor: (name: Part): Part[] => ['Consent and access for ', name],
  actingForUnknown: 'You are seeing the consents of a person you act for.',
  loadingList: 'Loading consent …',
  signInFailed: 'Sign-in could not be started. Please try again.',
  loaded: 'The consent is loaded.',

  dialogueTitle: 'Consent to digital dialogue',
  dialogueTextVersion: '2026-12',
  dialogueText: {
    what: 'When you consent, you can send messages to the municipal care service and get answers here. The service can also write to you.',
    urgent: 'The messages are kept in your health record. An answer may take a few days. Do not use messages when it is urgent: call 113 when a life is in danger, or the emergency clinic on 116\u00a0117.',
    withdraw: 'You can withdraw the consent at any time. Then nobody can send new messages to or from you here, but you can still read the messages you have.',
  },
  statusNone: 'You have not decided on digital dialogue yet.',
  statusActive: (at: Part): Part[] => ['You have consented to digital dialogue (', at, ').'],
  statusOutdated: (at: Part): Part[] => ['The text has changed since you consented (', at, '). Read it and consent again to send messages.'],
  statusInactive: (at: Part): Part[] => ['You have withdrawn your consent to digital dialogue (', at, ').'],
  give: 'Give consent',
  withdraw: 'Withdraw consent',
  saving: 'Saving …',
  given: 'Consent given. You can now send messages.',
  withdrawn: 'Consent withdrawn. You cannot send new messages, but you can read the ones you have.',
  onlySelf: 'Only the person themselves can give or withdraw this consent.',
  textUnknown: 'The consent text has changed, and this page cannot show the new text yet. Please try again later.',
  changedElsewhere: 'The consent was changed somewhere else. This is what holds now.',
  history: (n: number) => `History (${n})`,
  decidedActive: (at: Part, who: Part): Part[] => [at, ': given by ', who],
  decidedInactive: (at: Part, who: Part): Part[] => [at, ': withdrawn by ', who],
};
