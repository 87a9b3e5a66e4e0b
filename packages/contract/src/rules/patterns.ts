/** The shapes of identifiers and times on the wire, as openapi.yaml writes them. */

/** An opaque id (subject, appointment, thread, message, attachment): URL-safe, 1–64 characters. */
export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A subject in a path: `me` or an opaque id. Never a national identity number. */
export const subjectRefPattern = /^(me|[A-Za-z0-9_-]{1,64})$/;

/**
 * An RFC 3339 date-time with a mandatory offset (`Z` or `±hh:mm`), seconds and fractions
 * optional: what a server accepts in a query and what a client accepts in a response. A '+' sent
 * unencoded in a query string arrives as a space and is refused, as a real server would.
 */
export const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A calendar date, `YYYY-MM-DD`. */
export const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for an RFC 3339 date-time with an offset that is also a real instant. */
export function isDateTime(text: string): boolean {
  return dateTimePattern.test(text) && !Number.isNaN(Date.parse(text));
}

/** Idempotency-Key: one per user intent, 8–100 characters after trimming. */
export const idempotencyKeyLength = { min: 8, max: 100 } as const;
