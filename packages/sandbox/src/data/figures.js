// @ts-check
/**
 * The figures for management from the sandbox's tables: plain SELECTs of the rows the rules core
 * needs (no figure is computed in SQL), then `computeFigures` (packages/contract/src/rules/
 * figures.ts), the same code the mocks run over their memory. No names, no numbers: the rows
 * carry opaque subject and person ids only so that people can be counted, and never leave this
 * function.
 */
import { cancellationReasons, cancelledStatuses, computeFigures, consentPeriods, datePeriod, grantPeriod, osloMonthEnd, osloMonthStart } from '@omsorg/contract';

/** @param {unknown} v @returns {Date} */
const date = (v) => (v instanceof Date ? v : new Date(String(v)));
/** A `date` column read as text. @param {unknown} v @returns {string | null} */
const day = (v) => (v === null || v === undefined ? null : String(v));

/**
 * @param {import('../db/index.js').Queryable} q
 * @param {import('@omsorg/contract').FiguresQuery} query
 * @param {Date} now
 */
export async function managementFigures(q, query, now) {
  const from = osloMonthStart(query.from);
  const to = osloMonthEnd(query.to);
  const services = await q.query(
    `SELECT c.id, c.name, r.expected_reply_working_days AS days
       FROM care_services c LEFT JOIN reply_policies r ON r.care_service_id = c.id
      ORDER BY c.name, c.id`,
  );
  const cancellations = await q.query(
    `SELECT subject_id, care_service_id, start_at, policy_deadline, cancel_requested_at, cancel_requested_by, updated_at, cancel_reason_code
       FROM appointments
      WHERE status = ANY($1::text[]) AND start_at >= $2 AND start_at < $3`,
    [[...cancelledStatuses], from, to],
  );
  const messages = await q.query(
    `SELECT t.subject_id, t.id, t.care_service_id, m.sent_at, m.sender_role
       FROM threads t JOIN messages m ON m.subject_id = t.subject_id AND m.thread_id = t.id
      WHERE t.created_at >= $1 AND t.created_at < $2
      ORDER BY t.subject_id, t.id, m.seq`,
    [from, to],
  );
  const consents = await q.query(`SELECT subject_id, seq, status, decided_at FROM dialogue_consents WHERE decided_at < $1`, [to]);
  const grants = await q.query(
    `SELECT grantee_person_id, subject_id, granted_at, valid_from::text AS valid_from, valid_to::text AS valid_to, revoked_at FROM proxy_grants WHERE granted_at < $1`,
    [to],
  );
  const uses = await q.query(`SELECT subject_id, care_service_id, valid_from::text AS valid_from, valid_to::text AS valid_to FROM granted_services WHERE status <> 'planned'`);

  /** @type {Map<string, import('@omsorg/contract').ThreadRow & { messages: { at: Date, staff: boolean }[] }>} */
  const threads = new Map();
  for (const r of messages.rows) {
    const key = `${r.subject_id}/${r.id}`;
    let t = threads.get(key);
    if (!t) threads.set(key, (t = { subjectId: r.subject_id, serviceId: r.care_service_id, messages: [] }));
    t.messages.push({ at: date(r.sent_at), staff: r.sender_role === 'staff' });
  }

  return computeFigures({
    query,
    now,
    services: services.rows.map((r) => ({ id: r.id, name: r.name, replyWorkingDays: r.days === null ? null : Number(r.days) })),
    reasonCodes: Object.keys(cancellationReasons.codes),
    cancellations: cancellations.rows.map((r) => ({
      subjectId: r.subject_id,
      serviceId: r.care_service_id,
      visitAt: date(r.start_at),
      cancelledAt: date(r.cancel_requested_at ?? r.updated_at),
      deadline: date(r.policy_deadline),
      online: r.cancel_requested_by !== null,
      reasonCode: r.cancel_reason_code ?? null,
    })),
    threads: [...threads.values()],
    consents: consentPeriods(consents.rows.map((r) => ({ subjectId: r.subject_id, seq: Number(r.seq), status: r.status, decidedAt: date(r.decided_at) }))),
    relatives: grants.rows.map((r) => ({
      relativeId: r.grantee_person_id,
      subjectId: r.subject_id,
      ...grantPeriod({ grantedAt: date(r.granted_at), validFrom: day(r.valid_from), validTo: day(r.valid_to), revokedAt: r.revoked_at ? date(r.revoked_at) : null }),
    })),
    serviceUse: uses.rows.map((r) => ({ subjectId: r.subject_id, serviceId: r.care_service_id, ...datePeriod(day(r.valid_from), day(r.valid_to)) })),
  });
}
