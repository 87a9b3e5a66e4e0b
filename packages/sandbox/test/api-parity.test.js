// @ts-check
/**
 * The sandbox and the msw mocks answer alike: one script of requests (reads, paging with
 * cursors, refusals, every cancel rule, changes and the reads after them; message recipients,
 * attachment uploads and drafts; the seeded message threads with their messages, attachments
 * and unread counts, read pointers, replies and a new thread) is sent to both, the mocks through msw's node interceptor, the
 * sandbox over HTTP, and the answers are compared: status, content type, Cache-Control, ETag and
 * the body, byte for byte. Ids and versions that each server mints itself (a new attachment's id,
 * a draft's version) are named once (`mint`) and compared by that name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { createMockApi, mockAuthorization, tinyPng } from '@omsorg/mocks';
import { NOW, SUBJECTS, startTestApi } from './api-helpers.js';

const MOCK = 'http://mock.omsorg.test';
/** @type {Awaited<ReturnType<typeof startTestApi>>} */
let t;
/** @type {ReturnType<typeof setupServer>} */
let msw;

before(async () => {
  t = await startTestApi();
  msw = setupServer(...createMockApi({ baseUrl: MOCK, now: () => NOW }).handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
});
after(async () => {
  msw?.close();
  await t?.close();
});

/** @typedef {'ola' | 'kari' | 'per'} Who */
/**
 * @typedef {object} Step
 * @property {Who | null} [as]
 * @property {string} [method]
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {unknown} [body] a string or bytes are sent as is
 */

/** @typedef {'mock' | 'sandbox'} Side */
/** Per side: a name (`att1`) → the value that side minted for it. Paths may hold `{name}`. */
const minted = { mock: new Map(), sandbox: new Map() };
/** @param {string} name @param {string} mockValue @param {string} sandboxValue */
function mint(name, mockValue, sandboxValue) {
  assert.ok(mockValue && sandboxValue, `both sides minted ${name}`);
  minted.mock.set(name, mockValue);
  minted.sandbox.set(name, sandboxValue);
}
/** @param {Side} side @param {string} path a path or a JSON body */
const fillPath = (side, path) => path.replace(/\{(\w+)\}/g, (_, name) => minted[side].get(name) ?? `{${name}}`);
/** @param {Side} side @param {string | null} text */
function named(side, text) {
  if (text === null) return text;
  let out = text;
  for (const [name, value] of minted[side]) out = out.split(value).join(`{${name}}`);
  return out;
}

const PERSON_IDS = { ola: 'psn-ola-7f3a', kari: 'psn-kari-2c91', per: 'psn-per-51d0' };

/**
 * @param {string} base
 * @param {(who: Who) => string} auth
 * @param {Step} step
 */
async function send(base, auth, { as = 'ola', method = 'GET', path, headers = {}, body }) {
  const side = base === MOCK ? 'mock' : 'sandbox';
  const res = await fetch(`${base}${fillPath(side, path)}`, {
    method,
    headers: {
      ...(as ? { Authorization: auth(as) } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: body instanceof Uint8Array ? body : fillPath(side, typeof body === 'string' ? body : JSON.stringify(body)) }),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    cacheControl: res.headers.get('cache-control'),
    etag: named(side, res.headers.get('etag')),
    text: /** @type {string} */ (named(side, await res.text())),
  };
}

/** @param {Step} step */
async function both(step) {
  const [mock, sandbox] = await Promise.all([
    send(MOCK, (who) => mockAuthorization(who), step),
    send(t.base, (who) => `Bearer test:${PERSON_IDS[who]}`, step),
  ]);
  return { mock, sandbox };
}

/**
 * The first answer that minted something, compared once the names are known.
 * @param {Awaited<ReturnType<typeof both>>} r @param {string} what
 */
function sameOnceNamed({ mock, sandbox }, what) {
  /** @param {Side} side @param {typeof mock} x */
  const n = (side, x) => ({ ...x, etag: named(side, x.etag), text: named(side, x.text) });
  assert.deepEqual(n('sandbox', sandbox), n('mock', mock), what);
}

/** @param {Step} step */
async function same(step) {
  const { mock, sandbox } = await both(step);
  assert.deepEqual(sandbox, mock, `${step.method ?? 'GET'} ${step.path} as ${step.as ?? 'ola'}`);
  return JSON.parse(mock.text || 'null');
}

const ill = { reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' }, comment: 'Feber' };
/** @param {string} id @param {string} subject */
const cancelPath = (id, subject = 'me') => `/v1/subjects/${subject}/appointments/${id}/cancellation`;
/** @param {string} key @param {string} [ifMatch] */
const h = (key, ifMatch = '"v1"') => ({ 'Idempotency-Key': key, 'If-Match': ifMatch });

describe('parity with the msw mocks', () => {
  it('reads: me, lists, every appointment, services', async () => {
    for (const as of /** @type {Who[]} */ (['ola', 'kari', 'per'])) await same({ as, path: '/v1/me' });
    /** @type {[Who, string][]} */
    const subjects = [
      ['ola', 'me'],
      ['kari', SUBJECTS.ola],
      ['kari', 'me'],
      ['per', SUBJECTS.emma],
      ['per', 'me'],
    ];
    for (const [as, subject] of subjects) {
      for (const q of ['', '?limit=100', '?when=past&limit=100', '?when=upcoming&limit=3', '?from=2025-06-13T00:00:00%2B02:00&to=2025-06-15T00:00:00Z&limit=100']) {
        await same({ as, path: `/v1/subjects/${subject}/appointments${q}` });
      }
      await same({ as, path: `/v1/subjects/${subject}/services` });
    }
    const all = [
      ...(await same({ path: '/v1/subjects/me/appointments?limit=100' })).items,
      ...(await same({ path: '/v1/subjects/me/appointments?when=past&limit=100' })).items,
    ];
    for (const a of all) await same({ path: `/v1/subjects/me/appointments/${a.id}` });
  });

  it('paging: the same pages and the same cursors', async () => {
    for (const when of ['upcoming', 'past']) {
      /** @type {string | null} */
      let cursor = null;
      let pages = 0;
      do {
        const page = await same({ path: `/v1/subjects/me/appointments?when=${when}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      assert.ok(pages > 1);
    }
  });

  it('refusals: bad queries, other people\'s data, unknown routes', async () => {
    for (const q of ['?when=soon', '?limit=0', '?limit=101', '?limit=x', '?from=2025-06-11', '?to=2025-06-11T10:00:00', '?cursor=abc', '?cursor=WyJwYXN0IiwxLCJ4Il0']) {
      await same({ path: `/v1/subjects/me/appointments${q}` });
    }
    for (const path of [
      `/v1/subjects/${SUBJECTS.emma}/appointments`,
      `/v1/subjects/${SUBJECTS.emma}/services`,
      `/v1/subjects/${SUBJECTS.emma}/appointments/apt-emma-regnbuen-d01`,
      '/v1/subjects/sub-nobody-0000/appointments',
      '/v1/subjects/me/appointments/apt-emma-regnbuen-d01',
      '/v1/subjects/me/appointments/apt-nobody',
      '/v1/subjects/me/messages',
    ]) {
      await same({ path });
      await same({ as: 'kari', path });
    }
    await same({ method: 'DELETE', path: '/v1/subjects/me/appointments/apt-ola-prakt-d02' });
    await same({ as: 'per', method: 'POST', path: cancelPath('apt-ola-prakt-d02', SUBJECTS.ola), headers: h('parity-0000'), body: ill });
    // 401: the same status and type (the wording comes from each side's token check).
    const { mock, sandbox } = await both({ as: null, path: '/v1/me' });
    assert.equal(sandbox.status, mock.status);
    assert.equal(JSON.parse(sandbox.text).type, JSON.parse(mock.text).type);
    assert.equal(sandbox.contentType, mock.contentType);
  });

  it('cancel: every rule, the changes, replays, and the reads after them', async () => {
    const id = 'apt-ola-prakt-d02';
    await same({ method: 'POST', path: cancelPath(id), headers: { 'If-Match': '"v1"' }, body: ill });
    await same({ method: 'POST', path: cancelPath(id), headers: h('short'), body: ill });
    await same({ method: 'POST', path: cancelPath(id), headers: { 'Idempotency-Key': 'parity-0001' }, body: ill });
    await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0001'), body: '{"reason":' });
    await same({ method: 'POST', path: cancelPath('apt-nobody'), headers: h('parity-0002'), body: ill });
    const invalid = [{}, [], { reason: 'x' }, { reason: { system: ill.reason.system, code: 'nope' } }, { reason: ill.reason, comment: 'x'.repeat(501), more: 1 }];
    for (const [i, body] of invalid.entries()) await same({ method: 'POST', path: cancelPath(id), headers: h(`parity-01${i}0`), body });
    await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0003', '"v9"'), body: ill });
    await same({ method: 'POST', path: cancelPath('apt-ola-dagsenter-d06'), headers: h('parity-0004'), body: ill });
    await same({ method: 'POST', path: cancelPath('apt-ola-alarm-d01'), headers: h('parity-0005'), body: ill });

    // Changes.
    const first = await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0006'), body: ill });
    assert.equal(first.status, 'cancelled');
    await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0006'), body: ill });
    await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0006'), body: { ...ill, comment: 'Annet' } });
    await same({ method: 'POST', path: cancelPath('apt-ola-dagsenter-d03'), headers: h('parity-0006'), body: ill });
    await same({ method: 'POST', path: cancelPath(id), headers: h('parity-0007', '"v2"'), body: ill });
    await same({ method: 'POST', path: cancelPath('apt-ola-dagsenter-d03'), headers: h('parity-0008'), body: { reason: { ...ill.reason, code: 'pat-away' } } });
    await same({ method: 'POST', path: cancelPath('apt-ola-dagsenter-d10'), headers: h('parity-0009'), body: ill });
    await same({ as: 'kari', method: 'POST', path: cancelPath('apt-ola-hsp-d02-am', SUBJECTS.ola), headers: h('parity-0010'), body: ill });
    await same({ as: 'kari', method: 'POST', path: cancelPath('apt-ola-hsp-d02-am', SUBJECTS.ola), headers: h('parity-0010'), body: ill });
    await same({ as: 'per', method: 'POST', path: cancelPath('apt-emma-regnbuen-d01', SUBJECTS.emma), headers: h('parity-0010'), body: ill });

    // The reads after.
    await same({ path: '/v1/subjects/me/appointments?limit=100' });
    await same({ as: 'kari', path: `/v1/subjects/${SUBJECTS.ola}/appointments?limit=100` });
    await same({ as: 'per', path: `/v1/subjects/${SUBJECTS.emma}/appointments?limit=100` });
    for (const x of [id, 'apt-ola-dagsenter-d03', 'apt-ola-dagsenter-d10', 'apt-ola-hsp-d02-am']) await same({ path: `/v1/subjects/me/appointments/${x}` });
  });

  it('messages: recipients, attachment uploads and their replays, drafts with If-None-Match and If-Match', async () => {
    await same({ path: '/v1/subjects/me/message-recipients' });
    await same({ as: 'kari', path: `/v1/subjects/${SUBJECTS.ola}/message-recipients` });
    await same({ as: 'per', path: `/v1/subjects/${SUBJECTS.emma}/message-recipients` });
    // Per's own: each recipient with its service's source.
    await same({ as: 'per', path: '/v1/subjects/me/message-recipients' });

    const png = { 'Content-Type': 'image/png', 'Content-Disposition': "attachment; filename*=UTF-8''bilde.png", 'Idempotency-Key': 'parity-att-0001' };
    const up = await both({ method: 'POST', path: '/v1/subjects/me/attachments', headers: png, body: tinyPng() });
    mint('att1', JSON.parse(up.mock.text).id, JSON.parse(up.sandbox.text).id);
    sameOnceNamed(up, 'POST attachments');
    await same({ method: 'POST', path: '/v1/subjects/me/attachments', headers: png, body: tinyPng() });

    const draft = { text: 'Utkast', title: 'Tittel', grantedServiceId: 'vedtak-ola-hsp' };
    const created = await both({ method: 'PUT', path: '/v1/subjects/me/drafts/new', headers: { 'If-None-Match': '*' }, body: draft });
    mint('draft1', JSON.parse(created.mock.text).version, JSON.parse(created.sandbox.text).version);
    sameOnceNamed(created, 'PUT drafts/new');
    await same({ path: '/v1/subjects/me/drafts/new' });
    // A stale If-Match, a missing precondition, a foreign If-None-Match: the same answers, byte for byte.
    await same({ method: 'PUT', path: '/v1/subjects/me/drafts/new', headers: { 'If-Match': '"d-stale"' }, body: { text: 'Utkast 2' } });
    await same({ method: 'PUT', path: '/v1/subjects/me/drafts/new', body: { text: 'Utkast 2' } });
    await same({ method: 'PUT', path: '/v1/subjects/me/drafts/new', headers: { 'If-None-Match': '"x"' }, body: { text: 'Utkast 2' } });
    await same({ method: 'DELETE', path: '/v1/subjects/me/drafts/new' });
    const stale = await both({ method: 'PUT', path: '/v1/subjects/me/drafts/new', headers: { 'If-Match': '"d-stale"' }, body: { text: 'Utkast 2' } });
    assert.equal(stale.mock.status, 412);

  });

  // Both seed their threads from @omsorg/fixtures, so the seeded threads compare byte for byte:
  // ids, times, versions (the rules core's counted `v<n>`) and list ETags (the rules core's
  // digest) included. What each server mints itself (a new message's or thread's id, and the
  // time it was sent, which is each server's own clock) is named once (`mint`) and compared by
  // that name.
  it('message threads: the lists, each thread with its messages and attachments, unread counts, after the same seed', async () => {
    /** @type {[Who, string][]} */
    const readers = [
      ['ola', 'me'],
      ['kari', SUBJECTS.ola],
      ['per', SUBJECTS.emma],
      ['per', 'me'],
    ];
    for (const [as, subject] of readers) {
      const page = await same({ as, path: `/v1/subjects/${subject}/threads` });
      for (const x of page.items) {
        await same({ as, path: `/v1/subjects/${subject}/threads/${x.id}` });
        await same({ as, path: `/v1/subjects/${subject}/threads/${x.id}`, headers: { 'If-None-Match': `"${x.version}"` } });
      }
    }
    const ola = await same({ path: '/v1/subjects/me/threads' });
    assert.deepEqual(
      ola.items.map((/** @type {any} */ x) => [x.id, x.unreadCount]),
      [['thr-dx1k8s', 1], ['thr-nb3t6r', 0], ['thr-qc7m4w', 1], ['thr-hw9p2e', 0]],
    );
    assert.equal(ola.unreadCount, 2);
    // Paging with the same cursors, and a poll that changed nothing.
    /** @type {string | null} */
    let cursor = null;
    const ids = [];
    do {
      const p = await same({ path: `/v1/subjects/me/threads?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
      ids.push(...p.items.map((/** @type {any} */ x) => x.id));
      cursor = p.nextCursor;
    } while (cursor && ids.length < 10);
    assert.deepEqual(ids, ola.items.map((/** @type {any} */ x) => x.id));
    const list = await both({ path: '/v1/subjects/me/threads' });
    await same({ path: '/v1/subjects/me/threads', headers: { 'If-None-Match': /** @type {string} */ (list.mock.etag) } });
    // The seeded attachments' metadata is in the threads above; their bytes too.
    for (const [as, subject, id] of /** @type {[Who, string, string][]} */ ([
      ['ola', 'me', 'att-ola-medisinliste'],
      ['kari', SUBJECTS.ola, 'att-ola-turprogram'],
      ['per', SUBJECTS.emma, 'att-emma-helgeplan'],
      ['ola', 'me', 'att-emma-helgeplan'],
    ])) {
      const { mock, sandbox } = await both({ as, path: `/v1/subjects/${subject}/attachments/${id}` });
      assert.deepEqual(sandbox, mock, `GET attachment ${id} as ${as}`);
    }
  });

  it('message threads: read pointers, replies, refusals and the reads after them', async () => {
    const thread = (/** @type {string} */ id, subject = 'me') => `/v1/subjects/${subject}/threads/${id}`;
    await same({ method: 'PUT', path: `${thread('thr-qc7m4w')}/seen`, body: { upToMessageId: 'msg-ola-hsp-2' } });
    await same({ method: 'PUT', path: `${thread('thr-qc7m4w')}/seen`, body: { upToMessageId: 'msg-ola-hsp-1' } });
    await same({ as: 'kari', method: 'PUT', path: `${thread('thr-qc7m4w', SUBJECTS.ola)}/seen`, body: { upToMessageId: 'msg-ola-hsp-1' } });
    for (const body of [{}, { upToMessageId: 'msg-emma-avlastning-1' }, { upToMessageId: 'msg-ola-hsp-2', more: 1 }]) {
      await same({ method: 'PUT', path: `${thread('thr-qc7m4w')}/seen`, body });
    }
    await same({ method: 'PUT', path: `${thread('thr-nobody')}/seen`, body: { upToMessageId: 'msg-ola-hsp-2' } });
    await same({ method: 'PUT', path: `${thread('thr-qc7m4w')}/seen`, body: '{"upTo' });

    // Replies: refused the same way (a closed thread, a bad body, an attachment not one's own).
    const reply = (/** @type {string} */ id, subject = 'me') => `${thread(id, subject)}/messages`;
    await same({ method: 'POST', path: reply('thr-hw9p2e'), headers: { 'Idempotency-Key': 'parity-msg-0001' }, body: { text: 'Hallo?' } });
    await same({ method: 'POST', path: reply('thr-qc7m4w'), headers: { 'Idempotency-Key': 'parity-msg-0002' }, body: { text: '' } });
    await same({ method: 'POST', path: reply('thr-qc7m4w'), headers: { 'Idempotency-Key': 'parity-msg-0003' }, body: { text: 'x', attachmentIds: ['att-ola-medisinliste'] } });
    await same({ method: 'POST', path: reply('thr-qc7m4w'), body: { text: 'x' } });
    await same({ method: 'POST', path: reply('thr-nobody'), headers: { 'Idempotency-Key': 'parity-msg-0004' }, body: { text: 'x' } });
    await same({ method: 'POST', path: '/v1/subjects/me/threads', headers: { 'Idempotency-Key': 'parity-msg-0005' }, body: { grantedServiceId: 'vedtak-ola-mat', title: 'Mat', text: 'Hei' } });

    // A reply by Kari for her father: minted id and time, then every reader's view after it.
    const sent = await both({ as: 'kari', method: 'POST', path: reply('thr-qc7m4w', SUBJECTS.ola), headers: { 'Idempotency-Key': 'parity-msg-0006' }, body: { text: 'Takk, det passer fint.' } });
    const [mockMessage, sandboxMessage] = [JSON.parse(sent.mock.text), JSON.parse(sent.sandbox.text)];
    mint('msg1', mockMessage.id, sandboxMessage.id);
    mint('sent1', mockMessage.sentAt, sandboxMessage.sentAt);
    sameOnceNamed(sent, 'POST a reply');
    await same({ as: 'kari', method: 'POST', path: reply('thr-qc7m4w', SUBJECTS.ola), headers: { 'Idempotency-Key': 'parity-msg-0006' }, body: { text: 'Takk, det passer fint.' } });
    for (const [as, subject] of /** @type {[Who, string][]} */ ([['ola', 'me'], ['kari', SUBJECTS.ola]])) {
      await same({ as, path: `/v1/subjects/${subject}/threads` });
      await same({ as, path: thread('thr-qc7m4w', subject) });
    }
    await same({ method: 'PUT', path: `${thread('thr-qc7m4w')}/seen`, body: { upToMessageId: '{msg1}' } });
    await same({ path: thread('thr-qc7m4w') });
    await same({ as: 'kari', path: `/v1/subjects/${SUBJECTS.ola}/threads` });

    // A new thread: minted ids, then the same thread for both of Ola's sides.
    const started = await both({
      as: 'kari',
      method: 'POST',
      path: `/v1/subjects/${SUBJECTS.ola}/threads`,
      headers: { 'Idempotency-Key': 'parity-msg-0007' },
      body: { grantedServiceId: 'vedtak-ola-alarm', title: 'Batteri', text: 'Alarmen hos pappa piper om natten.' },
    });
    const [mockThread, sandboxThread] = [JSON.parse(started.mock.text), JSON.parse(started.sandbox.text)];
    mint('thr1', mockThread.id, sandboxThread.id);
    mint('msg2', mockThread.messages[0].id, sandboxThread.messages[0].id);
    sameOnceNamed(started, 'POST a thread');
    await same({ path: thread('{thr1}') });
    await same({ as: 'kari', path: thread('{thr1}', SUBJECTS.ola) });
    // The list holds the minted thread id, and its weak ETag is a digest of the list: compared
    // without the ETag (which the named ids cannot reach into). The new thread and the reply
    // above share a second (both clocks stand at NOW), and such ties go by id, which each side
    // mints: so the items are compared in title order; everything else byte for byte.
    const after = await both({ path: '/v1/subjects/me/threads' });
    /** @param {typeof after.mock} x */
    const byTitle = (x) => {
      const body = JSON.parse(x.text);
      body.items.sort((/** @type {any} */ a, /** @type {any} */ b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
      return { ...x, etag: null, text: JSON.stringify(body) };
    };
    assert.deepEqual(byTitle(after.sandbox), byTitle(after.mock));
  });
});
