// @ts-check
/**
 * RFC 9457 problem details with the contract's stable `type` URNs and the same titles as the
 * msw mocks (packages/mocks/src/problems.ts).
 */
import { problemTitles, problemTypes } from '@omsorg/contract';

/** @typedef {keyof typeof problemTypes} ProblemKey */
/** @typedef {{ pointer: string, code: NonNullable<import('@omsorg/contract').Problem['errors']>[number]['code'] }} FieldError */


/** @type {ReadonlyMap<string, ProblemKey>} */
const keyByType = new Map(Object.entries(problemTypes).map(([k, v]) => [v, /** @type {ProblemKey} */ (k)]));

/**
 * A refusal on the way through a handler: thrown, caught once, answered as problem+json.
 */
export class ProblemError extends Error {
  /**
   * @param {number} status
   * @param {ProblemKey} key
   * @param {string} detail
   * @param {{ errors?: FieldError[], headers?: Record<string, string> }} [extra]
   */
  constructor(status, key, detail, extra = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.key = key;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }

  /** @returns {import('@omsorg/contract').Problem} */
  toJSON() {
    return problemBody(this.status, this.key, this.detail, this.errors);
  }
}

/**
 * @param {number} status
 * @param {ProblemKey} key
 * @param {string} detail
 * @param {FieldError[]} [errors]
 * @returns {import('@omsorg/contract').Problem}
 */
export function problemBody(status, key, detail, errors) {
  return {
    type: problemTypes[key],
    title: problemTitles[key],
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/**
 * The problem key for a type URN (from the token verifier), or undefined.
 * @param {unknown} type
 * @returns {ProblemKey | undefined}
 */
export const problemKeyOf = (type) => (typeof type === 'string' ? keyByType.get(type) : undefined);

export const notFound = (detail = 'No such resource.') => new ProblemError(404, 'notFound', detail);
