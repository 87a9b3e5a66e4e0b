import { expect } from '@open-wc/testing';
import type { User, UserManagerSettings } from 'oidc-client-ts';
import { createOidcAuth, type OidcAuthConfig, type UserManagerLike } from './oidc-auth.js';
import { rejection } from '../test/fixtures.js';
import type { AuthState } from '../types.js';

// These tests drive createOidcAuth against a fake UserManager (plus one run of the real one
// without network). The real redirect flow against a provider is not covered here.

type FakeUser = { -readonly [K in keyof User]?: unknown } & { expired?: boolean };

const fakeUser = (o: FakeUser = {}) =>
  ({
    access_token: 'at-1',
    token_type: 'Bearer',
    id_token: 'idt-1',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    expired: false,
    profile: { sub: 'pairwise-1', name: 'Ola Nordmann' },
    state: undefined,
    ...o,
  }) as unknown as User & { expired: boolean };

class FakeManager {
  calls: string[] = [];
  user: User | null = null;
  callbackUser: User = fakeUser();
  callbackError?: Error;
  endSession: string | undefined = 'https://op.test/logout';
  proof: string | undefined = 'proof.jwt';
  dpopArgs: unknown[] = [];
  signinArgs: unknown;
  signoutArgs: unknown;
  metadataService = {
    getEndSessionEndpoint: async () => {
      this.calls.push('metadata');
      return this.endSession;
    },
  };
  async getUser() {
    this.calls.push('getUser');
    return this.user;
  }
  async removeUser() {
    this.calls.push('removeUser');
    this.user = null;
  }
  async signinRedirect(args: unknown) {
    this.calls.push('signinRedirect');
    this.signinArgs = args;
  }
  async signinRedirectCallback(url: string) {
    this.calls.push(`callback ${url}`);
    if (this.callbackError) throw this.callbackError;
    return (this.user = this.callbackUser);
  }
  async signoutRedirect(args: unknown) {
    this.calls.push('signoutRedirect');
    this.signoutArgs = args;
  }
  async clearStaleState() {
    this.calls.push('clearStaleState');
  }
  async dpopProof(...args: unknown[]) {
    this.dpopArgs = args;
    return this.proof;
  }
}

const here = () => location.origin + location.pathname;

function setup(config: Partial<OidcAuthConfig> = {}, fake = new FakeManager()) {
  let settings: UserManagerSettings | undefined;
  const auth = createOidcAuth({
    authority: 'https://op.test',
    clientId: 'omsorg',
    redirectUri: here(),
    userManagerFactory: (s) => {
      settings = s;
      return fake as unknown as UserManagerLike;
    },
    ...config,
  });
  const seen: AuthState[] = [];
  auth.onChange((s) => seen.push(s));
  return { auth, fake, seen, settings: () => settings! };
}

describe('oidc auth: settings', () => {
  it('configures code flow with PKCE, acr_values, no silent renew, no session monitor', async () => {
    const { auth, settings } = setup({ postLogoutRedirectUri: `${location.origin}/bye`, scope: 'openid' });
    await auth.init();
    const s = settings();
    expect(s.authority).to.equal('https://op.test');
    expect(s.client_id).to.equal('omsorg');
    expect(s.redirect_uri).to.equal(here());
    expect(s.post_logout_redirect_uri).to.equal(`${location.origin}/bye`);
    expect(s.response_type).to.equal('code');
    expect(s.disablePKCE).to.equal(undefined);
    expect(s.scope).to.equal('openid');
    expect(s.acr_values).to.equal('idporten-loa-high');
    expect(s.automaticSilentRenew).to.equal(false);
    expect(s.monitorSession).to.equal(false);
    expect(s.dpop).to.equal(undefined);
    expect(s.resource).to.equal(undefined);
    expect(s.extraQueryParams).to.equal(undefined);
  });

  it('keeps state and (by default) the user in sessionStorage, never localStorage', async () => {
    const oidc = await import('oidc-client-ts');
    const before = localStorage.length;
    const { auth, settings } = setup();
    await auth.init();
    const s = settings();
    expect(s.userStore).to.be.instanceOf(oidc.WebStorageStateStore);
    await s.stateStore!.set('probe', '1');
    await s.userStore!.set('probe2', '2');
    expect(sessionStorage.getItem('oidc.probe')).to.equal('1');
    expect(sessionStorage.getItem('oidc.probe2')).to.equal('2');
    await s.stateStore!.remove('probe');
    await s.userStore!.remove('probe2');
    expect(localStorage.length).to.equal(before);
  });

  it('keeps the user in memory with storage: memory; passes resource, acrValues and DPoP', async () => {
    const oidc = await import('oidc-client-ts');
    const { auth, settings } = setup({ storage: 'memory', resource: 'https://api.test', acrValues: 'idporten-loa-substantial', dpop: true });
    await auth.init();
    const s = settings();
    await s.userStore!.set('probe', '1');
    expect(sessionStorage.getItem('oidc.probe')).to.equal(null);
    expect(await s.userStore!.get('probe')).to.equal('1');
    expect(s.resource).to.equal('https://api.test');
    expect(s.extraTokenParams).to.deep.equal({ resource: 'https://api.test' });
    expect(s.acr_values).to.equal('idporten-loa-substantial');
    expect(s.dpop?.bind_authorization_code).to.equal(true);
    expect(s.dpop?.store).to.be.instanceOf(oidc.IndexedDbDPoPStore);
  });

  it('runs with the real UserManager (no network needed to restore or drop a session)', async () => {
    const auth = createOidcAuth({ authority: 'https://op.invalid', clientId: 'c', redirectUri: `${location.origin}/cb`, storage: 'memory', dpop: true });
    expect(auth.state().status).to.equal('unknown');
    expect(await auth.init()).to.deep.equal({ status: 'signed-out' });
    await auth.signOut({ redirect: false });
    expect(auth.state().status).to.equal('signed-out');
  });
});

describe('oidc auth: session state', () => {
  it('restores a stored user once; init returns the same promise', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser({ expires_at: 2_000_000_000 });
    const { auth, seen } = setup({}, fake);
    expect(auth.state().status).to.equal('unknown');
    const p = auth.init();
    expect(auth.init()).to.equal(p);
    expect(await p).to.deep.equal({ status: 'signed-in', user: { sub: 'pairwise-1', name: 'Ola Nordmann' }, expiresAt: 2_000_000_000_000 });
    expect(seen).to.have.length(1);
    expect(fake.calls).to.deep.equal(['getUser']);
  });

  it('maps no user, an expired user and a broken store', async () => {
    expect(await setup().auth.init()).to.deep.equal({ status: 'signed-out' });
    const expired = new FakeManager();
    expired.user = fakeUser({ expired: true });
    expect(await setup({}, expired).auth.init()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    const broken = new FakeManager();
    broken.getUser = () => Promise.reject(new Error('corrupt'));
    expect(await setup({}, broken).auth.init()).to.deep.equal({ status: 'signed-out', reason: 'failed' });
  });

  it('builds the name from given and family name, and omits an unknown expiry', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser({ profile: { sub: 's', given_name: 'Kari', family_name: 'Nordmann' }, expires_at: undefined });
    expect(await setup({}, fake).auth.init()).to.deep.equal({ status: 'signed-in', user: { sub: 's', name: 'Kari Nordmann' } });
  });
});

describe('oidc auth: authorize', () => {
  it('sends a bearer token only in the Authorization header', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser();
    const { auth } = setup({}, fake);
    expect(await auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' })).to.deep.equal({ Authorization: 'Bearer at-1' });
  });

  it('rejects without a session', async () => {
    const err = await rejection(setup().auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }));
    expect(err.kind).to.equal('auth');
  });

  it('turns an access token that expired after init into signed-out/expired', async () => {
    const fake = new FakeManager();
    const user = fakeUser();
    fake.user = user;
    const { auth, seen } = setup({}, fake);
    await auth.init();
    user.expired = true;
    expect((await rejection(auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }))).kind).to.equal('auth');
    expect(auth.state()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    expect(seen.at(-1)).to.deep.equal({ status: 'signed-out', reason: 'expired' });
  });

  it('with DPoP sends the DPoP scheme and a proof bound to method and URL without query', async () => {
    const fake = new FakeManager();
    const user = fakeUser({ token_type: 'DPoP' });
    fake.user = user;
    const { auth } = setup({ dpop: true }, fake);
    const headers = await auth.authorize({ method: 'post', url: 'https://api.test/v1/subjects/me/appointments?when=past#x' });
    expect(headers).to.deep.equal({ Authorization: 'DPoP at-1', DPoP: 'proof.jwt' });
    expect(fake.dpopArgs).to.deep.equal(['https://api.test/v1/subjects/me/appointments', user, 'POST']);
  });

  it('falls back to Bearer when the provider issued a bearer token, and fails without a DPoP key', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser();
    const { auth } = setup({ dpop: true }, fake);
    expect(await auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' })).to.deep.equal({ Authorization: 'Bearer at-1' });
    const noKey = new FakeManager();
    noKey.user = fakeUser({ token_type: 'DPoP' });
    noKey.proof = undefined;
    expect((await rejection(setup({ dpop: true }, noKey).auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }))).kind).to.equal('auth');
  });
});

describe('oidc auth: redirects', () => {
  const original = location.href;
  afterEach(() => history.replaceState(history.state, '', original));

  const withCallback = (params: string) => {
    const url = new URL(original);
    new URLSearchParams(params).forEach((v, k) => url.searchParams.set(k, v));
    url.hash = 'keep';
    history.replaceState(history.state, '', url.href);
    return url.href;
  };

  it('completes the callback and strips code and state from the address bar', async () => {
    const href = withCallback('code=abc&state=xyz&iss=https%3A%2F%2Fop.test');
    const { auth, fake } = setup();
    expect((await auth.init()).status).to.equal('signed-in');
    expect(fake.calls).to.deep.equal([`callback ${href}`]);
    const now = new URL(location.href);
    expect(now.searchParams.has('code')).to.equal(false);
    expect(now.searchParams.has('state')).to.equal(false);
    expect(now.searchParams.has('iss')).to.equal(false);
    expect(now.search).to.equal(new URL(original).search); // the page's own parameters stay
    expect(now.hash).to.equal('#keep');
  });

  it('returns to a same-origin returnTo on the same page', async () => {
    withCallback('code=abc&state=xyz');
    const fake = new FakeManager();
    const back = `${here()}?view=past#list`;
    fake.callbackUser = fakeUser({ state: { returnTo: back } });
    await setup({}, fake).auth.init();
    expect(location.href).to.equal(back);
  });

  it('a failed callback signs out with reason failed and still strips the URL', async () => {
    withCallback('error=access_denied&state=xyz');
    const fake = new FakeManager();
    fake.callbackError = new Error('access_denied');
    const { auth } = setup({}, fake);
    expect(await auth.init()).to.deep.equal({ status: 'signed-out', reason: 'failed' });
    expect(new URL(location.href).searchParams.has('error')).to.equal(false);
  });

  it('ignores code and state on a page that is not the redirect URI', async () => {
    withCallback('code=abc&state=xyz');
    const { auth, fake } = setup({ redirectUri: `${location.origin}/somewhere/else` });
    await auth.init();
    expect(fake.calls).to.deep.equal(['getUser']);
    expect(new URL(location.href).searchParams.get('code')).to.equal('abc');
  });

  it('signIn redirects with a same-origin returnTo only', async () => {
    const { auth, fake } = setup();
    await auth.signIn();
    expect(fake.signinArgs).to.deep.equal({ state: { returnTo: location.href } });
    await auth.signIn({ returnTo: '/min-side?tab=2' });
    expect(fake.signinArgs).to.deep.equal({ state: { returnTo: `${location.origin}/min-side?tab=2` } });
    await auth.signIn({ returnTo: 'https://evil.example/' });
    expect(fake.signinArgs).to.deep.equal({ state: { returnTo: location.href } });
    await auth.signIn({ returnTo: 'http://[' });
    expect(fake.signinArgs).to.deep.equal({ state: { returnTo: location.href } });
  });

  it('signOut removes the user, then ends the provider session with id_token_hint', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser();
    const { auth, seen } = setup({}, fake);
    await auth.init();
    await auth.signOut();
    expect(fake.calls).to.deep.equal(['getUser', 'getUser', 'removeUser', 'clearStaleState', 'metadata', 'signoutRedirect']);
    expect(fake.signoutArgs).to.deep.equal({ id_token_hint: 'idt-1' });
    expect(seen.at(-1)).to.deep.equal({ status: 'signed-out' });
    expect((await rejection(auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }))).kind).to.equal('auth');
  });

  it('signOut stays local without an end-session endpoint or with redirect: false', async () => {
    const fake = new FakeManager();
    fake.endSession = undefined;
    await setup({}, fake).auth.signOut();
    expect(fake.calls).to.deep.equal(['getUser', 'removeUser', 'clearStaleState', 'metadata']);
    const local = new FakeManager();
    await setup({}, local).auth.signOut({ redirect: false });
    expect(local.calls).to.deep.equal(['getUser', 'removeUser', 'clearStaleState']);
    const noToken = new FakeManager();
    await setup({}, noToken).auth.signOut();
    expect(noToken.signoutArgs).to.deep.equal({});
  });
});
