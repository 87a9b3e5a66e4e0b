/** The appointment list: upcoming and past, paging, store events (changes in place, sign-out), and the cancel button. */
import { expect, fixture, html } from '@open-wc/testing';
import { appointmentIds, heldTimers } from '@omsorg/mocks';
import { cancellationReasons } from '@omsorg/contract';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, alertText, button, captureListeners, idsOf as itemIds, itemById as item, polite, settled, sr } from '../test/kit.js';
import { AppointmentCancelEvent } from '../internal/events.js';
import { messages } from './appointment-list.messages.js';
import { cleanUp, FakeCancelDialog, mount, NOW, setUp, spy, type List } from './test/list.js';

describe('<omsorg-appointment-list>', () => {
  beforeEach(setUp);
  afterEach(cleanUp);

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
      expect([...keys].sort()).to.deep.equal(keys);
      // The daily visits are grouped in their series (at today); each says its own Oslo day.
      const check = (id: string, day: RegExp | null, utc: string) => {
        const li = item(el, id)!;
        // The series' first visit in the list stands under its day heading, without a day of its own.
        if (day) expect(li.querySelector('.day-of')?.textContent ?? '', id).to.match(day);
        const first = li.querySelector('.time time')!;
        expect(first.textContent, id).to.equal('08:00');
        expect(first.getAttribute('datetime'), id).to.equal(utc);
      };
      check('apt-ola-hsp-d01-am', null, '2026-03-28T07:00:00.000Z');
      check('apt-ola-hsp-d02-am', /søndag 29\. mars 2026/, '2026-03-29T06:00:00.000Z');
      check('apt-ola-hsp-d03-am', /mandag 30\. mars 2026/, '2026-03-30T06:00:00.000Z');
      // The evening visit on the change day stays on that day, 20:00 local.
      expect(item(el, 'apt-ola-hsp-d02-pm')?.querySelector('.day-of')?.textContent).to.match(/søndag 29\. mars 2026/);
      expect(item(el, 'apt-ola-hsp-d02-pm')?.querySelector('.time time')?.textContent).to.equal('20:00');
    });

    it('groups by the Oslo calendar day across the autumn DST change', async () => {
      // Friday 23 October 2026; clocks go back on Sunday 25 October.
      await useScenario('default', { now: () => new Date('2026-10-23T12:00:00+02:00') });
      const client = testClient('ola');
      const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
      const am = item(el, 'apt-ola-hsp-d02-am')!;
      expect(am.querySelector('.day-of')?.textContent).to.match(/søndag 25\. oktober 2026/);
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
      // A series' new visits join its group, so the page's items are not all at the end.
      expect(ids).to.include.members(first);
      expect(new Set(ids).size).to.equal(10);
      expect(calls[1]?.query?.cursor).to.be.a('string');
      expect(item(el, first[0]!)).to.equal(firstLi); // kept in place, not re-rendered
      const fresh = ids.filter((id) => !first.includes(id));
      // Focus on the first new item the reader can see (or its series' button while it is closed).
      await until(() => {
        const active = sr(el).activeElement as HTMLElement | null;
        return fresh.includes(active?.dataset.headingFor ?? '') || active?.getAttribute('part') === 'series-toggle';
      }, 'focus on the first new item');
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

});
