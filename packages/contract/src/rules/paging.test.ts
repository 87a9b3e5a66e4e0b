import { expect } from '@open-wc/testing';
import { appointmentCursor, decodeKey, encodeKey, parseAppointmentQuery, parseThreadQuery, threadCursor } from './paging.js';

const q = (s: string) => new URLSearchParams(s);

describe('rules: paging', () => {
  it('parses appointment queries and refuses bad ones with a 400', () => {
    expect(parseAppointmentQuery(q(''))).to.deep.equal({ when: 'upcoming', limit: 20, from: undefined, to: undefined, after: undefined });
    expect(parseAppointmentQuery(q('when=later'))).to.include({ status: 400 });
    expect(parseAppointmentQuery(q('limit=101'))).to.include({ status: 400 });
    expect(parseAppointmentQuery(q('limit=0'))).to.include({ status: 400 });
    // An unencoded '+' arrives as a space and is refused.
    expect(parseAppointmentQuery(q('from=2025-03-30T08:00:00+02:00'))).to.include({ status: 400 });
    const from = parseAppointmentQuery(q('from=2025-03-30T08:00:00%2B02:00'));
    expect((from as { from: Date }).from.toISOString()).to.equal('2025-03-30T06:00:00.000Z');
  });

  it('cursors name their list: one of upcoming fails past and threads, and tampering fails', () => {
    const c = appointmentCursor('upcoming', { start: '2025-03-30T08:00:00+02:00', id: 'a-1' });
    expect(parseAppointmentQuery(q(`cursor=${c}`))).to.deep.include({ after: { start: Date.parse('2025-03-30T06:00:00Z'), id: 'a-1' } });
    expect(parseAppointmentQuery(q(`when=past&cursor=${c}`))).to.include({ status: 400 });
    expect(parseThreadQuery(q(`cursor=${c}`))).to.include({ status: 400 });
    expect(parseThreadQuery(q(`cursor=${threadCursor(5, 't-1')}`))).to.deep.equal({ limit: 50, after: { at: 5, id: 't-1' } });
    expect(decodeKey(`${c} `, 'upcoming')).to.equal(null);
    expect(decodeKey(encodeKey('threads', Infinity, 't'), 'threads')).to.equal(null);
    expect(decodeKey(encodeKey('threads', 1, '../x'), 'threads')).to.equal(null);
    expect(decodeKey('x'.repeat(201), 'threads')).to.equal(null);
    expect(parseThreadQuery(q('limit=500'))).to.deep.equal({ limit: 500, after: undefined });
  });
});
