// @ts-check
/**
 * What a test looks for where no token or identity number may be: a JWT, an 11-digit number
 * standing alone, or any test person's number anywhere. Not any run of 11 digits: random hex or
 * base64url values (the provider's xsrf field, a state, a cookie) hold one now and then, and a
 * CI run failed on the logout form's xsrf value.
 */
import { testPersons } from '../src/oidc/persons.js';

export const JWT_SHAPED = /eyJ[\w-]{8,}\.[\w-]{8,}\./;
export const ELEVEN_DIGITS_ALONE = /(?<![\w-])\d{11}(?![\w-])/;
const PIDS = testPersons.map((p) => p.pid);

/** True when `text` holds a JWT, a lone 11-digit number or a test person's number. @param {string} text */
export const leaksIdentity = (text) => JWT_SHAPED.test(text) || ELEVEN_DIGITS_ALONE.test(text) || PIDS.some((pid) => text.includes(pid));
