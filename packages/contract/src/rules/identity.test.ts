import { expect } from '@open-wc/testing';
import { ageOn, hasValidCheckDigits, identityCheckDigits, parseIdentityNumber } from './identity.js';

/** A number from its first nine digits, with check digits computed apart from identity.ts. */
function withCheckDigits(nine: string): string | undefined {
  const d = [...nine].map(Number) as number[];
  const mod = (s: number) => (11 - (s % 11)) % 11;
  const k1 = mod([3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((a, w, i) => a + w * d[i]!, 0));
  if (k1 === 10) return undefined;
  const k2 = mod([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((a, w, i) => a + w * [...d, k1][i]!, 0));
  return k2 === 10 ? undefined : `${nine}${k1}${k2}`;
}

describe('rules: national identity numbers', () => {
  it('computes the check digits as the published formula does, and refuses a changed digit', () => {
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const nine = String((i * 7_919_327) % 1e9).padStart(9, '0');
      const n = withCheckDigits(nine);
      expect(identityCheckDigits(nine)).to.equal(n?.slice(9));
      if (!n) continue;
      checked++;
      expect(hasValidCheckDigits(n), n).to.equal(true);
      for (let p = 0; p < 11; p++) {
        const changed = n.slice(0, p) + String((Number(n[p]) + 1) % 10) + n.slice(p + 1);
        expect(hasValidCheckDigits(changed), changed).to.equal(false);
      }
    }
    expect(checked).to.be.greaterThan(2000);
    for (const bad of [undefined, 14833840127, '1483384012', '148338401270', '1483384012a', ' 14833840127']) expect(hasValidCheckDigits(bad)).to.equal(false);
  });

  it('reads the date of birth: the century from the individual number, D-numbers, synthetic numbers', () => {
    // Synthetic (month + 80): the sandbox's test persons.
    expect(parseIdentityNumber('14833840127')).to.deep.equal({ birthDate: '1938-03-14', dNumber: false, synthetic: true });
    expect(parseIdentityNumber('22896624028')).to.deep.equal({ birthDate: '1966-09-22', dNumber: false, synthetic: true });
    // Built here, never kept as text: individual numbers 000-499 → 1900s, 500-999 with 00-39 → 2000s,
    // 500-749 with 54-99 → 1800s, 900-999 with 40-99 → 1900s; a D-number adds 40 to the day.
    const cases: [string, string, boolean][] = [
      ['010150' + '123', '1950-01-01', false],
      ['150612' + '512', '2012-06-15', false],
      ['311299' + '612', '1899-12-31', false],
      ['290296' + '912', '1996-02-29', false],
      ['410150' + '123', '1950-01-01', true],
    ];
    let built = 0;
    for (const [nine, birthDate, dNumber] of cases) {
      for (let i = 0; i < 10; i++) {
        // Vary the individual number's last digit until a number with check digits exists.
        const n = withCheckDigits(nine.slice(0, 8) + String((Number(nine[8]) + i) % 10));
        if (!n) continue;
        expect(parseIdentityNumber(n), n).to.deep.equal({ birthDate, dNumber, synthetic: false });
        built++;
        break;
      }
    }
    expect(built).to.equal(cases.length);
  });

  it('refuses dates that do not exist and individual numbers with no century', () => {
    for (const nine of ['300250' + '123', '320150' + '123', '011350' + '123', '000150' + '123', '010150' + '800', '290297' + '123']) {
      for (let i = 0; i < 10; i++) {
        const n = withCheckDigits(nine.slice(0, 8) + String((Number(nine[8]) + i) % 10));
        if (n) expect(parseIdentityNumber(n), n).to.equal(undefined);
      }
    }
  });

  it('counts age in whole years by calendar date; 29 February turns a year older on 1 March', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).to.equal(15);
    expect(ageOn('2010-06-15', '2026-06-15')).to.equal(16);
    expect(ageOn('2008-02-29', '2026-02-28')).to.equal(17);
    expect(ageOn('2008-02-29', '2026-03-01')).to.equal(18);
    expect(ageOn('2008-02-29', '2028-02-29')).to.equal(20);
  });
});
