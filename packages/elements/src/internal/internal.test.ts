import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { OmsorgElement } from './base.js';
import { defineElement } from './define.js';
import { provideClient, providedClient } from './context.js';
import { langOf, normalizeLocale } from './locale.js';
import { osloDayKey, formatTime } from './format.js';
import { common, errorMessage } from './messages.js';
import { inEveryLanguage } from '../test/kit.js';

class ProbeElement extends OmsorgElement {
  seen: Client[] = [];
  protected override clientConnected(client: Client): void {
    this.seen.push(client);
  }
  override render() {
    return litHtml`<p>${this.common.errorUnknown}</p>`;
  }
}
defineElement('omsorg-test-probe', ProbeElement);

const makeClient = () => createClient({ baseUrl: 'http://x.test', auth: createMockAuth({ signedIn: false, persist: false }) });

describe('internal: context', () => {
  it('gives the client to an element that connected before the client was provided', async () => {
    const el = await fixture<ProbeElement>(html`<omsorg-test-probe></omsorg-test-probe>`);
    const client = makeClient();
    provideClient(client);
    await el.updateComplete;
    expect(el.seen.at(-1)).to.equal(client);
    expect(providedClient()).to.equal(client);
  });

  it('replaces the client everywhere when provided again', async () => {
    const el = await fixture<ProbeElement>(html`<omsorg-test-probe></omsorg-test-probe>`);
    const next = makeClient();
    provideClient(next);
    await el.updateComplete;
    expect(el.seen.at(-1)).to.equal(next);
  });
});

describe('internal: defineElement', () => {
  it('skips a tag that is defined already and warns when the versions differ', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      class Other extends HTMLElement {
        static readonly omsorgVersion = '9.9.9';
      }
      defineElement('omsorg-test-probe', Other);
      class Same extends HTMLElement {
        static readonly omsorgVersion = ProbeElement.omsorgVersion;
      }
      defineElement('omsorg-test-probe', Same);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('omsorg-test-probe')).to.equal(ProbeElement);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('9.9.9');
  });
});

describe('internal: locale and format', () => {
  it('follows the nearest lang, through shadow roots, bokmål by default', async () => {
    const texts = await inEveryLanguage(common);
    expect(normalizeLocale('nn-NO')).to.equal('nn');
    expect(normalizeLocale('en-US')).to.equal('en');
    expect(normalizeLocale('no')).to.equal('nb');
    expect(normalizeLocale('de')).to.equal('nb');
    const wrap = await fixture(html`<div lang="nn"><omsorg-test-probe></omsorg-test-probe></div>`);
    const el = wrap.querySelector('omsorg-test-probe') as ProbeElement;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain(texts.nn.errorUnknown);
    wrap.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain(texts.en.errorUnknown);
    const p = el.shadowRoot!.querySelector('p')!;
    expect(langOf(p)).to.equal('en');
  });

  it('groups and shows times in Oslo across the summer-time changes', () => {
    // 2026-03-29 01:30 UTC is 03:30 in Oslo (CEST starts at 02:00 local).
    expect(formatTime(new Date('2026-03-29T01:30:00Z'), 'nb')).to.equal('03:30');
    expect(formatTime(new Date('2026-03-28T23:30:00Z'), 'nb')).to.equal('00:30');
    // 2026-10-25 00:30 UTC is 02:30 CEST; 01:30 UTC is 02:30 CET (the hour repeats).
    expect(formatTime(new Date('2026-10-25T00:30:00Z'), 'nb')).to.equal('02:30');
    expect(formatTime(new Date('2026-10-25T01:30:00Z'), 'nb')).to.equal('02:30');
    // 23:30 UTC on 31 Oct is already 1 Nov in Oslo.
    expect(osloDayKey(new Date('2026-10-31T23:30:00Z'))).to.equal('2026-11-01');
  });

  it('explains each kind of error with a translated text', async () => {
    const m = (await inEveryLanguage(common)).en;
    expect(errorMessage(m, { kind: 'network' })).to.equal(m.errorNetwork);
    expect(errorMessage(m, { kind: 'invalid-response' })).to.equal(m.errorInvalid);
    expect(errorMessage(m, { kind: 'auth' })).to.equal(m.errorAuth);
    expect(errorMessage(m, { kind: 'http', status: 403 })).to.equal(m.errorForbidden);
    expect(errorMessage(m, { kind: 'http', status: 404 })).to.equal(m.errorNotFound);
    expect(errorMessage(m, { kind: 'http', status: 503 })).to.equal(m.errorBusy);
    expect(errorMessage(m, { kind: 'http', status: 500 })).to.equal(m.errorServer);
    expect(errorMessage(m, undefined)).to.equal(m.errorUnknown);
  });
});
