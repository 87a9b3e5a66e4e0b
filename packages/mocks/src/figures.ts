/**
 * The figures for management in the mocks: the in-memory db's rows (and the fixtures' fictional
 * population, which the sandbox seeds by default) turned into the rules core's rows, and
 * `computeFigures` over them: the same code as the sandbox, over memory instead of SQL.
 *
 * Who may read them: `Authorization: Bearer mock-token-management` (the mocks' management
 * sign-in); any person's token is 403, no token 401.
 */
import {
  cancellationReasons,
  cancelledStatuses,
  checkQueryParameters,
  computeFigures,
  consentPeriods,
  datePeriod,
  figuresCsv,
  figuresNotAllowed,
  grantPeriod,
  isProblemSpec,
  parseFiguresQuery,
  queryParameters,
  type CancellationRow,
  type FiguresInput,
  type FiguresQuery,
  type ManagementFigures,
  type Problem,
  type RelativeAccessRow,
  type ServiceUseRow,
  type ThreadRow,
} from '@omsorg/contract';
import { createFiguresPopulation, replyPolicyFor } from '@omsorg/fixtures';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_TOKEN_PREFIX } from './auth.js';
import type { MockDb } from './db.js';
import { json, problem, unauthorized } from './problems.js';

/** The mocks' management sign-in: `mock-token-management`. */
export const MOCK_MANAGEMENT_TOKEN = `${MOCK_TOKEN_PREFIX}management`;
export const mockManagementAuthorization = `Bearer ${MOCK_MANAGEMENT_TOKEN}`;

/** The rules core's rows from the mocks' db and the fictional population. */
export function figuresInput(db: MockDb, query: FiguresQuery, now: Date): FiguresInput {
  const population = createFiguresPopulation(db.createdAt);
  const services = new Map<string, string>();
  const cancellations: CancellationRow[] = [];
  const threads: ThreadRow[] = [];
  const serviceUse: ServiceUseRow[] = [];
  const decisions: { subjectId: string; seq: number; status: 'active' | 'inactive'; decidedAt: Date }[] = [];
  for (const subject of db.subjects.values()) {
    for (const a of subject.appointments.values()) {
      services.set(a.careService.id, a.careService.name);
      if (!(cancelledStatuses as readonly string[]).includes(a.status)) continue;
      // Without a cancellation: cancelled by the service, when the data was made (as the sandbox's updated_at).
      cancellations.push({
        subjectId: subject.id,
        serviceId: a.careService.id,
        visitAt: new Date(a.start),
        cancelledAt: new Date(a.cancellation?.requestedAt ?? db.createdAt),
        deadline: new Date(a.cancellationPolicy.deadline),
        online: !!a.cancellation?.requestedBy,
        reasonCode: a.cancellation?.reason.code ?? null,
      });
    }
    const serviceOf = new Map(subject.services.map((g) => [g.id, g.careService.id]));
    for (const g of subject.services) {
      services.set(g.careService.id, g.careService.name);
      if (g.status !== 'planned') serviceUse.push({ subjectId: subject.id, serviceId: g.careService.id, ...datePeriod(g.validFrom, g.validTo ?? null) });
    }
    for (const t of subject.threads.values()) {
      const serviceId = serviceOf.get(t.grantedServiceId);
      if (!serviceId) continue;
      threads.push({ subjectId: subject.id, serviceId, messages: t.messages.map((m) => ({ at: new Date(m.sentAt), staff: m.sender.role === 'staff' })) });
    }
    [...subject.dialogueConsent].reverse().forEach((d, i) => decisions.push({ subjectId: subject.id, seq: i + 1, status: d.status, decidedAt: new Date(d.decidedAt) }));
  }
  const relatives: RelativeAccessRow[] = db.grants
    .filter((g) => g.grantedAt !== null)
    .map((g) => ({
      relativeId: g.relative.id,
      subjectId: g.subjectId,
      ...grantPeriod({ grantedAt: new Date(g.grantedAt as string), validFrom: g.period.start, validTo: g.period.end, revokedAt: g.revokedAt ? new Date(g.revokedAt) : null }),
    }));

  // The population, as the sandbox seeds it.
  for (const s of population.grantedServices) serviceUse.push({ subjectId: s.subjectId, serviceId: s.careServiceId, ...datePeriod(s.validFrom, null) });
  for (const a of population.appointments) {
    cancellations.push({
      subjectId: a.subjectId,
      serviceId: a.careServiceId,
      visitAt: new Date(a.start),
      cancelledAt: new Date(a.cancelledAt),
      deadline: new Date(a.deadline),
      online: a.cancelledBy !== null,
      reasonCode: a.reasonCode,
    });
  }
  for (const t of population.threads) {
    threads.push({ subjectId: t.subjectId, serviceId: t.careServiceId, messages: t.messages.map((m) => ({ at: new Date(m.sentAt), staff: m.role === 'staff' })) });
  }
  for (const c of population.consents) c.decisions.forEach((d, i) => decisions.push({ subjectId: c.subjectId, seq: i + 1, status: d.status, decidedAt: new Date(d.decidedAt) }));
  for (const g of population.grants) {
    relatives.push({ relativeId: g.granteePersonId, subjectId: g.subjectId, ...grantPeriod({ grantedAt: new Date(g.grantedAt), validFrom: g.validFrom, validTo: g.validTo, revokedAt: null }) });
  }

  return {
    query,
    now,
    services: [...services]
      .map(([id, name]) => ({ id, name, replyWorkingDays: replyPolicyFor(id).expectedReplyWorkingDays }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb') || (a.id < b.id ? -1 : 1)),
    reasonCodes: Object.keys(cancellationReasons.codes),
    cancellations,
    threads,
    consents: consentPeriods(decisions),
    relatives,
    serviceUse,
  };
}

/** The figures for the db at `now`. */
export const mockFigures = (db: MockDb, query: FiguresQuery, now: Date): ManagementFigures => computeFigures(figuresInput(db, query, now));

interface FiguresContext {
  db: MockDb;
  now: () => Date;
  url: (path: string) => string;
  /** False: no Authorization header is a person's cookie session (a BFF), so 403 rather than 401. */
  requireAuth: boolean;
}

/** `GET /v1/management/figures` and `…/figures.csv`. */
export function figuresHandlers({ db, now, url, requireAuth }: FiguresContext): HttpHandler[] {
  const answer = (request: Request, csv: boolean): Response => {
    const header = request.headers.get('Authorization');
    const token = /^(?:Bearer|DPoP) +(\S+)$/i.exec(header?.trim() ?? '')?.[1];
    if (!header && requireAuth) return unauthorized('No Authorization header.', false) as unknown as Response;
    if (token !== MOCK_MANAGEMENT_TOKEN) return problem(figuresNotAllowed) as unknown as Response;
    const params = new URL(request.url).searchParams;
    const unknown = checkQueryParameters(params, queryParameters.getManagementFigures);
    if (unknown) return problem(unknown) as unknown as Response;
    const query = parseFiguresQuery(params, now());
    if (isProblemSpec(query)) return problem(query) as unknown as Response;
    const figures = mockFigures(db, query, now());
    if (!csv) return json(figures) as unknown as Response;
    return new HttpResponse(figuresCsv(figures, Object.keys(cancellationReasons.codes)), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="styringstall-${query.from}-${query.to}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  };
  return [
    http.get<never, never, ManagementFigures | Problem>(url('/management/figures'), ({ request }) => answer(request, false) as never),
    http.get(url('/management/figures.csv'), ({ request }) => answer(request, true)),
  ];
}
