/**
 * Browser sign-in with OpenID Connect (ID-porten and the sandbox provider) on oidc-client-ts:
 * authorization code flow with PKCE, `acr_values` for the highest assurance level, optional
 * DPoP with a non-extractable key in IndexedDB. No iframe renew and no session monitor
 * (ID-porten gives browser clients no refresh tokens; the client warns before expiry instead).
 * Tokens live in memory or sessionStorage, never in persistent web storage.
 *
 * oidc-client-ts (~17 KB gzip) is loaded with a dynamic import on first use, so pages that
 * never sign in with OIDC never download it.
 */
import type { MetadataService, User, UserManager, UserManagerSettings } from 'oidc-client-ts';
import type { Auth, AuthState, AuthUser } from '../types.js';
import { OmsorgError } from '../errors.js';
import { authState } from './listeners.js';

/** The part of UserManager this module uses (tests pass a fake). */
export type UserManagerLike = Pick<
  UserManager,
  'getUser' | 'removeUser' | 'signinRedirect' | 'signinRedirectCallback' | 'signoutRedirect' | 'clearStaleState' | 'dpopProof'
> & { readonly metadataService: Pick<MetadataService, 'getEndSessionEndpoint'> };

export interface OidcAuthConfig {
  authority: string;
  clientId: string;
  /** Where the provider sends the browser back; the callback is handled by `init()` there. */
  redirectUri: string;
  postLogoutRedirectUri?: string;
  /** Default `openid profile`. */
  scope?: string;
  /** Default `idporten-loa-high`. */
  acrValues?: string;
  /** RFC 8707 resource indicator (the API's audience); sent on the authorization and token requests. */
  resource?: string;
  /** Bind tokens to a DPoP key (RFC 9449). Needs provider and API support. */
  dpop?: boolean;
  /** Where the signed-in user is kept. `session` (default) survives a reload; `memory` does not. */
  storage?: 'memory' | 'session';
  /** For tests: build a stand-in for oidc-client-ts's UserManager from the settings. */
  userManagerFactory?: (settings: UserManagerSettings) => UserManagerLike | Promise<UserManagerLike>;
}

export interface OidcAuth extends Auth {
  readonly kind: 'oidc';
  /** `redirect: false` ends only the local session, not the provider's. */
  signOut(options?: { redirect?: boolean }): Promise<void>;
}

const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

/** RFC 9449: the DPoP `htu` claim is the URL without query and fragment. */
const htu = (url: string) => url.split(/[?#]/, 1)[0]!;

function toAuthUser(user: User): AuthUser {
  const p = user.profile;
  return { sub: p.sub, name: p.name ?? [p.given_name, p.family_name].filter(Boolean).join(' ') };
}

function toState(user: User | null): AuthState {
  if (!user) return { status: 'signed-out' };
  if (user.expired) return { status: 'signed-out', reason: 'expired' };
  return { status: 'signed-in', user: toAuthUser(user), ...(user.expires_at ? { expiresAt: user.expires_at * 1000 } : {}) };
}

/** Same-origin URL or undefined (no open redirects through `returnTo`). */
function sameOrigin(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u : undefined;
  } catch {
    return undefined;
  }
}

export function createOidcAuth(config: OidcAuthConfig): OidcAuth {
  const state = authState({ status: 'unknown' });
  let current: User | null = null;
  let managerPromise: Promise<UserManagerLike> | undefined;
  let initPromise: Promise<AuthState> | undefined;

  const manager = () =>
    (managerPromise ??= (async () => {
      const oidc = await import('oidc-client-ts');
      const session = new oidc.WebStorageStateStore({ store: sessionStorage });
      const settings: UserManagerSettings = {
        authority: config.authority,
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        post_logout_redirect_uri: config.postLogoutRedirectUri,
        response_type: 'code',
        scope: config.scope ?? 'openid profile',
        acr_values: config.acrValues ?? 'idporten-loa-high',
        // `resource` (not extraQueryParams) so it is not also appended to the end-session URL.
        ...(config.resource ? { resource: config.resource, extraTokenParams: { resource: config.resource } } : {}),
        automaticSilentRenew: false,
        monitorSession: false,
        // The state must survive the redirect to the provider and back.
        stateStore: session,
        userStore: config.storage === 'memory' ? new oidc.WebStorageStateStore({ store: new oidc.InMemoryWebStorage() }) : session,
        ...(config.dpop ? { dpop: { bind_authorization_code: true, store: new oidc.IndexedDbDPoPStore() } } : {}),
      };
      return config.userManagerFactory ? config.userManagerFactory(settings) : new oidc.UserManager(settings);
    })());

  const isCallback = () => {
    const here = new URL(location.href);
    const target = new URL(config.redirectUri, location.href);
    const q = here.searchParams;
    return here.origin === target.origin && here.pathname === target.pathname && q.has('state') && (q.has('code') || q.has('error'));
  };

  /** Removes the callback parameters from the address bar (codes must not linger in history). */
  const leaveCallback = (returnTo?: unknown) => {
    const url = new URL(location.href);
    CALLBACK_PARAMS.forEach((p) => url.searchParams.delete(p));
    const back = sameOrigin(typeof returnTo === 'string' ? returnTo : undefined);
    if (back && back.pathname !== url.pathname) return location.replace(back.href);
    history.replaceState(history.state, '', (back ?? url).href);
  };

  const init = () =>
    (initPromise ??= (async () => {
      try {
        const um = await manager();
        if (isCallback()) {
          try {
            current = await um.signinRedirectCallback(location.href);
          } catch {
            leaveCallback();
            state.set({ status: 'signed-out', reason: 'failed' });
            return state.get();
          }
          leaveCallback((current.state as { returnTo?: unknown } | undefined)?.returnTo);
        } else {
          current = await um.getUser();
        }
        state.set(toState(current));
      } catch {
        state.set({ status: 'signed-out', reason: 'failed' });
      }
      return state.get();
    })());

  return {
    kind: 'oidc',
    state: state.get,
    init,
    onChange: state.onChange,

    async signIn(options = {}) {
      const um = await manager();
      await um.signinRedirect({ state: { returnTo: (sameOrigin(options.returnTo) ?? new URL(location.href)).href } });
    },

    async signOut({ redirect = true } = {}) {
      const um = await manager();
      const idToken = (await um.getUser().catch(() => null))?.id_token;
      current = null;
      // Also deletes the DPoP key (oidc-client-ts removes it with the user).
      await um.removeUser();
      await um.clearStaleState().catch(() => {});
      state.set({ status: 'signed-out' });
      if (!redirect) return;
      const endSession = await um.metadataService.getEndSessionEndpoint().catch(() => undefined);
      // The local session is gone either way; a failed provider logout must not undo that.
      if (endSession) await um.signoutRedirect(idToken ? { id_token_hint: idToken } : {}).catch(() => {});
    },

    async authorize({ method, url }): Promise<Record<string, string>> {
      await init();
      const user = current;
      if (!user || user.expired) {
        if (user && state.get().status === 'signed-in') state.set({ status: 'signed-out', reason: 'expired' });
        throw new OmsorgError('auth', user ? 'The session has expired' : 'Not signed in');
      }
      if (config.dpop && /^dpop$/i.test(user.token_type)) {
        const um = await manager();
        const proof = await um.dpopProof(htu(url), user, method.toUpperCase());
        if (!proof) throw new OmsorgError('auth', 'No DPoP key for this session');
        return { Authorization: `DPoP ${user.access_token}`, DPoP: proof };
      }
      return { Authorization: `Bearer ${user.access_token}` };
    },
  };
}
