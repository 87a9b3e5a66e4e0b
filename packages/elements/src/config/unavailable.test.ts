/**
 * The "unavailable" state: what every omsorg element shows when the page's configuration file
 * cannot be used. In bokmål, nynorsk and English (following the nearest `lang`), readable in
 * dark mode, accessible, and no request to the API (there is no client).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { shadowText, until } from '../test/setup.js';
import { messages } from './unavailable.messages.js';
import nnTexts from './unavailable.messages.nn.js';
import enTexts from './unavailable.messages.en.js';
import { defineUnavailable, unavailableTags } from './unavailable.js';

describe('config: the unavailable state', () => {
  before(() => defineUnavailable());

  for (const [lang, text] of [
    ['nb', messages.nb.text],
    ['nn', nnTexts.text],
    ['en', enTexts.text],
  ] as const) {
    it(`every element says it politely in ${lang}, and it is accessible`, async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}>${unavailableTags.map((t) => document.createElement(t))}</div>`);
      for (const tag of unavailableTags) {
        const el = wrapper.querySelector(tag)!;
        await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        expect(shadowText(el), tag).to.equal(text);
        expect(el.shadowRoot!.querySelector('[part="unavailable"]'), tag).to.exist;
      }
      await expect(wrapper).to.be.accessible();
    });
  }

  it('follows a change of language, and the page\'s dark colour scheme', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="nb"><omsorg-appointment-list></omsorg-appointment-list></div>`);
    const el = wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    await el.updateComplete;
    wrapper.lang = 'nn';
    await until(() => shadowText(el) === nnTexts.text, 'the nynorsk text');
    expect(getComputedStyle(el).color, 'light palette').to.equal('rgb(27, 27, 31)');
    wrapper.style.colorScheme = 'dark';
    expect(getComputedStyle(el).color, 'dark palette').to.equal('rgb(236, 238, 242)');
    await expect(wrapper).to.be.accessible();
  });

  it('leaves the wrapper and the cancel dialog alone', () => {
    expect(customElements.get('omsorg-provider')).to.equal(undefined);
    expect(customElements.get('omsorg-cancel-dialog')).to.equal(undefined);
  });
});
