/**
 * A minimal RFC 5545 (iCalendar) writer for "add to calendar": one VEVENT in a VCALENDAR, times
 * in UTC, TEXT values escaped, CRLF line endings and lines folded at 75 octets. All texts that
 * reach it may come from the backend (untrusted); escaping keeps them from adding properties.
 *
 * A series of recurring visits is one VEVENT with the contract's RRULE (checked against the rules
 * core's pattern before it is written), its cancelled visits as EXDATE, and its times in
 * Europe/Oslo wall-clock time (TZID with a VTIMEZONE), so 08:00 stays 08:00 in the calendar
 * across a summer-time change.
 */
import { osloIso, parseSeriesRule } from '@omsorg/contract';

export interface IcsEvent {
  /** Globally unique and stable for the appointment, so a second download updates the entry. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** DTSTAMP: when the file was made (default now). */
  stamp?: Date;
  /** A series: the contract's RRULE; then DTSTART/DTEND are the first visit's, in Europe/Oslo. */
  rrule?: string;
  /** A series' visits that do not happen (each the start of one), EXDATE in Europe/Oslo. */
  exdates?: readonly Date[];
}

/** Europe/Oslo since 1996 (the EU rule: the last Sunday of March and of October, at 01:00 UTC). */
const OSLO_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Oslo',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDTHHMMSSZ` (RFC 5545 DATE-TIME in UTC). Throws on an invalid date. */
export function icsUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

// Control characters are not allowed in TEXT values (HTAB is; line breaks are escaped below).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Escapes a TEXT value: `\` `;` `,` and line breaks; drops other control characters. */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n');
}

/**
 * Folds one content line so that no physical line is longer than 75 octets (UTF-8), never
 * splitting a character; continuation lines start with one space.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** `YYYYMMDDTHHMMSS`, the Europe/Oslo wall-clock time (a DATE-TIME with TZID=Europe/Oslo). */
export function icsOslo(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
  return osloIso(d).slice(0, 19).replace(/[-:]/g, '');
}

/** The whole calendar file, CRLF line endings, ending with a CRLF. */
export function buildIcs(event: IcsEvent): string {
  const series = event.rrule !== undefined;
  // Only the contract's RRULE subset is written (its pattern has no `:`, `;` beyond its parts, or line break).
  if (series && !parseSeriesRule(event.rrule!)) throw new RangeError('Invalid RRULE');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//omsorg//appointment-list//NO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(series ? OSLO_VTIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icsUtc(event.stamp ?? new Date())}`,
    series ? `DTSTART;TZID=Europe/Oslo:${icsOslo(event.start)}` : `DTSTART:${icsUtc(event.start)}`,
    series ? `DTEND;TZID=Europe/Oslo:${icsOslo(event.end)}` : `DTEND:${icsUtc(event.end)}`,
  ];
  if (series) {
    lines.push(`RRULE:${event.rrule}`);
    if (event.exdates?.length) lines.push(`EXDATE;TZID=Europe/Oslo:${event.exdates.map(icsOslo).join(',')}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
