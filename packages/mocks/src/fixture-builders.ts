/** Small builders the fixture files share. */
import {
  cancellableStatuses,
  cancellationReasons,
  relations,
  serviceTypes,
  type Appointment,
  type AppointmentStatus,
  type CareService,
  type Cancellation,
  type Coding,
  type Contact,
  type Extent,
  type GrantedService,
  type Location,
  type Subject,
} from '@omsorg/contract';
import { osloDate, osloDateTime, osloIso } from '@omsorg/contract';

export type ServiceCode = keyof typeof serviceTypes.codes;
export type ReasonCode = keyof typeof cancellationReasons.codes;
export type RelationCode = keyof typeof relations.codes;

export const serviceType = (code: ServiceCode): Coding => ({ system: serviceTypes.system, code });
export const reason = (code: ReasonCode): Coding => ({ system: cancellationReasons.system, code });
export const relation = (code: RelationCode): Coding => ({ system: relations.system, code });

export const allScopes: Subject['scopes'] = ['appointments.read', 'appointments.cancel', 'services.read', 'messages'];

/** The last moment to cancel online, from the appointment's start. */
export type DeadlineRule =
  | { kind: 'day-before'; hour: number }
  | { kind: 'before'; minutes: number };

/** One care unit and how its appointments may be cancelled. */
export interface Provider {
  serviceCode: ServiceCode;
  careService: CareService;
  mode: 'final' | 'request';
  deadline: DeadlineRule;
  consequence: string | null;
}

export interface AppointmentSpec {
  id: string;
  subjectId: string;
  provider: Provider;
  /** Calendar days from the Oslo date of `now`; negative for the past. */
  day: number;
  start: [hour: number, minute: number];
  /** End time; `days` lets a stay run over several days. */
  end: [hour: number, minute: number, days?: number];
  timing: Appointment['timing'];
  description?: string | null;
  location?: Location | null;
  contact?: Contact | null;
  preparation?: string | null;
  /** Default: fulfilled when it has ended, else booked. */
  status?: AppointmentStatus;
  cancellation?: Cancellation | null;
}

function deadlineFor(rule: DeadlineRule, start: Date): Date {
  return rule.kind === 'day-before'
    ? osloDateTime(start, -1, rule.hour)
    : new Date(start.getTime() - rule.minutes * 60000);
}

export function isCancellable(status: AppointmentStatus, deadline: string, now: Date): boolean {
  // Cancelling is refused only once the deadline is before now (the same rule as the handler).
  return cancellableStatuses.includes(status) && Date.parse(deadline) >= now.getTime();
}

export function appointment(now: Date, spec: AppointmentSpec): Appointment {
  const start = osloDateTime(now, spec.day, spec.start[0], spec.start[1]);
  const end = osloDateTime(now, spec.day + (spec.end[2] ?? 0), spec.end[0], spec.end[1]);
  const status = spec.status ?? (end.getTime() < now.getTime() ? 'fulfilled' : 'booked');
  const deadline = osloIso(deadlineFor(spec.provider.deadline, start));
  return {
    id: spec.id,
    version: 'v1',
    subjectId: spec.subjectId,
    status,
    serviceType: serviceType(spec.provider.serviceCode),
    start: osloIso(start),
    end: osloIso(end),
    timing: spec.timing,
    description: spec.description ?? null,
    careService: { ...spec.provider.careService },
    location: spec.location ?? null,
    contact: spec.contact ?? null,
    preparation: spec.preparation ?? null,
    cancellationPolicy: {
      cancellable: isCancellable(status, deadline, now),
      deadline,
      phone: spec.provider.careService.phone ?? '',
      mode: spec.provider.mode,
      consequence: spec.provider.consequence,
    },
    cancellation: spec.cancellation ?? null,
  };
}

export interface ServiceSpec {
  id: string;
  provider: Provider;
  status: GrantedService['status'];
  extent: Extent;
  /** Months from now (negative: in the past); dates are Oslo calendar dates. */
  fromMonths: number;
  toMonths?: number | null;
  note?: string | null;
}

/** An Oslo date `months` calendar months from `now` (day clamped to 28 to stay valid). */
export function monthsFrom(now: Date, months: number): string {
  const [y, m, d] = osloDate(now).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

export function grantedService(now: Date, spec: ServiceSpec): GrantedService {
  const validFrom = monthsFrom(now, spec.fromMonths);
  return {
    id: spec.id,
    serviceType: serviceType(spec.provider.serviceCode),
    status: spec.status,
    extent: spec.extent,
    validFrom,
    validTo: spec.toMonths == null ? null : monthsFrom(now, spec.toMonths),
    // The decision is made a couple of weeks before the service starts.
    decidedAt: osloDate(osloDateTime(new Date(`${validFrom}T12:00:00Z`), -14, 12)),
    careService: { ...spec.provider.careService },
    note: spec.note ?? null,
  };
}

/** `d03` for three days ahead, `p02` for two days ago: ids stay stable whatever `now` is. */
export const dayTag = (day: number): string => `${day < 0 ? 'p' : 'd'}${String(Math.abs(day)).padStart(2, '0')}`;
