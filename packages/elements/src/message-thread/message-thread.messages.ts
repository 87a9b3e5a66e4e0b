/**
 * Texts for <omsorg-message-thread>. Functions that take parts return arrays, so untrusted names
 * and <time> elements are placed as nodes in each language's word order.
 */
import { catalog } from '../internal/messages.js';

type Part = unknown;

export const messages = catalog(
  'message-thread',
  {
    title: 'Melding',
    titleFor: (name: Part): Part[] => ['Melding for ', name],
    actingForUnknown: 'Du ser en samtale for en person du handler på vegne av.',
    loadingList: 'Laster samtalen …',
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
    careService: 'Tjeneste',
    closedBadge: 'Avsluttet',
    conversation: 'Meldinger i samtalen',
    you: (name: Part): Part[] => [name, ' (deg)'],
    onBehalfOf: (name: Part, subject: Part): Part[] => [name, ' på vegne av ', subject],
    relative: (name: Part): Part[] => [name, ' (pårørende)'],
    staff: 'Tjenesten',
    unread: 'Ny',
    attachments: 'Vedlegg',
    download: 'Last ned',
    downloadFailed: 'Vi klarte ikke å laste ned filen.',
    size: (kb: number) => (kb >= 1024 ? `${(kb / 1024).toFixed(1).replace('.', ',')} MB` : `${kb} kB`),
    seenBy: (who: Part): Part[] => ['Sett av ', who],
    seenAt: (name: Part, time: Part): Part[] => [name, ' (', time, ')'],
    lastJoin: ' og ',
    closed: 'Tjenesten har avsluttet denne samtalen, så du kan ikke svare her. Send en ny melding hvis du trenger mer hjelp.',
    noConsent: 'Det er ikke gitt samtykke til digital dialog med omsorgstjenesten, så du kan ikke svare her. Ring tjenesten hvis du trenger hjelp.',
    consentGiven: 'Samtykket er gitt. Du kan nå svare her.',
    reply: 'Svar',
    showEarlier: (n: number) => `Vis eldre meldinger (${n} til)`,
    loaded: (n: number) => `Samtalen har ${n} ${n === 1 ? 'melding' : 'meldinger'}.`,
    arrived: (n: number, from: string) => (n === 1 ? `Ny melding fra ${from}.` : `${n} nye meldinger fra ${from}.`),
  },
  { nn: () => import('./message-thread.messages.nn.js'), en: () => import('./message-thread.messages.en.js') },
);

export type MessageThreadMessages = (typeof messages)['nb'];
