// @ts-check
/**
 * Test persons for the sandbox's development OpenID provider.
 *
 * The ids are the person ids of @omsorg/fixtures (`persons` in packages/fixtures/src/fixtures.ts),
 * so the account id / `sub` of a sign-in is the id the sandbox database is seeded with. They are
 * kept here with their synthetic numbers, which the fixtures do not have;
 * test/oidc-persons.test.js checks that they match the fixtures.
 *
 * `pid` is a SYNTHETIC Norwegian national identity number: valid mod-11 check digits and the
 * month + 80, the convention for synthetic numbers, so it can never be a real person's number.
 * It is only ever put into the ID token claim `pid` (as ID-porten does), never into a URL, a page
 * or an access token.
 */
import { hasValidCheckDigits, identityCheckDigits, parseIdentityNumber } from '@omsorg/contract';

/**
 * @typedef {object} TestPerson
 * @property {string} id Person id = account id = `sub` (e.g. `psn-ola-7f3a`).
 * @property {string} name Full name, for the `name` claim and the login page.
 * @property {string} pid Synthetic 11-digit national identity number (ID token claim `pid`).
 * @property {readonly string[]} [roles] Roles the sign-in carries in the access token's `roles`
 *   claim (`management`: the figures for management). A person with a role is no citizen here:
 *   the seed gives them no person row and no subject, so they read nobody's data.
 */

/** @type {readonly TestPerson[]} */
export const testPersons = Object.freeze([
  Object.freeze({ id: 'psn-ola-7f3a', name: 'Ola Nordmann', pid: '14833840127' }),
  Object.freeze({ id: 'psn-kari-2c91', name: 'Kari Nordmann', pid: '22896624028' }),
  Object.freeze({ id: 'psn-per-51d0', name: 'Per Hansen', pid: '05914531111' }),
  // No data in the fixtures: signs in fine and sees empty lists.
  Object.freeze({ id: 'psn-test-9e1b', name: 'Test Testesen', pid: '01819012012' }),
  // The municipality's management: reads the figures for management (no person's data).
  Object.freeze({ id: 'psn-leder-5c2e', name: 'Liv Lederstad (ledelse)', pid: '12857820116', roles: Object.freeze(['management']) }),
]);

/**
 * The roles of a test person (none for a citizen).
 * @param {readonly TestPerson[]} persons
 * @param {string} id
 * @returns {readonly string[]}
 */
export const rolesOf = (persons, id) => persons.find((p) => p.id === id)?.roles ?? [];

/** The ids of the persons that come from @omsorg/fixtures (all but Test Testesen). */
export const mockPersonIds = Object.freeze(['psn-ola-7f3a', 'psn-kari-2c91', 'psn-per-51d0']);

/**
 * @param {readonly TestPerson[]} persons
 * @param {string} id
 * @returns {TestPerson | undefined}
 */
export function findPerson(persons, id) {
  return persons.find((p) => p.id === id);
}

/**
 * True when both mod-11 check digits of an 11-digit national identity number are right
 * (says nothing about the date or whether the number is synthetic). The rule is the rules core's.
 * @param {unknown} pid
 */
export const hasValidPidCheckDigits = (pid) => hasValidCheckDigits(pid);

/**
 * True for a synthetic national identity number: a date of birth that exists with the month
 * written as month + 80 (81-92), no D-number, and valid mod-11 check digits.
 * @param {unknown} pid
 */
export function isValidSyntheticPid(pid) {
  const n = parseIdentityNumber(pid);
  return !!n && n.synthetic && !n.dNumber;
}

/**
 * Builds a synthetic national identity number (for adding test persons).
 * @param {{ day: number, month: number, year: number, individual: number }} parts
 *   `year` is the two-digit year, `individual` the three-digit individual number
 *   (its last digit odd for men, even for women).
 * @returns {string | undefined} undefined when this individual number gives no valid check digit
 */
export function makeSyntheticPid({ day, month, year, individual }) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  const base = `${two(day)}${two(month + 80)}${two(year)}${String(individual).padStart(3, '0')}`;
  const check = identityCheckDigits(base);
  return check === undefined ? undefined : `${base}${check}`;
}
