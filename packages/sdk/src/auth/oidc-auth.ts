/**
 * Browser sign-in with OpenID Connect (ID-porten and the sandbox provider) on oidc-client-ts:
 * authorization code flow with PKCE and a `nonce` (checked against the ID token), `acr_values`
 * for the highest assurance level, optional DPoP. A step-up (`signIn({ maxAge })`) sends
 * `max_age` and `prompt=login`; oidc-client-ts passes them on but does not compare `auth_time`
 * with `max_age`, so the callback does (the rules core's `isSignedInWithin`) before the new user
 * counts. No iframe renew and no session monitor
 * (ID-porten gives browser clients no refresh tokens; the client warns before expiry instead).
 *
 * What is kept, and where (oidc-stores.ts): the ID token is checked at the callback and then
 * dropped; the profile is cut to `sub` and a display name; the access token lives in memory,
 * and in sessionStorage only when it is DPoP-bound and `storage` is `session` (so a reload
 * keeps the session); the DPoP key is non-extractable, in IndexedDB (`session`) or in memory
 * only (`memory`). Nothing is ever written to persistent web storage.
 *
 * The page is cleared when the session ends, not at the next call: a timer at the access
 * token's expiry, and news from the other tabs (tabs.ts): a sign-out in one tab, or a sign-in
 * as someone else, signs every other tab out.
 *
 * oidc-client-ts (~17 KB gzip) is loaded with a dynamic import on first use, so pages that
 * never sign in with OIDC never download it.
 */
import type { MetadataService, User, UserManager, UserManagerSettings } from 'oidc-client-ts';
import type { Auth, AuthState, AuthUser } from '../types.js';
import { isSignedInWithin } from '@omsorg/contract';
import { OmsorgError } from '../errors.js';
import { authState, maxAgeOf } from './listeners.js';
import { displayName, KeptUserStore, MemoryDPoPStore, newNonce } from './oidc-stores.js';
import { openTabs, whoOf, type TabNews } from './tabs.js';

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
  /**
   * `session` (default): a DPoP-bound access token (with `sub` and the name) in sessionStorage
   * and the DPoP key in IndexedDB, so a reload keeps the session; a bearer token is never
   * stored. `memory`: nothing is stored, tokens and key end with the page.
   */
  storage?: 'memory' | 'session';
  /** The BroadcastChannel the page's tabs share. Default `omsorg.auth <authority> <clientId>`. */
  tabChannel?: string;
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
// setTimeout fires at once for delays above 2^31-1 ms.
const MAX_TIMEOUT = 0x7fffffff;

function toAuthUser(user: User): AuthUser {
  return { sub: user.profile.sub, name: displayName(user.profile) };
}

/**
 * The ID token's `auth_time` (undefined when absent or unreadable). The token came straight
 * from the token endpoint over TLS (OpenID Connect Core 3.1.3.7), which oidc-client-ts relies on
 * too; only the claim is read here.
 */
function authTimeOf(idToken: string | undefined): unknown {
  try {
    const payload = idToken?.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { auth_time?: unknown }).auth_time;
  } catch {
    return undefined;
  }
}

/** What this page keeps in memory of a validated user: no ID token, `sub` and the name only. */
function scrub(user: User): User {
  user.id_token = undefined;
  user.session_state = null;
  user.profile = toAuthUser(user) as unknown as User['profile'];
  return user;
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
  const memory = config.storage === 'memory';
  let current: User | null = null;
  let managerPromise: Promise<UserManagerLike> | undefined;
  let initPromise: Promise<AuthState> | undefined;
  let userStore: KeptUserStore | undefined;
  let memoryKeys: MemoryDPoPStore | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const manager = () =>
    (managerPromise ??= (async () => {
      const oidc = await import('oidc-client-ts');
      const session = new oidc.WebStorageStateStore({ store: sessionStorage });
      userStore = memory ? new KeptUserStore(new oidc.WebStorageStateStore({ store: new oidc.InMemoryWebStorage() }), false) : new KeptUserStore(session, true);
      if (config.dpop && memory) memoryKeys = new MemoryDPoPStore();
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
        // The state (PKCE verifier, nonce) must survive the redirect to the provider and back.
        stateStore: session,
        userStore,
        ...(config.dpop ? { dpop: { bind_authorization_code: true, store: memoryKeys ?? new oidc.IndexedDbDPoPStore() } } : {}),
      };
      return config.userManagerFactory ? config.userManagerFactory(settings) : new oidc.UserManager(settings);
    })());

  /** Sets the state; a signed-in state with an expiry plans the end of the session. */
  const show = (next: AuthState) => {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
    state.set(next);
    if (next.status === 'signed-in' && next.expiresAt !== undefined) planEnd(next.expiresAt);
  };

  /** Drops this tab's session without a provider round trip (the page is cleared by the client). */
  const endHere = (reason?: 'expired') => {
    current = null;
    show(reason ? { status: 'signed-out', reason } : { status: 'signed-out' });
    // Only this tab's user: the IndexedDB DPoP key is shared with the other tabs of the page.
    void userStore?.clear().catch(() => {});
    if (config.dpop) void memoryKeys?.remove(config.clientId);
  };

  // At expiry the page is cleared at once (a shared computer), not at the next call. The
  // warning before it (client.ts) has already had the composer save its draft.
  const planEnd = (expiresAt: number) => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) return endHere('expired');
    expiryTimer = setTimeout(() => planEnd(expiresAt), Math.min(wait, MAX_TIMEOUT));
  };

  const hear = async (news: TabNews) => {
    const s = state.get();
    if (s.status !== 'signed-in' || !s.user) return;
    if (news.type === 'signed-in' && news.who === (await whoOf(s.user.sub).catch(() => ''))) return;
    if (state.get() === s) endHere();
  };
  const tabs = openTabs(config.tabChannel ?? `omsorg.auth ${config.authority} ${config.clientId}`, (news) => void hear(news));

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
            // Checks state, PKCE and the nonce in the ID token (oidc-client-ts keeps it in the state).
            const user = await um.signinRedirectCallback(location.href);
            // A step-up counts only with an auth_time at most maxAge old (else no session at all).
            const maxAge = (user.state as { maxAge?: unknown } | undefined)?.maxAge;
            if (typeof maxAge === 'number' && !isSignedInWithin(authTimeOf(user.id_token), maxAge, new Date())) {
              await um.removeUser().catch(() => {});
              throw new Error('the sign-in is older than max_age');
            }
            current = scrub(user);
          } catch {
            current = null;
            leaveCallback();
            show({ status: 'signed-out', reason: 'failed' });
            return state.get();
          }
          leaveCallback((current.state as { returnTo?: unknown } | undefined)?.returnTo);
          const sub = current.profile.sub;
          void whoOf(sub).then((who) => tabs.tell({ type: 'signed-in', who }), () => {});
        } else {
          const stored = await um.getUser();
          current = stored && scrub(stored);
        }
        show(toState(current));
      } catch {
        show({ status: 'signed-out', reason: 'failed' });
      }
      return state.get();
    })());

  return {
    kind: 'oidc',
    state: state.get,
    init,
    onChange: state.onChange,

    async signIn(options = {}) {
      const maxAge = maxAgeOf(options);
      const um = await manager();
      const returnTo = (sameOrigin(options.returnTo) ?? new URL(location.href)).href;
      // A step-up: a new authentication (OpenID Connect Core 3.1.2.1), its max age kept in the
      // sign-in state for the callback's check.
      const stepUp = maxAge === undefined ? {} : { max_age: maxAge, prompt: 'login' };
      await um.signinRedirect({ nonce: newNonce(), state: maxAge === undefined ? { returnTo } : { returnTo, maxAge }, ...stepUp });
    },

    async signOut({ redirect = true } = {}) {
      const um = await manager();
      current = null;
      // Also deletes the DPoP key (oidc-client-ts removes it with the user).
      await um.removeUser();
      await um.clearStaleState().catch(() => {});
      show({ status: 'signed-out' });
      tabs.tell({ type: 'signed-out' });
      if (!redirect) return;
      const endSession = await um.metadataService.getEndSessionEndpoint().catch(() => undefined);
      // The local session is gone either way; a failed provider logout must not undo that.
      // No id_token_hint (an ID token in a URL): oidc-client-ts sends client_id with the
      // post-logout redirect URI, and without one client_id is sent here.
      if (endSession) await um.signoutRedirect(config.postLogoutRedirectUri ? {} : { extraQueryParams: { client_id: config.clientId } }).catch(() => {});
    },

    async authorize({ method, url }): Promise<Record<string, string>> {
      await init();
      const user = current;
      if (!user || user.expired) {
        if (user && state.get().status === 'signed-in') endHere('expired');
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
