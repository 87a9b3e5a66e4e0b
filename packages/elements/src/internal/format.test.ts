import { expect } from '@open-wc/testing';
import { dayNames, formatDate, formatDateTime, formatDay, formatTime, monthNames, osloDayKey, shortMonthNames } from './format.js';
import { intlTag, locales, type Locale } from './locale.js';

// The tables against the engine's own Intl (CLDR), which the elements used before them. Where
// an engine has no nynorsk data (Chromium), Intl falls back and nynorsk is checked by its words.
const intl = (locale: Locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intlTag[locale], { timeZone: 'Europe/Oslo', ...options });
const hasOwnData = (locale: Locale) => intl(locale, {}).resolvedOptions().locale.startsWith(locale);

/** Noon in Oslo on each day of 2026 and 2027, and the hours around both summer-time changes. */
const instants: Date[] = [];
for (let t = Date.UTC(2026, 0, 1, 11); t < Date.UTC(2028, 0, 1); t += 86_400_000) instants.push(new Date(t));
for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
  for (let h = -3; h <= 3; h++) instants.push(new Date(Date.parse(change) + h * 3_600_000 - 1000), new Date(Date.parse(change) + h * 3_600_000));
}

/**
 * What CLDR versions disagree on, which no reader would count as wrong: the comma after an
 * English weekday ("Friday, 27 November" in older data), "Sep"/"Sept", and the older Norwegian
 * "mar.", "jun.", "jul." (WebKitGTK's system ICU) for "mars", "juni", "juli".
 */
const relaxed = (s: string) =>
  s
    .replace(/,/g, '')
    .replace(/\bSept?\b/, 'Sep')
    .replace(/\b(mar|jun|jul)\./, (_, m: string) => ({ mar: 'mars', jun: 'juni', jul: 'juli' })[m as 'mar'])
    .replace(/\s+/g, ' ');

describe('internal: dates without Intl', () => {
  for (const locale of locales) {
    it(`writes days, dates and times in ${locale} as Intl does, every day of two years`, function () {
      if (!hasOwnData(locale)) {
        // The engine writes another language here; the table's own words are checked instead.
        expect(formatDay(new Date('2026-11-30T12:00:00Z'), locale)).to.equal('måndag 30. november 2026');
        expect(formatDay(new Date('2026-12-01T12:00:00Z'), locale)).to.equal('tysdag 1. desember 2026');
        expect(formatDay(new Date('2026-12-05T12:00:00Z'), locale)).to.equal('laurdag 5. desember 2026');
        expect(formatDate('2026-09-06', locale)).to.equal('6. sep. 2026');
        return;
      }
      const day = intl(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
      const date = intl(locale, { day: 'numeric', month: 'short', year: 'numeric' });
      const time = intl(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (const d of instants) {
        const at = d.toISOString();
        expect(relaxed(formatDay(d, locale)), at).to.equal(relaxed(day.format(d)));
        expect(relaxed(formatDate(d, locale)), at).to.equal(relaxed(date.format(d)));
        expect(formatTime(d, locale), at).to.equal(time.format(d));
      }
      expect(instants.length).to.be.greaterThan(700);
    });
  }

  it('uses each name once per language: seven days, twelve months', () => {
    for (const locale of locales) {
      expect(new Set(dayNames[locale]).size, locale).to.equal(7);
      expect(new Set(monthNames[locale]).size, locale).to.equal(12);
      expect(new Set(shortMonthNames[locale]).size, locale).to.equal(12);
    }
  });

  it('writes the Oslo date and time across the summer-time changes and the year', () => {
    expect(formatDateTime(new Date('2026-03-29T01:30:00Z'), 'nb')).to.equal('29. mars 2026, 03:30');
    expect(formatDateTime(new Date('2026-10-25T01:30:00Z'), 'en')).to.match(/^25 Oct 2026, 02:30$/);
    expect(formatDay(new Date('2026-12-31T23:30:00Z'), 'nb')).to.equal('fredag 1. januar 2027');
    expect(osloDayKey(new Date('2026-12-31T23:30:00Z'))).to.equal('2027-01-01');
    expect(formatDate('2026-05-17', 'nn')).to.equal('17. mai 2026');
    expect(() => formatDay(new Date(NaN), 'nb')).to.throw(RangeError);
  });
});
