import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { subjectIds, threadIds, tinyPng, type MockApi } from '@omsorg/mocks';
import { messageLimits } from '@omsorg/contract';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { API, mswWorker, shadowText, until } from '../test/setup.js';
import { installClock } from '../../../sdk/src/test/clock.js';
import { setVisibility } from '../../../sdk/src/test/visibility.js';
import { countRequests, heldPolls, messageClient as client, scenario } from '../test/messages.js';
import { $, $$, button, inEveryLanguage, polite, sr } from '../test/kit.js';
import { messages as composerMessages } from '../composer/composer.messages.js';
import { messages } from './message-thread.messages.js';
import { cleanUp, ct, isPost, messageIds, mount, names, t, textarea, type } from './test/thread.js';

describe('<omsorg-message-thread>', () => {
  afterEach(cleanUp);

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

    it('saves an attachment as a download, never shown in the page, and frees it when the element goes', async () => {
      const el = await mount(client('ola'), threadIds.olaUnreadReply);
      // The hidden link the element clicks: recorded instead of followed.
      const clicked: { download: string; href: string }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push({ download: this.download, href: this.href });
      };
      try {
        const button = $(el, '[part="download-button"]') as HTMLButtonElement;
        button.click();
        button.click();
        await until(() => clicked.length === 2, 'two downloads');
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(clicked.map((c) => c.download)).to.deep.equal(['Medisinliste.pdf', 'Medisinliste.pdf']);
      for (const { href } of clicked) {
        expect(href).to.match(/^blob:/);
        expect((await (await fetch(href)).blob()).type, 'a file, whatever type the server claims').to.equal('application/octet-stream');
      }
      expect($(el, 'a[download]'), 'the link is gone again').to.equal(null);
      // Both downloads' URLs are freed when the element leaves the page.
      el.remove();
      for (const { href } of clicked) {
        const freed = await fetch(href).then(() => false, () => true);
        expect(freed, href).to.equal(true);
      }
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

    /** Ola's client, recording each markThreadSeen call as `thread:upTo`. */
    function seenCalls() {
      const c = client('ola');
      const calls: string[] = [];
      const original = c.markThreadSeen.bind(c);
      c.markThreadSeen = (s, id, upTo, o) => {
        calls.push(`${id}:${upTo}`);
        return original(s, id, upTo, o);
      };
      return { c, calls };
    }

    it('marks the thread seen up to the last message when shown', async () => {
      const { c, calls } = seenCalls();
      const before = (await c.listThreads({ subjectId: 'me' })).unreadCount;
      await mount(c, threadIds.olaUnreadReply);
      await until(() => calls.length > 0, 'markThreadSeen');
      expect(calls).to.deep.equal([`${threadIds.olaUnreadReply}:msg-ola-hsp-2`]);
      await until(() => c.unreadCount('me') === before - 1, 'the unread count to drop');
    });

    it('marks nothing seen while the page is hidden, and marks it when the page is shown again', async () => {
      setVisibility('hidden');
      const { c, calls } = seenCalls();
      const before = (await c.listThreads({ subjectId: 'me' })).unreadCount;
      const el = await mount(c, threadIds.olaUnreadReply);
      await el.updateComplete;
      expect(calls).to.deep.equal([]);
      expect(c.unreadCount('me')).to.equal(before);
      setVisibility('visible');
      await until(() => calls.length > 0, 'markThreadSeen after the page is shown');
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
      const texts = await inEveryLanguage(messages);
      const composerTexts = await inEveryLanguage(composerMessages);
      const c = client('ola');
      const el = await mount(c, threadIds.olaUnreadReply);
      for (const lang of ['nn', 'en', 'nb'] as const) {
        el.setAttribute('lang', lang);
        await until(() => $(el, '[part="emergency"]')!.textContent!.includes(composerTexts[lang].emergency('113', '116 117').join('')), lang);
        expect($(el, 'label[for="reply-text"]')?.textContent?.trim()).to.equal(texts[lang].reply);
        expect($(el, '[part="send-button"]')?.textContent?.trim()).to.equal(composerTexts[lang].send);
      }
    });

    it('shows a new staff message without reload and announces it once', async () => {
      const polls = heldPolls();
      const c = client('ola', { polls });
      const el = await mount(c, threadIds.olaStaffStarted);
      await until(() => polite(el) === t.loaded(1), 'loaded');
      const announced: string[] = [];
      const region = $(el, '.base > [role="status"]')!;
      const observer = new MutationObserver(() => announced.push(region.textContent?.trim() ?? ''));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      api.db.staffReply(threadIds.olaStaffStarted, 'Husk varme klær på turen.');
      await until(() => polls.pending > 0, 'a poll planned');
      await polls.poll();
      await until(() => messageIds(el).length === 2, 'the new message');
      expect(shadowText(el)).to.contain('Husk varme klær på turen.');
      // Later polls that bring nothing new do not announce it again, nor the whole thread.
      await polls.poll();
      await polls.poll();
      await el.updateComplete;
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
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'the draft saved');
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
      const saves = countRequests((r) => r.method === 'PUT' && new URL(r.url).pathname.includes('/drafts/'));
      // On a fake clock: the save waits for a second's pause, not a moment less.
      const clock = installClock();
      await type(el, 'Et utkast som ikke må bli borte');
      clock.tick(999);
      expect(clock.pending(), 'the autosave waits one more millisecond').to.include(1);
      expect(saves.count, 'no save before a second has passed').to.equal(0);
      clock.tick(1);
      await until(() => /Utkast lagret kl\. \d\d:\d\d/.test($(el, '[part="draft-status"]')?.textContent ?? ''), 'the draft to be saved');
      saves.stop();
      expect(saves.count, 'one save').to.equal(1);
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
      // The autosave's second passes on a fake clock. axe-core runs its checks on setTimeout, so
      // the clock is put back for the accessibility check and installed again after it.
      let clock = installClock();
      await type(el, 'Fra fane 1');
      clock.tick(1000);
      await until(() => ($(el, '[part="draft-status"]')?.textContent ?? '').startsWith('Utkast lagret'), 'first save');
      // Another tab saves over it.
      const other = client('ola');
      const current = (await other.getDraft('me', threadIds.olaUnreadReply))!;
      await other.saveDraft('me', threadIds.olaUnreadReply, { text: 'Fra fane 2' }, current.version);
      await type(el, 'Fra fane 1, endret');
      clock.tick(1000);
      await until(() => !!$(el, '[part="draft-conflict"]'), 'the conflict notice');
      expect(textarea(el).value).to.equal('Fra fane 1, endret');
      clock.uninstall();
      await expect(el).to.be.accessible();
      clock = installClock();
      button(el, ct.draftLoadOther)!.click();
      await until(() => textarea(el).value === 'Fra fane 2', 'the other text');
      expect($(el, '[part="draft-conflict"]')).to.equal(null);
      // And the other way: keep this tab's text.
      const v = (await other.getDraft('me', threadIds.olaUnreadReply))!;
      await other.saveDraft('me', threadIds.olaUnreadReply, { text: 'Fra fane 2 igjen' }, v.version);
      await type(el, 'Min tekst');
      clock.tick(1000);
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

});
