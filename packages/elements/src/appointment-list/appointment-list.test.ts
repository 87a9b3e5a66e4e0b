import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SPACE, shiftTab } from '../test/keys.js';
import { appointmentIds, heldTimers, hostileText, subjectIds } from '@omsorg/mocks';
import { cancellationReasons, serviceTypes, type Appointment, type AppointmentStatus } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, alertText, busy, button, captureListeners, idsOf as itemIds, itemById as item, mountIn, mountSettled, polite, recordCalls, settled, sr, tabTo } from '../test/kit.js';
import { AppointmentCancelEvent } from '../internal/events.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { messages } from './appointment-list.messages.js';
import type { OmsorgAppointmentList } from './appointment-list.js';
import './define.js';

/** Wednesday 10 June 2026, 10:00 in Oslo: the mocks' clock for most tests. */
const NOW = new Date('2026-06-10T10:00:00+02:00');

/**
 * A stand-in for <omsorg-cancel-dialog> with the small contract the list relies on
 * (`appointmentId`, `subjectId`, `open(trigger)`), so these tests do not depend on the dialog.
 */
class FakeCancelDialog extends HTMLElement {
  appointmentId?: string;
  subjectId?: string;
  client?: Client;
  triggers: Array<HTMLElement | undefined> = [];
  open(trigger?: HTMLElement): void {
    this.triggers.push(trigger);
  }
}
if (!customElements.get('omsorg-cancel-dialog')) customElements.define('omsorg-cancel-dialog', FakeCancelDialog);

type List = OmsorgAppointmentList;
const mount = (client: Client, template = html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`) =>
  mountSettled<List>(template, 'the list to finish loading');
/** Records every listAppointments call (query and signal) and passes it on. */
const spy = (client: Client) => recordCalls(client, 'listAppointments', (query, options) => ({ query, signal: options?.signal }));

const textNodes = (root: Node): Text[] => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  while (walker.nextNode()) out.push(walker.currentNode as Text);
  return out;
};

describe('<omsorg-appointment-list>', () => {
  beforeEach(async () => {
    await useScenario('default', { now: () => NOW });
  });
  afterEach(() => {
    document.querySelectorAll('omsorg-cancel-dialog').forEach((d) => d.remove());
  });

  describe('default scenario', () => {
    it('groups upcoming appointments by Oslo day with headings, times, labels and statuses', async () => {
      const el = await mount(testClient('ola'));
      const t = messages.nb;
      expect($(el, 'h2#title')?.textContent?.trim()).to.equal(t.title);
      const days = $$(el, 'li[part="day"]');
      expect(days.length).to.be.greaterThan(2);
      const keys = days.map((d) => d.dataset.day);
      expect(keys[0]).to.equal('2026-06-10');
      expect([...keys].sort()).to.deep.equal(keys);
      for (const d of days) {
        const time = d.querySelector('h3[part="day-heading"] time');
        expect(time?.getAttribute('datetime')).to.equal(d.dataset.day);
        expect(d.querySelectorAll('h4[part="item-heading"]').length).to.equal(d.querySelectorAll('li[part="item"]').length);
      }
      // Tomorrow: "torsdag 11. juni 2026".
      expect(days[1]?.querySelector('h3')?.textContent).to.match(/torsdag 11\. juni 2026/);

      // A home visit in a window and an exact practical-help visit.
      const visit = item(el, 'apt-ola-hsp-d01-am')!;
      expect(visit.querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Mellom 08:00 og 10:00');
      const times = [...visit.querySelectorAll('.time time')].map((x) => x.getAttribute('datetime'));
      expect(times).to.deep.equal(['2026-06-11T06:00:00.000Z', '2026-06-11T08:00:00.000Z']);
      expect(visit.textContent).to.contain(t.windowNote);
      expect(visit.querySelector('.label')?.textContent).to.equal(serviceTypes.codes['15'].nb);
      expect(visit.querySelector('[part~="status"]')?.textContent).to.contain(t.statuses.booked);
      expect(visit.textContent).to.contain(t.atHome);
      expect(visit.textContent).to.contain('Granveien 4, 9999 Fjordvik');
      expect(visit.textContent).to.contain('Ingrid Berg (primærkontakt)');
      expect(visit.querySelector('a[href="tel:+4721000016"]')?.textContent).to.equal('+47 21 00 00 16');
      expect(visit.textContent).to.contain('Hjemmesykepleien sone Nord');

      const practical = item(el, appointmentIds.olaCancellable)!;
      expect(practical.querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('10:00–13:00');
      expect(practical.querySelector('.label')?.textContent).to.equal(serviceTypes.codes['1'].nb);
      expect(practical.querySelector('[part="preparation"]')?.textContent).to.contain('Sett fram støvsuger');
      expect(practical.querySelector('[part="deadline"]')?.textContent).to.match(/Kan avbestilles her til/);
      expect(practical.querySelector('[part="cancel-button"]')).to.exist;
      expect(practical.querySelector('[part="calendar-button"]')).to.exist;

      for (const time of $$(el, 'time')) expect(Number.isNaN(Date.parse(time.getAttribute('datetime') ?? ''))).to.equal(false);
      expect(polite(el)).to.equal(t.loaded(itemIds(el).length, 'upcoming'));
      await expect(el).to.be.accessible();
    });

    it('labels the cancellation states and shows a rejection note', async () => {
      const el = await mount(testClient('ola'), html`<omsorg-appointment-list page-size="100" .client=${testClient('ola')}></omsorg-appointment-list>`);
      const t = messages.nb;
      const requested = item(el, appointmentIds.olaCancellationRequested)!;
      expect(requested.querySelector('[part~="status"]')?.textContent).to.contain(t.statuses['cancellation-requested']);
      expect(requested.querySelector('[part="cancel-button"]')).to.equal(null);
      const rejected = item(el, appointmentIds.olaCancellationRejected)!;
      expect(rejected.querySelector('[part~="status"]')?.textContent).to.contain(t.statuses['cancellation-rejected']);
      expect(rejected.textContent).to.contain('helsesjekk hos fastlegen');
      expect(rejected.querySelector('[part="cancel-button"]')).to.exist;
      // Request mode says so before the citizen tries.
      expect(item(el, appointmentIds.olaRequestMode)?.querySelector('[part="deadline"]')?.textContent).to.contain(t.cancelIsRequest);
      // The alarm check is past its deadline even in the default data: call instead.
      const alarm = item(el, appointmentIds.olaDeadlinePassed)!;
      expect(alarm.querySelector('[part="cancel-button"]')).to.equal(null);
      expect(alarm.querySelector('.deadline-passed')?.textContent).to.match(/Fristen for å avbestille på nett er ute\. Ring \+47 21 00 00 06/);
      expect(alarm.querySelector('.deadline-passed a[href="tel:+4721000006"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('labels all twelve statuses as text (never the raw code) and unknown service codes neutrally', async () => {
      const statuses: AppointmentStatus[] = [
        'proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist',
        'cancellation-requested', 'cancellation-rejected',
      ];
      const real = await testClient('ola').listAppointments({ when: 'upcoming', limit: 1 });
      const template = real.items[0]!;
      const items: Appointment[] = statuses.map((status, i) => ({
        ...template,
        id: `apt-status-${i}`,
        status,
        serviceType: i === 0 ? { system: serviceTypes.system, code: 'x-unknown-42' } : template.serviceType,
      }));
      const client = testClient('ola');
      client.listAppointments = async () => ({ items, nextCursor: null });
      const el = await mount(client);
      for (const locale of ['nb', 'nn', 'en'] as const) {
        el.setAttribute('lang', locale);
        await until(() => $(el, '#title')?.textContent?.trim() === messages[locale].title, `texts in ${locale}`);
        statuses.forEach((status, i) => {
          const badge = item(el, `apt-status-${i}`)?.querySelector('[part~="status"]')?.textContent ?? '';
          expect(badge, status).to.contain(messages[locale].statuses[status]);
          if (status !== 'cancelled' && status !== 'fulfilled') expect(badge).not.to.contain(status);
        });
      }
      el.removeAttribute('lang');
      await until(() => $(el, '#title')?.textContent?.trim() === messages.nb.title);
      expect(item(el, 'apt-status-0')?.querySelector('.label')?.textContent).to.equal('Ukjent');
      expect(shadowText(el)).not.to.contain('x-unknown-42');
      await expect(el).to.be.accessible();
    });

    it('uses the heading-level attribute for its outline', async () => {
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list heading-level="3" .client=${client}></omsorg-appointment-list>`);
      expect($(el, 'h3#title')).to.exist;
      expect($(el, 'h4[part="day-heading"]')).to.exist;
      expect($(el, 'h5[part="item-heading"]')).to.exist;
      el.headingLevel = 6;
      await el.updateComplete;
      expect($(el, 'h6#title')).to.exist;
      expect($(el, 'h6[part="day-heading"]')).to.exist;
      expect($(el, 'h6[part="item-heading"]')).to.exist;
      expect($(el, '[part="toggle"]')).to.exist;
      el.hideToggle = true;
      await el.updateComplete;
      expect($(el, '[part="toggle"]')).to.equal(null);
    });
  });

  describe('states', () => {
    it('shows a reserved-height skeleton with aria-busy while slow, then the content', async () => {
      // The answer waits until the test has seen the loading state (released below).
      const timers = heldTimers();
      await useScenario('slow', { now: () => NOW, delayMs: 400, wait: timers.wait });
      const client = testClient('ola');
      const el = await fixture<List>(html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`);
      expect(busy(el)).to.equal('true');
      expect($(el, '[part="skeleton"]')).to.exist;
      expect($(el, '[part="skeleton"]')?.getAttribute('aria-hidden')).to.equal('true');
      expect($(el, '[part="content"]')!.getBoundingClientRect().height).to.be.greaterThan(100);
      expect(shadowText(el)).to.contain(messages.nb.loadingList);
      // "Loading" is said politely once the region is on the page, and is then in the tree once.
      await until(() => polite(el) === messages.nb.loadingList, 'loading in the status region');
      expect(shadowText(el).split(messages.nb.loadingList)).to.have.length(2);
      expect(alertText(el)).to.equal('');
      await expect(el).to.be.accessible();
      const said: string[] = [];
      const region = $(el, '[role="status"]')!;
      const observer = new MutationObserver(() => said.push(region.textContent?.trim() ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      timers.open();
      await until(() => settled(el), 'slow content');
      expect($(el, '[part="skeleton"]')).to.equal(null);
      expect(itemIds(el).length).to.be.greaterThan(0);
      // The loaded text replaces it, and is what stays.
      await el.updateComplete;
      observer.disconnect();
      expect(said.filter(Boolean)).to.deep.equal([messages.nb.loaded(itemIds(el).length, 'upcoming')]);
      expect(polite(el)).to.equal(messages.nb.loaded(itemIds(el).length, 'upcoming'));
    });

    it('says nothing about loading when the data is already there (a cached read)', async () => {
      const client = testClient('ola');
      await client.listAppointments({ when: 'upcoming' });
      const el = await fixture<List>(html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`);
      const said: string[] = [];
      const region = $(el, '[role="status"]')!;
      const observer = new MutationObserver(() => said.push(region.textContent?.trim() ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      await until(() => settled(el), 'content');
      await new Promise((r) => setTimeout(r, 100));
      observer.disconnect();
      expect(said.filter(Boolean)).not.to.include(messages.nb.loadingList);
      expect(polite(el)).to.equal(messages.nb.loaded(itemIds(el).length, 'upcoming'));
    });

    it('says when there are no upcoming or past appointments', async () => {
      await useScenario('empty', { now: () => NOW });
      const el = await mount(testClient('ola'));
      expect($(el, '[part="empty"]')?.textContent).to.equal(messages.nb.emptyUpcoming);
      expect(polite(el)).to.equal(messages.nb.loaded(0, 'upcoming'));
      await expect(el).to.be.accessible();
      button(el, messages.nb.past)!.click();
      await until(() => $(el, '[part="empty"]')?.textContent === messages.nb.emptyPast, 'past empty');
      await expect(el).to.be.accessible();
    });

    it('shows a server error with a working retry', async () => {
      await useScenario('server-error', { now: () => NOW });
      const el = await mount(testClient('ola'));
      expect($(el, '[part="error"]')?.textContent).to.contain('Noe gikk galt hos oss');
      expect(alertText(el)).to.contain('Noe gikk galt hos oss');
      expect(itemIds(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
      await useScenario('default', { now: () => NOW });
      $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
      expect(sr(el).activeElement?.id).to.equal('title');
      await until(() => itemIds(el).length > 0, 'content after retry');
      expect($(el, '[part="error"]')).to.equal(null);
      expect(alertText(el)).to.equal('');
    });

    it('shows a clear message for malformed server data and does not crash', async () => {
      await useScenario('malformed', { now: () => NOW });
      const el = await mount(testClient('ola'));
      expect($(el, '[part="error"]')?.textContent).to.contain('Vi fikk et svar vi ikke forstår');
      expect(itemIds(el)).to.deep.equal([]);
      expect($(el, '[part="retry-button"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('goes signed-out with a sign-in button when the server says 401', async () => {
      await useScenario('unauthorized', { now: () => NOW });
      const client = testClient('ola');
      let signIns = 0;
      client.auth.signIn = async () => {
        signIns++;
      };
      const el = await mount(client);
      expect($(el, '[part="signed-out"]')?.textContent).to.contain('Du må logge inn');
      expect($(el, '[part="toggle"]')).to.equal(null);
      $<HTMLButtonElement>(el, '[part="sign-in-button"]')!.click();
      expect(signIns).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('starts signed-out without calling the API, and loads after sign-in', async () => {
      const client = testClient('ola', { signedIn: false });
      const calls = spy(client);
      const el = await mount(client);
      expect($(el, '[part="signed-out"]')).to.exist;
      expect(calls.length).to.equal(0);
      $<HTMLButtonElement>(el, '[part="sign-in-button"]')!.click();
      await until(() => itemIds(el).length > 0, 'content after sign-in');
      expect(calls.length).to.equal(1);
    });

    it('shows the name of the person a relative acts for, and reloads when the subject changes', async () => {
      const client = testClient('kari');
      client.setSubject(subjectIds.ola);
      const calls = spy(client);
      const el = await mount(client);
      await until(() => ($(el, '#title')?.textContent ?? '').includes('Ola Nordmann'), 'acting-for title');
      expect($(el, '#title bdi')?.textContent).to.equal('Ola Nordmann');
      expect(calls[0]?.query?.subjectId).to.equal(subjectIds.ola);
      expect(itemIds(el)).to.include('apt-ola-hsp-d01-am');
      await expect(el).to.be.accessible();

      client.setSubject('me');
      await until(() => calls.length === 2, 'reload for the new subject');
      await el.updateComplete;
      await until(() => settled(el), 'reloaded');
      expect(calls[1]?.query?.subjectId).to.equal('me');
      expect($(el, '#title')?.textContent?.trim()).to.equal(messages.nb.title);
      expect($(el, '[part="empty"]')).to.exist; // Kari has no appointments herself.
    });

    it('keeps a subject set by the subject-id attribute when the page subject changes', async () => {
      const client = testClient('kari');
      const calls = spy(client);
      const el = await mount(client, html`<omsorg-appointment-list subject-id=${subjectIds.ola} .client=${client}></omsorg-appointment-list>`);
      await until(() => ($(el, '#title')?.textContent ?? '').includes('Ola Nordmann'), 'acting-for title');
      expect(calls[0]?.query?.subjectId).to.equal(subjectIds.ola);
      client.setSubject(subjectIds.kari);
      await el.updateComplete;
      expect(calls).to.have.length(1);
      el.subjectId = undefined;
      await until(() => calls.length === 2, 'reload with the page subject');
      expect(calls[1]?.query?.subjectId).to.equal(subjectIds.kari);
    });

    it('says it shows someone else\'s appointments when their name is unknown', async () => {
      const client = testClient('kari');
      client.setSubject(subjectIds.ola);
      client.me = async () => ({ person: { id: 'psn-kari-2c91', name: 'Kari Nordmann' }, subjects: [] });
      const el = await mount(client);
      await until(() => !!$(el, '[part="acting-for"]'), 'acting-for notice');
      expect($(el, '[part="acting-for"]')?.textContent).to.equal(messages.nb.actingForUnknown);
      expect($(el, '#title')?.textContent?.trim()).to.equal(messages.nb.title);
      await expect(el).to.be.accessible();
    });

    it('shows the deadline-passed text with the number to call', async () => {
      await useScenario('deadline-passed', { now: () => NOW });
      const el = await mount(testClient('ola'));
      expect($$(el, '[part="cancel-button"]')).to.have.length(0);
      const passed = $$(el, '.deadline-passed');
      expect(passed.length).to.be.greaterThan(0);
      expect(passed[0]?.textContent).to.contain('Fristen for å avbestille på nett er ute');
      expect(passed[0]?.querySelector('a[part="phone-link"]')?.getAttribute('href')).to.match(/^tel:\+47\d{8}$/);
      await expect(el).to.be.accessible();
    });
  });

  describe('hostile data', () => {
    it('shows markup as literal text, isolates bidi text and keeps 320 px layout', async () => {
      await useScenario('hostile', { now: () => NOW });
      const client = testClient('ola');
      const { el: list } = await mountIn<List>(
        { style: 'width: 320px' },
        html`<omsorg-appointment-list page-size="12" .client=${client}></omsorg-appointment-list>`,
      );
      await until(() => settled(list), 'hostile content');
      const text = shadowText(list);
      expect(text).to.contain(hostileText.script);
      expect(text).to.contain(hostileText.img);
      expect(sr(list).querySelectorAll('img, script, b, iframe, object')).to.have.length(0);
      expect(sr(list).querySelectorAll('[onerror]')).to.have.length(0);
      for (const a of $$<HTMLAnchorElement>(list, 'a[href]')) expect(a.getAttribute('href')).to.match(/^tel:\+?\d+$/);
      // The javascript: "phone number" and the one with markup are shown as text, not links.
      expect(text).to.contain(hostileText.phone);
      expect(text).to.contain('+47 <b>21</b> 00 00 00');
      // Every untrusted string sits inside <bdi>, so an override cannot flip the text around it.
      const untrusted = textNodes(sr(list)).filter((n) => /<img|<script|\u202E|Superlangtekst/.test(n.data));
      expect(untrusted.length).to.be.greaterThan(5);
      for (const n of untrusted) expect(n.parentElement?.closest('bdi'), JSON.stringify(n.data.slice(0, 40))).to.exist;
      // Nothing sticks out sideways at 320 px.
      expect(list.scrollWidth).to.be.at.most(list.clientWidth + 1);
      for (const li of $$(list, 'li[part="item"]')) expect(li.getBoundingClientRect().right).to.be.at.most(list.getBoundingClientRect().right + 1);
      await expect(list).to.be.accessible();
    });
  });

  describe('upcoming and past', () => {
    it('toggles between upcoming and past with aria-pressed buttons', async () => {
      const client = testClient('ola');
      const calls = spy(client);
      const el = await mount(client);
      const upcoming = button(el, messages.nb.upcoming)!;
      const past = button(el, messages.nb.past)!;
      expect(upcoming.getAttribute('aria-pressed')).to.equal('true');
      expect(past.getAttribute('aria-pressed')).to.equal('false');
      expect($(el, '[part="toggle"]')?.getAttribute('role')).to.equal('group');
      past.click();
      await until(() => calls.length === 2 && settled(el), 'past loaded');
      expect(calls[1]?.query?.when).to.equal('past');
      expect(el.getAttribute('when')).to.equal('past');
      expect(past.getAttribute('aria-pressed')).to.equal('true');
      expect(upcoming.getAttribute('aria-pressed')).to.equal('false');
      const keys = $$(el, 'li[part="day"]').map((d) => d.dataset.day!);
      expect(keys.length).to.be.greaterThan(1);
      expect([...keys].sort().reverse()).to.deep.equal(keys);
      expect(keys.every((k) => k <= '2026-06-10')).to.equal(true);
      expect(shadowText(el)).to.contain(messages.nb.statuses.fulfilled);
      expect(item(el, appointmentIds.olaPastCancelled)?.querySelector('[part~="status"]')?.textContent).to.contain(messages.nb.statuses.cancelled);
      expect($$(el, '[part="cancel-button"], [part="calendar-button"], .deadline-passed')).to.have.length(0);
      await expect(el).to.be.accessible();
      // Setting the property from outside works too.
      el.when = 'upcoming';
      await until(() => calls.length === 3 && settled(el), 'upcoming again');
      expect(calls[2]?.query?.when).to.equal('upcoming');
    });

    it('groups by the Oslo calendar day across the spring DST change', async () => {
      // Friday 27 March 2026; clocks go forward on Sunday 29 March.
      await useScenario('default', { now: () => new Date('2026-03-27T12:00:00+01:00') });
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
      const keys = $$(el, 'li[part="day"]').map((d) => d.dataset.day);
      expect(keys.slice(0, 5)).to.deep.equal(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
      const day = (key: string) => $(el, `li[part="day"][data-day="${key}"]`)!;
      expect(day('2026-03-29').querySelector('h3')?.textContent).to.match(/søndag 29\. mars 2026/);
      const check = (id: string, key: string, utc: string) => {
        const li = item(el, id)!;
        expect(li.closest('li[part="day"]')?.getAttribute('data-day'), id).to.equal(key);
        const first = li.querySelector('.time time')!;
        expect(first.textContent, id).to.equal('08:00');
        expect(first.getAttribute('datetime'), id).to.equal(utc);
      };
      check('apt-ola-hsp-d01-am', '2026-03-28', '2026-03-28T07:00:00.000Z');
      check('apt-ola-hsp-d02-am', '2026-03-29', '2026-03-29T06:00:00.000Z');
      check('apt-ola-hsp-d03-am', '2026-03-30', '2026-03-30T06:00:00.000Z');
      // The evening visit on the change day stays on that day, 20:00 local.
      expect(item(el, 'apt-ola-hsp-d02-pm')?.closest('li[part="day"]')?.getAttribute('data-day')).to.equal('2026-03-29');
      expect(item(el, 'apt-ola-hsp-d02-pm')?.querySelector('.time time')?.textContent).to.equal('20:00');
    });

    it('groups by the Oslo calendar day across the autumn DST change', async () => {
      // Friday 23 October 2026; clocks go back on Sunday 25 October.
      await useScenario('default', { now: () => new Date('2026-10-23T12:00:00+02:00') });
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
      const am = item(el, 'apt-ola-hsp-d02-am')!;
      expect(am.closest('li[part="day"]')?.getAttribute('data-day')).to.equal('2026-10-25');
      expect(am.querySelector('.time time')?.getAttribute('datetime')).to.equal('2026-10-25T07:00:00.000Z');
      expect(am.querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Mellom 08:00 og 10:00');
      const before = item(el, 'apt-ola-hsp-d01-am')!;
      expect(before.querySelector('.time time')?.getAttribute('datetime')).to.equal('2026-10-24T06:00:00.000Z');
    });
  });

  describe('paging', () => {
    it('appends the next page, moves focus to the first new item and announces the count', async () => {
      const client = testClient('ola');
      const calls = spy(client);
      const el = await mount(client, html`<omsorg-appointment-list page-size="5" .client=${client}></omsorg-appointment-list>`);
      const first = itemIds(el);
      expect(first).to.have.length(5);
      expect(calls[0]?.query?.limit).to.equal(5);
      const firstLi = item(el, first[0]!);
      const more = $<HTMLButtonElement>(el, '[part="more-button"]')!;
      expect(more.textContent).to.contain(messages.nb.showMore);
      more.focus();
      more.click();
      await until(() => itemIds(el).length === 10, 'second page');
      const ids = itemIds(el);
      expect(ids.slice(0, 5)).to.deep.equal(first);
      expect(new Set(ids).size).to.equal(10);
      expect(calls[1]?.query?.cursor).to.be.a('string');
      expect(item(el, first[0]!)).to.equal(firstLi); // kept in place, not re-rendered
      await until(() => (sr(el).activeElement as HTMLElement | null)?.dataset.headingFor === ids[5], 'focus on the first new item');
      expect(polite(el)).to.equal(messages.nb.loadedMore(5, 10));
      await expect(el).to.be.accessible();
    });

    it('shows an error with retry when a further page fails, keeping what is shown', async () => {
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="5" .client=${client}></omsorg-appointment-list>`);
      const first = itemIds(el);
      await useScenario('server-error', { now: () => NOW });
      $<HTMLButtonElement>(el, '[part="more-button"]')!.click();
      await until(() => !!$(el, '.more .inline-error'), 'load-more error');
      expect(itemIds(el)).to.deep.equal(first);
      expect(alertText(el)).to.contain(messages.nb.errorLoadMore);
      expect(alertText(el)).to.contain('Noe gikk galt hos oss');
      const retry = $<HTMLButtonElement>(el, '[part="more-button"]')!;
      expect(retry.textContent?.trim()).to.equal('Prøv igjen');
      await expect(el).to.be.accessible();
      await useScenario('default', { now: () => NOW });
      retry.click();
      await until(() => itemIds(el).length === 10, 'second page after retry');
      expect($(el, '.more .inline-error')).to.equal(null);
    });

    it('aborts the previous load when reloading, and any load on disconnect', async () => {
      // Both loads stay unanswered (the waits are never released), however slow the machine is.
      await useScenario('slow', { now: () => NOW, delayMs: 1000, wait: heldTimers().wait });
      const client = testClient('ola');
      const calls = spy(client);
      const el = await fixture<List>(html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`);
      await until(() => calls.length === 1, 'first load');
      el.when = 'past';
      await until(() => calls.length === 2, 'second load');
      expect(calls[0]?.signal?.aborted).to.equal(true);
      expect(calls[1]?.signal?.aborted).to.equal(false);
      el.remove();
      expect(calls[1]?.signal?.aborted).to.equal(true);
    });
  });

  describe('store events', () => {
    it('updates a changed appointment in place without a refetch', async () => {
      const client = testClient('ola');
      const calls = spy(client);
      const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
      const id = appointmentIds.olaCancellable;
      const li = item(el, id)!;
      expect(li.querySelector('[part~="status"]')?.textContent).to.contain(messages.nb.statuses.booked);
      const a = client.cachedAppointment(id)!;
      await client.cancelAppointment({
        subjectId: 'me',
        appointmentId: id,
        version: a.version,
        reason: { system: cancellationReasons.system, code: 'pat-crs' },
        idempotencyKey: client.newIdempotencyKey(),
      });
      await until(() => (li.querySelector('[part~="status"]')?.textContent ?? '').includes(messages.nb.statuses.cancelled), 'status update');
      expect(item(el, id)).to.equal(li);
      expect(li.querySelector('[part="cancel-button"]')).to.equal(null);
      expect(calls.length).to.equal(1);
      await expect(el).to.be.accessible();
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
      await expect(el).to.be.accessible();
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
      const text = shadowText(el);
      for (const gone of ['Hjemmesykepleien', 'Granveien', 'Ingrid', '08:00', 'juni']) expect(text).not.to.contain(gone);
      expect($$(el, 'li, time, a')).to.have.length(0);
      expect(polite(el)).to.equal('');
      await expect(el).to.be.accessible();
    });
  });

  describe('cancel', () => {
    it('fires a cancelable event with the ids and opens the cancel dialog with the trigger', async () => {
      const client = testClient('ola');
      const el = await mount(client);
      const events: AppointmentCancelEvent[] = [];
      const onCancel = (e: AppointmentCancelEvent) => events.push(e);
      document.addEventListener('omsorg-appointment-cancel', onCancel);
      try {
        const li = item(el, appointmentIds.olaCancellable)!;
        const trigger = li.querySelector<HTMLButtonElement>('[part="cancel-button"]')!;
        trigger.click();
        expect(events).to.have.length(1);
        expect(events[0]).to.be.instanceOf(AppointmentCancelEvent);
        expect(events[0]!.detail).to.deep.equal({ appointmentId: appointmentIds.olaCancellable, subjectId: 'me' });
        expect(events[0]!.cancelable && events[0]!.bubbles && events[0]!.composed).to.equal(true);
        const dialog = document.querySelector('omsorg-cancel-dialog') as unknown as FakeCancelDialog;
        expect(dialog).to.exist;
        expect(dialog.parentElement).to.equal(document.body);
        expect(dialog.appointmentId).to.equal(appointmentIds.olaCancellable);
        expect(dialog.subjectId).to.equal('me');
        expect(dialog.client).to.equal(client);
        expect(dialog.triggers).to.deep.equal([trigger]);
        // A second cancel reuses the dialog that is on the page.
        item(el, appointmentIds.olaNursingWindow)!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
        expect(document.querySelectorAll('omsorg-cancel-dialog')).to.have.length(1);
        expect(dialog.appointmentId).to.equal(appointmentIds.olaNursingWindow);
      } finally {
        document.removeEventListener('omsorg-appointment-cancel', onCancel);
      }
    });

    it('does not open the dialog when the event is default-prevented', async () => {
      const el = await mount(testClient('ola'));
      const existing = document.createElement('omsorg-cancel-dialog') as unknown as FakeCancelDialog;
      document.body.append(existing);
      const prevent = (e: Event) => e.preventDefault();
      el.addEventListener('omsorg-appointment-cancel', prevent);
      item(el, appointmentIds.olaCancellable)!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
      el.removeEventListener('omsorg-appointment-cancel', prevent);
      expect(existing.triggers).to.have.length(0);
      expect(existing.appointmentId).to.equal(undefined);
      expect(document.querySelectorAll('omsorg-cancel-dialog')).to.have.length(1);
    });

    it('puts focus on the appointment when its cancel button is gone after the dialog closes', async () => {
      const client = testClient('ola');
      const el = await mount(client);
      const id = appointmentIds.olaCancellable;
      item(el, id)!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
      const dialog = document.querySelector('omsorg-cancel-dialog') as unknown as FakeCancelDialog;
      const inside = document.createElement('button');
      dialog.append(inside);
      inside.focus();
      const a = client.cachedAppointment(id)!;
      await client.cancelAppointment({
        subjectId: 'me',
        appointmentId: id,
        version: a.version,
        reason: { system: cancellationReasons.system, code: 'pat-crs' },
        idempotencyKey: client.newIdempotencyKey(),
      });
      await until(() => !item(el, id)?.querySelector('[part="cancel-button"]'), 'cancel button gone');
      // The heading takes the button's id, so a dialog can find it again by id.
      expect(item(el, id)?.querySelector('[part="item-heading"]')?.id).to.equal(`act-${id}`);
      inside.blur(); // the dialog closes; the trigger it would return to is gone
      await until(() => (sr(el).activeElement as HTMLElement | null)?.dataset.headingFor === id, 'focus on the item');
    });
  });

  describe('add to calendar', () => {
    it('downloads an .ics file through a temporary blob link', async () => {
      const el = await mount(testClient('ola'));
      let link: HTMLAnchorElement | undefined;
      let body = '';
      const pending: Promise<void>[] = [];
      const capture = (e: Event) => {
        const a = e.target as HTMLAnchorElement;
        if (a.tagName !== 'A' || !a.hasAttribute('download')) return;
        e.preventDefault(); // no real download in the test browser
        link = a;
        pending.push(fetch(a.href).then(async (r) => void (body = await r.text())));
      };
      sr(el).addEventListener('click', capture, true);
      item(el, 'apt-ola-hsp-d01-am')!.querySelector<HTMLButtonElement>('[part="calendar-button"]')!.click();
      sr(el).removeEventListener('click', capture, true);
      await Promise.all(pending);
      expect(link?.href).to.match(/^blob:/);
      expect(link?.download).to.equal('avtale-2026-06-11.ics');
      expect(link?.isConnected).to.equal(false);
      expect(body).to.match(/^BEGIN:VCALENDAR\r\n/);
      const unfolded = body.replace(/\r\n /g, '');
      expect(unfolded).to.contain('DTSTART:20260611T060000Z\r\n');
      expect(unfolded).to.contain('DTEND:20260611T080000Z\r\n');
      expect(unfolded).to.contain(`SUMMARY:${serviceTypes.codes['15'].nb}\r\n`);
      expect(unfolded).to.contain('LOCATION:Hjemme\\, Granveien 4\\, 9999 Fjordvik\r\n');
      expect(unfolded).to.contain('Besøket kommer en gang mellom 08:00 og 10:00.');
      expect(unfolded).to.contain('UID:apt-ola-hsp-d01-am@omsorg');
      // The blob URL is released when the element leaves the page.
      el.remove();
      let failed = false;
      await fetch(link!.href).catch(() => (failed = true));
      expect(failed).to.equal(true);
    });
  });

  describe('languages', () => {
    it('follows lang on a wrapper (nb, nn, en) without reloading', async () => {
      const client = testClient('ola');
      const calls = spy(client);
      const { wrapper, el } = await mountIn<List>({ lang: 'nb' }, html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`);
      await until(() => settled(el), 'loaded');
      const visit = () => item(el, 'apt-ola-hsp-d01-am')!;
      const check = async (locale: 'nb' | 'nn' | 'en', day: RegExp) => {
        wrapper.setAttribute('lang', locale);
        await until(() => $(el, '#title')?.textContent?.trim() === messages[locale].title, `title in ${locale}`);
        expect(button(el, messages[locale].upcoming)).to.exist;
        expect(button(el, messages[locale].past)).to.exist;
        expect(visit().querySelector('.label')?.textContent).to.equal(serviceTypes.codes['15'][locale]);
        expect(visit().querySelector('[part~="status"]')?.textContent).to.contain(messages[locale].statuses.booked);
        expect(visit().textContent).to.contain(messages[locale].atHome);
        expect(visit().closest('li[part="day"]')?.querySelector('h3')?.textContent).to.match(day);
        expect(shadowText(el)).to.contain(messages[locale].addToCalendar);
        await expect(el).to.be.accessible();
      };
      await check('nn', /torsdag 11\. juni 2026/);
      expect(visit().querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Mellom 08:00 og 10:00');
      await check('en', /Thursday,? 11 June 2026/);
      expect(visit().querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Between 08:00 and 10:00');
      await check('nb', /torsdag 11\. juni 2026/);
      expect(calls.length).to.equal(1);
    });
  });

  describe('keyboard', () => {
    it('reaches every action with Tab and operates it with Enter or Space', async () => {
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="8" .client=${client}></omsorg-appointment-list>`);
      (document.activeElement as HTMLElement | null)?.blur();

      // Tab order: toggle, then per item its links and buttons, then "show more".
      const past = await tabTo((a) => a.textContent?.trim() === messages.nb.past, { max: 120 });
      await sendKeys({ press: 'Enter' });
      await until(() => el.when === 'past' && settled(el), 'past via Enter');
      expect(sr(el).activeElement).to.equal(past);
      await shiftTab();
      expect(sr(el).activeElement?.textContent?.trim()).to.equal(messages.nb.upcoming);
      await sendKeys({ press: SPACE });
      await until(() => el.when === 'upcoming' && settled(el), 'upcoming via Space');

      const events: string[] = [];
      const onCancel = (e: AppointmentCancelEvent) => {
        events.push(e.detail.appointmentId);
        e.preventDefault();
      };
      el.addEventListener('omsorg-appointment-cancel', onCancel);
      const cancel = await tabTo((a) => a.getAttribute('part') === 'cancel-button', { max: 120 });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: SPACE });
      el.removeEventListener('omsorg-appointment-cancel', onCancel);
      const id = cancel.closest('li[part="item"]')!.getAttribute('data-id')!;
      expect(events).to.deep.equal([id, id]);

      let downloads = 0;
      const capture = (e: Event) => {
        if ((e.target as Element).tagName === 'A' && (e.target as Element).hasAttribute('download')) {
          e.preventDefault();
          downloads++;
        }
      };
      sr(el).addEventListener('click', capture, true);
      await tabTo((a) => a.getAttribute('part') === 'calendar-button', { max: 120 });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: SPACE });
      sr(el).removeEventListener('click', capture, true);
      expect(downloads).to.equal(2);

      // Phone links are reachable too.
      await tabTo((a) => a.getAttribute('part') === 'phone-link', { max: 120 });

      await tabTo((a) => a.getAttribute('part') === 'more-button', { max: 120 });
      await sendKeys({ press: 'Enter' });
      await until(() => itemIds(el).length === 16, 'second page via Enter');
      await until(() => !!(sr(el).activeElement as HTMLElement | null)?.dataset.headingFor, 'focus moved to the new items');
    });

    it('operates retry and sign-in from the keyboard', async () => {
      await useScenario('server-error', { now: () => NOW });
      const client = testClient('ola');
      const el = await mount(client);
      (document.activeElement as HTMLElement | null)?.blur();
      await tabTo((a) => a.getAttribute('part') === 'retry-button', { max: 120 });
      await useScenario('unauthorized', { now: () => NOW });
      await sendKeys({ press: 'Enter' });
      await until(() => !!$(el, '[part="sign-in-button"]'), 'signed-out after retry');
      let signIns = 0;
      client.auth.signIn = async () => {
        signIns++;
      };
      (document.activeElement as HTMLElement | null)?.blur();
      await tabTo((a) => a.getAttribute('part') === 'sign-in-button', { max: 120 });
      await sendKeys({ press: SPACE });
      expect(signIns).to.equal(1);
    });
  });
});

subjectDataBehaviour({
  tag: 'omsorg-appointment-list',
  texts: messages.nb,
  scenario: (name) => useScenario(name, { now: () => NOW }),
  client: testClient,
  render: (client, subjectId) => html`<omsorg-appointment-list .client=${client} subject-id=${ifDefined(subjectId)}></omsorg-appointment-list>`,
  load: { method: 'listAppointments', subject: (query) => query?.subjectId },
  hasData: (el) => itemIds(el).length > 0,
  empty: messages.nb.emptyUpcoming,
  actingFor: { person: 'kari', subject: subjectIds.ola, own: subjectIds.kari, name: 'Ola Nordmann', nameInHeading: true },
});
