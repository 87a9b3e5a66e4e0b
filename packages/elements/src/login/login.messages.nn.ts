/**
 * <omsorg-login>'s texts in nynorsk. Bokmål, and the shape every language follows, are in
 * login.messages.ts; this module is imported only where an element renders in nynorsk.
 */
import { html, type TemplateResult } from 'lit';

export default {
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
};
