// The care service answers a cancellation request, and the citizen's open page shows it without
// a reload: in a real browser, against the sandbox (API + OpenID provider + PGlite), through the
// demo page's one script tag.
//
// Ola signs in and asks to cancel a day-centre visit (the service answers such requests later:
// mode request). On the staff page, over HTTP as a person would, the day centre's Solveig Aas
// turns it down with a note. Ola's page, never reloaded, shows the visit as turned down with the
// note, and its status region says so. Then the service accepts another request of his, and the
// page shows it cancelled. All along: no CSP violation, no uncaught page error, no contract
// violation by the sandbox. Once in each sign-in mode of the demo (browser and BFF).
//
// The test never waits for the poll timer (10 s at first): after the staff answer it wakes the
// page's pollers itself with `online`, as the browser does when it comes back online. The
// timer's schedule is tested on a fake clock (packages/sdk/src/appointment-watch.test.ts).
//
//   node --test test/e2e/cancellation-answer-journey.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AUTH_MODES, startJourney } from './sandbox-browser.mjs';
import { staffAnswerCancellation, staffPersons } from '@omsorg/sandbox/test-support/staff.js';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const CENTRE = staffPersons.centre.id;
/** A day-centre visit in three days that Ola may ask to cancel (the fixtures' olaRequestMode). */
const VISIT = 'apt-ola-dagsenter-d03';
/** His day-centre visit in six days, already waiting for an answer (olaCancellationRequested). */
const WAITING = 'apt-ola-dagsenter-d06';
const MAIN = 'omsorg-appointment-list:not(.next-visit)';

/** What the main list shows of `ids`, and what its status region says. @param {import('puppeteer-core').Page} page */
const list = (page, ids) =>
  page.evaluate(
    (MAIN, ids) => {
      const root = document.querySelector(MAIN)?.shadowRoot;
      const items = Object.fromEntries(
        ids.map((id) => {
          const li = root?.querySelector(`li[part~="item"][data-id="${id}"]`);
          return [id, li ? { status: [...li.classList].find((c) => c.startsWith('status-'))?.slice('status-'.length), text: li.textContent?.replace(/\s+/g, ' ') ?? '' } : null];
        }),
      );
      return { items, said: root?.querySelector('.base > [role="status"]')?.textContent?.trim() ?? '', reloaded: !('notReloaded' in window) };
    },
    MAIN,
    ids,
  );

for (const auth of AUTH_MODES) {
  const bff = auth === 'bff';
  describe(bff ? 'signed in through the BFF (auth: bff)' : 'signed in in the browser (auth: browser)', () => {
    /** @type {Awaited<ReturnType<typeof startJourney>>} */ let j;
    before(async () => {
      j = await startJourney({ bff });
    });
    after(() => j?.close());

    test('Ola asks to cancel; staff answer on /staff; his open page shows the answers without a reload', { timeout: 120_000 }, async (t) => {
      const { page, until, click, shown, openSeriesOf } = j;
      const started = Date.now();
      const step = (/** @type {string} */ name) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
      await page.goto(`${j.sandbox.url}/`, { waitUntil: 'load' });
      await shown('omsorg-login >>> [part~="sign-in-button"]');
      await j.signIn(OLA);
      // Room for the visits a week ahead (the demo's own page size may be smaller).
      await page.evaluate((MAIN) => document.querySelector(MAIN)?.setAttribute('page-size', '40'), MAIN);
      await until(async () => {
        const l = await list(page, [VISIT, WAITING]);
        return l.items[VISIT] && l.items[WAITING] ? l : undefined;
      }, 'Ola\'s list with both day-centre visits');
      step('signed in, the list loaded');

      // He asks to cancel: the day centre answers such requests later.
      await openSeriesOf(MAIN, VISIT);
      await click(`${MAIN} >>> button#act-${VISIT}`);
      await click('omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
      await click('omsorg-cancel-dialog >>> [part~="confirm-button"]');
      await shown('omsorg-cancel-dialog >>> [part~="outcome"]');
      await click('omsorg-cancel-dialog >>> [part~="close-button"]');
      await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });
      await until(async () => (await list(page, [VISIT])).items[VISIT]?.status === 'cancellation-requested', 'the request shown');
      step('asked to cancel: waiting for an answer');

      // From here on the page must not reload: a marker that a reload would wipe.
      await page.evaluate(() => Object.assign(window, { notReloaded: true }));
      const note = 'Vi har turdag den dagen og har bestilt buss. Ring oss hvis du ikke kan komme.';
      await staffAnswerCancellation(j.sandbox.url, { staffId: CENTRE, subjectId: OLA.subject, appointmentId: VISIT, accept: false, note });
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const rejected = await until(async () => {
        const l = await list(page, [VISIT]);
        return l.items[VISIT]?.status === 'cancellation-rejected' && l.items[VISIT]?.text.includes(note) ? l : undefined;
      }, 'the turned-down request and its note shown');
      assert.equal(rejected.reloaded, false, 'no reload');
      await until(async () => (await list(page, [VISIT])).said.startsWith('Ny status for '), 'the change said');
      assert.match((await list(page, [VISIT])).said, /Avbestillingen ble avslått\. Svar fra tjenesten: Vi har turdag/);
      step('turned down on /staff: shown with the note and said, no reload');

      await staffAnswerCancellation(j.sandbox.url, { staffId: CENTRE, subjectId: OLA.subject, appointmentId: WAITING, accept: true });
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const accepted = await until(async () => {
        const l = await list(page, [WAITING]);
        return l.items[WAITING]?.status === 'cancelled' ? l : undefined;
      }, 'the accepted request shown as cancelled');
      assert.equal(accepted.reloaded, false, 'no reload');
      step('accepted on /staff: shown as cancelled, no reload');

      const rows = (await j.sandbox.db.query("SELECT resource_id, actor_kind, outcome FROM access_log WHERE action = 'update' AND resource = 'appointment' ORDER BY id")).rows;
      assert.deepEqual(rows.map((r) => [r.resource_id, r.actor_kind, r.outcome]), [[VISIT, 'staff', 'ok'], [WAITING, 'staff', 'ok']], 'the answers are in the access log as staff');
      const conditional = j.requests.filter((r) => /\/appointments\?/.test(r.path + new URL(r.url).search) && r.method === 'GET').length;
      assert.ok(conditional >= 3, `the list was read and polled: ${conditional} GETs`);
      assert.deepEqual(j.sandbox.api.contractViolations, [], 'every API answer kept the contract');
      assert.deepEqual(j.problems.csp, [], 'no CSP violation');
      assert.deepEqual(j.problems.pageErrors, [], 'no uncaught page error');
    });
  });
}
