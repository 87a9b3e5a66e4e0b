/**
 * The appointment list kept fresh: the care service answers a cancellation request (the mocks'
 * `db.answerCancellation`, as the staff page does on the sandbox) and the list shows and says it
 * without a reload. Polls happen when the test fires them (the SDK's `poll.timer`).
 */
import { expect, html } from '@open-wc/testing';
import { appointmentIds, createMockApi, type MockApi } from '@omsorg/mocks';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { API, mswWorker, until, useScenario } from '../test/setup.js';
import { $, itemById as item, mountIn, settled } from '../test/kit.js';
import type { OmsorgAppointmentList } from './appointment-list.js';
import { heldPolls, type HeldPolls } from '../test/messages.js';
import { messages } from './appointment-list.messages.js';
import { cleanUp, mount, NOW } from './test/list.js';

const id = appointmentIds.olaCancellationRequested;
let api: MockApi;

function liveClient(polls: HeldPolls): Client {
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  return createClient({ baseUrl: API, auth, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 }, poll: { timer: polls.timer } });
}

/** Every text the status region said, in order (a MutationObserver on it). */
function sayings(el: Element): string[] {
  const said: string[] = [];
  const region = $(el, '.base > [role="status"]')!;
  new MutationObserver(() => said.push(region.textContent?.trim() ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

const statusOf = (el: Element) => item(el, id)?.querySelector('[part~="status"]')?.textContent ?? '';

describe('<omsorg-appointment-list>: answers arrive without a reload', () => {
  beforeEach(async () => {
    await useScenario('default', { now: () => NOW });
    api = createMockApi({ baseUrl: API, now: () => NOW });
    mswWorker().resetHandlers(...api.handlers);
  });
  afterEach(cleanUp);

  it('shows a turned-down request with the service\'s note, says it politely once, keeps focus, passes axe', async () => {
    const polls = heldPolls();
    const client = liveClient(polls);
    const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    expect(statusOf(el)).to.contain(messages.nb.statuses['cancellation-requested']);
    const toggle = $(el, '[part="toggle-button"]')!;
    toggle.focus();
    const said = sayings(el);
    await until(() => polls.pending > 0, 'a poll planned');
    await polls.poll();
    await el.updateComplete;
    expect(said, 'nothing changed: nothing said').to.deep.equal([]);

    api.db.answerCancellation('sub-ola-7f3a', id, { accept: false, note: 'Vi har helsesjekk den dagen. Ring oss.', at: NOW });
    await polls.poll();
    await until(() => statusOf(el).includes(messages.nb.statuses['cancellation-rejected']), 'the answer shown');
    expect(item(el, id)!.textContent).to.contain('Vi har helsesjekk den dagen. Ring oss.');
    await until(() => said.length > 0, 'the change said');
    expect(said).to.have.length(1);
    expect(said[0]).to.match(/^Ny status for .+: Avbestillingen ble avslått\. Svar fra tjenesten: Vi har helsesjekk den dagen\. Ring oss\.$/);
    expect(el.shadowRoot!.activeElement, 'focus stays where it was').to.equal(toggle);
    await expect(el).to.be.accessible();

    await polls.poll();
    await el.updateComplete;
    expect(said, 'a poll with nothing new says nothing more').to.have.length(1);
  });

  it('shows an accepted request as cancelled, in the page\'s language', async () => {
    const polls = heldPolls();
    const client = liveClient(polls);
    const { el } = await mountIn<OmsorgAppointmentList>({ lang: 'en' }, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    await until(() => settled(el) && statusOf(el).includes('Cancellation sent, awaiting reply'), 'loaded, in English');
    const said = sayings(el);
    api.db.answerCancellation('sub-ola-7f3a', id, { accept: true, at: NOW });
    await until(() => polls.pending > 0, 'a poll planned');
    await polls.poll();
    await until(() => said.length > 0, 'the change said');
    expect(said[0]).to.match(/^New status for .+: Cancelled\.$/);
    expect(item(el, id)?.querySelector('[part="cancel-button"]'), 'nothing left to cancel').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps focus on the calendar button when the answer makes the item anew', async () => {
    const polls = heldPolls();
    const client = liveClient(polls);
    const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    const calendar = item(el, id)!.querySelector<HTMLElement>('[part="calendar-button"]')!;
    calendar.focus();
    api.db.answerCancellation('sub-ola-7f3a', id, { accept: false, note: 'Vi kommer som avtalt.', at: NOW });
    await until(() => polls.pending > 0, 'a poll planned');
    await polls.poll();
    await until(() => statusOf(el).includes(messages.nb.statuses['cancellation-rejected']), 'the answer shown');
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(active?.getAttribute('part'), 'focus on a calendar button').to.equal('calendar-button');
    expect(active?.closest<HTMLElement>('li[part~="item"]')?.dataset.id, "the same appointment's").to.equal(id);
    expect(active?.isConnected).to.equal(true);
  });

  it('puts focus on the item\'s heading when the focused button is gone after a change', async () => {
    const polls = heldPolls();
    const client = liveClient(polls);
    const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    item(el, id)!.querySelector<HTMLElement>('[part="calendar-button"]')!.focus();
    api.db.answerCancellation('sub-ola-7f3a', id, { accept: true, at: NOW });
    await until(() => polls.pending > 0, 'a poll planned');
    await polls.poll();
    await until(() => statusOf(el).includes(messages.nb.statuses.cancelled), 'cancelled');
    await el.updateComplete;
    expect(item(el, id)!.querySelector('[part="calendar-button"]'), 'no calendar button for a cancelled visit').to.equal(null);
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(active?.dataset.headingFor, "focus on the appointment's heading, not lost to the page").to.equal(id);
  });

  it('keeps focus on the calendar button when the page changes language and the item is made anew', async () => {
    const client = liveClient(heldPolls());
    const el = await mount(client, html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`);
    const calendar = item(el, id)!.querySelector<HTMLElement>('[part="calendar-button"]')!;
    calendar.focus();
    el.setAttribute('lang', 'en');
    await until(() => statusOf(el).includes('Cancellation sent, awaiting reply'), 'English texts');
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    expect(active?.getAttribute('part'), 'focus on a calendar button').to.equal('calendar-button');
    expect(active?.closest<HTMLElement>('li[part~="item"]')?.dataset.id, "the same appointment's").to.equal(id);
  });

  it('stops polling when removed from the page', async () => {
    const polls = heldPolls();
    const client = liveClient(polls);
    const el = await mount(client);
    await until(() => polls.pending > 0, 'a poll planned');
    el.remove();
    expect(polls.pending, 'no poll planned').to.equal(0);
  });
});
