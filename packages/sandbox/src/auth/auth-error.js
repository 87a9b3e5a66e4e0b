// @ts-check
/**
 * How access-token verification refuses a request (verify.js, and the DPoP proof check in
 * dpop-proof.js): an `AuthError` (401) with a problem type, a detail and the `WWW-Authenticate`
 * challenge for the scheme the client used.
 */
import { problemTitles, problemTypes } from '@omsorg/contract';

/** The problem types a refusal here carries: the contract's, not copies. */
export const PROBLEM_UNAUTHORIZED = problemTypes.unauthorized;
export const PROBLEM_INSUFFICIENT_ASSURANCE = problemTypes.insufficientAssurance;

/**
 * A request the API must refuse with 401: `status`, problem `type`, `detail`, and the
 * `WWW-Authenticate` header value.
 */
export class AuthError extends Error {
  /**
   * @param {object} o
   * @param {string} o.type problem type URN
   * @param {string} o.detail
   * @param {string} o.wwwAuthenticate
   */
  constructor({ type, detail, wwwAuthenticate }) {
    super(detail);
    this.name = 'AuthError';
    /** @type {401} */
    this.status = 401;
    this.type = type;
    this.title = type === PROBLEM_INSUFFICIENT_ASSURANCE ? problemTitles.insufficientAssurance : problemTitles.unauthorized;
    this.detail = detail;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** RFC 9457 problem details for the response body. */
  toProblem() {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail };
  }
}

/** @param {string} s */
const quoted = (s) => `"${s.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`;

/**
 * @typedef {(scheme: 'Bearer' | 'DPoP' | undefined, detail: string, o?: { error?: string, type?: string, extra?: string }) => AuthError} Fail
 */

/**
 * The refusal maker for a verifier that accepts DPoP proofs signed with `algs`.
 * @param {string} algs the accepted DPoP proof algorithms, space-separated
 * @returns {Fail}
 */
export function refusals(algs) {
  const bearerChallenge = 'Bearer';
  const dpopChallenge = `DPoP algs="${algs}"`;

  /**
   * @param {'Bearer' | 'DPoP' | undefined} scheme the scheme the client used (undefined: none)
   * @param {string} detail
   * @param {{ error?: string, type?: string, extra?: string }} [o]
   */
  return (scheme, detail, { error = 'invalid_token', type = PROBLEM_UNAUTHORIZED, extra = '' } = {}) => {
    const params = `error="${error}", error_description=${quoted(detail)}${extra}`;
    let wwwAuthenticate;
    if (scheme === 'Bearer') wwwAuthenticate = `Bearer ${params}`;
    else if (scheme === 'DPoP') wwwAuthenticate = `DPoP ${params}, algs="${algs}"`;
    else wwwAuthenticate = `${bearerChallenge}, ${dpopChallenge}`;
    return new AuthError({ type, detail, wwwAuthenticate });
  };
}
