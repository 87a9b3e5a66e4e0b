import { expect } from '@open-wc/testing';
import { cancellationReasons, problemTypes, type Appointment } from '@omsorg/contract';
import { appointmentIds as ids, perAppointmentIds, subjectIds, type PersonKey } from '@omsorg/fixtures';
import { hostileText } from './hostile.js';
import { threadIds } from '@omsorg/fixtures';
import { scenarioBehaviour, scenarioNames, scenarios, SLOW_DELAY_MS, type ScenarioName } from './scenarios.js';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { heldTimers, type HeldTimers } from './timers.js';
import { answer, call, NOW, until, useMocks, type Call } from './test/worker.js';
import type { MockWorker } from './browser.js';

const body = { reason: { system: cancellationReasons.system, code: 'pat-crs' } };
let n = 0;

async function cancel(id: string, version: string, person: PersonKey = 'ola', subject = 'me') {
  return call(`/v1/subjects/${subject}/appointments/${id}/cancellation`, {
    method: 'POST',
    person,
    headers: { 'Idempotency-Key': `scenario-key-${++n}`, 'If-Match': `"${version}"` },
    body,
  });
}
const post = (path: string, body: unknown, person: PersonKey = 'ola') =>
  call(path, { method: 'POST', person, body, headers: { 'Idempotency-Key': `scenario-key-${++n}` } });
const get = (id: string, person: PersonKey = 'ola', subject = 'me') => call(`/v1/subjects/${subject}/appointments/${id}`, { person });
const all = (when: 'upcoming' | 'past', person: PersonKey = 'ola', subject = 'me') =>
  call(`/v1/subjects/${subject}/appointments?when=${when}&limit=100`, { person });

/**
 * Every read endpoint for every person and subject they may see, answered by the scenario's
 * handlers in the page (`answer`: no service worker round trip; the other tests here go through
 * the worker). The reads go out together: all are GETs, none changes what another answers.
 */
async function everyRead(mock: MockWorker): Promise<Array<{ what: string; schema: string; r: Call }>> {
  const ask = (path: string, init: Parameters<typeof answer>[2] = {}) => answer(mock, path, init);
  type Read = { what: string; schema: string; r: Call };
  const read = async (what: string, schema: string, r: Promise<Read['r']>): Promise<Read> => ({ what, schema, r: await r });
  const forSubject = async (person: PersonKey, id: string): Promise<Read[]> => {
    const [upcoming, past, services, recipients, threads] = await Promise.all([
      read(`${person} ${id} upcoming`, 'AppointmentPage', ask(`/v1/subjects/${id}/appointments?when=upcoming&limit=100`, { person })),
      read(`${person} ${id} past`, 'AppointmentPage', ask(`/v1/subjects/${id}/appointments?when=past&limit=100`, { person })),
      read(`${person} ${id} services`, 'ServiceList', ask(`/v1/subjects/${id}/services`, { person })),
      read(`${person} ${id} recipients`, 'RecipientList', ask(`/v1/subjects/${id}/message-recipients`, { person })),
      read(`${person} ${id} threads`, 'ThreadPage', ask(`/v1/subjects/${id}/threads?limit=500`, { person })),
    ]);
    const details = await Promise.all(
      (threads.r.body?.items ?? []).slice(0, 5).map((t: { id: string }) =>
        read(`${person} ${id} thread ${t.id}`, 'ThreadDetail', ask(`/v1/subjects/${id}/threads/${t.id}`, { person })),
      ),
    );
    return [upcoming, past, services, recipients, threads, ...details];
  };
  const forPerson = async (person: PersonKey): Promise<Read[]> => {
    const me = await read(`${person} me`, 'Me', ask('/v1/me', { person }));
    const subjects: { id: string }[] = me.r.body?.subjects ?? [{ id: 'me' }];
    return [me, ...(await Promise.all(subjects.map((s) => forSubject(person, s.id)))).flat()];
  };
  return (await Promise.all((['ola', 'kari', 'per'] as const).map(forPerson))).flat();
}

describe('scenarios', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('are listed with names and descriptions', () => {
    expect(scenarioNames).to.deep.equal([
      'default', 'empty', 'slow', 'server-error', 'unauthorized', 'deadline-passed', 'source-unavailable', 'cancel-as-request', 'conflict', 'malformed', 'hostile',
      'send-fails', 'offline-send', 'thread-closed', 'no-consent', 'large',
    ]);
    for (const s of scenarios) expect(s.description.length, s.name).to.be.greaterThan(10);
  });

  for (const scenario of ['default', 'empty', 'deadline-passed', 'source-unavailable', 'cancel-as-request', 'conflict', 'hostile', 'send-fails', 'offline-send', 'thread-closed', 'no-consent', 'large'] as ScenarioName[]) {
    it(`${scenario}: every read answer satisfies the contract`, async () => {
      const mock = await useMocks({ scenario });
      for (const { what, schema, r } of await everyRead(mock)) {
        expect(r.status, what).to.equal(200);
        expect(validateAs(doc, schema, r.body), what).to.deep.equal([]);
      }
    });
  }

  it("source-unavailable: Per's lists keep Bergen's items and name Askøy; an Askøy item is a 503, not a 404", async () => {
    await useMocks({ scenario: 'source-unavailable' });
    const askoy = { municipality: { number: '4627', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy kommune, omsorgsjournal' } };
    const list = await all('upcoming', 'per');
    expect(list.body.unavailableSources).to.deep.equal([askoy]);
    expect(list.body.items.length).to.be.greaterThan(0);
    expect(list.body.items.every((a: Appointment) => a.source?.municipality.number === '4601')).to.equal(true);
    const services = await call('/v1/subjects/me/services', { person: 'per' });
    expect(services.body.unavailableSources).to.deep.equal([askoy]);
    expect(services.body.items.map((g: { id: string }) => g.id)).to.deep.equal(['vedtak-bgo-per-hsp']);
    const one = await get(perAppointmentIds.respiteStay, 'per');
    expect(one.status).to.equal(503);
    expect(one.body.type).to.equal(problemTypes.unavailable);
    const c = await cancel(perAppointmentIds.respiteStay, 'v1', 'per');
    expect(c.status).to.equal(503);
    expect((await get(perAppointmentIds.nursingTomorrow, 'per')).status).to.equal(200);
    await useMocks();
    const whole = await all('upcoming', 'per');
    expect(whole.body.unavailableSources).to.equal(undefined);
    expect(new Set(whole.body.items.map((a: Appointment) => a.source?.municipality.name))).to.deep.equal(new Set(['Bergen', 'Askøy']));
  });

  it('empty: signed in with subjects, but no appointments or services anywhere', async () => {
    const reads = await everyRead(await useMocks({ scenario: 'empty' }));
    const me = reads.filter((x) => x.schema === 'Me');
    expect(me.every((x) => x.r.body.subjects.length >= 1)).to.equal(true);
    for (const { what, schema, r } of reads) {
      if (schema === 'AppointmentPage') expect(r.body, what).to.deep.equal({ items: [], nextCursor: null });
      if (schema === 'ServiceList') expect(r.body, what).to.deep.equal({ items: [] });
      if (schema === 'ThreadPage') expect(r.body, what).to.deep.equal({ items: [], nextCursor: null, unreadCount: 0 });
    }
    // Nothing to list, yet Ola may still write his first message.
    const recipients = (await call('/v1/subjects/me/message-recipients')).body.items;
    expect(recipients).to.have.length(4);
    const started = await call('/v1/subjects/me/threads', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'empty-first-message' },
      body: { grantedServiceId: recipients[0].grantedServiceId, title: 'Hei', text: 'Min første melding' },
    });
    expect(started.status).to.equal(201);
  });

  /** Sends `path` and checks that it is answered only when a wait of `ms` is released. */
  async function answersAfter(path: string, ms: number, timers: HeldTimers): Promise<void> {
    let answered = false;
    const answer = call(path).then((r) => ((answered = true), r));
    await until(() => timers.pending.length > 0, 'the answer delay');
    expect(timers.pending).to.deep.equal([ms]);
    expect(answered, 'answered before the delay ended').to.equal(false);
    expect(timers.release(ms)).to.equal(1);
    expect((await answer).status).to.equal(200);
  }

  it(`slow: answers after ${SLOW_DELAY_MS} ms by default`, async () => {
    const timers = heldTimers();
    await useMocks({ scenario: 'slow', wait: timers.wait });
    await answersAfter('/v1/me', SLOW_DELAY_MS, timers);
  });

  it('slow: delayMs overrides the delay, and delays any scenario', async () => {
    let timers = heldTimers();
    await useMocks({ scenario: 'slow', delayMs: 300, wait: timers.wait });
    await answersAfter('/v1/me', 300, timers);
    timers = heldTimers();
    await useMocks({ scenario: 'default', delayMs: 200, wait: timers.wait });
    await answersAfter('/v1/subjects/me/services', 200, timers);
    expect(scenarioBehaviour('default').delayMs).to.equal(undefined);
  });

  it('slow: without a test clock the delay is a real wait (never shorter)', async () => {
    await useMocks({ scenario: 'default', delayMs: 200 });
    const t0 = performance.now();
    expect((await call('/v1/me')).status).to.equal(200);
    expect(performance.now() - t0).to.be.at.least(190);
  });

  for (const [scenario, status, type] of [
    ['server-error', 500, problemTypes.serverError],
    ['unauthorized', 401, problemTypes.unauthorized],
  ] as const) {
    it(`${scenario}: every call answers ${status}, whoever asks`, async () => {
      await useMocks({ scenario });
      const answers = [
        await call('/v1/me'),
        await call('/v1/me', { person: 'kari' }),
        await all('upcoming'),
        await get(ids.olaCancellable),
        await cancel(ids.olaCancellable, 'v1'),
        await call(`/v1/subjects/${subjectIds.emma}/services`, { person: 'per' }),
        await call('/v1/subjects/me/threads'),
        await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`),
        await call('/v1/subjects/me/message-recipients'),
        await post(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}/messages`, { text: 'Hei' }),
      ];
      for (const r of answers) {
        expect(r.status).to.equal(status);
        expect(r.headers.get('content-type')).to.equal('application/problem+json');
        expect(r.headers.get('cache-control')).to.equal('no-store');
        expect(r.body.type).to.equal(type);
        expect(validateAs(doc, 'Problem', r.body)).to.deep.equal([]);
      }
      if (scenario === 'unauthorized') expect(answers[0]!.headers.get('www-authenticate')).to.contain('invalid_token');
    });
  }

  it('deadline-passed: every upcoming appointment is past its deadline, and cancelling is refused', async () => {
    await useMocks({ scenario: 'deadline-passed' });
    for (const [person, subject] of [['ola', 'me'], ['per', subjectIds.emma]] as const) {
      const items: Appointment[] = (await all('upcoming', person, subject)).body.items;
      expect(items.length).to.be.greaterThan(3);
      for (const a of items) {
        expect(a.cancellationPolicy.cancellable, a.id).to.equal(false);
        expect(Date.parse(a.cancellationPolicy.deadline)).to.be.lessThan(NOW.getTime());
      }
    }
    const r = await cancel(ids.olaCancellable, 'v1');
    expect(r.status).to.equal(409);
    expect(r.body.type).to.equal(problemTypes.deadlinePassed);
  });

  it('cancel-as-request: every provider answers later, so a cancel becomes cancellation-requested', async () => {
    await useMocks({ scenario: 'cancel-as-request' });
    const items: Appointment[] = [...(await all('upcoming')).body.items, ...(await all('past')).body.items];
    expect(items.every((a) => a.cancellationPolicy.mode === 'request' && !!a.cancellationPolicy.consequence)).to.equal(true);
    const r = await cancel(ids.olaCancellable, 'v1');
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal('cancellation-requested');
  });

  it('conflict: the first cancel finds the appointment moved (412); the retry with the new version succeeds', async () => {
    const mock = await useMocks({ scenario: 'conflict' });
    for (let round = 0; round < 2; round++) {
      const seen = (await get(ids.olaCancellable)).body;
      const first = await cancel(ids.olaCancellable, seen.version);
      expect(first.status).to.equal(412);
      expect(first.body.type).to.equal(problemTypes.preconditionFailed);
      const fresh = await get(ids.olaCancellable);
      expect(fresh.body.version).to.not.equal(seen.version);
      expect(Date.parse(fresh.body.start) - Date.parse(seen.start)).to.equal(30 * 60000);
      expect(fresh.body.start.slice(-6)).to.equal('+02:00');
      const second = await cancel(ids.olaCancellable, fresh.body.version);
      expect(second.status).to.equal(200);
      expect(second.body.status).to.equal('cancelled');
      // Deterministic: a reset brings back the same sequence.
      mock.reset();
    }
    // Each appointment conflicts once, including for a relative.
    const other = (await get(ids.olaNursingWindow, 'kari', subjectIds.ola)).body;
    expect((await cancel(ids.olaNursingWindow, other.version, 'kari', subjectIds.ola)).status).to.equal(412);
  });

  it('malformed: 2xx answers whose bodies break the contract, on every endpoint', async () => {
    await useMocks({ scenario: 'malformed' });
    const checks: Array<[string, Awaited<ReturnType<typeof call>>]> = [
      ['Me', await call('/v1/me')],
      ['AppointmentPage', await all('upcoming')],
      ['Appointment', await get(ids.olaCancellable)],
      ['ServiceList', await call('/v1/subjects/me/services')],
      ['Appointment', await cancel(ids.olaCancellable, 'v1')],
      ['RecipientList', await call('/v1/subjects/me/message-recipients')],
      ['ThreadPage', await call('/v1/subjects/me/threads')],
      ['ThreadDetail', await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`)],
      ['Message', await post(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}/messages`, { text: 'Hei' })],
    ];
    for (const [schema, r] of checks) {
      expect(r.status, schema).to.equal(schema === 'Message' ? 201 : 200);
      expect(validateAs(doc, schema, r.body), schema).to.not.be.empty;
    }
    const page = checks[1]![1].body;
    expect(validateAs(doc, 'Appointment', page.items[0])).to.deep.equal([]);
    expect(page.items.slice(1).every((a: unknown) => validateAs(doc, 'Appointment', a).length > 0)).to.equal(true);
    expect(page.items.some((a: Appointment) => a.status === ('confirmed' as never))).to.equal(true);
    // Errors stay well-formed problems.
    const missing = await call('/v1/me', { person: null });
    expect(missing.status).to.equal(401);
    expect(validateAs(doc, 'Problem', missing.body)).to.deep.equal([]);
  });

  it('hostile: markup, script, RTL overrides and maximum lengths in the text fields', async () => {
    await useMocks({ scenario: 'hostile' });
    const items: Appointment[] = (await all('upcoming')).body.items;
    const text = JSON.stringify(items);
    for (const s of [hostileText.img, hostileText.script, '\u202E', hostileText.phone]) expect(text.includes(s), s).to.equal(true);
    const fields = (pick: (a: Appointment) => string | null | undefined) => items.map(pick).filter((x): x is string => !!x);
    const has = (values: string[], needle: string) => values.some((v) => v.includes(needle));
    expect(has(fields((a) => a.location?.name), hostileText.img)).to.equal(true);
    expect(has(fields((a) => a.preparation), hostileText.script)).to.equal(true);
    expect(has(fields((a) => a.cancellationPolicy.consequence), '\u202E')).to.equal(true);
    expect(has(fields((a) => a.contact?.name), '<')).to.equal(true);
    const longest = (values: string[]) => Math.max(...values.map((v) => Array.from(v).length));
    expect(longest(fields((a) => a.location?.name))).to.equal(200);
    expect(longest(fields((a) => a.preparation))).to.equal(1000);
    expect(longest(fields((a) => a.cancellationPolicy.consequence))).to.equal(500);
    expect(longest(fields((a) => a.description))).to.equal(500);
    const kari = (await call('/v1/me', { person: 'kari' })).body;
    expect(kari.subjects[1].name).to.match(/[\u202E<]/);
    const services = JSON.stringify((await call('/v1/subjects/me/services')).body);
    expect(services.includes(hostileText.img)).to.equal(true);
  });

  it('hostile: messages with markup, bidi overrides, javascript:/data: links beside real ones, 4,000 characters, hostile file names', async () => {
    await useMocks({ scenario: 'hostile' });
    const list = (await call('/v1/subjects/me/threads')).body;
    const details = await Promise.all(list.items.map((t: { id: string }) => call(`/v1/subjects/me/threads/${t.id}`)));
    const text = JSON.stringify(details.map((d) => d.body));
    for (const s of [hostileText.img, hostileText.script, '\u202E', 'javascript:alert', 'data:text/html', 'https://', 'tel:+47', 'mailto:']) expect(text.includes(s), s).to.equal(true);
    expect(list.items.some((t: { title: string }) => t.title.includes('<script>'))).to.equal(true);
    const lengths = details.flatMap((d) => d.body.messages.map((m: { text: string }) => Array.from(m.text).length));
    expect(Math.max(...lengths)).to.equal(4000);
    const names = details.flatMap((d) => d.body.messages.flatMap((m: { attachments: Array<{ filename: string }> }) => m.attachments.map((a) => a.filename)));
    expect(names.some((f: string) => f.includes('\u202E'))).to.equal(true);
    expect(names.some((f: string) => f.includes('<img'))).to.equal(true);
    const notices = (await call('/v1/subjects/me/message-recipients')).body.items.map((r: { replyPolicy: { notice: string | null } }) => r.replyPolicy.notice ?? '');
    expect(notices.some((x: string) => x.includes('<script>'))).to.equal(true);
  });

  const sendReply = () => post(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}/messages`, { text: 'Kommer dere i dag?' });

  it('send-fails: the first two message POSTs answer 503, the third is stored once', async () => {
    await useMocks({ scenario: 'send-fails' });
    const key = { 'Idempotency-Key': 'send-fails-intent-1' };
    const path = `/v1/subjects/me/threads/${threadIds.olaUnreadReply}/messages`;
    const send = () => call(path, { method: 'POST', headers: key, body: { text: 'Kommer dere i dag?' } });
    for (let i = 0; i < 2; i++) {
      const r = await send();
      expect(r.status).to.equal(503);
      expect(r.body.type).to.equal(problemTypes.unavailable);
      expect(validateAs(doc, 'Problem', r.body)).to.deep.equal([]);
    }
    expect((await send()).status).to.equal(201);
    expect((await send()).status).to.equal(201);
    const t = (await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`)).body;
    expect(t.messages.filter((m: { text: string }) => m.text === 'Kommer dere i dag?')).to.have.length(1);
    // Reads are not affected.
    expect((await call('/v1/subjects/me/threads')).status).to.equal(200);
  });

  it('offline-send: the first message POST is a network error (nothing stored), then it works', async () => {
    await useMocks({ scenario: 'offline-send' });
    let failed = false;
    await sendReply().catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
    expect((await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`)).body.messageCount).to.equal(2);
    expect((await sendReply()).status).to.equal(201);
    expect((await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`)).body.messageCount).to.equal(3);
  });

  it('thread-closed: every thread is closed, replies are 409, a new thread may be started', async () => {
    await useMocks({ scenario: 'thread-closed' });
    const items = (await call('/v1/subjects/me/threads')).body.items;
    expect(items.length).to.be.greaterThan(0);
    expect(items.every((t: { status: string }) => t.status === 'closed')).to.equal(true);
    const r = await sendReply();
    expect(r.status).to.equal(409);
    expect(r.body.type).to.equal(problemTypes.threadClosed);
    const started = await post('/v1/subjects/me/threads', { grantedServiceId: 'vedtak-ola-hsp', title: 'Ny tråd', text: 'Hei' });
    expect(started.status).to.equal(201);
    expect(started.body.status).to.equal('open');
  });

  it('no-consent: consent withdrawn, threads readable, replies and new threads 403 consent-required', async () => {
    await useMocks({ scenario: 'no-consent' });
    const consent = (await call('/v1/subjects/me/dialogue-consent')).body;
    expect(consent).to.include({ status: 'inactive', version: '2' });
    expect((await call(`/v1/subjects/me/threads/${threadIds.olaUnreadReply}`)).status).to.equal(200);
    const r = await sendReply();
    expect(r.status).to.equal(403);
    expect(r.body.type).to.equal(problemTypes.consentRequired);
    const started = await post('/v1/subjects/me/threads', { grantedServiceId: 'vedtak-ola-hsp', title: 'Ny tråd', text: 'Hei' });
    expect(started.status).to.equal(403);
  });

  it('large: 500 threads for Ola, paged, and one thread of 2,000 messages', async () => {
    await useMocks({ scenario: 'large' });
    const all = await call('/v1/subjects/me/threads?limit=500');
    expect(all.body.items).to.have.length(500);
    expect(all.body.nextCursor).to.equal(null);
    expect(all.body.unreadCount).to.be.greaterThan(50);
    const first = await call('/v1/subjects/me/threads');
    expect(first.body.items).to.have.length(50);
    expect(first.body.nextCursor).to.be.a('string');
    const long = await call('/v1/subjects/me/threads/thr-long-thread');
    expect(long.body.messages).to.have.length(2000);
    expect(long.body.messageCount).to.equal(2000);
    expect(validateAs(doc, 'ThreadDetail', long.body)).to.deep.equal([]);
  });
});
