/**
 * Keyboard-only journey: from the appointment list's "Cancel" button, through the cancel
 * dialog, and back. Only Tab, Shift+Tab, Enter, Space, arrows and Escape; no clicks, no
 * programmatic focus after the start.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SPACE } from '../test/keys.js';
import type { Appointment } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { deepActive, nameOf, safelyCancellable, tabTo } from '../test/kit.js';
import type { OmsorgCancelDialog } from '../cancel-dialog/cancel-dialog.js';
import '../cancel-dialog/define.js';
import '../appointment-list/define.js';

async function setup(): Promise<{ client: Client; wrapper: HTMLElement; dialog: OmsorgCancelDialog; target: Appointment }> {
  await useScenario('default');
  const client = testClient('ola');
  const page = await client.listAppointments({ when: 'upcoming' });
  const target = page.items.find((a) => safelyCancellable(a) && a.cancellationPolicy.mode === 'final');
  if (!target) throw new Error('No cancellable appointment in the mock data');
  const wrapper = await fixture<HTMLElement>(html`
    <main lang="en">
      <omsorg-appointment-list .client=${client}></omsorg-appointment-list>
      <omsorg-cancel-dialog .client=${client}></omsorg-cancel-dialog>
    </main>
  `);
  const list = wrapper.querySelector('omsorg-appointment-list')!;
  await until(() => !!list.shadowRoot?.querySelector(`#act-${target.id}`), 'the list shows the cancel button');
  // Start from the top of the page.
  (document.activeElement as HTMLElement | null)?.blur();
  return { client, wrapper, dialog: wrapper.querySelector('omsorg-cancel-dialog')!, target };
}

const isCancelButtonFor = (id: string) => (e: Element) => e.id === `act-${id}` && e.localName === 'button';

/**
 * Tabs to the target's Cancel button. A visit of a series whose other visits are closed is
 * opened first, from the keyboard: Tab to the series' disclosure button and press Enter.
 */
async function tabToCancel(dialog: OmsorgCancelDialog, target: Appointment): Promise<HTMLElement> {
  const list = dialog.parentElement!.querySelector('omsorg-appointment-list')!;
  const series = list.shadowRoot!.querySelector(`#act-${CSS.escape(target.id)}`)!.closest('ul[hidden]')?.closest('li[part="series"]');
  if (series) {
    const toggle = await tabTo((e) => e.getAttribute('part') === 'series-toggle' && !!series.contains(e), { what: "the visit's series" });
    await sendKeys({ press: 'Enter' });
    await until(() => toggle.getAttribute('aria-expanded') === 'true', 'the series open');
    expect(deepActive()).to.equal(toggle);
  }
  return tabTo(isCancelButtonFor(target.id), { what: 'the Cancel button' });
}

describe('keyboard journey: cancel an appointment', () => {
  it('Tab to Cancel, Enter, choose a reason with the keyboard, confirm, close; focus comes back to the appointment', async () => {
    const { client, dialog, target } = await setup();
    const cancelled: Event[] = [];
    document.addEventListener('omsorg-appointment-cancelled', (e) => cancelled.push(e), { once: true });

    await tabToCancel(dialog, target);
    await sendKeys({ press: 'Enter' });
    await until(() => !!dialog.shadowRoot!.querySelector('dialog[open]') && !!dialog.shadowRoot!.querySelector('[part~="confirm-button"]'), 'the dialog');
    expect(deepActive()?.id).to.equal('heading');

    // Into the reason group: the first radio; Space chooses it, ArrowDown moves to and chooses the next.
    await tabTo((e) => e.getAttribute('name') === 'reason', { what: 'the reasons' });
    await sendKeys({ press: SPACE });
    await sendKeys({ press: 'ArrowDown' });
    const chosen = deepActive() as HTMLInputElement;
    expect(chosen.name).to.equal('reason');
    expect(chosen.checked).to.equal(true);
    expect(chosen.value).to.equal('pat-cpp');

    // Comment, then confirm.
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('comment');
    await sendKeys({ type: 'Reiser bort' });
    await tabTo((e) => e.getAttribute('part') === 'confirm-button', { what: 'Confirm' });
    await sendKeys({ press: 'Enter' });
    await until(() => shadowText(dialog).includes('The appointment is cancelled.'), 'success');
    expect(deepActive()?.id).to.equal('outcome');
    expect(cancelled).to.have.length(1);
    expect(client.cachedAppointment(target.id)?.status).to.equal('cancelled');

    // Close with the Close button; the Cancel button is gone, so focus lands on the appointment's heading.
    await tabTo((e) => e.getAttribute('part') === 'close-button', { what: 'Close' });
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.shadowRoot!.querySelector('dialog[open]'), 'closed');
    const focused = deepActive();
    expect(nameOf(focused)).to.contain(`#act-${target.id}`);
    expect(focused?.getAttribute('data-heading-for')).to.equal(target.id);
  });

  it('Escape closes the dialog and focus returns to the same Cancel button', async () => {
    const { dialog, target } = await setup();
    const trigger = await tabToCancel(dialog, target);
    await sendKeys({ press: 'Enter' });
    await until(() => !!dialog.shadowRoot!.querySelector('dialog[open]'), 'the dialog');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.shadowRoot!.querySelector('dialog[open]'), 'closed');
    expect(deepActive() === trigger, `focus is on ${nameOf(deepActive())}`).to.equal(true);
  });

  it('a missing reason is announced and fixed with the keyboard', async () => {
    const { dialog, target } = await setup();
    await tabToCancel(dialog, target);
    await sendKeys({ press: 'Enter' });
    await until(() => !!dialog.shadowRoot!.querySelector('[part~="confirm-button"]'), 'the dialog');
    await tabTo((e) => e.getAttribute('part') === 'confirm-button', { what: 'Confirm' });
    await sendKeys({ press: 'Enter' });
    await until(() => !!dialog.shadowRoot!.querySelector('#reason-error'), 'the error');
    // Focus went to the first radio; Space chooses it and the error goes away.
    expect((deepActive() as HTMLInputElement).name).to.equal('reason');
    await sendKeys({ press: SPACE });
    await until(() => !dialog.shadowRoot!.querySelector('#reason-error'), 'error cleared');
    await tabTo((e) => e.getAttribute('part') === 'confirm-button', { what: 'Confirm' });
    await sendKeys({ press: 'Enter' });
    await until(() => shadowText(dialog).includes('The appointment is cancelled.'), 'success');
  });
});
