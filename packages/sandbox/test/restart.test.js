// @ts-check
/**
 * A restart keeps everything: start the whole sandbox (real OpenID provider, real tokens), cancel,
 * stop, start again on the same data → the cancellation is there, its Idempotency-Key still
 * replays, the migrations are not applied again and the data is not seeded twice.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, TEST_CLIENT_ID } from '../src/server.js';
import { openTestDatabase, testEngine } from '../test-support/database.js';
import { signIn } from '../test-support/login.js';
import { ILL, NOW } from './api-helpers.js';

/** @type {import('../test-support/database.js').TestDatabase} */
let t;
/** @type {string} */
let dataDir;
/** @type {string | undefined} */
let ownDir;
const quiet = { log() {}, error: console.error };

before(async () => {
  t = await openTestDatabase();
  await t.db.close();
  // PGlite: the sandbox's data dir holds the test database's `pg` directory (a copy of a
  // migrated template); PostgreSQL: a temporary dir for the provider's keys.
  if (t.dataDir) dataDir = dirname(t.dataDir);
  else dataDir = ownDir = await mkdtemp(join(tmpdir(), 'omsorg-restart-'));
});
after(async () => {
  await t?.reopen();
  await t?.cleanup();
  if (ownDir) await rm(ownDir, { recursive: true, force: true });
});

const start = () => startSandbox({ port: 0, dataDir, databaseUrl: t.databaseUrl, schema: t.schema, now: () => NOW, seedNow: NOW, logger: quiet });

/** @param {Awaited<ReturnType<typeof startSandbox>>} s */
async function token(s) {
  const r = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: 'psn-ola-7f3a' });
  return `Bearer ${r.accessToken}`;
}

describe(`restart (${testEngine()})`, () => {
  it('keeps the cancellation and the idempotency record; migrates and seeds only once', async () => {
    const id = 'apt-ola-prakt-d02';
    const key = 'restart-key-0001';
    const first = await start();
    /** @type {string} */
    let firstAnswer;
    /** @type {unknown[]} */
    let migrations;
    let persons;
    try {
      const auth = await token(first);
      const r = await fetch(`${first.url}/v1/subjects/me/appointments/${id}/cancellation`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', 'Idempotency-Key': key, 'If-Match': '"v1"' },
        body: JSON.stringify(ILL),
      });
      firstAnswer = await r.text();
      assert.equal(r.status, 200, firstAnswer);
      migrations = (await first.db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows;
      persons = (await first.db.query('SELECT count(*)::int AS n FROM persons')).rows[0].n;
      assert.deepEqual(first.api.contractViolations, []);
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      assert.notEqual(second.url, first.url, 'a new port: a new issuer, so sign in again');
      const auth = await token(second);
      const r = await fetch(`${second.url}/v1/subjects/me/appointments/${id}`, { headers: { Authorization: auth } });
      const body = /** @type {any} */ (await r.json());
      assert.equal(r.status, 200);
      assert.equal(body.status, 'cancelled');
      assert.equal(body.version, 'v2');
      assert.equal(r.headers.get('etag'), '"v2"');
      assert.deepEqual(body, JSON.parse(firstAnswer));

      const replay = await fetch(`${second.url}/v1/subjects/me/appointments/${id}/cancellation`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', 'Idempotency-Key': key, 'If-Match': '"v1"' },
        body: JSON.stringify(ILL),
      });
      assert.equal(replay.status, 200);
      assert.equal(await replay.text(), firstAnswer, 'the key still replays the first answer');

      assert.deepEqual((await second.db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows, migrations);
      assert.equal((await second.db.query('SELECT count(*)::int AS n FROM persons')).rows[0].n, persons);
      const log = (await second.db.query("SELECT outcome FROM access_log WHERE action = 'cancel' ORDER BY id")).rows.map((x) => x.outcome);
      assert.deepEqual(log, ['ok', 'replayed'], 'the log survives the restart');
      assert.deepEqual(second.api.contractViolations, []);
    } finally {
      await second.close();
    }
  });
});
