/**
 * <omsorg-inbox>'s texts in nynorsk. Bokmål, and the shape every language follows, are in
 * inbox.messages.ts; this module is imported only where an element renders in nynorsk.
 */

type Part = unknown;

export default {
  title: 'Meldingar',
  titleFor: (name: Part): Part[] => ['Meldingar for ', name],
  actingForUnknown: 'Du ser meldingane til ein person du handlar på vegner av.',
  loadingList: 'Lastar meldingar …',
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  newMessage: 'Ny melding',
  noConsent: 'Det er ikkje gitt samtykke til digital dialog med omsorgstenesta, så du kan ikkje sende nye meldingar. Du kan framleis lese meldingane her.',
  consentGiven: 'Samtykket er gitt. Du kan no skrive ei ny melding.',
  empty: 'Du har ingen meldingar enno.',
  unread: (n: number) => `${n} ${n === 1 ? 'ulesen' : 'ulesne'}`,
  unreadSummary: (n: number) => (n === 0 ? 'Ingen ulesne meldingar.' : `Du har ${n} ${n === 1 ? 'ulesen melding' : 'ulesne meldingar'}.`),
  closed: 'Avslutta',
  municipalityName: (name: string) => `${name} kommune`,
  from: (name: Part): Part[] => [name, ': '],
  threads: 'Samtalar',
  showMore: 'Vis fleire samtalar',
  loadingMore: 'Lastar fleire …',
  errorLoadMore: 'Vi klarte ikkje å laste fleire samtalar.',
  back: 'Tilbake til meldingane',
  newHeading: 'Ny melding',
  recipientLegend: 'Kven vil du skrive til?',
  recipientHint: 'Du kan skrive til tenestene du får.',
  loadingRecipients: 'Hentar tenestene du kan skrive til …',
  noRecipients: 'Du kan berre sende meldingar til tenester du får, og vi finn ingen slike tenester no.',
  subjectLabel: 'Emne',
  subjectHint: (max: number) => `Kort om kva det gjeld, høgst ${max} teikn.`,
  errorRecipient: 'Vel kven du vil skrive til.',
  errorSubject: 'Skriv eit emne.',
  errorSubjectTooLong: (max: number) => `Emnet kan vere høgst ${max} teikn.`,
  errorSubjectInvalid: 'Emnet har usynlege kontroll- eller retningsteikn. Fjern dei.',
  cancel: 'Avbryt',
  loaded: (n: number, unread: number) =>
    n === 0 ? 'Ingen meldingar.' : `Viser ${n} ${n === 1 ? 'samtale' : 'samtalar'}, ${unread} ${unread === 1 ? 'ulesen melding' : 'ulesne meldingar'}.`,
};
