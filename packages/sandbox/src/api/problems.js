// @ts-check
/**
 * The sandbox's side of a refusal: the rules core (@omsorg/contract) says what is wrong as a
 * ProblemSpec; a handler throws it as a ProblemError, caught once and answered as problem+json.
 */
import { isProblemSpec, problemBody, problemKeyOf } from '@omsorg/contract';

export { problemKeyOf };

/** @typedef {import('@omsorg/contract').ProblemKey} ProblemKey */
/** @typedef {import('@omsorg/contract').FieldError} FieldError */
/** @typedef {import('@omsorg/contract').ProblemSpec} ProblemSpec */

/**
 * A refusal on the way through a handler: thrown, caught once, answered as problem+json.
 */
export class ProblemError extends Error {
  /**
   * @param {number} status
   * @param {ProblemKey} key
   * @param {string} detail
   * @param {{ errors?: FieldError[], headers?: Record<string, string>, maxAge?: number }} [extra]
   */
  constructor(status, key, detail, extra = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.key = key;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
    this.maxAge = extra.maxAge;
  }

  /**
   * The error for a rule's refusal.
   * @param {ProblemSpec} spec
   */
  static from(spec) {
    return new ProblemError(spec.status, spec.key, spec.detail, {
      ...(spec.errors ? { errors: spec.errors } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.maxAge !== undefined ? { maxAge: spec.maxAge } : {}),
    });
  }

  /** @returns {import('@omsorg/contract').Problem} */
  toJSON() {
    return problemBody(this);
  }
}

/**
 * The value, or a thrown ProblemError when a rule refused it.
 * @template T
 * @param {T | ProblemSpec} result
 * @returns {Exclude<T, ProblemSpec>}
 */
export function orThrow(result) {
  if (isProblemSpec(result)) throw ProblemError.from(result);
  return /** @type {Exclude<T, ProblemSpec>} */ (result);
}

export const notFound = (detail = 'No such resource.') => new ProblemError(404, 'notFound', detail);
