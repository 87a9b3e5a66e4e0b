import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SPACE } from '../test/keys.js';
import { heldTimers, hostileText, subjectIds } from '@omsorg/mocks';
import { serviceTypes, type GrantedService } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, busy, captureListeners, idsOf as ids, inEveryLanguage, itemById as item, mountIn, mountSettled, recordCalls, settled, sr, tabTo } from '../test/kit.js';
import { messages } from './service-list.messages.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatExtent, type OmsorgServiceList } from './service-list.js';
import './define.js';

/** Wednesday 10 June 2026, 10:00 in Oslo. */
const NOW = new Date('2026-06-10T10:00:00+02:00');

type List = OmsorgServiceList;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dd = (li: Element, label: string) =>
  text([...li.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === label)?.nextElementSibling);

const mount = (client: Client, template = html`<omsorg-service-list .client=${client}></omsorg-service-list>`) =>
  mountSettled<List>(template, 'the list to finish loading');
const spy = (client: Client) => recordCalls(client, 'listServices', (subjectId, options) => ({ subjectId, signal: options?.signal }));

describe('<omsorg-service-list>', () => {
  beforeEach(async () => {
    await useScenario('default', { now: () => NOW });
  });

  it('shows granted services with label, extent, validity, status, provider and note', async () => {
    const el = await mount(testClient('ola'));
    const t = messages.nb;
    expect(text($(el, 'h2#title'))).to.equal(t.title);
    expect(ids(el)).to.deep.equal(['vedtak-ola-hsp', 'vedtak-ola-prakt', 'vedtak-ola-alarm', 'vedtak-ola-dagsenter']);

    const hsp = item(el, 'vedtak-ola-hsp')!;
    expect(text(hsp.querySelector('h3[part="item-heading"]'))).to.equal(serviceTypes.codes['15'].nb);
    expect(text(hsp.querySelector('[part~="status"]'))).to.contain(t.statuses.active);
    expect(dd(hsp, t.extentLabel)).to.equal('2 besøk per dag');
    expect(dd(hsp, t.validLabel)).to.equal('Fra 10. apr. 2025, inntil videre');
    expect(hsp.querySelector('dd time')?.getAttribute('datetime')).to.equal('2025-04-10');
    expect(dd(hsp, t.careService)).to.equal('Hjemmesykepleien sone Nord, telefon +47 21 00 00 15');
    expect(hsp.querySelector('a[part="phone-link"]')?.getAttribute('href')).to.equal('tel:+4721000015');
    expect(dd(hsp, t.note)).to.equal('Morgen- og kveldsbesøk: medisiner og hjelp til personlig stell.');

    const prakt = item(el, 'vedtak-ola-prakt')!;
    expect(dd(prakt, t.extentLabel)).to.equal('3 timer per uke');
    expect(dd(prakt, t.validLabel)).to.equal('Fra 10. des. 2025 til 10. des. 2026');
    expect([...prakt.querySelectorAll('dd time')].map((x) => x.getAttribute('datetime')).slice(0, 2)).to.deep.equal(['2025-12-10', '2026-12-10']);
    expect(dd(item(el, 'vedtak-ola-alarm')!, t.extentLabel)).to.equal('1 enhet per måned');
    expect(dd(item(el, 'vedtak-ola-dagsenter')!, t.extentLabel)).to.equal('2 dager per uke');
    expect(text($(el, '[role="status"]'))).to.equal(t.loaded(4));
    await expect(el).to.be.accessible();
  });

  it('hides ended services unless include-ended is set, without refetching', async () => {
    const client = testClient('ola');
    const calls = spy(client);
    const el = await mount(client);
    expect(ids(el)).not.to.include('vedtak-ola-mat');
    el.includeEnded = true;
    await el.updateComplete;
    expect(ids(el).at(-1)).to.equal('vedtak-ola-mat');
    const ended = item(el, 'vedtak-ola-mat')!;
    expect(text(ended.querySelector('[part~="status"]'))).to.contain(messages.nb.statuses.ended);
    expect(dd(ended, messages.nb.extentLabel)).to.equal('7 enheter per uke');
    expect(calls).to.have.length(1);
    await expect(el).to.be.accessible();

    const attr = await mount(client, html`<omsorg-service-list include-ended .client=${client}></omsorg-service-list>`);
    expect(ids(attr)).to.include('vedtak-ola-mat');
  });

  it('shows planned services and the name of the child a parent acts for', async () => {
    const client = testClient('per');
    client.setSubject(subjectIds.emma);
    const calls = spy(client);
    const el = await mount(client, html`<omsorg-service-list heading-level="3" .client=${client}></omsorg-service-list>`);
    await until(() => text($(el, '#title')).includes('Emma Hansen'), 'acting-for title');
    expect($(el, 'h3#title bdi')?.textContent).to.equal('Emma Hansen');
    expect($(el, 'h4[part="item-heading"]')).to.exist;
    expect(calls[0]?.subjectId).to.equal(subjectIds.emma);
    const planned = item(el, 'vedtak-emma-stottekontakt')!;
    expect(text(planned.querySelector('[part~="status"]'))).to.contain(messages.nb.statuses.planned);
    expect(ids(el).at(-1)).to.equal('vedtak-emma-stottekontakt'); // active first, then planned
    await expect(el).to.be.accessible();

    client.setSubject('me');
    await until(() => calls.length === 2, 'reload for the new subject');
    await el.updateComplete;
    await until(() => settled(el), 'reloaded');
    expect(calls[1]?.subjectId).to.equal('me');
    expect(text($(el, '#title'))).to.equal(messages.nb.title);
    // Per's own services: from two municipalities (the fixtures' per.ts), each saying its own.
    expect(ids(el)).to.deep.equal(['vedtak-bgo-per-hsp', 'vedtak-ask-per-avl']);
    expect($$(el, '[part~="source"]').map((x) => text(x))).to.deep.equal(['Bergen kommune', 'Askøy kommune']);
  });

  it('says when the subject has no services, or only ended ones', async () => {
    await useScenario('empty', { now: () => NOW });
    const el = await mount(testClient('ola'));
    expect(text($(el, '[part="empty"]'))).to.equal(messages.nb.empty);
    await expect(el).to.be.accessible();

    await useScenario('default', { now: () => NOW });
    const client = testClient('ola');
    const all = await client.listServices();
    const ended = all.items.filter((s) => s.status === 'ended');
    expect(ended.length).to.be.greaterThan(0);
    client.listServices = async () => ({ items: ended });
    const onlyEnded = await mount(client);
    expect(text($(onlyEnded, '[part="empty"]'))).to.equal(messages.nb.emptyCurrent);
  });

  it('shows a reserved-height skeleton with aria-busy while slow, then the content', async () => {
    // The answer waits until the test has seen the loading state (released below).
    const timers = heldTimers();
    await useScenario('slow', { now: () => NOW, delayMs: 400, wait: timers.wait });
    const el = await fixture<List>(html`<omsorg-service-list .client=${testClient('ola')}></omsorg-service-list>`);
    expect(busy(el)).to.equal('true');
    expect($(el, '[part="skeleton"]')?.getAttribute('aria-hidden')).to.equal('true');
    expect($(el, '[part="content"]')!.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(shadowText(el)).to.contain(messages.nb.loadingList);
    // Said politely in the status region (and then not a second time in the content).
    await until(() => text($(el, '[role="status"]')) === messages.nb.loadingList, 'loading in the status region');
    expect(shadowText(el).split(messages.nb.loadingList)).to.have.length(2);
    expect(text($(el, '[role="alert"]'))).to.equal('');
    await expect(el).to.be.accessible();
    timers.open();
    await until(() => settled(el), 'slow content');
    expect($(el, '[part="skeleton"]')).to.equal(null);
    expect(ids(el)).to.have.length(4);
    await el.updateComplete;
    expect(text($(el, '[role="status"]'))).to.equal(messages.nb.loaded(4));
  });

  it('shows a server error, announced as an alert, with a working retry', async () => {
    await useScenario('server-error', { now: () => NOW });
    const el = await mount(testClient('ola'));
    expect(text($(el, '[part="error"]'))).to.contain('Noe gikk galt hos oss');
    expect(text($(el, '[role="alert"]'))).to.contain('Noe gikk galt hos oss');
    expect(ids(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
    await useScenario('default', { now: () => NOW });
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => ids(el).length === 4, 'content after retry');
    expect($(el, '[part="error"]')).to.equal(null);
    expect(text($(el, '[role="alert"]'))).to.equal('');
  });

  it('shows a clear message for malformed server data', async () => {
    await useScenario('malformed', { now: () => NOW });
    const el = await mount(testClient('ola'));
    expect(text($(el, '[part="error"]'))).to.contain('Vi fikk et svar vi ikke forstår');
    expect(ids(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('goes signed-out on 401 and offers sign-in', async () => {
    await useScenario('unauthorized', { now: () => NOW });
    const client = testClient('ola');
    let signIns = 0;
    client.auth.signIn = async () => {
      signIns++;
    };
    const el = await mount(client);
    expect(text($(el, '[part="signed-out"]'))).to.contain('Du må logge inn');
    $<HTMLButtonElement>(el, '[part="sign-in-button"]')!.click();
    expect(signIns).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('starts signed-out without calling the API, and loads after sign-in', async () => {
    const client = testClient('ola', { signedIn: false });
    const calls = spy(client);
    const el = await mount(client);
    expect($(el, '[part="signed-out"]')).to.exist;
    expect(calls).to.have.length(0);
    $<HTMLButtonElement>(el, '[part="sign-in-button"]')!.click();
    await until(() => ids(el).length === 4, 'content after sign-in');
    expect(calls).to.have.length(1);
  });

  it('drops all content and offers sign-in when the client says auth-required', async () => {
    const client = testClient('ola');
    const fire = captureListeners(client);
    const el = await mount(client);
    expect($$(el, 'li').length).to.be.greaterThan(0);
    fire('auth-required', { reason: 'expired' });
    await el.updateComplete;
    expect($$(el, 'li, time, a')).to.have.length(0);
    expect($(el, '[part="sign-in-button"]')).to.exist;
  });

  it('keeps a subject set by the subject-id attribute when the page subject changes', async () => {
    const client = testClient('per');
    const calls = spy(client);
    const el = await mount(client, html`<omsorg-service-list subject-id=${subjectIds.emma} .client=${client}></omsorg-service-list>`);
    await until(() => text($(el, '#title')).includes('Emma Hansen'), 'acting-for title');
    expect(calls[0]?.subjectId).to.equal(subjectIds.emma);
    client.setSubject(subjectIds.per);
    await el.updateComplete;
    expect(calls).to.have.length(1);
    el.subjectId = undefined;
    await until(() => calls.length === 2, 'reload with the page subject');
    expect(calls[1]?.subjectId).to.equal(subjectIds.per);
  });

  it('drops all content on the cleared event alone', async () => {
    const client = testClient('ola');
    const fire = captureListeners(client);
    const el = await mount(client);
    expect($$(el, 'li').length).to.be.greaterThan(0);
    fire('cleared', {});
    await el.updateComplete;
    expect($$(el, 'li, time, a')).to.have.length(0);
    expect(shadowText(el)).not.to.contain('Hjemmesykepleien');
    expect($(el, '[part="sign-in-button"]')).to.exist;
  });

  it('drops all content when the client is cleared (sign-out)', async () => {
    const client = testClient('ola');
    const el = await mount(client);
    expect(shadowText(el)).to.contain('Hjemmesykepleien sone Nord');
    await client.signOut();
    await until(() => !!$(el, '[part="signed-out"]'), 'signed-out');
    for (const gone of ['Hjemmesykepleien', 'besøk per dag', 'Morgen-', '2025']) expect(shadowText(el)).not.to.contain(gone);
    expect($$(el, 'li, time, a')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows hostile text literally, isolated in <bdi>, without breaking 320 px', async () => {
    await useScenario('hostile', { now: () => NOW });
    const { el } = await mountIn<List>(
      { style: 'width: 320px' },
      html`<omsorg-service-list include-ended .client=${testClient('ola')}></omsorg-service-list>`,
    );
    await until(() => settled(el), 'hostile content');
    const all = shadowText(el);
    expect(all).to.contain(hostileText.img);
    expect(all).to.contain(hostileText.script);
    expect(sr(el).querySelectorAll('img, script, b, [onerror]')).to.have.length(0);
    const walker = document.createTreeWalker(sr(el), NodeFilter.SHOW_TEXT);
    let untrusted = 0;
    while (walker.nextNode()) {
      const n = walker.currentNode as Text;
      if (!/<img|<script|\u202E|Superlangtekst|svært lang/.test(n.data)) continue;
      untrusted++;
      expect(n.parentElement?.closest('bdi'), n.data.slice(0, 40)).to.exist;
    }
    expect(untrusted).to.be.greaterThan(3);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('follows lang on a wrapper (nb, nn, en) with plural rules, without reloading', async () => {
    const texts = await inEveryLanguage(messages);
    const client = testClient('ola');
    const calls = spy(client);
    const { wrapper, el } = await mountIn<List>({ lang: 'nb' }, html`<omsorg-service-list include-ended .client=${client}></omsorg-service-list>`);
    await until(() => settled(el), 'loaded');
    const expected = {
      nb: { hsp: '2 besøk per dag', prakt: '3 timer per uke', alarm: '1 enhet per måned', valid: 'Fra 10. apr. 2025, inntil videre' },
      nn: { hsp: '2 besøk per dag', prakt: '3 timar per veke', alarm: '1 eining per månad', valid: 'Frå 10. apr. 2025, inntil vidare' },
      en: { hsp: '2 visits a day', prakt: '3 hours a week', alarm: '1 unit a month', valid: 'From 10 Apr 2025, until further notice' },
    };
    for (const locale of ['nn', 'en', 'nb'] as const) {
      wrapper.setAttribute('lang', locale);
      await until(() => text($(el, '#title')) === texts[locale].title, `title in ${locale}`);
      const t = texts[locale];
      const hsp = item(el, 'vedtak-ola-hsp')!;
      expect(text(hsp.querySelector('[part="item-heading"]'))).to.equal(serviceTypes.codes['15'][locale]);
      expect(dd(hsp, t.extentLabel)).to.equal(expected[locale].hsp);
      expect(dd(hsp, t.validLabel)).to.equal(expected[locale].valid);
      expect(dd(item(el, 'vedtak-ola-prakt')!, t.extentLabel)).to.equal(expected[locale].prakt);
      expect(dd(item(el, 'vedtak-ola-alarm')!, t.extentLabel)).to.equal(expected[locale].alarm);
      expect(text(item(el, 'vedtak-ola-mat')!.querySelector('[part~="status"]'))).to.contain(t.statuses.ended);
      await expect(el).to.be.accessible();
    }
    expect(calls).to.have.length(1);
  });

  it('formats extents with plural rules and decimals', async () => {
    const texts = await inEveryLanguage(messages);
    const unknown = 'Ukjent';
    const f = (amount: number, unit: GrantedService['extent']['unit'], per: GrantedService['extent']['per'], locale: 'nb' | 'nn' | 'en') =>
      formatExtent({ amount, unit, per }, locale, texts[locale], unknown);
    expect(f(1, 'hours', 'week', 'nb')).to.equal('1 time per uke');
    expect(f(1.5, 'hours', 'week', 'nb')).to.equal('1,5 timer per uke');
    expect(f(1.5, 'hours', 'week', 'en')).to.equal('1.5 hours a week');
    expect(f(1, 'visits', 'day', 'en')).to.equal('1 visit a day');
    expect(f(0, 'visits', 'day', 'en')).to.equal('0 visits a day');
    expect(f(1, 'days', 'year', 'nn')).to.equal('1 dag per år');
    expect(f(12, 'days', 'year', 'nn')).to.equal('12 dagar per år');
    expect(formatExtent({ amount: 2, unit: 'fortnights' as never, per: 'week' }, 'nb', messages.nb, unknown)).to.equal(unknown);
    expect(formatExtent({ amount: Number.NaN, unit: 'hours', per: 'week' }, 'nb', messages.nb, unknown)).to.equal(unknown);
  });

  it('aborts its load when it leaves the page', async () => {
    // The load stays unanswered (the wait is never released), however slow the machine is.
    await useScenario('slow', { now: () => NOW, delayMs: 1000, wait: heldTimers().wait });
    const client = testClient('ola');
    const calls = spy(client);
    const el = await fixture<List>(html`<omsorg-service-list .client=${client}></omsorg-service-list>`);
    await until(() => calls.length === 1, 'load started');
    expect(calls[0]?.signal?.aborted).to.equal(false);
    el.remove();
    expect(calls[0]?.signal?.aborted).to.equal(true);
  });

  it('operates retry and sign-in with the keyboard, and reaches phone links with Tab', async () => {
    await useScenario('server-error', { now: () => NOW });
    const client = testClient('ola');
    const el = await mount(client);
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo((a) => a.getAttribute('part') === 'retry-button');
    await useScenario('default', { now: () => NOW });
    await sendKeys({ press: 'Enter' });
    await until(() => ids(el).length === 4, 'content after Enter on retry');
    (document.activeElement as HTMLElement | null)?.blur();
    const link = await tabTo((a) => a.getAttribute('part') === 'phone-link');
    expect(link.getAttribute('href')).to.match(/^tel:/);

    await client.signOut();
    await until(() => !!$(el, '[part="sign-in-button"]'), 'signed-out');
    let signIns = 0;
    client.auth.signIn = async () => {
      signIns++;
    };
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo((a) => a.getAttribute('part') === 'sign-in-button');
    await sendKeys({ press: SPACE });
    await sendKeys({ press: 'Enter' });
    expect(signIns).to.equal(2);
  });
});

subjectDataBehaviour({
  tag: 'omsorg-service-list',
  texts: messages.nb,
  scenario: (name) => useScenario(name, { now: () => NOW }),
  client: testClient,
  render: (client, subjectId) => html`<omsorg-service-list .client=${client} subject-id=${ifDefined(subjectId)}></omsorg-service-list>`,
  load: { method: 'listServices', subject: (subjectId) => subjectId },
  hasData: (el) => ids(el).length > 0,
  empty: messages.nb.empty,
  actingFor: { person: 'per', subject: subjectIds.emma, own: subjectIds.per, name: 'Emma Hansen', nameInHeading: true },
});
