import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { osloIso } from './time.js';
import { parseSeriesRule, seriesProblem, seriesRulePattern, seriesStarts } from './series.js';

const wall = (d: Date) => osloIso(d).slice(0, 19);

/** ical.js's own RRULE expansion (an independent implementation) in Europe/Oslo wall time. */
function icalStarts(rule: string, localStart: string, n: number): string[] {
  // A floating DTSTART takes a floating UNTIL (RFC 5545 3.3.10): ours is UTC, so give ical.js
  // the same instant as Oslo wall time.
  const floating = rule.replace(/UNTIL=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, (_, y, mo, d, h, mi, s) =>
    `UNTIL=${wall(new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`)).replace(/[-:]/g, '')}`,
  );
  const recur = ICAL.Recur.fromString(floating);
  const start = ICAL.Time.fromDateTimeString(localStart);
  const it = recur.iterator(start);
  const out: string[] = [];
  for (let next = it.next(); next && out.length < n; next = it.next()) out.push(next.toString());
  return out;
}

describe('recurring visits (rules/series)', () => {
  it('reads the contract subset of RRULE and refuses the rest', () => {
    expect(parseSeriesRule('FREQ=DAILY;COUNT=14')).to.deep.equal({ freq: 'DAILY', interval: 1, byDay: [], count: 14 });
    expect(parseSeriesRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,MO')).to.deep.equal({ freq: 'WEEKLY', interval: 2, byDay: ['MO', 'TH'] });
    expect(parseSeriesRule('FREQ=WEEKLY;UNTIL=20270401T060000Z')?.until?.toISOString()).to.equal('2027-04-01T06:00:00.000Z');
    for (const bad of [
      'FREQ=MONTHLY',
      'FREQ=DAILY;COUNT=14;INTERVAL=2', // order
      'FREQ=WEEKLY;BYDAY=MO,MO', // a day twice
      'FREQ=DAILY;COUNT=0',
      'FREQ=DAILY;COUNT=1;UNTIL=20270401T060000Z',
      'FREQ=DAILY;UNTIL=20270230T060000Z', // no such date
      'FREQ=DAILY;UNTIL=20270401',
      'FREQ=DAILY;BYHOUR=8',
      'freq=daily',
      'FREQ=DAILY\r\nX-INJECT:1',
      '<script>',
    ]) {
      expect(parseSeriesRule(bad), bad).to.equal(undefined);
    }
  });

  it('keeps the pattern equal to the contract', async () => {
    const yaml = await (await fetch(new URL('../../openapi.yaml', import.meta.url))).text();
    const m = /AppointmentSeries:[\s\S]*?pattern: '([^']+)'/.exec(yaml);
    expect(m?.[1]).to.equal(seriesRulePattern.source);
  });

  it('says what a pattern cannot', () => {
    const base = { id: 's1', start: '2027-03-25T08:00:00+01:00', end: '2027-03-25T08:30:00+01:00' };
    expect(seriesProblem({ ...base, rule: 'FREQ=DAILY;COUNT=14' })).to.equal(undefined);
    expect(seriesProblem({ ...base, rule: 'FREQ=WEEKLY;BYDAY=MO,TH' })).to.equal(undefined); // 25 March 2027: a Thursday
    expect(seriesProblem({ ...base, rule: 'FREQ=WEEKLY;BYDAY=MO' })).to.equal('start-not-on-byday');
    expect(seriesProblem({ ...base, rule: 'FREQ=DAILY;BYDAY=MO' })).to.equal('byday-with-daily');
    expect(seriesProblem({ ...base, rule: 'FREQ=DAILY;UNTIL=20270301T000000Z' })).to.equal('until-before-start');
    expect(seriesProblem({ ...base, end: base.start, rule: 'FREQ=DAILY' })).to.equal('end-before-start');
    expect(seriesProblem({ ...base, rule: 'FREQ=HOURLY' })).to.equal('rule');
  });

  it('keeps a daily 08:00 visit at 08:00 across both summer-time changes', () => {
    const march = seriesStarts({ rule: 'FREQ=DAILY;COUNT=7', start: '2027-03-25T08:00:00+01:00' });
    expect(march.map(osloIso)).to.deep.equal([
      '2027-03-25T08:00:00+01:00',
      '2027-03-26T08:00:00+01:00',
      '2027-03-27T08:00:00+01:00',
      '2027-03-28T08:00:00+02:00', // the last Sunday of March
      '2027-03-29T08:00:00+02:00',
      '2027-03-30T08:00:00+02:00',
      '2027-03-31T08:00:00+02:00',
    ]);
    // 23 hours between the Saturday and the Sunday visit, not 24.
    expect(march[3]!.getTime() - march[2]!.getTime()).to.equal(23 * 3_600_000);
    const october = seriesStarts({ rule: 'FREQ=DAILY;COUNT=3', start: '2027-10-30T08:00:00+02:00' });
    expect(october.map(osloIso)).to.deep.equal(['2027-10-30T08:00:00+02:00', '2027-10-31T08:00:00+01:00', '2027-11-01T08:00:00+01:00']);
  });

  it('agrees with ical.js on daily, weekly, every-other-week, COUNT and UNTIL rules', () => {
    const cases: Array<[string, string]> = [
      ['FREQ=DAILY;COUNT=14', '2027-03-20T08:00:00+01:00'],
      ['FREQ=DAILY;INTERVAL=2;COUNT=10', '2027-10-25T20:00:00+02:00'],
      ['FREQ=WEEKLY;BYDAY=MO,TH;COUNT=9', '2027-03-25T10:00:00+01:00'],
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=9', '2027-03-25T10:00:00+01:00'],
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;COUNT=9', '2027-03-28T10:00:00+02:00'],
      ['FREQ=WEEKLY;COUNT=6', '2027-03-19T15:00:00+01:00'],
      ['FREQ=WEEKLY;BYDAY=WE;UNTIL=20270428T080000Z', '2027-03-10T10:00:00+01:00'],
    ];
    for (const [rule, start] of cases) {
      const ours = seriesStarts({ rule, start }, { limit: 40 }).map(wall);
      const theirs = icalStarts(rule, wall(new Date(start)), 40);
      expect(ours, rule).to.deep.equal(theirs);
      expect(ours.length, rule).to.be.greaterThan(2);
    }
  });
});
