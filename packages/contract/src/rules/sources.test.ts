import { expect } from '@open-wc/testing';
import type { Appointment, RecordSource } from '../types.js';
import { appointmentCursor, appointmentPage, parseAppointmentQuery, type ListQuery } from './paging.js';
import { mergeAppointmentPages, municipalitiesOf, sameSource } from './sources.js';

const bergen: RecordSource = { municipality: { number: '4601', name: 'Bergen' }, system: { id: 'bergen-epj', name: 'Bergen EPJ' } };
const askoy: RecordSource = { municipality: { number: '4627', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy EPJ' } };
const now = new Date('2026-03-02T08:00:00Z');
const at = (h: number, id: string, source: RecordSource) =>
  ({ id, start: new Date(now.getTime() + h * 3600e3).toISOString(), end: new Date(now.getTime() + (h + 1) * 3600e3).toISOString(), source }) as unknown as Appointment;
const a = [at(1, 'a1', bergen), at(4, 'a2', bergen), at(5, 'a3', bergen), at(9, 'a4', bergen)];
const b = [at(2, 'b1', askoy), at(3, 'b2', askoy), at(6, 'b3', askoy)];
const query = (s: string) => parseAppointmentQuery(new URLSearchParams(s)) as ListQuery;

describe('rules: record sources', () => {
  it('merges the sources in the contract order and pages across them with one cursor', () => {
    const seen: string[] = [];
    let q = query('limit=2');
    for (let i = 0; i < 10; i++) {
      // Each source answers its own first page after the cursor, as an adapter does.
      const pages = [a, b].map((items) => {
        const p = appointmentPage(items, q, now);
        return { items: p.items, more: p.nextCursor !== null };
      });
      const merged = mergeAppointmentPages(pages, q, now);
      seen.push(...merged.items.map((x) => x.id));
      const last = merged.items.at(-1);
      if (!merged.more || !last) break;
      q = query(`limit=2&cursor=${appointmentCursor('upcoming', last)}`);
    }
    expect(seen).to.deep.equal(['a1', 'b1', 'b2', 'a2', 'a3', 'b3', 'a4']);
  });

  it('refuses two sources giving one id', () => {
    expect(() => mergeAppointmentPages([{ items: [a[0]!], more: false }, { items: [at(7, 'a1', askoy)], more: false }], query(''), now)).to.throw(/unique/);
  });

  it('compares sources and lists the municipalities once each', () => {
    expect(sameSource(bergen, { ...bergen })).to.equal(true);
    expect(sameSource(bergen, askoy)).to.equal(false);
    expect(sameSource(undefined, undefined)).to.equal(true);
    expect(municipalitiesOf([...a, ...b, { source: undefined }]).map((m) => m.number)).to.deep.equal(['4601', '4627']);
  });
});
