/**
 * Texts for <omsorg-login> in nb, nn and en. Functions that take `unknown` receive a lit
 * template (a `<bdi>` around a name), so untrusted names only go through text bindings.
 */
import { html, type TemplateResult } from 'lit';
import { catalog } from '../internal/messages.js';

export const messages = catalog({
  nb: {
    checking: 'Sjekker innlogging …',
    signIn: 'Logg inn',
    signOut: 'Logg ut',
    signedOut: 'Du er ikke logget inn.',
    signedInAs: (name: unknown): TemplateResult => html`Logget inn som ${name}`,
    actingForLabel: 'Handler på vegne av',
    actingFor: (name: unknown): TemplateResult => html`Du handler på vegne av ${name}`,
    option: (name: string, relation: string) => `${name} (${relation})`,
    expiring: (minutes: number, at: string) =>
      minutes <= 1 ? `Økten din utløper om under ett minutt (kl. ${at}).` : `Økten din utløper om ${minutes} minutter (kl. ${at}).`,
    expired: 'Økten din er utløpt. Logg inn på nytt for å fortsette.',
    staySignedIn: 'Forbli innlogget',
    signInAgain: 'Logg inn på nytt',
    subjectsError: 'Vi fikk ikke hentet hvem du kan handle på vegne av.',
  },
  nn: {
    checking: 'Sjekkar innlogging …',
    signIn: 'Logg inn',
    signOut: 'Logg ut',
    signedOut: 'Du er ikkje logga inn.',
    signedInAs: (name: unknown): TemplateResult => html`Logga inn som ${name}`,
    actingForLabel: 'Handlar på vegner av',
    actingFor: (name: unknown): TemplateResult => html`Du handlar på vegner av ${name}`,
    option: (name: string, relation: string) => `${name} (${relation})`,
    expiring: (minutes: number, at: string) =>
      minutes <= 1 ? `Økta di går ut om under eitt minutt (kl. ${at}).` : `Økta di går ut om ${minutes} minutt (kl. ${at}).`,
    expired: 'Økta di er gått ut. Logg inn på nytt for å halde fram.',
    staySignedIn: 'Hald fram innlogga',
    signInAgain: 'Logg inn på nytt',
    subjectsError: 'Vi fekk ikkje henta kven du kan handle på vegner av.',
  },
  en: {
    checking: 'Checking sign-in …',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedOut: 'You are not signed in.',
    signedInAs: (name: unknown): TemplateResult => html`Signed in as ${name}`,
    actingForLabel: 'Acting for',
    actingFor: (name: unknown): TemplateResult => html`You are acting on behalf of ${name}`,
    option: (name: string, relation: string) => `${name} (${relation})`,
    expiring: (minutes: number, at: string) =>
      minutes <= 1 ? `Your session ends in less than a minute (at ${at}).` : `Your session ends in ${minutes} minutes (at ${at}).`,
    expired: 'Your session has expired. Sign in again to continue.',
    staySignedIn: 'Stay signed in',
    signInAgain: 'Sign in again',
    subjectsError: 'We could not load whom you can act for.',
  },
});

export type LoginMessages = (typeof messages)['nb'];
