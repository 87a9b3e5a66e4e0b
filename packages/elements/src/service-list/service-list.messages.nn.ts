/**
 * <omsorg-service-list>'s texts in nynorsk. Bokmål, and the shape every language follows, are in
 * service-list.messages.ts; this module is imported only where an element renders in nynorsk.
 */
import type { Extent, GrantedService } from '@omsorg/contract';

type Part = unknown;
type Unit = Extent['unit'];
type Per = Extent['per'];
/** Plural forms by Intl.PluralRules category; `other` is required. */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export default {
  title: 'Tenester du har fått',
  titleFor: (name: Part): Part[] => ['Tenester for ', name],
  actingForUnknown: 'Du ser tenestene til ein person du handlar på vegner av.',
  loadingList: 'Lastar tenester …',
  empty: 'Du har ingen tildelte tenester.',
  emptyCurrent: 'Du har ingen tenester som gjeld no eller seinare.',
  loaded: (n: number) => (n === 0 ? 'Ingen tenester.' : `Viser ${n} ${n === 1 ? 'teneste' : 'tenester'}.`),
  units: {
    visits: { one: 'besøk', other: 'besøk' },
    hours: { one: 'time', other: 'timar' },
    days: { one: 'dag', other: 'dagar' },
    units: { one: 'eining', other: 'einingar' },
  } satisfies Record<Unit, Forms>,
  per: { day: 'per dag', week: 'per veke', month: 'per månad', year: 'per år' } satisfies Record<Per, string>,
  extent: (amount: string, unit: string, per: string) => `${amount} ${unit} ${per}`,
  extentLabel: 'Omfang',
  validLabel: 'Gjeld',
  validFromTo: (from: Part, to: Part): Part[] => ['Frå ', from, ' til ', to],
  validFromOpen: (from: Part): Part[] => ['Frå ', from, ', inntil vidare'],
  decidedLabel: 'Vedteke',
  careService: 'Teneste',
  municipality: 'Kommune',
  municipalityName: (name: string) => `${name} kommune`,
  unavailableSources: (names: string) => `Vedtak frå ${names} kan ikkje visast akkurat no. Prøv igjen seinare.`,
  phone: (n: Part): Part[] => ['telefon ', n],
  note: 'Merknad',
  status: 'Status',
  statuses: { active: 'Aktiv', planned: 'Startar seinare', ended: 'Avslutta' } satisfies Record<GrantedService['status'], string>,
  signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
};
