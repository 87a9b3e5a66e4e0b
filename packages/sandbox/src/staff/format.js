// @ts-check
/** Times on the staff page: Europe/Oslo, Norwegian style, whatever the machine's zone. */
const format = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });

/** @param {string} iso an ISO 8601 time with offset */
export const formatOslo = (iso) => format.format(new Date(iso));
