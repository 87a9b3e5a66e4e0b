/**
 * Set-up shared by the appointment list's test files: the mocks' clock, a stand-in cancel
 * dialog, mounting a list and waiting for it, recording its loads, and the hooks every file uses.
 */
import { html } from '@open-wc/testing';
import type { Client } from '@omsorg/sdk';
import { useScenario } from '../../test/setup.js';
import { mountSettled, recordCalls } from '../../test/kit.js';
import type { OmsorgAppointmentList } from '../appointment-list.js';
import '../define.js';

/** Wednesday 10 June 2026, 10:00 in Oslo: the mocks' clock for most tests. */
export const NOW = new Date('2026-06-10T10:00:00+02:00');

/**
 * A stand-in for <omsorg-cancel-dialog> with the small contract the list relies on
 * (`appointmentId`, `subjectId`, `open(trigger)`), so these tests do not depend on the dialog.
 */
export class FakeCancelDialog extends HTMLElement {
  appointmentId?: string;
  subjectId?: string;
  client?: Client;
  triggers: Array<HTMLElement | undefined> = [];
  open(trigger?: HTMLElement): void {
    this.triggers.push(trigger);
  }
}
if (!customElements.get('omsorg-cancel-dialog')) customElements.define('omsorg-cancel-dialog', FakeCancelDialog);

export type List = OmsorgAppointmentList;
export const mount = (client: Client, template = html`<omsorg-appointment-list .client=${client}></omsorg-appointment-list>`) =>
  mountSettled<List>(template, 'the list to finish loading');
/** Records every listAppointments call (query and signal) and passes it on. */
export const spy = (client: Client) => recordCalls(client, 'listAppointments', (query, options) => ({ query, signal: options?.signal }));

export const textNodes = (root: Node): Text[] => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  while (walker.nextNode()) out.push(walker.currentNode as Text);
  return out;
};

/** Before each test: the default scenario on the mocks' clock. */
export const setUp = () => useScenario('default', { now: () => NOW });
/** After each test: no stand-in dialogs left. */
export const cleanUp = () => document.querySelectorAll('omsorg-cancel-dialog').forEach((d) => d.remove());
