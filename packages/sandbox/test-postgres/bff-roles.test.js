// @ts-check
/**
 * The backend-for-frontend on the owner/application role split (scripts/ci-postgres.sh makes the
 * roles): the owner migrates the BFF's tables with the sandbox's and grants the application role
 * their rows, no more; the BFF's sessions work through the application role's connection. Only
 * on a PostgreSQL server (PGlite has no roles): .ci/run runs this file in its PostgreSQL pass.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/index.js';
import { startSandbox } from '../src/server.js';
import { browser } from '../test-support/bff-browser.js';
import { postgresUrls } from './urls.js';

const { ownerUrl, appUrl } = postgresUrls();
const schema = `omsorg_bffroles_${randomBytes(5).toString('hex')}`;
const quiet = { log() {}, error: console.error };

/** @type {import('../src/server.js').Sandbox} */
let sandbox;
/** @type {import('../src/db/index.js').Database} */
let owner;
/** @type {string} */
let dataDir;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'omsorg-bff-roles-'));
  owner = await openDatabase({ databaseUrl: ownerUrl, schema, migrate: false, poolSize: 1 });
  sandbox = await startSandbox({ port: 0, dataDir, databaseUrl: appUrl, ownerDatabaseUrl: ownerUrl, schema, bff: true, logger: quiet });
});
after(async () => {
  await sandbox?.close();
  try {
    await owner?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await owner?.close();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the BFF on the owner and application roles', () => {
  it('has its tables made by the owner; the sandbox (and so the BFF) connects as the application role', async () => {
    assert.equal((await sandbox.db.query('SELECT current_user AS r')).rows[0].r, 'omsorg_app');
    const { rows } = await owner.query("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'bff\\_%' ORDER BY tablename", [schema]);
    assert.deepEqual(rows, [
      { tablename: 'bff_logins', tableowner: 'omsorg_owner' },
      { tablename: 'bff_schema_migrations', tableowner: 'omsorg_owner' },
      { tablename: 'bff_sessions', tableowner: 'omsorg_owner' },
    ]);
  });

  it('signs in, proxies, and signs out with its sessions in the database', async () => {
    const b = browser(sandbox.url);
    const end = await b.signIn('psn-ola-7f3a', '/min-side');
    assert.equal(end.url.pathname, '/min-side', 'the sign-in came back to the page it started on');
    const session = JSON.parse((await b.go('/bff/session')).body);
    assert.equal(session.signedIn, true);
    assert.equal(session.user.name, 'Ola Nordmann');
    const me = await b.api('/bff/api/v1/me');
    assert.equal(me.res.status, 200, me.body);
    assert.equal((await owner.query('SELECT count(*)::int AS n FROM bff_sessions')).rows[0].n, 1);

    const out = await b.api('/bff/logout', { method: 'POST' });
    assert.equal(out.res.status, 200, out.body);
    assert.equal(JSON.parse((await b.go('/bff/session')).body).signedIn, false);
    assert.equal((await owner.query('SELECT count(*)::int AS n FROM bff_sessions')).rows[0].n, 0);
  });

  it('as the application role cannot alter, drop or truncate its tables, create one, or write a migration history', async () => {
    const refused = /permission denied|must be owner/;
    for (const sql of [
      'ALTER TABLE bff_sessions ADD COLUMN extra text',
      'ALTER TABLE bff_logins RENAME TO bff_logins_old',
      'DROP TABLE bff_sessions',
      'DROP INDEX bff_sessions_sid',
      'TRUNCATE bff_sessions',
      'CREATE TABLE bff_extra (id int)',
      "INSERT INTO bff_schema_migrations (version, checksum) VALUES ('999', 'x')",
      "UPDATE bff_schema_migrations SET checksum = 'x'",
      'DELETE FROM bff_schema_migrations',
      'TRUNCATE bff_schema_migrations',
      "UPDATE schema_migrations SET checksum = 'x'",
      'DELETE FROM schema_migrations',
    ]) {
      await assert.rejects(sandbox.db.query(sql), (err) => {
        assert.match(/** @type {Error} */ (err).message, refused, sql);
        return true;
      });
    }
    // It reads the histories (nothing more), and the BFF's own rows it reads and writes.
    assert.ok((await sandbox.db.query('SELECT count(*)::int AS n FROM bff_schema_migrations')).rows[0].n >= 1);
    await sandbox.db.query("INSERT INTO bff_logins (id, expires_at, sealed) VALUES ('role-test', now(), 'x')");
    assert.equal((await sandbox.db.query("DELETE FROM bff_logins WHERE id = 'role-test'")).rowCount, 1);
  });
});
