// Keyboard-only journeys on the built Storybook (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7), one row per
// element story. For every row, between two host-page buttons placed before and after the story:
//   - Tab visits every interactive control in composed-tree (DOM) order, once, each with a
//     visible focus indicator, inside the viewport, never going back up the page;
//   - Tab from the last control leaves the element (no trap) and Shift+Tab walks the same stops
//     back to the start;
// then the row's own journey: Enter / Space on its controls does what a click does, Escape
// closes a dialog and focus returns to the control that opened it, and Tab inside the open
// modal dialog visits its controls in order.
//
//   npm run storybook:build && node --test test/a11y/keyboard.test.mjs
//   KEYBOARD_STORIES=elements-login--default,…  runs only these rows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStory, openStoryPage } from './helpers.mjs';
import { expectedStops, focusById, focusProblems, focused, key, orderProblems, prepare, shiftTab, walk } from './keyboard.mjs';
import { cancellableVisit } from '../hosts/harness.mjs';

/** Journey helpers for one page; every step is a key press, never a click. */
function driver(page) {
  const self = {
    page,
    press: (name) => key(page, name),
    /** Tab forward until the focused control's description matches `re`. */
    async tabTo(re) {
      const seen = await walk(page, { stop: (f) => re.test(f.desc) });
      return seen[seen.length - 1];
    },
    /** Waits until the focused control's description matches `re`. */
    async focusOn(re, what = String(re)) {
      const end = Date.now() + 8000;
      let f;
      do {
        f = await focused(page);
        if (re.test(f.desc)) return f;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < end);
      assert.fail(`focus should be on ${what}, is on ${f.desc}`);
    },
    /** Waits until `fn(arg)` is true in the page. */
    until: (fn, arg, what) =>
      page.waitForFunction(fn, { timeout: 8000, polling: 50 }, arg).catch((e) => assert.fail(`timed out waiting for ${what}: ${e.message}`)),
    /** The state of the control that has focus. */
    focusedState: () =>
      page.evaluate(() => {
        const el = globalThis.__kb.active();
        return { pressed: el?.getAttribute('aria-pressed') ?? null, checked: el?.checked ?? null, value: el?.value ?? null };
      }),
    /**
     * With a modal dialog open and focus in it: Tab visits the dialog's controls in order with
     * visible focus, and nothing outside it. Returns the stops.
     */
    async dialogTabOrder() {
      assert.ok(await page.evaluate(() => [...document.querySelectorAll('omsorg-cancel-dialog')].some((d) => d.shadowRoot?.querySelector('dialog:modal'))), 'a modal dialog is open');
      const expected = await expectedStops(page);
      const stops = [];
      for (let i = 0; i < expected.length; i++) {
        await key(page, 'Tab');
        stops.push(await focused(page));
      }
      assert.deepEqual(stops.map((s) => s.desc), expected, 'Tab inside the dialog visits its controls in order');
      assert.deepEqual(focusProblems(stops), [], 'focus is visible on every control in the dialog');
      assert.deepEqual(orderProblems(stops), [], 'the dialog Tab order follows the visual order');
      return stops;
    },
  };
  return self;
}

const dialogOpen = () => [...document.querySelectorAll('omsorg-cancel-dialog')].some((d) => d.shadowRoot?.querySelector('dialog[open]'));
// Closed: the next key press may come at once (the dialog does not wait for its queued `close`
// event before it can open again).
const dialogClosed = () => ![...document.querySelectorAll('omsorg-cancel-dialog')].some((d) => d.shadowRoot?.querySelector('dialog[open]'));
const dialogLoaded = () =>
  [...document.querySelectorAll('omsorg-cancel-dialog')].some((d) => d.shadowRoot?.querySelector('dialog[open] [part~="form"], dialog[open] [part~="notice"], dialog[open] [part~="error"]'));

/**
 * One row per element story. `stops`: patterns every one of which must be among the Tab stops
 * (so a row cannot pass by rendering nothing). `journey`: Enter/Space/Escape behaviour.
 */
const ROWS = [
  {
    story: 'elements-login--default',
    stops: [/omsorg-login >>> <button part="sign-out-button"> "Logg ut"/],
    async journey(k) {
      await k.tabTo(/sign-out-button/);
      await k.press('Enter');
      // The sign-out button is gone; focus stays on the control that replaced it.
      await k.focusOn(/sign-in-button/, 'the sign-in button');
      await k.press('Space');
      await k.until(() => !!document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="sign-out-button"]'), null, 'signed in again with Space');
    },
  },
  {
    story: 'elements-login--kari',
    stops: [/sign-out-button/, /<select#subject part="select">/],
    async journey(k) {
      await k.tabTo(/<select#subject/);
      const before = (await k.focusedState()).value;
      await k.press('ArrowDown');
      await k.until((b) => globalThis.__kb.active()?.value !== b, before, 'ArrowDown to choose another person in the select');
      // The switcher changed whom the page acts for.
      await k.until(() => !!document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="acting-for"]'), null, 'the acting-for notice');
    },
  },
  {
    story: 'elements-login--signed-out',
    stops: [/sign-in-button/],
    async journey(k) {
      await k.tabTo(/sign-in-button/);
      await k.press('Enter');
      await k.until(() => !!document.querySelector('omsorg-login')?.shadowRoot?.querySelector('[part~="sign-out-button"]'), null, 'signed in with Enter');
    },
  },
  {
    story: 'elements-appointment-list--default',
    stops: [/toggle-button"> "Kommende"/, /toggle-button"> "Tidligere"/, /cancel-button/, /calendar-button/, /series-toggle/],
    async journey(k) {
      // A series' disclosure: Enter opens its other visits, Space closes them; focus stays on it.
      await k.tabTo(/series-toggle/);
      await k.press('Enter');
      await k.until(() => globalThis.__kb.active()?.getAttribute('aria-expanded') === 'true', null, 'Enter opens the series');
      await k.focusOn(/series-toggle/, 'the series button, after opening');
      await k.press('Space');
      await k.until(() => globalThis.__kb.active()?.getAttribute('aria-expanded') === 'false', null, 'Space closes the series');
      await k.focusOn(/series-toggle/, 'the series button, after closing');
      await focusById(k.page, 'kb-start');
      await k.tabTo(/toggle-button"> "Tidligere"/);
      await k.press('Space');
      await k.until(() => globalThis.__kb.active()?.getAttribute('aria-pressed') === 'true', null, 'Space presses "Tidligere"');
      await k.until(() => !document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelector('[aria-busy="true"]'), null, 'past appointments');
      await shiftTab(k.page);
      await k.focusOn(/toggle-button"> "Kommende"/);
      await k.press('Enter');
      await k.until(() => globalThis.__kb.active()?.getAttribute('aria-pressed') === 'true', null, 'Enter presses "Kommende"');
      await k.until(() => !!document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelector('[part~="cancel-button"]'), null, 'upcoming appointments');
      // Enter on "Avbestill" opens the modal dialog; Escape closes it and focus comes back. The
      // story's mocks run on the real clock: the visit is one whose deadline cannot pass meanwhile.
      const safe = await cancellableVisit(k.page, 'omsorg-appointment-list', { shown: true });
      assert.ok(safe, 'a visit still cancellable in 15 minutes');
      const itsButton = new RegExp(`#act-${safe.replace(/[^\w-]/g, '\\$&')}(?![\\w-])`);
      const trigger = await k.tabTo(itsButton);
      await k.press('Enter');
      await k.until(dialogLoaded, null, 'the cancel dialog');
      await k.dialogTabOrder();
      await k.press('Escape');
      await k.until(dialogClosed, null, 'Escape to close the dialog');
      const back = await k.focusOn(itsButton, 'the "Avbestill" button that opened the dialog');
      assert.equal(back.desc, trigger.desc, 'focus returned to the same button');
    },
  },
  {
    story: 'elements-appointment-list--server-error',
    stops: [/retry-button/],
    async journey(k) {
      await k.tabTo(/retry-button/);
      await k.press('Enter');
      // Retry moves focus to the list's heading, then loads again (and fails again here).
      await k.focusOn(/omsorg-appointment-list >>> <h\d#title part="heading">/, 'the list heading');
      await k.until(() => !!document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelector('[part~="retry-button"]'), null, 'the error again');
    },
  },
  {
    story: 'elements-appointment-list--signed-out',
    stops: [/sign-in-button/],
    async journey(k) {
      await k.tabTo(/sign-in-button/);
      await k.press('Enter');
      await k.until(() => !!document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelector('[part~="item"]'), null, 'appointments after signing in with Enter');
    },
  },
  {
    story: 'elements-cancel-dialog--closed',
    stops: [/^<button> "Avbestill time"/],
    async journey(k) {
      for (const open of ['Enter', 'Space']) {
        await k.tabTo(/^<button> "Avbestill time"/);
        await k.press(open);
        await k.until(dialogLoaded, null, `${open} to open the dialog`);
        await k.focusOn(/omsorg-cancel-dialog >>> <h2#heading/, 'the dialog heading');
        const stops = await k.dialogTabOrder();
        if (open === 'Space') {
          // Space checks a reason, arrows move within the group.
          const radio = stops.find((s) => /type=radio/.test(s.desc));
          assert.ok(radio, 'the reasons are in the Tab order');
          await k.press('Escape');
          await k.until(dialogClosed, null, 'Escape to close the dialog');
          await k.focusOn(/^<button> "Avbestill time"/, 'the trigger');
          await k.press('Enter');
          await k.until(dialogLoaded, null, 'the dialog again');
          await k.tabTo(/type=radio/);
          await k.press('Space');
          await k.until(() => globalThis.__kb.active()?.checked === true, null, 'Space to check a reason');
          const first = (await k.focusedState()).value;
          await k.press('ArrowDown');
          await k.until((v) => globalThis.__kb.active()?.checked === true && globalThis.__kb.active().value !== v, first, 'ArrowDown to check the next reason');
        }
        await k.press('Escape');
        await k.until(dialogClosed, null, 'Escape to close the dialog');
        await k.focusOn(/^<button> "Avbestill time"/, 'the trigger that opened the dialog');
      }
    },
  },
  {
    story: 'elements-cancel-dialog--default',
    dialog: true,
    async journey(k) {
      // Opened by the story: Tab order inside, Enter on "Ikke avbestill" closes it.
      await k.dialogTabOrder();
      await k.tabTo(/close-button/);
      await k.press('Enter');
      await k.until(dialogClosed, null, 'Enter on "Ikke avbestill" closes the dialog');
    },
  },
  {
    story: 'elements-service-list--default',
    stops: [/omsorg-service-list >>> <a part="phone-link"/],
  },
  {
    story: 'elements-service-list--signed-out',
    stops: [/sign-in-button/],
    async journey(k) {
      await k.tabTo(/sign-in-button/);
      await k.press('Space');
      await k.until(() => !!document.querySelector('omsorg-service-list')?.shadowRoot?.querySelector('[part~="item"]'), null, 'services after signing in with Space');
    },
  },
  {
    story: 'elements-access-log--default',
    stops: [/omsorg-access-log >>> <input#from/, /omsorg-access-log >>> <input#to/, /omsorg-access-log >>> <button part="show-button">/],
    async journey(k) {
      // Enter on "Vis" asks for the period shown in the fields; the entries come back.
      await k.tabTo(/show-button/);
      await k.press('Enter');
      await k.until(() => !!document.querySelector('omsorg-access-log')?.shadowRoot?.querySelector('li[part~="item"]'), null, 'the entries after Enter on "Vis"');
    },
  },
  {
    story: 'elements-consent-panel--default',
    stops: [/omsorg-consent-panel >>> <button part="withdraw-button">/, /omsorg-consent-panel >>> <summary/],
    async journey(k) {
      // Withdrawing takes no more steps than giving: one key each, and focus stays on the button.
      await k.tabTo(/withdraw-button/);
      await k.press('Space');
      await k.focusOn(/give-button"> "Gi samtykke"/, '"Gi samtykke" once withdrawn');
      await k.press('Enter');
      await k.focusOn(/withdraw-button"> "Trekk samtykke"/, '"Trekk samtykke" once given again');
      // The history opens with the keyboard.
      await k.tabTo(/<summary/);
      await k.press('Enter');
      await k.until(() => !!document.querySelector('omsorg-consent-panel')?.shadowRoot?.querySelector('details[open]'), null, 'the history open');
    },
  },
  {
    story: 'elements-consent-panel--notices-alone',
    stops: [/omsorg-consent-panel >>> <input#notice-channel-sms/, /omsorg-consent-panel >>> <input#notice-event-message-new/, /omsorg-consent-panel >>> <select#notice-language/, /omsorg-consent-panel >>> <button part="save-notices-button">/],
    async journey(k) {
      // Space chooses a channel and an event; Enter on the save button saves them.
      await k.tabTo(/notice-channel-sms/);
      await k.press('Space');
      await k.tabTo(/notice-event-message-new/);
      await k.press('Space');
      await k.tabTo(/save-notices-button/);
      await k.press('Enter');
      await k.until(() => document.querySelector('omsorg-consent-panel')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('lagret') === true, null, 'the choices saved');
    },
  },
  {
    story: 'elements-inbox--default',
    stops: [/omsorg-inbox >>> <button part="new-button">/, /omsorg-inbox >>> <button part="thread-button">/],
    async journey(k) {
      // Enter opens a thread; its back button returns to the list with focus on that thread.
      const opener = await k.tabTo(/thread-button"> "Nye medisiner/);
      await k.press('Enter');
      await k.focusOn(/omsorg-message-thread >>> <h\d#title part="heading"> "Nye medisiner/, 'the opened thread\'s heading');
      await shiftTab(k.page);
      await k.focusOn(/back-button/, 'the back button, just before the thread');
      await k.press('Enter');
      const back = await k.focusOn(/thread-button"> "Nye medisiner/, 'the thread button that opened the thread');
      assert.equal(back.desc.replace(/, 1 ulest"$/, '"'), opener.desc.replace(/, 1 ulest"$/, '"'), 'focus returned to the same thread');
      // Space on "Ny melding" opens the form; Space picks a recipient; "Avbryt" returns focus.
      await k.tabTo(/new-button/);
      await k.press('Space');
      await k.until(() => !!document.querySelector('omsorg-inbox')?.shadowRoot?.querySelector('input[name="recipient"]'), null, 'the new-message form');
      await k.tabTo(/type=radio/);
      await k.press('Space');
      await k.until(() => globalThis.__kb.active()?.checked === true, null, 'Space to pick a recipient');
      await k.tabTo(/cancel-button"> "Avbryt"/);
      await k.press('Enter');
      await k.focusOn(/new-button/, 'the "Ny melding" button');
    },
  },
  {
    story: 'elements-message-thread--default',
    stops: [/download-button/, /<textarea#reply-text/, /type=file/, /send-button/],
    async journey(k) {
      const count = () => k.page.evaluate(() => document.querySelector('omsorg-message-thread')?.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0);
      const before = await count();
      await k.tabTo(/<textarea#reply-text/);
      await k.page.keyboard.type('Takk, det passer.');
      // Space on the file control opens the file chooser. The chooser is caught over a CDP
      // session of our own, its interception switched on (and awaited) before the key press:
      // the driver's own waitForFileChooser switches it on beside the press, and it drops a
      // chooser whose element it cannot adopt, which left a busy CI run waiting 8 s for nothing.
      await k.tabTo(/type=file/);
      const cdp = await k.page.createCDPSession();
      try {
        await cdp.send('Page.enable');
        await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true });
        const opened = new Promise((resolve) => cdp.once('Page.fileChooserOpened', resolve));
        await k.press('Space');
        let timer;
        const chooser = await Promise.race([
          opened,
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Space on the file control opened no file chooser in 8 s')), 8000))),
        ]).finally(() => clearTimeout(timer));
        assert.equal(chooser.mode, 'selectMultiple', 'the file chooser opens for several files');
      } finally {
        await cdp.send('Page.setInterceptFileChooserDialog', { enabled: false }).catch(() => {});
        await cdp.detach().catch(() => {});
      }
      await k.tabTo(/send-button/);
      await k.press('Enter');
      await k.until((n) => (document.querySelector('omsorg-message-thread')?.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0) > n, before, 'the reply in the thread');
      await k.until(() => document.querySelector('omsorg-message-thread')?.shadowRoot?.querySelector('textarea')?.value === '', null, 'the reply box emptied');
    },
  },
  {
    // A thread open inside the inbox: Tab runs through the back button and the thread, then out.
    story: 'elements-inbox--thread-open',
    stops: [/omsorg-inbox >>> <button part="back-button">/, /omsorg-message-thread >>> <textarea/],
  },
  {
    story: 'elements-provider--default',
    stops: [/omsorg-login >>> .*sign-out-button/, /omsorg-appointment-list >>> .*cancel-button/],
  },
  {
    story: 'pages-min-side--kari-acting-for-ola',
    stops: [/omsorg-login >>> <select/, /omsorg-appointment-list >>> .*cancel-button/, /omsorg-service-list >>> /],
  },
];

let sb, page, close;
before(async () => ({ sb, page, close } = await openStoryPage()));
after(() => close?.());

const only = process.env.KEYBOARD_STORIES?.split(',').filter(Boolean);

describe('keyboard-only journeys', () => {
  it('every element has a row, and every row has a story', () => {
    const stories = new Set(sb.ids);
    for (const r of ROWS) assert.ok(stories.has(r.story), `no story ${r.story}`);
    const elements = new Set(sb.ids.filter((id) => id.startsWith('elements-')).map((id) => id.split('--')[0]));
    const covered = new Set(ROWS.map((r) => r.story.split('--')[0]));
    for (const e of elements) assert.ok(covered.has(e), `no keyboard row for ${e}`);
  });

  for (const row of ROWS) {
    if (only && !only.includes(row.story)) continue;
    it(row.story, async () => {
      await openStory(page, sb.origin, row.story);
      await prepare(page);
      const k = driver(page);
      if (!row.dialog) {
        const expected = await expectedStops(page);
        for (const re of row.stops ?? []) assert.ok(expected.some((d) => re.test(d)), `${re} is not among the Tab stops:\n  ${expected.join('\n  ')}`);

        await focusById(page, 'kb-start');
        const forward = await walk(page, { stop: (f) => f.id === 'kb-end' });
        const visited = forward.slice(0, -1);
        assert.deepEqual(visited.map((s) => s.desc), expected, 'Tab visits every control once, in DOM order, and then leaves the element');
        assert.deepEqual(focusProblems(visited), [], 'every control shows visible focus');
        assert.deepEqual(orderProblems(visited), [], 'the Tab order follows the visual order');

        const back = await walk(page, { backwards: true, stop: (f) => f.id === 'kb-start' });
        assert.deepEqual(back.slice(0, -1).map((s) => s.desc).reverse(), await expectedStops(page, true), 'Shift+Tab walks the same stops back out');

        await focusById(page, 'kb-start');
      }
      await row.journey?.(k);
    });
  }
});
