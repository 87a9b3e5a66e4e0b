// @ts-check
/**
 * On a PostgreSQL server, two roles (scripts/ci-postgres.sh makes them): the owner migrates, the
 * application's role may append to and read the access log and nothing more. Only on a
 * PostgreSQL server (PGlite has no roles): .ci/run runs this file in its PostgreSQL pass.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/index.js';
import { logAccess } from '../src/data/store.js';
import { verifyAccessLog } from '../src/data/access-log.js';
import { postgresUrls } from './urls.js';

const { ownerUrl, appUrl } = postgresUrls();
const schema = `omsorg_roles_${randomBytes(5).toString('hex')}`;

/** @type {import('../src/db/index.js').Database} */
let app;
/** @type {import('../src/db/index.js').Database} */
let owner;

before(async () => {
  app = await openDatabase({ databaseUrl: appUrl, ownerUrl, schema, poolSize: 2 });
  owner = await openDatabase({ databaseUrl: ownerUrl, schema, migrate: false, poolSize: 1 });
});
after(async () => {
  await app?.close();
  try {
    await owner?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await owner?.close();
  }
});

describe('the application role on PostgreSQL', () => {
  it('is not the owner: the owner migrated, the application connects as another role', async () => {
    assert.equal((await app.query('SELECT current_user AS r')).rows[0].r, 'omsorg_app');
    const { rows } = await owner.query("SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'access_log'", [schema]);
    assert.deepEqual(rows, [{ tableowner: 'omsorg_owner' }]);
  });

  it('appends to the log and reads it; the chain holds', async () => {
    await logAccess(app, { actorPersonId: 'psn-ola-7f3a', subjectId: 'sub-ola-7f3a', action: 'read', resource: 'me', outcome: 'ok', status: 200, actorRole: 'self' });
    await logAccess(app, { actorPersonId: 'psn-kari-2c91', subjectId: 'sub-ola-7f3a', action: 'read', resource: 'appointments', outcome: 'ok', status: 200, actorRole: 'relative', relationCode: 'PRN' });
    const report = await verifyAccessLog(app);
    assert.equal(report.intact, true);
    assert.equal(report.rows, 2);
  });

  it('cannot UPDATE, DELETE, TRUNCATE the log, switch its triggers off, or move the chain\'s head', async () => {
    const refused = /permission denied|must be owner/;
    for (const sql of [
      "UPDATE access_log SET outcome = 'denied'",
      'DELETE FROM access_log',
      'TRUNCATE access_log',
      'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update',
      'ALTER TABLE access_log DISABLE TRIGGER USER',
      'ALTER TABLE access_log DISABLE TRIGGER access_log_chain',
      'DROP TRIGGER access_log_no_delete ON access_log',
      'DROP TABLE access_log',
      'UPDATE access_log_head SET last_id = 0',
      "SET session_replication_role = 'replica'",
      'CREATE TABLE access_log_copy (id int)',
    ]) {
      await assert.rejects(app.query(sql), (err) => {
        assert.match(/** @type {Error} */ (err).message, refused, sql);
        return true;
      });
    }
    assert.equal((await verifyAccessLog(app)).rows, 2);
  });

  it('adds decisions on dialogue consent and reads them, but cannot change or delete one (the history is kept)', async () => {
    await app.query("INSERT INTO persons (id, name) VALUES ('psn-role-0002', 'Samtykke Test')");
    await app.query("INSERT INTO subjects (id, person_id) VALUES ('sub-role-0002', 'psn-role-0002')");
    await app.query(
      "INSERT INTO dialogue_consents (subject_id, seq, status, text_version, decided_at, decided_by) VALUES ('sub-role-0002', 1, 'active', '2026-12', now(), 'psn-role-0002')",
    );
    assert.equal((await app.query("SELECT count(*)::int AS n FROM dialogue_consents WHERE subject_id = 'sub-role-0002'")).rows[0].n, 1);
    for (const sql of [
      "UPDATE dialogue_consents SET status = 'inactive'",
      "DELETE FROM dialogue_consents WHERE subject_id = 'sub-role-0002'",
      'TRUNCATE dialogue_consents',
    ]) {
      await assert.rejects(app.query(sql), (err) => {
        assert.match(/** @type {Error} */ (err).message, /permission denied/, sql);
        return true;
      });
    }
  });

  it('keeps relatives\' access as history: adds a grant and takes it back, never changes what was given or deletes it', async () => {
    await app.query("INSERT INTO persons (id, name) VALUES ('psn-role-0003', 'Fullmakt Giver'), ('psn-role-0004', 'Fullmakt Mottaker')");
    await app.query("INSERT INTO subjects (id, person_id) VALUES ('sub-role-0003', 'psn-role-0003')");
    const { rows } = await app.query(
      "INSERT INTO proxy_grants (grantee_person_id, subject_id, relation_code, scopes, granted_by) VALUES ('psn-role-0004', 'sub-role-0003', 'O', ARRAY['appointments.read'], 'psn-role-0003') RETURNING id",
    );
    const id = rows[0].id;
    await app.query("UPDATE proxy_grants SET revoked_at = now(), revoked_by = 'psn-role-0003' WHERE id = $1", [id]);
    for (const sql of [
      `UPDATE proxy_grants SET scopes = ARRAY['messages'] WHERE id = ${id}`,
      `UPDATE proxy_grants SET valid_to = '2099-01-01' WHERE id = ${id}`,
      `DELETE FROM proxy_grants WHERE id = ${id}`,
      'TRUNCATE proxy_grants',
    ]) {
      await assert.rejects(app.query(sql), (err) => {
        assert.match(/** @type {Error} */ (err).message, /permission denied/, sql);
        return true;
      });
    }
    assert.equal((await app.query('SELECT count(*)::int AS n FROM proxy_grants WHERE id = $1 AND revoked_at IS NOT NULL', [id])).rows[0].n, 1);
  });

  it('works on every other table as before (reads and writes its data)', async () => {
    await app.query("INSERT INTO persons (id, name) VALUES ('psn-role-0001', 'Rolle Test')");
    await app.query("UPDATE persons SET name = 'Rolle Testesen' WHERE id = 'psn-role-0001'");
    await app.query("DELETE FROM persons WHERE id = 'psn-role-0001'");
    await app.query("INSERT INTO dpop_proofs (jkt_jti, expires_at) VALUES ('k:j', now())");
    await app.query('DELETE FROM dpop_proofs');
  });
});
