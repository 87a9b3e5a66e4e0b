/**
 * Norwegian national identity numbers (fødselsnummer, D-nummer, and the synthetic numbers of
 * test environments), for naming a relative: the SDK and the elements check a number before it
 * is sent, the servers check it again, and the age rules (consent.ts) read the date of birth.
 *
 * Layout: DDMMYY III K1 K2. A D-number has 40 added to the day; a synthetic number (Skatteetaten's
 * test data) has 80 added to the month. The individual number III gives the century. K1 and K2
 * are mod-11 check digits. The rule Skatteetaten announced for numbers issued from 2032 (several
 * allowed values of K1) is not accepted yet.
 *
 * The number itself is personal data: it goes in a request body only, never in a URL or a log.
 */

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** A mod-11 check digit, or undefined where the remainder leaves 10 (no number has it). */
function checkDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  weights.forEach((w, i) => (sum += w * (digits[i] ?? 0)));
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? undefined : k;
}

/** The two check digits for the first nine digits, or undefined when these nine have none. */
export function identityCheckDigits(nine: string): string | undefined {
  if (!/^\d{9}$/.test(nine)) return undefined;
  const d = [...nine].map(Number);
  const k1 = checkDigit(d, W1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...d, k1], W2);
  return k2 === undefined ? undefined : `${k1}${k2}`;
}

/** True when `text` is 11 digits whose check digits are right (says nothing of the date). */
export function hasValidCheckDigits(text: unknown): boolean {
  return typeof text === 'string' && /^\d{11}$/.test(text) && identityCheckDigits(text.slice(0, 9)) === text.slice(9);
}

/** The full year from the two-digit year and the individual number (Skatteetaten's table). */
function centuryYear(yy: number, individual: number): number | undefined {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return undefined;
}

export interface IdentityNumber {
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** A D-number (day + 40): a person without a Norwegian birth number. */
  dNumber: boolean;
  /** A synthetic test number (month + 80): never a real person. */
  synthetic: boolean;
}

/**
 * The parts of a valid identity number, or undefined: 11 digits, right check digits, and a date
 * of birth that exists. Spaces are not removed here (the element trims what the person typed).
 */
export function parseIdentityNumber(text: unknown): IdentityNumber | undefined {
  if (!hasValidCheckDigits(text)) return undefined;
  const s = text as string;
  let day = Number(s.slice(0, 2));
  let month = Number(s.slice(2, 4));
  const dNumber = day > 40;
  const synthetic = month > 80;
  if (dNumber) day -= 40;
  if (synthetic) month -= 80;
  const year = centuryYear(Number(s.slice(4, 6)), Number(s.slice(6, 9)));
  if (year === undefined || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return { birthDate: `${year}-${two(month)}-${two(day)}`, dNumber, synthetic };
}

/**
 * Whole years from `birthDate` (`YYYY-MM-DD`) to the calendar date `on` (`YYYY-MM-DD`, the Oslo
 * date: see osloDate). A person born on 29 February turns a year older on 1 March in other years.
 */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}
