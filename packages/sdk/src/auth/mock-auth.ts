/**
 * Mock sign-in for the offline demo, stories and tests. No real credentials: the "token" is
 * a fixed string the msw mocks accept. Never use it against a real API.
 */
import type { Auth, AuthState, AuthUser } from '../types.js';
import { OmsorgError } from '../errors.js';
import { authState, maxAgeOf } from './listeners.js';

export interface MockAuthOptions {
  user?: AuthUser;
  /** Start signed in. Default: whatever this tab remembered, else signed out. */
  signedIn?: boolean;
  /** Session length; sets `expiresAt` on sign-in. Default: no expiry. */
  expiresInMs?: number;
  /** Remember sign-in across reloads in sessionStorage (a flag and the name only). Default true. */
  persist?: boolean;
  /**
   * When the person signed in (seconds since the epoch). Given, the token says so
   * (`mock-token-<sub>.auth-<seconds>`, which the msw mocks read for the step-up of relatives'
   * access), and each new authentication sets it to its own time: a sign-in when signed out, and
   * a step-up (`signIn({ maxAge })`). A `signIn()` without `maxAge` while signed in keeps it, as a
   * provider's single sign-on would. Not given: the token names no time and the mocks count
   * every sign-in as just now.
   */
  authTime?: number;
}

export interface MockAuth extends Auth {
  readonly kind: 'mock';
  /** Simulates the session running out: signed out with reason `expired`. */
  expire(): void;
}

export const MOCK_AUTH_KEY = 'omsorg.mock-auth';
const DEFAULT_USER: AuthUser = { sub: 'mock-user', name: 'Kari Nordmann' };

// Guarded: Node has no sessionStorage, and browsers may throw when storage is disabled.
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function remembered(): { name: string } | undefined {
  try {
    const v: unknown = JSON.parse(storage()?.getItem(MOCK_AUTH_KEY) ?? 'null');
    if (v && typeof v === 'object' && (v as { signedIn?: unknown }).signedIn === true) {
      const name = (v as { name?: unknown }).name;
      return { name: typeof name === 'string' ? name : DEFAULT_USER.name };
    }
  } catch {
    // Unreadable: treat as not remembered.
  }
  return undefined;
}

export function createMockAuth(options: MockAuthOptions = {}): MockAuth {
  const persist = options.persist ?? true;
  const base = options.user ?? DEFAULT_USER;
  const memory = persist && options.signedIn === undefined ? remembered() : undefined;
  const user = memory ? { ...base, name: memory.name } : base;

  const signedIn = (): AuthState => ({
    status: 'signed-in',
    user,
    ...(options.expiresInMs !== undefined ? { expiresAt: Date.now() + options.expiresInMs } : {}),
  });
  const remember = (on: boolean) => {
    if (!persist) return;
    try {
      if (on) storage()?.setItem(MOCK_AUTH_KEY, JSON.stringify({ signedIn: true, name: user.name }));
      else storage()?.removeItem(MOCK_AUTH_KEY);
    } catch {
      // Storage full or disabled: the session just does not survive a reload.
    }
  };

  const state = authState(options.signedIn || memory ? signedIn() : { status: 'signed-out' });
  let authTime = options.authTime === undefined ? undefined : Math.floor(options.authTime);
  const end = (reason?: 'expired') => {
    remember(false);
    state.set(reason ? { status: 'signed-out', reason } : { status: 'signed-out' });
  };
  const ready = Promise.resolve().then(() => state.get());

  return {
    kind: 'mock',
    state: state.get,
    init: () => ready,
    async signIn(signInOptions) {
      const maxAge = maxAgeOf(signInOptions);
      // A new authentication (signed out, or a step-up) is now; single sign-on keeps the old one.
      if (authTime !== undefined && (maxAge !== undefined || state.get().status !== 'signed-in')) authTime = Math.floor(Date.now() / 1000);
      remember(true);
      state.set(signedIn());
    },
    async signOut() {
      end();
    },
    async authorize() {
      const s = state.get();
      if (s.status === 'signed-in' && s.expiresAt !== undefined && s.expiresAt <= Date.now()) end('expired');
      if (state.get().status !== 'signed-in') throw new OmsorgError('auth', 'Not signed in (mock)');
      return { Authorization: `Bearer mock-token-${user.sub}${authTime === undefined ? '' : `.auth-${authTime}`}` };
    },
    onChange: state.onChange,
    expire: () => end('expired'),
  };
}
