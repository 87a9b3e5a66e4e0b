import { expect } from '@open-wc/testing';
import {
  computeFigures,
  consentPeriods,
  figuresCsv,
  grantPeriod,
  isSuppressed,
  lastFinishedMonth,
  median,
  minimumCount,
  osloMonth,
  osloMonthEnd,
  osloMonthStart,
  parseFiguresQuery,
  percentile,
  protect,
  replyDeadline,
  roundStock,
  shownStock,
  stockRounding,
  suppressed,
  type CancellationRow,
  type Cell,
  type FiguresInput,
  type ThreadRow,
} from './figures.js';
import { isProblemSpec } from './problems.js';

const NOW = new Date('2025-06-11T10:00:00+02:00');
const q = (s: string) => new URLSearchParams(s);
const cell = (value: number, people = value): Cell => ({ value, people: new Set(Array.from({ length: people }, (_, i) => `p${i}`)) });

describe('figures: Oslo months', () => {
  it('puts an instant in its Oslo month, across the year and the summer-time changes', () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Oslo (summer time since 30 March).
    expect(osloMonth(new Date('2025-03-31T22:30:00Z'))).to.equal('2025-04');
    expect(osloMonth(new Date('2025-03-31T21:59:59Z'))).to.equal('2025-03');
    // 31 October: winter time again (+01:00); 23:00 UTC is midnight on 1 November.
    expect(osloMonth(new Date('2025-10-31T22:59:59Z'))).to.equal('2025-10');
    expect(osloMonth(new Date('2025-10-31T23:00:00Z'))).to.equal('2025-11');
    expect(osloMonth(new Date('2025-12-31T23:30:00Z'))).to.equal('2026-01');
  });

  it('starts and ends a month at Oslo midnight, with the offset of that date', () => {
    expect(osloMonthStart('2025-04').toISOString()).to.equal('2025-03-31T22:00:00.000Z');
    expect(osloMonthEnd('2025-03').toISOString()).to.equal('2025-03-31T22:00:00.000Z');
    expect(osloMonthStart('2025-11').toISOString()).to.equal('2025-10-31T23:00:00.000Z');
    // March has 31 days but one hour less; October one hour more.
    expect((osloMonthEnd('2025-03').getTime() - osloMonthStart('2025-03').getTime()) / 3_600_000).to.equal(31 * 24 - 1);
    expect((osloMonthEnd('2025-10').getTime() - osloMonthStart('2025-10').getTime()) / 3_600_000).to.equal(31 * 24 + 1);
  });

  it('reads the period: defaults, order, the longest, finished months only, and bad months', () => {
    // Without parameters: the 12 months ending last month (the current month is not over).
    const d = parseFiguresQuery(q(''), NOW);
    expect(d).to.deep.include({ from: '2024-06', to: '2025-05' });
    expect(isProblemSpec(d) ? [] : d.months).to.have.length(12);
    const r = parseFiguresQuery(q('from=2024-11&to=2025-02'), NOW);
    expect(isProblemSpec(r) ? [] : r.months).to.deep.equal(['2024-11', '2024-12', '2025-01', '2025-02']);
    for (const [s, parameter] of [
      ['from=2025-13', 'from'],
      ['to=2025-6', 'to'],
      ['from=2025-05&to=2025-04', 'from'],
      ['from=2023-01&to=2025-01', 'from'],
      ['to=2025-07', 'to'],
      // The current month is not over.
      ['to=2025-06', 'to'],
      ['from=2025-06', 'from'],
    ] as const) {
      const p = parseFiguresQuery(q(s), NOW);
      expect(isProblemSpec(p), s).to.equal(true);
      if (isProblemSpec(p)) {
        expect(p.status).to.equal(400);
        expect(p.errors?.[0]?.parameter, s).to.equal(parameter);
      }
    }
    // 24 months is allowed.
    expect(isProblemSpec(parseFiguresQuery(q('from=2023-06&to=2025-05'), NOW))).to.equal(false);
    const current = parseFiguresQuery(q('to=2025-06'), NOW);
    expect(isProblemSpec(current) ? current.detail : '').to.match(/current month is not over.*finished months only/);
  });

  it('ends the period with the last finished Oslo month, at month ends and across summer time', () => {
    const to = (now: string) => {
      const p = parseFiguresQuery(q(''), new Date(now));
      return isProblemSpec(p) ? p : p.to;
    };
    const refused = (s: string, now: string) => {
      const p = parseFiguresQuery(q(s), new Date(now));
      return isProblemSpec(p) ? p.errors?.[0]?.parameter : 'accepted';
    };
    // 1 March 00:30 Oslo (winter time) is still 28/29 February in UTC: February is over.
    expect(lastFinishedMonth(new Date('2025-02-28T23:30:00Z'))).to.equal('2025-02');
    expect(to('2025-02-28T23:30:00Z')).to.equal('2025-02');
    expect(refused('to=2025-02', '2025-02-28T23:30:00Z')).to.equal('accepted');
    expect(refused('to=2025-03', '2025-02-28T23:30:00Z')).to.equal('to');
    expect(to('2024-02-29T23:30:00Z')).to.equal('2024-02');
    // 23:59 on 28 February Oslo: February is still running.
    expect(to('2025-02-28T22:59:00Z')).to.equal('2025-01');
    expect(refused('to=2025-02', '2025-02-28T22:59:00Z')).to.equal('to');
    // The end of October (summer time ends on the last Sunday): 31 October 23:59 Oslo is
    // 22:59 UTC, 1 November 00:00 Oslo is 23:00 UTC.
    expect(to('2025-10-31T22:59:59Z')).to.equal('2025-09');
    expect(refused('to=2025-10', '2025-10-31T22:59:59Z')).to.equal('to');
    expect(to('2025-10-31T23:00:00Z')).to.equal('2025-10');
    expect(refused('to=2025-10', '2025-10-31T23:00:00Z')).to.equal('accepted');
    // Across the year.
    expect(to('2025-12-31T23:30:00Z')).to.equal('2025-12');
    expect(to('2026-01-15T12:00:00Z')).to.equal('2025-12');
  });
});

describe('figures: median and 90th percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([1, 2, 3, 4])).to.equal(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).to.be.closeTo(9.1, 1e-9);
    expect(percentile([7], 90)).to.equal(7);
    expect(percentile([], 50)).to.equal(undefined);
  });
});

describe('figures: periods in force', () => {
  it('turns dialogue-consent decisions into periods, and grants and granted services into Oslo days', () => {
    const at = (s: string) => new Date(s);
    expect(
      consentPeriods([
        { subjectId: 's', seq: 2, status: 'inactive', decidedAt: at('2025-03-01T10:00:00Z') },
        { subjectId: 's', seq: 1, status: 'active', decidedAt: at('2025-01-01T10:00:00Z') },
        { subjectId: 's', seq: 3, status: 'active', decidedAt: at('2025-05-01T10:00:00Z') },
      ]),
    ).to.deep.equal([
      { subjectId: 's', from: at('2025-01-01T10:00:00Z'), to: at('2025-03-01T10:00:00Z') },
      { subjectId: 's', from: at('2025-05-01T10:00:00Z'), to: null },
    ]);
    // A grant for 30 March (the spring change) to 31 March: Oslo midnight to midnight.
    const g = grantPeriod({ grantedAt: at('2025-03-01T10:00:00Z'), validFrom: '2025-03-30', validTo: '2025-03-31', revokedAt: null });
    expect(g.from.toISOString()).to.equal('2025-03-29T23:00:00.000Z');
    expect(g.to?.toISOString()).to.equal('2025-03-31T22:00:00.000Z');
    // Taken back before it ends; and not in force before it was given.
    expect(grantPeriod({ grantedAt: at('2025-03-31T08:00:00Z'), validFrom: '2025-03-30', validTo: null, revokedAt: at('2025-04-02T08:00:00Z') })).to.deep.equal({
      from: at('2025-03-31T08:00:00Z'),
      to: at('2025-04-02T08:00:00Z'),
    });
  });
});

describe('figures: the promised reply time in working days', () => {
  it('counts Monday to Friday in Oslo, to the end of the last working day', () => {
    // Friday afternoon, 2 working days: Monday and Tuesday, so until Wednesday 00:00.
    expect(replyDeadline(new Date('2025-06-13T15:00:00+02:00'), 2).toISOString()).to.equal('2025-06-17T22:00:00.000Z');
    // Across the October change: Friday 24 Oct + 1 working day = Monday 27 Oct, ends 28 Oct 00:00 (+01:00).
    expect(replyDeadline(new Date('2025-10-24T10:00:00+02:00'), 1).toISOString()).to.equal('2025-10-27T23:00:00.000Z');
  });
});

describe('figures: disclosure control', () => {
  it('hides every count under 5, and a count of 5 or more events from fewer than 5 people', () => {
    const cells = [cell(0), cell(4), cell(5), cell(9, 3)];
    protect(cells, []);
    expect(cells.map((c) => !!c.hidden)).to.deep.equal([true, true, false, true]);
  });

  it('hides a second cell when one hidden cell could be worked out from the total and the others', () => {
    const total = cell(20);
    const a = cell(3);
    const b = cell(6);
    const c = cell(11);
    protect([total, a, b, c], [{ total, parts: [a, b, c] }]);
    // 3 alone would be 20 − 6 − 11: the smallest shown cell (6) goes too.
    expect([total, a, b, c].map((x) => !!x.hidden)).to.deep.equal([false, true, true, false]);
  });

  it('hides the total when a lone hidden cell has no other cell to hide with', () => {
    const total = cell(8);
    const a = cell(8);
    const b = cell(0);
    protect([total, a, b], [{ total, parts: [b] }]);
    expect(total.hidden).to.equal(true);
  });

  it('does not leave two hidden cells that can only both be 4', () => {
    const total = cell(20);
    const a = cell(4);
    const b = cell(4);
    const c = cell(12);
    protect([total, a, b, c], [{ total, parts: [a, b, c] }]);
    expect(c.hidden, 'the third cell hides too').to.equal(true);
  });

  it('holds across groups that share cells, until nothing changes', () => {
    // b is in both groups: hidden for the first, it must not be worked out in the second.
    const t1 = cell(20);
    const a = cell(3);
    const b = cell(17);
    const t2 = cell(30);
    const c = cell(13);
    protect([t1, a, b, t2, c], [
      { total: t1, parts: [a, b] },
      { total: t2, parts: [b, c] },
    ]);
    expect([t1, a, b, t2, c].map((x) => !!x.hidden)).to.deep.equal([false, true, true, false, true]);
  });
});

describe('figures: computed from rows', () => {
  const services = [
    { id: 'cs-a', name: 'Hjemmesykepleien', replyWorkingDays: 2 },
    { id: 'cs-b', name: 'Dagsenteret', replyWorkingDays: 3 },
  ];
  const june = (day: number, hour = 10) => new Date(`2025-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+02:00`);
  const cancellations: CancellationRow[] = [
    // 8 online cancellations at cs-a by 8 people, before the deadline, ill.
    ...Array.from({ length: 8 }, (_, i) => ({ subjectId: `s${i}`, serviceId: 'cs-a', visitAt: june(2 + i), cancelledAt: june(1), deadline: june(1, 15), online: true, reasonCode: 'pat-crs' })),
    // 6 by staff at cs-a (6 people), after the deadline, in hospital.
    ...Array.from({ length: 6 }, (_, i) => ({ subjectId: `t${i}`, serviceId: 'cs-a', visitAt: june(3 + i), cancelledAt: june(3 + i, 7), deadline: june(2 + i, 15), online: false, reasonCode: 'pat-cpp' })),
    // 5 and 5 at cs-b.
    ...Array.from({ length: 5 }, (_, i) => ({ subjectId: `u${i}`, serviceId: 'cs-b', visitAt: june(4 + i), cancelledAt: june(1), deadline: june(3, 15), online: true, reasonCode: 'pat-crs' })),
    ...Array.from({ length: 5 }, (_, i) => ({ subjectId: `w${i}`, serviceId: 'cs-b', visitAt: june(4 + i), cancelledAt: june(4 + i, 8), deadline: june(3 + i, 15), online: false, reasonCode: 'pat-cpp' })),
    // 1 at 00:30 on 1 July Oslo time (still June in UTC): a July figure.
    { subjectId: 'v1', serviceId: 'cs-a', visitAt: new Date('2025-06-30T22:30:00Z'), cancelledAt: june(20), deadline: june(29, 15), online: true, reasonCode: 'pat-crs' },
  ];
  // Six threads at cs-a, answered after 1..6 hours (Monday 2 June onwards), three messages each.
  const threads: ThreadRow[] = Array.from({ length: 6 }, (_, i) => ({
    subjectId: `s${i}`,
    serviceId: 'cs-a',
    messages: [
      { at: june(2 + i, 9), staff: false },
      { at: june(2 + i, 10 + i), staff: true },
      { at: june(2 + i, 17), staff: false },
    ],
  }));
  const serviceUse = Array.from({ length: 7 }, (_, i) => ({ subjectId: `s${i}`, serviceId: 'cs-a', from: new Date('2025-01-01T00:00:00Z'), to: null }));
  const input = (): FiguresInput => ({
    query: { from: '2025-06', to: '2025-07', months: ['2025-06', '2025-07'] },
    now: new Date('2025-07-20T12:00:00+02:00'),
    services,
    reasonCodes: ['pat-crs', 'pat-cpp'],
    cancellations,
    threads,
    consents: serviceUse.slice(0, 6).map((u) => ({ subjectId: u.subjectId, from: u.from, to: null })),
    // Two relatives: too few.
    relatives: [
      { relativeId: 'r1', subjectId: 's0', from: new Date('2025-01-01T00:00:00Z'), to: null },
      { relativeId: 'r2', subjectId: 's1', from: new Date('2025-01-01T00:00:00Z'), to: null },
    ],
    serviceUse,
  });
  const row = (f: ReturnType<typeof computeFigures>, month: string, service: string | null) => f.rows.find((r) => r.month === month && r.service === service)!;

  it('counts per month and service, and shows no figure under 5', () => {
    const f = computeFigures(input());
    expect(f.minimumCount).to.equal(minimumCount);
    const a = row(f, '2025-06', 'cs-a');
    expect(a.cancellations).to.deep.include({ total: 14, online: 8, other: 6, beforeDeadline: 8, afterDeadline: 6, onlineShare: 0.571 });
    expect(a.cancellations.reasons).to.deep.equal([
      { code: 'pat-crs', count: 8 },
      { code: 'pat-cpp', count: 6 },
    ]);
    expect(row(f, '2025-06', 'cs-b').cancellations).to.deep.include({ total: 10, online: 5, other: 5 });
    expect(row(f, '2025-06', null).cancellations).to.deep.include({ total: 24, online: 13, other: 11, onlineShare: 0.542 });
    // The one at 00:30 on 1 July is July's, and under 5; so are July's other cells, and the share.
    const july = row(f, '2025-07', null).cancellations;
    expect(july.total).to.deep.equal(suppressed);
    expect(july.onlineShare).to.deep.equal(suppressed);
    // No number anywhere under 5 (shares and averages are not counts).
    for (const r of f.rows) {
      const c = r.cancellations;
      for (const v of [c.total, c.online, c.other, c.beforeDeadline, c.afterDeadline, ...c.reasons.map((x) => x.count), r.messages.threads, r.messages.messages, r.messages.answered, r.consent.people, r.relatives.people]) {
        expect(isSuppressed(v) || (typeof v === 'number' && v >= minimumCount), `${r.month} ${r.service}: ${JSON.stringify(v)}`).to.equal(true);
      }
    }
  });

  it('hides a second service when a small one could be worked out from the month total', () => {
    const withC = {
      ...input(),
      services: [...services, { id: 'cs-c', name: 'Trygghetsalarm', replyWorkingDays: null }],
      cancellations: [
        ...cancellations,
        ...['x1', 'x2'].map((subjectId) => ({ subjectId, serviceId: 'cs-c', visitAt: june(10), cancelledAt: june(2), deadline: june(9, 15), online: true, reasonCode: 'pat-crs' })),
      ],
    };
    const f = computeFigures(withC);
    expect(row(f, '2025-06', null).cancellations.total).to.equal(26);
    expect(row(f, '2025-06', 'cs-c').cancellations.total).to.deep.equal(suppressed);
    // 2 = 26 − 14 − 10: the smaller of the others (cs-b) is hidden too; cs-a stays.
    expect(row(f, '2025-06', 'cs-b').cancellations.total).to.deep.equal(suppressed);
    expect(row(f, '2025-06', 'cs-a').cancellations.total).to.equal(14);
  });

  it('gives the messages per thread, the median and 90th percentile to the first answer, and the promise', () => {
    const f = computeFigures(input());
    const m = row(f, '2025-06', null).messages;
    expect(m).to.deep.include({ threads: 6, messages: 18, messagesPerThread: 3, answered: 6, firstAnswerMedianHours: 3.5, firstAnswerP90Hours: 5.5 });
    expect(m.answeredWithinPromise).to.equal(6);
    expect(m.withinPromiseShare).to.equal(1);
    // With 4 answered threads, no percentile is shown.
    const few = computeFigures({ ...input(), threads: threads.slice(0, 4) });
    expect(row(few, '2025-06', null).messages.firstAnswerMedianHours).to.deep.equal(suppressed);
    expect(row(few, '2025-06', null).messages.messagesPerThread).to.deep.equal(suppressed);
  });

  it('counts messages in the month they were written: a finished month stays as it was when its threads go on', () => {
    const before = computeFigures(input());
    // Each of the six June threads gets one more question on 3 July.
    const goneOn = threads.map((t) => ({ ...t, messages: [...t.messages, { at: new Date('2025-07-03T09:00:00+02:00'), staff: false }] }));
    const after = computeFigures({ ...input(), threads: goneOn });
    for (const service of [null, 'cs-a']) {
      expect(row(after, '2025-06', service).messages, `June ${service}`).to.deep.equal(row(before, '2025-06', service).messages);
    }
    expect(row(after, '2025-07', null).messages).to.deep.include({ threads: 6, messages: 6, messagesPerThread: 1 });
  });

  it('counts a first answer in the month it was given, from the question in the month before', () => {
    // Six questions at 22:30 on 30 June (Oslo), answered 7 to 12 hours later, on 1 July.
    const late: ThreadRow[] = Array.from({ length: 6 }, (_, i) => ({
      subjectId: `s${i}`,
      serviceId: 'cs-a',
      messages: [
        { at: june(30, 22), staff: false },
        { at: new Date(june(30, 22).getTime() + (7 + i) * 3_600_000), staff: true },
      ],
    }));
    const f = computeFigures({ ...input(), threads: late });
    const [jun, jul] = [row(f, '2025-06', null).messages, row(f, '2025-07', null).messages];
    expect(jun).to.deep.include({ threads: 6, messages: 6, answered: suppressed, firstAnswerMedianHours: suppressed });
    expect(jul).to.deep.include({ threads: 6, messages: 6, answered: 6, firstAnswerMedianHours: 9.5, firstAnswerP90Hours: 11.5 });
  });

  it('counts the people with consent and the relatives with access at the end of the month, rounded to 5', () => {
    const f = computeFigures(input());
    // Six people with consent: published as 5 (rounded; the exact 6 was shown before rounding).
    expect(row(f, '2025-06', null).consent.people).to.equal(5);
    expect(row(f, '2025-06', 'cs-a').consent.people).to.equal(5);
    expect(row(f, '2025-06', 'cs-b').consent.people).to.deep.equal(suppressed);
    expect(isSuppressed(row(f, '2025-06', null).relatives.people)).to.equal(true);
    // A consent withdrawn on 20 June is not counted at June's end: with eight (published 10), one
    // withdrawn leaves seven (published 5).
    const eight = [...input().consents, ...['e1', 'e2'].map((subjectId) => ({ subjectId, from: new Date('2025-01-01T00:00:00Z'), to: null }))];
    expect(row(computeFigures({ ...input(), consents: eight }), '2025-06', null).consent.people).to.equal(10);
    const withdrawn = computeFigures({ ...input(), consents: eight.map((c, i) => (i === 0 ? { ...c, to: june(20) } : c)) });
    expect(row(withdrawn, '2025-06', null).consent.people).to.equal(5);
  });

  it('does not let one month minus the one before name a person: 12 then 13 are published 10 and 15', () => {
    // Twelve people with consent all along, a thirteenth from 10 July; 12 relatives, a thirteenth in July.
    const jan = new Date('2025-01-01T00:00:00Z');
    const people = Array.from({ length: 13 }, (_, i) => `c${i}`);
    const consents = people.map((subjectId, i) => ({ subjectId, from: i < 12 ? jan : new Date('2025-07-10T12:00:00+02:00'), to: null }));
    const relatives = people.map((subjectId, i) => ({ relativeId: `r${i}`, subjectId, from: i < 12 ? jan : new Date('2025-07-12T12:00:00+02:00'), to: null }));
    const serviceUse = people.map((subjectId) => ({ subjectId, serviceId: 'cs-a', from: jan, to: null }));
    const f = computeFigures({ ...input(), consents, relatives, serviceUse });
    for (const service of [null, 'cs-a']) {
      const june = row(f, '2025-06', service);
      const july = row(f, '2025-07', service);
      // Exact, these were 12 and 13: July − June = 1, the person who consented on 10 July. Rounded,
      // the difference is 5, which 12 → 13 and 8 → 17 would both give.
      expect([june.consent.people, july.consent.people], `consent ${service}`).to.deep.equal([10, 15]);
      expect([june.relatives.people, july.relatives.people], `relatives ${service}`).to.deep.equal([10, 15]);
      expect(((july.consent.people as number) - (june.consent.people as number)) % stockRounding).to.equal(0);
    }
    // 11 then 12: the change is not seen at all.
    const eleven = computeFigures({ ...input(), consents: consents.slice(1), relatives, serviceUse });
    expect([row(eleven, '2025-06', null).consent.people, row(eleven, '2025-07', null).consent.people]).to.deep.equal([10, 10]);
    // 12 then 18: 10 and 20, a multiple of 5 again.
    const more = computeFigures({ ...input(), consents: [...consents, ...['d1', 'd2', 'd3', 'd4', 'd5'].map((subjectId) => ({ subjectId, from: new Date('2025-07-11T12:00:00+02:00'), to: null }))], relatives, serviceUse });
    expect([row(more, '2025-06', null).consent.people, row(more, '2025-07', null).consent.people]).to.deep.equal([10, 20]);
  });

  it('rounds every stock count from 0 to 60: under 5 suppressed, else the nearest multiple of 5, never off by more than 2', () => {
    expect(stockRounding).to.equal(5);
    let previous: number | undefined;
    for (let n = 0; n <= 60; n++) {
      const v = shownStock(cell(n));
      if (n < minimumCount) {
        expect(v, `${n}`).to.deep.equal(suppressed);
        continue;
      }
      expect(typeof v, `${n}`).to.equal('number');
      const r = v as number;
      expect(r % stockRounding, `${n} → ${r}`).to.equal(0);
      expect(r, `${n}`).to.be.at.least(minimumCount);
      expect(Math.abs(r - n), `${n} → ${r}`).to.be.at.most(2);
      expect(r, `${n}`).to.equal(roundStock(n));
      // One person more never moves the figure by anything but 0 or 5.
      if (previous !== undefined) expect([0, stockRounding], `${n - 1} → ${n}`).to.include(r - previous);
      previous = r;
    }
    // A cell hidden by the suppression stays hidden when rounded, and fewer than 5 people behind it hide it too.
    expect(shownStock({ ...cell(12), hidden: true })).to.deep.equal(suppressed);
    expect(shownStock(cell(12, 4))).to.deep.equal(suppressed);
  });

  it('writes the same figures as CSV, with <5 for a suppressed one', () => {
    const f = computeFigures(input());
    const csv = figuresCsv(f, ['pat-crs', 'pat-cpp']);
    const lines = csv.split('\r\n');
    expect(lines[0]).to.match(/^month,service_id,service,cancellations,cancelled_online,/);
    // The rounded stock figures say so in their column names.
    expect(lines[0]).to.match(/,people_with_consent_rounded_to_5,relatives_with_access_rounded_to_5$/);
    expect(lines.at(-1)).to.equal('');
    expect(lines).to.have.length(1 + f.rows.length + 1);
    const june = lines.find((l) => l.startsWith('2025-06,,'))!;
    expect(june.split(',').slice(0, 4)).to.deep.equal(['2025-06', '', 'Alle tjenester', '24']);
    expect(lines.find((l) => l.startsWith('2025-07,cs-b,'))!.split(',')[3]).to.equal('<5');
  });
});
