/**
 * <omsorg-consent-panel>'s texts in nynorsk. Bokmål, and the shape every language follows, are
 * in consent-panel.messages.ts; this module is imported only where an element renders in nynorsk.
 */
type Part = unknown;

export default {
  title: 'Samtykke og tilgang',
  titleFor: (name: Part): Part[] => ['Samtykke og tilgang for ', name],
  actingForUnknown: 'Du ser samtykka til ein person du handlar på vegner av.',
  loadingList: 'Lastar samtykke …',
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  loaded: 'Samtykket er lasta.',

  dialogueTitle: 'Samtykke til digital dialog',
  dialogueTextVersion: '2026-12',
  dialogueText: {
    what: 'Når du samtykkjer, kan du sende meldingar til omsorgstenesta i kommunen og få svar her. Tenesta kan også skrive til deg.',
    urgent: 'Meldingane blir lagra i journalen din. Svaret kan ta nokre dagar. Ikkje bruk meldingar når det hastar: ring 113 når liv er i fare, eller legevakta på 116\u00a0117.',
    withdraw: 'Du kan trekkje samtykket når som helst. Då kan ingen sende nye meldingar til eller frå deg her, men du kan framleis lese meldingane du har.',
  },
  statusNone: 'Du har ikkje teke stilling til digital dialog enno.',
  statusActive: (at: Part): Part[] => ['Du har samtykt til digital dialog (', at, ').'],
  statusOutdated: (at: Part): Part[] => ['Teksten er endra sidan du samtykte (', at, '). Les han og samtykk på nytt for å sende meldingar.'],
  statusInactive: (at: Part): Part[] => ['Du har trekt samtykket til digital dialog (', at, ').'],
  give: 'Gi samtykke',
  withdraw: 'Trekk samtykke',
  saving: 'Lagrar …',
  given: 'Samtykket er gitt. Du kan no sende meldingar.',
  withdrawn: 'Samtykket er trekt. Du kan ikkje sende nye meldingar, men du kan lese dei du har.',
  onlySelf: 'Berre personen sjølv kan gi eller trekkje dette samtykket.',
  textUnknown: 'Samtykketeksten er endra, og denne sida kan ikkje vise den nye teksten enno. Prøv igjen seinare.',
  changedElsewhere: 'Samtykket vart endra ein annan stad. Her er det som gjeld no.',
  history: (n: number) => `Historikk (${n})`,
  decidedActive: (at: Part, who: Part): Part[] => [at, ': gitt av ', who],
  decidedInactive: (at: Part, who: Part): Part[] => [at, ': trekt av ', who],
};
