// @ts-check
/**
 * What the record system holds for a subject (routed here by index.js): appointments (list with
 * its weak ETag and 304, one, cancel: cancel.js, one transaction) and the granted services. Each:
 * the subject with the operation's scope (caller.js `access`) → the query or body → the record
 * system (records/) → one access-log row.
 */
import { appointmentCursor, etagOf, noneMatch, parseAppointmentQuery } from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { fieldErrors } from './contract.js';
import { cancelAppointment, checkCancelHeaders } from './cancel.js';
import { json, jsonWithListEtag } from './reply-kit.js';
import { isId } from '../data/store.js';

export const APPOINTMENT_OPERATIONS = new Set(['listAppointments', 'getAppointment', 'cancelAppointment', 'listServices']);

/**
 * @typedef {Omit<import('./message-kit.js').MessageContext, 'access'> & {
 *   access: (scope: 'appointments.read' | 'appointments.cancel' | 'services.read', what: any) => Promise<import('../data/store.js').SubjectAccess>
 * }} AppointmentContext
 */

/**
 * @param {string} operationId
 * @param {AppointmentContext} c
 * @returns {Promise<import('../http/reply.js').Reply>}
 */
export async function appointmentOperation(operationId, c) {
  const { db, records, contract, req, url, path, method, params, person, at, log } = c;
  switch (operationId) {
    case 'listAppointments': {
      const what = /** @type {const} */ ({ action: 'read', resource: 'appointments' });
      const subject = await c.access('appointments.read', what);
      let query;
      try {
        query = orThrow(parseAppointmentQuery(url.searchParams));
        const errors = contract.validateRequest('listAppointments', { method, path, headers: req.headers, query: url.search.slice(1) });
        if (errors.length) {
          const fields = fieldErrors(errors);
          throw new ProblemError(400, 'validation', 'The query is not valid.', fields.length ? { errors: fields } : {});
        }
      } catch (err) {
        if (err instanceof ProblemError) await log({ ...what, subjectId: subject.id, outcome: 'refused', status: err.status });
        throw err;
      }
      const page = await records.listAppointments(db, subject.id, query, at);
      const items = page.items;
      const last = items[items.length - 1];
      const nextCursor = page.more && last ? appointmentCursor(query.when, last) : null;
      // A source that did not answer is said, not hidden (several record systems: composite.js).
      const body = { items, nextCursor, ...(page.unavailable?.length ? { unavailableSources: page.unavailable } : {}) };
      const { etag, reply } = jsonWithListEtag(body);
      // Not logged: a 304 discloses nothing the caller was not given, in a logged 200, already
      // (docs/architecture.md, "A 304 is not logged").
      if (noneMatch(c.header('if-none-match'), etag)) return { status: 304, headers: { ETag: etag }, body: undefined };
      await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
      return reply();
    }

    case 'getAppointment': {
      const appointmentId = params.appointmentId ?? '';
      const what = /** @type {const} */ ({ action: 'read', resource: 'appointment', resourceId: appointmentId });
      const subject = await c.access('appointments.read', what);
      const appointment = isId(appointmentId) ? await records.getAppointment(db, subject.id, appointmentId, at) : undefined;
      if (!appointment) {
        await log({ ...what, subjectId: subject.id, outcome: 'not-found', status: 404 });
        throw new ProblemError(404, 'notFound', 'No such appointment.');
      }
      await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
      return json(appointment, 200, { ETag: etagOf(appointment) });
    }

    case 'cancelAppointment': {
      const appointmentId = params.appointmentId ?? '';
      const what = /** @type {const} */ ({ action: 'cancel', resource: 'appointment', resourceId: appointmentId });
      const subject = await c.access('appointments.cancel', what);
      const body = await c.body();
      try {
        if (body.tooLarge) {
          // Where the mocks check "is the body JSON": after the two headers.
          const contentType = c.header('content-type');
          checkCancelHeaders({ idempotencyKey: c.header('idempotency-key'), ifMatch: c.header('if-match'), bodyText: '{}', contentType });
          throw new ProblemError(400, 'validation', 'The body is too large.', { errors: [{ pointer: '', code: 'too-long' }] });
        }
        const checked = checkCancelHeaders({
          idempotencyKey: c.header('idempotency-key'),
          ifMatch: c.header('if-match'),
          bodyText: body.text,
          contentType: c.header('content-type'),
        });
        const outcome = await cancelAppointment(db, {
          actor: person,
          subjectId: subject.id,
          appointmentId,
          key: checked.key,
          ifMatch: checked.ifMatch,
          body: checked.body,
          now: at,
          notices: c.notices,
          records,
          extraValidation: (b) =>
            fieldErrors(contract.validateRequest('cancelAppointment', { method, path, headers: req.headers, query: url.search.slice(1), body: b })),
          onCommit: (tx, o) => log({ ...what, subjectId: subject.id, outcome: o.replayed ? 'replayed' : 'ok', status: o.status }, tx),
        });
        return json(outcome.body, outcome.status, { ETag: outcome.etag });
      } catch (err) {
        if (err instanceof ProblemError) {
          await log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
        }
        throw err;
      }
    }

    case 'listServices': {
      const what = /** @type {const} */ ({ action: 'read', resource: 'services' });
      const subject = await c.access('services.read', what);
      const { items, unavailable } = await records.listServices(db, subject.id);
      await log({ ...what, subjectId: subject.id, outcome: 'ok', status: 200 });
      return json({ items, ...(unavailable?.length ? { unavailableSources: unavailable } : {}) });
    }

    default:
      throw new Error(`not an appointment operation: ${operationId}`);
  }
}
