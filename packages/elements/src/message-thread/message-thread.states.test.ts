/** The thread's states: hostile content, the outbox, a long thread, closed threads, every scenario, signed out, acting for, and the shared SubjectDataElement behaviour. */
import { expect, fixture, html } from '@open-wc/testing';
import { createMockApi, heldTimers, scenarioNames, subjectIds, threadIds, type MockApi, type ScenarioName } from '@omsorg/mocks';
import { dialogueConsentTextVersion, messageLimits } from '@omsorg/contract';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { API, mswWorker, shadowText, until } from '../test/setup.js';
import { countRequests, messageClient as client, scenario } from '../test/messages.js';
import { $, $$, button, deepActive, polite, sr } from '../test/kit.js';
import { common } from '../internal/messages.js';
import { MARKER } from '../internal/message-text.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { messages } from './message-thread.messages.js';
import { messages as composerTexts } from '../composer/composer.messages.js';
import { cleanUp, ct, messageIds, mount, t, textarea, type, type Thread } from './test/thread.js';

describe('<omsorg-message-thread>', () => {
  afterEach(cleanUp);

  describe('hostile content', () => {
    beforeEach(async () => {
      await scenario('hostile');
    });

    it('renders every message inertly: no elements from text, only safe links, bidi marked, long text whole', async () => {
      const c = client('ola');
      const page = await c.listThreads({ subjectId: 'me' });
      for (const th of page.items) {
        const el = await mount(c, th.id);
        const full = await c.getThread('me', th.id);
        for (const body of $$(el, '.body')) {
          for (const node of body.querySelectorAll('*')) expect(['P', 'BDI', 'BR', 'A'], node.tagName).to.include(node.tagName);
          for (const a of body.querySelectorAll('a')) expect(a.getAttribute('href')).to.match(/^(https:|tel:|mailto:)/);
        }
        expect(sr(el).querySelector('script, img, iframe, svg, style, [onerror], [onclick]')).to.equal(null);
        expect(sr(el).textContent).not.to.match(/[\u202A-\u202E\u2066-\u2069]/);
        for (const m of full.messages) {
          if (/[\u202A-\u202E\u2066-\u2069]/.test(m.text)) expect(sr(el).textContent).to.contain(MARKER);
          if ([...m.text].length === messageLimits.textMaxChars) {
            const li = $(el, `li[data-id="${CSS.escape(m.id)}"] .body`)!;
            expect([...li.textContent!.replace(/\n/g, '')].length).to.be.at.least(messageLimits.textMaxChars - 200);
          }
        }
        const links = $$<HTMLAnchorElement>(el, 'a');
        for (const a of links) expect(a.protocol, a.href).to.be.oneOf(['https:', 'tel:', 'mailto:']);
        await expect(el).to.be.accessible();
        el.remove();
      }
    });
  });

  describe('sending through the outbox', () => {
    it('send-fails: not sent, then "try again" sends it once', async () => {
      await scenario('send-fails');
      const el = await mount(client('ola', { slowRetry: true }), threadIds.olaUnreadReply);
      await type(el, 'Første forsøk');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent');
      const item = $(el, '.outbox-item.not-sent')!;
      expect(item.textContent).to.contain(ct.notSent);
      expect(item.textContent).to.contain(common.nb.errorBusy);
      await expect(el).to.be.accessible();
      const retry = [...item.querySelectorAll('button')].find((b) => b.textContent?.includes(common.nb.retry))!;
      retry.click();
      await until(() => shadowText(el).includes('Første forsøk') && !$(el, '[part="outbox-item"]'), 'sent after retry');
      const thread = await client('ola').getThread('me', threadIds.olaUnreadReply);
      expect(thread.messages.filter((m) => m.text === 'Første forsøk')).to.have.length(1);
      expect($$(el, 'li[part~="message"]').filter((li) => li.textContent?.includes('Første forsøk'))).to.have.length(1);
    });

    it('send-fails: "discard" puts the text back in the box', async () => {
      await scenario('send-fails');
      const el = await mount(client('ola', { slowRetry: true }), threadIds.olaUnreadReply);
      await type(el, 'Forkast meg');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent');
      expect(textarea(el).value).to.equal('');
      button(el, ct.discard)!.click();
      await until(() => textarea(el).value === 'Forkast meg', 'text back');
      expect($(el, '[part="outbox-item"]')).to.equal(null);
      expect(sr(el).activeElement).to.equal(textarea(el));
      expect(polite(el)).to.equal(ct.discarded);
    });

    it('offline-send: the message is delivered exactly once', async () => {
      const api = await scenario('offline-send');
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      await type(el, 'Sendt uten nett');
      button(el, ct.send)!.click();
      await until(() => shadowText(el).includes('Sendt uten nett') && !$(el, '[part="outbox-item"]'), 'delivered');
      const stored = api.db.findThread(threadIds.olaUnreadReply)!.messages.filter((m) => m.text === 'Sendt uten nett');
      expect(stored).to.have.length(1);
    });
  });

  describe('without consent to digital dialogue', () => {
    const withdraw = (api: MockApi) =>
      api.db.subjects.get(subjectIds.ola)!.dialogueConsent.unshift({
        status: 'inactive',
        textVersion: dialogueConsentTextVersion,
        decidedAt: '2026-12-01T10:00:00+01:00',
        decidedBy: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' },
      });
    const consentReads = () => countRequests((r) => r.method === 'GET' && new URL(r.url).pathname.endsWith('/dialogue-consent'));

    it('withdrawn before: no reply box, the reason in words; the thread stays readable', async () => {
      const api = await scenario('default');
      withdraw(api);
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      await until(() => !!$(el, '[part="no-consent"]'), 'the notice');
      expect($(el, '[part="no-consent"]')!.textContent!.trim()).to.equal(t.noConsent);
      expect($(el, 'textarea')).to.equal(null);
      expect($$(el, '[part="messages"] > li').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('withdrawn behind the page: a reply is not sent, says why and keeps its text; the box gives way; given again on the page, it is back', async () => {
      const api = await scenario('default');
      const reads = consentReads();
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      await until(() => reads.count === 1, 'the consent read');
      withdraw(api);
      await type(el, 'Uten samtykke');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent');
      const item = $(el, '.outbox-item.not-sent')!;
      expect(item.textContent).to.contain(composerTexts.nb.consentRequired);
      expect(item.textContent).to.contain('Uten samtykke');
      expect(api.db.findThread(threadIds.olaUnreadReply)!.messages.some((m) => m.text === 'Uten samtykke')).to.equal(false);
      await until(() => !!$(el, '[part="no-consent"]') && !$(el, 'textarea'), 'the notice instead of the box');
      await expect(el).to.be.accessible();
      const now = await c.getDialogueConsent('me', { fresh: true });
      await c.setDialogueConsent({ status: 'active', textVersion: now.currentTextVersion, version: now.version });
      await until(() => !!$(el, 'textarea') && !$(el, '[part="no-consent"]'), 'the reply box back');
      reads.stop();
    });

    it('offers the consent section in place of the box; given there, the box is back with focus in it, and it is said', async () => {
      const api = await scenario('default');
      withdraw(api);
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      await until(() => !!$(el, 'omsorg-consent-panel')?.shadowRoot?.querySelector('[part="give-button"]'), 'the consent section in place');
      const give = $(el, 'omsorg-consent-panel')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="give-button"]')!;
      give.focus();
      give.click();
      await until(() => !!$(el, 'textarea') && !$(el, 'omsorg-consent-panel'), 'the reply box instead of the panel');
      await until(() => deepActive() === $(el, 'textarea'), 'focus in the reply box');
      expect(polite(el)).to.equal(t.consentGiven);
    });
  });

  describe('large', () => {
    it('shows the latest 50 of 2,000 messages first, and earlier ones on request', async function () {
      this.timeout(30000);
      await scenario('large');
      const started = performance.now();
      const el = await mount(client('ola'), 'thr-long-thread');
      console.log(`long thread shown after ${Math.round(performance.now() - started)} ms`);
      expect(messageIds(el)).to.have.length(50);
      expect(messageIds(el).at(-1)).to.equal('thr-long-thread-2000');
      const earlier = $<HTMLButtonElement>(el, '[part="earlier-button"]')!;
      expect(earlier.textContent?.trim()).to.equal(t.showEarlier(1950));
      earlier.click();
      await until(() => messageIds(el).length === 100, '100 messages');
      expect(messageIds(el)[0]).to.equal('thr-long-thread-1901');
      await expect(el).to.be.accessible();
    });
  });

  describe('closed thread', () => {
    it('has no reply box and says why', async () => {
      await scenario('default');
      const el = await mount(client('ola'), threadIds.olaClosed);
      expect($(el, 'textarea')).to.equal(null);
      expect($(el, '[part="closed"]')?.textContent?.trim()).to.equal(t.closed);
      expect($(el, '[part="badge"]')?.textContent).to.contain(t.closedBadge);
      await expect(el).to.be.accessible();
    });

    it('thread-closed scenario: every thread is closed', async () => {
      await scenario('thread-closed');
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      expect($(el, 'textarea')).to.equal(null);
      expect($(el, '[part="closed"]')).to.exist;
    });
  });

  describe('every scenario', () => {
    for (const name of scenarioNames as readonly ScenarioName[]) {
      it(`${name}: a clear state, accessible`, async () => {
        await scenario(name);
        if (name === 'slow') {
          mswWorker().resetHandlers(...createMockApi({ baseUrl: API, scenario: name, delayMs: 60_000, wait: heldTimers().wait }).handlers);
          const el = await fixture<Thread>(html`<omsorg-message-thread .client=${client()} thread-id=${threadIds.olaUnreadReply}></omsorg-message-thread>`);
          expect($(el, '[part="content"]')?.getAttribute('aria-busy')).to.equal('true');
          expect($(el, '[part="skeleton"]')).to.exist;
          expect(shadowText(el)).to.contain(t.loadingList);
          await until(() => polite(el) === t.loadingList, 'loading said politely');
          await expect(el).to.be.accessible();
          return;
        }
        const c = client();
        const page = name === 'large' ? undefined : await c.listThreads({ subjectId: 'me' }).catch(() => undefined);
        const id = page?.items[0]?.id ?? (name === 'large' ? 'thr-inbox-0000' : threadIds.olaUnreadReply);
        const el = await mount(c, id);
        const text = shadowText(el);
        if (name === 'server-error') expect(text).to.contain(common.nb.errorServer);
        else if (name === 'unauthorized') expect(text).to.contain(common.nb.signedOut);
        else if (name === 'malformed') expect($(el, '[part="error"]') ?? $(el, '[part="messages"]')).to.exist;
        else if (name === 'empty') expect($(el, '[part="error"]')?.textContent).to.contain(common.nb.errorNotFound);
        else expect($$(el, 'li[part~="message"]').length).to.be.greaterThan(0);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('signed out and acting for', () => {
    it('signed out: offers sign-in and shows nothing of the thread', async () => {
      await scenario('default');
      const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: false, persist: false });
      const c = createClient({ baseUrl: API, auth });
      const el = await mount(c, threadIds.olaUnreadReply);
      expect($(el, '[part="signed-out"]')).to.exist;
      expect($(el, '[part="messages"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('Per acting for Emma sees the respite thread', async () => {
      await scenario('default');
      const el = await mount(client('per'), threadIds.emma, subjectIds.emma);
      expect(shadowText(el)).to.contain('Per Hansen på vegne av Emma Hansen (deg)');
      await expect(el).to.be.accessible();
    });
  });
});

/** The thread each test person's subject has: Emma's respite thread, else Ola's unread reply. */
const threadOf = (subject: string) => (subject === subjectIds.emma ? threadIds.emma : threadIds.olaUnreadReply);

subjectDataBehaviour({
  tag: 'omsorg-message-thread',
  texts: messages.nb,
  scenario: async (name) => void (await scenario(name)),
  client: (person, options) => client(person, options),
  render: (c, subjectId) =>
    html`<omsorg-message-thread .client=${c} subject-id=${ifDefined(subjectId)} thread-id=${threadOf(subjectId ?? c.getSubject())}></omsorg-message-thread>`,
  load: { method: 'getThread', subject: (subject) => subject },
  hasData: (el) => messageIds(el).length > 0,
  actingFor: { person: 'per', subject: subjectIds.emma, own: subjectIds.per, name: 'Emma Hansen', nameInHeading: false },
});
