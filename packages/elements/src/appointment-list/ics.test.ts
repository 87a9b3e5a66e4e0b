import { expect } from '@open-wc/testing';
import { buildIcs, escapeText, foldLine, icsUtc } from './ics.js';

const octets = (s: string) => new TextEncoder().encode(s).length;
/** RFC 5545 unfolding: CRLF followed by one space or tab joins lines. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');
const lines = (ics: string) => unfold(ics).split('\r\n');
const prop = (ics: string, name: string) => lines(ics).find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);

const base = {
  uid: 'apt-1@omsorg',
  start: new Date('2026-03-02T08:00:00+01:00'),
  end: new Date('2026-03-02T10:00:00+01:00'),
  summary: 'Hjemmesykepleie',
  stamp: new Date('2026-03-01T12:00:00Z'),
};

describe('ics', () => {
  it('formats instants as UTC basic format and refuses invalid dates', () => {
    expect(icsUtc(new Date('2026-03-02T08:05:09+01:00'))).to.equal('20260302T070509Z');
    expect(icsUtc(new Date('0999-01-01T00:00:00Z'))).to.equal('09990101T000000Z');
    expect(() => icsUtc(new Date('nope'))).to.throw(RangeError);
  });

  it('converts Oslo times on both sides of the spring and autumn DST changes', () => {
    // Sunday 29 March 2026: 02:00 +01:00 becomes 03:00 +02:00.
    expect(icsUtc(new Date('2026-03-29T01:30:00+01:00'))).to.equal('20260329T003000Z');
    expect(icsUtc(new Date('2026-03-29T08:00:00+02:00'))).to.equal('20260329T060000Z');
    // Sunday 25 October 2026: 03:00 +02:00 becomes 02:00 +01:00; 02:30 happens twice.
    expect(icsUtc(new Date('2026-10-25T02:30:00+02:00'))).to.equal('20261025T003000Z');
    expect(icsUtc(new Date('2026-10-25T02:30:00+01:00'))).to.equal('20261025T013000Z');
    const ics = buildIcs({ ...base, start: new Date('2026-03-28T22:00:00+01:00'), end: new Date('2026-03-29T10:00:00+02:00') });
    expect(prop(ics, 'DTSTART')).to.equal('20260328T210000Z');
    expect(prop(ics, 'DTEND')).to.equal('20260329T080000Z');
  });

  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a,b;c\\d')).to.equal('a\\,b\\;c\\\\d');
    expect(escapeText('one\r\ntwo\nthree\rfour\u2028five')).to.equal('one\\ntwo\\nthree\\nfour\\nfive');
    expect(escapeText('tab\tstays')).to.equal('tab\tstays');
    expect(escapeText('bell\u0007null\u0000del\u007f')).to.equal('bellnulldel');
  });

  it('keeps hostile text inside its own property', () => {
    const hostile = 'Visit\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nATTENDEE:mailto:evil@example.com;X=1,2\\';
    const ics = buildIcs({ ...base, summary: hostile, location: '<img src=x onerror=alert(1)>', description: '\u202Eenohp\u202C;\n"q"' });
    const all = lines(ics);
    expect(all.filter((l) => l === 'BEGIN:VEVENT')).to.have.length(1);
    expect(all.filter((l) => l === 'END:VEVENT')).to.have.length(1);
    expect(all.some((l) => l.startsWith('ATTENDEE'))).to.equal(false);
    expect(prop(ics, 'SUMMARY')).to.equal('Visit\\nEND:VEVENT\\nBEGIN:VEVENT\\nATTENDEE:mailto:evil@example.com\\;X=1\\,2\\\\');
    expect(prop(ics, 'LOCATION')).to.equal('<img src=x onerror=alert(1)>');
    expect(prop(ics, 'DESCRIPTION')).to.equal('\u202Eenohp\u202C\\;\\n"q"');
  });

  it('writes a complete calendar with CRLF line endings only', () => {
    const ics = buildIcs({ ...base, location: 'Hjemme, Granveien 4', description: 'Mellom 08:00 og 10:00', status: 'CONFIRMED' });
    expect(ics.endsWith('\r\n')).to.equal(true);
    expect(/\r(?!\n)|(?<!\r)\n/.test(ics)).to.equal(false);
    const all = lines(ics);
    expect(all[0]).to.equal('BEGIN:VCALENDAR');
    expect(all).to.include.members(['VERSION:2.0', 'BEGIN:VEVENT', 'END:VEVENT', 'STATUS:CONFIRMED']);
    expect(all.at(-2)).to.equal('END:VCALENDAR');
    expect(prop(ics, 'UID')).to.equal('apt-1@omsorg');
    expect(prop(ics, 'DTSTAMP')).to.equal('20260301T120000Z');
    expect(prop(ics, 'DTSTART')).to.equal('20260302T070000Z');
    expect(prop(ics, 'DTEND')).to.equal('20260302T090000Z');
    expect(prop(ics, 'LOCATION')).to.equal('Hjemme\\, Granveien 4');
    expect(prop(ics, 'PRODID')).to.be.a('string');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds losslessly', () => {
    const text = 'Blodprøve: ikke spis frokost før sykepleieren har vært hos deg. Æøå 🙂 '.repeat(12);
    const line = `DESCRIPTION:${escapeText(text)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).to.be.greaterThan(10);
    for (const [i, l] of physical.entries()) {
      expect(octets(l)).to.be.at.most(75);
      if (i > 0) expect(l.startsWith(' ')).to.equal(true);
      expect(l.includes('\uFFFD')).to.equal(false);
    }
    expect(unfold(folded)).to.equal(line);
    // Short lines stay as they are.
    expect(foldLine('SUMMARY:kort')).to.equal('SUMMARY:kort');
    // Exactly 75 octets is not folded; 76 is.
    expect(foldLine('X'.repeat(75))).to.equal('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).to.equal(`${'X'.repeat(75)}\r\n X`);
    // A character that would straddle the limit moves to the next line whole.
    const edge = foldLine(`${'X'.repeat(74)}ø`);
    expect(edge).to.equal(`${'X'.repeat(74)}\r\n ø`);
  });
});
