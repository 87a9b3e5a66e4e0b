/**
 * Texts for <omsorg-login>: bokmål here, nynorsk and English in the `.nn.ts` and `.en.ts`
 * modules beside it (internal/messages.ts). Functions that take `unknown` receive a lit
 * template (a `<bdi>` around a name), so untrusted names only go through text bindings.
 */
import { html, type TemplateResult } from 'lit';
import { catalog } from '../internal/messages.js';

export const messages = catalog(
  'login',
  {
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
  { nn: () => import('./login.messages.nn.js'), en: () => import('./login.messages.en.js') },
);

export type LoginMessages = (typeof messages)['nb'];
