// @ts-check
/**
 * Targets: something that answers the omsorg API, and how to sign in to it.
 *
 *   { name, baseUrl, persons: { self, relative?, other? }, headersFor(personKey, method, url), close() }
 *
 * `persons` maps the suite's roles to the target's person keys:
 *   self      the signed-in citizen whose data the suite reads and cancels
 *   relative  (optional) someone who acts for `self` (a proxy grant)
 *   other     (optional) someone with no access to `self`'s data, and `self` none to theirs
 *   management (optional) a sign-in with the management role (the figures for management)
 * `headersFor` returns the Authorization (and DPoP) headers for ONE request: a DPoP proof is bound
 * to the method and URL and may be used once, so call it for every request.
 *
 *   mocks     the msw handlers of @omsorg/mocks in this process (msw/node), `mock-token-<key>`
 *   sandbox   the real local backend (@omsorg/sandbox) on an ephemeral loopback port over a
 *             throw-away database (PGlite; PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is
 *             set: a schema of its own, dropped after), real DPoP-bound tokens from its provider
 *   sandbox-fhir  the same sandbox with its record system on FHIR R4 (`records: 'fhir'`: its
 *             development FHIR server, @medplum/fhir-router over HTTP, seeded from the fixtures)
 *   sandbox-sources  the same sandbox over two record systems at once (`records: 'sql,fhir'`:
 *             Bergen's on its tables, Askøy's on its FHIR server; records/composite.js), so every
 *             item says its source
 *   external  anyone's implementation: OMSORG_BASE_URL + OMSORG_TOKEN (Bearer), and optionally
 *             OMSORG_OTHER_TOKEN / OMSORG_RELATIVE_TOKEN / OMSORG_MANAGEMENT_TOKEN, and OMSORG_CORS_ORIGIN (an origin the
 *             API allows, for the CORS checks)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TARGET_NAMES = /** @type {const} */ (['mocks', 'sandbox', 'sandbox-fhir', 'sandbox-sources', 'external']);
/** @typedef {typeof TARGET_NAMES[number]} TargetName */

/** The env var that chooses the target of a suite process. */
export const TARGET_ENV = 'OMSORG_CONTRACT_TARGET';
export const MOCKS_BASE_URL = 'http://mocks.omsorg.test';

/**
 * @typedef {'self' | 'relative' | 'other' | 'management'} Role
 * @typedef {object} Target
 * @property {string} name
 * @property {string} baseUrl the origin (and any path prefix) before `/v1`
 * @property {Partial<Record<Role, string>> & { self: string }} persons role → person key
 * @property {(personKey: string, method: string, url: string) => Promise<Record<string, string>>} headersFor
 * @property {() => Promise<void>} close
 * @property {string} [corsOrigin] an origin the target's CORS allow-list holds (none: no CORS checks)
 * @property {(personKey: string, method: string, url: string, authTime: number) => Promise<Record<string, string>>} [headersSignedInAt]
 *   the headers for one request by a sign-in at `authTime` (seconds since the epoch): for the
 *   step-up of relatives' access (a target that cannot choose it has none)
 * @property {(personId: string, method: string, url: string) => Promise<Record<string, string>>} [headersForRegisterPerson]
 *   the headers for one request by any person of the fixtures' population register, signed in
 *   a minute ago (the sandbox: a 15-year-old giver; the mocks sign in only their three persons)
 */

/**
 * What a target offers, known before it starts (tests are registered from this).
 * @typedef {object} Capabilities
 * @property {TargetName} name
 * @property {readonly Role[]} roles
 * @property {boolean} fixtures the data is the project's fixtures (so every data requirement holds)
 * @property {boolean} acceptsAnyWellFormedToken the mocks sign in any well-formed token as their default person
 * @property {boolean} cors the target is over HTTP and names an origin it allows (`corsOrigin`)
 * @property {boolean} signInAge the suite can choose how old a sign-in is (`headersSignedInAt`)
 * @property {boolean} registerSignIn any person of the fixtures' register can sign in (`headersForRegisterPerson`)
 * @property {boolean} [sources] several record systems: every appointment, service and thread says its `source`
 * @property {string[]} notes why some roles are missing
 */

/**
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Capabilities}
 */
export function capabilities(name, env = process.env) {
  switch (name) {
    case 'mocks':
      return { name, roles: ['self', 'relative', 'other', 'management'], fixtures: true, acceptsAnyWellFormedToken: true, cors: false, signInAge: true, registerSignIn: false, notes: [] };
    case 'sandbox':
      return { name, roles: ['self', 'relative', 'other', 'management'], fixtures: true, acceptsAnyWellFormedToken: false, cors: true, signInAge: true, registerSignIn: true, notes: [] };
    // The figures are the sandbox's own SQL over its tables: on FHIR they are not the record's, so not checked there.
    case 'sandbox-fhir':
      return { name, roles: ['self', 'relative', 'other'], fixtures: true, acceptsAnyWellFormedToken: false, cors: true, signInAge: true, registerSignIn: true, notes: [] };
    // Two record systems (sql and FHIR) behind one API: as sandbox-fhir, and every item says its source.
    case 'sandbox-sources':
      return { name, roles: ['self', 'relative', 'other'], fixtures: true, acceptsAnyWellFormedToken: false, cors: true, signInAge: true, registerSignIn: true, sources: true, notes: [] };
    case 'external': {
      /** @type {Role[]} */
      const roles = ['self'];
      const notes = [];
      if (env.OMSORG_RELATIVE_TOKEN) roles.push('relative');
      else notes.push('OMSORG_RELATIVE_TOKEN is not set');
      if (env.OMSORG_OTHER_TOKEN) roles.push('other');
      else notes.push('OMSORG_OTHER_TOKEN is not set');
      if (env.OMSORG_MANAGEMENT_TOKEN) roles.push('management');
      else notes.push('OMSORG_MANAGEMENT_TOKEN is not set');
      return { name, roles, fixtures: false, acceptsAnyWellFormedToken: false, cors: !!env.OMSORG_CORS_ORIGIN, signInAge: false, registerSignIn: false, notes };
    }
    default:
      throw new Error(`unknown target "${name}" (one of ${TARGET_NAMES.join(', ')})`);
  }
}

/**
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<Target>}
 */
export async function createTarget(name, env = process.env) {
  if (name === 'mocks') return createMocksTarget();
  if (name === 'sandbox') return createSandboxTarget({ databaseUrl: env.TEST_DATABASE_URL || env.DATABASE_URL || undefined, records: 'sql' });
  if (name === 'sandbox-fhir') return createSandboxTarget({ databaseUrl: env.TEST_DATABASE_URL || env.DATABASE_URL || undefined, records: 'fhir', name });
  if (name === 'sandbox-sources') return createSandboxTarget({ databaseUrl: env.TEST_DATABASE_URL || env.DATABASE_URL || undefined, records: 'sql,fhir', name });
  if (name === 'external') return createExternalTarget(env);
  throw new Error(`unknown target "${name}" (one of ${TARGET_NAMES.join(', ')})`);
}

/**
 * The msw mocks in this process. `alter` may replace the handlers (the self-check breaks a rule
 * with it); only one mocks target may listen at a time (msw patches the process's fetch).
 * @param {object} [o]
 * @param {string} [o.baseUrl]
 * @param {import('@omsorg/mocks').ScenarioName} [o.scenario]
 * @param {string} [o.name]
 * @param {(handlers: import('msw').HttpHandler[], baseUrl: string) => import('msw').RequestHandler[]} [o.alter]
 * @returns {Promise<Target>}
 */
export async function createMocksTarget({ baseUrl = MOCKS_BASE_URL, scenario = 'default', name = 'mocks', alter } = {}) {
  const [{ setupServer }, { createHandlers, mockAuthorization, mockManagementAuthorization, isPersonKey }] = await Promise.all([
    import('msw/node'),
    import('@omsorg/mocks').catch((err) => {
      throw new Error(`cannot load @omsorg/mocks (its dist/ is built by \`npm run build\`, or \`npx rollup -c rollup.config.mjs\`): ${err.message}`);
    }),
  ]);
  const real = createHandlers({ baseUrl, scenario });
  const server = setupServer(...(alter ? alter(real, baseUrl) : real));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    name,
    baseUrl,
    persons: { self: 'ola', relative: 'kari', other: 'per', management: 'management' },
    async headersFor(personKey) {
      if (personKey === 'management') return { Authorization: mockManagementAuthorization };
      if (!isPersonKey(personKey)) throw new Error(`no mock person "${personKey}"`);
      return { Authorization: mockAuthorization(personKey) };
    },
    async headersSignedInAt(personKey, _method, _url, authTime) {
      if (!isPersonKey(personKey)) throw new Error(`no mock person "${personKey}"`);
      return { Authorization: mockAuthorization(personKey, { authTime }) };
    },
    async close() {
      server.close();
    },
  };
}

/** The origin the sandbox target allows in its CORS allow-list (a Min side on another origin). */
export const SANDBOX_CORS_ORIGIN = 'https://minside.contract-suite.test';

/** The sandbox's test persons for the roles (packages/sandbox/src/oidc/persons.js). */
export const SANDBOX_PERSONS = Object.freeze({ self: 'psn-ola-7f3a', relative: 'psn-kari-2c91', other: 'psn-per-51d0', management: 'psn-leder-5c2e' });

/**
 * The sandbox on an ephemeral loopback port over a fresh database, with real tokens.
 * @param {object} [o]
 * @param {string} [o.databaseUrl] PostgreSQL (a throw-away schema); default PGlite in a temporary directory
 * @param {boolean} [o.dpop] DPoP-bound tokens (default true; false: plain Bearer)
 * @param {'sql' | 'fhir' | 'sql,fhir'} [o.records] the record system behind the sandbox's API (default: its own choice, OMSORG_RECORDS)
 * @param {string} [o.name] default `sandbox`
 * @returns {Promise<Target>}
 */
export async function createSandboxTarget({ databaseUrl, dpop = true, records, name = 'sandbox' } = {}) {
  const [{ startSandbox, TEST_CLIENT_ID }, { openTestDatabase }, { signIn }, { craftAccessToken }] = await Promise.all([
    import('@omsorg/sandbox'),
    import('@omsorg/sandbox/test-support/database.js'),
    import('@omsorg/sandbox/test-support/login.js'),
    import('@omsorg/sandbox/test-support/tokens.js'),
  ]);
  // A migrated, empty database of its own (PGlite: copied from a template, fast).
  const t = await openTestDatabase({ databaseUrl });
  await t.db.close();
  const tmp = t.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'omsorg-contract-'));
  const cleanup = async () => {
    if (t.databaseUrl) {
      await t.reopen();
      await t.cleanup();
    } else if (t.dataDir) {
      await rm(dirname(t.dataDir), { recursive: true, force: true });
    }
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: 0,
      // PGlite lives in `<dataDir>/pg` (where the test database is), the provider's keys in `<dataDir>/oidc`.
      dataDir: t.dataDir ? dirname(t.dataDir) : /** @type {string} */ (tmp),
      ...(t.databaseUrl ? { databaseUrl: t.databaseUrl, schema: t.schema } : {}),
      logger: { log() {}, error: console.error },
      corsOrigins: SANDBOX_CORS_ORIGIN,
      ...(records ? { records } : {}),
    });
    const s = sandbox;
    /** @param {string} sub @param {number} authTime */
    const crafted = async (sub, authTime) => {
      const dataDir = join(t.dataDir ? dirname(t.dataDir) : /** @type {string} */ (tmp), 'oidc');
      const token = await craftAccessToken({ dataDir, issuer: s.issuer, audience: s.apiAudience, sub, claims: { auth_time: authTime, scope: 'openid profile' } });
      return { Authorization: `Bearer ${token}` };
    };
    const sessions = Object.fromEntries(
      await Promise.all(
        Object.values(SANDBOX_PERSONS).map(async (personId) => [
          personId,
          await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId, dpop }),
        ]),
      ),
    );
    return {
      name,
      baseUrl: s.url,
      persons: { ...SANDBOX_PERSONS },
      corsOrigin: SANDBOX_CORS_ORIGIN,
      async headersFor(personKey, method, url) {
        const session = sessions[personKey];
        if (!session) throw new Error(`no sandbox session for "${personKey}"`);
        return session.authorization(method, url);
      },
      // A token from the sandbox's own provider key with the sign-in time the check names (a
      // Bearer token: the step-up is about `auth_time`, not the binding).
      async headersSignedInAt(personKey, _method, _url, authTime) {
        return crafted(personKey, authTime);
      },
      // Anyone of the register (who cannot sign in on the provider's page), signed in a minute ago.
      async headersForRegisterPerson(personId) {
        return crafted(personId, Math.floor(Date.now() / 1000) - 60);
      },
      async close() {
        await s.close();
        await cleanup();
      },
    };
  } catch (err) {
    await sandbox?.close();
    await cleanup();
    throw err;
  }
}

/**
 * Anyone's implementation.
 * @param {NodeJS.ProcessEnv} env OMSORG_BASE_URL, OMSORG_TOKEN, [OMSORG_OTHER_TOKEN], [OMSORG_RELATIVE_TOKEN]
 * @returns {Target}
 */
export function createExternalTarget(env = process.env) {
  const base = env.OMSORG_BASE_URL;
  const token = env.OMSORG_TOKEN;
  if (!base || !token) throw new Error('the external target needs OMSORG_BASE_URL and OMSORG_TOKEN (and optionally OMSORG_OTHER_TOKEN)');
  let url;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`OMSORG_BASE_URL is not a URL: ${base}`);
  }
  /** @type {Record<string, string>} */
  const tokens = { self: token };
  if (env.OMSORG_RELATIVE_TOKEN) tokens.relative = env.OMSORG_RELATIVE_TOKEN;
  if (env.OMSORG_OTHER_TOKEN) tokens.other = env.OMSORG_OTHER_TOKEN;
  if (env.OMSORG_MANAGEMENT_TOKEN) tokens.management = env.OMSORG_MANAGEMENT_TOKEN;
  return {
    name: 'external',
    baseUrl: url.href.replace(/\/+$/, ''),
    persons: /** @type {Target['persons']} */ (Object.fromEntries(Object.keys(tokens).map((k) => [k, k]))),
    async headersFor(personKey) {
      const t = tokens[personKey];
      if (!t) throw new Error(`no token for "${personKey}"`);
      return { Authorization: `Bearer ${t}` };
    },
    ...(env.OMSORG_CORS_ORIGIN ? { corsOrigin: new URL(env.OMSORG_CORS_ORIGIN).origin } : {}),
    async close() {},
  };
}
