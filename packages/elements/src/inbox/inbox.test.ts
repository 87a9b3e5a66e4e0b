import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMockApi, heldTimers, scenarioNames, subjectIds, threadIds, type MockApi, type ScenarioName } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { API, mswWorker, shadowText, until } from '../test/setup.js';
import { draftSavesDone, heldPolls, messageClient as client, scenario } from '../test/messages.js';
import { shiftTab } from '../test/keys.js';
import { $, $$, button, deepActive, fill, idsOf, inEveryLanguage, itemById as row, mountSettled, sr, tabTo } from '../test/kit.js';
import { messages as composerMessages } from '../composer/composer.messages.js';
import { common } from '../internal/messages.js';
import { ThreadOpenEvent, UnreadChangedEvent } from '../internal/events.js';
import { messages } from './inbox.messages.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { OmsorgInbox } from './inbox.js';
import './define.js';

type Inbox = OmsorgInbox;
const t = messages.nb;
const ct = composerMessages.nb;

const rowIds = (el: Element) => idsOf(el, 'li[part~="thread"]');
const threadView = (el: Element) => $(el, 'omsorg-message-thread');

const mount = (c: Client, subject?: string) =>
  mountSettled<Inbox>(html`<omsorg-inbox .client=${c} subject-id=${subject ?? ''}></omsorg-inbox>`, 'the inbox to load');

async function openNew(el: Inbox): Promise<void> {
  button(el, t.newMessage)!.click();
  await until(() => !!$(el, 'input[name="recipient"]'), 'the recipients');
}

describe('<omsorg-inbox>', () => {
  afterEach(async () => {
    document.querySelectorAll('omsorg-inbox').forEach((e) => e.remove());
    await draftSavesDone();
  });

  describe('default scenario', () => {
    let api: MockApi;
    beforeEach(async () => {
      api = await scenario('default');
    });

    it('lists the threads with care service, Oslo time, excerpt and unread counts, and reports the unread count', async () => {
      const events: Array<{ subjectId: string; count: number }> = [];
      const onUnread = (e: UnreadChangedEvent) => events.push(e.detail);
      document.addEventListener('omsorg-unread-changed', onUnread);
      const c = client('ola');
      const el = await mount(c);
      document.removeEventListener('omsorg-unread-changed', onUnread);
      const page = await c.listThreads({ subjectId: 'me' });
      expect(rowIds(el)).to.deep.equal(page.items.map((x) => x.id));
      expect(page.unreadCount).to.be.greaterThan(0);
      expect(el.unreadCount).to.equal(page.unreadCount);
      expect(events).to.deep.equal([{ subjectId: 'me', count: page.unreadCount }]);
      expect($(el, '[part="unread-summary"]')?.textContent?.trim()).to.equal(t.unreadSummary(page.unreadCount));

      const unread = row(el, threadIds.olaUnreadReply)!;
      expect(unread.getAttribute('part')).to.contain('thread-unread');
      const open = unread.querySelector('[part="thread-button"]')!;
      // The unread count is part of the button's name: "Nye medisiner etter legetimen, 1 ulest".
      expect(open.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Nye medisiner etter legetimen, 1 ulest');
      expect(unread.querySelector('[part="thread-meta"]')?.textContent).to.contain('Hjemmesykepleien');
      const time = unread.querySelector('time')!;
      const oslo = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(time.getAttribute('datetime')!));
      expect(time.textContent).to.contain(oslo);
      expect(unread.querySelector('[part="excerpt"]')?.textContent).to.contain('Vi henter medisinene torsdag');
      const closed = row(el, threadIds.olaClosed)!;
      expect(closed.getAttribute('part')).to.contain('thread-closed');
      expect(closed.querySelector('[part="badge"]')?.textContent).to.equal(t.closed);
      expect(closed.querySelector('[part="unread-badge"]')).to.equal(null);
      await expect(el).to.be.accessible();
      void api;
    });

    it('opens a thread inside with a cancelable event, marks it read, and goes back with focus on its row (keyboard only)', async () => {
      const c = client('ola');
      const el = await mount(c);
      const before = el.unreadCount!;
      const opened: Array<{ subjectId: string; threadId: string }> = [];
      const counts: number[] = [];
      el.addEventListener('omsorg-thread-open', (e: ThreadOpenEvent) => opened.push(e.detail));
      el.addEventListener('omsorg-unread-changed', (e: UnreadChangedEvent) => counts.push(e.detail.count));
      const target = row(el, threadIds.olaUnreadReply)!.querySelector('[part="thread-button"]')!;
      await tabTo((a) => a === target);
      await sendKeys({ press: 'Enter' });
      await until(() => !!threadView(el), 'the thread inside');
      expect(opened).to.deep.equal([{ subjectId: 'me', threadId: threadIds.olaUnreadReply }]);
      const thread = threadView(el)!;
      await until(() => thread.shadowRoot?.querySelector('[part="content"]')?.getAttribute('aria-busy') === 'false', 'thread loaded');
      await until(() => deepActive()?.id === 'title' && deepActive()?.getRootNode() === thread.shadowRoot, 'focus on the thread heading');
      expect(thread.shadowRoot!.querySelector('#title')?.tagName).to.equal('H3');
      // Marked read: the inbox's count drops and it says so.
      await until(() => el.unreadCount === before - 1, 'unread count to drop');
      expect(counts).to.deep.equal([before - 1]);
      await expect(el).to.be.accessible();
      // Back with the keyboard: Shift+Tab from the heading reaches the back button.
      await shiftTab();
      expect(deepActive()?.getAttribute('part')).to.equal('back-button');
      await sendKeys({ press: 'Enter' });
      await until(() => !threadView(el), 'back to the list');
      await until(() => deepActive()?.getAttribute('data-thread') === threadIds.olaUnreadReply, 'focus back on the row');
      expect(row(el, threadIds.olaUnreadReply)!.querySelector('[part="unread-badge"]')).to.equal(null);
    });

    it('leaves opening to the host page when the open event is cancelled', async () => {
      const el = await mount(client('ola'));
      el.addEventListener('omsorg-thread-open', (e) => e.preventDefault());
      (row(el, threadIds.olaStaffStarted)!.querySelector('[part="thread-button"]') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(threadView(el)).to.equal(null);
      expect(rowIds(el).length).to.be.greaterThan(0);
    });

    it('shows a new staff message in the list without reload and reports the new count', async () => {
      const polls = heldPolls();
      const c = client('ola', { polls });
      const el = await mount(c);
      const before = el.unreadCount!;
      const counts: number[] = [];
      el.addEventListener('omsorg-unread-changed', (e: UnreadChangedEvent) => counts.push(e.detail.count));
      // Polls are background refreshes: they never say "loading".
      const said: string[] = [];
      const region = $(el, '.base > [role="status"]')!;
      const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      api.db.staffReply(threadIds.olaByKari, 'Vi har fått koden, takk.');
      await until(() => polls.pending > 0, 'a poll planned');
      await polls.poll();
      await until(() => el.unreadCount === before + 1, 'the new unread count');
      expect(counts).to.deep.equal([before + 1]);
      await until(() => rowIds(el)[0] === threadIds.olaByKari, 'the thread on top');
      expect(row(el, threadIds.olaByKari)!.querySelector('[part="unread-badge"]')?.textContent).to.equal(t.unread(1));
      expect(row(el, threadIds.olaByKari)!.querySelector('[part="excerpt"]')?.textContent).to.contain('Vi har fått koden, takk.');
      expect($(el, '.base > [role="status"]')?.textContent).to.equal(t.unreadSummary(before + 1));
      // Two more polls that bring nothing new say nothing more.
      await polls.poll();
      await polls.poll();
      await el.updateComplete;
      observer.disconnect();
      expect(said.filter(Boolean)).to.deep.equal([t.unreadSummary(before + 1)]);
    });

    it('new message: only the subject\'s services, errors in a focused summary, then sent and opened', async () => {
      const c = client('ola');
      const el = await mount(c);
      await openNew(el);
      await until(() => deepActive()?.id === 'new-heading', 'focus on the form heading');
      const recipients = await c.listMessageRecipients('me');
      expect($$<HTMLInputElement>(el, 'input[name="recipient"]').map((r) => r.value)).to.deep.equal(recipients.items.map((r) => r.grantedServiceId));
      expect($(el, '[part="emergency"] a[href="tel:113"]')).to.exist;
      await expect(el).to.be.accessible();
      // Nothing filled in.
      button(el, ct.send)!.click();
      await until(() => !!$(el, '[part="error-summary"]'), 'the error summary');
      expect(deepActive()).to.equal($(el, '[part="error-summary"]'));
      const problems = $$(el, '[part="error-summary"] li').map((li) => li.textContent?.trim());
      expect(problems).to.deep.equal([t.errorRecipient, t.errorSubject, ct.errorRequired]);
      await expect(el).to.be.accessible();
      // The reply time of the chosen service appears with it.
      const first = $<HTMLInputElement>(el, 'input[name="recipient"]')!;
      first.click();
      await el.updateComplete;
      expect($(el, '[part="reply-time"]')?.textContent).to.equal(ct.replyTime(recipients.items[0]!.replyPolicy.expectedReplyWorkingDays));
      fill($<HTMLInputElement>(el, '#new-subject')!, 'Spørsmål om tannpuss');
      fill($<HTMLTextAreaElement>(el, 'textarea')!, 'Kan dere hjelpe med tannpuss om kvelden?');
      button(el, ct.send)!.click();
      await until(() => !!threadView(el), 'the new thread, opened');
      const thread = threadView(el)!;
      await until(() => thread.shadowRoot?.querySelector('#title')?.textContent?.trim() === 'Spørsmål om tannpuss', 'its title');
      expect(thread.shadowRoot!.textContent).to.contain('Kan dere hjelpe med tannpuss om kvelden?');
      button(el, t.back)!.click();
      await until(() => rowIds(el).length > 0 && !threadView(el), 'the list');
      await until(() => $$(el, '[part="thread-button"]').some((b) => b.textContent?.includes('Spørsmål om tannpuss')), 'the new thread listed');
      expect(await c.getDraft('me', 'new')).to.equal(null);
    });

    it('new message: the draft (service, subject, text) is saved and restored in a new element', async () => {
      const c = client('ola');
      const el = await mount(c);
      await openNew(el);
      const second = $$<HTMLInputElement>(el, 'input[name="recipient"]')[1]!;
      second.click();
      fill($<HTMLInputElement>(el, '#new-subject')!, 'Utkast-emne');
      fill($<HTMLTextAreaElement>(el, 'textarea')!, 'Utkast-tekst');
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'saved');
      el.remove();
      const again = await mount(client('ola'));
      await openNew(again);
      await until(() => $<HTMLTextAreaElement>(again, 'textarea')?.value === 'Utkast-tekst', 'the text back');
      expect($<HTMLInputElement>(again, '#new-subject')!.value).to.equal('Utkast-emne');
      expect($$<HTMLInputElement>(again, 'input[name="recipient"]')[1]!.checked).to.equal(true);
      // Cancel goes back to the list, focus on "new message".
      button(again, t.cancel)!.click();
      await until(() => deepActive()?.getAttribute('part') === 'new-button', 'focus on new message');
    });

    it('follows nb, nn and en', async () => {
      const texts = await inEveryLanguage(messages);
      const el = await mount(client('ola'));
      for (const lang of ['nn', 'en', 'nb'] as const) {
        el.setAttribute('lang', lang);
        await until(() => $(el, '#title')?.textContent?.trim() === texts[lang].title, lang);
        expect(button(el, texts[lang].newMessage)).to.exist;
        expect($(el, '[part="unread-summary"]')?.textContent?.trim()).to.equal(texts[lang].unreadSummary(el.unreadCount!));
      }
    });

    it('Kari acting for Ola: his threads under his name', async () => {
      const el = await mount(client('kari'), subjectIds.ola);
      await until(() => ($(el, '#title')?.textContent ?? '').includes('Ola Nordmann'), 'the name');
      expect($(el, '#title')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Meldinger for Ola Nordmann');
      expect(rowIds(el)).to.include(threadIds.olaByKari);
      await expect(el).to.be.accessible();
    });
  });

  describe('states', () => {
    it('empty: says so, and a message can still be written', async () => {
      await scenario('empty');
      const el = await mount(client('ola'));
      expect($(el, '[part="empty"]')?.textContent).to.equal(t.empty);
      await expect(el).to.be.accessible();
      await openNew(el);
      expect($$(el, 'input[name="recipient"]').length).to.be.greaterThan(0);
    });

    it('loading: a skeleton that reserves height', async () => {
      await scenario('slow');
      mswWorker().resetHandlers(...createMockApi({ baseUrl: API, scenario: 'slow', delayMs: 60_000, wait: heldTimers().wait }).handlers);
      const el = await fixture<Inbox>(html`<omsorg-inbox .client=${client()}></omsorg-inbox>`);
      await el.updateComplete;
      const content = $(el, '[part="content"]')!;
      expect(content.getAttribute('aria-busy')).to.equal('true');
      expect(content.getBoundingClientRect().height).to.be.greaterThan(150);
      expect(shadowText(el)).to.contain(t.loadingList);
      await until(() => $(el, '.base > [role="status"]')?.textContent === t.loadingList, 'loading said politely');
      await expect(el).to.be.accessible();
    });

    it('server error: explains and retries', async () => {
      await scenario('server-error');
      const el = await mount(client('ola'));
      expect($(el, '[part="error"]')?.textContent).to.contain(common.nb.errorServer);
      await expect(el).to.be.accessible();
      mswWorker().resetHandlers(...createMockApi({ baseUrl: API, scenario: 'default' }).handlers);
      button(el, common.nb.retry)!.click();
      await until(() => rowIds(el).length > 0, 'the list after retry');
    });

    it('signed out (and unauthorized): offers sign-in, shows nothing', async () => {
      await scenario('default');
      const el = await mount(client('ola', { signedIn: false }));
      expect($(el, '[part="signed-out"]')).to.exist;
      expect($(el, '[part="threads"]')).to.equal(null);
      await expect(el).to.be.accessible();
      await scenario('unauthorized');
      const other = await mount(client('ola'));
      expect($(other, '[part="signed-out"]')).to.exist;
    });

    it('hostile: titles, names and excerpts stay text', async () => {
      await scenario('hostile');
      const el = await mount(client('ola'));
      expect(sr(el).querySelector('script, img, iframe, svg, [onerror]')).to.equal(null);
      for (const b of $$(el, '[part="thread-button"]')) {
        for (const node of b.querySelectorAll('*')) expect(['BDI', 'SPAN']).to.include(node.tagName);
      }
      expect(sr(el).textContent).not.to.match(/[\u202A-\u202E\u2066-\u2069]/);
      await expect(el).to.be.accessible();
    });

    it('large: one page at a time', async function () {
      this.timeout(20000);
      await scenario('large');
      const el = await mount(client('ola'));
      const first = rowIds(el).length;
      expect(first).to.be.greaterThan(0).and.lessThan(500);
      button(el, t.showMore)!.click();
      await until(() => rowIds(el).length > first, 'the next page');
      expect(deepActive()?.getAttribute('data-thread')).to.equal(rowIds(el)[first]);
      await expect(el).to.be.accessible();
    });

    it('send-fails: a new thread not sent can be discarded, with subject and text back in the form', async () => {
      await scenario('send-fails');
      const el = await mount(client('ola', { slowRetry: true }));
      await openNew(el);
      $<HTMLInputElement>(el, 'input[name="recipient"]')!.click();
      fill($<HTMLInputElement>(el, '#new-subject')!, 'Ikke sendt');
      fill($<HTMLTextAreaElement>(el, 'textarea')!, 'Teksten');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent');
      expect($<HTMLInputElement>(el, '#new-subject')!.value).to.equal('');
      button(el, ct.discard)!.click();
      await until(() => $<HTMLTextAreaElement>(el, 'textarea')!.value === 'Teksten', 'text back');
      expect($<HTMLInputElement>(el, '#new-subject')!.value).to.equal('Ikke sendt');
    });

    for (const name of scenarioNames as readonly ScenarioName[]) {
      it(`${name}: a clear, accessible state`, async function () {
        this.timeout(20000);
        await scenario(name);
        if (name === 'slow') return; // the loading test above
        const el = await mount(client('ola'));
        const text = shadowText(el);
        if (name === 'server-error') expect(text).to.contain(common.nb.errorServer);
        else if (name === 'unauthorized') expect($(el, '[part="signed-out"]')).to.exist;
        else if (name === 'malformed') expect($(el, '[part="error"]') ?? $(el, '[part="threads"]')).to.exist;
        else if (name === 'empty') expect($(el, '[part="empty"]')).to.exist;
        else expect(rowIds(el).length).to.be.greaterThan(0);
        await expect(el).to.be.accessible();
      });
    }
  });
});

subjectDataBehaviour({
  tag: 'omsorg-inbox',
  texts: messages.nb,
  scenario: async (name) => void (await scenario(name)),
  client: (person, options) => client(person, options),
  render: (c, subjectId) => html`<omsorg-inbox .client=${c} subject-id=${ifDefined(subjectId)}></omsorg-inbox>`,
  load: { method: 'listThreads', subject: (query) => query?.subjectId },
  hasData: (el) => rowIds(el).length > 0,
  empty: t.empty,
  actingFor: { person: 'kari', subject: subjectIds.ola, own: subjectIds.kari, name: 'Ola Nordmann', nameInHeading: true },
  skeletonHeight: 150,
});
