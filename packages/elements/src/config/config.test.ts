/**
 * The configuration file (config/load.ts): read from `data-config` or inline, checked, applied.
 * A file that cannot be used gives exactly one console.error naming the field and makes the
 * elements unavailable; a good one sets texts and a registered language, turns features off and
 * gives the municipality's phone and opening hours where a list or the dialog says "call".
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { Appointment } from '@omsorg/contract';
import { testClient, until, useScenario } from '../test/setup.js';
import { $, $$, button, mountSettled } from '../test/kit.js';
import { scenario, messageClient, draftSavesDone } from '../test/messages.js';
import { clearRegisteredLocales } from '../internal/locale.js';
import { clearHostTexts, common } from '../internal/messages.js';
import { pageSettings, setPageSettings } from '../internal/settings.js';
import { renderDays, type ItemContext } from '../appointment-list/appointment-list.render.js';
import { messages as listMessages } from '../appointment-list/appointment-list.messages.js';
import { messages as inboxMessages } from '../inbox/inbox.messages.js';
import { renderClosed } from '../cancel-dialog/cancel-dialog.templates.js';
import { messages as dialogMessages } from '../cancel-dialog/cancel-dialog.messages.js';
import { apply, asData, loadPageConfig, problemIn } from './load.js';
import type { OmsorgConfig } from './types.js';
import '../appointment-list/define.js';
import '../login/define.js';
import '../inbox/define.js';

/** Console errors while `fn` runs. */
async function errorsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const real = console.error;
  console.error = (...a: unknown[]) => void seen.push(a.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.error = real;
  }
  return seen;
}

function inlineConfig(text: string): HTMLScriptElement {
  const s = document.createElement('script');
  s.type = 'application/json';
  s.dataset.omsorgConfig = '';
  s.textContent = text;
  document.body.append(s);
  return s;
}

/** A loader tag (not run) with `data-config`. */
function tagWith(config: string): HTMLScriptElement {
  const s = document.createElement('script');
  s.type = 'text/plain';
  s.dataset.config = config;
  return s;
}

afterEach(() => {
  setPageSettings(undefined);
  clearHostTexts();
  clearRegisteredLocales();
  document.querySelectorAll('script[data-omsorg-config]').forEach((s) => s.remove());
});

describe('config: reading and checking', () => {
  it('reads /demo/omsorg.json from data-config and applies it, with no console error', async () => {
    let outcome: Awaited<ReturnType<typeof loadPageConfig>> | undefined;
    const errors = await errorsDuring(async () => (outcome = await loadPageConfig(tagWith('/demo/omsorg.json'))));
    expect(errors).to.deep.equal([]);
    expect(outcome!.ok).to.equal(true);
    if (!outcome?.ok) return;
    expect(outcome.data.auth).to.equal('bff');
    expect(outcome.off).to.include('access-log');
    expect(pageSettings().features.messageAttachments).to.equal(false);
    expect(pageSettings().contact?.phone).to.equal(outcome.config.contact!.phone);
  });

  it('an inline <script type="application/json" data-omsorg-config> works too (read as JSON, never run)', async () => {
    inlineConfig('{"version":1,"features":{"cancellation":false}}');
    const outcome = await loadPageConfig(null);
    expect(outcome.ok).to.equal(true);
    expect(pageSettings().features.cancellation).to.equal(false);
    if (outcome.ok) expect(outcome.off, 'no cancelling, no dialog').to.deep.equal(['cancel-dialog']);
  });

  for (const [label, make, expected] of [
    ['a wrong phone', () => inlineConfig('{"version":1,"contact":{"phone":"ring oss"}}'), /^omsorg config: contact\.phone must be a phone number/],
    ['a misspelt feature', () => inlineConfig('{"version":1,"features":{"cancelation":false}}'), /^omsorg config: features\.cancelation is not a setting here \(known: cancellation,/],
    ['oidc without a client id', () => inlineConfig('{"version":1,"auth":{"kind":"oidc","authority":"https://idporten.no"}}'), /^omsorg config: auth\.clientId is missing$/],
    ['not JSON', () => inlineConfig('{"version":1,}'), /^omsorg config: the inline <script data-omsorg-config> is not JSON/],
    ['a file that is not there', () => undefined, /^omsorg config: http:\/\/[^ ]+\/demo\/no-such-file\.json could not be loaded \(HTTP 404\)$/],
  ] as const) {
    it(`${label}: exactly one console.error naming it, and the elements unavailable`, async () => {
      make();
      let outcome: Awaited<ReturnType<typeof loadPageConfig>> | undefined;
      const errors = await errorsDuring(async () => (outcome = await loadPageConfig(label === 'a file that is not there' ? tagWith('/demo/no-such-file.json') : null)));
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(expected);
      expect(outcome!.ok).to.equal(false);
      expect(pageSettings().unavailable).to.equal(true);
    });
  }

  it('problemIn agrees with the examples', () => {
    expect(problemIn({ version: 1 })).to.equal(undefined);
    expect(problemIn({ version: 1, elements: { inbox: 'no' } })).to.equal('omsorg config: elements.inbox must be true or false, not "no"');
    expect(problemIn([])).to.equal('omsorg config: the file must be an object ({ … }), not []');
  });

  it("the file's API and sign-in settings become the data-* attributes they stand for", () => {
    const config: OmsorgConfig = { version: 1, api: { baseUrl: '/api' }, auth: { kind: 'oidc', authority: 'https://idporten.no', clientId: 'x', dpop: true }, features: { watchUnread: true } };
    expect(asData(config)).to.deep.equal({ api: '/api', auth: 'oidc', authority: 'https://idporten.no', clientId: 'x', dpop: 'true', watchUnread: '' });
  });
});

describe('config: applied to the elements', () => {
  beforeEach(async () => {
    await useScenario('default');
  });

  it('texts and a registered language (se, over nynorsk) reach the elements', async () => {
    apply({
      version: 1,
      locales: { se: { base: 'nn' } },
      texts: { nn: { 'appointment-list': { title: 'Besøk frå kommunen' } }, se: { login: { signIn: 'Čáli sisa' } } },
    });
    const wrapper = await fixture<HTMLElement>(html`<div lang="nn"><omsorg-appointment-list .client=${testClient('ola')}></omsorg-appointment-list><omsorg-login .client=${testClient('ola', { signedIn: false })}></omsorg-login></div>`);
    const list = wrapper.querySelector('omsorg-appointment-list')!;
    const login = wrapper.querySelector('omsorg-login')!;
    await until(() => $(list, '[part~="heading"]')?.textContent?.trim() === 'Besøk frå kommunen', 'the nynorsk override');
    wrapper.lang = 'se';
    await until(() => $(login, '[part~="sign-in-button"]')?.textContent?.trim() === 'Čáli sisa', 'the registered language');
  });

  it('cancellation and the calendar off: no cancel or calendar buttons in the list', async () => {
    const list = await mountSettled<HTMLElement>(html`<omsorg-appointment-list .client=${testClient('ola')}></omsorg-appointment-list>`);
    expect($$(list, '[part~="cancel-button"]').length, 'on by default').to.be.greaterThan(0);
    expect($$(list, '[part~="calendar-button"]').length).to.be.greaterThan(0);
    list.remove();
    apply({ version: 1, features: { cancellation: false, addToCalendar: false } });
    const off = await mountSettled<HTMLElement>(html`<omsorg-appointment-list .client=${testClient('ola')}></omsorg-appointment-list>`);
    expect($$(off, 'li[part~="item"]').length).to.be.greaterThan(0);
    expect($$(off, '[part~="cancel-button"]')).to.have.length(0);
    expect($$(off, '[part~="calendar-button"]')).to.have.length(0);
    await expect(off).to.be.accessible();
  });

  it('attachments off: a new message has no attachments field', async () => {
    await scenario('default');
    const t = inboxMessages.nb;
    const open = async () => {
      const el = await mountSettled<HTMLElement>(html`<omsorg-inbox .client=${messageClient()}></omsorg-inbox>`, 'the inbox');
      button(el, t.newMessage)!.click();
      await until(() => !!$(el, 'input[name="recipient"]'), 'the new message form');
      return el;
    };
    const on = await open();
    expect($(on, '[part~="attachments"]'), 'on by default').to.exist;
    on.remove();
    await draftSavesDone();
    apply({ version: 1, features: { messageAttachments: false } });
    const off = await open();
    expect($(off, '[part~="attachments"]')).to.equal(null);
    expect($(off, 'input[type="file"]')).to.equal(null);
    off.remove();
    await draftSavesDone();
  });

  it("the municipality's phone and opening hours where the service gave no number to call", async () => {
    const client = testClient('ola');
    await useScenario('deadline-passed');
    const page = await client.listAppointments({ subjectId: 'me', when: 'upcoming' });
    const passed = page.items.find((a) => !a.cancellationPolicy.cancellable)!;
    expect(passed, 'an appointment past its deadline').to.exist;
    const noPhone: Appointment = { ...passed, cancellationPolicy: { ...passed.cancellationPolicy, phone: '' }, careService: { ...passed.careService, phone: null } };
    apply({ version: 1, contact: { phone: '+47 99 99 99 99', openingHours: { nb: 'hverdager 08–15.30', nn: 'kvardagar 08–15.30' } } });
    const host = document.createElement('div');
    document.body.append(host);
    const ctx = (hours: string | undefined): ItemContext => ({
      t: listMessages.nb,
      common: common.nb,
      locale: 'nb',
      upcoming: true,
      onClick: () => undefined,
      expanded: new Set(),
      settings: pageSettings(),
      hours,
    });
    render(renderDays([noPhone], ctx('hverdager 08–15.30'), 2), host);
    const deadline = host.querySelector('[part~="deadline"]')!;
    expect(deadline.querySelector('a[href="tel:+4799999999"]'), 'the number, as a tel: link').to.exist;
    expect(deadline.textContent).to.include('+47 99 99 99 99 (åpent hverdager 08–15.30)');
    // The service's own number wins, with no opening hours after it.
    render(renderDays([passed], ctx('hverdager 08–15.30'), 2), host);
    expect(host.querySelector('[part~="deadline"]')!.textContent).not.to.include('åpent');
    // The dialog says the same.
    render(renderClosed({ t: dialogMessages.nb, common: common.nb, locale: 'nb' }, noPhone, 'deadline-passed', () => undefined), host);
    expect(host.querySelector('a[part="phone"]')?.getAttribute('href')).to.equal('tel:+4799999999');
    expect(host.textContent).to.include('(åpent hverdager 08–15.30)');
    host.remove();
  });
});
