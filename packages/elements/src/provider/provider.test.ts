import { expect, fixture, html } from '@open-wc/testing';
import { shadowText, testClient, until, useScenario } from '../test/setup.js';
import { provideClient } from '../internal/context.js';
import type { OmsorgProvider } from './provider.js';
import './define.js';
import '../login/define.js';

describe('<omsorg-provider>', () => {
  it('supplies its client to a nested element', async () => {
    await useScenario('default');
    const client = testClient('kari');
    const wrapper = await fixture<HTMLElement>(html`
      <div lang="en">
        <omsorg-provider .client=${client}>
          <section><omsorg-login></omsorg-login></section>
        </omsorg-provider>
      </div>
    `);
    const provider = wrapper.querySelector('omsorg-provider')!;
    const login = wrapper.querySelector('omsorg-login')!;
    await until(() => shadowText(login).includes('Signed in as Kari Nordmann'), 'login uses the provided client');
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.shadowRoot!.querySelector('slot')).to.exist;
    await expect(provider).to.be.accessible();
  });

  it('wins over the document-level client, and replacing its client updates the elements inside', async () => {
    await useScenario('default');
    const outerClient = testClient('ola');
    provideClient(outerClient);
    const kari = testClient('kari');
    const per = testClient('per');
    const wrapper = await fixture<HTMLElement>(html`
      <div lang="en">
        <omsorg-login id="outer"></omsorg-login>
        <omsorg-provider .client=${kari}><omsorg-login id="inner"></omsorg-login></omsorg-provider>
      </div>
    `);
    const outer = wrapper.querySelector('#outer')!;
    const inner = wrapper.querySelector('#inner')!;
    await until(() => shadowText(outer).includes('Signed in as Ola Nordmann'), 'outer uses the document client');
    await until(() => shadowText(inner).includes('Signed in as Kari Nordmann'), 'inner uses the provider');
    wrapper.querySelector<OmsorgProvider>('omsorg-provider')!.client = per;
    await until(() => shadowText(inner).includes('Signed in as Per Hansen'), 'inner follows the new client');
    expect(shadowText(outer)).to.contain('Ola Nordmann');
  });

  it('takes over from the document-level client for an element that was there first', async () => {
    await useScenario('default');
    provideClient(testClient('ola'));
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><omsorg-login></omsorg-login></div>`);
    const login = wrapper.querySelector('omsorg-login')!;
    await until(() => shadowText(login).includes('Ola Nordmann'), 'document client');
    // Wrap the existing element in a provider: it re-requests and gets the closer client.
    const provider = document.createElement('omsorg-provider');
    provider.client = testClient('per');
    wrapper.append(provider);
    provider.append(login);
    await until(() => shadowText(login).includes('Per Hansen'), 'provider client');
  });
});
