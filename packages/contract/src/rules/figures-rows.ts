/**
 * What goes into the figures for management and what comes out: the rows both servers (the
 * mocks from memory, the sandbox from its tables) select, the periods in force they build them
 * with, and the shape of the figures computed from them. Split from figures.ts, which re-exports it.
 */
import type { Figure } from './figures-disclosure.js';
import type { FiguresQuery } from './figures-period.js';
import { osloDateTime } from './time.js';

export interface FiguresService {
  id: string;
  name: string;
  /** The promised reply time in working days (null: no promise known). */
  replyWorkingDays: number | null;
}

/** The appointment statuses counted as cancelled: done, or asked for (and not rejected). */
export const cancelledStatuses = ['cancelled', 'cancellation-requested'] as const;

/** An appointment cancelled (or asked to be cancelled, and not rejected). */
export interface CancellationRow {
  subjectId: string;
  serviceId: string;
  /** The visit that was cancelled: its month is the cancellation's month. */
  visitAt: Date;
  /** When it was cancelled (asked for, online; else when the record changed). */
  cancelledAt: Date;
  /** The provider's deadline for cancelling it. */
  deadline: Date;
  /** By the citizen or a relative, online (else by staff or otherwise). */
  online: boolean;
  /** The reason's code (urn:omsorg:codesystem:avbestillingsarsak), null when none was given. */
  reasonCode: string | null;
}

/** After the deadline: cancelled later than the deadline's instant. */
export const isAfterDeadline = (c: Pick<CancellationRow, 'cancelledAt' | 'deadline'>): boolean => c.cancelledAt.getTime() > c.deadline.getTime();

export interface ThreadRow {
  subjectId: string;
  serviceId: string;
  /** The messages in order: when, and whether staff wrote it. */
  messages: readonly { at: Date; staff: boolean }[];
}

/** A period in force: from (included) to (excluded, null: open). */
export interface InForce {
  from: Date;
  to: Date | null;
}

/** Oslo calendar dates (both included; null: open) as a period in force. */
export function datePeriod(validFrom: string | null, validTo: string | null, since?: Date): InForce {
  const start = validFrom === null ? new Date(0) : osloDateTime(new Date(`${validFrom}T12:00:00Z`), 0, 0, 0);
  const from = since && since.getTime() > start.getTime() ? since : start;
  return { from, to: validTo === null ? null : osloDateTime(new Date(`${validTo}T12:00:00Z`), 1, 0, 0) };
}

/** A relative's grant as a period in force: from its dates (and not before it was given), until it ends or is taken back. */
export function grantPeriod(g: { grantedAt: Date; validFrom: string | null; validTo: string | null; revokedAt: Date | null }): InForce {
  const p = datePeriod(g.validFrom, g.validTo, g.grantedAt);
  const to = g.revokedAt && (p.to === null || g.revokedAt.getTime() < p.to.getTime()) ? g.revokedAt : p.to;
  return { from: p.from, to };
}

/** A subject's dialogue-consent decisions (any order) as the periods an active one was in force. */
export function consentPeriods(decisions: readonly { subjectId: string; seq: number; status: 'active' | 'inactive'; decidedAt: Date }[]): ConsentRow[] {
  const bySubject = new Map<string, (typeof decisions)[number][]>();
  for (const d of decisions) bySubject.set(d.subjectId, [...(bySubject.get(d.subjectId) ?? []), d]);
  const out: ConsentRow[] = [];
  for (const [subjectId, list] of bySubject) {
    const sorted = [...list].sort((a, b) => a.seq - b.seq);
    sorted.forEach((d, i) => {
      if (d.status !== 'active') return;
      const next = sorted[i + 1];
      out.push({ subjectId, from: d.decidedAt, to: next ? next.decidedAt : null });
    });
  }
  return out;
}

/** A person's dialogue consent in force (one row per period), and the services they receive. */
export interface ConsentRow extends InForce {
  subjectId: string;
}

/** A relative's access in force to a subject. */
export interface RelativeAccessRow extends InForce {
  relativeId: string;
  subjectId: string;
}

/** Which services a subject receives, and when. */
export interface ServiceUseRow extends InForce {
  subjectId: string;
  serviceId: string;
}

export interface FiguresInput {
  query: FiguresQuery;
  now: Date;
  services: readonly FiguresService[];
  /** The reason codes, in the order shown. */
  reasonCodes: readonly string[];
  cancellations: readonly CancellationRow[];
  threads: readonly ThreadRow[];
  consents: readonly ConsentRow[];
  relatives: readonly RelativeAccessRow[];
  serviceUse: readonly ServiceUseRow[];
}

export interface CancellationFigures {
  total: Figure;
  online: Figure;
  other: Figure;
  onlineShare: Figure;
  beforeDeadline: Figure;
  afterDeadline: Figure;
  reasons: { code: string; count: Figure }[];
}

export interface MessageFigures {
  threads: Figure;
  messages: Figure;
  messagesPerThread: Figure;
  answered: Figure;
  firstAnswerMedianHours: Figure;
  firstAnswerP90Hours: Figure;
  answeredWithinPromise: Figure;
  withinPromiseShare: Figure;
}

export interface FiguresRowOut {
  month: string;
  /** The care service's id; null for all services together. */
  service: string | null;
  cancellations: CancellationFigures;
  messages: MessageFigures;
  consent: { people: Figure };
  relatives: { people: Figure };
}

export interface ManagementFiguresOut {
  from: string;
  to: string;
  minimumCount: number;
  services: { id: string; name: string; replyWorkingDays: number | null }[];
  rows: FiguresRowOut[];
}
