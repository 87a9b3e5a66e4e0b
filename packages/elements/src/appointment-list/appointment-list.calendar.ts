/**
 * "Add to calendar" for `<omsorg-appointment-list>`: one appointment, or a whole recurring
 * series, as an .ics file (ics.ts builds the text). Plain functions, not a controller: the
 * element keeps its one BlobDownloads and says a failure in its own live region.
 */
import { parseSeriesRule, serviceLabel, type Appointment } from '@omsorg/contract';
import type { CommonMessages } from '../internal/messages.js';
import type { Locale } from '../internal/locale.js';
import { formatTime, osloDayKey, parseInstant } from '../internal/format.js';
import { buildIcs } from './ics.js';
import type { AppointmentListMessages } from './appointment-list.messages.js';

/** A series exported as one calendar event (its rule from the first visit's start). */
interface SeriesEvent {
  uid: string;
  start: string;
  end: string;
  rrule: string;
  exdates: Date[];
}

/** The calendar file of an appointment: its content and its name. */
export type CalendarFile = [blob: Blob, name: string];

/**
 * The calendar file behind an item's "Add to calendar": a visit of a series with a rule the
 * rules core reads exports the whole series, any other appointment itself. Throws a RangeError
 * on an invalid date.
 */
export function calendarFor(items: readonly Appointment[], a: Appointment, t: AppointmentListMessages, common: CommonMessages, locale: Locale): CalendarFile | undefined {
  if (!a.series || !parseSeriesRule(a.series.rule)) return calendarFile(a, t, common, locale);
  // The whole series as one calendar event: its RRULE from the first visit's start (Europe/Oslo),
  // and each of its visits in the list that will not happen (cancelled) as an EXDATE.
  const seriesId = a.series.id;
  const visits = items.filter((v) => v.series?.id === seriesId);
  const first = visits[0];
  if (!first?.series) return undefined;
  const gone = visits.filter((v) => v.status === 'cancelled' || v.status === 'entered-in-error');
  return calendarFile(first, t, common, locale, {
    uid: `${seriesId}@omsorg`,
    start: first.series.start,
    end: first.series.end,
    rrule: first.series.rule,
    exdates: gone.map((v) => parseInstant(v.start)).filter((d): d is Date => !!d),
  });
}

/** The .ics file of one appointment (or of its series). */
function calendarFile(a: Appointment, t: AppointmentListMessages, common: CommonMessages, locale: Locale, series?: SeriesEvent): CalendarFile {
  const start = parseInstant(series?.start ?? a.start);
  const end = parseInstant(series?.end ?? a.end);
  if (!start || !end) throw new RangeError('Invalid date');
  const label = serviceLabel(a.serviceType, locale) ?? common.unknownCode;
  const place = a.location ? [a.location.atHome ? t.atHome : a.location.name, a.location.address].filter(Boolean).join(', ') : '';
  const description = [
    a.timing === 'window' ? t.calendarWindow(formatTime(start, locale), formatTime(end, locale)) : '',
    a.description ?? '',
    t.calendarCareService(a.careService.name),
    a.preparation ? t.calendarPreparation(a.preparation) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const text = buildIcs({
    uid: series?.uid ?? `${a.id}@omsorg`,
    start,
    end,
    ...(series ? { rrule: series.rrule, exdates: series.exdates } : {}),
    summary: label,
    location: place,
    description,
    status: series || a.status === 'booked' || a.status === 'arrived' || a.status === 'checked-in' ? 'CONFIRMED' : 'TENTATIVE',
  });
  return [new Blob([text], { type: 'text/calendar;charset=utf-8' }), t.calendarFile(osloDayKey(start))];
}
