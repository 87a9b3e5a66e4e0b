/**
 * Sign-in through a backend-for-frontend (@omsorg/bff) on the page's own site: the browser holds
 * one HttpOnly cookie and never a token. Sign-in navigates to the BFF's login endpoint (a
 * step-up adds `max_age`: the BFF has the provider authenticate again and checks `auth_time`); the
 * session state comes from its session endpoint; API calls go to its proxy path with the
 * cookie (same origin) and the CSRF header; a 401 or the session's end means signed out.
 * The tabs of one page share the cookie, so they share the session: a sign-out in one tab, or a
 * sign-in there as another person, clears every other tab at once (tabs.ts), not at its next call.
 * Loaded lazily by the CDN loader (`data-auth="bff"`), so other pages do not carry it.
 */
import type { Auth, AuthState } from '../types.js';
import { OmsorgError } from '../errors.js';
import { authState, maxAgeOf } from './listeners.js';
import { openTabs, whoOf, type TabNews } from './tabs.js';

export interface BffAuthConfig {
  /** The BFF's path (or same-origin URL). Default `/bff`. */
  base?: string;
  /** For tests: defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** For tests: a top-level navigation (default `location.assign`). */
  navigate?: (url: string) => void;
  /** For tests: a form POST navigation (default: a hidden form, submitted). */
  submitForm?: (action: string, fields: Record<string, string>) => void;
  /** The BroadcastChannel name the page's tabs share. Default: one per origin and BFF path. */
  tabChannel?: string;
}

export interface BffAuth extends Auth {
  readonly kind: 'bff';
  /** The API base URL for `createClient`: the BFF's proxy, e.g. `/bff/api`. */
  readonly apiBaseUrl: string;
  /** `fetch` for `createClient`: same-origin cookie, and a 401 ends the session here. */
  readonly fetch: typeof fetch;
  /** `redirect: false` ends only the BFF's session, not the provider's. */
  signOut(options?: { redirect?: boolean }): Promise<void>;
}

export const CSRF_HEADER = 'X-Omsorg-Csrf';
/** The BFF adds this query parameter to the return path when a sign-in failed. */
const FAILED_PARAM = 'omsorg-signin';
/** setTimeout's longest delay; longer waits are taken in steps. */
const MAX_TIMEOUT = 2 ** 31 - 1;

interface SessionAnswer {
  signedIn?: unknown;
  user?: { sub?: unknown; name?: unknown };
  expiresAt?: unknown;
}

function toState(body: SessionAnswer): AuthState {
  const u = body.user;
  if (body.signedIn !== true || !u || typeof u.sub !== 'string' || typeof u.name !== 'string') return { status: 'signed-out' };
  return { status: 'signed-in', user: { sub: u.sub, name: u.name }, ...(typeof body.expiresAt === 'number' ? { expiresAt: body.expiresAt } : {}) };
}

function postForm(action: string, fields: Record<string, string>): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

export function createBffAuth(config: BffAuthConfig = {}): BffAuth {
  const base = new URL((config.base ?? '/bff').replace(/\/+$/, ''), location.href);
  if (base.origin !== location.origin) throw new TypeError('the BFF must be on the page’s own origin');
  const root = base.pathname;
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const navigate = config.navigate ?? ((url: string) => location.assign(url));
  const submitForm = config.submitForm ?? postForm;
  const state = authState({ status: 'unknown' });
  let initPromise: Promise<AuthState> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const ended = (reason?: 'expired' | 'failed') => {
    clearTimeout(timer);
    const was = state.get().status === 'signed-in';
    state.set(reason ? { status: 'signed-out', reason } : was ? { status: 'signed-out', reason: 'expired' } : { status: 'signed-out' });
    if (was) tabs.tell({ type: 'signed-out' });
  };

  /** Another tab signed out, or signed in as someone else (whose cookie this tab now holds). */
  const hear = async (news: TabNews) => {
    const s = state.get();
    if (s.status !== 'signed-in' || !s.user) return;
    if (news.type === 'signed-in' && news.who === (await whoOf(s.user.sub).catch(() => ''))) return;
    if (state.get() !== s) return;
    clearTimeout(timer);
    state.set({ status: 'signed-out' });
    // The other person's session is this tab's too now: show it, from a clean screen.
    if (news.type === 'signed-in') void refresh();
  };
  const tabs = openTabs(config.tabChannel ?? `omsorg.bff ${base.origin}${root}`, (news) => void hear(news));

  /** At the session's end, ask the BFF (activity may have moved it); signed out when it is over. */
  const watch = (s: AuthState) => {
    clearTimeout(timer);
    if (s.status !== 'signed-in' || s.expiresAt === undefined) return;
    const wait = s.expiresAt - Date.now();
    timer = setTimeout(() => void (wait > MAX_TIMEOUT ? watch(state.get()) : refresh()), Math.min(Math.max(wait, 0), MAX_TIMEOUT));
  };

  const set = (next: AuthState) => {
    state.set(next);
    watch(next);
  };

  const refresh = async (): Promise<AuthState> => {
    try {
      const res = await doFetch(`${root}/session`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const next = toState((await res.json()) as SessionAnswer);
      const before = state.get();
      if (next.status !== 'signed-in') ended();
      else {
        set(next);
        const who = next.user?.sub;
        // A session new to this tab (a sign-in, a restore): the other tabs compare persons.
        if (who && (before.status !== 'signed-in' || before.user?.sub !== who)) void whoOf(who).then((w) => tabs.tell({ type: 'signed-in', who: w }), () => {});
      }
    } catch {
      // The BFF could not be asked: keep what we know until the next call says otherwise.
      if (state.get().status === 'unknown') state.set({ status: 'signed-out', reason: 'failed' });
    }
    return state.get();
  };

  /** Removes `omsorg-signin=failed` from the address bar; true when it was there. */
  const takeFailure = () => {
    const url = new URL(location.href);
    if (url.searchParams.get(FAILED_PARAM) !== 'failed') return false;
    url.searchParams.delete(FAILED_PARAM);
    history.replaceState(history.state, '', url.href);
    return true;
  };

  const wrappedFetch: typeof fetch = async (input, init) => {
    const res = await doFetch(input, { ...init, credentials: 'same-origin' });
    // After the caller has seen the 401 (kind `auth`): the state change then wipes the screen.
    if (res.status === 401) setTimeout(() => ended(), 0);
    else {
      const exp = Number(res.headers.get('x-omsorg-session-expires'));
      const s = state.get();
      if (s.status === 'signed-in' && Number.isFinite(exp) && exp > 0 && exp !== s.expiresAt) set({ ...s, expiresAt: exp });
    }
    return res;
  };

  const init = () =>
    (initPromise ??= (async () => {
      const failed = takeFailure();
      const s = await refresh();
      if (failed && s.status !== 'signed-in') state.set({ status: 'signed-out', reason: 'failed' });
      return state.get();
    })());

  return {
    kind: 'bff',
    apiBaseUrl: `${base.origin}${root}/api`,
    fetch: wrappedFetch,
    state: state.get,
    onChange: state.onChange,

    init,

    async signIn(options = {}) {
      // A step-up: the BFF asks the provider for a new authentication and checks its age.
      const maxAge = maxAgeOf(options);
      let back = new URL(location.href);
      try {
        const wanted = options.returnTo ? new URL(options.returnTo, location.href) : back;
        if (wanted.origin === location.origin) back = wanted;
      } catch {
        // Not a URL: come back here.
      }
      navigate(`${root}/login?returnTo=${encodeURIComponent(back.pathname + back.search)}${maxAge === undefined ? '' : `&max_age=${maxAge}`}`);
    },

    async signOut({ redirect = true } = {}) {
      clearTimeout(timer);
      let answer: { endSession?: { method?: unknown; url?: unknown; fields?: unknown } } = {};
      try {
        const res = await doFetch(`${root}/logout`, { method: 'POST', credentials: 'same-origin', headers: { [CSRF_HEADER]: '1', Accept: 'application/json' } });
        if (res.ok) answer = (await res.json()) as typeof answer;
      } finally {
        // Signed out here whatever the BFF answered: the screen must not keep showing data.
        state.set({ status: 'signed-out' });
        tabs.tell({ type: 'signed-out' });
      }
      const end = answer.endSession;
      if (!redirect || !end || typeof end.url !== 'string' || typeof end.fields !== 'object' || !end.fields) return;
      const fields = Object.fromEntries(Object.entries(end.fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
      if (end.method === 'POST') submitForm(end.url, fields);
      else navigate(`${end.url}?${new URLSearchParams(fields)}`);
    },

    async authorize(): Promise<Record<string, string>> {
      await init();
      const s = state.get();
      if (s.status === 'signed-in' && s.expiresAt !== undefined && s.expiresAt <= Date.now()) await refresh();
      if (state.get().status !== 'signed-in') throw new OmsorgError('auth', 'Not signed in');
      return { [CSRF_HEADER]: '1' };
    },
  };
}
