/**
 * <omsorg-consent-panel>'s step-up with the SDK's own mock sign-in: the refusal's `maxAge`
 * reaches `auth.signIn`, the mock's sign-in time becomes now (an ordinary sign-in would keep the
 * hour-old one, as a provider's single sign-on does), and the same press then succeeds.
 */
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { createClient, createMockAuth, type Client, type SignInOptions } from '@omsorg/sdk';
import { API, mswWorker, until } from '../test/setup.js';
import { scenario } from '../test/messages.js';
import { $, $$, mountSettled, polite } from '../test/kit.js';
import { messages } from './consent-panel.messages.js';
import type { OmsorgConsentPanel } from './consent-panel.js';
import './define.js';

const t = messages.nb;
const names = (el: Element, list: string) => $$(el, `[part="${list}"] [part="grant"] .grant-name bdi`).map((b) => b.textContent);

/** Ola, signed in an hour ago on the mock sign-in, and every `signIn` call's options. */
function olaSignedInAnHourAgo(): { client: Client; signIns: (SignInOptions | undefined)[] } {
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false, authTime: Math.floor(Date.now() / 1000) - 3600 });
  const signIns: (SignInOptions | undefined)[] = [];
  const signIn = auth.signIn.bind(auth);
  auth.signIn = (options) => {
    signIns.push(options);
    return signIn(options);
  };
  return { client: createClient({ baseUrl: API, auth, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } }), signIns };
}

const mount = (c: Client) => mountSettled<OmsorgConsentPanel>(html`<omsorg-consent-panel .client=${c} section="relatives"></omsorg-consent-panel>`, 'the panel to load');

describe('<omsorg-consent-panel>: step-up through the mock sign-in', () => {
  beforeEach(async () => {
    await scenario('default');
  });
  afterEach(() => document.querySelectorAll('omsorg-consent-panel').forEach((e) => e.remove()));

  it("taking access back: the refusal's max age reaches auth.signIn, and the same press then succeeds", async () => {
    const { client, signIns } = olaSignedInAnHourAgo();
    const el = await mount(client);
    expect(names(el, 'relatives-list')).to.deep.equal(['Kari Nordmann']);
    $(el, '[part="revoke-button"]')!.click();
    await until(() => !!$(el, '[part="revoke-yes-button"]'), 'the confirmation');
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="step-up"]'), 'the step-up state');
    expect(signIns).to.deep.equal([]);
    $(el, '[part="step-up-sign-in-button"]')!.click();
    await until(() => polite(el) === t.stepUpDone, 'signed in again');
    expect(signIns).to.deep.equal([{ maxAge: 300 }]);
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="relatives-empty"]'), 'taken back on the second press');
    expect(polite(el)).to.equal(t.revoked);
    expect($(el, '[part="step-up"]')).to.equal(null);
  });

  it("passes the max age the server named, not a fixed one", async () => {
    mswWorker().use(
      http.delete(
        `${API}/v1/subjects/me/relatives-access/:id`,
        () =>
          HttpResponse.json(
            { type: problemTypes.stepUpRequired, title: 'Step-up required', status: 403, maxAge: 120 },
            { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        { once: true },
      ),
    );
    const { client, signIns } = olaSignedInAnHourAgo();
    const el = await mount(client);
    $(el, '[part="revoke-button"]')!.click();
    await until(() => !!$(el, '[part="revoke-yes-button"]'), 'the confirmation');
    $(el, '[part="revoke-yes-button"]')!.click();
    await until(() => !!$(el, '[part="step-up"]'), 'the step-up state');
    $(el, '[part="step-up-sign-in-button"]')!.click();
    await until(() => signIns.length === 1, 'signed in again');
    expect(signIns).to.deep.equal([{ maxAge: 120 }]);
  });
});
