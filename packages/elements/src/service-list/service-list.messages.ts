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

export const messages = catalog({
  nb: {
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
    phone: (n: Part): Part[] => ['telefon ', n],
    note: 'Merknad',
    status: 'Status',
    statuses: { active: 'Aktiv', planned: 'Starter senere', ended: 'Avsluttet' } satisfies Record<GrantedService['status'], string>,
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
  },
  nn: {
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
    phone: (n: Part): Part[] => ['telefon ', n],
    note: 'Merknad',
    status: 'Status',
    statuses: { active: 'Aktiv', planned: 'Startar seinare', ended: 'Avslutta' } satisfies Record<GrantedService['status'], string>,
    signInFailed: 'Innlogginga kunne ikkje startast. Prøv igjen.',
  },
  en: {
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
    phone: (n: Part): Part[] => ['phone ', n],
    note: 'Note',
    status: 'Status',
    statuses: { active: 'Active', planned: 'Starts later', ended: 'Ended' } satisfies Record<GrantedService['status'], string>,
    signInFailed: 'Sign-in could not be started. Please try again.',
  },
});

export type ServiceListMessages = (typeof messages)['nb'];
