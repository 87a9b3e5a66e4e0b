/**
 * A stand-in for oidc-client-ts's UserManager (the calls createOidcAuth makes, recorded) and the
 * set-up the oidc-auth tests share. The real redirect flow against a provider runs in test/e2e.
 */
import type { User, UserManagerSettings } from 'oidc-client-ts';
import { createOidcAuth, type OidcAuthConfig, type UserManagerLike } from '../auth/oidc-auth.js';
import type { AuthState } from '../types.js';

export type FakeUser = { -readonly [K in keyof User]?: unknown } & { expired?: boolean };

export const fakeUser = (o: FakeUser = {}) =>
  ({
    access_token: 'at-1',
    token_type: 'Bearer',
    id_token: 'idt-1',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    expired: false,
    profile: { sub: 'pairwise-1', name: 'Ola Nordmann' },
    state: undefined,
    ...o,
  }) as unknown as User & { expired: boolean };

export class FakeManager {
  calls: string[] = [];
  user: User | null = null;
  callbackUser: User = fakeUser();
  callbackError?: Error;
  endSession: string | undefined = 'https://op.test/logout';
  proof: string | undefined = 'proof.jwt';
  dpopArgs: unknown[] = [];
  signinArgs: unknown;
  signoutArgs: unknown;
  metadataService = {
    getEndSessionEndpoint: async () => {
      this.calls.push('metadata');
      return this.endSession;
    },
  };
  async getUser() {
    this.calls.push('getUser');
    return this.user;
  }
  async removeUser() {
    this.calls.push('removeUser');
    this.user = null;
  }
  async signinRedirect(args: unknown) {
    this.calls.push('signinRedirect');
    this.signinArgs = args;
  }
  async signinRedirectCallback(url: string) {
    this.calls.push(`callback ${url}`);
    if (this.callbackError) throw this.callbackError;
    return (this.user = this.callbackUser);
  }
  async signoutRedirect(args: unknown) {
    this.calls.push('signoutRedirect');
    this.signoutArgs = args;
  }
  async clearStaleState() {
    this.calls.push('clearStaleState');
  }
  async dpopProof(...args: unknown[]) {
    this.dpopArgs = args;
    return this.proof;
  }
}

export const here = () => location.origin + location.pathname;

export function setup(config: Partial<OidcAuthConfig> = {}, fake = new FakeManager()) {
  let settings: UserManagerSettings | undefined;
  const auth = createOidcAuth({
    authority: 'https://op.test',
    clientId: 'omsorg',
    redirectUri: here(),
    // Each test on its own channel: news from an earlier test's tabs must not reach this one.
    tabChannel: `test ${Math.random()}`,
    userManagerFactory: (s) => {
      settings = s;
      return fake as unknown as UserManagerLike;
    },
    ...config,
  });
  const seen: AuthState[] = [];
  auth.onChange((s) => seen.push(s));
  return { auth, fake, seen, settings: () => settings! };
}

