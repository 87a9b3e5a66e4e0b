/**
 * <omsorg-access-log>'s texts in nynorsk. Bokmål, and the shape every language follows, are in
 * access-log.messages.ts; this module is imported only where an element renders in nynorsk.
 */
type Part = unknown;

export default {
  title: 'Kven har sett opplysningane dine',
  titleFor: (name: Part): Part[] => ['Kven har sett opplysningane til ', name],
  actingForUnknown: 'Du ser loggen til ein person du handlar på vegner av.',
  loadingList: 'Lastar loggen …',
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  loaded: (n: number) => (n === 0 ? 'Ingen oppføringar i perioden.' : `Viser ${n} ${n === 1 ? 'oppføring' : 'oppføringar'}.`),
  empty: 'Ingen har sett eller endra opplysningane dine i denne perioden.',
  notOwn: 'Berre personen sjølv kan sjå kven som har sett opplysningane sine.',
  period: 'Periode',
  from: 'Frå og med',
  to: 'Til og med',
  show: 'Vis',
  shownPeriod: (from: Part, to: Part): Part[] => ['Perioden ', from, ' – ', to, '.'],
  dateInvalid: 'Skriv ein gyldig dato.',
  periodReversed: 'Frå-datoen kan ikkje vere etter til-datoen.',
  periodTooLong: (days: number) => `Perioden kan vere høgst ${days} dagar.`,
  more: 'Vis fleire',
  moreLoaded: (n: number) => `${n} ${n === 1 ? 'oppføring' : 'oppføringar'} til er lagde til.`,
  moreFailed: 'Fleire oppføringar kunne ikkje hentast. Prøv igjen.',
  who: 'Kven',
  role: 'Rolle',
  what: 'Kva',
  action: 'Handling',
  staffOf: (service: Part): Part[] => ['Tilsett i ', service],
  roles: { self: 'Deg sjølv', relative: 'Pårørande', staff: 'Tilsett' },
  kinds: {
    appointments: 'Avtalar',
    services: 'Tenester',
    messages: 'Meldingar',
    'dialogue-consent': 'Samtykke til digital dialog',
    identity: 'Personopplysningar',
    'access-log': 'Denne loggen',
    'relatives-access': 'Tilgang for pårørande',
    'notice-preferences': 'Val av varsel',
  },
  actions: { read: 'Lese', create: 'Oppretta', update: 'Endra', delete: 'Sletta', cancel: 'Avbestilt', close: 'Lukka', revoke: 'Teke tilbake' },
};
