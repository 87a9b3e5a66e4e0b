// @ts-check
/** Where the sandbox and its FHIR server may listen (a module of its own: both import it). */

/**
 * Loopback only: the sandbox has test persons who sign in without a password.
 * @param {string} host
 * @returns {string} the address to bind
 */
export function loopbackAddress(host) {
  if (host === 'localhost') return '127.0.0.1';
  if (host === '::1' || host === '[::1]') return '::1';
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return host;
  throw new Error(`the sandbox binds to loopback addresses only (127.0.0.1, ::1), not ${host}`);
}
