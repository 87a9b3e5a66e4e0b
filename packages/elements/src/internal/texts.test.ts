/**
 * Texts in nynorsk and English are modules of their own (messages.ts): an element waits for its
 * language before it renders, so it never shows bokmål first, and a page in bokmål imports
 * neither. A file of its own: every test page imports a module once, and these tests need to
 * start before anything on the page has imported nn or en.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { OmsorgElement } from './base.js';
import { defineElement } from './define.js';
import { catalog, common, textsIn, textsReady } from './messages.js';

/** Everything the element showed, one entry per render (its shadow root's text after each update). */
class TextsProbe extends OmsorgElement {
  shown: string[] = [];
  override render() {
    return litHtml`<p>${this.common.errorUnknown}</p>`;
  }
  protected override updated(): void {
    this.shown.push(this.shadowRoot!.textContent!.trim());
  }
}
defineElement('omsorg-texts-probe', TextsProbe);

describe('internal: texts in nn and en', () => {
  it('renders bokmål without loading another language', async () => {
    const el = await fixture<TextsProbe>(html`<omsorg-texts-probe></omsorg-texts-probe>`);
    expect(el.shown).to.deep.equal([common.nb.errorUnknown]);
    expect(common.nn, 'nynorsk not imported').to.equal(undefined);
    expect(common.en, 'English not imported').to.equal(undefined);
    expect(textsReady('nb')).to.equal(undefined);
  });

  it('renders first in nynorsk, never bokmål, on a page in nynorsk', async () => {
    const wrap = await fixture(html`<div lang="nn"><omsorg-texts-probe></omsorg-texts-probe></div>`);
    const el = wrap.querySelector<TextsProbe>('omsorg-texts-probe')!;
    await el.updateComplete;
    expect(common.nn, 'nynorsk imported').to.not.equal(undefined);
    expect(el.shown).to.deep.equal([common.nn!.errorUnknown]);
    expect(common.nn!.errorUnknown).to.not.equal(common.nb.errorUnknown);
    expect(textsReady('nn'), 'nothing left to load').to.equal(undefined);
  });

  it('keeps showing its language until the next one is in, then switches', async () => {
    const wrap = await fixture(html`<div lang="nn"><omsorg-texts-probe></omsorg-texts-probe></div>`);
    const el = wrap.querySelector<TextsProbe>('omsorg-texts-probe')!;
    await el.updateComplete;
    expect(common.en).to.equal(undefined);
    wrap.setAttribute('lang', 'en');
    // The lang observer runs as a microtask; the update then waits for English.
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(el.shown).to.deep.equal([common.nn!.errorUnknown, common.en!.errorUnknown]);
  });

  it('shows bokmål, and says why, when a language cannot be imported; tries again on the next update', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    let attempts = 0;
    // A catalog made now, whose nynorsk fails to import once (as offline), then loads.
    const broken = catalog(
      { word: 'bokmål' },
      {
        nn: () => (++attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ default: { word: 'nynorsk' } })),
        en: () => Promise.resolve({ default: { word: 'English' } }),
      },
    );
    class BrokenProbe extends OmsorgElement {
      override render() {
        return litHtml`<p>${this.texts(broken).word}</p>`;
      }
    }
    defineElement('omsorg-broken-texts-probe', BrokenProbe);
    try {
      const wrap = await fixture(html`<div lang="nn"><omsorg-broken-texts-probe></omsorg-broken-texts-probe></div>`);
      const el = wrap.querySelector<BrokenProbe>('omsorg-broken-texts-probe')!;
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.trim()).to.equal('bokmål');
      expect(errors).to.have.length(1);
      expect(String(errors[0]![1])).to.contain('"nn"');
      el.requestUpdate();
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.trim()).to.equal('nynorsk');
      expect(attempts).to.equal(2);
      expect(textsIn(broken, 'nn')).to.deep.equal({ word: 'nynorsk' });
    } finally {
      console.error = original;
    }
  });
});
