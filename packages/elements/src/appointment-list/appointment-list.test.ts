import { expect, fixture, html } from '@open-wc/testing';
import { appointmentIds, heldTimers, hostileText, subjectIds } from '@omsorg/mocks';
import { serviceTypes, type Appointment, type AppointmentStatus } from '@omsorg/contract';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, alertText, busy, button, idsOf as itemIds, inEveryLanguage, itemById as item, mountIn, polite, settled, sr } from '../test/kit.js';
import { messages } from './appointment-list.messages.js';
import { cleanUp, mount, NOW, setUp, spy, textNodes, type List } from './test/list.js';

describe('<omsorg-appointment-list>', () => {
  beforeEach(setUp);
  afterEach(cleanUp);

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
      const texts = await inEveryLanguage(messages);
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
        await until(() => $(el, '#title')?.textContent?.trim() === texts[locale].title, `texts in ${locale}`);
        statuses.forEach((status, i) => {
          const badge = item(el, `apt-status-${i}`)?.querySelector('[part~="status"]')?.textContent ?? '';
          expect(badge, status).to.contain(texts[locale].statuses[status]);
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
      // "Loading" is said only after a render (announceLoading awaits updateComplete): once the
      // renders are done, a late one would have been recorded.
      await el.updateComplete;
      await el.updateComplete;
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

});
