// @ts-check
/**
 * What several API instances share through the database: DPoP proof ids and the development
 * provider's sessions, codes and grants. Here two stores over ONE database stand for two
 * instances (PGlite is one process's: test-postgres/two-instances.test.js runs two real
 * processes on a PostgreSQL server).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSharedReplayStore } from '../src/auth/replay.js';
import { createDatabaseAdapter } from '../src/oidc/adapter.js';
import { openTestDatabase } from '../test-support/database.js';

/** @type {import('../test-support/database.js').TestDatabase} */
let t;
before(async () => {
  t = await openTestDatabase();
});
after(async () => {
  await t?.cleanup();
});

describe('DPoP proof ids shared in the database', () => {
  it('a proof id seen by one instance is a replay at the other, until it expires', async () => {
    const a = createSharedReplayStore(t.db);
    const b = createSharedReplayStore(t.db);
    const now = Date.parse('2026-01-01T10:00:00Z');
    assert.equal(await a.seen('jkt:one', now + 125_000, now), false);
    assert.equal(await a.seen('jkt:one', now + 125_000, now + 1), true, 'the same instance');
    assert.equal(await b.seen('jkt:one', now + 125_000, now + 2), true, 'the other instance');
    assert.equal(await b.seen('jkt:two', now + 125_000, now + 3), false);
    assert.equal(await a.seen('jkt:two', now + 125_000, now + 4), true);
    // A minute later the other instance cleans up what expired (the ids are out of every proof's window).
    assert.equal(await b.seen('jkt:three', now + 200_000, now + 130_000), false);
    const { rows } = await t.db.query('SELECT jkt_jti FROM dpop_proofs ORDER BY 1');
    assert.deepEqual(rows.map((r) => r.jkt_jti), ['jkt:three']);
  });
});

describe('the development provider\'s storage in the database', () => {
  it('finds what another instance stored: by id, by uid; consumes; expires; revokes a grant', async () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const one = createDatabaseAdapter(t.db, { now: () => clock });
    const two = createDatabaseAdapter(t.db, { now: () => clock });
    await one('Session').upsert('s1', { uid: 'u1', accountId: 'psn-ola-7f3a', kind: 'Session' }, 600);
    await one('AuthorizationCode').upsert('c1', { grantId: 'g1', kind: 'AuthorizationCode' }, 60);
    await one('AccessToken').upsert('a1', { grantId: 'g1', kind: 'AccessToken' }, 600);
    await one('Grant').upsert('g1', { kind: 'Grant', accountId: 'psn-ola-7f3a' }, 600);

    assert.deepEqual(await two('Session').find('s1'), { uid: 'u1', accountId: 'psn-ola-7f3a', kind: 'Session' });
    assert.deepEqual(await two('Session').findByUid('u1'), { uid: 'u1', accountId: 'psn-ola-7f3a', kind: 'Session' });
    assert.equal(await two('Session').find('nope'), undefined);
    assert.equal(await two('AccessToken').find('s1'), undefined, 'another model, same id');

    await two('AuthorizationCode').consume('c1');
    const code = await one('AuthorizationCode').find('c1');
    assert.equal(typeof code.consumed, 'number', 'consumed is seen by the other instance');

    clock += 90_000; // past the code's 60 s (and the 15 s tolerance), not the session's 600 s
    assert.equal(await one('AuthorizationCode').find('c1'), undefined);
    assert.ok(await one('Session').find('s1'));

    await two('Grant').revokeByGrantId('g1');
    assert.equal(await one('AccessToken').find('a1'), undefined);
    assert.ok(await one('Grant').find('g1'), 'the grant itself is destroyed by its own call, as in memory');
    await one('Session').destroy('s1');
    assert.equal(await two('Session').find('s1'), undefined);
  });
});
