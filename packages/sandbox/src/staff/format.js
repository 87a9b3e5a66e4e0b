// @ts-check
/** Times on the staff page: Europe/Oslo, Norwegian style, whatever the machine's zone. */
const format = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });

/** @param {string} iso an ISO 8601 time with offset */
export const formatOslo = (iso) => format.format(new Date(iso));

const dayFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', timeStyle: 'short' });

/**
 * A visit's span: `10.12.2026, 10:00–15:00`, with the end's date only when it ends another day.
 * @param {string} start
 * @param {string} end
 */
export const formatOsloSpan = (start, end) =>
  dayFormat.format(new Date(start)) === dayFormat.format(new Date(end)) ? `${formatOslo(start)}–${timeFormat.format(new Date(end))}` : `${formatOslo(start)}–${formatOslo(end)}`;
