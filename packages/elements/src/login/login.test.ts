import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { createClient, createMockAuth, type Auth, type Client, type MockAuth } from '@omsorg/sdk';
import type { Appointment } from '@omsorg/contract';
import { API, shadowText, testClient, until, useScenario } from '../test/setup.js';
import { $, button as kitButton, nameOf } from '../test/kit.js';
import { OmsorgElement } from '../internal/base.js';
import { SignedInEvent, SignedOutEvent } from '../internal/events.js';
import type { OmsorgLogin } from './login.js';
import './define.js';

/**
 * A tiny element that shows appointments and, like every omsorg element, drops them when the
 * client says `cleared`: stands in for the list while testing sign-out.
 */
class TestAppointmentProbe extends OmsorgElement {
  static override properties = { items: { state: true } };
  items: Appointment[] = [];
  protected override clientConnected(client: Client): void {
    this.listen('cleared', () => {
      this.items = [];
    });
    void client.listAppointments({ when: 'upcoming' }).then((p) => {
      this.items = p.items;
    });
  }
  override render() {
    return litHtml`<ul>${this.items.map((a) => litHtml`<li>${a.careService.name}</li>`)}</ul>`;
  }
}
customElements.define('test-appointment-probe', TestAppointmentProbe);

const button = (el: Element, text: string) => kitButton(el, text, true);

async function render(client: Client, lang = 'en') {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><omsorg-login .client=${client}></omsorg-login></div>`);
  return { wrapper, login: wrapper.querySelector('omsorg-login') as OmsorgLogin };
}

describe('<omsorg-login>', () => {
  it('signed out: a Sign in button that signs in, then the name and SignedInEvent', async () => {
    await useScenario('default');
    const client = testClient('ola', { signedIn: false });
    const { wrapper, login } = await render(client);
    const signedIn: Event[] = [];
    wrapper.addEventListener(SignedInEvent.eventName, (e) => signedIn.push(e));
    await until(() => !!button(login, 'Sign in'), 'sign-in button');
    expect(shadowText(login)).to.contain('You are not signed in.');
    await expect(login).to.be.accessible();
    button(login, 'Sign in')!.click();
    await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), 'signed in');
    expect(signedIn).to.have.length(1);
    expect(signedIn[0]!.bubbles && signedIn[0]!.composed).to.equal(true);
    expect(button(login, 'Sign out')).to.exist;
    await expect(login).to.be.accessible();
  });

  it('announces a session once: taking the element out and putting it back does not fire SignedInEvent again', async () => {
    await useScenario('default');
    const client = testClient('ola', { signedIn: true });
    const signedIn: Event[] = [];
    const onSignedIn = (e: Event) => signedIn.push(e);
    // On the document: the restored session is announced as soon as the element connects.
    document.addEventListener(SignedInEvent.eventName, onSignedIn);
    try {
      const { wrapper, login } = await render(client);
      await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), 'restored session');
      await until(() => signedIn.length === 1, 'the restored session announced');
      for (let i = 0; i < 3; i++) {
        login.remove();
        await login.updateComplete;
        wrapper.append(login);
        await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), `back ${i}`);
      }
      expect(signedIn).to.have.length(1);
      // A real sign-out and sign-in is announced again.
      await client.signOut();
      await until(() => !!button(login, 'Sign in'), 'signed out');
      button(login, 'Sign in')!.click();
      await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), 'signed in again');
      expect(signedIn).to.have.length(2);
    } finally {
      document.removeEventListener(SignedInEvent.eventName, onSignedIn);
    }
  });

  it('passes the page address as returnTo when signing in', async () => {
    await useScenario('default');
    const client = testClient('ola', { signedIn: false });
    const calls: Array<{ returnTo?: string } | undefined> = [];
    const original = client.auth.signIn.bind(client.auth);
    (client.auth as { signIn: Auth['signIn'] }).signIn = (o) => {
      calls.push(o);
      return original(o);
    };
    const { login } = await render(client);
    await until(() => !!button(login, 'Sign in'), 'sign-in button');
    button(login, 'Sign in')!.click();
    await until(() => calls.length === 1, 'signIn called');
    expect(calls[0]).to.deep.equal({ returnTo: location.href });
  });

  it('signed in: name, Sign out; no acting-for select for someone who acts only for themself', async () => {
    await useScenario('default');
    const client = testClient('ola');
    const { login } = await render(client);
    await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), 'signed in');
    // me() is loaded: only the person themself, so no select and no acting-for line.
    await until(() => !!(login as unknown as { me?: unknown }).me, 'me loaded');
    expect(nameOf($(login, 'select'))).to.equal('null');
    expect(nameOf($(login, '[part~="acting-for"]'))).to.equal('null');
    expect($(login, 'strong bdi')!.textContent).to.equal('Ola Nordmann');
    await expect(login).to.be.accessible();
  });

  it('says politely when it cannot fetch whom the person can act for, and again on a failed retry', async () => {
    await useScenario('server-error');
    const client = testClient('kari');
    const { login } = await render(client);
    const status = () => $(login, '[role="status"]')!;
    await until(() => !!$(login, '[part~="error"]'), 'the subjects error');
    expect($(login, '[part~="error"] p')!.textContent).to.equal('We could not load whom you can act for.');
    await until(() => status().textContent === 'We could not load whom you can act for.', 'the error in the status region');
    expect(status().getAttribute('aria-live')).to.equal('polite');
    // The retry empties the region first, so failing again is said again.
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(status().textContent ?? ''));
    observer.observe(status(), { childList: true, subtree: true, characterData: true });
    button(login, 'Try again')!.click();
    await until(() => said.length >= 2 && status().textContent === 'We could not load whom you can act for.', 'said again');
    observer.disconnect();
    expect(said[0]).to.equal('');
    // Fixed: the error and its announcement go.
    await useScenario('default');
    button(login, 'Try again')!.click();
    await until(() => !!$(login, 'select'), 'the acting-for select');
    expect($(login, '[part~="error"]')).to.equal(null);
    expect(status().textContent).to.equal('');
    await expect(login).to.be.accessible();
  });

  it('sign-out wipes the store, a sibling element drops its content, SignedOutEvent fires, focus stays on the control', async () => {
    await useScenario('default');
    const client = testClient('ola');
    const wrapper = await fixture<HTMLElement>(html`
      <div lang="en">
        <omsorg-login .client=${client}></omsorg-login>
        <test-appointment-probe .client=${client}></test-appointment-probe>
      </div>
    `);
    const login = wrapper.querySelector('omsorg-login')!;
    const probe = wrapper.querySelector('test-appointment-probe')!;
    const cleared: unknown[] = [];
    client.on('cleared', (d) => cleared.push(d));
    const signedOut: Event[] = [];
    wrapper.addEventListener(SignedOutEvent.eventName, (e) => signedOut.push(e));
    await until(() => shadowText(probe).includes('Hjemmesykepleien'), 'probe shows appointments');
    await until(() => !!button(login, 'Sign out'), 'sign-out button');
    const cachedId = (probe as TestAppointmentProbe).items[0]!.id;
    expect(client.cachedAppointment(cachedId)).to.exist;
    button(login, 'Sign out')!.focus();
    button(login, 'Sign out')!.click();
    await until(() => signedOut.length === 1, 'signed-out event');
    expect(cleared).to.have.length(1);
    expect(shadowText(probe)).to.equal('');
    expect(client.cachedAppointment(cachedId)).to.equal(undefined);
    expect(client.auth.state().status).to.equal('signed-out');
    expect(shadowText(login)).to.not.contain('Ola Nordmann');
    // The sign-out button is gone; focus moved to the Sign in button that replaced it.
    expect(nameOf(login.shadowRoot!.activeElement)).to.equal(nameOf(button(login, 'Sign in')));
    await expect(login).to.be.accessible();
  });

  it('acting for: Kari switches to her father Ola; the subject changes and a clear line says so', async () => {
    await useScenario('default');
    const client = testClient('kari');
    const { login } = await render(client);
    await until(() => !!$(login, 'select'), 'acting-for select');
    const select = $<HTMLSelectElement>(login, 'select')!;
    const label = $(login, `label[for="${select.id}"]`)!;
    expect(label.textContent).to.contain('Acting for');
    const options = [...select.options].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Kari Nordmann (Yourself)', 'Ola Nordmann (Parent)']);
    expect(select.value).to.equal('me');
    expect(nameOf($(login, '[part~="acting-for"]'))).to.equal('null');
    await expect(login).to.be.accessible();
    const subjects: string[] = [];
    client.on('subject-changed', ({ subjectId }) => subjects.push(subjectId));
    const ola = [...select.options].find((o) => o.textContent!.includes('Ola'))!.value;
    select.value = ola;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => !!$(login, '[part~="acting-for"]'), 'acting-for line');
    expect(client.getSubject()).to.equal(ola);
    expect(subjects).to.deep.equal([ola]);
    expect($(login, '[part~="acting-for"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('You are acting on behalf of Ola Nordmann');
    await expect(login).to.be.accessible();
    // And back to herself: the line goes away.
    select.value = 'me';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => !$(login, '[part~="acting-for"]'), 'line gone');
    expect(client.getSubject()).to.equal('me');
  });

  it('shows the acting-for line when another element set the subject', async () => {
    await useScenario('default');
    const client = testClient('per');
    const { login } = await render(client);
    await until(() => !!$(login, 'select'), 'select');
    const emma = [...$<HTMLSelectElement>(login, 'select')!.options].find((o) => o.textContent!.includes('Emma'))!.value;
    client.setSubject(emma);
    await until(() => !!$(login, '[part~="acting-for"]'), 'line');
    expect(shadowText(login)).to.contain('You are acting on behalf of Emma Hansen');
    expect($<HTMLSelectElement>(login, 'select')!.value).to.equal(emma);
  });

  it('warns before the session expires, with the time left and a way to stay signed in', async () => {
    await useScenario('default');
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: false, persist: false, expiresInMs: 150_000 });
    const client = createClient({ baseUrl: API, auth, expiryWarningMs: 300_000 });
    const { login } = await render(client);
    await until(() => !!button(login, 'Sign in'), 'signed out');
    button(login, 'Sign in')!.click();
    await until(() => !!$(login, '[part~="warning"]'), 'warning');
    expect($(login, '[part~="warning"]')!.textContent).to.match(/Your session ends in 3 minutes \(at \d\d:\d\d\)\./);
    expect($(login, '[role="status"]')!.textContent).to.contain('Your session ends in 3 minutes');
    expect(button(login, 'Stay signed in')).to.exist;
    await expect(login).to.be.accessible();
    let signIns = 0;
    const original = auth.signIn.bind(auth);
    (auth as { signIn: Auth['signIn'] }).signIn = (o) => {
      signIns++;
      return original(o);
    };
    button(login, 'Stay signed in')!.click();
    await until(() => signIns === 1, 'stay signed in calls signIn');
  });

  it('when the session has expired: says so and offers Sign in again', async () => {
    await useScenario('default');
    const client = testClient('ola');
    const { login } = await render(client);
    await until(() => !!button(login, 'Sign out'), 'signed in');
    (client.auth as MockAuth).expire();
    await until(() => !!button(login, 'Sign in again'), 'sign in again');
    expect(shadowText(login)).to.contain('Your session has expired.');
    await expect(login).to.be.accessible();
  });

  it('shows a skeleton while the sign-in state is unknown', async () => {
    const base = createMockAuth({ signedIn: false, persist: false });
    const auth: Auth = { ...base, kind: 'mock', state: () => ({ status: 'unknown' }), init: () => new Promise(() => {}) };
    const client = createClient({ baseUrl: API, auth });
    const { login } = await render(client);
    await login.updateComplete;
    expect($(login, '[aria-busy="true"] .skeleton')).to.exist;
    expect(shadowText(login)).to.contain('Checking sign-in');
    expect(nameOf($(login, 'button'))).to.equal('null');
    await expect(login).to.be.accessible();
  });

  it('shows an error with retry when sign-in state cannot be restored', async () => {
    const base = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
    let fail = true;
    const auth: Auth = {
      ...base,
      kind: 'mock',
      init: () => (fail ? Promise.reject(Object.assign(new Error('offline'), { name: 'OmsorgError', kind: 'network' })) : base.init()),
    };
    await useScenario('default');
    const client = createClient({ baseUrl: API, auth });
    const { login } = await render(client);
    await until(() => !!$(login, '[part~="error"]'), 'error');
    expect(shadowText(login)).to.contain('We cannot reach the service.');
    await expect(login).to.be.accessible();
    fail = false;
    button(login, 'Try again')!.click();
    await until(() => shadowText(login).includes('Signed in as Ola Nordmann'), 'signed in after retry');
  });

  for (const [lang, signIn] of [
    ['nb', 'Logg inn'],
    ['nn', 'Logg inn'],
    ['en', 'Sign in'],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      await useScenario('default');
      const client = testClient('kari', { signedIn: false });
      const { login } = await render(client, lang);
      await until(() => !!button(login, signIn), 'sign-in button');
      const signedOut = { nb: 'Du er ikke logget inn.', nn: 'Du er ikkje logga inn.', en: 'You are not signed in.' }[lang];
      expect(shadowText(login)).to.contain(signedOut);
      button(login, signIn)!.click();
      await until(() => !!$(login, 'select'), 'select');
      const label = { nb: 'Handler på vegne av', nn: 'Handlar på vegner av', en: 'Acting for' }[lang];
      expect($(login, 'label')!.textContent).to.contain(label);
      const parent = { nb: 'Forelder', nn: 'Forelder', en: 'Parent' }[lang];
      expect($<HTMLSelectElement>(login, 'select')!.options[1]!.textContent).to.contain(parent);
      await expect(login).to.be.accessible();
    });
  }

  it('renders a hostile name as text', async () => {
    await useScenario('hostile');
    const auth = createMockAuth({ user: { sub: 'per', name: 'Per <img src=x onerror=alert(1)>' }, signedIn: true, persist: false });
    const client = createClient({ baseUrl: API, auth });
    const { login } = await render(client);
    await until(() => !!$(login, 'select'), 'select');
    expect(shadowText(login)).to.contain('Per <img src=x onerror=alert(1)>');
    expect(nameOf($(login, 'img, script'))).to.equal('null');
  });

  it('its wrapper is the base part, as in every element, and answers to its 0.1.0 name container too', async () => {
    await useScenario('default');
    const { login } = await render(testClient('ola', { signedIn: false }));
    await until(() => !!button(login, 'Sign in'), 'sign-in button');
    const base = $(login, '[part~="base"]');
    expect(base?.localName).to.equal('div');
    expect(base!.contains(button(login, 'Sign in')!)).to.equal(true);
    expect($(login, '[part~="container"]') === base).to.equal(true);
  });
});
