/**
 * <omsorg-service-list>'s texts in English. Bokmål, and the shape every language follows, are in
 * service-list.messages.ts; this module is imported only where an element renders in English.
 */
import type { Extent, GrantedService } from '@omsorg/contract';

type Part = unknown;
type Unit = Extent['unit'];
type Per = Extent['per'];
/** Plural forms by Intl.PluralRules category; `other` is required. */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export default {
  title: 'Services you have been granted',
  titleFor: (name: Part): Part[] => ['Services for ', name],
  actingForUnknown: 'You are seeing the services of a person you act on behalf of.',
  loadingList: 'Loading services …',
  empty: 'You have no granted services.',
  emptyCurrent: 'You have no services that apply now or later.',
  loaded: (n: number) => (n === 0 ? 'No services.' : `Showing ${n} ${n === 1 ? 'service' : 'services'}.`),
  units: {
    visits: { one: 'visit', other: 'visits' },
    hours: { one: 'hour', other: 'hours' },
    days: { one: 'day', other: 'days' },
    units: { one: 'unit', other: 'units' },
  } satisfies Record<Unit, Forms>,
  per: { day: 'a day', week: 'a week', month: 'a month', year: 'a year' } satisfies Record<Per, string>,
  extent: (amount: string, unit: string, per: string) => `${amount} ${unit} ${per}`,
  extentLabel: 'How much',
  validLabel: 'Valid',
  validFromTo: (from: Part, to: Part): Part[] => ['From ', from, ' to ', to],
  validFromOpen: (from: Part): Part[] => ['From ', from, ', until further notice'],
  decidedLabel: 'Decided',
  careService: 'Provided by',
  municipality: 'Municipality',
  municipalityName: (name: string) => `${name} municipality`,
  unavailableSources: (names: string) => `Services granted by ${names} cannot be shown right now. Try again later.`,
  phone: (n: Part): Part[] => ['phone ', n],
  note: 'Note',
  status: 'Status',
  statuses: { active: 'Active', planned: 'Starts later', ended: 'Ended' } satisfies Record<GrantedService['status'], string>,
  signInFailed: 'Sign-in could not be started. Please try again.',
};
