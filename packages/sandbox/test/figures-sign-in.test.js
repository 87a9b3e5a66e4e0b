// @ts-check
// The management role for real: the development provider puts `roles: ["management"]` in the
// manager's access token (and none in a citizen's), and the API checks it on every request.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { TEST_CLIENT_ID } from '../src/server.js';
import { startTestSandbox } from '../test-support/sandbox.js';
import { signIn } from '../test-support/login.js';
import { NOW } from './api-helpers.js';

/** @type {Awaited<ReturnType<typeof startTestSandbox>>} */
let sandbox;
/** @type {Awaited<ReturnType<typeof startTestSandbox>>['s']} */
let s;

before(async () => {
  sandbox = await startTestSandbox({ now: NOW });
  ({ s } = sandbox);
});
after(() => sandbox?.close());

/** The claims of a JWT (not verified: the API does that). @param {string} jwt */
const claims = (jwt) => JSON.parse(Buffer.from(/** @type {string} */ (jwt.split('.')[1]), 'base64url').toString('utf8'));

it('the manager signs in with the role and reads the figures; a citizen gets 403; the manager reads no person', async () => {
  const base = { issuer: s.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${s.url}/callback` };
  const manager = await signIn({ ...base, personId: 'psn-leder-5c2e', dpop: true });
  const ola = await signIn({ ...base, personId: 'psn-ola-7f3a' });
  assert.deepEqual(claims(manager.accessToken).roles, ['management']);
  assert.equal(claims(ola.accessToken).roles, undefined);

  const url = `${s.url}/v1/management/figures`;
  const ok = await fetch(url, { headers: await manager.authorization('GET', url) });
  assert.equal(ok.status, 200);
  const figures = /** @type {any} */ (await ok.json());
  // The fictional population is seeded by default: some figures are shown.
  assert.ok(figures.rows.some((/** @type {any} */ r) => typeof r.cancellations.total === 'number'));

  const refused = await fetch(url, { headers: await ola.authorization('GET', url) });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  assert.equal((/** @type {any} */ (await refused.json())).type, 'urn:omsorg:problem:forbidden');

  for (const path of ['/v1/me', '/v1/subjects/sub-ola-7f3a/appointments']) {
    const r = await fetch(`${s.url}${path}`, { headers: await manager.authorization('GET', `${s.url}${path}`) });
    assert.equal(r.status, 403, path);
  }
  assert.deepEqual(s.api?.contractViolations ?? [], []);
});

it('serves the management page under its strict CSP: its own script, style and Chart.js files, no inline script or style', async () => {
  const { MANAGEMENT_CSP } = await import('../src/management/page.js');
  const page = await fetch(`${s.url}/management`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), MANAGEMENT_CSP);
  assert.doesNotMatch(MANAGEMENT_CSP, /unsafe-inline|unsafe-eval/);
  const text = await page.text();
  // Scripts: the page's own files, and one JSON data block (the texts), which is never run.
  const scripts = text.match(/<script\b[^>]*>/g) ?? [];
  for (const tag of scripts) assert.match(tag, /\bsrc="\/management\/|^<script type="application\/json" id="texts">$/, tag);
  assert.equal(scripts.filter((tag) => !/\bsrc=/.test(tag)).length, 1);
  assert.doesNotMatch(text, /<style|\sstyle=|\son[a-z]+=/i);
  // The data block: the texts, the Intl locales and the reason labels the page's charts use, from the code set.
  const data = JSON.parse(/** @type {string} */ (text.match(/<script type="application\/json" id="texts">([^<]*)<\/script>/)?.[1]));
  assert.equal(data.lang, 'nb');
  assert.deepEqual(data.locales, ['nb-NO']);
  assert.equal(data.texts.under5, 'under 5');
  assert.equal(data.reasons['pat-crs'], 'Jeg er syk');
  /** @type {[string, RegExp][]} */
  const assets = [
    ['/management/figures.js', /^text\/javascript/],
    ['/management/figures.css', /^text\/css/],
    ['/management/chart.umd.min.js', /^text\/javascript/],
  ];
  for (const [path, type] of assets) {
    const r = await fetch(`${s.url}${path}`);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', type);
    assert.ok((await r.text()).length > 100, path);
  }
  assert.equal((await fetch(`${s.url}/management/../src/server.js`)).status, 404);
  assert.equal((await fetch(`${s.url}/management/nope.js`)).status, 404);
});
