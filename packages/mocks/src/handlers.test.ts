import { expect } from '@open-wc/testing';
import { problemTypes, type Appointment } from '@omsorg/contract';
import { createDb } from './db.js';
import { appointmentIds, persons, subjectIds } from '@omsorg/fixtures';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { API, call, expectProblem, NOW, useMocks } from './test/worker.js';

const list = (query = '', subject = 'me', person: 'ola' | 'kari' | 'per' = 'ola') =>
  call(`/v1/subjects/${subject}/appointments${query}`, { person });

describe('handlers: identity and access', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('answers GET /v1/me for the person named by the mock token, with no-store', async () => {
    await useMocks();
    for (const person of ['ola', 'kari', 'per'] as const) {
      const r = await call('/v1/me', { person });
      expect(r.status).to.equal(200);
      expect(r.headers.get('cache-control')).to.equal('no-store');
      expect(r.headers.get('content-type')).to.equal('application/json');
      expect(r.body.person).to.deep.equal(persons[person]);
      expect(r.body.subjects[0].relation.code).to.equal('self');
      expect(validateAs(doc, 'Me', r.body)).to.deep.equal([]);
    }
  });

  it('answers 401 without Authorization, with a malformed one and for an unknown mock person', async () => {
    await useMocks();
    for (const headers of [{} as Record<string, string>, { Authorization: 'Basic b2xhOnB3' }, { Authorization: 'Bearer' }, { Authorization: 'Bearer mock-token-nobody' }]) {
      const r = await call('/v1/me', { person: null, headers });
      expectProblem(r, 401, problemTypes.unauthorized);
      expect(r.headers.get('www-authenticate')).to.match(/^Bearer realm="omsorg"/);
      expect(validateAs(doc, 'Problem', r.body)).to.deep.equal([]);
    }
  });

  it('signs in the `person` option for other tokens, and without a header when requireAuth is false', async () => {
    await useMocks({ person: 'per' });
    expect((await call('/v1/me', { person: null, headers: { Authorization: 'Bearer eyJhbGciOi.real.token' } })).body.person).to.deep.equal(persons.per);
    expect((await call('/v1/me', { person: null, headers: { Authorization: 'DPoP eyJhbGciOi.real.token' } })).body.person).to.deep.equal(persons.per);
    expect((await call('/v1/me', { person: 'kari' })).body.person).to.deep.equal(persons.kari);
    await useMocks({ person: 'kari', requireAuth: false });
    expect((await call('/v1/me', { person: null })).body.person).to.deep.equal(persons.kari);
  });

  it('lets Kari read her father\'s appointments and services by subject id', async () => {
    await useMocks();
    const r = await list('', subjectIds.ola, 'kari');
    expect(r.status).to.equal(200);
    expect(r.body.items.length).to.be.greaterThan(0);
    expect(r.body.items.every((a: Appointment) => a.subjectId === subjectIds.ola)).to.equal(true);
    const s = await call(`/v1/subjects/${subjectIds.ola}/services`, { person: 'kari' });
    expect(s.status).to.equal(200);
    expect(s.body.items.length).to.equal(5);
    const own = await list('', 'me', 'kari');
    expect(own.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('answers 404 alike for a subject the person may not see and one that does not exist', async () => {
    await useMocks();
    const foreign = await list('', subjectIds.ola, 'per');
    const missing = await list('', 'sub-nobody-0000', 'per');
    expectProblem(foreign, 404, problemTypes.notFound);
    expect(foreign.body).to.deep.equal(missing.body);
    expectProblem(await call(`/v1/subjects/${subjectIds.emma}/services`, { person: 'kari' }), 404, problemTypes.notFound);
    expectProblem(await call(`/v1/subjects/${subjectIds.emma}/appointments/${appointmentIds.emmaActivity}`, { person: 'ola' }), 404, problemTypes.notFound);
  });

  it('answers 403 when the access lacks the scope, and 404 once the access has expired', async () => {
    const db = createDb({ now: NOW });
    const kari = db.me.get('kari')!;
    kari.subjects[1]!.scopes = ['appointments.read'];
    await useMocks({ db });
    expect((await list('', subjectIds.ola, 'kari')).status).to.equal(200);
    expectProblem(await call(`/v1/subjects/${subjectIds.ola}/services`, { person: 'kari' }), 403, problemTypes.forbidden);
    kari.subjects[1]!.validTo = '2025-06-10';
    expectProblem(await list('', subjectIds.ola, 'kari'), 404, problemTypes.notFound);
  });

  it('answers unknown routes under /v1 with a not-found problem', async () => {
    await useMocks();
    expectProblem(await call('/v1/subjects/me/messages'), 404, problemTypes.notFound);
    expectProblem(await call(`/v1/subjects/me/appointments/${appointmentIds.olaCancellable}`, { method: 'DELETE' }), 404, problemTypes.notFound);
  });

  it('serves a same-origin base path such as /api', async () => {
    await useMocks({ baseUrl: '/api' });
    const r = await call('/api/v1/me', { base: '' });
    expect(r.status).to.equal(200);
    // The old base is no longer mocked: the request goes to the network and fails.
    expect(await call('/v1/me').then((x) => x.status, () => 'network error')).to.equal('network error');
  });
});

describe('handlers: appointments', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('splits upcoming (end ≥ now, ascending) from past (end < now, descending)', async () => {
    await useMocks();
    const now = NOW.getTime();
    const up = await list('?limit=100');
    const past = await list('?when=past&limit=100');
    expect(up.body.items.length).to.be.greaterThan(20);
    expect(past.body.items.length).to.be.greaterThan(5);
    const upStarts = up.body.items.map((a: Appointment) => Date.parse(a.start));
    const pastStarts = past.body.items.map((a: Appointment) => Date.parse(a.start));
    expect(up.body.items.every((a: Appointment) => Date.parse(a.end) >= now)).to.equal(true);
    expect(past.body.items.every((a: Appointment) => Date.parse(a.end) < now)).to.equal(true);
    expect(upStarts).to.deep.equal([...upStarts].sort((a, b) => a - b));
    expect(pastStarts).to.deep.equal([...pastStarts].sort((a, b) => b - a));
    // The 08:00–10:00 visit ending exactly at now still counts as upcoming.
    expect(up.body.items[0].id).to.equal('apt-ola-hsp-d00-am');
    for (const a of [...up.body.items, ...past.body.items]) expect(validateAs(doc, 'Appointment', a)).to.deep.equal([]);
    expect(validateAs(doc, 'AppointmentPage', up.body)).to.deep.equal([]);
  });

  it('uses the clock from `now` for the split', async () => {
    await useMocks();
    const before = (await list('?limit=100')).body.items.length;
    let t = NOW;
    await useMocks({ now: () => t });
    t = new Date(NOW.getTime() + 3 * 86400000);
    const after = (await list('?limit=100')).body.items.length;
    expect(after).to.be.lessThan(before);
  });

  it('pages with limit and an opaque cursor, without gaps or repeats', async () => {
    await useMocks();
    for (const when of ['upcoming', 'past']) {
      const all = (await list(`?when=${when}&limit=100`)).body.items.map((a: Appointment) => a.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `?when=${when}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const r = await list(q);
        expect(r.status).to.equal(200);
        expect(r.body.items.length).to.be.at.most(4);
        seen.push(...r.body.items.map((a: Appointment) => a.id));
        cursor = r.body.nextCursor;
        if (cursor) expect(cursor.length).to.be.at.most(200);
        pages++;
      } while (cursor);
      expect(seen).to.deep.equal(all);
      expect(pages).to.equal(Math.ceil(all.length / 4));
    }
  });

  it('defaults to 20 per page and a null nextCursor on the last page', async () => {
    await useMocks();
    const first = await list();
    expect(first.body.items).to.have.length(20);
    expect(first.body.nextCursor).to.be.a('string');
    const all = (await list('?limit=100')).body.items.length;
    const second = await list(`?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).to.have.length(all - 20);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('keeps the cursor stable when an earlier item changes meanwhile', async () => {
    const mock = await useMocks();
    const first = await list('?limit=3');
    // The first item moves to the past; the next page must still start after item 3.
    const ola = mock.api.db.subjects.get(subjectIds.ola)!;
    const moved = ola.appointments.get(first.body.items[0].id)!;
    moved.end = '2025-06-01T10:00:00+02:00';
    const all = (await list('?limit=100')).body.items.map((a: Appointment) => a.id);
    const next = await list(`?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body.items.map((a: Appointment) => a.id)).to.deep.equal(all.slice(2, 5));
  });

  it('filters with from (end ≥ from) and to (start < to)', async () => {
    await useMocks();
    const from = '2025-06-13T00:00:00+02:00';
    const to = '2025-06-14T00:00:00+02:00';
    const r = await list(`?limit=100&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(r.status).to.equal(200);
    const ids = r.body.items.map((a: Appointment) => a.id);
    expect(ids).to.deep.equal(['apt-ola-hsp-d02-am', 'apt-ola-prakt-d02', 'apt-ola-hsp-d02-pm']);
    const z = await list(`?limit=100&from=2025-06-12T22:00:00Z&to=2025-06-13T22:00:00Z`);
    expect(z.body.items.map((a: Appointment) => a.id)).to.deep.equal(ids);
  });

  it('refuses bad query parameters with a validation problem', async () => {
    await useMocks();
    for (const q of [
      '?when=soon',
      '?limit=0',
      '?limit=101',
      '?limit=ten',
      '?limit=2.5',
      '?from=yesterday',
      '?from=2025-06-13T00:00:00+02:00', // '+' unencoded arrives as a space
      '?to=2025-06-13',
      '?cursor=not-a-cursor',
      `?cursor=${'a'.repeat(201)}`,
    ]) {
      expectProblem(await list(q), 400, problemTypes.validation);
    }
    const upCursor = (await list('?limit=2')).body.nextCursor;
    expectProblem(await list(`?when=past&cursor=${encodeURIComponent(upCursor)}`), 400, problemTypes.validation);
  });

  it('answers one appointment with a strong ETag of its version, readable across origins', async () => {
    await useMocks();
    const r = await call(`/v1/subjects/me/appointments/${appointmentIds.olaCancellable}`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('etag')).to.equal(`"${r.body.version}"`);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(validateAs(doc, 'Appointment', r.body)).to.deep.equal([]);
    const bySubject = await call(`/v1/subjects/${subjectIds.ola}/appointments/${appointmentIds.olaCancellable}`);
    expect(bySubject.body).to.deep.equal(r.body);
    expectProblem(await call('/v1/subjects/me/appointments/apt-nothing'), 404, problemTypes.notFound);
  });

  it('reports cancellable as of now, so a deadline that passes flips it', async () => {
    let t = NOW;
    await useMocks({ now: () => t });
    const path = `/v1/subjects/me/appointments/${appointmentIds.olaCancellable}`;
    const a = (await call(path)).body;
    expect(a.cancellationPolicy.cancellable).to.equal(true);
    t = new Date(Date.parse(a.cancellationPolicy.deadline) + 1000);
    expect((await call(path)).body.cancellationPolicy.cancellable).to.equal(false);
  });

  it('answers services with no-store and valid granted services', async () => {
    await useMocks();
    const r = await call('/v1/subjects/me/services');
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(validateAs(doc, 'ServiceList', r.body)).to.deep.equal([]);
    expect(r.body.items.map((s: { status: string }) => s.status)).to.include.members(['active', 'ended']);
    const emma = await call(`/v1/subjects/${subjectIds.emma}/services`, { person: 'per' });
    expect(emma.body.items.map((s: { status: string }) => s.status)).to.include('planned');
  });

  it('answers under any absolute base URL', async () => {
    await useMocks({ baseUrl: 'https://api.example.no/omsorg/' });
    const r = await call('/v1/me', { base: 'https://api.example.no/omsorg' });
    expect(r.status).to.equal(200);
    expect(await call('/v1/me', { base: API }).then((x) => x.status, () => 'network error')).to.equal('network error');
  });
});
