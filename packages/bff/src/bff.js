// @ts-check
/**
 * The backend-for-frontend: a municipality runs it on its own site, same-site with its Min side.
 * The browser holds one HttpOnly cookie (and, during a sign-in, a short-lived second one); every
 * token stays here. Endpoints under `mountPath` (default `/bff`):
 *
 *   GET  /login?returnTo=/path   starts a sign-in (PAR, PKCE, state, nonce; private_key_jwt);
 *                                `&max_age=300` makes it a step-up: `prompt=login` and `max_age` to
 *                                the provider, and the new `auth_time` checked at the callback
 *   GET  /callback               the provider's redirect: the code is redeemed, a session made
 *   GET  /session                { signedIn, user: { sub (opaque), name }, expiresAt } for the SDK
 *   POST /logout                 ends the session; answers where to POST the provider's logout
 *   POST /backchannel-logout     the provider's logout token (Back-Channel Logout 1.0)
 *   GET  /frontchannel-logout    ?iss&sid in the provider's iframe (Front-Channel Logout 1.0,
 *                                what ID-porten uses to end the other sessions of a sign-out)
 *   *    /api/v1/…               the contract's paths and methods, proxied to the API with DPoP
 *
 * A state-changing request needs `X-Omsorg-Csrf: 1` and an allowed `Origin`, or it is 403.
 */
import { problem, json, redirect, cookie, setCookie, readForm, BASE_HEADERS } from './http.js';
import { createSessionStore } from './sessions.js';
import { createOidcClient } from './oidc.js';
import { createProxy } from './proxy.js';
import { allowed, contractRoutes } from './routes.js';
import { createLogoutTokenVerifier } from './backchannel.js';
import { opaqueSub, sessionKey } from './seal.js';
import { migrateBff } from './db.js';
import { isSignInMaxAge } from '@omsorg/contract';

export const CSRF_HEADER = 'x-omsorg-csrf';
/** Refresh (or give up on) an access token this close to its expiry. */
const REFRESH_BEFORE_MS = 30_000;
const SWEEP_MS = 5 * 60_000;

/**
 * @typedef {object} BffOptions
 * @property {import('./db.js').BffDatabase} db the sessions' database (migrated on start, unless `migrate: false`)
 * @property {boolean} [migrate] default true: run `migrateBff(db)` on start. False when another
 *   role has migrated already (a schema's owner; `db`'s role may then have no CREATE)
 * @property {string | Buffer} sessionKey 32 bytes (base64url): seals tokens at rest
 * @property {string} publicOrigin the origin of the Min side and the BFF, e.g. `https://www.kommune.no`
 * @property {string} apiBaseUrl the omsorg API (its `/v1/…` paths are appended)
 * @property {string} issuer the OpenID provider
 * @property {string} clientId
 * @property {import('jose').JWK} clientKey private JWK for private_key_jwt
 * @property {string} [mountPath] default `/bff`
 * @property {string} [postLogoutRedirectUri] default `<publicOrigin>/`
 * @property {readonly string[]} [allowedOrigins] for CSRF, default `[publicOrigin]`
 * @property {string} [scope]
 * @property {string} [acr]
 * @property {string} [resource]
 * @property {boolean} [allowHttp] a plain-http provider and API (development)
 * @property {boolean} [keepSessions] default true: keep the session rows read while listening for
 *   changes (LISTEN). False where LISTEN cannot work, e.g. behind a transaction-mode pooler:
 *   every request then reads its row
 * @property {() => Date} [now] the sessions' clock (tests)
 * @property {number} [idleMs]
 * @property {number} [absoluteMs]
 * @property {Pick<Console, 'error' | 'warn'>} [logger]
 */

/** A same-site path to come back to after sign-in, or `/`. @param {string | null} value */
export function safeReturnPath(value) {
  if (!value || value.length > 512 || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}

/**
 * A step-up's `max_age` from the login's query: undefined when there is none, a whole number of
 * seconds within the rules core's limits, or `false` when it is anything else (one value only,
 * plain digits: no sign, fraction, exponent or space).
 * @param {URLSearchParams} query
 * @returns {number | undefined | false}
 */
export function loginMaxAge(query) {
  const all = query.getAll('max_age');
  if (all.length === 0) return undefined;
  const value = all.length === 1 && /^\d{1,5}$/.test(String(all[0])) ? Number(all[0]) : Number.NaN;
  return isSignInMaxAge(value) ? value : false;
}

/** @param {BffOptions} o */
export async function createBff(o) {
  const key = sessionKey(o.sessionKey);
  const now = o.now ?? (() => new Date());
  const logger = o.logger ?? console;
  const mount = (o.mountPath ?? '/bff').replace(/\/+$/, '');
  const origin = new URL(o.publicOrigin).origin;
  const secure = origin.startsWith('https:');
  // `__Host-`: Secure, Path=/, no Domain; the browser refuses it otherwise. Plain-http
  // development (localhost) gets names without the prefix, and no Secure.
  const names = secure ? { session: '__Host-omsorg-session', login: '__Host-omsorg-login' } : { session: 'omsorg-session', login: 'omsorg-login' };
  const allowedOrigins = new Set((o.allowedOrigins ?? [origin]).map((x) => new URL(x).origin));
  const redirectUri = `${origin}${mount}/callback`;

  if (o.migrate !== false) await migrateBff(o.db);
  const sessions = createSessionStore({ db: o.db, key, now, logger, ...(o.idleMs ? { idleMs: o.idleMs } : {}), ...(o.absoluteMs ? { absoluteMs: o.absoluteMs } : {}) });
  if (o.keepSessions !== false) await sessions.listen();
  const oidc = createOidcClient({
    issuer: o.issuer,
    clientId: o.clientId,
    clientKey: o.clientKey,
    redirectUri,
    postLogoutRedirectUri: o.postLogoutRedirectUri ?? `${origin}/`,
    ...(o.scope ? { scope: o.scope } : {}),
    ...(o.acr ? { acr: o.acr } : {}),
    ...(o.resource ? { resource: o.resource } : {}),
    ...(o.allowHttp ? { allowHttp: true } : {}),
    now,
  });
  const proxy = createProxy({ apiBaseUrl: o.apiBaseUrl });
  const routes = contractRoutes();
  const verifyLogoutToken = createLogoutTokenVerifier({ provider: oidc.provider, clientId: o.clientId });
  const sweeper = setInterval(() => sessions.sweep().catch((err) => logger.error('omsorg bff: sweep failed', err)), SWEEP_MS);
  sweeper.unref();
  /** @type {Map<string, Promise<import('./sessions.js').Session | undefined>>} */
  const refreshing = new Map();

  const clearSession = setCookie(names.session, '', { secure, sameSite: 'Strict' });
  const clearLogin = setCookie(names.login, '', { secure, sameSite: 'Lax' });

  /** @param {import('node:http').IncomingMessage} req */
  const csrfOk = (req) => {
    if (req.headers[CSRF_HEADER] !== '1') return false;
    const from = req.headers.origin;
    if (typeof from !== 'string' || !allowedOrigins.has(from)) return false;
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  };

  /** A usable access token: refreshed when it is about to run out, else the session ends. @param {import('./sessions.js').Session} s */
  const fresh = async (s) => {
    if (s.accessExpiresAt.getTime() - Date.now() > REFRESH_BEFORE_MS) return s;
    let p = refreshing.get(s.id);
    if (!p) {
      p = (async () => {
        const t = await oidc.refresh(s.secrets).catch((err) => {
          logger.warn('omsorg bff: refresh failed', err instanceof Error ? err.message : err);
          return undefined;
        });
        if (!t) {
          if (s.accessExpiresAt.getTime() > Date.now()) return s;
          await sessions.remove(s.id);
          return undefined;
        }
        return sessions.update(s, { accessToken: t.accessToken, refreshToken: t.refreshToken }, new Date(Date.now() + t.expiresIn * 1000));
      })().finally(() => refreshing.delete(s.id));
      refreshing.set(s.id, p);
    }
    return p;
  };

  /** @param {string} returnTo */
  const failed = (returnTo) => {
    const u = new URL(returnTo, origin);
    u.searchParams.set('omsorg-signin', 'failed');
    return u.pathname + u.search;
  };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} rest the path after the mount, with its query
   */
  async function route(req, res, rest) {
    const method = req.method ?? 'GET';
    const [path = '/', query = ''] = rest.split(/\?(.*)/s, 2);

    if (path.startsWith('/api/') || path === '/api') {
      const target = rest.slice('/api'.length);
      if (!allowed(routes, method, target)) return problem(res, 404, 'notFound', 'Not a path of the omsorg API.');
      if (method !== 'GET' && method !== 'HEAD' && !csrfOk(req)) return problem(res, 403, 'forbidden', 'A state-changing request needs the CSRF header and an allowed Origin.');
      // A read may use this process's kept row; a write reads the row (see sessions.js).
      const found = await sessions.get(cookie(req, names.session), { touch: true, fresh: method !== 'GET' && method !== 'HEAD' });
      const session = found && (await fresh(found));
      if (!session) {
        req.resume();
        res.setHeader('Set-Cookie', clearSession);
        return problem(res, 401, 'unauthorized', 'The session has ended.');
      }
      // The idle limit moves with every request: the SDK keeps its expiry warning true by this.
      res.setHeader('X-Omsorg-Session-Expires', String(session.expiresAt.getTime()));
      return proxy.forward(req, res, session, target);
    }

    if (path === '/session' && method === 'GET') {
      const s = await sessions.get(cookie(req, names.session), { fresh: true });
      if (!s) return json(res, 200, { signedIn: false }, cookie(req, names.session) ? { 'Set-Cookie': clearSession } : {});
      return json(res, 200, { signedIn: true, user: { sub: opaqueSub(key, s.secrets.sub), name: s.secrets.name }, expiresAt: s.expiresAt.getTime() });
    }

    if (path === '/login' && method === 'GET') {
      const params = new URLSearchParams(query);
      const returnTo = safeReturnPath(params.get('returnTo'));
      const maxAge = loginMaxAge(params);
      // A malformed max_age starts nothing: back to the page as a failed sign-in, the session as it was.
      if (maxAge === false) return redirect(res, failed(returnTo));
      const { url, pending } = await oidc.begin(maxAge === undefined ? {} : { maxAge });
      const token = await sessions.startLogin({ ...pending, returnTo });
      return redirect(res, url.href, { 'Set-Cookie': setCookie(names.login, token, { secure, sameSite: 'Lax', maxAge: 600 }) });
    }

    if (path === '/callback' && method === 'GET') {
      const token = cookie(req, names.login);
      const pending = token ? await sessions.takeLogin(token) : undefined;
      if (!pending) return redirect(res, failed('/'), { 'Set-Cookie': clearLogin });
      const returnTo = safeReturnPath(pending.returnTo);
      let signedIn;
      try {
        signedIn = await oidc.finish(new URLSearchParams(query), /** @type {any} */ (pending));
      } catch (err) {
        logger.warn('omsorg bff: sign-in refused:', err instanceof Error ? err.message : err);
        return redirect(res, failed(returnTo), { 'Set-Cookie': clearLogin });
      }
      const old = cookie(req, names.session);
      if (old) {
        const s = await sessions.get(old);
        if (s) await sessions.remove(s.id);
      }
      const value = await sessions.create({
        sid: signedIn.sid,
        authTime: signedIn.authTime,
        accessExpiresAt: new Date(Date.now() + signedIn.expiresIn * 1000),
        secrets: {
          accessToken: signedIn.accessToken,
          refreshToken: signedIn.refreshToken,
          tokenType: signedIn.tokenType,
          name: signedIn.name,
          sub: signedIn.sub,
          dpopPrivate: pending.dpopPrivate,
          dpopPublic: pending.dpopPublic,
        },
      });
      return redirect(res, returnTo, { 'Set-Cookie': [clearLogin, setCookie(names.session, value, { secure, sameSite: 'Strict' })] });
    }

    if (path === '/logout' && method === 'POST') {
      req.resume();
      if (!csrfOk(req)) return problem(res, 403, 'forbidden', 'Sign-out needs the CSRF header and an allowed Origin.');
      const s = await sessions.get(cookie(req, names.session));
      if (s) {
        await sessions.remove(s.id);
        proxy.forget(s.id);
      }
      // Our session has ended either way; without the provider's metadata the browser cannot
      // end the provider's session too, and the operator should hear of it.
      const endSession = await oidc.endSession().catch((err) => {
        logger.warn('omsorg bff: sign-out without the provider\'s end-session endpoint:', err instanceof Error ? err.message : err);
        return undefined;
      });
      return json(res, 200, { signedIn: false, ...(endSession ? { endSession: { method: 'POST', ...endSession } } : {}) }, { 'Set-Cookie': clearSession });
    }

    if (path === '/backchannel-logout' && method === 'POST') {
      const form = await readForm(req, 16_384);
      const logoutToken = form?.get('logout_token');
      try {
        if (!logoutToken) throw new Error('no logout_token');
        const { sid } = await verifyLogoutToken(logoutToken);
        if (!sid) throw new Error('no sid');
        await sessions.removeBySid(sid);
      } catch (err) {
        logger.warn('omsorg bff: logout token refused:', err instanceof Error ? err.message : err);
        return json(res, 400, { error: 'invalid_request' });
      }
      res.writeHead(200, { ...BASE_HEADERS });
      return res.end();
    }

    if (path === '/frontchannel-logout' && method === 'GET') {
      // The provider loads this in an iframe on its own page, so no cookie comes (SameSite=
      // Strict): the provider session id says which sessions end. It is as secret as a cookie.
      req.resume();
      const q = new URLSearchParams(query);
      const sid = q.get('sid');
      const sameIssuer = q.get('iss')?.replace(/\/+$/, '') === o.issuer.replace(/\/+$/, '');
      if (!sid || sid.length > 256 || !sameIssuer) return problem(res, 400, 'validation', 'Front-channel logout needs the provider\'s iss and a sid.');
      await sessions.removeBySid(sid);
      const body = '<!doctype html><meta charset="utf-8"><title>Logget ut</title>';
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(body)),
        'Content-Security-Policy': `default-src 'none'; frame-ancestors ${new URL(o.issuer).origin}`,
      });
      return res.end(body);
    }

    req.resume();
    return problem(res, 404, 'notFound');
  }

  return {
    mountPath: mount,
    cookieName: names.session,
    redirectUri,
    backchannelLogoutUri: `${origin}${mount}/backchannel-logout`,
    frontchannelLogoutUri: `${origin}${mount}/frontchannel-logout`,
    sessions,
    /**
     * Node request handler for every URL under the mount path (full URL, prefix included).
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    async handle(req, res) {
      const url = req.url ?? '/';
      if (!(url === mount || url.startsWith(`${mount}/`) || url.startsWith(`${mount}?`))) return problem(res, 404, 'notFound');
      try {
        await route(req, res, url.slice(mount.length) || '/');
      } catch (err) {
        logger.error('omsorg bff: unexpected error', err);
        problem(res, 500, 'serverError');
      }
    },
    async close() {
      clearInterval(sweeper);
      proxy.close();
      await sessions.close();
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof createBff>>} Bff */
