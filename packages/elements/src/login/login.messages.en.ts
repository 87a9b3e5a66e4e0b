/**
 * <omsorg-login>'s texts in English. Bokmål, and the shape every language follows, are in
 * login.messages.ts; this module is imported only where an element renders in English.
 */
import { html, type TemplateResult } from 'lit';

export default {
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
};
