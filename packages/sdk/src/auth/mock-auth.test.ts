import { expect } from '@open-wc/testing';
import { MOCK_AUTH_KEY, createMockAuth } from './mock-auth.js';
import { rejection } from '../test/fixtures.js';
import { installClock, uninstallClock } from '../test/clock.js';
import type { AuthState } from '../types.js';

describe('mock auth', () => {
  beforeEach(() => sessionStorage.removeItem(MOCK_AUTH_KEY));
  afterEach(() => sessionStorage.removeItem(MOCK_AUTH_KEY));

  it('starts signed out and refuses to authorize', async () => {
    const auth = createMockAuth();
    expect(auth.kind).to.equal('mock');
    expect(auth.state()).to.deep.equal({ status: 'signed-out' });
    const err = await rejection(auth.authorize({ method: 'GET', url: 'https://x/v1/me' }));
    expect(err.kind).to.equal('auth');
  });

  it('signs in instantly and authorizes with a mock bearer token', async () => {
    const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' } });
    const seen: AuthState[] = [];
    auth.onChange((s) => seen.push(s));
    await auth.signIn();
    expect(auth.state()).to.deep.equal({ status: 'signed-in', user: { sub: 'ola', name: 'Ola Nordmann' } });
    expect(seen.map((s) => s.status)).to.deep.equal(['signed-in']);
    expect(await auth.authorize({ method: 'GET', url: 'https://x' })).to.deep.equal({ Authorization: 'Bearer mock-token-ola' });
  });

  it('remembers sign-in across reloads with only a flag and the name', async () => {
    await createMockAuth({ user: { sub: 'kari', name: 'Kari' } }).signIn();
    expect(JSON.parse(sessionStorage.getItem(MOCK_AUTH_KEY)!)).to.deep.equal({ signedIn: true, name: 'Kari' });
    const reloaded = createMockAuth();
    expect(reloaded.state().status).to.equal('signed-in');
    expect(reloaded.state().user?.name).to.equal('Kari');
    expect(await reloaded.init()).to.deep.equal(reloaded.state());
    await reloaded.signOut();
    expect(sessionStorage.getItem(MOCK_AUTH_KEY)).to.equal(null);
    expect(createMockAuth().state().status).to.equal('signed-out');
  });

  it('an explicit signedIn wins over what was remembered; persist:false never touches storage', async () => {
    sessionStorage.setItem(MOCK_AUTH_KEY, JSON.stringify({ signedIn: true, name: 'Remembered' }));
    expect(createMockAuth({ signedIn: false }).state().status).to.equal('signed-out');
    sessionStorage.removeItem(MOCK_AUTH_KEY);
    const auth = createMockAuth({ persist: false });
    await auth.signIn();
    expect(sessionStorage.getItem(MOCK_AUTH_KEY)).to.equal(null);
  });

  it('ignores a garbled remembered value', () => {
    sessionStorage.setItem(MOCK_AUTH_KEY, '{not json');
    expect(createMockAuth().state().status).to.equal('signed-out');
    sessionStorage.setItem(MOCK_AUTH_KEY, JSON.stringify({ signedIn: true, name: 42 }));
    expect(createMockAuth().state().user?.name).to.equal('Kari Nordmann');
  });

  it('works without sessionStorage (Node, disabled storage)', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      const auth = createMockAuth();
      await auth.signIn();
      expect(auth.state().status).to.equal('signed-in');
      await auth.signOut();
      expect(auth.state().status).to.equal('signed-out');
    } finally {
      if (own) Object.defineProperty(window, 'sessionStorage', own);
      else delete (window as { sessionStorage?: Storage }).sessionStorage;
    }
    expect(() => sessionStorage.getItem('x')).not.to.throw();
  });

  it('sets expiresAt and turns into expired once it passes', async () => {
    const auth = createMockAuth({ signedIn: true, expiresInMs: -1, persist: false });
    expect(auth.state().expiresAt).to.be.a('number');
    const err = await rejection(auth.authorize({ method: 'GET', url: 'https://x' }));
    expect(err.kind).to.equal('auth');
    expect(auth.state()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
  });

  it('expire() simulates the session running out', async () => {
    const auth = createMockAuth({ signedIn: true });
    sessionStorage.setItem(MOCK_AUTH_KEY, JSON.stringify({ signedIn: true, name: 'x' }));
    const seen: AuthState[] = [];
    const off = auth.onChange((s) => seen.push(s));
    auth.expire();
    expect(seen).to.deep.equal([{ status: 'signed-out', reason: 'expired' }]);
    expect(sessionStorage.getItem(MOCK_AUTH_KEY)).to.equal(null);
    off();
    await auth.signIn();
    expect(seen).to.have.length(1);
    expect(auth.init()).to.equal(auth.init());
  });

  describe('the sign-in time (step-up)', () => {
    afterEach(() => uninstallClock());
    const header = async (auth: ReturnType<typeof createMockAuth>) => (await auth.authorize({ method: 'GET', url: 'https://x' })).Authorization;

    it('with authTime the token says when; signIn() while signed in keeps it (single sign-on), signIn({ maxAge }) sets it to now', async () => {
      const clock = installClock();
      const hourAgo = Math.floor(clock.now() / 1000) - 3600;
      const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: true, persist: false, authTime: hourAgo });
      expect(await header(auth)).to.equal(`Bearer mock-token-ola.auth-${hourAgo}`);
      await auth.signIn();
      expect(await header(auth), 'an ordinary sign-in reuses the session').to.equal(`Bearer mock-token-ola.auth-${hourAgo}`);
      clock.tick(90_000);
      await auth.signIn({ maxAge: 300 });
      expect(await header(auth)).to.equal(`Bearer mock-token-ola.auth-${Math.floor(clock.now() / 1000)}`);
      expect(auth.state().status).to.equal('signed-in');
    });

    it('a sign-in from signed out is a new authentication; without authTime the token names no time', async () => {
      const clock = installClock();
      const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, persist: false, authTime: 1 });
      await auth.signIn();
      expect(await header(auth)).to.equal(`Bearer mock-token-ola.auth-${Math.floor(clock.now() / 1000)}`);
      const plain = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: true, persist: false });
      await plain.signIn({ maxAge: 300 });
      expect(await header(plain)).to.equal('Bearer mock-token-ola');
    });

    it('refuses a maxAge outside the rules (RangeError) and changes nothing', async () => {
      const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola' }, signedIn: true, persist: false, authTime: 1000 });
      for (const maxAge of [-1, 1.5, 3601, Number.NaN]) {
        const err = await auth.signIn({ maxAge }).then(() => undefined, (e: unknown) => e);
        expect(err, String(maxAge)).to.be.instanceOf(RangeError);
      }
      expect(await header(auth)).to.equal('Bearer mock-token-ola.auth-1000');
    });
  });
});
