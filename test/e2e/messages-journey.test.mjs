// Secure messages for real, in a real browser, against the sandbox (API + OpenID provider +
// PGlite), through the demo page's one script tag:
//
// 1. Ola signs in. The page's own badge shows his unread count (data-watch-unread). He writes a
//    new message to home nursing; the staff answer on the staff page (over HTTP, as a person
//    would); the answer appears in his open thread without reload. Back in the inbox, staff
//    answer another thread and the badge goes up without reload.
// 2. A draft survives a reload: typed text is saved on the server and is back in the box.
// 3. Offline: a reply sent with the network off shows as not sent; with the network back it is
//    delivered, and the database holds it exactly once.
// 4. Kari signs in, acts for her father Ola and writes; the database and the page say "on behalf
//    of Ola Nordmann" (role relative).
// 5. Per signs in: Ola's thread and its attachment are 404 for him, and the refusals are logged.
// All along: no CSP violation, no uncaught page error, no contract violation by the sandbox.
// Once in each sign-in mode of the demo, each on a sandbox of its own: in the browser
// (oidc-client-ts, every call to /v1 with a DPoP-bound token) and through the BFF (the page
// calls /bff/api with its HttpOnly cookie and never holds or sends a token).
//
//   node --test test/e2e/messages-journey.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AUTH_MODES, startJourney } from './sandbox-browser.mjs';
import { staffPersons, staffReply } from '@omsorg/sandbox/test-support/staff.js';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const KARI = { id: 'psn-kari-2c91', name: 'Kari Nordmann' };
const PER = { id: 'psn-per-51d0', name: 'Per Hansen' };
const NURSE = staffPersons.nurse.id;
/**
 * Upper bound for what a poll brings to show. The test never waits for the poll timer (10 s at
 * first, then longer): after a staff answer it wakes the page's pollers itself, as the browser
 * does when it comes back online, so what it sees does not depend on how busy the machine is.
 * The timer's own schedule is tested on a fake clock (packages/sdk/src/poll.test.ts).
 */
const POLL_WAIT_MS = 45_000;

// The journey of the mode under test: the suites (one per mode) run one after the other, and
// each suite's before() points these at a fresh sandbox and browser of its own.
/** @type {Awaited<ReturnType<typeof startJourney>>} */ let journey;
/** @type {import('puppeteer-core').Page} */ let page;
/** @type {Awaited<ReturnType<typeof startJourney>>['sandbox']} */ let sandbox;
/** @type {Awaited<ReturnType<typeof startJourney>>['until']} */ let until;
/** @type {Awaited<ReturnType<typeof startJourney>>['shown']} */ let shown;
/** @type {Awaited<ReturnType<typeof startJourney>>['click']} */ let click;
/** Ola's new thread (journey 1), used by the later journeys. */
let olaThread = '';

// ---- helpers ------------------------------------------------------------------------------

/** What the login element, the badge and the inbox show. */
function view() {
  return page.evaluate(() => {
    const login = document.querySelector('omsorg-login')?.shadowRoot;
    const inbox = document.querySelector('omsorg-inbox')?.shadowRoot;
    const thread = inbox?.querySelector('omsorg-message-thread')?.shadowRoot;
    const badge = document.getElementById('unread-badge');
    return {
      user: login?.querySelector('[part~="user"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      signInButton: !!login?.querySelector('[part~="sign-in-button"]'),
      badge: badge && !badge.hidden ? Number(badge.textContent) : 0,
      threads: [...(inbox?.querySelectorAll('li[part~="thread"][data-id]') ?? [])].map((li) => ({
        id: li.getAttribute('data-id'),
        title: li.querySelector('[part~="thread-button"] bdi')?.textContent ?? '',
        unread: li.matches('[part~="thread-unread"]'),
      })),
      thread: thread
        ? {
            messages: [...thread.querySelectorAll('li[part~="message"]')].map((li) => ({
              id: li.getAttribute('data-id'),
              sender: li.querySelector('[part~="sender"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
              text: li.querySelector('.body')?.textContent?.trim() ?? '',
            })),
            draftStatus: thread.querySelector('[part~="draft-status"]')?.textContent?.trim() ?? null,
            text: /** @type {HTMLTextAreaElement | null} */ (thread.querySelector('[part~="textarea"]'))?.value ?? null,
            outbox: [...thread.querySelectorAll('[part~="outbox-item"]')].map((li) => [...li.classList].find((c) => c === 'sent' || c === 'sending' || c === 'not-sent')),
          }
        : null,
    };
  });
}

/** Demo → "Logg inn" → the provider's login page → `person` → back with the inbox loaded. */
async function signIn(person) {
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  // A journey that failed half-way leaves its person signed in.
  await until(async () => (await view()).user || (await view()).signInButton, 'the login element');
  if ((await view()).user) await journey.signOut();
  return journey.signIn(person, {
    done: async () => {
      const v = await view();
      return v.user?.includes(person.name) && (await page.$('omsorg-inbox >>> [part~="new-button"]')) ? v : undefined;
    },
    what: `${person.name} signed in with the inbox loaded`,
  });
}

async function openThread(id) {
  await click(`omsorg-inbox >>> button[data-thread="${id}"]`);
  await until(async () => (await view()).thread?.messages.length, `thread ${id} open`);
}

async function typeReply(text) {
  const box = 'omsorg-inbox >>> omsorg-message-thread >>> [part~="textarea"]';
  await shown(box);
  await page.locator(box).fill(text);
}

const sendReply = () => click('omsorg-inbox >>> omsorg-message-thread >>> [part~="send-button"]');

/** Polls now: every poller on the page wakes on `online` (and the send queue resends). */
const pollNow = () => page.evaluate(() => window.dispatchEvent(new Event('online')));

async function rows(sql, params) {
  return (await sandbox.db.query(sql, params)).rows;
}

// ---- the journeys, once per sign-in mode ---------------------------------------------------

for (const auth of AUTH_MODES) {
  const bff = auth === 'bff';
  describe(bff ? 'signed in through the BFF (auth: bff)' : 'signed in in the browser (auth: browser)', () => {
    before(async () => {
      journey = await startJourney({ bff });
      ({ page, sandbox, until, shown, click } = journey);
      olaThread = '';
    });
    after(() => journey?.close());

    test('Ola writes to home nursing, staff answer on the staff page, and the answer and the badge arrive without reload', { timeout: 180_000 }, async (t) => {
      const started = Date.now();
      const step = (name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
      let v = await signIn(OLA);
      const seeded = (await rows(`SELECT count(*)::int AS n FROM threads WHERE subject_id = $1`, [OLA.subject]))[0].n;
      assert.ok(seeded > 0, 'the seed has threads for Ola');
      v = await until(async () => ((await view()).threads.length === seeded ? view() : undefined), `the inbox lists his ${seeded} threads`);
      await until(async () => (await view()).badge > 0, 'the page badge shows his unread messages');
      v = await view();
      const unreadRows = v.threads.filter((x) => x.unread).length;
      assert.ok(unreadRows > 0, 'unread threads are marked');
      step(`signed in: ${v.threads.length} threads, badge ${v.badge}`);

      // A new message: choose the service, a title, the text; send.
      await click('omsorg-inbox >>> [part~="new-button"]');
      await click('omsorg-inbox >>> input[name="recipient"]');
      const title = `Spørsmål om kveldsbesøk ${Date.now()}`;
      await page.locator('omsorg-inbox >>> #new-subject').fill(title);
      await page.locator('omsorg-inbox >>> [part~="textarea"]').fill('Kan kveldsbesøket komme litt tidligere på fredag?');
      await click('omsorg-inbox >>> [part~="send-button"]');
      await until(async () => (await view()).thread?.messages.some((m) => m.text.includes('kveldsbesøket')), 'the new thread opens with his message');
      const [created] = await rows(`SELECT id, subject_id FROM threads WHERE title = $1`, [title]);
      assert.ok(created, 'the thread is in the database');
      olaThread = created.id;
      step(`thread ${olaThread} started`);

      // Staff answer through the staff page; the open thread shows it without reload.
      const answer = `Ja, vi kommer kl. 18 på fredag. ${Date.now()}`;
      await staffReply(sandbox.url, { staffId: NURSE, subjectId: OLA.subject, threadId: olaThread, text: answer });
      await pollNow();
      await until(async () => (await view()).thread?.messages.some((m) => m.text === answer), 'the staff answer in the open thread, without reload', POLL_WAIT_MS);
      v = await view();
      const staffMessage = v.thread.messages.find((m) => m.text === answer);
      assert.match(staffMessage.sender, /Hjemmesykepleien/, 'the answer names the care service');
      step('the staff answer arrived in the open thread');

      // Back to the list; staff answer another thread; the page's badge goes up without reload.
      await click('omsorg-inbox >>> omsorg-message-thread >>> [part~="back-button"], omsorg-inbox >>> [part~="back-button"]');
      await until(async () => (await view()).thread === null && (await view()).threads.length > 0, 'back in the list');
      const before = (await view()).badge;
      const other = (await rows(`SELECT id FROM threads WHERE subject_id = $1 AND status = 'open' AND id <> $2 AND care_service_id = $3 ORDER BY id LIMIT 1`, [OLA.subject, olaThread, staffPersons.nurse.careServiceId]))[0].id;
      await staffReply(sandbox.url, { staffId: NURSE, subjectId: OLA.subject, threadId: other, text: `Ny beskjed fra hjemmesykepleien ${Date.now()}` });
      await pollNow();
      await until(async () => (await view()).badge === before + 1, `the badge goes from ${before} to ${before + 1} without reload`, POLL_WAIT_MS);
      await until(async () => (await view()).threads.find((x) => x.id === other)?.unread, 'the thread is unread in the inbox', POLL_WAIT_MS);
      step(`badge ${before} → ${before + 1}`);
    });

    test('a typed reply is saved as a draft on the server and survives a reload', { timeout: 90_000 }, async () => {
      assert.ok(olaThread, 'the first journey ran');
      await openThread(olaThread);
      const text = `Et utkast som ikke må bli borte ${Date.now()}`;
      await typeReply(text);
      await until(async () => {
        const d = await rows(`SELECT text FROM drafts WHERE key = $1 AND person_id = $2`, [olaThread, OLA.id]);
        return d[0]?.text === text;
      }, 'the draft saved on the server');
      await page.reload({ waitUntil: 'load' });
      await until(async () => (await page.$('omsorg-inbox >>> [part~="new-button"]')) && (await view()).user?.includes(OLA.name), 'signed in again after reload');
      await openThread(olaThread);
      await until(async () => (await view()).thread?.text === text, 'the draft is back in the reply box');
    });

    test('a reply sent offline shows as not sent and is delivered exactly once when the network is back', { timeout: 120_000 }, async () => {
      assert.ok(olaThread, 'the first journey ran');
      const text = `Sendt uten nett ${Date.now()}`;
      await typeReply(text);
      await page.setOfflineMode(true);
      try {
        await sendReply();
        await until(async () => (await view()).thread?.outbox.includes('not-sent'), 'the reply shows as not sent');
      } finally {
        await page.setOfflineMode(false);
      }
      // The browser says `online` when the network is back; say it here too, so the resend does not
      // wait for the send queue's backoff timer.
      await pollNow();
      await until(async () => (await view()).thread?.messages.some((m) => m.text === text), 'the reply delivered after the network came back', POLL_WAIT_MS);
      const stored = await rows(`SELECT id FROM messages WHERE thread_id = $1 AND text = $2`, [olaThread, text]);
      assert.equal(stored.length, 1, 'stored exactly once');
      const draft = await rows(`SELECT 1 FROM drafts WHERE key = $1 AND person_id = $2`, [olaThread, OLA.id]);
      assert.equal(draft.length, 0, 'the draft is gone once the message is stored');
      await journey.signOut();
    });

    test('Kari writes for her father Ola, and both the database and the page say so', { timeout: 90_000 }, async () => {
      assert.ok(olaThread, 'the first journey ran');
      await signIn(KARI);
      await page.locator('omsorg-login >>> select[part~="select"]').fill(OLA.subject);
      await until(async () => (await view()).threads.some((x) => x.id === olaThread), 'Ola’s threads in Kari’s inbox');
      await openThread(olaThread);
      const text = `Pappa lurer på om dere kan ringe ham. ${Date.now()}`;
      await typeReply(text);
      await sendReply();
      await until(async () => (await view()).thread?.messages.some((m) => m.text === text), 'Kari’s reply in the thread');
      const mine = (await view()).thread.messages.find((m) => m.text === text);
      assert.match(mine.sender, /Kari Nordmann/);
      assert.match(mine.sender, /Ola Nordmann/, 'shown as on behalf of Ola');
      const [row] = await rows(`SELECT sender_role, sender_person_id FROM messages WHERE thread_id = $1 AND text = $2`, [olaThread, text]);
      assert.deepEqual([row.sender_role, row.sender_person_id], ['relative', KARI.id]);
      await journey.signOut();
    });

    test('Per cannot read Ola’s thread or its attachment, and the refusals are logged', { timeout: 60_000 }, async () => {
      assert.ok(olaThread, 'the first journey ran');
      await signIn(PER);
      const [attachment] = await rows(
        `SELECT id FROM attachments WHERE subject_id = $1 AND message_id IS NOT NULL LIMIT 1`,
        [OLA.subject],
      );
      const paths = [`/v1/subjects/${OLA.subject}/threads/${olaThread}`, `/v1/subjects/${OLA.subject}/threads`];
      if (attachment) paths.push(`/v1/subjects/${OLA.subject}/attachments/${attachment.id}`);
      // As the page's own client asks: browser, to /v1 with Per's DPoP-bound token; BFF, to
      // /bff/api with his cookie and the CSRF header, and no token.
      const answers = await journey.callApi(paths);
      assert.deepEqual(answers.map((a) => a.status), paths.map(() => 404));
      assert.deepEqual(answers.map((a) => [a.scheme, a.csrf]), paths.map(() => (bff ? [null, true] : ['DPoP', false])));
      const denied = await rows(`SELECT count(*)::int AS n FROM access_log WHERE actor_person_id = $1 AND subject_id = $2 AND outcome = 'denied'`, [PER.id, OLA.subject]);
      assert.ok(denied[0].n >= paths.length, 'every refusal is in the access log');

      // How every journey above called the API.
      const direct = journey.requests.filter((r) => r.path.startsWith('/v1/') && r.method !== 'OPTIONS');
      const proxied = journey.requests.filter((r) => r.path.startsWith('/bff/api/'));
      if (bff) {
        assert.deepEqual(direct.map((r) => r.url), [], 'no request from the page to /v1');
        assert.ok(proxied.length > 0, 'the page called the API through /bff/api');
        assert.deepEqual(journey.requests.filter((r) => r.authorization || r.dpop).map((r) => r.url), [], 'no request carries Authorization or DPoP');
      } else {
        assert.ok(direct.length > 0, 'the page called the API');
        assert.deepEqual(direct.filter((r) => !/^DPoP [\w-]+\.[\w-]+\.[\w-]+$/.test(r.authorization ?? '') || !r.dpop).map((r) => r.url), [], 'every API request carries a DPoP-bound token and a proof');
      }

      assert.deepEqual(sandbox.api.contractViolations, [], 'every API answer kept the contract');
      assert.deepEqual(journey.problems.csp, [], 'no Content-Security-Policy violation');
      assert.deepEqual(journey.problems.pageErrors, [], 'no uncaught error in any page');
    });
  });
}
