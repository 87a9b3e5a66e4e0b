/**
 * Texts for <omsorg-service-list>. Functions that take `parts` return arrays so untrusted names
 * and <time> elements can sit in the sentence as nodes while each language keeps its word order.
 */
import type { Extent, GrantedService } from '@omsorg/contract';
import { catalog } from '../internal/messages.js';

type Part = unknown;
type Unit = Extent['unit'];
type Per = Extent['per'];
/** Plural forms by Intl.PluralRules category; `other` is required. */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const messages = catalog(
  'service-list',
  {
    title: 'Tjenester du har fått',
    titleFor: (name: Part): Part[] => ['Tjenester for ', name],
    actingForUnknown: 'Du ser tjenestene til en person du handler på vegne av.',
    loadingList: 'Laster tjenester …',
    empty: 'Du har ingen tildelte tjenester.',
    emptyCurrent: 'Du har ingen tjenester som gjelder nå eller senere.',
    loaded: (n: number) => (n === 0 ? 'Ingen tjenester.' : `Viser ${n} ${n === 1 ? 'tjeneste' : 'tjenester'}.`),
    units: {
      visits: { one: 'besøk', other: 'besøk' },
      hours: { one: 'time', other: 'timer' },
      days: { one: 'dag', other: 'dager' },
      units: { one: 'enhet', other: 'enheter' },
    } satisfies Record<Unit, Forms>,
    per: { day: 'per dag', week: 'per uke', month: 'per måned', year: 'per år' } satisfies Record<Per, string>,
    extent: (amount: string, unit: string, per: string) => `${amount} ${unit} ${per}`,
    extentLabel: 'Omfang',
    validLabel: 'Gjelder',
    validFromTo: (from: Part, to: Part): Part[] => ['Fra ', from, ' til ', to],
    validFromOpen: (from: Part): Part[] => ['Fra ', from, ', inntil videre'],
    decidedLabel: 'Vedtatt',
    careService: 'Tjeneste',
    municipality: 'Kommune',
    municipalityName: (name: string) => `${name} kommune`,
    unavailableSources: (names: string) => `Vedtak fra ${names} kan ikke vises akkurat nå. Prøv igjen senere.`,
    phone: (n: Part): Part[] => ['telefon ', n],
    note: 'Merknad',
    status: 'Status',
    statuses: { active: 'Aktiv', planned: 'Starter senere', ended: 'Avsluttet' } satisfies Record<GrantedService['status'], string>,
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
  },
  { nn: () => import('./service-list.messages.nn.js'), en: () => import('./service-list.messages.en.js') },
);

export type ServiceListMessages = (typeof messages)['nb'];
