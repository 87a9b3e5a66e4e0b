// A draft survives an expired session, for real: Ola types a reply, the session runs out while
// the text is in the box, the screen is cleared (as on a shared computer), he signs in again
// through the provider and comes back: the text is there (autosaved on the server), and sending
// it stores it exactly once.
//
// The expiry is the test's to give, not a real 30-second token's to race (a slow sign-in on a
// busy machine used to eat the whole session): the sandbox issues its usual tokens, and the test
// moves the page's clock (Date.now, which oidc-client-ts and the SDK read) past the access
// token's `expires_at`, then wakes the page's pollers ('online'). Their first call finds the token
// expired before it is sent (the SDK checks the expiry before every call, ID-porten gives
// browser clients no refresh token) and ends the session as expired. The page-side timer that
// does the same with nothing polling is tested in browser-session.test.mjs.
//
//   node --test test/e2e/messages-expiry.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let journey;
/** @type {import('puppeteer-core').Page} */ let page;
/** @type {Awaited<ReturnType<typeof startJourney>>['sandbox']} */ let sandbox;
/** @type {Awaited<ReturnType<typeof startJourney>>['until']} */ let until;
/** @type {Awaited<ReturnType<typeof startJourney>>['shown']} */ let shown;
/** @type {Awaited<ReturnType<typeof startJourney>>['click']} */ let click;

before(async () => {
  journey = await startJourney();
  ({ page, sandbox, until, shown, click } = journey);
  // The page's clock, for the test to move: every document starts on the real time (so the
  // sign-in after the expiry, a new page load, is on it again).
  await page.evaluateOnNewDocument(() => {
    const realNow = Date.now.bind(Date);
    let ahead = 0;
    Date.now = () => realNow() + ahead;
    Object.defineProperty(window, 'e2eClockAhead', { set: (ms) => void (ahead = ms), get: () => ahead });
  });
});
after(() => journey?.close());

const BOX = 'omsorg-inbox >>> omsorg-message-thread >>> [part~="textarea"]';
const boxText = () => page.evaluate(() => document.querySelector('omsorg-inbox')?.shadowRoot?.querySelector('omsorg-message-thread')?.shadowRoot?.querySelector('[part~="textarea"]')?.value ?? null);
const signedInAs = () => page.evaluate(() => document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent ?? null);

/** The open thread shows `text` as a message and has nothing waiting in its send queue. */
const outboxDone = (text) =>
  page.evaluate((text) => {
    const thread = document.querySelector('omsorg-inbox')?.shadowRoot?.querySelector('omsorg-message-thread')?.shadowRoot;
    if (!thread) return false;
    const shown = [...thread.querySelectorAll('li[part~="message"] .body')].some((b) => b.textContent?.trim() === text);
    const waiting = [...thread.querySelectorAll('[part~="outbox-item"]')].some((li) => !li.classList.contains('sent'));
    return shown && !waiting;
  }, text);

async function openThread(id) {
  await click(`omsorg-inbox >>> button[data-thread="${id}"]`);
  await shown(BOX);
}

/**
 * Moves the page's clock a second past the kept access token's expiry and wakes the pollers.
 * Returns how far ahead the clock went, in seconds.
 */
const expireNow = () =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
    const expiresAt = Number(JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}').expires_at);
    if (!Number.isFinite(expiresAt)) throw new Error('no kept session with an expiry');
    const ahead = expiresAt * 1000 + 1000 - (Date.now() - window.e2eClockAhead);
    window.e2eClockAhead = ahead;
    window.dispatchEvent(new Event('online'));
    return Math.round(ahead / 1000);
  });

test('a reply typed before the session expired is kept through a new sign-in and sent once', { timeout: 150_000 }, async (t) => {
  const started = Date.now();
  const step = (name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await journey.signIn(OLA);
  const [thread] = (await sandbox.db.query(`SELECT id FROM threads WHERE subject_id = $1 AND status = 'open' ORDER BY id LIMIT 1`, [OLA.subject])).rows;
  await openThread(thread.id);
  const text = `Skrevet rett før økten gikk ut ${Date.now()}`;
  await page.locator(BOX).fill(text);
  // Autosaved about a second after typing stops, while the session still holds.
  const draft = async () => (await sandbox.db.query(`SELECT text FROM drafts WHERE key = $1 AND person_id = $2`, [thread.id, OLA.id])).rows[0]?.text;
  await until(async () => (await draft()) === text, 'the draft saved on the server');
  assert.ok(await signedInAs(), 'still signed in when the draft was saved');
  step('typed and autosaved; the session runs out now');

  // The session runs out with the text in the box …
  const ahead = await expireNow();
  await until(async () => !(await signedInAs()), 'the session expired');
  step(`session expired (page clock ${ahead} s ahead)`);
  // Like a sign-out, an expiry clears the screen (a shared computer): only the server has it.
  assert.equal(await boxText(), null, 'the reply box is gone from the screen');
  assert.equal(await draft(), text, 'the draft was on the server before the session ended');
  assert.equal(
    await page.evaluate(() => !!document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="warning"]')),
    true,
    'the login element says the session expired',
  );

  // … he signs in again (a full redirect through the provider) and comes back to the thread.
  await journey.signIn(OLA);
  assert.equal(await page.evaluate(() => window.e2eClockAhead), 0, 'the new page load is on the real clock');
  await openThread(thread.id);
  await until(async () => (await boxText()) === text, 'the text back in the reply box after signing in again');
  step('signed in again: the text is back');

  await click('omsorg-inbox >>> omsorg-message-thread >>> [part~="send-button"]');
  await until(async () => (await sandbox.db.query(`SELECT 1 FROM messages WHERE thread_id = $1 AND text = $2`, [thread.id, text])).rows.length === 1, 'stored');
  // Counted once the page has the server's answer (the message in the thread, nothing left in
  // the send queue): from then on nothing would send it again, however long one waited.
  await until(async () => outboxDone(text), 'the page shows the reply as delivered');
  const stored = (await sandbox.db.query(`SELECT id FROM messages WHERE thread_id = $1 AND text = $2`, [thread.id, text])).rows;
  assert.equal(stored.length, 1, 'stored exactly once');
  assert.deepEqual(sandbox.api.contractViolations, []);
  assert.deepEqual(journey.problems.pageErrors, []);
  assert.deepEqual(journey.problems.csp, []);
});
