// @ts-check
/**
 * Access tokens whose signature and claims (issuer, audience, typ, algorithm) verified, by the
 * exact token string: a client sends the same token on every request, and checking an ES256
 * signature costs more than the rest of a request. A hit is used only while the token's times
 * still hold (exp, nbf, with the clock tolerance) and for at most a minute; otherwise the token is
 * verified again, and fails as it would have. Everything after the signature (iat, sub,
 * client_id, cnf and the DPoP proof, acr) is checked on every request. Bounded: the oldest
 * entries are forgotten.
 */
import { boundedMap } from '@omsorg/bff/bounded';

export class VerifiedTokens {
  /** @type {ReturnType<typeof boundedMap<{ payload: import('jose').JWTPayload, until: number }>>} */
  #tokens;
  #tolerance;

  /** @param {number} max @param {number} toleranceSec */
  constructor(max, toleranceSec) {
    this.#tokens = boundedMap(max);
    this.#tolerance = toleranceSec;
  }

  /** @param {string} token @param {number} nowMs */
  get(token, nowMs) {
    const hit = this.#tokens.get(token);
    if (!hit) return undefined;
    const { exp, nbf } = hit.payload;
    // jose's own conditions (whole seconds): exp > now - tolerance, nbf <= now + tolerance.
    const nowSec = Math.floor(nowMs / 1000);
    const usable =
      nowMs < hit.until &&
      typeof exp === 'number' &&
      exp > nowSec - this.#tolerance &&
      (typeof nbf !== 'number' || nbf <= nowSec + this.#tolerance);
    if (usable) return hit.payload;
    this.#tokens.delete(token);
    return undefined;
  }

  /** @param {string} token @param {import('jose').JWTPayload} payload @param {number} nowMs */
  set(token, payload, nowMs) {
    this.#tokens.set(token, { payload, until: nowMs + 60_000 });
  }
}
