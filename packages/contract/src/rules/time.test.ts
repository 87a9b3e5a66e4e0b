import { expect } from '@open-wc/testing';
import { osloDate, osloDateTime, osloIso, osloOffset, osloWallClock, toSecond, weekdayOf } from './time.js';

describe('Europe/Oslo time', () => {
  it('uses +01:00 in winter and +02:00 in summer, whatever the machine zone', () => {
    expect(osloIso(new Date('2025-01-15T11:00:00Z'))).to.equal('2025-01-15T12:00:00+01:00');
    expect(osloIso(new Date('2025-07-15T11:00:00Z'))).to.equal('2025-07-15T13:00:00+02:00');
  });

  it('switches exactly at the March and October changes (01:00 UTC)', () => {
    expect(osloOffset(new Date('2025-03-30T00:59:59Z'))).to.equal('+01:00');
    expect(osloOffset(new Date('2025-03-30T01:00:00Z'))).to.equal('+02:00');
    expect(osloOffset(new Date('2025-10-26T00:59:59Z'))).to.equal('+02:00');
    expect(osloOffset(new Date('2025-10-26T01:00:00Z'))).to.equal('+01:00');
    // The repeated hour in October: same wall clock, two offsets.
    expect(osloIso(new Date('2025-10-26T00:30:00Z'))).to.equal('2025-10-26T02:30:00+02:00');
    expect(osloIso(new Date('2025-10-26T01:30:00Z'))).to.equal('2025-10-26T02:30:00+01:00');
  });

  it('keeps wall-clock time across a change when stepping calendar days', () => {
    const friday = new Date('2025-03-28T12:00:00+01:00');
    expect(osloIso(osloDateTime(friday, 0, 8))).to.equal('2025-03-28T08:00:00+01:00');
    expect(osloIso(osloDateTime(friday, 3, 8))).to.equal('2025-03-31T08:00:00+02:00');
    const october = new Date('2025-10-24T12:00:00+02:00');
    expect(osloIso(osloDateTime(october, 0, 20))).to.equal('2025-10-24T20:00:00+02:00');
    expect(osloIso(osloDateTime(october, 3, 20))).to.equal('2025-10-27T20:00:00+01:00');
  });

  it('moves a time inside the spring gap forward, and reads the calendar date in Oslo', () => {
    expect(osloIso(osloDateTime(new Date('2025-03-29T12:00:00Z'), 1, 2, 30))).to.equal('2025-03-30T03:30:00+02:00');
    // 23:30 UTC on 31 Dec is already New Year in Oslo.
    expect(osloDate(new Date('2025-12-31T23:30:00Z'))).to.equal('2026-01-01');
  });

  it('answers by the EU rule exactly as Intl does, every 37 minutes over two summer-time years', () => {
    // The computed path (the rule's offset, UTC arithmetic) against Intl's own wall clock, over
    // both changes of 2025 and 2026.
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'medium' });
    const from = Date.parse('2025-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    let checked = 0;
    for (let t = from; t < to; t += 37 * 60_000 + 13_000) {
      const d = new Date(t);
      expect(osloIso(d).slice(0, 19).replace('T', ' '), d.toISOString()).to.equal(intl.format(d));
      checked++;
    }
    expect(checked).to.be.greaterThan(28_000);
  });

  it('writes the calendar date as Intl does from 1900 to 9998: before 1970, leap days, centuries', () => {
    // The fast path counts days itself (integer arithmetic), so its calendar is checked far from
    // today: negative instants, 29 February, 1900 and 2100 (not leap years) and 2000 (one).
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'medium' });
    const instants = [
      '1900-01-01T00:00:00Z', '1900-02-28T23:30:00Z', '1900-03-01T12:00:00Z', '1969-12-31T23:00:00Z',
      '1969-12-31T22:59:59Z', '1970-01-01T00:00:00Z', '2000-02-29T23:00:00Z', '2000-02-29T22:59:59Z',
      '2024-02-29T12:34:56Z', '2100-02-28T23:00:00Z', '2100-03-01T00:00:00Z', '9998-12-31T22:59:59Z',
    ].map(Date.parse);
    for (let t = Date.UTC(1900, 0, 1, 0, 0, 7); t < Date.UTC(9999, 0, 1); t += 97 * 86_400_000 + 3_601_000) instants.push(t);
    for (const t of instants) {
      const d = new Date(t);
      expect(osloIso(d).slice(0, 19).replace('T', ' '), d.toISOString()).to.equal(intl.format(d));
    }
    expect(instants.length).to.be.greaterThan(30_000);
  });

  it("changes offset when the engine's zone data does, in every year from 1996 to 2100", () => {
    // In the fortnight around each change by the rule (01:00 UTC on the last Sunday of March and
    // of October), Intl's offset at both ends must equal the rule's, and Intl's own change, found
    // by halving the interval to the second, must be at the rule's instant. Intl's offset: its
    // wall clock minus UTC.
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const intlOffset = (t: number) => {
      const p = Object.fromEntries(intl.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
      const m = Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - t) / 60_000);
      return `+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const ruleOffset = (t: number) => osloOffset(new Date(t));
    let changes = 0;
    for (let year = 1996; year <= 2100; year++) {
      for (const month of [2, 9]) {
        let lo = Date.UTC(year, month, 20);
        let hi = Date.UTC(year, month + 1, 3);
        expect([ruleOffset(lo), ruleOffset(hi)], `${year}-${month + 1}`).to.deep.equal([intlOffset(lo), intlOffset(hi)]);
        expect(intlOffset(lo), `${year}-${month + 1}: a change`).not.to.equal(intlOffset(hi));
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (intlOffset(mid) === intlOffset(lo)) lo = mid;
          else hi = mid;
        }
        // Intl changes at `hi`; so must the rule, and not a second earlier.
        expect([ruleOffset(hi - 1000), ruleOffset(hi)], new Date(hi).toISOString()).to.deep.equal([intlOffset(hi - 1000), intlOffset(hi)]);
        expect(new Date(hi).getUTCHours()).to.equal(1);
        changes++;
      }
      // Midwinter and midsummer.
      for (const at of [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)]) expect(ruleOffset(at)).to.equal(intlOffset(at));
    }
    expect(changes).to.equal(2 * 105);
  });

  it('gives the Oslo weekday and wall clock the elements format dates from', () => {
    // Sunday 2026-03-29 01:30 UTC is 03:30 in Oslo, after the change; 23:30 UTC on a Saturday is
    // already Sunday there.
    expect(osloWallClock(new Date('2026-03-29T01:30:00Z'))).to.deep.equal({ year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 0 });
    expect(weekdayOf(osloWallClock(new Date('2026-03-29T01:30:00Z')))).to.equal(6);
    expect(weekdayOf(osloWallClock(new Date('2026-11-28T23:30:00Z')))).to.equal(6);
    expect(osloWallClock(new Date('2026-11-30T06:59:59Z'))).to.include({ day: 30, hour: 7, minute: 59, second: 59 });
    expect(weekdayOf(osloWallClock(new Date('2026-11-30T06:59:59Z')))).to.equal(0);
    // Before 1996 through Intl: 1 July 1990 was a Sunday, in summer time (+02:00).
    expect(osloWallClock(new Date('1990-07-01T10:00:00Z'))).to.deep.equal({ year: 1990, month: 7, day: 1, hour: 12, minute: 0, second: 0 });
    expect(weekdayOf(osloWallClock(new Date('1990-07-01T10:00:00Z')))).to.equal(6);
    // Any date, before 1970 and in the years 0–99 too: a week in 1969, and 1 January of the year 1
    // (a Monday in the proleptic Gregorian calendar; Date.UTC would read the year as 1901, a Tuesday).
    expect([22, 23, 24, 25, 26, 27, 28].map((day) => weekdayOf({ year: 1969, month: 12, day, hour: 12, minute: 0, second: 0 }))).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(weekdayOf({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 })).to.equal(0);
  });

  it('writes times to the second, and years outside the rule through Intl', () => {
    expect(toSecond(new Date('2025-05-01T10:00:00.999Z')).toISOString()).to.equal('2025-05-01T10:00:00.000Z');
    expect(osloIso(new Date('1850-07-01T12:00:00Z'))).to.match(/^1850-07-01T12:\d\d:\d\d\+00:\d\d$/);
    expect(() => osloIso(new Date(NaN))).to.throw(RangeError);
  });
});
