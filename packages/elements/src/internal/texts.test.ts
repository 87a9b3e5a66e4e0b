/**
 * Texts the host owns (setTexts, registerLocale): a municipality's own words over the elements'
 * in any language, a registered language (`se`) that falls back to bokmål key by key with one
 * warning, and what is refused. Host text is shown as text, never as markup.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { testClient, until, useScenario } from '../test/setup.js';
import { $ } from '../test/kit.js';
import { clearRegisteredLocales } from './locale.js';
import { clearHostTexts, common } from './messages.js';
import { registerLocale, setTexts } from './texts.js';
import { se } from '../locales/se.js';
import { messages as login } from '../login/login.messages.js';
import '../login/define.js';
import '../appointment-list/define.js';

const signInText = (el: Element) => $(el, '[part~="sign-in-button"]')?.textContent?.trim();

async function signedOutLogin(lang: string): Promise<LitElement> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><omsorg-login .client=${testClient('ola', { signedIn: false })}></omsorg-login></div>`);
  const el = wrapper.querySelector('omsorg-login')! as unknown as LitElement;
  await until(() => !!signInText(el), 'the sign-in button');
  return el;
}

describe('texts the host owns', () => {
  let warnings: string[] = [];
  const realWarn = console.warn;
  beforeEach(async () => {
    await useScenario('default');
    warnings = [];
    console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = realWarn;
    clearHostTexts();
    clearRegisteredLocales();
  });

  it("a host's text replaces the element's in that language only; elements already shown follow", async () => {
    const nb = await signedOutLogin('nb');
    const nn = await signedOutLogin('nn');
    expect(signInText(nb)).to.equal(login.nb.signIn);
    setTexts('nb', { login: { signIn: 'Logg inn med ID-porten' } });
    await until(() => signInText(nb) === 'Logg inn med ID-porten', 'the host text, without a reload');
    expect(signInText(nn), 'nynorsk keeps its own').to.equal(textsNn());
    expect(warnings).to.deep.equal([]);
  });

  it('a text with arguments takes a function of them; a wrong kind or an unknown key is left out with one warning', async () => {
    setTexts('nb', {
      common: { retry: 'Forsøk igjen' },
      // @ts-expect-error not a text of login
      login: { noSuchKey: 'x', signIn: 42 },
    });
    setTexts('nb', {
      // @ts-expect-error a string where the catalog has a function is refused at run time too
      'appointment-list': { loaded: 'n' },
    });
    const el = await signedOutLogin('nb');
    expect(signInText(el), 'a number is not a text').to.equal(login.nb.signIn);
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings.filter((w) => w.includes('login.noSuchKey'))).to.have.length(1);
    expect(warnings.filter((w) => w.includes('login.signIn'))).to.have.length(1);
  });

  it('host text is shown as text, never as markup', async () => {
    setTexts('nb', { login: { signIn: '<img src=x onerror="window.__hacked=1">Logg inn' } });
    const el = await signedOutLogin('nb');
    expect(signInText(el)).to.equal('<img src=x onerror="window.__hacked=1">Logg inn');
    expect($(el, '[part~="sign-in-button"] img')).to.equal(null);
    expect((window as { __hacked?: number }).__hacked).to.equal(undefined);
  });

  it('a registered language (se) is followed for the keys it has; the others are bokmål, with one warning per element', async () => {
    const before = await signedOutLogin('se');
    expect(signInText(before), 'unregistered: bokmål').to.equal(login.nb.signIn);
    registerLocale('se');
    setTexts('se', se);
    await until(() => signInText(before) === se.login!.signIn, 'the Sami text, without a reload');
    const el = await signedOutLogin('se-NO');
    expect(signInText(el)).to.equal(se.login!.signIn);
    // Keys the stub lacks are bokmål, and that is said once per catalog, not per render.
    el.requestUpdate();
    await el.updateComplete;
    const missing = warnings.filter((w) => w.includes('"se" lack') && w.includes("login's"));
    expect(missing, warnings.join('\n')).to.have.length(1);
    expect(missing[0]).to.contain('bokmål');
    // Dates and numbers follow the base language (bokmål) too; the common texts come from the stub.
    const list = await fixture<HTMLElement>(html`<div lang="se"><omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list></div>`);
    const inner = list.querySelector('omsorg-appointment-list')!;
    await until(() => !!$(inner, '[part="sign-in-button"]'), 'the list signed out');
    expect($(inner, '[part="sign-in-button"]')!.textContent!.trim()).to.equal(se.common!.signIn);
    expect(common.nb.signIn).to.not.equal(se.common!.signIn);
  });

  it('registerLocale refuses what is not a language code, or a built-in one', () => {
    expect(() => registerLocale('nb')).to.throw(RangeError);
    expect(() => registerLocale('se-NO')).to.throw(RangeError);
    expect(() => registerLocale('<x>')).to.throw(RangeError);
  });
});

/** Nynorsk's sign-in text (its module is loaded once the nn element has rendered). */
function textsNn(): string {
  return (login.nn ?? login.nb).signIn;
}
