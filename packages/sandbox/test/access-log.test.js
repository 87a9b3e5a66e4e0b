// @ts-check
/**
 * The access log that can be trusted: who acted in what role (self, relative with the grant's
 * relation, staff, none), and the hash chain the database keeps, checked by `verify-log`, which
 * names the first row that someone with the owner's rights changed or removed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PERSONS, SUBJECTS, useTestApi } from './api-helpers.js';
import { canonicalContent, verifyAccessLog } from '../src/data/access-log.js';
import { logAccess } from '../src/data/store.js';
import { openTestDatabase } from '../test-support/database.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const run = promisify(execFile);

const t = useTestApi();

/**
 * Changes the log as its owner can: with its append-only triggers off.
 * @param {import('../src/db/types.js').Queryable} q
 * @param {string} sql
 */
async function asOwner(q, sql) {
  await q.query('ALTER TABLE access_log DISABLE TRIGGER USER');
  try {
    await q.query(sql);
  } finally {
    await q.query('ALTER TABLE access_log ENABLE TRIGGER USER');
  }
}

describe('access log: role and relation', () => {
  it('logs self, a relative with the grant\'s relation, none for no access, and staff', async () => {
    const mark = await t.logMark();
    assert.equal((await t.call('/v1/subjects/me/appointments')).status, 200);
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.ola}/services`, { person: 'kari' })).status, 200);
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.emma}/appointments`, { person: 'per' })).status, 200);
    assert.equal((await t.call(`/v1/subjects/${SUBJECTS.emma}/appointments`, { person: 'kari' })).status, 404);
    assert.equal((await t.call('/v1/me', { person: 'kari' })).status, 200);
    await logAccess(t.db, { actorPersonId: 'stf-test-0001', actorKind: 'staff', subjectId: SUBJECTS.ola, action: 'read', resource: 'thread', outcome: 'ok', status: 200 });
    const { rows } = await t.db.query(
      'SELECT actor_person_id, actor_kind, actor_role, relation_code, subject_id, outcome FROM access_log WHERE id > $1 ORDER BY id',
      [mark],
    );
    assert.deepEqual(rows, [
      { actor_person_id: PERSONS.ola, actor_kind: 'person', actor_role: 'self', relation_code: null, subject_id: SUBJECTS.ola, outcome: 'ok' },
      { actor_person_id: PERSONS.kari, actor_kind: 'person', actor_role: 'relative', relation_code: 'PRN', subject_id: SUBJECTS.ola, outcome: 'ok' },
      { actor_person_id: PERSONS.per, actor_kind: 'person', actor_role: 'relative', relation_code: 'CHILD', subject_id: SUBJECTS.emma, outcome: 'ok' },
      { actor_person_id: PERSONS.kari, actor_kind: 'person', actor_role: 'none', relation_code: null, subject_id: SUBJECTS.emma, outcome: 'denied' },
      { actor_person_id: PERSONS.kari, actor_kind: 'person', actor_role: 'self', relation_code: null, subject_id: SUBJECTS.kari, outcome: 'ok' },
      { actor_person_id: 'stf-test-0001', actor_kind: 'staff', actor_role: 'staff', relation_code: null, subject_id: SUBJECTS.ola, outcome: 'ok' },
    ]);
  });
});

describe('access log: hash chain', () => {
  it('chains every row, also rows inserted concurrently, in the order of their ids', async () => {
    const calls = [];
    for (let i = 0; i < 12; i++) calls.push(t.call('/v1/subjects/me/appointments', { person: i % 2 ? 'ola' : 'kari' }));
    for (const r of await Promise.all(calls)) assert.equal(r.status, 200);
    await Promise.all([t.cancel('apt-ola-prakt-d02'), t.call(`/v1/subjects/${SUBJECTS.ola}/services`, { person: 'kari' })]);
    const report = await verifyAccessLog(t.db);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM access_log');
    assert.deepEqual(report, { intact: true, rows: rows[0].n, headHash: report.headHash });
    assert.ok(rows[0].n >= 15);
    // The database's canonical text is the one this side recomputes.
    const db = (await t.db.query('SELECT access_log_content(l) AS c FROM access_log l ORDER BY id DESC LIMIT 1')).rows[0].c;
    const mine = (await t.db.query(
      `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_kind, actor_person_id, actor_role,
              relation_code, subject_id, action, resource, resource_id, client_id, outcome, status FROM access_log l ORDER BY l.id DESC LIMIT 1`,
    )).rows[0];
    assert.equal(canonicalContent(mine), db);
  });

  it('refuses to let an insert choose its own id or hashes', async () => {
    await t.db.query(
      `INSERT INTO access_log (id, actor_person_id, action, resource, outcome, status, prev_hash, hash)
       VALUES (1, 'psn-ola-7f3a', 'read', 'me', 'ok', 200, '\\x00', '\\x00')`,
    );
    assert.equal((await verifyAccessLog(t.db)).intact, true);
  });

  it('names the row the owner changed, the row after one removed, and a removed tail', async () => {
    for (let i = 0; i < 6; i++) assert.equal((await t.call('/v1/subjects/me/services')).status, 200);
    const ids = (await t.db.query('SELECT id::text AS id FROM access_log l ORDER BY l.id DESC LIMIT 5')).rows.map((r) => r.id).reverse();
    const [, changed, removed, afterRemoved, last] = /** @type {string[]} */ (ids);
    assert.equal((await verifyAccessLog(t.db)).intact, true);

    await asOwner(t.db, `DELETE FROM access_log WHERE id = ${last}`);
    let report = await verifyAccessLog(t.db);
    assert.equal(report.intact, false);
    assert.equal(report.brokenId, last, report.reason);

    await asOwner(t.db, `DELETE FROM access_log WHERE id = ${removed}`);
    report = await verifyAccessLog(t.db);
    assert.equal(report.brokenId, afterRemoved, report.reason);

    await asOwner(t.db, `UPDATE access_log SET outcome = 'denied', status = 404 WHERE id = ${changed}`);
    report = await verifyAccessLog(t.db);
    assert.equal(report.brokenId, changed, report.reason);
    assert.match(report.reason ?? '', /changed/);
  });
});

describe('verify-log command', () => {
  it('exits 0 with "chain intact: N rows", and 1 naming the row that was changed', async () => {
    const tdb = await openTestDatabase();
    try {
      for (const status of [200, 200, 404, 200]) {
        await logAccess(tdb.db, { actorPersonId: PERSONS.ola, subjectId: SUBJECTS.ola, action: 'read', resource: 'appointments', outcome: status === 200 ? 'ok' : 'not-found', status, actorRole: 'self' });
      }
      const ids = (await tdb.db.query('SELECT id::text AS id FROM access_log l ORDER BY l.id')).rows.map((r) => r.id);
      const env = { ...process.env };
      /** @type {string[]} */
      const args = [CLI, 'verify-log'];
      if (tdb.databaseUrl) Object.assign(env, { DATABASE_URL: tdb.databaseUrl, SANDBOX_DB_SCHEMA: tdb.schema });
      else {
        delete env.DATABASE_URL;
        args.push('--data-dir', dirname(/** @type {string} */ (tdb.dataDir)));
      }
      // PGlite is one process's: the command opens the files after the test closed them.
      const release = async () => {
        if (!tdb.databaseUrl) await tdb.db.close();
      };
      await release();
      const ok = await run(process.execPath, args, { env });
      assert.equal(ok.stdout.split('\n')[0]?.replace(/ \(head hash [0-9a-f]{64}\)$/, ''), 'chain intact: 4 rows');

      const db = tdb.databaseUrl ? tdb.db : await tdb.reopen();
      await asOwner(db, `UPDATE access_log SET status = 200, outcome = 'ok' WHERE id = ${ids[2]}`);
      await release();
      const broken = await run(process.execPath, args, { env }).then(
        () => assert.fail('verify-log exited 0 on a changed row'),
        (/** @type {any} */ err) => err,
      );
      assert.equal(broken.code, 1);
      assert.match(broken.stderr, new RegExp(`^chain broken at row ${ids[2]}: `));
      if (!tdb.databaseUrl) await tdb.reopen();
    } finally {
      await tdb.cleanup();
    }
  });
});
