/** The appointment list: add to calendar, languages, the keyboard, and the shared SubjectDataElement behaviour. */
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SPACE, shiftTab } from '../test/keys.js';
import { subjectIds } from '@omsorg/mocks';
import { serviceTypes, type Appointment } from '@omsorg/contract';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, alertText, button, idsOf as itemIds, inEveryLanguage, itemById as item, mountIn, settled, sr, tabTo } from '../test/kit.js';
import { AppointmentCancelEvent } from '../internal/events.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { messages } from './appointment-list.messages.js';
import { cleanUp, mount, NOW, setUp, spy, type List } from './test/list.js';

/**
 * Catches the calendar files the list saves: each click of its hidden download link, kept in
 * `links` and not downloaded. The file is written once the calendar code has loaded (at the
 * first press), so a test waits for `links` rather than expecting a link at once.
 */
function catchDownloads(el: Element): { links: HTMLAnchorElement[]; stop: () => void } {
  const links: HTMLAnchorElement[] = [];
  const capture = (e: Event) => {
    const a = e.target as HTMLAnchorElement;
    if (a.tagName !== 'A' || !a.hasAttribute('download')) return;
    e.preventDefault(); // no real download in the test browser
    links.push(a);
  };
  sr(el).addEventListener('click', capture, true);
  return { links, stop: () => sr(el).removeEventListener('click', capture, true) };
}

describe('<omsorg-appointment-list>', () => {
  beforeEach(setUp);
  afterEach(cleanUp);

  describe('add to calendar', () => {
    it('downloads an .ics file through a temporary blob link', async () => {
      const el = await mount(testClient('ola'));
      const caught = catchDownloads(el);
      item(el, 'apt-ola-hsp-d01-am')!.querySelector<HTMLButtonElement>('[part="calendar-button"]')!.click();
      await until(() => caught.links.length > 0, 'the calendar file');
      caught.stop();
      const link = caught.links[0];
      const body = await (await fetch(link!.href)).text();
      expect(link?.href).to.match(/^blob:/);
      // A visit of a series writes the whole series: from its first visit (a week back), in Oslo time.
      expect(link?.download).to.equal('avtale-2026-06-03.ics');
      expect(link?.isConnected).to.equal(false);
      expect(body).to.match(/^BEGIN:VCALENDAR\r\n/);
      const unfolded = body.replace(/\r\n /g, '');
      expect(unfolded).to.contain('DTSTART;TZID=Europe/Oslo:20260603T080000\r\n');
      expect(unfolded).to.contain('DTEND;TZID=Europe/Oslo:20260603T100000\r\n');
      expect(unfolded).to.contain('RRULE:FREQ=DAILY;COUNT=21\r\n');
      expect(unfolded).to.contain(`SUMMARY:${serviceTypes.codes['15'].nb}\r\n`);
      expect(unfolded).to.contain('LOCATION:Hjemme\\, Granveien 4\\, 9999 Fjordvik\r\n');
      expect(unfolded).to.contain('Besøket kommer en gang mellom 08:00 og 10:00.');
      expect(unfolded).to.contain('UID:ser-ola-hsp-am@omsorg');
      // The blob URL is released when the element leaves the page.
      el.remove();
      let failed = false;
      await fetch(link!.href).catch(() => (failed = true));
      expect(failed).to.equal(true);
    });
  });

  describe('add to calendar when the file cannot be written', () => {
    it('says so in the alert region and starts no download', async () => {
      const el = await mount(testClient('ola'));
      // An appointment whose time the calendar code cannot read (a visit on its own, not a series).
      const items = (el as unknown as { items: Appointment[] }).items;
      const a = items.find((x) => !x.series && item(el, x.id)?.querySelector('[part="calendar-button"]'));
      expect(a, 'a visit with a calendar button').to.exist;
      a!.start = 'not a time';
      const caught = catchDownloads(el);
      item(el, a!.id)!.querySelector<HTMLButtonElement>('[part="calendar-button"]')!.click();
      await until(() => alertText(el) === messages.nb.calendarError, 'the calendar error in the alert region');
      caught.stop();
      expect(caught.links.length).to.equal(0);
    });
  });

  describe('add to calendar when the list leaves the page first', () => {
    it('writes no file once the calendar code has loaded', async () => {
      const el = await mount(testClient('ola'));
      const caught = catchDownloads(el);
      item(el, 'apt-ola-hsp-d01-am')!.querySelector<HTMLButtonElement>('[part="calendar-button"]')!.click();
      el.remove();
      // The same module, asked for after the list asked: the list's own wait ends first.
      await import('./appointment-list.calendar.js');
      await Promise.resolve();
      caught.stop();
      expect(caught.links.length).to.equal(0);
    });
  });

  describe('languages', () => {
    it('follows lang on a wrapper (nb, nn, en) without reloading', async () => {
      const texts = await inEveryLanguage(messages);
      const client = testClient('ola');
      const calls = spy(client);
      const { wrapper, el } = await mountIn<List>({ lang: 'nb' }, html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`);
      await until(() => settled(el), 'loaded');
      const visit = () => item(el, 'apt-ola-hsp-d01-am')!;
      const check = async (locale: 'nb' | 'nn' | 'en', today: RegExp, day: RegExp) => {
        wrapper.setAttribute('lang', locale);
        await until(() => $(el, '#title')?.textContent?.trim() === texts[locale].title, `title in ${locale}`);
        expect(button(el, texts[locale].upcoming)).to.exist;
        expect(button(el, texts[locale].past)).to.exist;
        expect(visit().querySelector('.label')?.textContent).to.equal(serviceTypes.codes['15'][locale]);
        expect(visit().querySelector('[part~="status"]')?.textContent).to.contain(texts[locale].statuses.booked);
        expect(visit().textContent).to.contain(texts[locale].atHome);
        // The visit is one of a daily series, which stands under today's heading; the visit
        // says its own day.
        expect(visit().closest('li[part="day"]')?.querySelector('h3')?.textContent).to.match(today);
        expect(visit().querySelector('.day-of')?.textContent).to.match(day);
        expect(shadowText(el)).to.contain(texts[locale].addToCalendar);
        await expect(el).to.be.accessible();
      };
      await check('nn', /onsdag 10\. juni 2026/, /torsdag 11\. juni 2026/);
      expect(visit().querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Mellom 08:00 og 10:00');
      await check('en', /Wednesday,? 10 June 2026/, /Thursday,? 11 June 2026/);
      expect(visit().querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Between 08:00 and 10:00');
      await check('nb', /onsdag 10\. juni 2026/, /torsdag 11\. juni 2026/);
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

      const caught = catchDownloads(el);
      await tabTo((a) => a.getAttribute('part') === 'calendar-button', { max: 120 });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: SPACE });
      await until(() => caught.links.length >= 2, 'a calendar file for each key');
      caught.stop();
      expect(caught.links.length).to.equal(2);

      // Phone links are reachable too. They stand before the last item's calendar button (the
      // first items are a series' visits, with no cancel button), so the walk starts again at the
      // list's first button: Firefox does not wrap Tab from the page's end back into it.
      sr(el).querySelector<HTMLElement>('[part~="toggle-button"]')!.focus();
      await tabTo((a) => a.getAttribute('part') === 'phone-link', { max: 120 });

      await tabTo((a) => a.getAttribute('part') === 'more-button', { max: 120 });
      const before = new Set(itemIds(el));
      await sendKeys({ press: 'Enter' });
      await until(() => itemIds(el).length === 16, 'second page via Enter');
      // Focus moves to the new items: the first one in sight, or, when every new visit joined a
      // series that is closed, that series' disclosure button.
      const fresh = itemIds(el).filter((id) => !before.has(id!)) as string[];
      expect(fresh).not.to.be.empty;
      const inSight = fresh.find((id) => !item(el, id)!.closest('ul[hidden]'));
      const target = inSight
        ? $(el, `[data-heading-for="${inSight}"]`)!
        : item(el, fresh[0]!)!.closest('li[part="series"]')!.querySelector<HTMLElement>('[part="series-toggle"]')!;
      await until(() => sr(el).activeElement === target, 'focus moved to the new items');
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
