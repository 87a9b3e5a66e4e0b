/**
 * The SDK keeps the stored thread list current after a send and after "seen"; the inbox shows
 * what the store says and asks for no list the SDK already updated.
 */
import { expect, html } from '@open-wc/testing';
import { threadIds } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { until } from '../test/setup.js';
import { $, $$, button, fill, idsOf, itemById, mountSettled, recordCalls } from '../test/kit.js';
import { draftSavesDone, messageClient, scenario } from '../test/messages.js';
import { messages as composerMessages } from '../composer/composer.messages.js';
import { messages } from './inbox.messages.js';
import type { OmsorgInbox } from './inbox.js';
import './define.js';

const t = messages.nb;
const ct = composerMessages.nb;
const threadView = (el: Element) => $(el, 'omsorg-message-thread');
const settledThread = (el: Element) => threadView(el)?.shadowRoot?.querySelector('[part="content"]')?.getAttribute('aria-busy') === 'false';
const mount = (c: Client) => mountSettled<OmsorgInbox>(html`<omsorg-inbox .client=${c}></omsorg-inbox>`, 'the inbox to load');

describe('<omsorg-inbox>: no refetch of what the SDK updated', () => {
  afterEach(async () => {
    document.querySelectorAll('omsorg-inbox').forEach((e) => e.remove());
    await draftSavesDone();
  });

  it('back from a thread shows the list the store kept current, without asking for it again', async () => {
    await scenario('default');
    const client = messageClient('ola');
    const el = await mount(client);
    const before = el.unreadCount!;
    itemById(el, threadIds.olaUnreadReply)!.querySelector<HTMLElement>('[part="thread-button"]')!.click();
    await until(() => settledThread(el), 'the thread inside');
    await until(() => el.unreadCount === before - 1, 'marked seen, through the store');

    const lists = recordCalls(client, 'listThreads', (query) => query ?? {});
    button(el, t.back)!.click();
    await until(() => !threadView(el) && idsOf(el, 'li[part~="thread"]').length > 0, 'the list');
    await el.updateComplete;
    expect(lists).to.deep.equal([]);
    expect(itemById(el, threadIds.olaUnreadReply)!.querySelector('[part="unread-badge"]')).to.equal(null);
  });

  it('a new thread that was sent is listed from the store, without asking for the list', async () => {
    await scenario('default');
    const client = messageClient('ola');
    const el = await mount(client);
    const lists = recordCalls(client, 'listThreads', (query) => query ?? {});
    button(el, t.newMessage)!.click();
    await until(() => !!$(el, 'input[name="recipient"]'), 'the recipients');
    $<HTMLInputElement>(el, 'input[name="recipient"]')!.click();
    await el.updateComplete;
    fill($<HTMLInputElement>(el, '#new-subject')!, 'Fra lageret');
    fill($<HTMLTextAreaElement>(el, 'textarea')!, 'Ny tråd, vist fra lageret.');
    button(el, ct.send)!.click();
    await until(() => settledThread(el), 'the new thread, opened');
    button(el, t.back)!.click();
    await until(() => $$(el, '[part="thread-button"]').some((b) => b.textContent?.includes('Fra lageret')), 'the new thread listed');
    expect(lists).to.deep.equal([]);
  });
});
