/**
 * <omsorg-consent-panel>'s notices section: the register's contact details (masked), choosing
 * channels, events and language and saving them as one intent (If-Match, Idempotency-Key), the
 * exact text of each notice as the server builds it, a channel the register has no address for,
 * a person reserved against digital notices, a refusal that keeps every choice (changed in
 * another tab, a lost network, a channel refused by the server), what a relative acting for the
 * person sees (and that nothing is asked), the section alone, nynorsk, the keyboard and axe.
 */
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import { problemTypes } from '@omsorg/contract';
import { subjectIds, type MockApi } from '@omsorg/mocks';
import { SPACE } from '../test/keys.js';
import { API, mswWorker, until } from '../test/setup.js';
import { messageClient as client, scenario } from '../test/messages.js';
import { $, $$, alertText, deepActive, inEveryLanguage, mountIn, mountSettled, polite, tabTo } from '../test/kit.js';
import { messages } from './consent-panel.messages.js';
import type { OmsorgConsentPanel } from './consent-panel.js';
import './define.js';

const t = messages.nb;
type Panel = OmsorgConsentPanel;
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const text = (node: Element | null | undefined) => fold(node?.textContent ?? '');
const mount = (c = client('ola'), attrs: { section?: string; subject?: string } = {}) =>
  mountSettled<Panel>(
    html`<omsorg-consent-panel .client=${c} section=${attrs.section ?? 'notices'} subject-id=${attrs.subject ?? ''}></omsorg-consent-panel>`,
    'the panel to load',
  );
const box = (el: Panel, id: string) => $<HTMLInputElement>(el, `#${id}`)!;
const checked = (el: Panel) => $$<HTMLInputElement>(el, 'input[type="checkbox"]:checked').map((i) => i.id);

/** Every request for notice preferences, with its headers and body. */
function noticeRequests(): { seen: { method: string; ifMatch: string | null; key: string | null; body: string }[]; stop(): void } {
  const seen: { method: string; ifMatch: string | null; key: string | null; body: string }[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (!new URL(request.url).pathname.endsWith('/notice-preferences')) return;
    const entry = { method: `${request.method} ${new URL(request.url).pathname}`, ifMatch: request.headers.get('If-Match'), key: request.headers.get('Idempotency-Key'), body: '' };
    seen.push(entry);
    if (request.method === 'PUT') void request.clone().text().then((b) => (entry.body = b));
  };
  mswWorker().events.on('request:start', listener);
  return { seen, stop: () => mswWorker().events.removeListener('request:start', listener) };
}

const save = async (el: Panel) => {
  $(el, '[part="save-notices-button"]')!.click();
  await el.updateComplete;
  await until(() => $(el, '[part="save-notices-button"]')!.getAttribute('aria-disabled') === 'false', 'the save to end');
};

describe('<omsorg-consent-panel>: notices', () => {
  let api: MockApi;
  beforeEach(async () => {
    api = await scenario('default');
  });
  afterEach(() => document.querySelectorAll('omsorg-consent-panel').forEach((e) => e.remove()));

  it('shows where notices go (masked, from the register), nothing chosen yet, and the exact text of each notice', async () => {
    const el = await mount();
    expect(text($(el, '[part="heading"]'))).to.equal(t.noticesTitle);
    expect(text($(el, '[part="contact"] ul'))).to.equal('SMS: *** ** 867 E-post: o***@example.no');
    expect(checked(el)).to.deep.equal([]);
    expect(box(el, 'notice-channel-sms').disabled).to.equal(false);
    const previews = $$(el, '[part="preview"]');
    expect(previews.map((d) => d.dataset.event)).to.deep.equal(['message-new', 'appointment-changed', 'cancellation-answered', 'visit-reminder']);
    const first = previews[0]!;
    expect($(el, '[part="preview"] [part="preview-subject"]')!.textContent).to.equal('Ny melding fra Fjordvik kommune');
    expect(first.querySelector('[part="preview-text"]')!.textContent).to.match(/^Du har fått en ny melding fra Fjordvik kommune\. .*https?:\/\//);
    await expect(el).to.be.accessible();
    first.querySelector('summary')!.click();
    await expect(el).to.be.accessible();
  });

  it('saves the choice as one PUT on the version shown, with an Idempotency-Key; said politely; a double click sends once', async () => {
    const el = await mount();
    const requests = noticeRequests();
    box(el, 'notice-channel-sms').click();
    box(el, 'notice-event-message-new').click();
    box(el, 'notice-event-visit-reminder').click();
    const language = $<HTMLSelectElement>(el, '#notice-language')!;
    language.value = 'nn';
    language.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const button = $(el, '[part="save-notices-button"]')!;
    button.click();
    button.click();
    await until(() => polite(el) === t.noticesSaved, 'the save said');
    requests.stop();
    const puts = requests.seen.filter((r) => r.method.startsWith('PUT'));
    expect(puts).to.have.length(1);
    expect(puts[0]!.ifMatch).to.equal('"0"');
    expect(puts[0]!.key).to.match(/^[0-9a-f-]{16,}$/);
    expect(JSON.parse(puts[0]!.body)).to.deep.equal({ channels: ['sms'], events: ['message-new', 'visit-reminder'], language: 'nn' });
    expect(checked(el)).to.deep.equal(['notice-channel-sms', 'notice-event-message-new', 'notice-event-visit-reminder']);
    // The previews are now in the language saved.
    expect($(el, '[part="preview-subject"]')!.textContent).to.equal('Ny melding frå Fjordvik kommune');
    expect(api.db.noticeChoices.get(subjectIds.ola)).to.deep.include({ channels: ['sms'], events: ['message-new', 'visit-reminder'], language: 'nn' });
    await expect(el).to.be.accessible();
  });

  it('no channel is notices off, and it says so', async () => {
    const el = await mount();
    box(el, 'notice-channel-email').click();
    box(el, 'notice-event-message-new').click();
    await save(el);
    expect(polite(el)).to.equal(t.noticesSaved);
    box(el, 'notice-channel-email').click();
    await save(el);
    expect(polite(el)).to.equal(t.noticesOff);
    expect(api.db.noticeChoices.get(subjectIds.ola)).to.deep.include({ channels: [] });
  });

  it('a channel the register has no address for cannot be chosen, and says why', async () => {
    const el = await mount(client('kari'));
    const sms = box(el, 'notice-channel-sms');
    expect(sms.disabled).to.equal(true);
    expect(text($(el, `#${sms.getAttribute('aria-describedby')}`))).to.equal(t.channelMissing.sms);
    expect(text($(el, '[part="contact"] ul'))).to.contain(t.contactMissing);
    await expect(el).to.be.accessible();
  });

  it('a person reserved against digital notices is told none are sent, and offered no choice', async () => {
    const el = await mount(client('per'));
    expect(text($(el, '[part="notices-reserved"]'))).to.equal(t.noticesReserved);
    expect($(el, '[part="notices-form"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('changed in another tab: said, the choices kept, and the next press saves them over it', async () => {
    const el = await mount();
    // Another tab saves e-mail for every event.
    await client('ola').setNoticePreferences('me', { channels: ['email'], events: ['message-new', 'appointment-changed', 'cancellation-answered', 'visit-reminder'], language: 'nb' });
    box(el, 'notice-channel-sms').click();
    box(el, 'notice-event-visit-reminder').click();
    await save(el);
    expect(text($(el, '[part="notices-save-error"]'))).to.equal(t.noticesChangedElsewhere);
    expect(alertText(el)).to.equal(t.noticesChangedElsewhere);
    expect(checked(el)).to.deep.equal(['notice-channel-sms', 'notice-event-visit-reminder']);
    await save(el);
    expect(polite(el)).to.equal(t.noticesSaved);
    expect(api.db.noticeChoices.get(subjectIds.ola)).to.deep.include({ channels: ['sms'], events: ['visit-reminder'] });
  });

  it('a lost network keeps every choice, and the same button tries again', async () => {
    const el = await mount();
    // Both the first try and the HTTP layer's one retry are lost.
    mswWorker().use(http.put(`${API}/v1/subjects/:id/notice-preferences`, () => HttpResponse.error(), { once: true }));
    mswWorker().use(http.put(`${API}/v1/subjects/:id/notice-preferences`, () => HttpResponse.error(), { once: true }));
    box(el, 'notice-channel-email').click();
    box(el, 'notice-event-appointment-changed').click();
    await save(el);
    expect(text($(el, '[part="notices-save-error"]'))).to.equal(el['common'].errorNetwork);
    expect(checked(el)).to.deep.equal(['notice-channel-email', 'notice-event-appointment-changed']);
    await save(el);
    expect(polite(el)).to.equal(t.noticesSaved);
    expect($(el, '[part="notices-save-error"]')).to.equal(null);
  });

  it('a channel the server refuses (the register changed): said at the channels, the choices kept', async () => {
    const el = await mount();
    mswWorker().use(
      http.put(
        `${API}/v1/subjects/:id/notice-preferences`,
        () =>
          HttpResponse.json(
            {
              type: problemTypes.noticeChannelUnavailable,
              title: 'The contact register has no way to send by this channel',
              status: 422,
              detail: 'No mobile number in the register.',
              errors: [{ pointer: '/channels/0', code: 'invalid' }],
            },
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
        { once: true },
      ),
    );
    box(el, 'notice-channel-sms').click();
    await save(el);
    expect(text($(el, '#notices-channel-error'))).to.equal(t.errorChannelUnavailable);
    expect(alertText(el)).to.equal(t.errorChannelUnavailable);
    expect($(el, '[part="channels"]')!.getAttribute('aria-describedby')).to.equal('notices-channel-error');
    expect(checked(el)).to.deep.equal(['notice-channel-sms']);
    await expect(el).to.be.accessible();
  });

  it('a relative acting for the person sees that notices are the person\'s own, and nothing is asked', async () => {
    const requests = noticeRequests();
    const el = await mount(client('kari'), { subject: subjectIds.ola });
    requests.stop();
    expect(text($(el, '[part="notices-only-self"]'))).to.equal(t.noticesOnlySelf);
    expect($(el, '[part="notices-form"]')).to.equal(null);
    // (The test before may still be reading Ola's own preferences as `me`: only Kari's asks count.)
    expect(requests.seen.map((r) => r.method).filter((m) => m.includes(subjectIds.ola))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('every section by default: notices last, with its own heading', async () => {
    const el = await mount(client('ola'), { section: '' });
    expect($$(el, '[part~="section-heading"]').map((h) => text(h))).to.deep.equal([t.dialogueTitle, t.relativesTitle, t.noticesTitle]);
    expect($(el, '[part~="section-notices"]')!.getAttribute('aria-labelledby')).to.equal('notices-title');
  });

  it('in nynorsk', async () => {
    const nn = (await inEveryLanguage(messages)).nn;
    const { el } = await mountIn<Panel>({ lang: 'nn' }, html`<omsorg-consent-panel .client=${client('ola')} section="notices"></omsorg-consent-panel>`);
    await until(() => !!$(el, '[part="notices-form"]'), 'the form');
    expect(text($(el, '[part="heading"]'))).to.equal(nn.noticesTitle);
    expect(text($(el, '[part="channels"] legend'))).to.equal(nn.channelsLegend);
    expect(text($(el, '[part="save-notices-button"]'))).to.equal(nn.noticesSave);
  });

  it('with the keyboard alone: Tab to SMS, Space chooses, Tab on to the save button, Enter saves', async () => {
    const el = await mount();
    $<HTMLElement>(el, '[part="heading"]')!.focus();
    await tabTo((a) => a.id === 'notice-channel-sms', { what: 'the SMS box' });
    await sendKeys({ press: SPACE });
    await tabTo((a) => a.id === 'notice-event-message-new', { what: 'the first event' });
    await sendKeys({ press: SPACE });
    await tabTo((a) => a.getAttribute('part') === 'save-notices-button', { what: 'the save button' });
    await sendKeys({ press: 'Enter' });
    await until(() => polite(el) === t.noticesSaved, 'saved');
    expect(deepActive()).to.equal($(el, '[part="save-notices-button"]'));
    expect(api.db.noticeChoices.get(subjectIds.ola)).to.deep.include({ channels: ['sms'], events: ['message-new'] });
  });
});
