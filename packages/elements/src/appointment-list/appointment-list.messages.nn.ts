/**
 * <omsorg-appointment-list>'s texts in nynorsk. Bokmål, and the shape every language follows, are
 * in appointment-list.messages.ts; this module is imported only where an element renders in
 * nynorsk.
 */
import type { AppointmentStatus } from '@omsorg/contract';

type Part = unknown;

/** The week's days as RRULE codes name them, and a list of them ("måndag og torsdag"). */
const weekdayNames: Record<string, string> = { MO: 'måndag', TU: 'tysdag', WE: 'onsdag', TH: 'torsdag', FR: 'fredag', SA: 'laurdag', SU: 'sundag' };
const dayList = (codes: readonly string[]): string => {
  const names = Array.from(codes).map((c) => weekdayNames[c] ?? c);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}` : (names[0] ?? '');
};

export default {
  title: 'Avtalar og besøk',
  titleFor: (name: Part): Part[] => ['Avtalar og besøk for ', name],
  actingForUnknown: 'Du ser avtalane til ein person du handlar på vegner av.',
  viewLabel: 'Vis avtalar',
  upcoming: 'Komande',
  past: 'Tidlegare',
  loadingList: 'Lastar avtalar …',
  emptyUpcoming: 'Du har ingen komande avtalar.',
  emptyPast: 'Du har ingen tidlegare avtalar.',
  loaded: (n: number, when: 'upcoming' | 'past') =>
    n === 0 ? (when === 'upcoming' ? 'Ingen komande avtalar.' : 'Ingen tidlegare avtalar.') : `Viser ${n} ${when === 'upcoming' ? 'komande' : 'tidlegare'} ${n === 1 ? 'avtale' : 'avtalar'}.`,
  loadedMore: (n: number, total: number) => `${n} ${n === 1 ? 'avtale' : 'avtalar'} til. Viser no ${total}.`,
  noMore: 'Det finst ikkje fleire avtalar.',
  showMore: 'Vis fleire avtalar',
  loadingMore: 'Lastar fleire …',
  window: (from: Part, to: Part): Part[] => ['Mellom ', from, ' og ', to],
  windowNote: 'Besøket kjem ein gong i dette tidsrommet.',
  exact: (from: Part, to: Part): Part[] => [from, '–', to],
  place: 'Stad',
  atHome: 'Heime',
  contact: 'Kontaktperson',
  careService: 'Teneste',
  municipality: 'Kommune',
  municipalityName: (name: string) => `${name} kommune`,
  unavailableSources: (names: string) => `Avtalar frå ${names} kan ikkje visast akkurat no. Prøv igjen seinare.`,
  phone: (n: Part): Part[] => ['telefon ', n],
  preparation: 'Førebuingar',
  description: 'Om besøket',
  status: 'Status',
  statuses: {
    proposed: 'Føreslått',
    pending: 'Ikkje stadfesta enno',
    booked: 'Stadfesta',
    arrived: 'Pågår',
    fulfilled: 'Gjennomført',
    cancelled: 'Avlyst',
    noshow: 'Ikkje gjennomført',
    'entered-in-error': 'Registrert ved ein feil',
    'checked-in': 'Registrert komen',
    waitlist: 'På venteliste',
    'cancellation-requested': 'Avbestilling send, ventar på svar',
    'cancellation-rejected': 'Avbestillinga vart avslått',
  } satisfies Record<AppointmentStatus, string>,
  statusChanged: (what: string, status: string) => `Ny status for ${what}: ${status}.`,
  rejectionNote: 'Svar frå tenesta',
  cancel: 'Avbestill',
  cancelDeadline: (deadline: Part): Part[] => ['Kan avbestillast her til ', deadline, '.'],
  cancelIsRequest: 'Tenesta må godta avbestillinga.',
  deadlinePassed: (phone: Part): Part[] => ['Fristen for å avbestille på nett er ute. Ring ', phone, ' om du ikkje kan ta imot besøket.'],
  deadlinePassedNoPhone: 'Fristen for å avbestille på nett er ute. Kontakt tenesta om du ikkje kan ta imot besøket.',
  openingHours: (hours: string): string => `(ope ${hours})`,
  addToCalendar: 'Legg til i kalender',
  calendarFile: (day: string) => `avtale-${day}.ics`,
  calendarWindow: (from: string, to: string) => `Besøket kjem ein gong mellom ${from} og ${to}.`,
  calendarCareService: (name: string) => `Teneste: ${name}`,
  calendarPreparation: (text: string) => `Førebuingar: ${text}`,
  calendarError: 'Vi klarte ikkje å lage kalenderfila.',
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  recurrence: (freq: string, interval: number, days: readonly string[]): string => {
    const n = Number(interval) || 1;
    if (freq === 'DAILY') return n === 1 ? 'kvar dag' : n === 2 ? 'annakvar dag' : `kvar ${n}. dag`;
    const list = dayList(days);
    if (n === 1) return `kvar ${list}`;
    if (n === 2) return Array.from(days).length === 1 ? `annakvar ${list}` : `${list} annakvar veke`;
    return `${list} kvar ${n}. veke`;
  },
  seriesTitle: (label: string, recurrence: string, from: string, to: string) => `${label}, ${recurrence} ${from}–${to}`,
  seriesShow: (n: number) => `Vis ${n} besøk til i serien`,
  seriesHide: 'Gøym resten av serien',
  seriesIntro: 'Besøk som kjem att. Kvart besøk kan avbestillast for seg.',
  errorLoadMore: 'Vi klarte ikkje å laste fleire avtalar.',
};
