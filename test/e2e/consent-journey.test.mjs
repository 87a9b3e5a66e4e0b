// Consent and relatives' access for real, through the BFF (the shape `npm start` runs), two
// people at two computers (two browser contexts), the sandbox's PGlite and OpenID provider:
//
// 1. Ola signs in and gives his daughter Kari access to his appointments only (the relatives'
//    access API through the page's client: no element gives access yet).
// 2. Kari signs in, acts for Ola: she sees his visits, but his messages are refused.
// 3. Ola takes the access back: Kari's next call is refused and her list drops his visits.
// 4. Ola withdraws consent to digital dialogue in the consent panel: the inbox says why and
//    offers the consent section in its place; a new message is refused (403 consent-required);
//    his threads stay readable.
// 5. Ola's access log (the element) shows Kari's reads of his appointments.
// All along: no CSP violation, no uncaught page error, no contract violation by the sandbox.
//
//   node --test test/e2e/consent-journey.test.mjs       (needs `npm run build`)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createRegister } from '@omsorg/fixtures';
import { signIn, startJourney } from './sandbox-browser.mjs';

const OLA = { id: 'psn-ola-7f3a', name: 'Ola Nordmann', subject: 'sub-ola-7f3a' };
const KARI = { id: 'psn-kari-2c91', name: 'Kari Nordmann' };
const LIST = 'omsorg-appointment-list:not(.next-visit)';

/** @type {Awaited<ReturnType<typeof startJourney>>} */ let j;
/** @type {import('puppeteer-core').Page} */ let kari;

before(async () => {
  j = await startJourney({ bff: true });
  kari = await j.otherPage();
});
after(async () => {
  await j?.close();
});

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

test("Ola gives Kari his appointments only, takes it back, withdraws dialogue consent, and sees Kari's reads in his log", { timeout: 240_000 }, async () => {
  const { page, sandbox, until } = j;
  const kariNumber = createRegister(new Date()).kari.nationalIdentityNumber;

  // 1. Ola signs in (a fresh sign-in: no step-up needed) and gives Kari appointments only.
  await page.goto(`${sandbox.url}/`, { waitUntil: 'load' });
  await j.signIn(OLA);
  const given = await page.evaluate(async (number) => {
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const end = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(Date.now() + 30 * 86_400_000));
    const named = await client.lookUpPerson(number);
    const access = await client.grantRelativeAccess({ nationalIdentityNumber: number, scopes: ['appointments.read'], period: { start: today, end } });
    return { named: named.name, relative: access.relative.name, scopes: access.scopes, status: access.status, id: access.id };
  }, kariNumber);
  assert.equal(given.named, KARI.name, 'the look-up names Kari, to confirm');
  assert.deepEqual({ relative: given.relative, scopes: given.scopes, status: given.status }, { relative: KARI.name, scopes: ['appointments.read'], status: 'active' });

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

  // 3. Ola takes it back; Kari's next call is refused and her list drops his visits.
  const taken = await page.evaluate(async (id) => {
    const client = document.documentElement[Symbol.for('omsorg.client-provider')]?.value;
    const a = await client.revokeRelativeAccess(id);
    return { status: a.status, revokedAt: a.revokedAt };
  }, given.id);
  assert.equal(taken.status, 'inactive');
  assert.ok(taken.revokedAt);
  await kari.evaluate((sel) => document.querySelector(sel)?.reload(), LIST);
  const after = await until(async () => {
    const s = await listState(kari);
    return !s.busy && (s.error || s.items === 0) ? s : undefined;
  }, "Kari's list after the access was taken back");
  assert.equal(after.items, 0, "Ola's visits are gone from Kari's page");
  assert.ok(after.error, 'she is told why');

  // 4. Ola withdraws dialogue consent in the panel: the inbox offers the consent section in
  // place of a new message, a new message is refused, his threads stay readable.
  await page.bringToFront();
  await j.click('omsorg-consent-panel >>> [part~="withdraw-button"]');
  await j.shown('omsorg-consent-panel >>> [part~="give-button"]');
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

  // 5. His access log: Kari's reads of his appointments, by name, as a relative.
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
