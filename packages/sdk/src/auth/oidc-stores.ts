/**
 * What the browser-only sign-in keeps, and where. oidc-client-ts writes the whole signed-in user
 * (ID token, access token, every ID-token claim, among them `pid`, the national identity number)
 * to its `userStore`; the store here writes only what a page needs to go on after a reload:
 *
 * - the profile cut to `sub` and a display name (never `pid` or any other claim);
 * - no ID token (it is checked once, at the callback, and not needed after: sign-out sends
 *   `client_id`, not `id_token_hint`), no refresh token, no session state;
 * - the access token only when `persistAccessToken` is set and the token is DPoP-bound (useless
 *   without the non-extractable private key); a bearer token is never written: without one
 *   there is nothing to keep, and the page signs in again after a reload.
 *
 * No runtime import of oidc-client-ts here: it stays a lazily loaded chunk.
 */
import type { DPoPState, StateStore, UserManagerSettings } from 'oidc-client-ts';
import { base64url } from '../ids.js';

/** oidc-client-ts's DPoP key store (its interface is not exported by name). */
type DPoPStore = NonNullable<UserManagerSettings['dpop']>['store'];

const isDpop = (tokenType: unknown) => typeof tokenType === 'string' && /^dpop$/i.test(tokenType);

export function displayName(profile: { readonly name?: unknown; readonly given_name?: unknown; readonly family_name?: unknown }): string {
  if (typeof profile.name === 'string') return profile.name;
  return [profile.given_name, profile.family_name].filter((p) => typeof p === 'string' && p).join(' ');
}

/**
 * The stored form of a user (oidc-client-ts's `User.toStorageString()`), cut down; `undefined`
 * when nothing may be kept.
 */
export function keptUser(value: string, persistAccessToken: boolean): string | undefined {
  let user: Record<string, unknown>;
  try {
    user = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!user || typeof user !== 'object' || typeof user.access_token !== 'string') return undefined;
  if (!persistAccessToken || !isDpop(user.token_type)) return undefined;
  const profile = (user.profile ?? {}) as Record<string, unknown>;
  if (typeof profile.sub !== 'string') return undefined;
  return JSON.stringify({
    access_token: user.access_token,
    token_type: user.token_type,
    ...(typeof user.scope === 'string' ? { scope: user.scope } : {}),
    ...(typeof user.expires_at === 'number' ? { expires_at: user.expires_at } : {}),
    profile: { sub: profile.sub, name: displayName(profile) },
  });
}

/** A `userStore` that writes only `keptUser(…)` to the store under it. */
export class KeptUserStore implements StateStore {
  constructor(
    private readonly inner: StateStore,
    private readonly persistAccessToken: boolean,
  ) {}

  async set(key: string, value: string): Promise<void> {
    const kept = keptUser(value, this.persistAccessToken);
    if (kept === undefined) await this.inner.remove(key);
    else await this.inner.set(key, kept);
  }

  get(key: string): Promise<string | null> {
    return this.inner.get(key);
  }

  remove(key: string): Promise<string | null> {
    return this.inner.remove(key);
  }

  getAllKeys(): Promise<string[]> {
    return this.inner.getAllKeys();
  }

  /** Forgets every stored user of this store (oidc-client-ts names them `user:…`). */
  async clear(): Promise<void> {
    for (const key of await this.inner.getAllKeys()) if (key.startsWith('user:')) await this.inner.remove(key);
  }
}

/**
 * DPoP keys held by this page only: the key pair oidc-client-ts makes is non-extractable, and
 * here it is not written anywhere, so it ends with the page (storage: `memory`).
 */
export class MemoryDPoPStore implements DPoPStore {
  private readonly states = new Map<string, DPoPState>();

  async set(key: string, value: DPoPState): Promise<void> {
    this.states.set(key, value);
  }

  /** `undefined` when there is none (as oidc-client-ts's own stores answer: it then makes one). */
  async get(key: string): Promise<DPoPState> {
    return this.states.get(key) as DPoPState;
  }

  async remove(key: string): Promise<DPoPState> {
    const state = this.states.get(key);
    this.states.delete(key);
    return state as DPoPState;
  }

  async getAllKeys(): Promise<string[]> {
    return [...this.states.keys()];
  }
}

/** A fresh OpenID Connect `nonce`: 32 random bytes, base64url. */
export function newNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
