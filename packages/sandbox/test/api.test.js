// @ts-check
/** The API's reads: identity, appointments (upcoming/past, filters, keyset paging), services, routes. */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createServer } from 'node:http';
import { createApi } from '../src/api/index.js';
import { NOW, PERSONS, PIDS, SUBJECTS, assertProblem, useTestApi } from './api-helpers.js';

const t = useTestApi({ reseed: false });

/** @param {string} [query] @param {string} [subject] @param {string} [person] */
const list = (query = '', subject = 'me', person = 'ola') => t.call(`/v1/subjects/${subject}/appointments${query}`, { person });

describe('identity', () => {
  it('answers GET /v1/me: the person, themselves first, then live grants; no-store, JSON', async () => {
    const ola = await t.call('/v1/me');
    assert.equal(ola.status, 200);
    assert.equal(ola.headers.get('content-type'), 'application/json');
    assert.equal(ola.headers.get('cache-control'), 'no-store');
    assert.equal(ola.headers.get('access-control-expose-headers'), 'ETag, WWW-Authenticate, Retry-After');
    assert.deepEqual(ola.body.person, { id: PERSONS.ola, name: 'Ola Nordmann' });
    assert.deepEqual(ola.body.subjects.map((/** @type {any} */ s) => [s.id, s.relation.code]), [[SUBJECTS.ola, 'self']]);
    assert.equal(ola.body.sessionExpiresAt, '2025-06-11T11:00:00+02:00');

    const kari = await t.call('/v1/me', { person: 'kari' });
    assert.deepEqual(kari.body.subjects, [
      {
        id: SUBJECTS.kari,
        name: 'Kari Nordmann',
        relation: { system: 'urn:omsorg:codesystem:relasjon', code: 'self' },
        scopes: ['appointments.read', 'appointments.cancel', 'services.read', 'messages'],
        validTo: null,
      },
      {
        id: SUBJECTS.ola,
        name: 'Ola Nordmann',
        relation: { system: 'urn:omsorg:codesystem:relasjon', code: 'PRN' },
        scopes: ['appointments.read', 'appointments.cancel', 'services.read', 'messages'],
        validTo: '2026-06-11',
      },
    ]);
    const per = await t.call('/v1/me', { person: 'per' });
    assert.deepEqual(per.body.subjects.map((/** @type {any} */ s) => [s.id, s.name, s.relation.code]), [
      [SUBJECTS.per, 'Per Hansen', 'self'],
      [SUBJECTS.emma, 'Emma Hansen', 'CHILD'],
    ]);
  });

  it('answers 401 problem+json with WWW-Authenticate without a valid token', async () => {
    for (const headers of /** @type {Record<string, string>[]} */ ([{}, { Authorization: 'Basic b2xhOnB3' }])) {
      const r = await t.call('/v1/me', { person: null, headers });
      assertProblem(r, 401, 'unauthorized');
      assert.match(/** @type {string} */ (r.headers.get('www-authenticate')), /^Bearer/);
    }
    // Authentication comes before routing, as in the mocks.
    assertProblem(await t.call('/v1/nothing-here', { person: null }), 401, 'unauthorized');
  });

  it('refuses a valid token for a person the service does not know with 403', async () => {
    assertProblem(await t.call('/v1/me', { person: 'psn-nobody-0000' }), 403, 'forbidden');
  });

  it('never puts a national identity number in a response', async () => {
    for (const person of ['ola', 'kari', 'per', 'test']) {
      for (const path of ['/v1/me', '/v1/subjects/me/appointments?limit=100', '/v1/subjects/me/services']) {
        const r = await t.call(path, { person });
        assert.equal(r.status, 200);
        for (const pid of PIDS) assert.ok(!r.text.includes(pid), `${path} for ${person} leaks a pid`);
      }
    }
  });
});

describe('appointments', () => {
  beforeEach(() => t.setNow(NOW));

  it('splits upcoming (end ≥ now, ascending) from past (end < now, descending)', async () => {
    const up = await list('?limit=100');
    const past = await list('?when=past&limit=100');
    assert.equal(up.status, 200);
    assert.ok(up.body.items.length > 20 && past.body.items.length > 5);
    const now = NOW.getTime();
    assert.ok(up.body.items.every((/** @type {any} */ a) => Date.parse(a.end) >= now));
    assert.ok(past.body.items.every((/** @type {any} */ a) => Date.parse(a.end) < now));
    const upStarts = up.body.items.map((/** @type {any} */ a) => Date.parse(a.start));
    const pastStarts = past.body.items.map((/** @type {any} */ a) => Date.parse(a.start));
    assert.deepEqual(upStarts, [...upStarts].sort((a, b) => a - b));
    assert.deepEqual(pastStarts, [...pastStarts].sort((a, b) => b - a));
    // The 08:00–10:00 visit that ends exactly now is still upcoming.
    assert.equal(up.body.items[0].id, 'apt-ola-hsp-d00-am');
    assert.equal(up.body.nextCursor, null);
    assert.equal(up.body.items.length + past.body.items.length, 57 - 6 /* Emma's */);
  });

  it('logs a 200 of the list but not a 304: a 304 discloses nothing new (docs/architecture.md)', async () => {
    /** @param {number} status */
    const rows = async (status) =>
      Number((await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE resource = 'appointments' AND actor_person_id = $1 AND status = $2`, [PERSONS.ola, status])).rows[0].n);
    const [ok0, nm0] = [await rows(200), await rows(304)];
    const first = await list('?limit=5');
    assert.equal(first.status, 200);
    const etag = /** @type {string} */ (first.headers.get('etag'));
    assert.match(etag, /^W\/"[0-9a-f]{16}"$/);
    assert.equal(await rows(200), ok0 + 1, 'the 200 is logged before it is answered');
    for (let i = 0; i < 3; i++) {
      const again = await t.call('/v1/subjects/me/appointments?limit=5', { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
    }
    assert.equal(await rows(304), nm0, 'no row for a 304');
    assert.equal(await rows(200), ok0 + 1);
    // The tag is the body's digest: the same body, serialised once, gives the same tag.
    const second = await list('?limit=5');
    assert.equal(second.headers.get('etag'), etag);
    assert.equal(second.text, first.text);
  });

  it('computes cancellable from the clock on every request', async () => {
    const before = (await t.call('/v1/subjects/me/appointments/apt-ola-prakt-d02')).body;
    assert.equal(before.cancellationPolicy.cancellable, true);
    t.setNow(new Date(Date.parse(before.cancellationPolicy.deadline) + 1000));
    const later = (await t.call('/v1/subjects/me/appointments/apt-ola-prakt-d02')).body;
    assert.equal(later.cancellationPolicy.cancellable, false);
    assert.equal((await t.call('/v1/subjects/me/appointments/apt-ola-alarm-d01')).body.cancellationPolicy.cancellable, false);
  });

  it('pages with limit and an opaque cursor, without gaps or repeats, both ways', async () => {
    for (const when of ['upcoming', 'past']) {
      const all = (await list(`?when=${when}&limit=100`)).body.items.map((/** @type {any} */ a) => a.id);
      /** @type {string[]} */
      const seen = [];
      /** @type {string | null} */
      let cursor = null;
      let pages = 0;
      do {
        const r = await list(`?when=${when}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.body.items.length <= 4);
        seen.push(...r.body.items.map((/** @type {any} */ a) => a.id));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      assert.deepEqual(seen, all);
      assert.equal(pages, Math.ceil(all.length / 4));
    }
  });

  it('keeps a cursor valid when items change meanwhile (keyset, not offset)', async () => {
    const first = await list('?limit=3');
    const cursor = first.body.nextCursor;
    // A visit before the cursor is cancelled: the next page neither skips nor repeats.
    const cancelled = await t.cancel(first.body.items[0].id === 'apt-ola-hsp-d00-am' ? 'apt-ola-prakt-d02' : first.body.items[0].id);
    assert.equal(cancelled.status, 200, cancelled.text);
    const next = await list(`?limit=3&cursor=${encodeURIComponent(cursor)}`);
    const all = (await list('?limit=100')).body.items.map((/** @type {any} */ a) => a.id);
    assert.deepEqual(next.body.items.map((/** @type {any} */ a) => a.id), all.slice(3, 6));
    await t.reseed();
  });

  it('filters with from (end ≥ from) and to (start < to)', async () => {
    const from = '2025-06-13T00:00:00+02:00';
    const to = '2025-06-14T00:00:00+02:00';
    const r = await list(`?limit=100&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length > 0);
    for (const a of r.body.items) {
      assert.ok(Date.parse(a.end) >= Date.parse(from));
      assert.ok(Date.parse(a.start) < Date.parse(to));
    }
    assert.ok(r.body.items.some((/** @type {any} */ a) => a.id === 'apt-ola-prakt-d02'));
  });

  it('refuses a bad query with a validation problem', async () => {
    for (const q of [
      '?when=soon',
      '?when=',
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?limit=2.5',
      '?from=yesterday',
      '?from=2025-06-11T10:00:00', // no offset
      '?to=2025-06-11T10:00:00 02:00', // '+' sent unencoded
      '?cursor=not-a-cursor',
      `?cursor=${'x'.repeat(201)}`,
    ]) {
      assertProblem(await list(q), 400, 'validation');
    }
    // A cursor from one direction is not valid for the other.
    const cursor = (await list('?limit=2')).body.nextCursor;
    assertProblem(await list(`?when=past&cursor=${encodeURIComponent(cursor)}`), 400, 'validation');
  });

  it('answers one appointment with a strong ETag of its version', async () => {
    const r = await t.call('/v1/subjects/me/appointments/apt-ola-dagsenter-d03');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('etag'), '"v1"');
    assert.equal(r.body.version, 'v1');
    assert.equal(r.body.cancellationPolicy.mode, 'request');
    assert.equal(r.body.timing, 'exact');
    const rejected = (await t.call('/v1/subjects/me/appointments/apt-ola-dagsenter-d10')).body;
    assert.equal(rejected.status, 'cancellation-rejected');
    assert.equal(rejected.cancellation.rejectionNote.length > 0, true);
    assert.deepEqual(rejected.cancellation.requestedBy, { id: PERSONS.ola, name: 'Ola Nordmann' });
  });

  it('answers 404 for an appointment that is not the subject\'s, or malformed ids', async () => {
    assertProblem(await t.call('/v1/subjects/me/appointments/apt-nobody'), 404, 'not-found');
    // Emma's appointment through Ola's subject: looked up by (subject, id), never by id alone.
    assertProblem(await t.call('/v1/subjects/me/appointments/apt-emma-regnbuen-d01'), 404, 'not-found');
    assertProblem(await t.call(`/v1/subjects/${SUBJECTS.ola}/appointments/apt-emma-regnbuen-d01`, { person: 'per' }), 404, 'not-found');
    assertProblem(await t.call('/v1/subjects/me/appointments/a.b'), 404, 'not-found');
    assertProblem(await t.call('/v1/subjects/a%20b/appointments'), 404, 'not-found');
  });
});

describe('services and routes', () => {
  it('lists granted services in the record system\'s order', async () => {
    const r = await t.call('/v1/subjects/me/services');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.items.map((/** @type {any} */ s) => s.id), ['vedtak-ola-hsp', 'vedtak-ola-prakt', 'vedtak-ola-alarm', 'vedtak-ola-dagsenter', 'vedtak-ola-mat']);
    assert.deepEqual(r.body.items[0].extent, { amount: 2, unit: 'visits', per: 'day' });
    assert.equal(r.body.items[0].validTo, null);
    assert.match(r.body.items[0].validFrom, /^\d{4}-\d{2}-\d{2}$/);
    const emma = await t.call(`/v1/subjects/${SUBJECTS.emma}/services`, { person: 'per' });
    assert.equal(emma.body.items.length, 3);
    assert.deepEqual((await t.call('/v1/subjects/me/services', { person: 'kari' })).body, { items: [] });
  });

  it('answers unknown routes and methods under /v1 with a not-found problem', async () => {
    assertProblem(await t.call('/v1/subjects/me/messages'), 404, 'not-found');
    assertProblem(await t.call('/v1/subjects/me/appointments/apt-ola-prakt-d02', { method: 'DELETE' }), 404, 'not-found');
    assertProblem(await t.call('/v1'), 404, 'not-found');
  });
});

describe('options and failures', () => {
  it('serves under a base path (callable as a handler itself)', async () => {
    const api = createApi({ db: t.db, verifier: { verify: async () => ({ personId: PERSONS.ola, clientId: 'x', scope: 'openid' }) }, now: () => NOW, basePath: '/api/' });
    const server = createServer((req, res) => void api(req, res));
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    try {
      const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
      const me = await fetch(`${base}/api/v1/me`);
      assert.equal(me.status, 200);
      assert.equal((/** @type {any} */ (await me.json())).person.id, PERSONS.ola);
      assert.equal((await fetch(`${base}/api/v1/subjects/me/appointments/apt-ola-prakt-d02`)).headers.get('etag'), '"v1"');
      assert.equal((await fetch(`${base}/v1/me`)).status, 404);
      assert.equal((await fetch(`${base}/apiv1/me`)).status, 404);
      assert.deepEqual(api.contractViolations, []);
    } finally {
      server.close();
    }
  });

  it('answers an unexpected exception with a 500 problem, without a stack trace', async () => {
    /** @type {unknown[]} */
    const logged = [];
    const broken = createApi({
      db: t.db,
      verifier: { verify: async () => Promise.reject(new TypeError('boom at /secret/path.js:12')) },
      logger: { error: (...a) => logged.push(a) },
    });
    const server = createServer((req, res) => void broken.handle(req, res));
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    try {
      const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
      const res = await fetch(`http://127.0.0.1:${port}/v1/me`);
      const text = await res.text();
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(JSON.parse(text).type, 'urn:omsorg:problem:server-error');
      assert.ok(!text.includes('boom') && !text.includes('secret'), text);
      assert.equal(logged.length, 1, 'the server log has it');
    } finally {
      server.close();
    }
  });

  it('catches a response that breaks the contract: recorded, logged, answered 500', async () => {
    // The database's own checks mirror the contract; drop one to let bad data through.
    await t.db.exec(`ALTER TABLE care_services DROP CONSTRAINT care_services_name_check;
      UPDATE care_services SET name = repeat('x', 201) WHERE id = 'cs-praktisk-bistand';`);
    try {
      const r = await t.call('/v1/subjects/me/appointments/apt-ola-prakt-d02');
      assertProblem(r, 500, 'server-error');
      assert.equal(t.api.contractViolations.length, 1);
      assert.equal(t.api.contractViolations[0]?.operationId, 'getAppointment');
      assert.match(t.api.contractViolations[0]?.problems.join() ?? '', /careService\/name/);
    } finally {
      t.api.contractViolations.length = 0;
      await t.db.exec(`UPDATE care_services SET name = 'Praktisk bistand' WHERE id = 'cs-praktisk-bistand';
        ALTER TABLE care_services ADD CONSTRAINT care_services_name_check CHECK (char_length(name) <= 200);`);
    }
  });
});
