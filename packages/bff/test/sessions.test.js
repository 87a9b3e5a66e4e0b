// @ts-check
/**
 * Session lifetimes on an injected clock (idle 30 minutes, absolute 120 minutes from
 * auth_time), two BFF instances sharing one database, refresh on the server, and the rows a
 * process keeps while it hears of changes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBff, openBffDatabase } from '../src/index.js';
import { idOf, unseal } from '../src/seal.js';
import { createSessionStore, SESSIONS_CHANNEL } from '../src/sessions.js';
import { browser, startWithBff, testClock } from './helpers.js';

const OLA = 'psn-ola-7f3a';
const MIN = 60_000;

/** @type {Awaited<ReturnType<typeof startWithBff>>} */
let env;
before(async () => {
  env = await startWithBff();
});
after(async () => {
  await env?.close();
});

/**
 * Another BFF process on the same database (PostgreSQL: its own connection pool; PGlite, which
 * one process owns: the same handle), on its own port, with its own clock.
 * @param {{ now?: () => Date }} [o]
 */
async function secondInstance(o = {}) {
  const keys = JSON.parse(await readFile(join(env.dataDir, 'bff', 'bff-keys.json'), 'utf8'));
  const own = env.testDb.databaseUrl ? await openBffDatabase({ databaseUrl: env.testDb.databaseUrl, schema: env.testDb.schema }) : undefined;
  const bff = await createBff({
    db: own ?? env.sandbox.db,
    sessionKey: keys.sessionKey,
    publicOrigin: env.sandbox.url,
    apiBaseUrl: env.sandbox.url,
    issuer: `${env.sandbox.url}/oidc`,
    clientId: 'omsorg-bff',
    clientKey: keys.clientKey,
    allowHttp: true,
    logger: { error: console.error, warn() {} },
    ...o,
  });
  const server = createServer((req, res) => void bff.handle(req, res));
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    url,
    /** The same browser's cookie, sent to this instance. @param {ReturnType<typeof browser>} b @param {string} path @param {RequestInit} [init] */
    fetch: (b, path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), Cookie: [...b.jar].map(([k, v]) => `${k}=${v.value}`).join('; ') } }),
    async close() {
      server.close();
      await bff.close();
      await own?.close();
    },
  };
}

describe('session lifetimes (injected clock)', () => {
  it('ends after 30 minutes without a request, and requests keep it alive', async () => {
    const clock = testClock();
    const other = await secondInstance({ now: clock.now });
    try {
      const b = browser(env.sandbox.url);
      await b.signIn(OLA);
      const state = async () => (await (await other.fetch(b, '/bff/session')).json()).signedIn;
      assert.equal(await state(), true);
      clock.advance(29 * MIN);
      assert.equal((await other.fetch(b, '/bff/api/v1/me')).status, 200, 'a request 29 minutes in');
      clock.advance(29 * MIN);
      assert.equal(await state(), true, '29 minutes after the last request');
      const before = await (await other.fetch(b, '/bff/session')).json();
      assert.equal(before.expiresAt, clock.now().getTime() + 1 * MIN, 'expiresAt is the idle limit');
      clock.advance(1 * MIN + 1);
      assert.equal(await state(), false, 'idle for 30 minutes');
      const r = await other.fetch(b, '/bff/api/v1/me');
      assert.equal(r.status, 401);
      assert.equal((await r.json()).type, 'urn:omsorg:problem:unauthorized');
      assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, false, 'the row is gone for every instance');
    } finally {
      await other.close();
    }
  });

  it('ends 120 minutes after auth_time, however active', async () => {
    const clock = testClock();
    const other = await secondInstance({ now: clock.now });
    try {
      const b = browser(env.sandbox.url);
      await b.signIn(OLA);
      const authTime = Date.now();
      for (let t = 20; t <= 100; t += 20) {
        clock.advance(20 * MIN);
        assert.equal((await other.fetch(b, '/bff/api/v1/me')).status, 200, `${t} minutes`);
      }
      clock.advance(19 * MIN);
      const last = await (await other.fetch(b, '/bff/session')).json();
      assert.equal(last.signedIn, true, '119 minutes');
      assert.ok(Math.abs(last.expiresAt - (authTime + 120 * MIN)) < 5000, 'expiresAt is the absolute limit');
      clock.advance(1 * MIN + 5000);
      assert.equal((await other.fetch(b, '/bff/api/v1/me')).status, 401, 'past 120 minutes');
    } finally {
      await other.close();
    }
  });
});

describe('several BFF instances', () => {
  it('share the session through the database: sign in on one, call and sign out on the other', async () => {
    const other = await secondInstance();
    try {
      const b = browser(env.sandbox.url);
      await b.signIn(OLA);
      const me = await other.fetch(b, '/bff/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal((await me.json()).person.name, 'Ola Nordmann');
      const out = await other.fetch(b, '/bff/logout', { method: 'POST', headers: { 'X-Omsorg-Csrf': '1', Origin: env.sandbox.url } });
      assert.equal(out.status, 200);
      assert.equal(JSON.parse((await b.api('/bff/session')).body).signedIn, false);
      assert.equal((await b.api('/bff/api/v1/me')).res.status, 401);
    } finally {
      await other.close();
    }
  });
});

describe('refresh on the server', () => {
  /** @type {Awaited<ReturnType<typeof startWithBff>>} */
  let short;
  before(async () => {
    // Access tokens of 20 s: inside the BFF's 30 s margin, so every call refreshes first.
    short = await startWithBff({ accessTokenTtl: 20 });
  });
  after(async () => {
    await short?.close();
  });

  it('swaps the access token with the refresh token, bound to the same DPoP key', async () => {
    const b = browser(short.sandbox.url);
    await b.signIn(OLA);
    const keys = JSON.parse(await readFile(join(short.dataDir, 'bff', 'bff-keys.json'), 'utf8'));
    const secrets = async () => {
      const { rows } = await short.sandbox.db.query('SELECT id, sealed FROM bff_sessions');
      return unseal(Buffer.from(keys.sessionKey, 'base64url'), rows[0].sealed, rows[0].id);
    };
    const first = await secrets();
    assert.equal((await b.api('/bff/api/v1/me')).res.status, 200);
    const second = await secrets();
    assert.notEqual(second.accessToken, first.accessToken);
    assert.deepEqual(second.dpopPublic, first.dpopPublic);
    assert.equal((await b.api('/bff/api/v1/subjects/me/services')).res.status, 200);
  });
});

describe('kept session rows (a proxied read without a database round trip)', () => {
  const key = Buffer.alloc(32, 7);
  const secrets = { accessToken: 'at', refreshToken: undefined, tokenType: 'DPoP', name: 'Ola Nordmann', sub: 'sub-1', dpopPrivate: {}, dpopPublic: {} };
  const session = () => ({ sid: null, authTime: new Date(), accessExpiresAt: new Date(Date.now() + 5 * MIN), secrets });

  /**
   * The test database, counting the reads of a session row, with a `listen` the test drives:
   * `notify(id)` is a notice heard, `lose()` breaks the listening connection.
   * @param {{ listen?: boolean }} [o]
   */
  function drivenDb({ listen = true } = {}) {
    const db = env.sandbox.db;
    let reads = 0;
    /** @type {(id: string) => void} */
    let heard = () => {};
    /** @type {(err: Error) => void} */
    let lose = () => {};
    let listens = 0;
    return {
      db: {
        query: (/** @type {string} */ sql, /** @type {readonly unknown[]} */ params = []) => {
          if (/^SELECT .* FROM bff_sessions WHERE id/.test(sql)) reads++;
          return db.query(sql, params);
        },
        exec: db.exec,
        transaction: db.transaction,
        ...(listen
          ? {
              listen: async (/** @type {string} */ channel, /** @type {(p: string) => void} */ onMessage) => {
                assert.equal(channel, SESSIONS_CHANNEL);
                listens++;
                heard = onMessage;
                return { lost: new Promise((ok) => (lose = ok)), close: async () => {} };
              },
            }
          : {}),
      },
      reads: () => reads,
      listens: () => listens,
      notify: (/** @type {string} */ id) => heard(id),
      lose: () => lose(new Error('connection reset')),
    };
  }

  it('reads a row once while listening; a notice, a write (fresh) or sign-out reads it again', async () => {
    const d = drivenDb();
    const store = createSessionStore({ db: d.db, key, now: () => new Date(), logger: { warn() {} } });
    await store.listen();
    assert.equal(store.listening, true);
    const token = await store.create(session());
    const id = idOf(token);
    assert.equal((await store.get(token))?.secrets.name, 'Ola Nordmann');
    assert.equal((await store.get(token, { touch: true }))?.id, id);
    assert.equal(d.reads(), 1, 'the second read used the kept row');
    await store.get(token, { fresh: true });
    assert.equal(d.reads(), 2, 'fresh reads the row');
    d.notify(id);
    await store.get(token);
    assert.equal(d.reads(), 3, 'a notice for the row drops it');
    await store.get(token);
    assert.equal(d.reads(), 3);
    // Another process deleted it and the notice was heard: the next read finds nothing.
    await env.sandbox.db.query('DELETE FROM bff_sessions WHERE id = $1', [id]);
    d.notify(id);
    assert.equal(await store.get(token), undefined);
    assert.equal(d.reads(), 4);
    // A back-channel logout here drops the kept rows of that provider session at once.
    const bySid = await store.create({ ...session(), sid: 'provider-session-1' });
    assert.ok(await store.get(bySid));
    assert.ok(await store.get(bySid));
    assert.equal(d.reads(), 5);
    assert.equal(await store.removeBySid('provider-session-1'), 1);
    assert.equal(await store.get(bySid), undefined, 'not served from a kept row');
    await store.close();
  });

  it('keeps nothing read while a notice was heard, nothing without listen, nothing once the connection is lost, and listens again', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const d = drivenDb();
    const store = createSessionStore({ db: d.db, key, now: () => new Date(), logger: { warn() {} } });
    await store.listen();
    const token = await store.create(session());
    // A notice (for any row) heard while the row is being read: that read is not kept.
    const reading = store.get(token);
    d.notify('another-row');
    await reading;
    await store.get(token);
    assert.equal(d.reads(), 2);

    d.lose();
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(store.listening, false);
    await store.get(token);
    await store.get(token);
    assert.equal(d.reads(), 4, 'every request reads its row while not listening');
    t.mock.timers.tick(1_000);
    await new Promise((ok) => setImmediate(ok));
    assert.equal(d.listens(), 2, 'listened again after a second');
    assert.equal(store.listening, true);
    await store.get(token);
    await store.get(token);
    assert.equal(d.reads(), 5);
    await store.close();

    const without = drivenDb({ listen: false });
    const plain = createSessionStore({ db: without.db, key, now: () => new Date() });
    await plain.listen();
    assert.equal(plain.listening, false);
    const other = await plain.create(session());
    await plain.get(other);
    await plain.get(other);
    assert.equal(without.reads(), 2);
    await plain.close();
  });

  it('the database announces a deleted row and new tokens, not a move of last_seen', async () => {
    const db = env.sandbox.db;
    const store = createSessionStore({ db, key, now: () => new Date() });
    const [a, b] = [idOf(await store.create(session())), idOf(await store.create(session()))];
    /** @type {string[]} */
    const heard = [];
    /** @type {() => void} */
    let gotB = () => {};
    const bHeard = new Promise((ok) => (gotB = () => ok(undefined)));
    const listening = await db.listen(SESSIONS_CHANNEL, (id) => {
      if (id !== a && id !== b) return; // other tests' rows
      heard.push(id);
      if (id === b && heard.length === 3) gotB();
    });
    try {
      await db.query('UPDATE bff_sessions SET last_seen = now() WHERE id = $1', [a]);
      await db.query("UPDATE bff_sessions SET sealed = sealed || '' , access_expires_at = now() WHERE id = $1", [b]);
      await db.query('DELETE FROM bff_sessions WHERE id = $1', [a]);
      await db.query('DELETE FROM bff_sessions WHERE id = $1', [b]);
      // Notices arrive in the order of their commits: the last one heard means the rest were.
      await bHeard;
      assert.deepEqual(heard, [b, a, b], 'the move of last_seen was not announced');
    } finally {
      await listening.close();
    }
  });
});
