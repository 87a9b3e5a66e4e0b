import { expect, html } from '@open-wc/testing';
import { threadIds } from '@omsorg/mocks';
import { threadLinkParam } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { shadowText, until } from '../test/setup.js';
import { draftSavesDone, messageClient as client, scenario } from '../test/messages.js';
import { $, button, mountSettled } from '../test/kit.js';
import { common } from '../internal/messages.js';
import type { ThreadOpenEvent } from '../internal/events.js';
import { messages } from './inbox.messages.js';
import type { OmsorgInbox } from './inbox.js';
import './define.js';

const t = messages.nb;
const threadView = (el: Element) => $<HTMLElement & { threadId?: string }>(el, 'omsorg-message-thread');
const openedThread = (el: Element) => threadView(el)?.threadId;

/** The page's address with `search` for the test's length (the host page's own address is restored after). */
function atAddress(search: string): () => void {
  const before = location.href;
  history.replaceState(null, '', `${location.pathname}${search}`);
  return () => history.replaceState(null, '', before);
}

const mount = (c: Client, attrs: { threadId?: string; threadParam?: string } = {}) =>
  mountSettled<OmsorgInbox>(
    attrs.threadParam === undefined
      ? html`<omsorg-inbox .client=${c} .threadId=${attrs.threadId}></omsorg-inbox>`
      : html`<omsorg-inbox .client=${c} .threadId=${attrs.threadId} thread-param=${attrs.threadParam}></omsorg-inbox>`,
    'the inbox to load',
  );

describe('<omsorg-inbox>: deep links to a thread', () => {
  let restore: (() => void) | undefined;
  beforeEach(async () => {
    await scenario('default');
  });
  afterEach(async () => {
    restore?.();
    restore = undefined;
    document.querySelectorAll('omsorg-inbox').forEach((e) => e.remove());
    await draftSavesDone();
  });

  it('thread-id opens that thread once the list is in, firing omsorg-thread-open like a press', async () => {
    const opened: string[] = [];
    const onOpen = (e: ThreadOpenEvent) => opened.push(e.detail.threadId);
    document.addEventListener('omsorg-thread-open', onOpen);
    try {
      const el = await mount(client('ola'), { threadId: threadIds.olaClosed });
      await until(() => openedThread(el) === threadIds.olaClosed, 'the linked thread');
      expect(opened).to.deep.equal([threadIds.olaClosed]);
      // Back to the list stays on the list (the link was used).
      await until(() => !!button(el, t.back), 'the back button');
      button(el, t.back)!.click();
      await until(() => !threadView(el), 'the list again');
      el.requestUpdate();
      await el.updateComplete;
      expect(threadView(el)).to.equal(null);
      // A new thread-id while the list is shown opens that one at once.
      el.threadId = threadIds.olaUnreadReply;
      await until(() => openedThread(el) === threadIds.olaUnreadReply, 'the second linked thread');
      expect(opened).to.deep.equal([threadIds.olaClosed, threadIds.olaUnreadReply]);
    } finally {
      document.removeEventListener('omsorg-thread-open', onOpen);
    }
  });

  it("opens the thread a notice's link names in the page's address (omsorg-thread), as after a sign-in", async () => {
    expect(threadLinkParam).to.equal('omsorg-thread');
    restore = atAddress(`?lang=nb&omsorg-thread=${threadIds.olaStaffStarted}`);
    const el = await mount(client('ola'));
    await until(() => openedThread(el) === threadIds.olaStaffStarted, 'the thread from the address');
  });

  it('a host may name its own parameter, or turn the address off with an empty thread-param', async () => {
    restore = atAddress(`?melding=${threadIds.olaClosed}&omsorg-thread=${threadIds.olaUnreadReply}`);
    const own = await mount(client('ola'), { threadParam: 'melding' });
    await until(() => openedThread(own) === threadIds.olaClosed, 'the thread from the host parameter');
    own.remove();
    const off = await mount(client('ola'), { threadParam: '' });
    await off.updateComplete;
    expect(threadView(off)).to.equal(null);
    expect(shadowText(off)).to.contain(t.newMessage);
  });

  it('a link that is not a thread id shows the list; a thread of someone else is not shown', async () => {
    restore = atAddress(`?omsorg-thread=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    const el = await mount(client('ola'));
    await el.updateComplete;
    expect(threadView(el)).to.equal(null);
    expect(shadowText(el)).to.contain(t.newMessage);
    el.remove();
    restore();
    // Emma's thread, linked in Ola's page: the server answers 404 and the thread says it is not found.
    restore = atAddress(`?omsorg-thread=${threadIds.emma}`);
    const other = await mount(client('ola'));
    await until(() => openedThread(other) === threadIds.emma, 'the linked thread view');
    const view = threadView(other)!;
    await until(() => shadowText(view).includes(common.nb.errorNotFound), 'not found');
    expect(shadowText(view).toLowerCase()).not.to.contain('avlastning');
  });
});
