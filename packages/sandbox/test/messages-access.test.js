// @ts-check
/**
 * Who may read and write messages: the subject, and relatives whose live grant carries
 * `messages`; checked in the database on every request; every read, change and refusal logged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERSONS, SUBJECTS, assertProblem } from './api-helpers.js';
import { PNG, useMessages } from './messages-helpers.js';

const m = useMessages();

const OLA = SUBJECTS.ola;
/** Every messages read of Ola's, as another person would ask. */
const olaReads = [
  `/v1/subjects/${OLA}/message-recipients`,
  `/v1/subjects/${OLA}/threads`,
  `/v1/subjects/${OLA}/threads/thr-qc7m4w`,
  `/v1/subjects/${OLA}/drafts/new`,
];

/** @param {string} set @param {unknown[]} [params] */
const changeKarisGrant = (set, params = []) =>
  m.t.db.query(`UPDATE proxy_grants SET ${set} WHERE grantee_person_id = '${PERSONS.kari}' AND subject_id = '${OLA}'`, params);

describe('messages: authorization', () => {
  it('Per cannot read or write Ola\'s threads or attachments: 404 as for nothing, and logged as denied', async () => {
    const att = (await m.upload(PNG)).body.id;
    await m.send('thr-qc7m4w', { text: 'Vedlegg', attachmentIds: [att] });
    const mark = await m.t.logMark();
    const nothing = await m.t.call('/v1/subjects/sub-nobody-0000/threads', { person: 'per' });
    assertProblem(nothing, 404, 'not-found');
    for (const p of olaReads) {
      const r = await m.t.call(p, { person: 'per' });
      assertProblem(r, 404, 'not-found');
      assert.deepEqual(r.body, nothing.body, p);
    }
    assertProblem(await m.send('thr-qc7m4w', { text: 'Hei' }, { person: 'per', subject: OLA }), 404, 'not-found');
    assertProblem(await m.start({ grantedServiceId: 'vedtak-ola-hsp', title: 'Hei', text: 'Hei' }, { person: 'per', subject: OLA }), 404, 'not-found');
    assert.equal((await m.download(att, { person: 'per', subject: OLA })).status, 404);
    assert.equal((await m.download(att, { person: 'per' })).status, 404, 'not through his own subject either');
    assert.equal((await m.upload(PNG, { person: 'per', subject: OLA })).status, 404);
    const rows = (await m.t.logSince(mark)).filter((r) => r.subject_id === OLA);
    assert.ok(rows.length >= olaReads.length + 4);
    assert.ok(rows.every((r) => r.actor_person_id === PERSONS.per && r.outcome === 'denied' && r.status === 404));
    assert.deepEqual([...new Set(rows.map((r) => r.resource))].sort(), ['attachment', 'draft', 'message', 'message-recipients', 'thread', 'threads']);
    // Nothing of Ola's text or names in the log: ids and codes only.
    const all = JSON.stringify(await m.t.logSince(0));
    assert.ok(!/Vedlegg|Nordmann|Ingrid/.test(all));
  });

  it('refuses Kari at once when her grant is revoked, or when it lacks `messages` (403); Ola is not affected', async () => {
    assert.equal((await m.t.call(olaReads[1] ?? '', { person: 'kari' })).status, 200);
    await changeKarisGrant("scopes = ARRAY['appointments.read','appointments.cancel','services.read']");
    const mark = await m.t.logMark();
    for (const p of olaReads) assertProblem(await m.t.call(p, { person: 'kari' }), 403, 'forbidden');
    assertProblem(await m.send('thr-qc7m4w', { text: 'Hei' }, { person: 'kari', subject: OLA }), 403, 'forbidden');
    assertProblem(await m.upload(PNG, { person: 'kari', subject: OLA }), 403, 'forbidden');
    // Her appointments are still hers to read.
    assert.equal((await m.t.call(`/v1/subjects/${OLA}/appointments`, { person: 'kari' })).status, 200);
    const denied = (await m.t.logSince(mark)).filter((r) => r.outcome === 'denied');
    assert.equal(denied.length, olaReads.length + 2);
    assert.ok(denied.every((r) => r.status === 403 && r.subject_id === OLA));

    await changeKarisGrant("scopes = ARRAY['appointments.read','messages'], revoked_at = now()");
    for (const p of olaReads) assertProblem(await m.t.call(p, { person: 'kari' }), 404, 'not-found');
    assertProblem(await m.send('thr-qc7m4w', { text: 'Hei' }, { person: 'kari', subject: OLA }), 404, 'not-found');
    assert.equal((await m.t.call('/v1/subjects/me/threads')).status, 200);
  });

  it('a relative whose grant ended drops out of seenSinceLastUpdate', async () => {
    await m.t.call(`/v1/subjects/${OLA}/threads/thr-qc7m4w/seen`, { person: 'kari', method: 'PUT', body: { upToMessageId: 'msg-ola-hsp-2' } });
    const names = async () => (await m.t.call('/v1/subjects/me/threads/thr-qc7m4w')).body.seenSinceLastUpdate.map((/** @type {any} */ s) => s.name);
    // The nurse wrote the last message, so she is not listed; Kari is, until her grant ends.
    assert.deepEqual(await names(), ['Kari Nordmann']);
    await changeKarisGrant('revoked_at = now()');
    assert.deepEqual(await names(), []);
  });

  it('an unsent upload is the uploader\'s alone, even among the subject\'s relatives', async () => {
    // Per acts for Emma; Emma's other side is Per alone, so give Kari a grant for Emma too.
    await m.t.db.query(
      `INSERT INTO proxy_grants (grantee_person_id, subject_id, relation_code, scopes) VALUES ($1, $2, 'OTHER', ARRAY['messages'])`,
      [PERSONS.kari, SUBJECTS.emma],
    );
    const up = await m.upload(PNG, { person: 'per', subject: SUBJECTS.emma });
    assert.equal(up.status, 201, up.text);
    assert.equal((await m.download(up.body.id, { person: 'kari', subject: SUBJECTS.emma })).status, 404);
    assert.equal((await m.download(up.body.id, { person: 'per', subject: SUBJECTS.emma })).status, 200);
    const sent = await m.send('thr-vr5j9a', { text: 'Liste', attachmentIds: [up.body.id] }, { person: 'per', subject: SUBJECTS.emma });
    assert.equal(sent.status, 201, sent.text);
    assert.equal((await m.download(up.body.id, { person: 'kari', subject: SUBJECTS.emma })).status, 200);
  });

  it('logs every read and change with the thread or attachment id', async () => {
    const mark = await m.t.logMark();
    await m.t.call('/v1/subjects/me/threads');
    await m.t.call('/v1/subjects/me/threads/thr-qc7m4w');
    await m.send('thr-qc7m4w', { text: 'Hei' });
    await m.t.call('/v1/subjects/me/threads/thr-qc7m4w/seen', { method: 'PUT', body: { upToMessageId: 'msg-ola-hsp-2' } });
    const up = await m.upload(PNG);
    await m.download(up.body.id);
    const rows = await m.t.logSince(mark);
    assert.deepEqual(
      rows.map((r) => [r.action, r.resource, r.resource_id, r.outcome, r.status, r.subject_id]),
      [
        ['read', 'threads', null, 'ok', 200, OLA],
        ['read', 'thread', 'thr-qc7m4w', 'ok', 200, OLA],
        ['create', 'message', 'thr-qc7m4w', 'ok', 201, OLA],
        ['update', 'seen', 'thr-qc7m4w', 'ok', 200, OLA],
        ['create', 'attachment', up.body.id, 'ok', 201, OLA],
        ['read', 'attachment', up.body.id, 'ok', 200, OLA],
      ],
    );
  });
});
