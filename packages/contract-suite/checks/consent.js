// @ts-check
/**
 * Consent to digital dialogue: the consent and its ETag, every refusal of a change in order, and
 * what it enforces. Withdrawing takes effect at once: starting a thread or replying is
 * `403 consent-required` (for the person and a relative acting for them), reading is not; giving
 * it again lets messages through. The checks that withdraw give the consent back before they end,
 * whatever happens, so the other groups find the person as they were.
 */
import assert from 'node:assert/strict';
import { DataError, newKey } from '../client.js';
import { getThread, sendMessage, startThread, suiteThread } from './messages-kit.js';

/** @typedef {import('./check.js').Check} Check */
/** @typedef {import('../client.js').Context} Context */

/** The person's own subject id. @param {Context} ctx */
async function ownSubject(ctx) {
  const me = await ctx.me();
  const self = me.subjects.find((/** @type {any} */ s) => s.relation.code === 'self');
  if (!self) throw new DataError('the signed-in person has no subject of their own');
  return /** @type {string} */ (self.id);
}

/** `GET …/dialogue-consent` → { body, etag }. @param {Context} ctx @param {string} subject @param {import('../targets.js').Role} [as] */
async function consent(ctx, subject, as = 'self') {
  const r = ctx.expectStatus(await ctx.call({ as, path: `/v1/subjects/${subject}/dialogue-consent` }), 200);
  const etag = r.headers.get('etag');
  assert.ok(etag, 'the consent carries an ETag');
  assert.equal(etag, `"${r.body.version}"`, 'the ETag is the version');
  return { body: r.body, etag };
}

/**
 * `PUT …/dialogue-consent`.
 * @param {Context} ctx
 * @param {{ subject: string, body?: unknown, ifMatch?: string | null, key?: string | null, as?: import('../targets.js').Role }} o
 */
function setConsent(ctx, { subject, body, ifMatch = null, key = newKey(), as = 'self' }) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (key !== null) headers['Idempotency-Key'] = key;
  if (ifMatch !== null) headers['If-Match'] = ifMatch;
  return ctx.call({ as, method: 'PUT', path: `/v1/subjects/${subject}/dialogue-consent`, headers, body });
}

/**
 * Runs `fn` with the person's consent in the state `status`, and gives it back as it was after.
 * @param {Context} ctx
 * @param {string} subject
 * @param {'active' | 'inactive'} status
 * @param {(c: { body: any, etag: string }) => Promise<void>} fn
 */
async function withConsent(ctx, subject, status, fn) {
  const before = await consent(ctx, subject);
  const textVersion = before.body.currentTextVersion;
  const set = ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: before.etag, body: { status, textVersion } }), 200);
  try {
    await fn({ body: set.body, etag: /** @type {string} */ (set.headers.get('etag')) });
  } finally {
    const now = await consent(ctx, subject);
    const back = before.body.status === 'active' ? 'active' : 'inactive';
    if (now.body.status !== back && before.body.status !== 'none') {
      ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: now.etag, body: { status: back, textVersion } }), 200);
    }
  }
}

/** @type {Check[]} */
export const checks = [
  {
    title: 'dialogue consent: status, the text versions, history newest first, ETag and If-None-Match → 304',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const { body, etag } = await consent(ctx, subject);
      assert.ok(['none', 'active', 'inactive'].includes(body.status), `status ${body.status}`);
      assert.equal(body.version, String(body.history.length), 'the version counts the decisions');
      if (body.history.length) {
        assert.equal(body.history[0].status, body.status, 'the latest decision decides');
        assert.equal(body.history[0].textVersion, body.textVersion);
      } else assert.deepEqual({ status: body.status, textVersion: body.textVersion }, { status: 'none', textVersion: null });
      for (let i = 1; i < body.history.length; i++) assert.ok(Date.parse(body.history[i - 1].decidedAt) >= Date.parse(body.history[i].decidedAt), 'newest first');
      const again = await ctx.call({ path: `/v1/subjects/${subject}/dialogue-consent`, headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, `If-None-Match with its ETag: expected 304, got ${again.status}`);
    },
  },
  {
    title: 'a change refused in order: no key 400, no If-Match 428, stale If-Match 412, a bad body 400, an old text 409 consent-text-outdated; nothing recorded',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const c = await consent(ctx, subject);
      const ok = { status: c.body.status === 'active' ? 'inactive' : 'active', textVersion: c.body.currentTextVersion };
      ctx.expectStatus(await setConsent(ctx, { subject, key: null, ifMatch: c.etag, body: ok }), 400, 'idempotencyKeyMissing');
      ctx.expectStatus(await setConsent(ctx, { subject, body: ok }), 428, 'preconditionRequired');
      ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: '"contract-suite-stale"', body: ok }), 412, 'preconditionFailed');
      const bad = ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: c.etag, body: { status: 'maybe', textVersion: c.body.currentTextVersion, extra: 1 } }), 400, 'validation');
      assert.ok(bad.body.errors.some((/** @type {any} */ e) => e.pointer === '/status'), JSON.stringify(bad.body.errors));
      ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: c.etag, body: { ...ok, textVersion: 'contract-suite-old-text' } }), 409, 'consentTextOutdated');
      assert.equal((await consent(ctx, subject)).body.version, c.body.version, 'no refusal recorded a decision');
    },
  },
  {
    title: 'a relative may read the consent but not give or withdraw it (403)',
    needs: ['relative'],
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const rel = await ctx.me('relative');
      if (!rel.subjects.some((/** @type {any} */ s) => s.id === subject && s.scopes.includes('messages'))) {
        throw new DataError('the relative has no messages scope for the person');
      }
      const c = await consent(ctx, subject, 'relative');
      const r = await setConsent(ctx, { subject, as: 'relative', ifMatch: c.etag, body: { status: 'inactive', textVersion: c.body.currentTextVersion } });
      ctx.expectStatus(r, 403, 'forbidden');
      assert.equal((await consent(ctx, subject)).body.version, c.body.version);
    },
  },
  {
    title: 'withdrawn: messages refused at once (403 consent-required) while threads stay readable; given again: messages go through',
    async run(ctx) {
      const { subject, thread, own, recipient } = await suiteThread(ctx);
      if (!own) throw new DataError('the suite\'s thread is not in the person\'s own subject');
      await withConsent(ctx, subject, 'inactive', async (c) => {
        assert.equal(c.body.status, 'inactive');
        assert.equal(c.body.history[0].status, 'inactive', 'the withdrawal is the newest decision');
        ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: without consent' } }), 403, 'consentRequired');
        ctx.expectStatus(
          await startThread(ctx, { subject, body: { grantedServiceId: recipient.grantedServiceId, title: 'contract suite: no consent', text: 'x' } }),
          403,
          'consentRequired',
        );
        const read = ctx.expectStatus(await getThread(ctx, subject, thread.id), 200).body;
        assert.ok(!read.messages.some((/** @type {any} */ m) => m.text === 'contract suite: without consent'), 'the refused message was not stored');
        // Given again (the same one request): a message goes through.
        const given = ctx.expectStatus(await setConsent(ctx, { subject, ifMatch: c.etag, body: { status: 'active', textVersion: c.body.currentTextVersion } }), 200).body;
        assert.equal(given.status, 'active');
        assert.equal(Number(given.version), Number(c.body.version) + 1);
        ctx.expectStatus(await sendMessage(ctx, { subject, thread: thread.id, body: { text: 'contract suite: with consent' } }), 201);
      });
    },
  },
  {
    title: 'a relative acting for the person is held to the person\'s consent: withdrawn → 403 consent-required',
    needs: ['relative'],
    async run(ctx) {
      const { subject, thread, own } = await suiteThread(ctx);
      if (!own) throw new DataError('the suite\'s thread is not in the person\'s own subject');
      const rel = await ctx.me('relative');
      if (!rel.subjects.some((/** @type {any} */ s) => s.id === subject && s.scopes.includes('messages'))) {
        throw new DataError('the relative has no messages scope for the person');
      }
      ctx.expectStatus(await sendMessage(ctx, { as: 'relative', subject, thread: thread.id, body: { text: 'contract suite: a relative with consent' } }), 201);
      await withConsent(ctx, subject, 'inactive', async () => {
        ctx.expectStatus(await sendMessage(ctx, { as: 'relative', subject, thread: thread.id, body: { text: 'contract suite: a relative without consent' } }), 403, 'consentRequired');
      });
    },
  },
  {
    title: 'a change is idempotent: the same key and body replay the answer, another body → 422; the state that holds already records nothing',
    async run(ctx) {
      const subject = await ownSubject(ctx);
      const c = await consent(ctx, subject);
      if (c.body.status !== 'active') throw new DataError('the person has not consented to digital dialogue');
      const same = { status: 'active', textVersion: c.body.currentTextVersion };
      const key = newKey();
      const first = ctx.expectStatus(await setConsent(ctx, { subject, key, ifMatch: c.etag, body: same }), 200);
      assert.equal(first.body.version, c.body.version, 'consenting again to the same text records nothing');
      const replay = ctx.expectStatus(await setConsent(ctx, { subject, key, ifMatch: c.etag, body: same }), 200);
      assert.deepEqual(replay.body, first.body);
      ctx.expectStatus(await setConsent(ctx, { subject, key, ifMatch: c.etag, body: { ...same, status: 'inactive' } }), 422, 'idempotencyKeyReused');
      assert.equal((await consent(ctx, subject)).body.status, 'active');
    },
  },
];
