import { expect, fixture, html } from '@open-wc/testing';
import { inert, linkParts, MARKER, renderMessageText, safeHref } from './message-text.js';

describe('internal: message text', () => {
  it('links only https:, tel: and mailto:, decided by URL, without trailing punctuation', () => {
    expect(linkParts('Se https://fjordvik.kommune.no/omsorg. Ring tel:+4721000016, eller skriv til mailto:post@fjordvik.no!')).to.deep.equal([
      'Se ',
      { text: 'https://fjordvik.kommune.no/omsorg', href: 'https://fjordvik.kommune.no/omsorg' },
      '. Ring ',
      { text: 'tel:+4721000016', href: 'tel:+4721000016' },
      ', eller skriv til ',
      { text: 'mailto:post@fjordvik.no', href: 'mailto:post@fjordvik.no' },
      '!',
    ]);
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'http://fjordvik.no', 'vbscript:x', 'file:///etc/passwd', 'https:']) {
      expect(safeHref(bad), bad).to.equal(undefined);
      expect(linkParts(`før ${bad} etter`).every((p) => typeof p === 'string'), bad).to.equal(true);
    }
  });

  it('replaces control and bidi override characters with a visible marker', () => {
    expect(inert('abc\u202Efed\u2066x\u2069\u0007')).to.equal(`abc${MARKER}fed${MARKER}x${MARKER}${MARKER}`);
    expect(inert('linje 1\nlinje\t2')).to.equal('linje 1\nlinje\t2');
    expect(inert(null)).to.equal('');
  });

  it('renders paragraphs, line breaks and links as nodes, never markup from the text', async () => {
    const el = await fixture(html`<div>${renderMessageText('<img src=x onerror=alert(1)>\nlinje to\n\nhttps://a.example/x javascript:alert(1)')}</div>`);
    expect(el.querySelectorAll('p')).to.have.length(2);
    expect(el.querySelector('img')).to.equal(null);
    expect(el.querySelectorAll('br')).to.have.length(1);
    expect([...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://a.example/x']);
    expect(el.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(el.textContent).to.contain('javascript:alert(1)');
    for (const p of el.querySelectorAll('p')) expect(p.firstElementChild?.tagName).to.equal('BDI');
  });
});
