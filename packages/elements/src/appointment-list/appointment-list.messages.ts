/**
 * Texts for <omsorg-appointment-list>. Functions that take `parts` return arrays so that
 * untrusted names and <time> elements can be placed in the sentence as nodes (wrapped in <bdi>
 * or <time>) while each language keeps its own word order.
 */
import type { AppointmentStatus } from '@omsorg/contract';
import { catalog } from '../internal/messages.js';

type Part = unknown;

export const messages = catalog(
  'appointment-list',
  {
    title: 'Avtaler og besøk',
    titleFor: (name: Part): Part[] => ['Avtaler og besøk for ', name],
    actingForUnknown: 'Du ser avtalene til en person du handler på vegne av.',
    viewLabel: 'Vis avtaler',
    upcoming: 'Kommende',
    past: 'Tidligere',
    loadingList: 'Laster avtaler …',
    emptyUpcoming: 'Du har ingen kommende avtaler.',
    emptyPast: 'Du har ingen tidligere avtaler.',
    loaded: (n: number, when: 'upcoming' | 'past') =>
      n === 0 ? (when === 'upcoming' ? 'Ingen kommende avtaler.' : 'Ingen tidligere avtaler.') : `Viser ${n} ${when === 'upcoming' ? 'kommende' : 'tidligere'} ${n === 1 ? 'avtale' : 'avtaler'}.`,
    loadedMore: (n: number, total: number) => `${n} ${n === 1 ? 'avtale' : 'avtaler'} til. Viser nå ${total}.`,
    noMore: 'Det finnes ikke flere avtaler.',
    showMore: 'Vis flere avtaler',
    loadingMore: 'Laster flere …',
    window: (from: Part, to: Part): Part[] => ['Mellom ', from, ' og ', to],
    windowNote: 'Besøket kommer en gang i dette tidsrommet.',
    exact: (from: Part, to: Part): Part[] => [from, '–', to],
    place: 'Sted',
    atHome: 'Hjemme',
    contact: 'Kontaktperson',
    careService: 'Tjeneste',
    municipality: 'Kommune',
    municipalityName: (name: string) => `${name} kommune`,
    unavailableSources: (names: string) => `Avtaler fra ${names} kan ikke vises akkurat nå. Prøv igjen senere.`,
    phone: (n: Part): Part[] => ['telefon ', n],
    preparation: 'Forberedelser',
    description: 'Om besøket',
    status: 'Status',
    statuses: {
      proposed: 'Foreslått',
      pending: 'Ikke bekreftet ennå',
      booked: 'Bekreftet',
      arrived: 'Pågår',
      fulfilled: 'Gjennomført',
      cancelled: 'Avlyst',
      noshow: 'Ikke gjennomført',
      'entered-in-error': 'Registrert ved en feil',
      'checked-in': 'Registrert ankommet',
      waitlist: 'På venteliste',
      'cancellation-requested': 'Avbestilling sendt, venter på svar',
      'cancellation-rejected': 'Avbestillingen ble avslått',
    } satisfies Record<AppointmentStatus, string>,
    statusChanged: (what: string, status: string) => `Ny status for ${what}: ${status}.`,
    rejectionNote: 'Svar fra tjenesten',
    cancel: 'Avbestill',
    cancelDeadline: (deadline: Part): Part[] => ['Kan avbestilles her til ', deadline, '.'],
    cancelIsRequest: 'Tjenesten må godta avbestillingen.',
    deadlinePassed: (phone: Part): Part[] => ['Fristen for å avbestille på nett er ute. Ring ', phone, ' hvis du ikke kan ta imot besøket.'],
    deadlinePassedNoPhone: 'Fristen for å avbestille på nett er ute. Kontakt tjenesten hvis du ikke kan ta imot besøket.',
    /** After the municipality's phone number (its configuration file): when it answers. */
    openingHours: (hours: string): string => `(åpent ${hours})`,
    addToCalendar: 'Legg til i kalender',
    calendarFile: (day: string) => `avtale-${day}.ics`,
    calendarWindow: (from: string, to: string) => `Besøket kommer en gang mellom ${from} og ${to}.`,
    calendarCareService: (name: string) => `Tjeneste: ${name}`,
    calendarPreparation: (text: string) => `Forberedelser: ${text}`,
    calendarError: 'Vi klarte ikke å lage kalenderfilen.',
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
    errorLoadMore: 'Vi klarte ikke å laste flere avtaler.',
  },
  { nn: () => import('./appointment-list.messages.nn.js'), en: () => import('./appointment-list.messages.en.js') },
);

export type AppointmentListMessages = (typeof messages)['nb'];
