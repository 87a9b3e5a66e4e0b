import { isSignInMaxAge, signInLimits } from '@omsorg/contract';
import type { AuthState, SignInOptions } from '../types.js';

/** The small state holder the Auth implementations share. */
export function authState(initial: AuthState) {
  let state = initial;
  const listeners = new Set<(s: AuthState) => void>();
  return {
    get: () => state,
    set(next: AuthState) {
      state = next;
      for (const l of [...listeners]) l(state);
    },
    onChange(listener: (s: AuthState) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * The `maxAge` of a sign-in's options, checked by the rules core before anything starts:
 * undefined for an ordinary sign-in; a whole number of seconds within `signInLimits`, else a
 * `RangeError`.
 */
export function maxAgeOf(options: SignInOptions | undefined): number | undefined {
  const maxAge = options?.maxAge;
  if (maxAge === undefined) return undefined;
  if (!isSignInMaxAge(maxAge)) throw new RangeError(`maxAge must be a whole number of seconds from 0 to ${signInLimits.maxAgeSeconds}`);
  return maxAge;
}
