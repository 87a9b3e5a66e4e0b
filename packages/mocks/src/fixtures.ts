/**
 * Realistic, clearly fictional Norwegian test data, generated relative to `now` so upcoming and
 * past always make sense. Times are ISO 8601 with the Europe/Oslo offset of their own date.
 */
import type { Appointment, GrantedService, Me, Person, ReplyPolicy } from '@omsorg/contract';
import { allScopes, monthsFrom, relation } from './fixture-builders.js';
import { emmaAppointments, emmaServices, emmaSubjectId } from './fixtures-emma.js';
import { olaAppointments, olaServices, olaSubjectId } from './fixtures-ola.js';
import { messagingFixtures, replyPolicies, type AttachmentFixture, type ThreadFixture } from './messaging-fixtures.js';

/** Test persons; the SDK's mock auth sends `Authorization: Bearer mock-token-<key>`. */
export type PersonKey = 'ola' | 'kari' | 'per';
export const personKeys: readonly PersonKey[] = ['ola', 'kari', 'per'];

/** Opaque subject ids (never national identity numbers). */
export const subjectIds = {
  ola: olaSubjectId,
  kari: 'sub-kari-2c91',
  per: 'sub-per-51d0',
  emma: emmaSubjectId,
} as const;

export const persons: Readonly<Record<PersonKey, Person>> = {
  ola: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' },
  kari: { id: 'psn-kari-2c91', name: 'Kari Nordmann' },
  per: { id: 'psn-per-51d0', name: 'Per Hansen' },
};

/** Appointments with a known role in the data, whatever `now` is (ids do not depend on the date). */
export const appointmentIds = {
  /** Ola, practical help in two days: mode final, deadline tomorrow, cancellable. */
  olaCancellable: 'apt-ola-prakt-d02',
  /** Ola, home nursing morning window in two days with a preparation note; cancellable. */
  olaNursingWindow: 'apt-ola-hsp-d02-am',
  /** Ola, day centre in three days: mode request with a consequence text, cancellable. */
  olaRequestMode: 'apt-ola-dagsenter-d03',
  /** Ola, safety-alarm check tomorrow whose three-day deadline has passed (cancellable false). */
  olaDeadlinePassed: 'apt-ola-alarm-d01',
  /** Ola, day centre in six days, already `cancellation-requested` (not cancellable). */
  olaCancellationRequested: 'apt-ola-dagsenter-d06',
  /** Ola, day centre in ten days whose cancellation request was rejected (cancellable again). */
  olaCancellationRejected: 'apt-ola-dagsenter-d10',
  /** Ola, evening visit two days ago, cancelled by Kari. */
  olaPastCancelled: 'apt-ola-hsp-p02-pm',
  /** Ola, practical help five days ago, fulfilled. */
  olaPastFulfilled: 'apt-ola-prakt-p05',
  /** Emma, activity tomorrow afternoon: mode final, cancellable. */
  emmaActivity: 'apt-emma-regnbuen-d01',
  /** Emma, respite weekend in four days: mode request. */
  emmaRespite: 'apt-emma-avlastning-d04',
} as const;

export interface SubjectFixture {
  id: string;
  name: string;
  /** Unsorted; the handlers sort per the contract. */
  appointments: Appointment[];
  services: GrantedService[];
  /** The granted services one may write to, when they differ from `services` (the `empty` scenario keeps them). */
  messageServices?: GrantedService[];
  /** Message threads with their messages and read pointers (stored form, see messaging-fixtures.ts). */
  threads: ThreadFixture[];
}

export interface Fixtures {
  now: Date;
  /** `GET /v1/me` per person (without `sessionExpiresAt`, which the handlers add per request). */
  me: Record<PersonKey, Me>;
  /** Every subject's data by subject id. */
  subjects: Record<string, SubjectFixture>;
  /** Files attached to the fixtures' messages, with their bytes. */
  attachments: AttachmentFixture[];
  /** Each care service's reply policy, by care service id. */
  replyPolicies: Record<string, ReplyPolicy>;
}

export function createFixtures(now: Date): Fixtures {
  const p = persons;
  const self = (key: PersonKey) => ({
    id: subjectIds[key],
    name: p[key].name,
    relation: relation('self'),
    scopes: [...allScopes],
    validTo: null,
  });
  const messaging = messagingFixtures(now, p);
  const subject = (id: string, name: string, appointments: Appointment[] = [], services: GrantedService[] = []) => ({
    id,
    name,
    appointments,
    services,
    threads: messaging.threads[id] ?? [],
  });
  return {
    now,
    me: {
      ola: { person: { ...p.ola }, subjects: [self('ola')] },
      kari: {
        person: { ...p.kari },
        subjects: [
          self('kari'),
          {
            id: subjectIds.ola,
            name: p.ola.name,
            // The subject is Kari's parent.
            relation: relation('PRN'),
            scopes: ['appointments.read', 'appointments.cancel', 'services.read', 'messages'],
            validTo: monthsFrom(now, 12),
          },
        ],
      },
      per: {
        person: { ...p.per },
        subjects: [
          self('per'),
          { id: subjectIds.emma, name: 'Emma Hansen', relation: relation('CHILD'), scopes: [...allScopes], validTo: null },
        ],
      },
    },
    subjects: {
      [subjectIds.ola]: subject(subjectIds.ola, p.ola.name, olaAppointments(now, p.kari, p.ola), olaServices(now)),
      [subjectIds.kari]: subject(subjectIds.kari, p.kari.name),
      [subjectIds.per]: subject(subjectIds.per, p.per.name),
      [subjectIds.emma]: subject(subjectIds.emma, 'Emma Hansen', emmaAppointments(now), emmaServices(now)),
    },
    attachments: messaging.attachments,
    replyPolicies: structuredClone(replyPolicies),
  };
}
