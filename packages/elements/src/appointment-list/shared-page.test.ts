/**
 * Two lists of one person's appointments with different page sizes (the demo's "next visit"
 * with page-size="3" beside the full list) make one request, and the small one still pages on
 * through the same appointments as the full one. The SDK's pages are compared in their order;
 * the lists' markup holds the same visits, though a series groups them differently when a list
 * holds fewer of its visits.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { testClient, until, useScenario } from '../test/setup.js';
import { $, idsOf, settled } from '../test/kit.js';
import { countRequests } from '../test/messages.js';
import type { OmsorgAppointmentList } from './appointment-list.js';
import './define.js';

/** Wednesday 10 June 2026, 10:00 in Oslo: the mocks' clock for the list tests. */
const NOW = new Date('2026-06-10T10:00:00+02:00');
const isList = (r: Request) => r.method === 'GET' && /\/appointments$/.test(new URL(r.url).pathname);

describe('<omsorg-appointment-list>: lists that differ only in page size', () => {
  afterEach(() => document.querySelectorAll('omsorg-appointment-list').forEach((e) => e.remove()));

  it('page-size="3" beside the default makes one request, and pages on through the same appointments', async () => {
    await useScenario('default', { now: () => NOW });
    const client = testClient('ola');
    // What the SDK hands each list, page by page, in its order (the lists group a series' visits
    // in their markup, so the markup's order is not the page's).
    const pages: Array<{ limit?: number; ids: string[] }> = [];
    const original = client.listAppointments.bind(client);
    client.listAppointments = async (...args: Parameters<typeof original>) => {
      const page = await original(...args);
      pages.push({ limit: args[0]?.limit, ids: page.items.map((a) => a.id) });
      return page;
    };
    const cut = (limit: number) => pages.filter((p) => p.limit === limit).flatMap((p) => p.ids);
    const sorted = (ids: readonly (string | undefined)[]) => [...ids].sort();
    const requests = countRequests(isList);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <omsorg-appointment-list class="next" page-size="3" hide-toggle .client=${client}></omsorg-appointment-list>
      <omsorg-appointment-list class="all" .client=${client}></omsorg-appointment-list>
    </div>`);
    const next = wrapper.querySelector<OmsorgAppointmentList>('.next')!;
    const all = wrapper.querySelector<OmsorgAppointmentList>('.all')!;
    await until(() => settled(next) && settled(all), 'both lists to load');
    expect(requests.count).to.equal(1);
    const full = cut(all.pageSize);
    expect(full.length).to.be.greaterThan(3);
    expect(cut(3)).to.deep.equal(full.slice(0, 3));
    expect(sorted(idsOf(all))).to.deep.equal(sorted(full));
    expect(sorted(idsOf(next))).to.deep.equal(sorted(full.slice(0, 3)));

    $(next, '[part="more-button"]')!.click();
    await until(() => idsOf(next).length > 3, 'the next page of the small list');
    const small = cut(3);
    expect(small.length).to.equal(6);
    expect(small).to.deep.equal(full.slice(0, small.length));
    expect(sorted(idsOf(next))).to.deep.equal(sorted(small));
    requests.stop();
  });
});
