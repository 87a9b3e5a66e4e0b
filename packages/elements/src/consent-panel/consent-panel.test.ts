/**
 * <omsorg-consent-panel>: consent to digital dialogue shown, given and withdrawn by the person, in
 * one step each, through the SDK's intent; what a relative sees; a change made elsewhere; a lost
 * network; hostile names; languages; the keyboard. The shared loading / error / signed-out /
 * acting-for behaviour runs from test/subject-data-behaviour.ts at the end.
 */
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { ifDefined } from 'lit/directives/if-defined.js';
import { dialogueConsentTextVersion } from '@omsorg/contract';
import { hostileText, subjectIds, type MockApi } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { SPACE } from '../test/keys.js';
import { API, mswWorker, testClient, until, useScenario } from '../test/setup.js';
import { messageClient as client, scenario } from '../test/messages.js';
import { $, $$, alertText, deepActive, inEveryLanguage, mountIn, mountSettled, polite, tabTo } from '../test/kit.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { messages } from './consent-panel.messages.js';
import type { OmsorgConsentPanel } from './consent-panel.js';
import './define.js';

const t = messages.nb;
const VERSION = 'a'.repeat(16);
type Panel = OmsorgConsentPanel;
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const text = (node: Element | null | undefined) => fold(node?.textContent ?? '');
const mount = (c: Client, template = html`<omsorg-consent-panel .client=${c}></omsorg-consent-panel>`) =>
  mountSettled<Panel>(template, 'the panel to load');
const statusPart = (el: Element) => $(el, '[part~="status"]')!.getAttribute('part')!.split(' ')[1];

/** Every request to the consent resource, as the worker sees it. */
function consentRequests(): { seen: Request[]; stop(): void } {
  const seen: Request[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname.endsWith('/dialogue-consent')) seen.push(request.clone());
  };
  mswWorker().events.on('request:start', listener);
  return { seen, stop: () => mswWorker().events.removeListener('request:start', listener) };
}

const olaConsent = (api: MockApi) => api.db.subjects.get(subjectIds.ola)!.dialogueConsent;

describe('<omsorg-consent-panel>', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await scenario('default');
  });
  afterEach(() => document.querySelectorAll('omsorg-consent-panel').forEach((e) => e.remove()));

  it('shows the consent text, what holds now and the history; offers to withdraw', async () => {
    const el = await mount(client('ola'));
    expect(text($(el, '[part="heading"]'))).to.equal(t.title);
    expect(text($(el, '[part="section-heading"]'))).to.equal(t.dialogueTitle);
    expect($$(el, '[part="consent-text"] p').map(text)).to.deep.equal(Object.values(t.dialogueText).map(fold));
    expect(statusPart(el)).to.equal('status-active');
    expect($(el, '[part~="status"] time')!.getAttribute('datetime')).to.equal(olaConsent(api)[0]!.decidedAt);
    expect($(el, '[part="give-button"]')).to.equal(null);
    expect(text($(el, '[part="withdraw-button"]'))).to.equal(t.withdraw);
    expect(text($(el, '[part="history"] summary'))).to.equal(t.history(olaConsent(api).length));
    expect(polite(el)).to.equal(t.loaded);
    await expect(el).to.be.accessible();
  });

  it('withdraws and gives in one step each: If-Match and one Idempotency-Key per change, the server keeps both decisions, focus stays on the button', async () => {
    const el = await mount(client('ola'));
    const before = olaConsent(api).length;
    const requests = consentRequests();
    $(el, '[part="withdraw-button"]')!.focus();
    $(el, '[part="withdraw-button"]')!.click();
    await until(() => statusPart(el) === 'status-inactive', 'withdrawn');
    expect(polite(el)).to.equal(t.withdrawn);
    expect(olaConsent(api)[0]!.status).to.equal('inactive');
    await until(() => deepActive() === $(el, '[part="give-button"]'), 'focus on the give button');

    $(el, '[part="give-button"]')!.click();
    await until(() => statusPart(el) === 'status-active', 'given again');
    expect(polite(el)).to.equal(t.given);
    await until(() => deepActive() === $(el, '[part="withdraw-button"]'), 'focus on the withdraw button');
    requests.stop();

    const puts = requests.seen.filter((r) => r.method === 'PUT');
    expect(puts).to.have.length(2);
    expect(puts.every((r) => /^"[^"]+"$/.test(r.headers.get('If-Match') ?? ''))).to.equal(true);
    expect(new Set(puts.map((r) => r.headers.get('Idempotency-Key'))).size).to.equal(2);
    expect(await puts[0]!.json()).to.deep.equal({ status: 'inactive', textVersion: dialogueConsentTextVersion });
    expect(olaConsent(api).length).to.equal(before + 2);
    expect(text($(el, '[part="history"] summary'))).to.equal(t.history(before + 2));
    await expect(el).to.be.accessible();
  });

  it('a double click sends one change', async () => {
    const el = await mount(client('ola'));
    const requests = consentRequests();
    const b = $(el, '[part="withdraw-button"]')!;
    b.click();
    b.click();
    await until(() => statusPart(el) === 'status-inactive', 'withdrawn');
    requests.stop();
    expect(requests.seen.filter((r) => r.method === 'PUT')).to.have.length(1);
  });

  it('a change made elsewhere meanwhile: refused by the server (412), says so and shows what holds now', async () => {
    const el = await mount(client('ola'));
    olaConsent(api).unshift({ status: 'inactive', textVersion: dialogueConsentTextVersion, decidedAt: '2026-12-01T10:00:00+01:00', decidedBy: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' } });
    $(el, '[part="withdraw-button"]')!.click();
    await until(() => !!$(el, '[part="save-error"]'), 'the refusal');
    expect(text($(el, '[part="save-error"]'))).to.equal(t.changedElsewhere);
    expect(alertText(el)).to.equal(t.changedElsewhere);
    expect(statusPart(el)).to.equal('status-inactive');
    expect($(el, '[part="give-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the network lost while saving: says so, keeps what was shown, and the same button tries again', async () => {
    const el = await mount(client('ola'));
    mswWorker().use(http.put(`${API}/v1/subjects/:id/dialogue-consent`, () => HttpResponse.error(), { once: true }));
    mswWorker().use(http.put(`${API}/v1/subjects/:id/dialogue-consent`, () => HttpResponse.error(), { once: true }));
    $(el, '[part="withdraw-button"]')!.click();
    await until(() => !!$(el, '[part="save-error"]'), 'the failure');
    expect(text($(el, '[part="save-error"]'))).to.equal(el['common'].errorNetwork);
    expect(statusPart(el)).to.equal('status-active');
    expect(olaConsent(api)[0]!.status).to.equal('active');
    $(el, '[part="withdraw-button"]')!.click();
    await until(() => statusPart(el) === 'status-inactive', 'withdrawn on the second try');
    expect($(el, '[part="save-error"]')).to.equal(null);
  });

  it('a relative acting for the person sees the state, but not the buttons', async () => {
    const el = await mount(client('kari'), html`<omsorg-consent-panel .client=${client('kari')} subject-id=${subjectIds.ola}></omsorg-consent-panel>`);
    await until(() => !!$(el, '[part="only-self"]'), 'the notice');
    expect(text($(el, '[part="heading"]'))).to.equal(`Samtykke og tilgang for Ola Nordmann`);
    expect(statusPart(el)).to.equal('status-active');
    expect($(el, '[part="withdraw-button"]')).to.equal(null);
    expect($(el, '[part="give-button"]')).to.equal(null);
    expect(text($(el, '[part="only-self"]'))).to.equal(t.onlySelf);
    await expect(el).to.be.accessible();
  });

  it('consent to an earlier text: says the text changed, offers both to give again and to withdraw', async () => {
    olaConsent(api)[0]!.textVersion = '2020-01';
    const el = await mount(client('ola'));
    expect(statusPart(el)).to.equal('status-outdated');
    expect($(el, '[part="give-button"]')).to.not.equal(null);
    expect($(el, '[part="withdraw-button"]')).to.not.equal(null);
    $(el, '[part="give-button"]')!.click();
    await until(() => statusPart(el) === 'status-active', 'given to the current text');
    expect(olaConsent(api)[0]!.textVersion).to.equal(dialogueConsentTextVersion);
  });

  it('a consent text this panel cannot show: no way to agree to it', async () => {
    mswWorker().use(
      http.get(`${API}/v1/subjects/:id/dialogue-consent`, () =>
        HttpResponse.json({ status: 'none', textVersion: null, currentTextVersion: '2099-01', history: [], version: VERSION }),
      ),
    );
    const el = await mount(client('ola'));
    expect(text($(el, '.section .notice'))).to.equal(t.textUnknown);
    expect($(el, '[part="consent-text"]')).to.equal(null);
    expect($(el, '[part="give-button"]')).to.equal(null);
    expect(statusPart(el)).to.equal('status-none');
    await expect(el).to.be.accessible();
  });

  it('shown alone (section="dialogue"): the section title is the heading, at the level asked for', async () => {
    const el = await mount(client('ola'), html`<omsorg-consent-panel .client=${client('ola')} section="dialogue" heading-level="3"></omsorg-consent-panel>`);
    const h = $(el, '[part="heading"]')!;
    expect(h.localName).to.equal('h3');
    expect(text(h)).to.equal(t.dialogueTitle);
    expect($(el, '[part="section-heading"]')).to.equal(null);
    expect($(el, 'section')!.getAttribute('aria-labelledby')).to.equal('title');
    await expect(el).to.be.accessible();
  });

  it('hostile names in the history are shown literally, isolated in <bdi>', async () => {
    olaConsent(api).unshift({ status: 'active', textVersion: dialogueConsentTextVersion, decidedAt: '2026-12-01T10:00:00+01:00', decidedBy: { id: 'psn-x', name: hostileText.img + hostileText.rtl } });
    const el = await mount(client('ola'));
    const bdi = $(el, '[part="history"] li bdi')!;
    expect(bdi.textContent).to.equal(hostileText.img + hostileText.rtl);
    expect($(el, '[part="history"] img')).to.equal(null);
  });

  it('follows lang (nn, en) without reading again', async () => {
    const all = await inEveryLanguage(messages);
    const requests = consentRequests();
    const { wrapper, el } = await mountIn<Panel>({ lang: 'nn' }, html`<omsorg-consent-panel .client=${client('ola')}></omsorg-consent-panel>`);
    await until(() => text($(el, '[part="section-heading"]')) === all.nn.dialogueTitle && !!$(el, '[part="withdraw-button"]'), 'nynorsk');
    expect($$(el, '[part="consent-text"] p').map(text)).to.deep.equal(Object.values(all.nn.dialogueText).map(fold));
    wrapper.lang = 'en';
    await until(() => text($(el, '[part="withdraw-button"]')) === all.en.withdraw, 'English');
    expect(text($(el, '[part="heading"]'))).to.equal(all.en.title);
    requests.stop();
    expect(requests.seen.filter((r) => r.method === 'GET')).to.have.length(1);
  });

  it('with the keyboard alone: Tab to the button, Space withdraws, Space gives again', async () => {
    const el = await mount(client('ola'));
    await tabTo((a) => a === $(el, '[part="withdraw-button"]'), { what: 'the withdraw button' });
    await sendKeys({ press: SPACE });
    await until(() => statusPart(el) === 'status-inactive' && deepActive() === $(el, '[part="give-button"]'), 'withdrawn, focus on give');
    await sendKeys({ press: SPACE });
    await until(() => statusPart(el) === 'status-active' && deepActive() === $(el, '[part="withdraw-button"]'), 'given, focus on withdraw');
  });

  it('shows a change another element made through the same client, without reading again', async () => {
    const c = client('ola');
    const el = await mount(c);
    const requests = consentRequests();
    const now = await c.getDialogueConsent('me');
    await c.setDialogueConsent({ status: 'inactive', textVersion: now.currentTextVersion, version: now.version });
    await until(() => statusPart(el) === 'status-inactive', 'the change shown');
    requests.stop();
    expect(requests.seen.map((r) => r.method)).to.deep.equal(['PUT']);
  });
});

subjectDataBehaviour({
  tag: 'omsorg-consent-panel',
  texts: messages.nb,
  scenario: (name) => useScenario(name),
  client: testClient,
  render: (c, subjectId) => html`<omsorg-consent-panel .client=${c} subject-id=${ifDefined(subjectId)}></omsorg-consent-panel>`,
  load: { method: 'getDialogueConsent', subject: (subjectId) => subjectId },
  hasData: (el) => !!el.shadowRoot?.querySelector('[part~="section"]'),
  actingFor: { person: 'per', subject: subjectIds.emma, own: subjectIds.per, name: 'Emma Hansen', nameInHeading: true },
});
