/**
 * The texts every element shares in nynorsk. Bokmål, and the shape every language follows, are in
 * messages.ts; this module is imported only where an element renders in nynorsk.
 */

export default {
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
};
