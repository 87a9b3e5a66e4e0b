/**
 * A long list (hundreds of visits): items off screen skip layout and paint
 * (`content-visibility: auto`), and stay reachable by keyboard and screen reader.
 */
import { expect, html } from '@open-wc/testing';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { appointment, BASE, json, me, page } from '../../../sdk/src/test/fixtures.js';
import { $, $$, deepActive, mountSettled } from '../test/kit.js';
import { LONG_LIST } from './appointment-list.render.js';
import { cleanUp, setUp, type List } from './test/list.js';

/** A client whose API answers `n` upcoming visits, one an hour from 1 March 2030. */
async function clientWith(n: number) {
  const items = Array.from({ length: n }, (_, i) => {
    const start = new Date(Date.UTC(2030, 2, 1, 8 + i));
    return appointment({ id: `a${i}`, start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() });
  });
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.pathname.endsWith('/v1/me')) return json(me());
    if (url.pathname.endsWith('/appointments')) return json(url.searchParams.get('when') === 'past' ? page([]) : page(items));
    return json({ items: [] });
  }) as typeof globalThis.fetch;
  const client = createClient({ baseUrl: BASE, auth: createMockAuth({ user: { sub: 'p1', name: 'Kari Nordmann' }, signedIn: true, persist: false }), fetch, retry: { retries: 0 } });
  await client.auth.init();
  return client;
}

const mount = async (n: number) => {
  const client = await clientWith(n);
  return mountSettled<List>(html`<omsorg-appointment-list page-size="100" .client=${client}></omsorg-appointment-list>`, `${n} visits`);
};

describe('<omsorg-appointment-list> with many visits', () => {
  beforeEach(setUp);
  afterEach(cleanUp);

  it(`from ${LONG_LIST} items on, items off screen skip layout; every item stays in the tab order and the accessibility tree`, async () => {
    const el = await mount(LONG_LIST + 10);
    const items = $$(el, 'li[part="item"]');
    expect(items).to.have.length(LONG_LIST + 10);
    expect($(el, 'ul[part="days"]')!.classList.contains('long')).to.equal(true);
    // Engines without content-visibility ignore the declaration (and lay out every item).
    if (CSS.supports('content-visibility', 'auto')) expect(getComputedStyle(items.at(-1)!).getPropertyValue('content-visibility')).to.equal('auto');
    const last = items.at(-1)!.querySelector<HTMLButtonElement>('button[data-action="cancel"]')!;
    last.focus();
    expect(deepActive()).to.equal(last);
    expect(last.getBoundingClientRect().height, 'the focused item is laid out').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('a short list is laid out as it always was', async () => {
    const el = await mount(3);
    expect($$(el, 'li[part="item"]')).to.have.length(3);
    expect($(el, 'ul[part="days"]')!.classList.contains('long')).to.equal(false);
    expect(getComputedStyle($(el, 'li[part="item"]')!).getPropertyValue('content-visibility') || 'visible').to.equal('visible');
  });
});
