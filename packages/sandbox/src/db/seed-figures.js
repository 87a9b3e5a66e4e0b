// @ts-check
/**
 * The fictional population for the figures for management (@omsorg/fixtures,
 * figures-population.ts) into the sandbox's tables: persons without a national identity number
 * (nobody in it can sign in), their subjects, granted services, cancelled visits of the last six
 * months, closed message threads, dialogue consent and relatives' access. Only what the
 * figures read; all of it in the past.
 */
import { cancellationReasons, dialogueConsentTextVersion, serviceTypes } from '@omsorg/contract';
import { createFiguresPopulation } from '@omsorg/fixtures';

/**
 * @param {import('./index.js').Queryable} tx
 * @param {Date} now
 * @returns {Promise<{ persons: number, appointments: number, threads: number }>}
 */
export async function seedFiguresPopulation(tx, now) {
  const p = createFiguresPopulation(now);
  for (const person of p.persons) {
    await tx.query('INSERT INTO persons (id, name, pid) VALUES ($1, $2, NULL)', [person.id, person.name]);
    await tx.query('INSERT INTO subjects (id, person_id) VALUES ($1, $2)', [person.subjectId, person.id]);
  }
  for (const g of p.grantedServices) {
    await tx.query(
      `INSERT INTO granted_services (subject_id, id, position, service_type_system, service_type_code, status, extent_amount, extent_unit,
         extent_per, valid_from, valid_to, decided_at, care_service_id, note)
       VALUES ($1, $2, 0, $3, $4, 'active', 2, 'visits', 'week', $5::date, NULL, $5::date, $6, NULL)`,
      [g.subjectId, g.id, serviceTypes.system, g.serviceCode, g.validFrom, g.careServiceId],
    );
  }
  for (const a of p.appointments) {
    // Cancelled online: asked for by the person; by staff: the record changed then.
    await tx.query(
      `INSERT INTO appointments (subject_id, id, version, status, service_type_system, service_type_code, start_at, end_at, timing,
         care_service_id, policy_deadline, policy_phone, policy_mode, cancel_reason_system, cancel_reason_code,
         cancel_requested_at, cancel_requested_by, updated_at)
       VALUES ($1, $2, '1', 'cancelled', $3, $4, $5, $6, 'exact', $7, $8, '+47 21 00 00 00', 'final', $9, $10, $11, $12, $13)`,
      [
        a.subjectId,
        a.id,
        serviceTypes.system,
        a.serviceCode,
        new Date(a.start),
        new Date(a.end),
        a.careServiceId,
        new Date(a.deadline),
        a.reasonCode ? cancellationReasons.system : null,
        a.reasonCode,
        a.cancelledBy ? new Date(a.cancelledAt) : null,
        a.cancelledBy,
        new Date(a.cancelledAt),
      ],
    );
  }
  for (const t of p.threads) {
    const last = t.messages[t.messages.length - 1];
    await tx.query(
      `INSERT INTO threads (subject_id, id, version_no, title, status, granted_service_id, care_service_id, started_by, created_at, last_activity_at, closed_at)
       VALUES ($1, $2, 1, $3, 'closed', $4, $5, 'citizen', $6, $7, $8)`,
      [t.subjectId, t.id, t.title, t.grantedServiceId, t.careServiceId, new Date(t.createdAt), new Date(last ? last.sentAt : t.createdAt), new Date(t.closedAt)],
    );
    for (const m of t.messages) {
      await tx.query(
        `INSERT INTO messages (id, subject_id, thread_id, sent_at, sender_role, sender_person_id, sender_staff_id, text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [m.id, t.subjectId, t.id, new Date(m.sentAt), m.role, m.personId, m.staffId, m.text],
      );
    }
  }
  for (const c of p.consents) {
    let seq = 1;
    for (const d of c.decisions) {
      await tx.query('INSERT INTO dialogue_consents (subject_id, seq, status, text_version, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        c.subjectId,
        seq++,
        d.status,
        d.textVersion || dialogueConsentTextVersion,
        new Date(d.decidedAt),
        c.personId,
      ]);
    }
  }
  for (const g of p.grants) {
    await tx.query(
      `INSERT INTO proxy_grants (grantee_person_id, subject_id, relation_code, scopes, valid_from, valid_to, granted_at, granted_by)
       VALUES ($1, $2, 'CHILD', ARRAY['appointments.read', 'services.read']::text[], $3::date, $4::date, $5, $6)`,
      [g.granteePersonId, g.subjectId, g.validFrom, g.validTo, new Date(g.grantedAt), p.persons.find((x) => x.subjectId === g.subjectId)?.id ?? null],
    );
  }
  return { persons: p.persons.length, appointments: p.appointments.length, threads: p.threads.length };
}
