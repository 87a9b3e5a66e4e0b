// Consent and relatives' access for real, through the BFF (the shape `npm start` runs), two
// people at two computers (two browser contexts), the sandbox's PGlite and OpenID provider. Ola
// does everything in the demo page's consent panel ("Samtykke og tilgang"), as a person would:
// he types, presses and ticks; the test never calls the page's client to change anything.
//
// 1. Ola signs in and gives his daughter Kari access to see his appointments and services only:
//    her national identity number, "Finn personen", the confirmed name, "Se avtaler og
//    tjenester" alone, "Gi tilgang"; she is listed with just that, and the server holds just that.
// 2. Kari signs in, acts for Ola: she sees his visits, but his messages are refused.
// 3. Ola takes the access back ("Ta tilbake tilgangen", "Ja, ta tilbake"): Kari's next call is
//    refused and her list drops his visits.
// 4. Ola chooses notices by e-mail of a new message and saves; home nursing answers one of his
//    threads on the staff page; the development page /dev/notices lists the e-mail notice with
//    the exact text of the rules, and nothing of the service or the message. (Before step 5:
//    without consent to digital dialogue staff cannot write to him at all.)
// 5. Ola withdraws consent to digital dialogue in the consent panel: the inbox says why and
//    offers the consent section in its place; a new message is refused (403 consent-required);
//    his threads stay readable.
// 6. Ola's access log (the element) shows Kari's reads of his appointments.
// All along: no CSP violation, no uncaught page error, no contract violation by the sandbox.
//
//   node --test test/e2e/consent-journey.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { noticeText, osloDate } from '@omsorg/contract';
import { createRegister, noticeSender } from '@omsorg/fixtures';
import { staffPersons, staffReply } from '@omsorg/sandbox/test-support/staff.js';
import { signIn, startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const KARI = { id: 'psn-kari-2c91', name: 'Kari Nordmann' };
const LIST = 'omsorg-appointment-list:not(.next-visit)';
/** The demo page's consent panel (every section), not the one the inbox shows without consent. */
const PANEL = '#consent > omsorg-consent-panel';
const NURSE = staffPersons.nurse;

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let j;
/** @type {import('puppeteer-core').Page} */ let kari;

before(async () => {
  j = await startJourney({ bff: true });
  kari = await j.otherPage();
});
after(async () => {
  await j?.close();
});

/**
 * The consent panel: who may act for Ola (each with its access id, name and what they may do),
 * the name the look-up found, the number field, and its status and alert regions' text.
 * @param {import('puppeteer-core').Page} page
 */
const panel = (page) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    const fold = (/** @type {Element | null | undefined} */ e) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return {
      grants: [...(root?.querySelectorAll('[part="relatives-list"] [part="grant"]') ?? [])].map((li) => ({
        id: li.getAttribute('data-id'),
        name: fold(li.querySelector('.grant-name bdi')),
        text: fold(li),
      })),
      empty: !!root?.querySelector('[part="relatives-empty"]'),
      found: fold(root?.querySelector('#rel-found bdi')),
      number: /** @type {HTMLInputElement | null | undefined} */ (root?.querySelector('#rel-number'))?.value ?? null,
      busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
      status: fold(root?.querySelector('[role="status"]')),
      alert: fold(root?.querySelector('[role="alert"]')),
    };
  }, PANEL);

/** Whether the panel's checkbox `id` is ticked. @param {import('puppeteer-core').Page} page @param {string} id */
const ticked = (page, id) => page.evaluate((sel, id) => !!document.querySelector(sel)?.shadowRoot?.querySelector(`#${id}`)?.checked, PANEL, id);

/** The server's record of one access (`rac-<row>`): what it gives and whether it was taken back. @param {string} accessId */
async function grantRow(accessId) {
  const { rows } = await j.sandbox.db.query(`SELECT grantee_person_id, scopes, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, revoked_at FROM proxy_grants WHERE id = $1`, [Number(accessId.replace(/^rac-/, ''))]);
  return rows[0];
}

/** The visits the main list shows, its error text, and whether it is busy. @param {import('puppeteer-core').Page} page */
const listState = (page) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return {
      items: root?.querySelectorAll('li[part~="item"]').length ?? 0,
      error: root?.querySelector('[part~="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
    };
  }, LIST);

/** The inbox: thread rows, its error, the no-consent notice and whether the consent panel is in place. @param {import('puppeteer-core').Page} page */
const inboxState = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('omsorg-inbox')?.shadowRoot;
    return {
      rows: root?.querySelectorAll('li[part~="thread"]').length ?? 0,
      error: !!root?.querySelector('[part~="error"]'),
      noConsent: !!root?.querySelector('[part~="no-consent"]'),
      panelInPlace: !!root?.querySelector('omsorg-consent-panel')?.shadowRoot?.querySelector('[part~="give-button"]'),
      newButton: !!root?.querySelector('[part~="new-button"]'),
      busy: root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') === 'true',
    };
  });

test("Ola, in the consent panel, gives Kari his appointments only, takes it back, chooses notices, withdraws dialogue consent, and sees Kari's reads in his log", { timeout: 240_000 }, async () => {
  const { page, sandbox, until } = j;
  const kariNumber = createRegister(new Date()).kari.nationalIdentityNumber;

  // 1. Ola signs in (a fresh sign-in: no step-up needed) and, in the consent panel, gives Kari
  // appointments (and services) only: the number, the look-up, the name to confirm, one scope.
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await j.signIn(OLA);
  const before = await until(async () => {
    const s = await panel(page);
    return !s.busy && s.number !== null ? s : undefined;
  }, "Ola's relatives in the consent panel");
  await j.shown(`${PANEL} >>> #rel-number`);
  await page.locator(`${PANEL} >>> #rel-number`).fill(kariNumber);
  await until(async () => (await panel(page)).number === kariNumber, 'the number typed');
  await j.click(`${PANEL} >>> [part="look-up-button"]`);
  const found = await until(async () => (await panel(page)).found ?? undefined, 'the name the look-up found');
  assert.equal(found, KARI.name, 'the look-up names Kari, to confirm');
  await j.shown(`${PANEL} >>> #rel-found`);
  for (const c of ['see', 'cancel', 'messages']) assert.equal(await ticked(page, `rel-scope-${c}`), false, `nothing is chosen for her yet (${c})`);
  await j.click(`${PANEL} >>> #rel-scope-see`);
  await until(() => ticked(page, 'rel-scope-see'), '"Se avtaler og tjenester" ticked');
  await j.click(`${PANEL} >>> [part="grant-button"]`);
  const listed = await until(async () => {
    const s = await panel(page);
    const kariRow = s.grants.find((g) => g.name === KARI.name && !before.grants.some((b) => b.id === g.id));
    return kariRow && s.found === null ? { ...s, kariRow } : undefined;
  }, 'Kari listed with the access just given');
  const given = listed.kariRow;
  assert.match(given.text ?? '', /Kan se avtaler, se tjenester\./, `she may see his appointments and services: ${given.text}`);
  assert.doesNotMatch(given.text ?? '', /avbestille|meldinger/, 'and nothing else');
  assert.deepEqual(listed.grants.map((g) => g.name), [KARI.name], 'she is listed once: the new access replaced the old one');
  assert.equal(listed.number, '', 'the number is not kept in the form');
  assert.equal(listed.status, `${KARI.name} har nå tilgang til å handle på vegne av deg.`);
  const today = osloDate(new Date());
  const stored = await grantRow(/** @type {string} */ (given.id));
  assert.deepEqual(
    { relative: stored.grantee_person_id, scopes: stored.scopes, from: stored.valid_from, revoked: stored.revoked_at },
    { relative: KARI.id, scopes: ['appointments.read', 'services.read'], from: today, revoked: null },
    'the server gave Kari appointments and services only, from today, active',
  );

  // 2. Kari, at her own computer, acts for Ola: his visits, not his messages.
  await kari.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await signIn(kari, KARI);
  await kari.evaluate((s) => document.documentElement[Symbol.for('omsorg.client-provider')]?.value.setSubject(s), OLA.subject);
  const seen = await until(async () => {
    const s = await listState(kari);
    return s.items > 0 && !s.busy ? s : undefined;
  }, "Ola's visits on Kari's page");
  assert.ok(seen.items > 0);
  const inbox = await until(async () => {
    const s = await inboxState(kari);
    return s.error && !s.busy ? s : undefined;
  }, "Ola's messages refused on Kari's page");
  assert.equal(inbox.rows, 0, 'no thread of his is shown to her');

  // 3. Ola takes it back in the panel; Kari's next call is refused and her list drops his visits.
  await page.bringToFront(); // clicks wait for animation frames, which a background tab does not get
  await j.click(`${PANEL} >>> [part="relatives-list"] [data-revoke="${given.id}"]`);
  await j.click(`${PANEL} >>> [part="revoke-yes-button"]`);
  const taken = await until(async () => {
    const s = await panel(page);
    return s.grants.some((g) => g.id === given.id) ? undefined : s;
  }, "Kari's access gone from Ola's panel");
  assert.equal(taken.empty, true, 'no one may act for him now');
  assert.equal(taken.status, 'Tilgangen er tatt tilbake.');
  assert.ok((await grantRow(/** @type {string} */ (given.id))).revoked_at, 'the server took it back');
  await kari.evaluate((sel) => document.querySelector(sel)?.reload(), LIST);
  const after = await until(async () => {
    const s = await listState(kari);
    return !s.busy && (s.error || s.items === 0) ? s : undefined;
  }, "Kari's list after the access was taken back");
  assert.equal(after.items, 0, "Ola's visits are gone from Kari's page");
  assert.ok(after.error, 'she is told why');

  // 4. Ola chooses notices: e-mail, of a new message only. Home nursing answers one of his
  // threads (on the staff page, over HTTP); the development page lists the notice that would
  // have been sent, in the words of the rules and with nothing of the service or the message.
  // Before step 5: without consent to digital dialogue staff cannot write to him at all.
  await page.bringToFront();
  await j.shown(`${PANEL} >>> [part="save-notices-button"]`);
  for (const id of ['notice-channel-sms', 'notice-channel-email', 'notice-event-message-new']) assert.equal(await ticked(page, id), false, `nothing chosen yet (${id})`);
  await j.click(`${PANEL} >>> #notice-channel-email`);
  await j.click(`${PANEL} >>> #notice-event-message-new`);
  await until(async () => (await ticked(page, 'notice-channel-email')) && ticked(page, 'notice-event-message-new'), 'e-mail and "Ny melding fra omsorgstjenesten" ticked');
  await j.click(`${PANEL} >>> [part="save-notices-button"]`);
  await until(async () => (await panel(page)).status === 'Valgene for varsler er lagret.', '"Valgene for varsler er lagret."');
  assert.equal(await ticked(page, 'notice-channel-sms'), false, 'SMS not chosen');

  const [thread] = (
    await sandbox.db.query(
      `SELECT t.id, t.title, c.name AS care_service FROM threads t JOIN care_services c ON c.id = t.care_service_id
        WHERE t.subject_id = $1 AND t.status = 'open' AND t.care_service_id = $2 ORDER BY t.id LIMIT 1`,
      [OLA.subject, NURSE.careServiceId],
    )
  ).rows;
  assert.ok(thread, 'Ola has an open thread with home nursing');
  const answer = `Vi kommer med nye bandasjer til såret på torsdag ${Date.now()}`;
  await staffReply(sandbox.url, { staffId: NURSE.id, subjectId: OLA.subject, threadId: thread.id, text: answer });

  const dev = await j.otherPage();
  const expected = noticeText('message-new', 'nb', noticeSender, { threadId: thread.id });
  const notices = await until(async () => {
    await dev.goto(`${sandbox.url}/dev/notices`, { waitUntil: 'load' });
    const rows = await dev.evaluate(() =>
      [...document.querySelectorAll('table tbody tr')].map((tr) => {
        const [when, to, channel, event, subject, text, status] = [...tr.querySelectorAll('td')].map((td) => td.innerText.trim());
        return { when, to, channel, event, subject, text, status, row: tr.textContent ?? '' };
      }),
    );
    const ola = rows.filter((r) => r.to.startsWith(OLA.name));
    return ola.length ? ola : undefined;
  }, "Ola's notice on /dev/notices");
  assert.equal(notices.length, 1, `one notice, by e-mail only: ${JSON.stringify(notices)}`);
  const [notice] = notices;
  assert.deepEqual(
    { to: notice.to.replace(/\s+/g, ' '), channel: notice.channel, event: notice.event, subject: notice.subject, text: notice.text },
    { to: `${OLA.name} o***@example.no`, channel: 'E-post', event: 'Ny melding', subject: expected.subject, text: expected.text },
  );
  for (const health of [thread.care_service, thread.title, answer, 'Hjemmesykepleie', 'bandasje']) {
    assert.ok(!notice.row.toLowerCase().includes(String(health).toLowerCase()), `the notice says nothing of "${health}": ${notice.row}`);
  }
  await dev.close();

  // 4b. The notice's link lands on the thread after sign-in. The link is the municipality's Min
  // side with the thread's opaque id; here the demo page stands in for it, signed out at first.
  const link = new URL(/https?:\/\/\S+/.exec(notice.text)?.[0] ?? 'about:blank');
  assert.equal(`${link.origin}${link.pathname}`, noticeSender.url);
  assert.deepEqual([...link.searchParams.keys()], ['omsorg-thread'], 'the link carries the thread id and nothing else');
  assert.equal(link.searchParams.get('omsorg-thread'), thread.id);
  const fromNotice = await j.otherPage();
  await fromNotice.goto(`${sandbox.url}/${link.search}`, { waitUntil: 'load' });
  const landed = await signIn(fromNotice, OLA, {
    what: 'the linked thread open in the inbox after sign-in',
    done: (p) =>
      p.evaluate((id) => {
        const view = document.querySelector('omsorg-inbox')?.shadowRoot?.querySelector('omsorg-message-thread');
        if (!view || /** @type {any} */ (view).threadId !== id) return undefined;
        const text = view.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
        return text.includes('Vi kommer med nye bandasjer') ? { path: location.pathname, search: location.search } : undefined;
      }, thread.id),
  });
  assert.deepEqual(landed, { path: '/', search: link.search }, 'back on the page the link named, after the sign-in');
  await fromNotice.close();

  // 5. Ola withdraws dialogue consent in the panel: the inbox offers the consent section in
  // place of a new message, a new message is refused, his threads stay readable.
  await page.bringToFront();
  await j.click(`${PANEL} >>> [part~="withdraw-button"]`);
  await j.shown(`${PANEL} >>> [part~="give-button"]`);
  const olaInbox = await until(async () => {
    const s = await inboxState(page);
    return s.noConsent && s.panelInPlace ? s : undefined;
  }, 'the inbox without consent');
  assert.ok(olaInbox.rows > 0, 'his threads stay readable');
  assert.equal(olaInbox.newButton, false, 'no new message offered');
  const refused = await page.evaluate(async () => {
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
    const base = client.auth.kind === 'bff' ? client.auth.apiBaseUrl : location.origin;
    const url = `${base}/v1/subjects/me/threads`;
    const headers = await client.auth.authorize({ method: 'POST', url });
    const service = (await client.listServices('me')).items.find((x) => x.status === 'active');
    const r = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ grantedServiceId: service?.id, title: 'Hei', text: 'Uten samtykke' }),
    });
    return { status: r.status, type: (await r.json().catch(() => ({}))).type ?? null };
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.type, 'urn:omsorg:problem:consent-required');

  // 6. His access log: Kari's reads of his appointments, by name, as a relative.
  await page.evaluate(() => document.querySelector('omsorg-access-log')?.reload());
  const log = await until(
    () =>
      page.evaluate(() => {
        const root = document.querySelector('omsorg-access-log')?.shadowRoot;
        if (root?.querySelector('[part~="content"]')?.getAttribute('aria-busy') !== 'false') return undefined;
        const rows = [...(root?.querySelectorAll('li[part~="item"]') ?? [])].map((li) =>
          Object.fromEntries([...li.querySelectorAll('dt')].map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim()])),
        );
        return rows.length ? rows : undefined;
      }),
    "Ola's access log",
  );
  assert.ok(
    log.some((r) => r.Hvem === KARI.name && r.Rolle === 'Pårørende' && r.Hva === 'Avtaler' && r.Handling === 'Lest'),
    `Kari's read of his appointments is in his log: ${JSON.stringify(log.slice(0, 6))}`,
  );

  assert.deepEqual(j.problems.csp, [], 'no CSP violation');
  assert.deepEqual(j.problems.pageErrors, [], 'no uncaught page error');
  assert.deepEqual(sandbox.api.contractViolations, [], 'the sandbox kept to the contract');
});
