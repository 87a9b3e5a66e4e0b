/**
 * Texts for <omsorg-inbox>. Functions that take parts return arrays, so untrusted names are
 * placed as nodes in each language's word order.
 */
import { catalog } from '../internal/messages.js';

type Part = unknown;

export const messages = catalog(
  'inbox',
  {
    title: 'Meldinger',
    titleFor: (name: Part): Part[] => ['Meldinger for ', name],
    actingForUnknown: 'Du ser meldingene til en person du handler på vegne av.',
    loadingList: 'Laster meldinger …',
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
    newMessage: 'Ny melding',
    noConsent: 'Det er ikke gitt samtykke til digital dialog med omsorgstjenesten, så du kan ikke sende nye meldinger. Du kan fortsatt lese meldingene her.',
    consentGiven: 'Samtykket er gitt. Du kan nå skrive en ny melding.',
    empty: 'Du har ingen meldinger ennå.',
    unread: (n: number) => `${n} ${n === 1 ? 'ulest' : 'uleste'}`,
    unreadSummary: (n: number) => (n === 0 ? 'Ingen uleste meldinger.' : `Du har ${n} ${n === 1 ? 'ulest melding' : 'uleste meldinger'}.`),
    closed: 'Avsluttet',
    municipalityName: (name: string) => `${name} kommune`,
    from: (name: Part): Part[] => [name, ': '],
    threads: 'Samtaler',
    showMore: 'Vis flere samtaler',
    loadingMore: 'Laster flere …',
    errorLoadMore: 'Vi klarte ikke å laste flere samtaler.',
    back: 'Tilbake til meldingene',
    newHeading: 'Ny melding',
    recipientLegend: 'Hvem vil du skrive til?',
    recipientHint: 'Du kan skrive til tjenestene du mottar.',
    loadingRecipients: 'Henter tjenestene du kan skrive til …',
    noRecipients: 'Du kan bare sende meldinger til tjenester du mottar, og vi finner ingen slike tjenester nå.',
    subjectLabel: 'Emne',
    subjectHint: (max: number) => `Kort om hva det gjelder, høyst ${max} tegn.`,
    errorRecipient: 'Velg hvem du vil skrive til.',
    errorSubject: 'Skriv et emne.',
    errorSubjectTooLong: (max: number) => `Emnet kan være høyst ${max} tegn.`,
    errorSubjectInvalid: 'Emnet har usynlige kontroll- eller retningstegn. Fjern dem.',
    cancel: 'Avbryt',
    loaded: (n: number, unread: number) =>
      n === 0 ? 'Ingen meldinger.' : `Viser ${n} ${n === 1 ? 'samtale' : 'samtaler'}, ${unread} ${unread === 1 ? 'ulest melding' : 'uleste meldinger'}.`,
  },
  { nn: () => import('./inbox.messages.nn.js'), en: () => import('./inbox.messages.en.js') },
);

export type InboxMessages = (typeof messages)['nb'];
