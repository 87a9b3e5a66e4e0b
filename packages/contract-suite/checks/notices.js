// @ts-check
/**
 * Notice preferences: the person's own choice of channels, events and language, with the
 * register's contact masked and the exact text of every notice. Every refusal in the contract's
 * order (a relative 403; no If-Match 428, before a missing key; a repeated code 400 with its
 * pointer; a stale If-Match 412; a channel the register cannot serve, or any while reserved, 422
 * with the channel's pointer), the round trip, the replay, and texts that carry nothing of the
 * person's services or visits. The checks that change the choice read it first, so they hold
 * whatever an earlier check chose.
 */
import assert from 'node:assert/strict';
import { DataError, newKey } from '../client.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */
/** @typedef {import('../targets.js').Role} Role */

const EVENTS = ['message-new', 'appointment-changed', 'cancellation-answered', 'visit-reminder'];
const needsRegister = (/** @type {import('../targets.js').Capabilities} */ caps) => (caps.fixtures ? undefined : "needs the fixtures' contact register (who has which detail, who is reserved)");

/** The role's own subject id. @param {Context} ctx @param {Role} [as] */
async function ownSubject(ctx, as = 'self') {
  const self = (await ctx.me(as)).subjects.find((/** @type {any} */ s) => s.relation.code === 'self');
  if (!self) throw new DataError(`the ${as} person has no subject of their own`);
  return /** @type {string} */ (self.id);
}

const path = (/** @type {string} */ subject) => `/v1/subjects/${subject}/notice-preferences`;

/** `GET` → { body, etag }. @param {Context} ctx @param {string} subject @param {Role} [as] */
async function read(ctx, subject, as = 'self') {
  const r = ctx.expectStatus(await ctx.call({ as, path: path(subject) }), 200);
  const etag = r.headers.get('etag');
  assert.equal(etag, `"${r.body.version}"`, 'the ETag is the version');
  return { body: r.body, etag: /** @type {string} */ (etag) };
}

/**
 * `PUT`.
 * @param {Context} ctx
 * @param {{ subject: string, body?: unknown, ifMatch?: string | null, key?: string | null, as?: Role }} o
 */
function write(ctx, { subject, body, ifMatch = null, key = newKey(), as = 'self' }) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (key !== null) headers['Idempotency-Key'] = key;
  if (ifMatch !== null) headers['If-Match'] = ifMatch;
  return ctx.call({ as, method: 'PUT', path: path(subject), headers, body });
}

/** A change that differs from what holds (so it makes a new version). @param {any} current */
const another = (current) => ({
  channels: current.contact.email ? ['email'] : [],
  events: current.events.includes('message-new') ? ['visit-reminder'] : ['message-new', 'visit-reminder'],
  language: current.language === 'nn' ? 'en' : 'nn',
});

/** @type {Check[]} */
export const checks = [
  {
    title: 'notice preferences: ETag is the version, If-None-Match → 304, a preview per event in the language, the contact masked',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const { body, etag } = await read(ctx, subject);
      assert.deepEqual(body.previews.map((/** @type {any} */ p) => p.event), EVENTS, 'one preview per event, in order');
      assert.equal(new Set(body.previews.map((/** @type {any} */ p) => p.text)).size, EVENTS.length);
      if (body.contact.phone !== null) assert.match(body.contact.phone, /^\*\*\* \*\* \d{3}$/, 'the phone masked to its last three digits');
      if (body.contact.email !== null) assert.match(body.contact.email, /^.\*\*\*@[^@]+$/u, 'the e-mail masked to its first character and domain');
      const again = await ctx.call({ path: path(subject), headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, `If-None-Match with its ETag: expected 304, got ${again.status}`);
    },
  },
  {
    title: 'a change round trip: PUT on the version read → 200 with the next ETag, read back the same; no channel turns notices off',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const before = await read(ctx, subject);
      const change = another(before.body);
      const set = ctx.expectStatus(await write(ctx, { subject, ifMatch: before.etag, body: change }), 200);
      assert.equal(set.headers.get('etag'), `"${set.body.version}"`);
      assert.notEqual(set.body.version, before.body.version, 'a new version');
      assert.deepEqual({ channels: set.body.channels, events: set.body.events, language: set.body.language }, change);
      assert.ok(set.body.previews.every((/** @type {any} */ p, /** @type {number} */ i) => p.text !== before.body.previews[i].text || change.language === before.body.language), 'previews in the new language');
      assert.deepEqual((await read(ctx, subject)).body, set.body);
      const off = ctx.expectStatus(await write(ctx, { subject, ifMatch: set.headers.get('etag'), body: { ...change, channels: [] } }), 200);
      assert.deepEqual(off.body.channels, []);
    },
  },
  {
    title: 'a change refused in order: no If-Match 428 (before a missing key), no key 400, a stale If-Match 412; nothing stored',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const c = await read(ctx, subject);
      const change = another(c.body);
      ctx.expectStatus(await write(ctx, { subject, key: null, body: change }), 428, 'preconditionRequired');
      ctx.expectStatus(await write(ctx, { subject, key: null, ifMatch: c.etag, body: change }), 400, 'idempotencyKeyMissing');
      ctx.expectStatus(await write(ctx, { subject, ifMatch: '"contract-suite-stale"', body: change }), 412, 'preconditionFailed');
      assert.equal((await read(ctx, subject)).body.version, c.body.version, 'no refusal stored a choice');
    },
  },
  {
    title: 'a repeated channel or event → 400 validation with a pointer to the repeat',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const c = await read(ctx, subject);
      const r = ctx.expectStatus(await write(ctx, { subject, ifMatch: c.etag, body: { channels: ['email', 'email'], events: ['message-new', 'visit-reminder', 'message-new'], language: 'nb' } }), 400, 'validation');
      const pointers = r.body.errors.map((/** @type {any} */ e) => e.pointer);
      assert.ok(pointers.includes('/channels/1') && pointers.includes('/events/2'), JSON.stringify(r.body.errors));
    },
  },
  {
    title: 'a change is idempotent: the same key and body replay the first answer (even on a stale If-Match now), another body → 422',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const c = await read(ctx, subject);
      const change = another(c.body);
      const key = newKey();
      const first = ctx.expectStatus(await write(ctx, { subject, key, ifMatch: c.etag, body: change }), 200);
      const replay = ctx.expectStatus(await write(ctx, { subject, key, ifMatch: c.etag, body: change }), 200);
      assert.deepEqual(replay.body, first.body);
      assert.equal(replay.headers.get('etag'), first.headers.get('etag'));
      ctx.expectStatus(await write(ctx, { subject, key, ifMatch: c.etag, body: { ...change, language: 'nb' === change.language ? 'en' : 'nb' } }), 422, 'idempotencyKeyReused');
      assert.equal((await read(ctx, subject)).body.version, first.body.version, 'stored once');
    },
  },
  {
    title: 'a relative acting for the person may neither read nor change their notices (403)',
    needs: ['relative'],
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const rel = await ctx.me('relative');
      if (!rel.subjects.some((/** @type {any} */ s) => s.id === subject)) throw new DataError('the relative does not act for the person');
      const c = await read(ctx, subject);
      ctx.expectStatus(await ctx.call({ as: 'relative', path: path(subject) }), 403, 'forbidden');
      ctx.expectStatus(await write(ctx, { subject, as: 'relative', ifMatch: c.etag, body: another(c.body) }), 403, 'forbidden');
      assert.equal((await read(ctx, subject)).body.version, c.body.version);
    },
  },
  {
    title: 'a channel the register has no detail for → 422 notice-channel-unavailable with its pointer',
    needs: ['relative'],
    unless: needsRegister,
    async run(ctx) {
      // The fixtures' relative (Kari) has an e-mail address and no phone in the register.
      const subject = await ownSubject(ctx, 'relative');
      const c = await read(ctx, subject, 'relative');
      assert.deepEqual([c.body.contact.phone === null, c.body.contact.email !== null, c.body.contact.reserved], [true, true, false], 'e-mail only');
      const r = ctx.expectStatus(await write(ctx, { subject, as: 'relative', ifMatch: c.etag, body: { channels: ['email', 'sms'], events: ['message-new'], language: 'nb' } }), 422, 'noticeChannelUnavailable');
      assert.deepEqual(r.body.errors.map((/** @type {any} */ e) => e.pointer), ['/channels/1']);
      ctx.expectStatus(await write(ctx, { subject, as: 'relative', ifMatch: c.etag, body: { channels: ['email'], events: ['message-new'], language: 'nb' } }), 200);
    },
  },
  {
    title: 'a person reserved against digital notices → 422 for every channel; no channel is allowed',
    needs: ['other'],
    unless: needsRegister,
    async run(ctx) {
      // The fixtures' other person (Per) is reserved in the register.
      const subject = await ownSubject(ctx, 'other');
      const c = await read(ctx, subject, 'other');
      assert.equal(c.body.contact.reserved, true);
      const r = ctx.expectStatus(await write(ctx, { subject, as: 'other', ifMatch: c.etag, body: { channels: ['sms', 'email'], events: [], language: 'nb' } }), 422, 'noticeChannelUnavailable');
      assert.deepEqual(r.body.errors.map((/** @type {any} */ e) => e.pointer), ['/channels/0', '/channels/1']);
      ctx.expectStatus(await write(ctx, { subject, as: 'other', ifMatch: c.etag, body: { channels: [], events: ['visit-reminder'], language: 'en' } }), 200);
    },
  },
  {
    title: "previews carry nothing of the person's services or visits (no service, place, person, date or time), in every language",
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const services = ctx.expectStatus(await ctx.call({ path: `/v1/subjects/${subject}/services` }), 200).body.items;
      const visits = [...(await ctx.listAll({ subject })), ...(await ctx.listAll({ subject, when: 'past' }))];
      if (!services.length || !visits.length) throw new DataError('the person needs services and appointments');
      /** @type {string[]} */
      const words = [];
      for (const s of services) words.push(s.careService.name);
      for (const a of visits) words.push(a.careService.name, a.location?.name, a.location?.address, a.contact?.name, a.description, a.preparation);
      const forbidden = [...new Set(words.filter((w) => typeof w === 'string' && w.length >= 4))];
      for (const language of ['nb', 'nn', 'en']) {
        const c = await read(ctx, subject);
        const set = ctx.expectStatus(await write(ctx, { subject, ifMatch: c.etag, body: { channels: c.body.channels, events: c.body.events, language } }), 200).body;
        for (const p of set.previews) {
          const text = `${p.subject}\n${p.text}`;
          for (const w of forbidden) assert.ok(!text.toLowerCase().includes(w.toLowerCase()), `${language} ${p.event} names "${w}"`);
          assert.doesNotMatch(text, /\b\d{1,2}[:.]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\s?\d{1,2}\./, `${language} ${p.event}: no date or time`);
        }
        assert.doesNotMatch(JSON.stringify(set), /\d{4}-\d{2}-\d{2}/, 'the preferences hold no dates: Oslo time plays no part');
      }
    },
  },
];
