// A draft survives an expired session, for real: the sandbox issues access tokens that live
// 30 seconds (ID-porten gives browser clients no refresh token), Ola types a reply, the session
// runs out while the text is in the box, the screen is cleared (as on a shared computer), he
// signs in again through the provider and comes back: the text is there (autosaved on the
// server), and sending it stores it exactly once.
//
//   node --test test/e2e/messages-expiry.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const TTL_S = 30;

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let journey;
/** @type {import('puppeteer-core').Page} */ let page;
/** @type {Awaited<ReturnType<typeof startJourney>>['sandbox']} */ let sandbox;
/** @type {Awaited<ReturnType<typeof startJourney>>['until']} */ let until;
/** @type {Awaited<ReturnType<typeof startJourney>>['shown']} */ let shown;
/** @type {Awaited<ReturnType<typeof startJourney>>['click']} */ let click;

before(async () => {
  journey = await startJourney({ accessTokenTtl: TTL_S });
  ({ page, sandbox, until, shown, click } = journey);
});
after(() => journey?.close());

const BOX = 'omsorg-inbox >>> omsorg-message-thread >>> [part~="textarea"]';
const boxText = () => page.evaluate(() => document.querySelector('omsorg-inbox')?.shadowRoot?.querySelector('omsorg-message-thread')?.shadowRoot?.querySelector('[part~="textarea"]')?.value ?? null);
const signedInAs = () => page.evaluate(() => document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="user"]')?.textContent ?? null);

/** The login element's sign-in button → the provider (its form, or straight back with SSO) → the demo. */
async function signInThroughProvider() {
  await click('omsorg-login >>> button[part~="sign-in-button"]');
  await until(async () => {
    const path = new URL(page.url()).pathname;
    if (path.startsWith('/oidc/interaction/')) {
      const button = await page.$(`form button[value="${OLA.id}"]`);
      if (button) await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      return false;
    }
    return !path.startsWith('/oidc/') && (await signedInAs())?.includes(OLA.name);
  }, 'signed in as Ola');
}

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

test('a reply typed before the session expired is kept through a new sign-in and sent once', { timeout: 150_000 }, async (t) => {
  const started = Date.now();
  const step = (name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await signInThroughProvider();
  const signedInAt = Date.now();
  const [thread] = (await sandbox.db.query(`SELECT id FROM threads WHERE subject_id = $1 AND status = 'open' ORDER BY id LIMIT 1`, [OLA.subject])).rows;
  await openThread(thread.id);
  const text = `Skrevet rett før økten gikk ut ${Date.now()}`;
  await page.locator(BOX).fill(text);
  step('typed; waiting for the session to expire');

  // The session runs out with the text in the box: the text stays on the screen …
  await until(async () => !(await signedInAs()), 'the session expired', TTL_S * 1000 + 30_000);
  step(`session expired after ${((Date.now() - signedInAt) / 1000).toFixed(0)} s`);
  // Like a sign-out, an expiry clears the screen (a shared computer): only the server has it.
  assert.equal(await boxText(), null, 'the reply box is gone from the screen');
  const [saved] = (await sandbox.db.query(`SELECT text FROM drafts WHERE key = $1 AND person_id = $2`, [thread.id, OLA.id])).rows;
  assert.equal(saved?.text, text, 'the draft was on the server before the session ended');

  // … he signs in again (a full redirect through the provider) and comes back to the thread.
  await signInThroughProvider();
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
