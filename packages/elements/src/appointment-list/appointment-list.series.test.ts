import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SPACE, shiftTab } from '../test/keys.js';
import ICAL from 'ical.js';
import { serviceTypes } from '@omsorg/contract';
import { createMockApi, subjectIds } from '@omsorg/mocks';
import { API, mswWorker, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, deepActive, itemById as item, tabTo } from '../test/kit.js';
import { messages } from './appointment-list.messages.js';
import nn from './appointment-list.messages.nn.js';
import en from './appointment-list.messages.en.js';
import { buildIcs } from './ics.js';
import { cleanUp, mount, setUp, FakeCancelDialog, type List } from './test/list.js';

/** The series group of a series id. */
const group = (el: List, id: string) => $(el, `li[part="series"][data-series="${id}"]`)!;
const toggle = (g: Element) => g.querySelector<HTMLButtonElement>('button[part="series-toggle"]')!;

/** The calendar file the list saves, caught at the hidden link's click. */
async function savedFile(el: List, press: () => void): Promise<{ text: string; name: string }> {
  const clicked = new Promise<{ href: string; name: string }>((resolve) => {
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = original;
      resolve({ href: this.href, name: this.download });
    };
  });
  press();
  const { href, name } = await clicked;
  return { text: await (await fetch(href)).text(), name };
}

describe('<omsorg-appointment-list>: recurring visits', () => {
  beforeEach(setUp);
  afterEach(cleanUp);

  it('groups a daily series into one titled group with its next visit and a disclosure of the rest', async () => {
    const el = await mount(testClient('ola'), html`<omsorg-appointment-list page-size="100" .client=${testClient('ola')}></omsorg-appointment-list>`);
    const t = messages.nb;
    const g = group(el, 'ser-ola-hsp-am');
    expect(g, 'the morning series').to.exist;
    expect(g.querySelector('[part="series-heading"]')?.textContent?.trim()).to.equal(`${serviceTypes.codes['15'].nb}, hver dag 08:00–10:00`);
    // The series stands once among the days: at its first visit in the list, today's.
    expect(g.closest('li[part="day"]')?.getAttribute('data-day')).to.equal('2026-06-10');
    expect($$(el, 'li[part="series"][data-series="ser-ola-hsp-am"]')).to.have.length(1);
    const [shown, others] = [...g.querySelectorAll(':scope > ul')] as HTMLUListElement[];
    expect(shown!.querySelectorAll('li[part="item"]')).to.have.length(1);
    expect(shown!.querySelector('li[data-id]')?.getAttribute('data-id')).to.equal('apt-ola-hsp-d00-am');
    // The other 13 upcoming mornings: hidden behind the button until it is pressed.
    const button = toggle(g);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal(others!.id);
    expect(others!.hidden).to.equal(true);
    expect(others!.querySelectorAll('li[part="item"]')).to.have.length(13);
    expect(button.textContent?.trim()).to.equal(t.seriesShow(13));
    // Two series' buttons say the same; each is described by its own series' heading.
    expect(g.querySelector(`#${button.getAttribute('aria-describedby')}`)).to.equal(g.querySelector('[part="series-heading"]'));
    const evening = group(el, 'ser-ola-hsp-pm');
    expect(evening, 'the evening series').to.exist;
    expect(toggle(evening).getAttribute('aria-describedby')).to.not.equal(button.getAttribute('aria-describedby'));
    // No day heading holds a morning visit of its own any more.
    expect(item(el, 'apt-ola-hsp-d03-am')?.closest('ul')).to.equal(others);
    await expect(el).to.be.accessible();

    button.focus();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(others!.hidden).to.equal(false);
    expect(button.textContent?.trim()).to.equal(t.seriesHide);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    // Each visit says its own day and time, and can still be cancelled on its own.
    const d03 = item(el, 'apt-ola-hsp-d03-am')!;
    expect(d03.querySelector('.day-of')?.textContent).to.match(/lørdag 13\. juni 2026/);
    expect(d03.querySelector('.time')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Mellom 08:00 og 10:00');
    d03.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
    const dialog = document.querySelector('omsorg-cancel-dialog') as unknown as FakeCancelDialog;
    expect(dialog.appointmentId).to.equal('apt-ola-hsp-d03-am');
    // The opened visits, in the light palette and in the dark one (Designsystemet's
    // data-color-scheme="dark" sets color-scheme: dark, which the defaults follow).
    await expect(el).to.be.accessible();
    // The page gives the dark scheme and its own dark background, as a dark page does.
    document.body.style.colorScheme = 'dark';
    document.body.style.background = 'Canvas';
    try {
      expect(getComputedStyle(d03).color).to.equal('rgb(236, 238, 242)');
      await expect(el).to.be.accessible();
    } finally {
      document.body.style.colorScheme = '';
      document.body.style.background = '';
    }

    button.click();
    await el.updateComplete;
    expect(others!.hidden).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  it('opens and closes a series from the keyboard: Enter and Space on its disclosure, focus stays, aria-expanded and the button text follow', async () => {
    const el = await mount(testClient('ola'), html`<omsorg-appointment-list page-size="100" .client=${testClient('ola')}></omsorg-appointment-list>`);
    const t = messages.nb;
    const g = group(el, 'ser-ola-hsp-am');
    const others = g.querySelector<HTMLUListElement>(`#${toggle(g).getAttribute('aria-controls')}`)!;
    (document.activeElement as HTMLElement | null)?.blur();
    const button = await tabTo((a) => a.getAttribute('part') === 'series-toggle' && g.contains(a), { what: 'the morning series', max: 120 });
    // What a screen reader says of the button: its text, collapsed, and the list it controls.
    expect(button.textContent?.trim()).to.equal(t.seriesShow(13));
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(others.hidden).to.equal(true);
    // The visits behind it are not in the tab order while closed.
    expect(others.querySelector('[part="cancel-button"]')!.checkVisibility()).to.equal(false);

    await sendKeys({ press: 'Enter' });
    await until(() => button.getAttribute('aria-expanded') === 'true', 'opened with Enter');
    expect(deepActive()).to.equal(button);
    expect(button.textContent?.trim()).to.equal(t.seriesHide);
    expect(others.hidden).to.equal(false);
    // The next Tab goes into the opened visits.
    await sendKeys({ press: 'Tab' });
    expect(others.contains(deepActive())).to.equal(true);

    await shiftTab();
    expect(deepActive()).to.equal(button);
    await sendKeys({ press: SPACE });
    await until(() => button.getAttribute('aria-expanded') === 'false', 'closed with Space');
    expect(deepActive()).to.equal(button);
    expect(button.textContent?.trim()).to.equal(t.seriesShow(13));
    expect(others.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('names a weekly series by its weekday, and says every series in nb, nn and en', async () => {
    const el = await mount(testClient('ola'), html`<omsorg-appointment-list page-size="100" .client=${testClient('ola')}></omsorg-appointment-list>`);
    // Practical help every Friday from 5 June (the mocks' now is Wednesday 10 June).
    expect(group(el, 'ser-ola-prakt').querySelector('[part="series-heading"]')?.textContent?.trim()).to.equal(
      `${serviceTypes.codes['1'].nb}, hver fredag 10:00–13:00`,
    );
    for (const [lang, every] of [['nn', 'kvar dag'], ['en', 'every day'], ['nb', 'hver dag']] as const) {
      el.setAttribute('lang', lang);
      await until(() => !!group(el, 'ser-ola-hsp-pm').querySelector('[part="series-heading"]')?.textContent?.includes(`${every} 20:00`), `${lang} texts`);
    }
  });

  it('humanizes the rules home care uses, in all three languages', () => {
    const cases: Array<[string, number, string[], string, string, string]> = [
      ['DAILY', 1, [], 'hver dag', 'kvar dag', 'every day'],
      ['DAILY', 2, [], 'annenhver dag', 'annakvar dag', 'every other day'],
      ['WEEKLY', 1, ['MO', 'TH'], 'hver mandag og torsdag', 'kvar måndag og torsdag', 'every Monday and Thursday'],
      ['WEEKLY', 2, ['MO'], 'annenhver mandag', 'annakvar måndag', 'every other Monday'],
      ['WEEKLY', 2, ['MO', 'WE', 'FR'], 'mandag, onsdag og fredag annenhver uke', 'måndag, onsdag og fredag annakvar veke', 'every other week on Monday, Wednesday and Friday'],
      ['WEEKLY', 3, ['SU'], 'søndag hver 3. uke', 'sundag kvar 3. veke', 'every 3 weeks on Sunday'],
    ];
    for (const [freq, interval, days, nb, nnText, enText] of cases) {
      expect(messages.nb.recurrence(freq, interval, days)).to.equal(nb);
      expect(nn.recurrence(freq, interval, days)).to.equal(nnText);
      expect(en.recurrence(freq, interval, days)).to.equal(enText);
    }
  });

  it('keeps a daily 08:00 visit at 08:00 across the last Sunday of March and of October', async () => {
    for (const [now, sunday, before, after] of [
      ['2026-03-27T12:00:00+01:00', 'søndag 29. mars 2026', '2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z'],
      ['2026-10-23T12:00:00+02:00', 'søndag 25. oktober 2026', '2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z'],
    ] as const) {
      await useScenario('default', { now: () => new Date(now) });
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
      const check = (id: string, utc: string) => {
        const first = item(el, id)!.querySelector('.time time')!;
        expect(first.textContent, id).to.equal('08:00');
        expect(first.getAttribute('datetime'), id).to.equal(utc);
      };
      check('apt-ola-hsp-d01-am', before);
      check('apt-ola-hsp-d02-am', after);
      expect(item(el, 'apt-ola-hsp-d02-am')!.querySelector('.day-of')?.textContent).to.equal(sunday);
      expect(group(el, 'ser-ola-hsp-am').querySelector('[part="series-heading"]')?.textContent).to.contain('08:00–10:00');
      el.remove();
    }
  });

  it('writes one VEVENT with the RRULE, the cancelled visits as EXDATE, in Europe/Oslo, which a calendar parser expands at 08:00 across summer time', async () => {
    const now = () => new Date('2026-03-27T12:00:00+01:00');
    await useScenario('default', { now });
    const api = createMockApi({ baseUrl: API, scenario: 'default', now });
    mswWorker().resetHandlers(...api.handlers);
    // One upcoming evening (Sunday 29 March, the change day) is cancelled.
    const visit = api.db.subjects.get(subjectIds.ola)!.appointments.get('apt-ola-hsp-d02-pm')!;
    visit.status = 'cancelled';
    const client = testClient('ola');
    const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    const g = group(el, 'ser-ola-hsp-pm');
    expect(item(el, 'apt-ola-hsp-d04-pm')!.closest('li[part="series"]')).to.equal(g);
    const { text, name } = await savedFile(el, () => item(el, 'apt-ola-hsp-d04-pm')!.querySelector<HTMLButtonElement>('[part="calendar-button"]')!.click());
    expect(name).to.match(/\.ics$/);
    const cal = new ICAL.Component(ICAL.parse(text));
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(tz);
    const events = cal.getAllSubcomponents('vevent');
    expect(events, 'one event for the whole series').to.have.length(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.uid).to.equal('ser-ola-hsp-pm@omsorg');
    expect(String(events[0]!.getFirstPropertyValue('rrule'))).to.equal('FREQ=DAILY;COUNT=21');
    expect(events[0]!.getFirstProperty('dtstart')!.getParameter('tzid')).to.equal('Europe/Oslo');
    const it = event.iterator();
    const starts: Date[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(event.getOccurrenceDetails(next).startDate.toJSDate());
    const oslo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // 21 evenings from a week back, at 20:00 Oslo time on both sides of the change; the
    // cancelled one is an EXDATE (the one cancelled in the past is not in the upcoming list).
    expect(starts).to.have.length(20);
    expect(new Set(starts.map((d) => oslo.format(d)))).to.deep.equal(new Set(['20:00']));
    const iso = starts.map((d) => d.toISOString());
    expect(iso).to.include.members(['2026-03-20T19:00:00.000Z', '2026-03-28T19:00:00.000Z', '2026-03-30T18:00:00.000Z']);
    expect(iso).not.to.include('2026-03-29T18:00:00.000Z');
    expect(text).to.contain('\r\nEXDATE;TZID=Europe/Oslo:20260329T200000\r\n');
    expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).to.equal(true);
  });

  it('never writes a rule outside the contract into a calendar file', () => {
    const base = { uid: 's@omsorg', start: new Date('2026-03-27T08:00:00+01:00'), end: new Date('2026-03-27T08:30:00+01:00'), summary: 'x' };
    expect(() => buildIcs({ ...base, rrule: 'FREQ=DAILY\r\nATTACH:https://evil.example' })).to.throw(RangeError);
    expect(() => buildIcs({ ...base, rrule: 'FREQ=HOURLY' })).to.throw(RangeError);
    expect(buildIcs({ ...base, rrule: 'FREQ=DAILY;COUNT=2' })).to.contain('\r\nDTSTART;TZID=Europe/Oslo:20260327T080000\r\n');
  });
});
