// Hostile host 1: a strict CSP with nonces, 'strict-dynamic' and Trusted Types.
//
// The page (pages/csp.html) has one nonced module script (pages/host-boot.mjs) that starts the
// msw mocks and adds the omsorg tag. A whole journey runs with ZERO securitypolicyviolation
// events and no page error: sign in, the list loads, cancel dialog, reason, confirm, cancelled;
// the inbox (its chunk loaded lazily) lists threads, a thread opens inside it, a reply is typed
// and sent and shows in the thread, back to the list (focus on the row), the new-message form
// opens; switch lang, sign out.
//
// Trusted Types policy names, and why each one:
//   lit-html     created by lit (inside omsorg.js) for its template HTML. The ONLY policy the
//                omsorg bundle creates; a page that writes the omsorg <script> tag itself (with
//                its nonce) needs `trusted-types lit-html` and nothing else. Without it lit throws
//                at load ("Policy lit-html disallowed") and no element works.
//   host-loader  the host page's own loader policy (pages/host-boot.mjs), not omsorg's: a page
//                that adds scripts dynamically must make `script.src` a TrustedScriptURL, and
//                msw calls `navigator.serviceWorker.register(string)`, which Trusted Types
//                refuse (measured: "ServiceWorkerContainer register" sink blocked). The loader
//                registers the worker with a TrustedScriptURL first; msw then reuses it.
// No `omsorg` policy: nothing in the bundle creates one. Two copies of the bundle under Trusted
// Types would each create 'lit-html': by the TT rules the second is refused unless the page adds
// `'allow-duplicates'` (not measured here).
//
// Needs a build: packages/elements/dist/cdn/{omsorg.js,omsorg-mocks.js}.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHostServer } from './server.mjs';
import {
  backToList,
  booted,
  cancellableVisit,
  click,
  openSeriesOf,
  HOST_ENGINES,
  inboxes,
  inboxesLoaded,
  launch,
  openableThread,
  openNewMessage,
  openThread,
  sendReply,
  shown,
  signIn,
  snapshot,
  threadIn,
  until,
  watchedPage,
} from './harness.mjs';

/** The policy names the page allows; see above. */
export const TRUSTED_TYPES = ['lit-html', 'host-loader'];

export const cspFor = (nonce) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${TRUSTED_TYPES.join(' ')}`,
  ].join('; ');

/** @type {Awaited<ReturnType<typeof startHostServer>>} */ let server;
/** @type {Record<string, Awaited<ReturnType<typeof launch>>>} */ const browsers = {};

before(async () => {
  server = await startHostServer({ headers: (_path, nonce) => ({ 'Content-Security-Policy': cspFor(nonce) }) });
  await Promise.all(HOST_ENGINES.map(async (e) => (browsers[e] = await launch(e))));
});

after(async () => {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
  await server?.close();
});

for (const engine of HOST_ENGINES) {
  test(`${engine}: strict CSP (nonce + strict-dynamic) and Trusted Types: a whole journey without one violation`, { timeout: 90_000 }, async (t) => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    // Which Trusted Types policies get created, and by which script.
    await page.evaluateOnNewDocument(() => {
      const created = [];
      Object.defineProperty(window, '__ttPolicies', { value: created });
      const tt = window.trustedTypes;
      if (!tt) return;
      const original = tt.createPolicy.bind(tt);
      tt.createPolicy = (name, rules) => {
        // The first frame in a script file (Firefox names this wrapper by the page's URL).
        const script = /https?:\/\/[^/\s]+(\/[^:)\s]*\.m?js)/;
        const at = (new Error().stack ?? '').split('\n').find((l) => script.test(l)) ?? '';
        created.push({ name, from: (at.match(script) ?? [])[1] ?? '?' });
        return original(name, rules);
      };
    });

    const res = await page.goto(`${server.url}/csp.html`, { waitUntil: 'load' });
    assert.match(res?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
    await booted(page);
    await shown(page, 'omsorg-login >>> button[part~="sign-in-button"]');

    // The message elements' chunk loads because <omsorg-inbox> is in the document.
    await shown(page, 'omsorg-inbox >>> button[part~="sign-in-button"]');

    // Styles come only from constructable stylesheets: no <style> element (style-src 'self' would
    // block it) and no inline style attribute anywhere in the elements (nested shadow roots too).
    const styling = () =>
      page.evaluate(() => {
        const out = [];
        const visit = (el) => {
          const root = el.shadowRoot;
          out.push({
            tag: el.localName,
            adopted: root?.adoptedStyleSheets.length ?? 0,
            styleTags: root?.querySelectorAll('style, link[rel="stylesheet"]').length ?? -1,
            styleAttrs: root?.querySelectorAll('[style]').length ?? -1,
          });
          root?.querySelectorAll('*').forEach((child) => child.localName.startsWith('omsorg-') && visit(child));
        };
        document.querySelectorAll('omsorg-login, omsorg-appointment-list, omsorg-service-list, omsorg-inbox').forEach(visit);
        return out;
      });
    const checkStyling = (list) => {
      for (const s of list) {
        assert.ok(s.adopted > 0, `<${s.tag}> styles itself through adoptedStyleSheets`);
        assert.equal(s.styleTags, 0, `<${s.tag}> has no <style>/<link> in its shadow root`);
        assert.equal(s.styleAttrs, 0, `<${s.tag}> has no style attribute in its shadow root`);
      }
    };
    checkStyling(await styling());

    // Sign in (mock), the list loads.
    let s = await signIn(page);
    assert.ok(s.lists[0].items.length > 0, 'the list shows visits');
    t.diagnostic(`signed in; ${s.lists[0].items.length} visits`);

    // Cancel one through the dialog.
    const target = await cancellableVisit(page);
    assert.ok(target, 'a visit that can be cancelled for good');
    await openSeriesOf(page, 'omsorg-appointment-list', target);
    await click(page, `omsorg-appointment-list >>> button#act-${target}`);
    await shown(page, 'omsorg-cancel-dialog >>> dialog[open]');
    await click(page, 'omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
    await click(page, 'omsorg-cancel-dialog >>> [part~="confirm-button"]');
    await shown(page, 'omsorg-cancel-dialog >>> [part~="outcome"]');
    await click(page, 'omsorg-cancel-dialog >>> [part~="close-button"]');
    await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });
    await until(async () => (await snapshot(page)).lists[0].items.find((i) => i.id === target)?.status === 'cancelled', `${target} shown as cancelled`);
    assert.ok(seen.api.some((r) => r.method === 'POST' && r.path.endsWith(`/appointments/${target}/cancellation`)), 'the cancel reached the mock API');

    // Messages: the inbox lists threads; open one, type and send a reply, back, new message.
    let inbox = (await inboxesLoaded(page))[0];
    assert.ok(inbox.rows.length > 0, 'the inbox lists threads');
    const threadId = await openableThread(page);
    const opened = await openThread(page, threadId);
    t.diagnostic(`inbox: ${inbox.rows.length} threads; thread ${threadId} opened with ${opened.messages.length} messages`);
    const text = `Takk, vi ses i morgen (${engine}).`;
    const thread = await sendReply(page, text);
    assert.ok(
      seen.api.some((r) => r.method === 'POST' && r.path.endsWith(`/threads/${threadId}/messages`)),
      'the reply reached the mock API',
    );
    assert.equal(thread.messages.filter((m) => m.own && m.text.includes(text)).length, 1, 'the reply is shown once');
    checkStyling(await styling()); // now with the thread view inside the inbox
    assert.ok((await styling()).some((x) => x.tag === 'omsorg-message-thread'), 'the thread view was checked too');
    assert.equal(await backToList(page), threadId, 'back in the list, focus is on the row of the thread just left');
    await openNewMessage(page);
    inbox = (await inboxes(page))[0];
    assert.equal(inbox.newForm, true, 'the new-message form is shown');
    const focused = await page.evaluate(() => document.querySelector('omsorg-inbox')?.shadowRoot?.activeElement?.id);
    assert.equal(focused, 'new-heading', 'focus moves to the new-message heading');
    await click(page, 'omsorg-inbox >>> [part~="new-message"] button[part~="cancel-button"]');
    await page.waitForSelector('omsorg-inbox >>> [part~="new-message"]', { hidden: true });
    await page.waitForSelector(threadIn(), { hidden: true });
    const inboxHeading = (await inboxesLoaded(page))[0].heading;

    // Switch language: the host flips <html lang>, the elements follow.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    s = await until(async () => {
      const x = await snapshot(page);
      return x.signOutText === 'Sign out' ? x : undefined;
    }, 'the login in English');
    assert.match(s.lists[0].heading ?? '', /[A-Za-z]/);
    await until(async () => (await inboxes(page))[0].heading !== inboxHeading, 'the inbox in English');

    // Sign out: everything shown is dropped.
    await click(page, 'omsorg-login >>> button[part~="sign-out-button"]');
    s = await until(async () => {
      const x = await snapshot(page);
      return x.signInButton && x.lists.every((l) => l.signedOut) ? x : undefined;
    }, 'signed out everywhere');
    assert.deepEqual(s.lists[0].items, []);
    await until(async () => (await inboxes(page)).every((i) => i.signedOut && i.rows.length === 0), 'the inbox signed out, its threads gone');

    const policies = await page.evaluate(() => window.__ttPolicies);
    t.diagnostic(`Trusted Types policies created: ${policies.map((p) => `${p.name} (${p.from})`).join(', ')}`);
    assert.deepEqual(
      policies.map((p) => p.name).sort(),
      [...TRUSTED_TYPES].sort(),
      'exactly the allowed policies are created, each once',
    );
    // The bundle's file, or a chunk it split lit into.
    assert.match(policies.find((p) => p.name === 'lit-html')?.from ?? '', /^\/omsorg(-[\w-]+)?\.js$/, 'lit-html is the bundle’s (lit) policy');
    assert.equal(policies.find((p) => p.name === 'host-loader')?.from, '/host-boot.mjs', 'host-loader is the page’s own');

    assert.deepEqual(seen.csp, [], 'no securitypolicyviolation event, no CSP / Trusted Types console error');
    assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
    await page.close();
  });
}

for (const engine of HOST_ENGINES) {
  test(`${engine}: the consent panel's dialogue section alone and the access log, in nynorsk, under the same CSP: withdrawn and given again without one violation`, { timeout: 60_000 }, async () => {
    const { page, seen } = await watchedPage(browsers[engine].browser);
    await page.goto(`${server.url}/consent-nn.html`, { waitUntil: 'load' });
    await booted(page);
    await click(page, 'omsorg-login >>> button[part~="sign-in-button"]');
    const panel = 'omsorg-consent-panel';
    await shown(page, `${panel} >>> [part~="withdraw-button"]`);
    const read = () =>
      page.evaluate((sel) => {
        const root = document.querySelector(sel)?.shadowRoot;
        const text = (q) => root?.querySelector(q)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
        return {
          heading: text('[part~="heading"]'),
          status: root?.querySelector('[part~="status"]')?.getAttribute('part') ?? null,
          give: text('[part~="give-button"]'),
          withdraw: text('[part~="withdraw-button"]'),
          styled: (root?.adoptedStyleSheets.length ?? 0) > 0 && root?.querySelectorAll('style, [style]').length === 0,
        };
      }, panel);
    let s = await read();
    assert.equal(s.heading, 'Samtykke til digital dialog', 'the section title is the heading, in nynorsk');
    assert.equal(s.withdraw, 'Trekk samtykke');
    assert.ok(s.styled, 'styled through adoptedStyleSheets only');
    await click(page, `${panel} >>> [part~="withdraw-button"]`);
    s = await until(async () => ((await read()).give ? read() : undefined), 'withdrawn');
    assert.equal(s.status, 'status status-inactive');
    assert.ok(seen.api.some((r) => r.method === 'PUT' && r.path.endsWith('/dialogue-consent')), 'the change reached the mock API');
    await click(page, `${panel} >>> [part~="give-button"]`);
    s = await until(async () => ((await read()).withdraw ? read() : undefined), 'given again');
    assert.equal(s.status, 'status status-active');
    // The access log beside it, in nynorsk too: entries, its period form, no inline style.
    const log = await until(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('omsorg-access-log')?.shadowRoot;
          const items = root?.querySelectorAll('li[part~="item"]').length ?? 0;
          return items > 0
            ? { items, heading: root?.querySelector('[part~="heading"]')?.textContent?.trim(), styled: (root?.adoptedStyleSheets.length ?? 0) > 0 && root?.querySelectorAll('style, [style]').length === 0 }
            : undefined;
        }),
      'the access log',
    );
    assert.equal(log.heading, 'Kven har sett opplysningane dine');
    assert.ok(log.styled, 'the log styled through adoptedStyleSheets only');
    assert.deepEqual(seen.csp, [], 'no securitypolicyviolation event, no CSP / Trusted Types console error');
    assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
    await page.close();
  });
}

