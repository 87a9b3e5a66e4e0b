/**
 * <omsorg-access-log>: who has seen the person's data, newest first, in a period checked before it
 * is asked for; more pages on request; a relative is told the log is the person's own (and no log
 * is asked for); hostile names literal; languages; the keyboard. The shared loading / error /
 * signed-out / acting-for behaviour runs from test/subject-data-behaviour.ts at the end.
 */
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { ifDefined } from 'lit/directives/if-defined.js';
import { hostileText, subjectIds } from '@omsorg/mocks';
import type { AccessLogEntry, AccessLogPage } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { API, mswWorker, testClient, until, useScenario } from '../test/setup.js';
import { messageClient as client, scenario } from '../test/messages.js';
import { $, $$, alertText, deepActive, inEveryLanguage, mountIn, mountSettled, polite, tabTo } from '../test/kit.js';
import { subjectDataBehaviour } from '../test/subject-data-behaviour.js';
import { messages } from './access-log.messages.js';
import type { OmsorgAccessLog } from './access-log.js';
import './define.js';

const t = messages.nb;
type Log = OmsorgAccessLog;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const mount = (c: Client, template = html`<omsorg-access-log .client=${c}></omsorg-access-log>`) => mountSettled<Log>(template, 'the log to load');
const dd = (li: Element, label: string) => text([...li.querySelectorAll('dt')].find((dt) => text(dt) === label)?.nextElementSibling);
const rows = (el: Element) => $$(el, 'li[part~="item"]');

/** Every request for the log, as the worker sees it. */
function logRequests(): { seen: URL[]; stop(): void } {
  const seen: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    const u = new URL(request.url);
    if (u.pathname.endsWith('/access-log')) seen.push(u);
  };
  mswWorker().events.on('request:start', listener);
  return { seen, stop: () => mswWorker().events.removeListener('request:start', listener) };
}

const entry = (id: string, recorded: string, agent: AccessLogEntry['agent'], kind: AccessLogEntry['entity']['kind'] = 'appointments'): AccessLogEntry => ({
  id,
  recorded,
  action: 'read',
  agent,
  entity: { kind },
});
const staff = (name: string): AccessLogEntry['agent'] => ({ role: 'staff', name: null, relation: null, careService: { id: 'cs-1', name } });

describe('<omsorg-access-log>', () => {
  beforeEach(async () => {
    await scenario('default');
  });
  afterEach(() => document.querySelectorAll('omsorg-access-log').forEach((e) => e.remove()));

  it("shows who has seen Ola's data, newest first: Kari by name as a relative, the nurse by care service only", async () => {
    const el = await mount(client('ola'));
    expect(text($(el, '[part="heading"]'))).to.equal(t.title);
    const items = rows(el);
    expect(items.length).to.be.greaterThan(2);
    const times = items.map((li) => Date.parse(li.querySelector('time')!.getAttribute('datetime')!));
    expect([...times].sort((a, b) => b - a)).to.deep.equal(times);
    const kari = items.find((li) => dd(li, t.who) === 'Kari Nordmann')!;
    expect(dd(kari, t.role)).to.equal(t.roles.relative);
    expect(kari.getAttribute('part')).to.equal('item role-relative');
    const nurse = items.find((li) => li.getAttribute('part') === 'item role-staff')!;
    expect(dd(nurse, t.who)).to.match(/^Ansatt i \S/);
    expect(dd(nurse, t.role)).to.equal(t.roles.staff);
    expect(dd(nurse, t.what)).to.equal(t.kinds.messages);
    expect(polite(el)).to.equal(t.loaded(items.length));
    expect($(el, '[part="shown-period"]')!.querySelectorAll('time')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('a period is checked before it is asked for: the wrong field is marked, focused and explained; nothing is lost or sent', async () => {
    const el = await mount(client('ola'));
    const requests = logRequests();
    const from = $<HTMLInputElement>(el, '#from')!;
    const to = $<HTMLInputElement>(el, '#to')!;
    from.value = '2026-12-01';
    to.value = '2026-11-01';
    $(el, '[part="show-button"]')!.click();
    await until(() => !!$(el, '[part="period-error"]'), 'the error');
    expect(text($(el, '[part="period-error"]'))).to.equal(t.periodReversed);
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(from.getAttribute('aria-describedby')).to.equal('period-error');
    await until(() => deepActive() === from, 'focus on the from field');
    expect(alertText(el)).to.equal(t.periodReversed);
    from.value = '2024-01-01';
    to.value = '2026-11-01';
    $(el, '[part="show-button"]')!.click();
    await until(() => text($(el, '[part="period-error"]')) === t.periodTooLong(366), 'too long');
    expect(from.value).to.equal('2024-01-01');
    expect(requests.seen).to.have.length(0);
    await expect(el).to.be.accessible();
    requests.stop();
  });

  it('a good period is asked for as Oslo dates and shown as the server answered it', async () => {
    const el = await mount(client('ola'));
    const requests = logRequests();
    $<HTMLInputElement>(el, '#from')!.value = '2026-10-25';
    $<HTMLInputElement>(el, '#to')!.value = '2026-11-30';
    $(el, '[part="show-button"]')!.click();
    await until(() => requests.seen.length === 1 && $(el, '[part="content"]')?.getAttribute('aria-busy') === 'false', 'the period loaded');
    requests.stop();
    expect(requests.seen[0]!.searchParams.get('from')).to.equal('2026-10-25');
    expect(requests.seen[0]!.searchParams.get('to')).to.equal('2026-11-30');
    expect([...$(el, '[part="shown-period"]')!.querySelectorAll('time')].map((x) => x.getAttribute('datetime'))).to.deep.equal(['2026-10-25', '2026-11-30']);
    expect($(el, '[part="period-error"]')).to.equal(null);
  });

  it('more pages on request: the cursor is sent, entries are added once, focus goes to the first new one', async () => {
    const page1: AccessLogPage = {
      items: [entry('9', '2026-12-02T10:00:00+01:00', staff('Hjemmesykepleien')), entry('8', '2026-12-01T10:00:00+01:00', staff('Hjemmesykepleien'))],
      nextCursor: 'next-1',
      from: '2026-11-03',
      to: '2026-12-02',
    };
    const page2: AccessLogPage = { items: [entry('8', '2026-12-01T10:00:00+01:00', staff('Hjemmesykepleien')), entry('7', '2026-11-30T10:00:00+01:00', staff('Praktisk bistand'))], nextCursor: null, from: '2026-11-03', to: '2026-12-02' };
    const cursors: Array<string | null> = [];
    mswWorker().use(
      http.get(`${API}/v1/subjects/:id/access-log`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return HttpResponse.json(cursor ? page2 : page1, { headers: { 'Cache-Control': 'no-store' } });
      }),
    );
    const el = await mount(client('ola'));
    expect(rows(el).map((li) => li.dataset.id)).to.deep.equal(['9', '8']);
    $(el, '[part="more-button"]')!.click();
    await until(() => rows(el).length === 3, 'the next page');
    expect(cursors).to.deep.equal([null, 'next-1']);
    expect(rows(el).map((li) => li.dataset.id)).to.deep.equal(['9', '8', '7']);
    expect($(el, '[part="more-button"]')).to.equal(null);
    await until(() => deepActive() === rows(el)[2], 'focus on the first new entry');
    expect(polite(el)).to.equal(t.moreLoaded(1));
    await expect(el).to.be.accessible();
  });

  it('a relative acting for Ola is told the log is his own, and no log is asked for', async () => {
    const requests = logRequests();
    const c = client('kari');
    const el = await mount(c, html`<omsorg-access-log .client=${c} subject-id=${subjectIds.ola}></omsorg-access-log>`);
    await until(() => !!$(el, '[part="not-own"]'), 'the notice');
    requests.stop();
    expect(text($(el, '[part="not-own"]'))).to.equal(t.notOwn);
    expect($(el, '[part="period"]')).to.equal(null);
    expect(requests.seen).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('nobody in the period: says so, politely too', async () => {
    mswWorker().use(http.get(`${API}/v1/subjects/:id/access-log`, () => HttpResponse.json({ items: [], nextCursor: null, from: '2026-11-03', to: '2026-12-02' } satisfies AccessLogPage)));
    const el = await mount(client('ola'));
    expect(text($(el, '[part="empty"]'))).to.equal(t.empty);
    expect(polite(el)).to.equal(t.loaded(0));
    expect($(el, '[part="more-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('hostile names are shown literally, isolated in <bdi>', async () => {
    mswWorker().use(
      http.get(`${API}/v1/subjects/:id/access-log`, () =>
        HttpResponse.json({
          items: [
            entry('2', '2026-12-02T10:00:00+01:00', staff(hostileText.img + hostileText.rtl)),
            entry('1', '2026-12-01T10:00:00+01:00', { role: 'relative', name: hostileText.script, relation: null, careService: null }),
          ],
          nextCursor: null,
          from: '2026-11-03',
          to: '2026-12-02',
        } satisfies AccessLogPage),
      ),
    );
    const el = await mount(client('ola'));
    const bdis = $$(el, 'li bdi').map((b) => b.textContent);
    expect(bdis).to.deep.equal([hostileText.img + hostileText.rtl, hostileText.script]);
    expect($(el, 'li img, li script')).to.equal(null);
  });

  it('follows lang (nn, en) without asking again', async () => {
    const all = await inEveryLanguage(messages);
    const requests = logRequests();
    const { wrapper, el } = await mountIn<Log>({ lang: 'nn' }, html`<omsorg-access-log .client=${client('ola')}></omsorg-access-log>`);
    await until(() => text($(el, '[part="heading"]')) === all.nn.title && rows(el).length > 0, 'nynorsk');
    expect(text(el.shadowRoot!.querySelector('label[for="from"]'))).to.equal(all.nn.from);
    wrapper.lang = 'en';
    await until(() => text($(el, '[part="heading"]')) === all.en.title, 'English');
    expect(dd(rows(el)[0]!, all.en.who)).to.not.equal('');
    requests.stop();
    expect(requests.seen).to.have.length(1);
  });

  it('with the keyboard alone: Tab to the fields and the button, Enter shows the period', async () => {
    const el = await mount(client('ola'));
    const requests = logRequests();
    const from = await tabTo((a) => a === $(el, '#from'), { what: 'the from field' });
    (from as HTMLInputElement).value = '2026-11-01';
    await tabTo((a) => a === $(el, '[part="show-button"]'), { what: 'the show button' });
    await sendKeys({ press: 'Enter' });
    await until(() => requests.seen.length === 1, 'the period asked for');
    requests.stop();
    expect(requests.seen[0]!.searchParams.get('from')).to.equal('2026-11-01');
  });
});

subjectDataBehaviour({
  tag: 'omsorg-access-log',
  texts: messages.nb,
  scenario: (name) => useScenario(name),
  client: testClient,
  render: (c, subjectId) => html`<omsorg-access-log .client=${c} subject-id=${ifDefined(subjectId)}></omsorg-access-log>`,
  load: { method: 'getAccessLog', subject: (subjectId) => subjectId },
  hasData: (el) => !!el.shadowRoot?.querySelector('li[part~="item"], [part="not-own"]'),
  actingFor: { person: 'per', subject: subjectIds.emma, own: subjectIds.per, name: 'Emma Hansen', nameInHeading: true },
  // Per acting for Emma is told the log is hers (no log is asked for); Ola switches between his own id and `me`.
  subjectChange: { person: 'ola', subject: subjectIds.ola, own: 'me' },
});
