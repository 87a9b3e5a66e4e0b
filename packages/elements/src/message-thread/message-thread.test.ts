import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createMockApi, scenarioNames, subjectIds, threadIds, tinyPng, type MockApi, type ScenarioName } from '@omsorg/mocks';
import { messageLimits } from '@omsorg/contract';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { API, mswWorker, shadowText, until, type PersonKey } from '../test/setup.js';
import { installClock, uninstallClock } from '../../../sdk/src/test/clock.js';
import { countRequests, draftSavesDone, messageClient as client, scenario } from '../test/messages.js';
import { $, $$, button, fill, idsOf, mountSettled, polite, sr } from '../test/kit.js';
import { messages as composerMessages } from '../composer/composer.messages.js';
import { common } from '../internal/messages.js';
import { MARKER } from '../internal/message-text.js';
import { messages } from './message-thread.messages.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { OmsorgMessageThread } from './message-thread.js';
import './define.js';

type Thread = OmsorgMessageThread;
const t = messages.nb;
const ct = composerMessages.nb;
const names: Record<PersonKey, string> = { ola: 'Ola Nordmann', kari: 'Kari Nordmann', per: 'Per Hansen' };

const textarea = (el: Element) => $<HTMLTextAreaElement>(el, 'textarea')!;
const messageIds = (el: Element) => idsOf(el, 'li[part~="message"]');

const mount = (c: Client, threadId: string, subject = 'me') =>
  mountSettled<Thread>(html`<omsorg-message-thread .client=${c} subject-id=${subject} thread-id=${threadId}></omsorg-message-thread>`, 'the thread to load');

async function type(el: Thread, text: string): Promise<void> {
  const box = textarea(el);
  box.focus();
  fill(box, text);
  await el.updateComplete;
}

const isPost = (suffix: string) => (r: Request) => r.method === 'POST' && new URL(r.url).pathname.endsWith(suffix);

describe('<omsorg-message-thread>', () => {
  afterEach(async () => {
    document.querySelectorAll('omsorg-message-thread').forEach((e) => e.remove());
    await draftSavesDone();
    uninstallClock();
  });

  describe('default scenario', () => {
    let api: MockApi;
    beforeEach(async () => {
      api = await scenario('default');
    });

    it('shows the conversation: senders, roles, staff as the care service, Oslo times, attachments', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      expect($(el, '#title')?.textContent?.trim()).to.equal('Nye medisiner etter legetimen');
      const items = $$(el, 'li[part~="message"]');
      expect(items.map((li) => li.dataset.id)).to.deep.equal(['msg-ola-hsp-1', 'msg-ola-hsp-2']);
      const [mine, reply] = items as [HTMLElement, HTMLElement];
      expect(mine.querySelector('.sender')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Ola Nordmann (deg)');
      expect(mine.getAttribute('part')).to.contain('message-own');
      expect(reply.getAttribute('part')).to.contain('message-staff');
      expect(reply.querySelector('.sender')?.textContent).to.contain('Hjemmesykepleien');
      expect(reply.querySelector('.badge.staff')?.textContent?.trim()).to.equal(t.staff);
      expect(reply.querySelector('.badge.unread')?.textContent?.trim()).to.equal(t.unread);
      // Times in Oslo with the instant in datetime.
      for (const time of $$(el, 'li[part~="message"] time')) {
        const iso = time.getAttribute('datetime')!;
        expect(Number.isNaN(Date.parse(iso))).to.equal(false);
        const oslo = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
        expect(time.textContent).to.contain(oslo);
      }
      // Paragraphs kept (blank line in Ola's message).
      expect(mine.querySelectorAll('.body p').length).to.equal(2);
      expect(reply.querySelector('[part="download-button"]')?.textContent).to.contain('Medisinliste.pdf');
      await expect(el).to.be.accessible();
    });

    it('always shows the emergency notice with tel: links, the reply time and the service notice', async () => {
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      const emergency = $(el, '[part="emergency"]')!;
      expect(emergency.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Ikke for akutt hjelp: ring 113, eller legevakten på 116 117.');
      expect([...emergency.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['tel:113', 'tel:116117']);
      expect($(el, '[part="reply-time"]')?.textContent).to.match(/^Svar innen \d+ virkedag(er)?$/);
      const thread = await client('ola').getThread('me', threadIds.olaUnreadReply);
      if (thread.replyPolicy.notice) expect($(el, '[part="service-notice"]')?.textContent).to.contain(thread.replyPolicy.notice);
    });

    it('marks the thread seen up to the last message when shown', async () => {
      const c = client('ola');
      const calls: string[] = [];
      const original = c.markThreadSeen.bind(c);
      c.markThreadSeen = (s, id, upTo, o) => {
        calls.push(`${id}:${upTo}`);
        return original(s, id, upTo, o);
      };
      const before = (await c.listThreads({ subjectId: 'me' })).unreadCount;
      await mount(c, threadIds.olaUnreadReply);
      await until(() => calls.length === 1, 'markThreadSeen');
      expect(calls).to.deep.equal([`${threadIds.olaUnreadReply}:msg-ola-hsp-2`]);
      await until(() => c.unreadCount('me') === before - 1, 'the unread count to drop');
    });

    it('names a relative "on behalf of" the citizen and shows who has seen the thread', async () => {
      const el = await mount(client('kari'), threadIds.olaByKari, subjectIds.ola);
      const sender = $(el, 'li[part~="message"] .sender')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(sender).to.equal('Kari Nordmann på vegne av Ola Nordmann (deg)');
      const seen = $(el, '[part="seen"]')!.textContent!.replace(/\s+/g, ' ');
      expect(seen).to.match(/^\s*Sett av /);
      expect(seen).to.contain('Trygghetsalarmtjenesten');
      expect(seen).to.contain('Ola Nordmann');
      expect(seen).not.to.contain('Kari Nordmann');
      el.setAttribute('lang', 'en');
      await until(() => $(el, 'li[part~="message"] .sender')!.textContent!.includes('on behalf of'), 'English');
      expect($(el, 'li[part~="message"] .sender')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Kari Nordmann on behalf of Ola Nordmann (you)');
      await expect(el).to.be.accessible();
    });

    it('switches language nb → nn → en without reloading', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      for (const lang of ['nn', 'en', 'nb'] as const) {
        el.setAttribute('lang', lang);
        await until(() => $(el, '[part="emergency"]')!.textContent!.includes(composerMessages[lang].emergency('113', '116 117').join('')), lang);
        expect($(el, 'label[for="reply-text"]')?.textContent?.trim()).to.equal(messages[lang].reply);
        expect($(el, '[part="send-button"]')?.textContent?.trim()).to.equal(composerMessages[lang].send);
      }
    });

    it('shows a new staff message without reload and announces it once', async () => {
      const c = client('ola', { pollMs: 50 });
      const el = await mount(c, threadIds.olaStaffStarted);
      await until(() => polite(el) === t.loaded(1), 'loaded');
      const announced: string[] = [];
      const region = $(el, '.base > [role="status"]')!;
      const observer = new MutationObserver(() => announced.push(region.textContent?.trim() ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      api.db.staffReply(threadIds.olaStaffStarted, 'Husk varme klær på turen.');
      await until(() => messageIds(el).length === 2, 'the new message', 8000);
      expect(shadowText(el)).to.contain('Husk varme klær på turen.');
      // Later polls that bring nothing new do not announce it again, nor the whole thread.
      await new Promise((r) => setTimeout(r, 400));
      observer.disconnect();
      expect(announced.filter(Boolean)).to.deep.equal([t.arrived(1, 'Solsiden dagsenter')]);
    });

    it('refuses 4,001 characters on send with a clear error, keeps the text, and focuses the error summary', async () => {
      const posts = countRequests(isPost('/messages'));
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      const long = 'a'.repeat(messageLimits.textMaxChars) + '😀';
      await type(el, long);
      expect($(el, '[part="count"]')?.textContent).to.equal(ct.count(4001, 4000));
      expect($(el, '[part="count"]')?.classList.contains('over')).to.equal(true);
      expect($(el, '.field [role="status"]')?.textContent).to.equal(ct.countNear(-1));
      button(el, ct.send)!.click();
      await until(() => !!$(el, '[part="error-summary"]'), 'the error summary');
      expect(sr(el).activeElement).to.equal($(el, '[part="error-summary"]'));
      expect($(el, '[part="error-summary"]')?.textContent).to.contain(ct.errorTooLong(4001, 4000));
      expect(textarea(el).value).to.equal(long);
      expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
      expect(posts.count).to.equal(0);
      posts.stop();
      await expect(el).to.be.accessible();
    });

    it('keeps a 10,000-character paste whole: saved as a draft, refused on send, nothing cut', async () => {
      const posts = countRequests(isPost('/messages'));
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      const pasted = 'Lang tekst. '.repeat(834).slice(0, 10_000);
      await type(el, pasted);
      expect($(el, '[part="count"]')?.textContent).to.equal(ct.count(10_000, 4000));
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'the draft saved', 5000);
      expect((await c.getDraft('me', threadIds.olaUnreadReply))?.text).to.equal(pasted);
      button(el, ct.send)!.click();
      await until(() => !!$(el, '[part="error-summary"]'), 'the error summary');
      expect($(el, '[part="error-summary"]')?.textContent).to.contain(ct.errorTooLong(10_000, 4000));
      expect(textarea(el).value).to.equal(pasted);
      expect(posts.count).to.equal(0);
      posts.stop();
    });

    it('refuses bidi override characters in a reply before sending', async () => {
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      await type(el, 'Hei \u202Eevil');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '[part="error-summary"]'), 'the error summary');
      expect($(el, '[part="error-summary"]')?.textContent).to.contain(ct.errorInvalidChar);
      expect(textarea(el).value).to.equal('Hei \u202Eevil');
    });

    it('rejects a renamed .exe before uploading it, per file, and uploads a real PNG', async () => {
      const uploads = countRequests(isPost('/attachments'));
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0])], 'bilde.png', { type: 'image/png' });
      const big = new File([new Uint8Array(messageLimits.attachmentMaxBytes + 1)], 'stor.pdf', { type: 'application/pdf' });
      const png = new File([tinyPng() as BlobPart], 'kart.png', { type: 'image/png' });
      const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
      expect(input.accept).to.contain('application/pdf');
      const dt = new DataTransfer();
      [exe, big, png].forEach((f) => dt.items.add(f));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => $$(el, '[part="attachment"]').length === 1 && !$(el, '.uploading'), 'the PNG upload');
      const errors = $$(el, '[part="file-errors"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(errors).to.have.length(2);
      expect(errors[0]).to.contain('bilde.png').and.contain('ikke en PDF-, PNG- eller JPEG-fil');
      expect(errors[1]).to.contain('stor.pdf').and.contain('for stor');
      expect($(el, '[part="attachment"]')?.textContent).to.contain('kart.png');
      expect(uploads.count).to.equal(1);
      uploads.stop();
      await expect(el).to.be.accessible();
    });

    it('translates a 413 and a 415 from the server', async () => {
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      let status = 413;
      mswWorker().use(
        http.post(`${API}/v1/subjects/:s/attachments`, () =>
          HttpResponse.json(
            { type: status === 413 ? 'urn:omsorg:problem:attachment-too-large' : 'urn:omsorg:problem:attachment-type', title: 'x', status },
            { status, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        ),
      );
      const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
      const pick = async (name: string) => {
        const dt = new DataTransfer();
        dt.items.add(new File([tinyPng() as BlobPart], name, { type: 'image/png' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await until(() => ($(el, '[part="file-errors"] li')?.textContent ?? '').includes(name) && !$(el, '.uploading'), `the error for ${name}`);
        return $(el, '[part="file-errors"] li')!.textContent!.replace(/\s+/g, ' ');
      };
      expect(await pick('a.png')).to.contain('a.png er for stor');
      status = 415;
      expect(await pick('b.png')).to.contain('b.png er ikke en PDF-, PNG- eller JPEG-fil');
    });

    it('sends a reply once on a double click; focus stays in the text box; the draft is gone', async () => {
      const posts = countRequests(isPost('/messages'));
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      await type(el, 'Takk, det passer fint.');
      const send = button(el, ct.send)!;
      send.click();
      send.click();
      await until(() => messageIds(el).length === 3, 'the sent message');
      await until(() => polite(el) === ct.sent, 'announced as sent');
      expect(posts.count).to.equal(1);
      expect(shadowText(el).split('Takk, det passer fint.').length - 1).to.equal(1);
      expect(textarea(el).value).to.equal('');
      expect(sr(el).activeElement).to.equal(textarea(el));
      expect(await c.getDraft('me', threadIds.olaUnreadReply)).to.equal(null);
      posts.stop();
    });

    it('autosaves the draft a second after typing, says when, and restores it in a new element', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      await type(el, 'Et utkast som ikke må bli borte');
      await until(() => /Utkast lagret kl\. \d\d:\d\d/.test($(el, '[part="draft-status"]')?.textContent ?? ''), 'the draft to be saved', 5000);
      const draft = await c.getDraft('me', threadIds.olaUnreadReply);
      expect(draft?.text).to.equal('Et utkast som ikke må bli borte');
      el.remove();
      const again = await mount(client('ola'), threadIds.olaUnreadReply);
      await until(() => textarea(again).value === 'Et utkast som ikke må bli borte', 'the restored draft');
      expect($(again, '[part="draft-status"]')?.textContent).to.match(/Utkast lagret kl\. \d\d:\d\d/);
    });

    it('saves the draft at once when the session is about to expire, even while typing goes on', async () => {
      await scenario('default');
      // On a fake clock the warning comes exactly 1 s after sign-in; typing every 200 ms never
      // lets the one-second autosave pause happen, so only the warning can cause a save.
      const clock = installClock();
      const auth = createMockAuth({ user: { sub: 'ola', name: names.ola }, signedIn: true, persist: false, expiresInMs: 4000 });
      const c = createClient({ baseUrl: API, auth, expiryWarningMs: 3000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
      const warned: number[] = [];
      c.on('session-expiring', () => warned.push(clock.now()));
      const saves = countRequests((r) => r.method === 'PUT' && new URL(r.url).pathname.includes('/drafts/'));
      const el = await mount(c, threadIds.olaUnreadReply);
      const start = clock.now();
      let text = 'Skriver';
      while (warned.length === 0) {
        expect(clock.now() - start, 'the warning is due 1 s after sign-in').to.be.below(2000);
        text += '.';
        await type(el, text);
        clock.tick(200);
      }
      await until(() => saves.count > 0, 'a draft save after the warning');
      saves.stop();
      expect(saves.count, 'a draft save before the session ends').to.be.greaterThan(0);
    });

    it('saves the draft on blur at once', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      // On a fake clock the one-second autosave cannot run: the save can only come from the blur.
      const clock = installClock();
      await type(el, 'Lagres når jeg går videre');
      expect(clock.pending()).to.include(1000);
      textarea(el).blur();
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'saved on blur');
      expect(clock.pending(), 'the autosave timer is cleared').not.to.include(1000);
    });

    it('offers a choice when another tab changed the draft (412), and keeps or loads the text', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      await type(el, 'Fra fane 1');
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'first save');
      // Another tab saves over it.
      const other = client('ola');
      const current = (await other.getDraft('me', threadIds.olaUnreadReply))!;
      await other.saveDraft('me', threadIds.olaUnreadReply, { text: 'Fra fane 2' }, current.version);
      await type(el, 'Fra fane 1, endret');
      await until(() => !!$(el, '[part="draft-conflict"]'), 'the conflict notice');
      expect(textarea(el).value).to.equal('Fra fane 1, endret');
      await expect(el).to.be.accessible();
      button(el, ct.draftLoadOther)!.click();
      await until(() => textarea(el).value === 'Fra fane 2', 'the other text');
      expect($(el, '[part="draft-conflict"]')).to.equal(null);
      // And the other way: keep this tab's text.
      const v = (await other.getDraft('me', threadIds.olaUnreadReply))!;
      await other.saveDraft('me', threadIds.olaUnreadReply, { text: 'Fra fane 2 igjen' }, v.version);
      await type(el, 'Min tekst');
      await until(() => !!$(el, '[part="draft-conflict"]'), 'the conflict notice again');
      button(el, ct.draftKeep)!.click();
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'saved');
      expect((await other.getDraft('me', threadIds.olaUnreadReply))?.text).to.equal('Min tekst');
    });

    it('keeps the text and says it is not saved when saving fails, and saves when it can', async () => {
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      let fail = true;
      mswWorker().use(
        http.put(`${API}/v1/subjects/:s/drafts/:k`, () =>
          fail ? HttpResponse.json({ type: 'urn:omsorg:problem:server-error', title: 'x', status: 500 }, { status: 500, headers: { 'Content-Type': 'application/problem+json' } }) : undefined,
        ),
      );
      await type(el, 'Viktig tekst');
      await until(() => $(el, '[part="draft-status"]')?.textContent === ct.draftUnsaved, 'not saved yet');
      expect(textarea(el).value).to.equal('Viktig tekst');
      fail = false;
      window.dispatchEvent(new Event('online'));
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'saved after all');
      expect((await c.getDraft('me', threadIds.olaUnreadReply))?.text).to.equal('Viktig tekst');
    });
  });

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
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent', 8000);
      const item = $(el, '.outbox-item.not-sent')!;
      expect(item.textContent).to.contain(ct.notSent);
      expect(item.textContent).to.contain(common.nb.errorBusy);
      await expect(el).to.be.accessible();
      const retry = [...item.querySelectorAll('button')].find((b) => b.textContent?.includes(common.nb.retry))!;
      retry.click();
      await until(() => shadowText(el).includes('Første forsøk') && !$(el, '[part="outbox-item"]'), 'sent after retry', 10000);
      const thread = await client('ola').getThread('me', threadIds.olaUnreadReply);
      expect(thread.messages.filter((m) => m.text === 'Første forsøk')).to.have.length(1);
      expect($$(el, 'li[part~="message"]').filter((li) => li.textContent?.includes('Første forsøk'))).to.have.length(1);
    });

    it('send-fails: "discard" puts the text back in the box', async () => {
      await scenario('send-fails');
      const el = await mount(client('ola', { slowRetry: true }), threadIds.olaUnreadReply);
      await type(el, 'Forkast meg');
      button(el, ct.send)!.click();
      await until(() => !!$(el, '.outbox-item.not-sent'), 'not sent', 8000);
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
      await until(() => shadowText(el).includes('Sendt uten nett') && !$(el, '[part="outbox-item"]'), 'delivered', 10000);
      const stored = api.db.findThread(threadIds.olaUnreadReply)!.messages.filter((m) => m.text === 'Sendt uten nett');
      expect(stored).to.have.length(1);
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
          mswWorker().resetHandlers(...createMockApi({ baseUrl: API, scenario: name, delayMs: 60_000 }).handlers);
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
