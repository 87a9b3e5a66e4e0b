import type { AuthState } from '../types.js';

/** The small state holder both Auth implementations share. */
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
