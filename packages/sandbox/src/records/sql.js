// @ts-check
/**
 * The record system as the sandbox's own PostgreSQL tables (`appointments`, `granted_services`,
 * `persons`): the default adapter. The SQL is data/store.js's. As one source of several (the
 * composite, composite.js) it holds only the rows of its own source (`filter`).
 */
import { nextVersion } from '@omsorg/contract';
import {
  findAppointmentRow,
  findPerson,
  listAppointmentRows,
  listCancellationRequestRows,
  listServices,
  storeCancellationAnswer,
  toAppointment,
} from '../data/store.js';
import { soonestFirst } from './index.js';

/** @typedef {import('./index.js').RecordSystem} RecordSystem */

/**
 * @param {{ filter?: import('../data/store.js').SourceFilter }} [o] `filter`: only one source's rows
 * @returns {RecordSystem}
 */
export function createSqlRecords({ filter } = {}) {
  return {
    kind: 'sql',
    findPerson,
    personsInDatabase: true,
    async listAppointments(q, subjectId, query, now) {
      const page = await listAppointmentRows(q, subjectId, query, now, filter);
      return { items: page.rows.map((r) => toAppointment(r, now)), more: page.more };
    },
    async getAppointment(q, subjectId, appointmentId, now) {
      const row = await findAppointmentRow(q, subjectId, appointmentId, filter ? { filter } : {});
      return row ? toAppointment(row, now) : undefined;
    },
    async listServices(q, subjectId) {
      return { items: await listServices(q, subjectId, filter) };
    },
    async cancelAppointment(tx, { subjectId, appointmentId, now, decide }) {
      // The row stays locked until the caller's transaction ends.
      const row = await findAppointmentRow(tx, subjectId, appointmentId, { forUpdate: true, ...(filter ? { filter } : {}) });
      if (!row) return undefined;
      const change = decide({ version: row.version, status: row.status, deadline: row.policy_deadline, phone: row.policy_phone, mode: row.policy_mode });
      const { reason, comment, answeredAt } = change.cancellation;
      await tx.query(
        `UPDATE appointments
            SET status = $3, version = $4, cancel_reason_system = $5, cancel_reason_code = $6, cancel_comment = $7,
                cancel_requested_at = $8, cancel_requested_by = $9, cancel_answered_at = $10, cancel_rejection_note = NULL,
                updated_at = now()
          WHERE subject_id = $1 AND id = $2`,
        [subjectId, appointmentId, change.status, nextVersion(row.version), reason.system, reason.code, comment, change.at, change.cancellation.requestedBy?.id ?? null, answeredAt ? change.at : null],
      );
      const changed = await findAppointmentRow(tx, subjectId, appointmentId);
      return toAppointment(changed, now);
    },
    async answerCancellation(tx, { subjectId, appointmentId, now, decide }) {
      const row = await findAppointmentRow(tx, subjectId, appointmentId, { forUpdate: true, ...(filter ? { filter } : {}) });
      if (!row) return undefined;
      const current = toAppointment(row, now);
      const decision = decide(current);
      const version = nextVersion(row.version);
      await storeCancellationAnswer(tx, { subjectId, appointmentId, version, ...decision });
      return { ...current, status: decision.status, version, cancellation: decision.cancellation, cancellationPolicy: { ...current.cancellationPolicy, cancellable: false } };
    },
    async listCancellationRequests(q, careServiceId, now) {
      // Put in order here, by the one rule the FHIR adapter and the composite sort with too,
      // so the SQL has no ORDER BY of its own to keep in step with it.
      return (await listCancellationRequestRows(q, careServiceId, filter)).map((r) => toAppointment(r, now)).sort(soonestFirst);
    },
    // The messages table is the record of the message already.
    async recordMessage() {},
    async close() {},
  };
}

/** The default: the sandbox's own tables. */
export const sqlRecords = createSqlRecords();
