// @ts-check
/**
 * Test data: the SAME fixtures as the msw mocks (`createFixtures(now)` from @omsorg/fixtures), so
 * the sandbox and the mocks answer alike. Persons Ola, Kari and Per sign in; Kari has a grant
 * for her father Ola, Per one for his daughter Emma. The development OpenID provider's extra
 * test persons (src/oidc/persons.js) get a person and an empty subject of their own.
 *
 * National identity numbers are synthetic (month + 80) and only stored in `persons.pid`.
 */
import { seriesProblem } from '@omsorg/contract';
import { createFixtures, createRegister, persons, personKeys } from '@omsorg/fixtures';
import { testPersons } from '../oidc/persons.js';
import { seedFiguresPopulation } from './seed-figures.js';
import { seedThreads } from './seed-threads.js';
import { insertDialogueDecision } from '../data/consent.js';
import { sourceColumns } from '../data/store.js';

/** Synthetic numbers for persons who cannot sign in (and so are not in the provider's list). */
const EXTRA_PIDS = /** @type {Readonly<Record<string, string>>} */ ({ 'psn-emma-b8e4': '03861650080' });

/**
 * @typedef {import('@omsorg/contract').Appointment} Appointment
 * @typedef {import('@omsorg/contract').GrantedService} GrantedService
 * @typedef {import('@omsorg/contract').CareService} CareService
 */

/**
 * True when the database has no persons yet.
 * @param {import('./index.js').Queryable} db
 */
export async function isEmpty(db) {
  const { rows } = await db.query('SELECT EXISTS (SELECT 1 FROM persons) AS seeded');
  return !rows[0]?.seeded;
}

/**
 * Loads the fixtures, generated relative to `now`, into an empty (migrated) database.
 * @param {import('./index.js').Database} db
 * @param {{ now?: Date, population?: boolean }} [options] `population`: also the fictional
 *   population of the figures for management (fixtures' figures-population.ts), default off
 * @returns {Promise<{ persons: number, appointments: number, services: number, grants: number, threads: number, messages: number, population?: { persons: number, appointments: number, threads: number } }>}
 */
export async function seed(db, { now = new Date(), population = false } = {}) {
  const fixtures = createFixtures(now);

  /** @type {Map<string, { id: string, name: string, pid: string | null, confidential?: boolean }>} person by id */
  const people = new Map();
  /** @type {Map<string, string>} subject id → person id */
  const subjectPerson = new Map();
  const pidOf = (/** @type {string} */ id) => testPersons.find((p) => p.id === id)?.pid ?? EXTRA_PIDS[id] ?? null;

  for (const key of personKeys) {
    const p = persons[key];
    people.set(p.id, { id: p.id, name: p.name, pid: pidOf(p.id) });
    const self = fixtures.me[key].subjects[0];
    if (self) subjectPerson.set(self.id, p.id);
  }
  for (const s of Object.values(fixtures.subjects)) {
    if (subjectPerson.has(s.id)) continue;
    const id = `psn-${s.id.replace(/^sub-/, '')}`;
    people.set(id, { id, name: s.name, pid: pidOf(id) });
    subjectPerson.set(s.id, id);
  }
  // The provider's other test persons: a subject of their own with nothing in it.
  for (const t of testPersons) {
    // A person with a role (management) is no citizen: no person row, no subject.
    if (people.has(t.id) || t.roles?.length) continue;
    people.set(t.id, { id: t.id, name: t.name, pid: t.pid });
    subjectPerson.set(`sub-${t.id.replace(/^psn-/, '')}`, t.id);
  }

  // The rest of the population register the relatives' access names (a relative to give access
  // to, one too young, one too young to give it, one with a confidential address), each with an
  // empty subject of their own.
  for (const r of Object.values(createRegister(now))) {
    if (people.has(r.id)) continue;
    people.set(r.id, { id: r.id, name: r.name, pid: r.nationalIdentityNumber, confidential: r.confidentialAddress });
    subjectPerson.set(r.subjectId, r.id);
  }

  /** @type {Map<string, CareService>} */
  const careServices = new Map();
  for (const s of Object.values(fixtures.subjects)) {
    for (const x of [...s.appointments, ...s.services]) careServices.set(x.careService.id, x.careService);
  }

  /** @type {{ persons: number, appointments: number, services: number, grants: number, threads: number, messages: number, population?: { persons: number, appointments: number, threads: number } }} */
  const counts = { persons: people.size, appointments: 0, services: 0, grants: 0, threads: 0, messages: 0 };
  await db.transaction(async (tx) => {
    for (const p of people.values()) {
      await tx.query('INSERT INTO persons (id, name, pid, confidential_address) VALUES ($1, $2, $3, $4)', [p.id, p.name, p.pid, p.confidential ?? false]);
    }
    for (const [subjectId, personId] of subjectPerson) {
      await tx.query('INSERT INTO subjects (id, person_id) VALUES ($1, $2)', [subjectId, personId]);
    }
    for (const key of personKeys) {
      for (const s of fixtures.me[key].subjects.slice(1)) {
        // Relatives in the sandbox may also write to the services for whom they act.
        const scopes = s.scopes.includes('messages') ? s.scopes : [...s.scopes, 'messages'];
        await tx.query(
          `INSERT INTO proxy_grants (grantee_person_id, subject_id, relation_system, relation_code, scopes, valid_to)
           VALUES ($1, $2, $3, $4, $5::text[], $6::date)`,
          [persons[key].id, s.id, s.relation.system, s.relation.code, scopes, s.validTo ?? null],
        );
        counts.grants++;
      }
    }
    for (const c of careServices.values()) {
      await tx.query('INSERT INTO care_services (id, name, phone) VALUES ($1, $2, $3)', [c.id, c.name, c.phone ?? null]);
    }
    for (const s of Object.values(fixtures.subjects)) {
      for (const a of s.appointments) {
        await insertAppointment(tx, a);
        counts.appointments++;
      }
      let position = 0;
      for (const g of s.services) {
        await insertGrantedService(tx, s.id, g, position++);
        counts.services++;
      }
    }
    // Consent to digital dialogue, oldest decision first (seq 1, 2, …).
    for (const s of Object.values(fixtures.subjects)) {
      const oldestFirst = [...s.dialogueConsent].reverse();
      for (let i = 0; i < oldestFirst.length; i++) await insertDialogueDecision(tx, s.id, i + 1, /** @type {import('@omsorg/contract').ConsentDecision} */ (oldestFirst[i]));
    }
    const m = await seedThreads(tx, fixtures, now);
    counts.threads = m.threads;
    counts.messages = m.messages;
    if (population) counts.population = await seedFiguresPopulation(tx, now);
    // The access log's entries from before anyone signed in (a relative's and staff reads), as
    // the mocks have them: rows of the hash chain like any other, with their own times. The log
    // is append-only, so a second seed (tests' reseed) leaves those of the first.
    const logged = (await tx.query("SELECT EXISTS (SELECT 1 FROM access_log WHERE client_id = 'fixtures') AS yes")).rows[0]?.yes;
    for (const e of logged ? [] : fixtures.accessLog) {
      await tx.query(
        `INSERT INTO access_log (at, actor_person_id, actor_kind, actor_role, relation_code, subject_id, action, resource, resource_id, client_id, outcome, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'fixtures', 'ok', 200)`,
        [
          e.at,
          e.actor.kind === 'staff' ? e.actor.staffId : e.actor.personId,
          e.actor.kind,
          e.actor.kind === 'staff' ? 'staff' : e.actor.role,
          e.actor.kind === 'person' ? e.actor.relationCode : null,
          e.subjectId,
          e.action,
          e.resource,
          e.resourceId,
        ],
      );
    }
  });
  return counts;
}

/**
 * @param {import('./index.js').Queryable} tx
 * @param {Appointment} a
 */
export async function insertAppointment(tx, a) {
  const c = a.cancellation ?? null;
  const series = a.series ?? null;
  if (series) {
    const problem = seriesProblem(series);
    if (problem) throw new Error(`appointment ${a.id}: series ${series.id}: ${problem}`);
    // The first visit of a series writes it; the others find it (the same fields, or an error).
    const { rows } = await tx.query(
      `INSERT INTO appointment_series (subject_id, id, rule, start_at, end_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (subject_id, id) DO UPDATE SET rule = appointment_series.rule
       RETURNING rule, start_at, end_at`,
      [a.subjectId, series.id, series.rule, new Date(series.start), new Date(series.end)],
    );
    const row = /** @type {any} */ (rows[0]);
    if (row.rule !== series.rule || new Date(row.start_at).getTime() !== new Date(series.start).getTime() || new Date(row.end_at).getTime() !== new Date(series.end).getTime()) {
      throw new Error(`appointment ${a.id}: series ${series.id} differs from its other visits`);
    }
  }
  await tx.query(
    `INSERT INTO appointments (
       subject_id, id, version, status, service_type_system, service_type_code, start_at, end_at, timing,
       description, care_service_id, location_name, location_address, location_at_home, contact_name,
       contact_phone, preparation, policy_deadline, policy_phone, policy_mode, policy_consequence,
       cancel_reason_system, cancel_reason_code, cancel_comment, cancel_requested_at, cancel_requested_by,
       cancel_answered_at, cancel_rejection_note, series_id,
       source_municipality_number, source_municipality_name, source_system_id, source_system_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
             $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)`,
    [
      a.subjectId,
      a.id,
      a.version,
      a.status,
      a.serviceType.system,
      a.serviceType.code,
      new Date(a.start),
      new Date(a.end),
      a.timing,
      a.description ?? null,
      a.careService.id,
      a.location?.name ?? null,
      a.location?.address ?? null,
      a.location?.atHome ?? null,
      a.contact?.name ?? null,
      a.contact?.phone ?? null,
      a.preparation ?? null,
      new Date(a.cancellationPolicy.deadline),
      a.cancellationPolicy.phone,
      a.cancellationPolicy.mode,
      a.cancellationPolicy.consequence ?? null,
      c?.reason.system ?? null,
      c?.reason.code ?? null,
      c?.comment ?? null,
      c ? new Date(c.requestedAt) : null,
      c?.requestedBy?.id ?? null,
      c?.answeredAt ? new Date(c.answeredAt) : null,
      c?.rejectionNote ?? null,
      series?.id ?? null,
      ...sourceColumns(a),
    ],
  );
}

/**
 * @param {import('./index.js').Queryable} tx
 * @param {string} subjectId
 * @param {GrantedService} g
 * @param {number} position
 */
async function insertGrantedService(tx, subjectId, g, position) {
  await tx.query(
    `INSERT INTO granted_services (
       subject_id, id, position, service_type_system, service_type_code, status, extent_amount, extent_unit,
       extent_per, valid_from, valid_to, decided_at, care_service_id, note,
       source_municipality_number, source_municipality_name, source_system_id, source_system_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date, $12::date, $13, $14, $15, $16, $17, $18)`,
    [
      subjectId,
      g.id,
      position,
      g.serviceType.system,
      g.serviceType.code,
      g.status,
      g.extent.amount,
      g.extent.unit,
      g.extent.per,
      g.validFrom,
      g.validTo ?? null,
      g.decidedAt ?? null,
      g.careService.id,
      g.note ?? null,
      ...sourceColumns(g),
    ],
  );
}
