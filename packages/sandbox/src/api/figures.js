// @ts-check
/**
 * `GET /v1/management/figures` and `…/figures.csv`: the figures for management, for a sign-in
 * whose access token carries the management role (`roles` claim); anyone else, a citizen too,
 * gets 403. Answered before the caller is looked up as a person: the role reads no person's data,
 * and a person with it has no subject (every `/v1/subjects/…` call of theirs is refused as for an
 * unknown person). Aggregates only, so no row of the citizens' access log is written.
 */
import { cancellationReasons, checkQueryParameters, figuresCsv, figuresNotAllowed, isProblemSpec, managementRole, parseFiguresQuery, queryParameters } from '@omsorg/contract';
import { ProblemError } from './problems.js';
import { json } from './reply-kit.js';
import { managementFigures } from '../data/figures.js';

export const FIGURES_OPERATIONS = new Set(['getManagementFigures', 'getManagementFiguresCsv']);

/**
 * @param {string} operationId
 * @param {{ db: import('../db/index.js').Database, roles: readonly string[], url: URL, at: Date }} o
 * @returns {Promise<import('../http/reply.js').Reply>}
 */
export async function figuresOperation(operationId, { db, roles, url, at }) {
  if (!roles.includes(managementRole)) throw ProblemError.from(figuresNotAllowed);
  const unknown = checkQueryParameters(url.searchParams, queryParameters.getManagementFigures);
  if (unknown) throw ProblemError.from(unknown);
  const query = parseFiguresQuery(url.searchParams, at);
  if (isProblemSpec(query)) throw ProblemError.from(query);
  const figures = await managementFigures(db, query, at);
  if (operationId === 'getManagementFigures') return json(figures);
  const csv = figuresCsv(figures, Object.keys(cancellationReasons.codes));
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="styringstall-${query.from}-${query.to}.csv"`,
    },
    body: Buffer.from(csv, 'utf8'),
  };
}
