/**
 * Dark mode without Designsystemet: the defaults follow the `color-scheme` the page gives the
 * element (`light-dark()`), in every engine. A page that says nothing stays light.
 * (Designsystemet's own dark tokens: designsystemet.test.ts; the reader's setting on a page with
 * `color-scheme: light dark`, contrast and screenshots: test/a11y, in Chromium.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { testClient, until, useScenario } from '../test/setup.js';
import { $ } from '../test/kit.js';
import '../appointment-list/define.js';

async function listIn(scheme: string | undefined): Promise<{ host: CSSStyleDeclaration; button: CSSStyleDeclaration }> {
  const wrapper = await fixture<HTMLElement>(html`<div><omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list></div>`);
  if (scheme) wrapper.style.colorScheme = scheme;
  const list = wrapper.querySelector('omsorg-appointment-list')!;
  await until(() => !!list.shadowRoot?.querySelector('[part="sign-in-button"]'), 'the signed-out state');
  return { host: getComputedStyle(list), button: getComputedStyle($(list, '[part="sign-in-button"]')!) };
}

describe('dark mode (the page\'s color-scheme)', () => {
  beforeEach(async () => {
    await useScenario('default');
  });

  it('a page that says nothing, or says light, gets the light palette', async () => {
    for (const scheme of [undefined, 'light']) {
      const { host, button } = await listIn(scheme);
      expect(host.color, `text (${scheme ?? 'nothing'})`).to.equal('rgb(27, 27, 31)');
      expect(button.backgroundColor, `accent (${scheme ?? 'nothing'})`).to.equal('rgb(30, 90, 150)');
      expect(button.color).to.equal('rgb(255, 255, 255)');
    }
  });

  it('color-scheme: dark (what Designsystemet\'s data-color-scheme="dark" sets) gets the dark palette', async () => {
    const { host, button } = await listIn('dark');
    expect(host.color).to.equal('rgb(236, 238, 242)');
    expect(button.backgroundColor).to.equal('rgb(143, 184, 255)');
    expect(button.color).to.equal('rgb(11, 26, 51)');
  });

  it("the page's own --omsorg-* value wins over both palettes", async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list></div>`);
    wrapper.style.colorScheme = 'dark';
    wrapper.style.setProperty('--omsorg-color-text', 'rgb(1, 2, 3)');
    const list = wrapper.querySelector('omsorg-appointment-list')!;
    await until(() => !!list.shadowRoot?.querySelector('[part="sign-in-button"]'), 'the signed-out state');
    expect(getComputedStyle(list).color).to.equal('rgb(1, 2, 3)');
  });
});
