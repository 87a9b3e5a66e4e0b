/**
 * Texts for <omsorg-appointment-list>. Functions that take `parts` return arrays so that
 * untrusted names and <time> elements can be placed in the sentence as nodes (wrapped in <bdi>
 * or <time>) while each language keeps its own word order.
 */
import type { AppointmentStatus } from '@omsorg/contract';
import { catalog } from '../internal/messages.js';

type Part = unknown;

/** The week's days as RRULE codes name them, and a list of them ("mandag og torsdag"). */
const weekdayNames: Record<string, string> = { MO: 'mandag', TU: 'tirsdag', WE: 'onsdag', TH: 'torsdag', FR: 'fredag', SA: 'lørdag', SU: 'søndag' };
const dayList = (codes: readonly string[]): string => {
  const names = Array.from(codes).map((c) => weekdayNames[c] ?? c);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}` : (names[0] ?? '');
};

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
    recurrence: (freq: string, interval: number, days: readonly string[]): string => {
      const n = Number(interval) || 1;
      if (freq === 'DAILY') return n === 1 ? 'hver dag' : n === 2 ? 'annenhver dag' : `hver ${n}. dag`;
      const list = dayList(days);
      if (n === 1) return `hver ${list}`;
      if (n === 2) return Array.from(days).length === 1 ? `annenhver ${list}` : `${list} annenhver uke`;
      return `${list} hver ${n}. uke`;
    },
    seriesTitle: (label: string, recurrence: string, from: string, to: string) => `${label}, ${recurrence} ${from}–${to}`,
    seriesShow: (n: number) => `Vis ${n} besøk til i serien`,
    seriesHide: 'Skjul resten av serien',
    seriesIntro: 'Besøk som gjentas. Hvert besøk kan avbestilles for seg.',
    errorLoadMore: 'Vi klarte ikke å laste flere avtaler.',
  },
  { nn: () => import('./appointment-list.messages.nn.js'), en: () => import('./appointment-list.messages.en.js') },
);

export type AppointmentListMessages = (typeof messages)['nb'];
