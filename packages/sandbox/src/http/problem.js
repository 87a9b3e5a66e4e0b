// @ts-check
/**
 * A problem+json answer written straight to a node response, for the answers the server gives
 * outside the API's own handler (a wrong Host: 421; still starting: 503; an unexpected failure:
 * 500). Every error of the sandbox is problem+json (RFC 9457), as the contract says.
 */
import { problemBody } from '@omsorg/contract';

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {import('@omsorg/contract').ProblemKey} key
 * @param {string} detail
 * @param {Record<string, string>} [headers]
 */
export function sendProblem(res, status, key, detail, headers = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const data = Buffer.from(JSON.stringify(problemBody({ status, key, detail })));
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Content-Length': String(data.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(data);
}
