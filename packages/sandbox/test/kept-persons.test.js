// @ts-check
/**
 * Who the signed-in person is, kept between requests while the API process listens for changes
 * (api/kept-persons.js, migration 011): a second request does not ask the database again, and a
 * change made by another connection reaches the API through the trigger's notice, long before
 * the 60 s bound would have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_CLIENT_ID } from '../src/server.js';
import { listenToSchema, PERSONS_CHANNEL, personFinder } from '../src/api/kept-persons.js';
import { startTestSandbox } from '../test-support/sandbox.js';
import { signIn } from '../test-support/login.js';
import { NOW } from './api-helpers.js';

/** @type {Awaited<ReturnType<typeof startTestSandbox>>} */
let sandbox;
/** @type {Awaited<ReturnType<typeof startTestSandbox>>['t']} */
let t;
/** @type {Awaited<ReturnType<typeof startTestSandbox>>['s']} */
let s;

before(async () => {
  sandbox = await startTestSandbox({ now: NOW });
  ({ t, s } = sandbox);
});
after(() => sandbox?.close());

/** Waits for `check` (a condition, not a time): at most `ms`, asking every 20 ms. */
async function until(/** @type {() => Promise<boolean>} */ check, /** @type {string} */ what, ms = 10_000) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`${what}: not within ${ms} ms`);
}

describe('the signed-in person, kept while listening', () => {
  it('asks the database once, and hears of a change made elsewhere', async () => {
    assert.equal(s.api.persons.keeping, true, 'the sandbox keeps person rows');
    const ola = await signIn({ issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback`, personId: 'psn-ola-7f3a' });
    const url = `${s.url}/v1/me`;
    const me = async () => /** @type {any} */ (await (await fetch(url, { headers: await ola.authorization('GET', url) })).json());
    assert.equal((await me()).person.name, 'Ola Nordmann');

    // The statements the API sends from now on (the same database object it was given).
    /** @type {string[]} */
    const sent = [];
    const query = s.db.query;
    s.db.query = (sql, params) => {
      sent.push(sql);
      return query.call(s.db, sql, params);
    };
    try {
      assert.equal((await me()).person.name, 'Ola Nordmann');
      assert.ok(sent.length > 0, 'the request still reads the subjects');
      assert.deepEqual(
        sent.filter((q) => /FROM persons p LEFT JOIN subjects/.test(q)),
        [],
        'no person statement: the row is kept',
      );
    } finally {
      s.db.query = query;
    }

    // Renamed by another connection (on PGlite, which one process owns, a statement the API did
    // not send): the trigger's notice drops the kept row.
    const other = t.databaseUrl ? await t.reopen() : s.db;
    try {
      await other.query('UPDATE persons SET name = $2 WHERE id = $1', ['psn-ola-7f3a', 'Ola Omdøpt']);
      await until(async () => (await me()).person.name === 'Ola Omdøpt', 'the new name');
      await other.query('UPDATE persons SET name = $2 WHERE id = $1', ['psn-ola-7f3a', 'Ola Nordmann']);
      await until(async () => (await me()).person.name === 'Ola Nordmann', 'the name back');
    } finally {
      if (other !== s.db) await other.close();
    }
  });

  it('keeps nothing for a record system whose persons are not in the database, or when not asked to', async () => {
    let reads = 0;
    /** @type {any} */
    const records = { findPerson: async () => (reads++, { id: 'psn-x', name: 'X', selfSubjectId: null }), personsInDatabase: false };
    /** @type {any} */
    const db = { listen: async () => assert.fail('must not listen') };
    for (const o of [{ records, keep: true }, { records: { ...records, personsInDatabase: true }, keep: false }]) {
      const finder = personFinder({ db, logger: console, ...o });
      await finder.ready;
      assert.equal(finder.keeping, false);
      await finder.find('psn-x');
      await finder.find('psn-x');
      await finder.close();
    }
    assert.equal(reads, 4, 'every find read the record system');
  });
});

describe('the triggers (migration 013: one function, the column as its argument)', () => {
  it('name the schema and the person for a person row and for a subject row', async () => {
    /** @type {string[]} */
    const heard = [];
    const own = `${s.db.schema}/`;
    const subscription = await s.db.listen(PERSONS_CHANNEL, (payload) => { if (payload.startsWith(own)) heard.push(payload); });
    try {
      await s.db.query('UPDATE persons SET name = name WHERE id = $1', ['psn-ola-7f3a']);
      await until(async () => heard.length === 1, 'the person row’s notice');
      const { rows } = await s.db.query('SELECT person_id FROM subjects WHERE person_id <> $1 ORDER BY id LIMIT 1', ['psn-ola-7f3a']);
      const other = /** @type {{ person_id: string }} */ (rows[0]).person_id;
      await s.db.query('UPDATE subjects SET person_id = person_id WHERE person_id = $1', [other]);
      await until(async () => heard.length === 2, 'the subject row’s notice');
      assert.deepEqual(heard, [`${own}psn-ola-7f3a`, `${own}${other}`]);
    } finally {
      await subscription.close();
    }
  });
});

describe('notices from other schemas of the same database', () => {
  it('are passed on only for the process’s own schema, as the person id (empty for all)', async () => {
    /** @type {string[]} */
    const heard = [];
    /** @type {(payload: string) => void} */
    let notify = () => {};
    const listen = listenToSchema(async (_channel, onMessage) => {
      notify = onMessage;
      return /** @type {any} */ ({ close: async () => {} });
    }, 'omsorg_a');
    await listen(PERSONS_CHANNEL, (id) => heard.push(id));
    for (const payload of ['omsorg_a/psn-ola-7f3a', 'omsorg_b/psn-ola-7f3a', 'omsorg_b/', 'omsorg_a/', 'psn-ola-7f3a', 'omsorg_ab/psn-x', 'omsorg/psn-y']) notify(payload);
    assert.deepEqual(heard, ['psn-ola-7f3a', '']);
  });
});
