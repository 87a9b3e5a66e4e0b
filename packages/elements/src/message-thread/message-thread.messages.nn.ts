/**
 * <omsorg-message-thread>'s texts in nynorsk. Bokmål, and the shape every language follows, are
 * in message-thread.messages.ts; this module is imported only where an element renders in
 * nynorsk.
 */

type Part = unknown;

export default {
  title: 'Melding',
  titleFor: (name: Part): Part[] => ['Melding for ', name],
  actingForUnknown: 'Du ser ein samtale for ein person du handlar på vegner av.',
  loadingList: 'Lastar samtalen …',
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  careService: 'Teneste',
  closedBadge: 'Avslutta',
  conversation: 'Meldingar i samtalen',
  you: (name: Part): Part[] => [name, ' (deg)'],
  onBehalfOf: (name: Part, subject: Part): Part[] => [name, ' på vegner av ', subject],
  relative: (name: Part): Part[] => [name, ' (pårørande)'],
  staff: 'Tenesta',
  unread: 'Ny',
  attachments: 'Vedlegg',
  download: 'Last ned',
  downloadFailed: 'Vi klarte ikkje å laste ned fila.',
  size: (kb: number) => (kb >= 1024 ? `${(kb / 1024).toFixed(1).replace('.', ',')} MB` : `${kb} kB`),
  seenBy: (who: Part): Part[] => ['Sett av ', who],
  seenAt: (name: Part, time: Part): Part[] => [name, ' (', time, ')'],
  lastJoin: ' og ',
  closed: 'Tenesta har avslutta denne samtalen, så du kan ikkje svare her. Send ei ny melding om du treng meir hjelp.',
  noConsent: 'Det er ikkje gitt samtykke til digital dialog med omsorgstenesta, så du kan ikkje svare her. Ring tenesta om du treng hjelp.',
  consentGiven: 'Samtykket er gitt. Du kan no svare her.',
  reply: 'Svar',
  showEarlier: (n: number) => `Vis eldre meldingar (${n} til)`,
  loaded: (n: number) => `Samtalen har ${n} ${n === 1 ? 'melding' : 'meldingar'}.`,
  arrived: (n: number, from: string) => (n === 1 ? `Ny melding frå ${from}.` : `${n} nye meldingar frå ${from}.`),
};
