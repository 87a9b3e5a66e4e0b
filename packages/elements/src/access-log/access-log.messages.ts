/**
 * Texts for <omsorg-access-log>. Functions that take `parts` return arrays so untrusted names
 * and <time> elements can sit in the sentence as nodes while each language keeps its word order.
 */
import type { AccessLogEntry, AccessLogKind } from '@omsorg/contract';
import { catalog } from '../internal/messages.js';

type Part = unknown;

export const messages = catalog(
  'access-log',
  {
    title: 'Hvem har sett opplysningene dine',
    titleFor: (name: Part): Part[] => ['Hvem har sett opplysningene til ', name],
    actingForUnknown: 'Du ser loggen til en person du handler på vegne av.',
    loadingList: 'Laster loggen …',
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
    loaded: (n: number) => (n === 0 ? 'Ingen oppføringer i perioden.' : `Viser ${n} ${n === 1 ? 'oppføring' : 'oppføringer'}.`),
    empty: 'Ingen har sett eller endret opplysningene dine i denne perioden.',
    notOwn: 'Bare personen selv kan se hvem som har sett opplysningene sine.',
    period: 'Periode',
    from: 'Fra og med',
    to: 'Til og med',
    show: 'Vis',
    shownPeriod: (from: Part, to: Part): Part[] => ['Perioden ', from, ' – ', to, '.'],
    dateInvalid: 'Skriv en gyldig dato.',
    periodReversed: 'Fra-datoen kan ikke være etter til-datoen.',
    periodTooLong: (days: number) => `Perioden kan være høyst ${days} dager.`,
    more: 'Vis flere',
    moreLoaded: (n: number) => `${n} ${n === 1 ? 'oppføring' : 'oppføringer'} til er lagt til.`,
    moreFailed: 'Flere oppføringer kunne ikke hentes. Prøv igjen.',
    who: 'Hvem',
    role: 'Rolle',
    what: 'Hva',
    action: 'Handling',
    staffOf: (service: Part): Part[] => ['Ansatt i ', service],
    roles: { self: 'Deg selv', relative: 'Pårørende', staff: 'Ansatt' } satisfies Record<AccessLogEntry['agent']['role'], string>,
    kinds: {
      appointments: 'Avtaler',
      services: 'Tjenester',
      messages: 'Meldinger',
      'dialogue-consent': 'Samtykke til digital dialog',
      identity: 'Personopplysninger',
      'access-log': 'Denne loggen',
      'relatives-access': 'Tilgang for pårørende',
      'notice-preferences': 'Valg av varsler',
    } satisfies Record<AccessLogKind, string>,
    actions: { read: 'Lest', create: 'Opprettet', update: 'Endret', delete: 'Slettet', cancel: 'Avbestilt', close: 'Lukket', revoke: 'Tatt tilbake' } satisfies Record<
      AccessLogEntry['action'],
      string
    >,
  },
  { nn: () => import('./access-log.messages.nn.js'), en: () => import('./access-log.messages.en.js') },
);

export type AccessLogMessages = (typeof messages)['nb'];
