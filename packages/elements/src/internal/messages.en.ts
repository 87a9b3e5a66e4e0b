/**
 * The texts every element shares in English. Bokmål, and the shape every language follows, are in
 * messages.ts; this module is imported only where an element renders in English.
 */

export default {
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
};
