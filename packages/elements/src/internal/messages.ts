/**
 * Texts shared by every element, in nb, nn and en. Element-specific texts live beside each
 * element in `<name>.messages.ts`. No user-visible string literal belongs anywhere else.
 */
import type { Locale } from './locale.js';

export type Catalog<T> = Readonly<Record<Locale, T>>;

/** Declares a catalog whose nn and en must have exactly the keys and shapes of nb. */
export function catalog<T>(c: { nb: T; nn: T; en: T }): Catalog<T> {
  return c;
}

export const common = catalog({
  nb: {
    retry: 'Prøv igjen',
    signIn: 'Logg inn',
    signedOut: 'Du må logge inn for å se dette.',
    unknownCode: 'Ukjent',
    errorNetwork: 'Vi får ikke kontakt med tjenesten. Sjekk nettforbindelsen og prøv igjen.',
    errorServer: 'Noe gikk galt hos oss. Prøv igjen om litt.',
    errorInvalid: 'Vi fikk et svar vi ikke forstår. Prøv igjen, eller kontakt kommunen hvis det fortsetter.',
    errorAuth: 'Økten din er utløpt. Logg inn på nytt for å fortsette.',
    errorForbidden: 'Du har ikke tilgang til dette.',
    errorNotFound: 'Vi finner ikke det du ser etter.',
    errorBusy: 'Tjenesten er travel akkurat nå. Prøv igjen om litt.',
    errorUnknown: 'Noe gikk galt. Prøv igjen.',
  },
  nn: {
    retry: 'Prøv igjen',
    signIn: 'Logg inn',
    signedOut: 'Du må logge inn for å sjå dette.',
    unknownCode: 'Ukjend',
    errorNetwork: 'Vi får ikkje kontakt med tenesta. Sjekk nettsambandet og prøv igjen.',
    errorServer: 'Noko gjekk gale hos oss. Prøv igjen om litt.',
    errorInvalid: 'Vi fekk eit svar vi ikkje forstår. Prøv igjen, eller kontakt kommunen om det held fram.',
    errorAuth: 'Økta di er gått ut. Logg inn på nytt for å halde fram.',
    errorForbidden: 'Du har ikkje tilgang til dette.',
    errorNotFound: 'Vi finn ikkje det du ser etter.',
    errorBusy: 'Tenesta er travel akkurat no. Prøv igjen om litt.',
    errorUnknown: 'Noko gjekk gale. Prøv igjen.',
  },
  en: {
    retry: 'Try again',
    signIn: 'Sign in',
    signedOut: 'Please sign in to see this.',
    unknownCode: 'Unknown',
    errorNetwork: 'We cannot reach the service. Check your connection and try again.',
    errorServer: 'Something went wrong on our side. Please try again shortly.',
    errorInvalid: 'We received an answer we do not understand. Try again, or contact the municipality if it continues.',
    errorAuth: 'Your session has expired. Sign in again to continue.',
    errorForbidden: 'You do not have access to this.',
    errorNotFound: 'We cannot find what you are looking for.',
    errorBusy: 'The service is busy right now. Please try again shortly.',
    errorUnknown: 'Something went wrong. Please try again.',
  },
});

export type CommonMessages = (typeof common)['nb'];

/** The shared text that explains an SDK error to a person. */
export function errorMessage(
  m: CommonMessages,
  error: { kind?: string; status?: number } | null | undefined,
): string {
  if (!error) return m.errorUnknown;
  switch (error.kind) {
    case 'network':
      return m.errorNetwork;
    case 'invalid-response':
      return m.errorInvalid;
    case 'auth':
      return m.errorAuth;
  }
  const s = error.status ?? 0;
  if (s === 401) return m.errorAuth;
  if (s === 403) return m.errorForbidden;
  if (s === 404) return m.errorNotFound;
  if (s === 429 || s === 503) return m.errorBusy;
  if (s >= 500) return m.errorServer;
  return m.errorUnknown;
}
