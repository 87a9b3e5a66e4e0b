/** An in-memory, resettable database built from the fixtures of one scenario. */
import type { Appointment, GrantedService, Me } from '@omsorg/contract';
import { createFixtures, personKeys, type PersonKey } from './fixtures.js';
import { scenarioBehaviour, type ScenarioName } from './scenarios.js';

export interface SubjectRecord {
  readonly id: string;
  readonly name: string;
  /** By appointment id. */
  readonly appointments: Map<string, Appointment>;
  services: GrantedService[];
}

/** The first answer to an Idempotency-Key, replayed for retries with the same request. */
export interface IdempotencyRecord {
  /** Subject, appointment and canonical body of the first request. */
  readonly fingerprint: string;
  readonly status: number;
  readonly body: Appointment;
  readonly etag: string;
}

export interface MockDb {
  readonly scenario: ScenarioName;
  /** The `now` the data was generated from (changes on `reset`). */
  readonly createdAt: Date;
  /** `GET /v1/me` per person. */
  readonly me: Map<PersonKey, Me>;
  /** By subject id. */
  readonly subjects: Map<string, SubjectRecord>;
  /** By `<person>:<Idempotency-Key>`. */
  readonly idempotency: Map<string, IdempotencyRecord>;
  /** Appointments the `conflict` scenario has already moved once. */
  readonly conflicted: Set<string>;
  /** Rebuilds everything from fresh fixtures (default: the same `now` as before). */
  reset(now?: Date): void;
}

export interface CreateDbOptions {
  scenario?: ScenarioName;
  now?: Date;
}

export function createDb(options: CreateDbOptions = {}): MockDb {
  const scenario = options.scenario ?? 'default';
  const db: { -readonly [K in keyof MockDb]: MockDb[K] } = {
    scenario,
    createdAt: options.now ?? new Date(),
    me: new Map<PersonKey, Me>(),
    subjects: new Map<string, SubjectRecord>(),
    idempotency: new Map<string, IdempotencyRecord>(),
    conflicted: new Set<string>(),
    reset(now: Date = db.createdAt): void {
      const fixtures = createFixtures(now);
      scenarioBehaviour(scenario).data?.(fixtures);
      db.createdAt = now;
      db.me.clear();
      db.subjects.clear();
      db.idempotency.clear();
      db.conflicted.clear();
      for (const key of personKeys) db.me.set(key, fixtures.me[key]);
      for (const s of Object.values(fixtures.subjects)) {
        db.subjects.set(s.id, {
          id: s.id,
          name: s.name,
          appointments: new Map(s.appointments.map((a) => [a.id, a])),
          services: s.services,
        });
      }
    },
  };
  db.reset();
  return db;
}
