// @ts-check
/** The database layer: migrations, seed, the append-only access log, reset, one SQL for both engines. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm, cp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/index.js';
import { loadMigrations, migrate, MIGRATIONS_DIR } from '../src/db/migrate.js';
import { isEmpty, seed } from '../src/db/seed.js';
import { openTestDatabase, testEngine } from '../test-support/database.js';
import { createFixtures, createRegister } from '@omsorg/fixtures';
import { NOW, PIDS } from './api-helpers.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

/** @type {import('../test-support/database.js').TestDatabase} */
let t;
before(async () => {
  t = await openTestDatabase();
});
after(async () => {
  await t?.cleanup();
});

describe(`database (${testEngine()})`, () => {
  it('is migrated once, recorded in schema_migrations; migrating again applies nothing', async () => {
    assert.equal(t.db.kind, testEngine());
    const { rows } = await t.db.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const files = await loadMigrations();
    assert.deepEqual(rows, files.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    assert.deepEqual(await migrate(t.db), []);
    const tables = (await t.db.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [t.schema])).rows.map((r) => r.table_name);
    assert.deepEqual(tables, [
      'access_log', 'access_log_head', 'appointment_series', 'appointments', 'attachments', 'care_services', 'dialogue_consents', 'dpop_proofs', 'drafts', 'granted_services',
      'idempotency_records', 'messages', 'notice_preferences', 'notice_queue', 'oidc_payloads', 'persons', 'proxy_grants', 'reply_policies',
      'schema_migrations', 'staff', 'subjects', 'thread_reads', 'threads', 'visit_reminders',
    ]);
  });

  it('refuses a migration file that changed after it was applied, and applies new ones in a transaction', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omsorg-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await writeFile(join(dir, '900_more.sql'), 'CREATE TABLE extra (id int PRIMARY KEY); INSERT INTO extra VALUES (1);');
      assert.deepEqual(await migrate(t.db, { dir }), ['900']);
      assert.deepEqual(await migrate(t.db, { dir }), []);
      // A broken migration rolls back entirely: nothing of it stays, nothing is recorded.
      await writeFile(join(dir, '901_broken.sql'), 'CREATE TABLE half (id int); SELECT no_such_function();');
      await assert.rejects(migrate(t.db, { dir }));
      assert.equal((await t.db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half'")).rows[0].n, 0);
      await rm(join(dir, '901_broken.sql'));
      await writeFile(join(dir, '900_more.sql'), 'CREATE TABLE extra (id int PRIMARY KEY);');
      await assert.rejects(migrate(t.db, { dir }), /changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await t.db.exec("DROP TABLE IF EXISTS extra; DELETE FROM schema_migrations WHERE version = '900';");
    }
  });

  it('seeds the mocks\' fixtures: persons, subjects, grants, appointments, services', async () => {
    assert.equal(await isEmpty(t.db), true);
    const counts = await seed(t.db, { now: NOW });
    // The fixtures' persons, Test Testesen, and four more of the population register (relatives' access).
    assert.deepEqual(counts, { persons: 9, appointments: 64, services: 10, grants: 2, threads: 5, messages: 8 });
    assert.equal(await isEmpty(t.db), false);
    const grants = await t.db.query('SELECT grantee_person_id, subject_id, relation_code, scopes, valid_to::text AS valid_to, revoked_at FROM proxy_grants ORDER BY id');
    assert.deepEqual(grants.rows, [
      { grantee_person_id: 'psn-kari-2c91', subject_id: 'sub-ola-7f3a', relation_code: 'PRN', scopes: ['appointments.read', 'appointments.cancel', 'services.read', 'messages'], valid_to: '2026-06-11', revoked_at: null },
      { grantee_person_id: 'psn-per-51d0', subject_id: 'sub-emma-b8e4', relation_code: 'CHILD', scopes: ['appointments.read', 'appointments.cancel', 'services.read', 'messages'], valid_to: null, revoked_at: null },
    ]);
    const pids = (await t.db.query('SELECT pid FROM persons WHERE pid IS NOT NULL ORDER BY pid')).rows.map((r) => r.pid);
    const register = Object.values(createRegister(NOW)).map((r) => r.nationalIdentityNumber);
    assert.deepEqual(pids, [...new Set([...PIDS, ...register])].sort());
    const confidential = (await t.db.query('SELECT id FROM persons WHERE confidential_address')).rows.map((r) => r.id);
    assert.deepEqual(confidential, ['psn-nora-41e5']);
    // Timestamps come back as instants, dates as text: the same from both engines.
    const a = (await t.db.query("SELECT start_at, policy_deadline FROM appointments WHERE id = 'apt-ola-prakt-d02'")).rows[0];
    assert.ok(a.start_at instanceof Date);
    assert.equal(a.start_at.toISOString(), '2025-06-13T08:00:00.000Z');
  });

  it('keeps the access log append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    await t.db.query("INSERT INTO access_log (actor_person_id, subject_id, action, resource, outcome, status) VALUES ('psn-ola-7f3a', 'sub-ola-7f3a', 'read', 'me', 'ok', 200)");
    await assert.rejects(t.db.query("UPDATE access_log SET outcome = 'denied'"), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM access_log'), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM access_log WHERE false'), /append-only/);
    await assert.rejects(t.db.query('TRUNCATE access_log'), /append-only/);
    // The one row above, beside the fixtures' entries that the seed logged.
    assert.equal((await t.db.query("SELECT count(*)::int AS n FROM access_log WHERE client_id IS DISTINCT FROM 'fixtures'")).rows[0].n, 1);
    // Only codes: an unknown action or outcome, or free text where an id belongs, is refused.
    await assert.rejects(t.db.query("INSERT INTO access_log (actor_person_id, action, resource, outcome, status) VALUES ('psn-ola-7f3a', 'read', 'me', 'fine, thanks', 200)"));
    await assert.rejects(t.db.query("INSERT INTO access_log (actor_person_id, resource_id, action, resource, outcome, status) VALUES ('psn-ola-7f3a', 'Kari sa at', 'read', 'me', 'ok', 200)"));
  });

  it('keeps one idempotency record per person and key', async () => {
    await t.db.query("INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ('psn-ola-7f3a', 'k-0000001', 'h')");
    await assert.rejects(t.db.query("INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ('psn-ola-7f3a', 'k-0000001', 'h2')"));
    await t.db.query("INSERT INTO idempotency_records (person_id, key, request_hash) VALUES ('psn-kari-2c91', 'k-0000001', 'h')");
  });

  it('rolls a transaction back when its function throws', async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.query("UPDATE appointments SET version = 'v99' WHERE id = 'apt-ola-prakt-d02'");
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.equal((await t.db.query("SELECT version FROM appointments WHERE id = 'apt-ola-prakt-d02'")).rows[0].version, 'v1');
  });

  it('resets with `cli.js reset`: data and log dropped, migrated, seeded again', async () => {
    await t.db.query("UPDATE appointments SET status = 'cancelled' WHERE id = 'apt-ola-prakt-d02'");
    await t.db.close();
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env };
    const args = [CLI, 'reset'];
    if (t.databaseUrl) Object.assign(env, { DATABASE_URL: t.databaseUrl, SANDBOX_DB_SCHEMA: t.schema });
    else args.push('--data-dir', dirname(/** @type {string} */ (t.dataDir)));
    const { stdout } = await run(process.execPath, args, { env });
    const versions = (await loadMigrations()).map((m) => m.version);
    assert.match(stdout, new RegExp(`Reset the sandbox database .*migrations ${versions.join(', ')}; 9 persons`));
    assert.match(stdout, /; 9 persons, 2 proxy grants, 64 appointments, 10 granted services, 5 message threads/);
    const db = await t.reopen();
    assert.equal((await db.query("SELECT status FROM appointments WHERE id = 'apt-ola-prakt-d02'")).rows[0].status, 'booked');
    // The old log is gone; only the fixtures' entries are logged again.
    assert.equal((await db.query('SELECT count(*)::int AS n FROM access_log')).rows[0].n, createFixtures(NOW).accessLog.length);
    assert.equal((await db.query("SELECT count(*)::int AS n FROM access_log WHERE client_id IS DISTINCT FROM 'fixtures'")).rows[0].n, 0);
    assert.equal((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n, versions.length);
    assert.ok(versions.length >= 3);
    assert.equal((await db.query("SELECT count(*)::int AS n FROM threads WHERE id NOT LIKE 'thr-fig-%'")).rows[0].n, 5);
    // The reset loads the figures' fictional population too (fixtures' figures-population.ts).
    assert.match(stdout, /; for the figures for management, 40 fictional persons, \d+ cancelled visits, \d+ threads\./);
  });

});

// PGlite's own case, on PGlite whatever engine the rest of this file runs on (CI runs the
// sandbox suite on a PostgreSQL server, where no directory is opened).
describe('PGlite directory', () => {
  it('refuses to open one PGlite directory twice (PGlite has no lock of its own)', async () => {
    const own = await openTestDatabase({ databaseUrl: '' });
    try {
      assert.equal(own.db.kind, 'pglite');
      await assert.rejects(openDatabase({ dataDir: own.dataDir }), /already open|in use/);
      const entries = await readdir(dirname(/** @type {string} */ (own.dataDir)));
      assert.ok(entries.includes('pg.lock'));
    } finally {
      await own.cleanup();
    }
  });
});
