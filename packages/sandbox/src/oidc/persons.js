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

/**
 * @typedef {object} TestPerson
 * @property {string} id Person id = account id = `sub` (e.g. `psn-ola-7f3a`).
 * @property {string} name Full name, for the `name` claim and the login page.
 * @property {string} pid Synthetic 11-digit national identity number (ID token claim `pid`).
 */

/** @type {readonly TestPerson[]} */
export const testPersons = Object.freeze([
  Object.freeze({ id: 'psn-ola-7f3a', name: 'Ola Nordmann', pid: '14833840127' }),
  Object.freeze({ id: 'psn-kari-2c91', name: 'Kari Nordmann', pid: '22896624028' }),
  Object.freeze({ id: 'psn-per-51d0', name: 'Per Hansen', pid: '05914531111' }),
  // No data in the fixtures: signs in fine and sees empty lists.
  Object.freeze({ id: 'psn-test-9e1b', name: 'Test Testesen', pid: '01819012012' }),
]);

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

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * A mod-11 check digit, or undefined when the remainder gives 10 (no valid number then).
 * @param {number[]} digits
 * @param {number[]} weights
 */
function checkDigit(digits, weights) {
  const sum = weights.reduce((acc, w, i) => acc + w * /** @type {number} */ (digits[i]), 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? undefined : k;
}

/**
 * True when both mod-11 check digits of an 11-digit national identity number are right
 * (says nothing about the date or whether the number is synthetic).
 * @param {unknown} pid
 */
export function hasValidPidCheckDigits(pid) {
  if (typeof pid !== 'string' || !/^\d{11}$/.test(pid)) return false;
  const d = [...pid].map(Number);
  const k1 = checkDigit(d.slice(0, 9), W1);
  if (k1 === undefined || k1 !== d[9]) return false;
  const k2 = checkDigit(d.slice(0, 10), W2);
  return k2 !== undefined && k2 === d[10];
}

/**
 * True for a synthetic national identity number: 11 digits, a real date of birth with the month
 * written as month + 80 (81-92), day 01-31 (no D-number), and valid mod-11 check digits.
 * @param {unknown} pid
 */
export function isValidSyntheticPid(pid) {
  if (!hasValidPidCheckDigits(pid)) return false;
  const s = /** @type {string} */ (pid);
  const day = Number(s.slice(0, 2));
  const month = Number(s.slice(2, 4)) - 80;
  const yy = Number(s.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  // Days in that month, leap years included (the century is not in the number; 29 February
  // passes in any year divisible by four).
  const daysInMonth = new Date(Date.UTC(2000 + yy, month, 0)).getUTCDate();
  return day <= daysInMonth;
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
  const d = [...base].map(Number);
  const k1 = checkDigit(d, W1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...d, k1], W2);
  if (k2 === undefined) return undefined;
  return `${base}${k1}${k2}`;
}
