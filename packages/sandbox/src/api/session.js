// @ts-check
/**
 * What the API asks of a verified access token beyond its signature (src/auth/verify.js): the
 * API's scope (RFC 6750: 403 insufficient_scope), and a sign-in no older than the session's
 * maximum age by `auth_time` (ID-porten's sessions last 120 minutes; a token issued late in a
 * session must not stretch it). Both on the API's own clock, so tests move time, not wait.
 */
import { ProblemError } from './problems.js';

/** The scope every access token for this API carries (what the development provider issues for it). */
export const DEFAULT_API_SCOPE = 'openid';
/** The longest a sign-in lasts, in seconds, counted from `auth_time`. */
export const MAX_SESSION_AGE_SEC = 120 * 60;

/**
 * @param {{ scope?: string, authTime?: number, scheme?: 'Bearer' | 'DPoP' }} token
 * @param {object} o
 * @param {Date} o.now
 * @param {string} o.requiredScope '' to require none
 * @param {number} o.maxSessionAgeSec
 */
export function checkSession(token, { now, requiredScope, maxSessionAgeSec }) {
  const scheme = token.scheme ?? 'Bearer';
  const scopes = (token.scope ?? '').split(' ').filter(Boolean);
  if (requiredScope && !scopes.includes(requiredScope)) {
    throw new ProblemError(403, 'insufficientScope', `The access token lacks this API's scope (${requiredScope}).`, {
      headers: { 'WWW-Authenticate': `${scheme} error="insufficient_scope", scope="${requiredScope}"` },
    });
  }
  if (typeof token.authTime === 'number' && now.getTime() / 1000 - token.authTime > maxSessionAgeSec) {
    const minutes = Math.round(maxSessionAgeSec / 60);
    throw new ProblemError(401, 'sessionExpired', `The sign-in is older than ${minutes} minutes: sign in again.`, {
      headers: { 'WWW-Authenticate': `${scheme} error="invalid_token", error_description="The sign-in is older than ${minutes} minutes"` },
    });
  }
}
