// @ts-check
/**
 * The sandbox's development OpenID provider (oidc-provider 9), shaped like ID-porten at its
 * highest level:
 * - authorization code flow only, PKCE S256 required, `acr` = `idporten-loa-high` (in the ID
 *   token and the access token), `amr` = ['TestID'], claims `sub` (the person id), `name`, `pid`
 *   (a synthetic national identity number, ID token only);
 * - JWT access tokens (RFC 9068, `typ: at+jwt`, ES256) for the API's audience, which is the
 *   default resource, so clients need not send `resource`; DPoP (RFC 9449) optional per token;
 * - no refresh tokens for browser clients, no userinfo endpoint (take claims from the ID token);
 *   a confidential client (the BFF: `private_key_jwt`, PAR, DPoP) that lists the
 *   `refresh_token` grant gets refresh tokens, bound to its DPoP key;
 * - RP-initiated logout with `post_logout_redirect_uris` (GET or POST, with `id_token_hint` or
 *   `client_id`), and back-channel logout to clients that register a `backchannel_logout_uri`;
 * - `max_age` and `prompt=login` (a step-up, OpenID Connect Core 3.1.2.1) as oidc-provider does
 *   them: a session older than `max_age`, or `prompt=login`, shows the login page again, and the
 *   ID token and the access token carry the new `auth_time`;
 * - its own minimal interaction pages (no script): the login page lists the test persons, consent
 *   is granted automatically (all configured clients are first-party); they answer only requests
 *   from loopback addresses.
 * Keys and cookie keys are kept in `dataDir` (see keys.js).
 *
 * Mounting: `handle(req, res)` expects the full request URL (e.g. `/oidc/auth?...`) for an issuer
 * `http://127.0.0.1:8080/oidc`; it strips the issuer's path itself and answers 404 for URLs
 * outside it. Route `/oidc` and everything below it to `handle`.
 */
import Provider, { errors } from 'oidc-provider';
// The package's own in-memory store, created explicitly so that each provider has its own and
// oidc-provider does not warn on every start. Sessions, interactions and grants live in memory
// on purpose: access tokens are self-contained JWTs and verify across restarts.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { findPerson, rolesOf, testPersons } from './persons.js';
import { loadOrCreateCookieKeys, loadOrCreateJwks, publicJwks } from './keys.js';
import { isLoopbackAddress, originsOf, readForm } from './http.js';
import { PAGE_HEADERS, contentSecurityPolicy, errorPage, loggedOutPage, loginPage, logoutPage } from './pages.js';

export { isLoopbackAddress };

export const ACR_HIGH = 'idporten-loa-high';
export const AMR = Object.freeze(['TestID']);
/** Signature algorithms accepted for DPoP proofs (provider and API alike). */
export const DPOP_ALGS = Object.freeze(['ES256', 'RS256', 'EdDSA', 'Ed25519']);

/**
 * @typedef {object} OidcClientConfig Client metadata (oidc-provider / RFC 7591 names). Missing
 *   values default to a public browser client: `token_endpoint_auth_method: 'none'`,
 *   `grant_types: ['authorization_code']`, `response_types: ['code']`, `application_type: 'web'`,
 *   `dpop_bound_access_tokens: false` (DPoP optional).
 * @property {string} client_id
 * @property {string[]} redirect_uris
 * @property {string[]} [post_logout_redirect_uris]
 * @property {string} [client_name]
 * @property {string} [token_endpoint_auth_method]
 * @property {string[]} [grant_types]
 * @property {string[]} [response_types]
 * @property {boolean} [dpop_bound_access_tokens]
 * @property {{ keys: import('jose').JWK[] }} [jwks] a confidential client's public keys (`private_key_jwt`)
 * @property {string} [token_endpoint_auth_signing_alg]
 * @property {boolean} [require_pushed_authorization_requests]
 * @property {string} [backchannel_logout_uri]
 * @property {boolean} [backchannel_logout_session_required]
 */

/**
 * @typedef {object} OidcProviderHandle
 * @property {import('oidc-provider').default} provider the oidc-provider instance (a Koa app)
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} handle
 *   node request handler for every URL under the issuer's path (full URL, prefix included)
 * @property {string} issuer
 * @property {string} mountPath the issuer's path, e.g. `/oidc` ('' when the issuer has none)
 * @property {{ keys: import('jose').JWK[] }} jwks the public JWK set (for in-process token verification)
 * @property {string} apiAudience
 */

/**
 * @param {object} options
 * @param {string} options.issuer e.g. `http://127.0.0.1:8080/oidc` (no trailing slash)
 * @param {string} options.dataDir where the key files live (created if missing)
 * @param {readonly import('./persons.js').TestPerson[]} [options.persons] default: the test persons
 * @param {readonly OidcClientConfig[]} options.clients
 * @param {string} options.apiAudience the API's resource indicator / access token `aud` (an absolute URI)
 * @param {number} [options.accessTokenTtl] seconds, default 600
 * @param {string} [options.apiScope] the scopes the API's access tokens may carry, default `openid profile`
 * @param {(model: string) => any} [options.adapter] where sessions, interactions, codes and grants
 *   live; default in memory (one process), `createDatabaseAdapter(db)` (adapter.js) for several
 * @param {() => Date} [options.now] the clock of a sign-in's time (`auth_time`, tests: a sign-in
 *   made "an hour ago"); oidc-provider's own times (token `iat`/`exp`, its `max_age` check) stay real
 * @returns {Promise<OidcProviderHandle>}
 */
export async function createOidcProvider({
  issuer,
  dataDir,
  persons = testPersons,
  clients,
  apiAudience,
  accessTokenTtl = 600,
  apiScope = 'openid profile',
  adapter = createMemoryAdapter(15),
  now = () => new Date(),
}) {
  const issuerUrl = new URL(issuer);
  if (issuerUrl.search || issuerUrl.hash || issuer.endsWith('/')) throw new TypeError('issuer must have no query, fragment or trailing slash');
  if (!URL.canParse(apiAudience)) throw new TypeError('apiAudience must be an absolute URI');
  if (!Array.isArray(clients) || clients.length === 0) throw new TypeError('at least one client is needed');
  const mountPath = issuerUrl.pathname === '/' ? '' : issuerUrl.pathname;

  const [jwks, cookieKeys] = await Promise.all([loadOrCreateJwks(dataDir), loadOrCreateCookieKeys(dataDir)]);

  const clientMetadata = clients.map((c) => ({
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    application_type: 'web',
    id_token_signed_response_alg: 'RS256',
    dpop_bound_access_tokens: false,
    ...c,
  }));
  // Forms on our pages lead (through redirects) to the clients; CSP form-action must allow that.
  const formOrigins = originsOf(clientMetadata.flatMap((c) => [...c.redirect_uris, ...(c.post_logout_redirect_uris ?? [])]));
  const csp = contentSecurityPolicy(formOrigins);
  // For oidc-provider's own HTML (the form_post response mode, logout without a session): it
  // appends the hash of its one inline script to script-src. 'self' serves no script here.
  const providerCsp = csp.replace("default-src 'none';", "default-src 'none'; script-src 'self';");

  /** @param {any} ctx */
  const htmlHeaders = (ctx) => {
    for (const [k, v] of Object.entries(PAGE_HEADERS)) ctx.set(k, v);
    ctx.set('Content-Security-Policy', csp);
  };

  const provider = new Provider(issuer, {
    adapter,
    clients: clientMetadata,
    jwks,
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    acrValues: [ACR_HIGH],
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ['sub', 'pid', 'amr', 'auth_time'],
      profile: ['name'],
    },
    scopes: ['openid', 'profile'],
    // Claims of the requested scopes go into the ID token (there is no userinfo endpoint).
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    /** @param {any} _ctx @param {string} origin @param {any} client */
    clientBasedCORS(_ctx, origin, client) {
      if (!origin || origin === 'null') return false;
      return originsOf([...client.redirectUris, ...(client.postLogoutRedirectUris ?? [])]).includes(origin);
    },
    /** @param {any} _ctx @param {string} sub */
    async findAccount(_ctx, sub) {
      const person = findPerson(persons, sub);
      if (!person) return undefined;
      return {
        accountId: person.id,
        async claims() {
          return { sub: person.id, name: person.name, pid: person.pid };
        },
      };
    },
    /** @param {any} ctx @param {any} token */
    async extraTokenClaims(ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
      if (!source) return undefined;
      // A role (management) rides in the access token for the API to check; citizens have none.
      const roles = typeof source.accountId === 'string' ? rolesOf(persons, source.accountId) : [];
      return {
        ...(source.acr ? { acr: source.acr } : {}),
        ...(source.amr ? { amr: source.amr } : {}),
        ...(source.authTime ? { auth_time: source.authTime } : {}),
        ...(roles.length ? { roles: [...roles] } : {}),
      };
    },
    // Public (browser) clients get none, as in ID-porten; a confidential client that lists the grant does.
    /** @param {any} _ctx @param {any} client */
    // oidc-provider guards its outgoing requests against special-use addresses (SSRF); this
    // loopback-only provider calls the BFF's back-channel logout on loopback, so it allows that.
    /** @param {string | URL} url @param {RequestInit & { dispatcher?: unknown }} options */
    fetch(url, options) {
      if (isLoopbackAddress(new URL(url).hostname.replace(/^\[|\]$/g, ''))) delete options.dispatcher;
      return globalThis.fetch(url, options);
    },
    issueRefreshToken: async (/** @type {any} */ _ctx, /** @type {any} */ client) => client.clientAuthMethod !== 'none' && client.grantTypeAllowed('refresh_token'),
    interactions: {
      url: async (/** @type {any} */ _ctx, /** @type {{ uid: string }} */ interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: accessTokenTtl,
      Interaction: 600,
      Session: 2 * 60 * 60,
      Grant: 2 * 60 * 60,
      // A refresh token lives no longer than a session may (120 minutes, as ID-porten).
      RefreshToken: 2 * 60 * 60,
    },
    enabledJWA: {
      dPoPSigningAlgValues: [...DPOP_ALGS],
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: true },
      userinfo: { enabled: false },
      revocation: { enabled: false },
      introspection: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        /** @param {any} ctx @param {string} form */
        async logoutSource(ctx, form) {
          htmlHeaders(ctx);
          ctx.body = logoutPage(form);
        },
        /** @param {any} ctx */
        async postLogoutSuccessSource(ctx) {
          htmlHeaders(ctx);
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // The API is the default resource: browser clients need not send `resource`.
        /** @param {any} _ctx @param {any} _client @param {string | string[] | undefined} oneOf */
        async defaultResource(_ctx, _client, oneOf) {
          return oneOf ?? apiAudience;
        },
        // At the token endpoint, keep the resource granted at the authorization endpoint.
        async useGrantedResource() {
          return true;
        },
        /** @param {any} _ctx @param {string} resourceIndicator */
        async getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== apiAudience) throw new errors.InvalidTarget();
          return {
            scope: apiScope,
            audience: apiAudience,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    /** @param {any} ctx @param {{ error?: string, error_description?: string }} out */
    async renderError(ctx, out) {
      htmlHeaders(ctx);
      ctx.body = errorPage('Noe gikk galt', [out.error, out.error_description].filter(Boolean).join(': '));
    },
  });

  provider.use(async (/** @type {any} */ ctx, /** @type {() => Promise<void>} */ next) => {
    ctx.set('Content-Security-Policy', providerCsp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });

  provider.on('backchannel.error', (/** @type {any} */ _ctx, /** @type {Error} */ err, /** @type {any} */ client) => {
    console.error(`[oidc] back-channel logout to ${client?.clientId} failed: ${err?.message}`);
  });

  provider.on('server_error', (/** @type {any} */ _ctx, /** @type {unknown} */ err) => {
    console.error('[oidc] server error:', err);
  });

  const callback = provider.callback();

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {string} html
   * @param {Record<string, string>} [extra]
   */
  const sendPage = (res, status, html, extra = {}) => {
    res.writeHead(status, { ...PAGE_HEADERS, 'Content-Security-Policy': csp, ...extra });
    res.end(html);
  };

  /**
   * The login / consent interaction at `${mountPath}/interaction/:uid[/login|/abort]`.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} uid
   * @param {string | undefined} action
   */
  async function interaction(req, res, uid, action) {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) {
        sendPage(res, 400, errorPage('Innloggingen hører ikke til denne nettleseren', 'Gå tilbake til tjenesten og logg inn på nytt.'));
        return;
      }
      const base = `${mountPath}/interaction/${uid}`;
      const promptName = details.prompt.name;

      if (!action) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendPage(res, 405, errorPage('Metoden er ikke tillatt'), { Allow: 'GET, HEAD' });
          return;
        }
        if (promptName === 'login') {
          const client = await provider.Client.find(String(details.params.client_id));
          sendPage(res, 200, loginPage({ persons, loginAction: `${base}/login`, abortAction: `${base}/abort`, clientName: client?.clientName }));
          return;
        }
        if (promptName === 'consent' && req.method === 'GET') {
          // First-party clients only: consent is granted without asking.
          const { prompt: { details: missing }, params, session } = details;
          const grant = details.grantId
            ? await provider.Grant.find(details.grantId)
            : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
          if (!grant) throw new errors.SessionNotFound('grant not found');
          const m = /** @type {{ missingOIDCScope?: string[], missingOIDCClaims?: string[], missingResourceScopes?: Record<string, string[]> }} */ (missing);
          if (m.missingOIDCScope) grant.addOIDCScope(m.missingOIDCScope.join(' '));
          if (m.missingOIDCClaims) grant.addOIDCClaims(m.missingOIDCClaims);
          for (const [indicator, scopes] of Object.entries(m.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
          const grantId = await grant.save();
          await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
          return;
        }
        sendPage(res, 400, errorPage('Ukjent steg i innloggingen', String(promptName)));
        return;
      }

      if (req.method !== 'POST') {
        sendPage(res, 405, errorPage('Metoden er ikke tillatt'), { Allow: 'POST' });
        return;
      }
      const form = await readForm(req);
      if (action === 'abort') {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The end-user cancelled the sign-in' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      // action === 'login'
      if (promptName !== 'login') {
        sendPage(res, 400, errorPage('Innloggingen er allerede gjort', 'Gå tilbake til tjenesten.'));
        return;
      }
      const person = findPerson(persons, form.get('person') ?? '');
      if (!person) {
        sendPage(res, 400, errorPage('Ukjent testperson'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.id, acr: ACR_HIGH, amr: [...AMR], remember: false, ts: Math.floor(now().getTime() / 1000) } },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const e = /** @type {Error & { status?: number }} */ (err);
      if (e instanceof errors.SessionNotFound) {
        sendPage(res, 400, errorPage('Innloggingen er utløpt eller ble ikke funnet', 'Gå tilbake til tjenesten og logg inn på nytt.'));
      } else if (e.status === 413 || e.status === 415) {
        sendPage(res, e.status, errorPage('Ugyldig skjema'));
      } else {
        console.error('[oidc] interaction error:', err);
        sendPage(res, 500, errorPage('Noe gikk galt'));
      }
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = req.url ?? '/';
    /** @type {string} */
    let rest;
    if (!mountPath) rest = url;
    else if (url === mountPath || url.startsWith(`${mountPath}/`) || url.startsWith(`${mountPath}?`)) rest = url.slice(mountPath.length);
    else {
      sendPage(res, 404, errorPage('Fant ikke siden'));
      return;
    }
    if (!rest.startsWith('/')) rest = `/${rest}`;
    const path = rest.split('?', 1)[0] ?? '/';

    if (path === '/interaction' || path.startsWith('/interaction/')) {
      if (!isLoopbackAddress(req.socket?.remoteAddress)) {
        sendPage(res, 403, errorPage('Bare tilgjengelig fra denne maskinen', 'Testinnloggingen svarer bare på forespørsler fra loopback (127.0.0.1 / ::1).'));
        return;
      }
      const m = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|abort))?$/.exec(path);
      if (!m) {
        sendPage(res, 404, errorPage('Fant ikke siden'));
        return;
      }
      await interaction(req, res, /** @type {string} */ (m[1]), m[2]);
      return;
    }

    // RP-initiated logout by POST (the BFF's sign-out: no ID token, no identity number in a URL).
    // oidc-provider takes POST there only with SameSite=None cookies (a cross-site POST carries
    // no Lax cookie); on this one origin the form is handed to its GET route, server-side.
    if (req.method === 'POST' && path === '/session/end') {
      let form;
      try {
        form = await readForm(req);
      } catch {
        sendPage(res, 400, errorPage('Ugyldig skjema'));
        return;
      }
      req.method = 'GET';
      rest = `/session/end?${form.toString()}`;
    }

    // oidc-provider reads the mount path from originalUrl / baseUrl (as under express).
    const r = /** @type {import('node:http').IncomingMessage & { originalUrl?: string, baseUrl?: string }} */ (req);
    r.originalUrl = `${mountPath}${rest}`;
    r.baseUrl = mountPath;
    r.url = rest;
    await callback(req, res);
  }

  return { provider, handle, issuer, mountPath, jwks: publicJwks(jwks), apiAudience };
}
