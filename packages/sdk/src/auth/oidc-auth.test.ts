import { expect } from '@open-wc/testing';
import { createOidcAuth } from './oidc-auth.js';
import { KeptUserStore, MemoryDPoPStore } from './oidc-stores.js';
import { rejection } from '../test/fixtures.js';
import { FakeManager, fakeUser, here, setup } from '../test/oidc-fake.js';

// These tests drive createOidcAuth against a fake UserManager (plus one run of the real one
// without network); the real redirect flow against the sandbox's provider is in test/e2e.

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

  it('keeps state and (by default) the kept part of the user in sessionStorage, never localStorage', async () => {
    const oidc = await import('oidc-client-ts');
    const before = localStorage.length;
    const { auth, settings } = setup();
    await auth.init();
    const s = settings();
    expect(s.stateStore).to.be.instanceOf(oidc.WebStorageStateStore);
    expect(s.userStore).to.be.instanceOf(KeptUserStore);
    await s.stateStore!.set('probe', '1');
    const user = { id_token: 'idt', access_token: 'at', token_type: 'DPoP', profile: { sub: 's', name: 'N', pid: '12345678901' }, expires_at: 9 };
    await s.userStore!.set('probe2', JSON.stringify(user));
    expect(sessionStorage.getItem('oidc.probe')).to.equal('1');
    expect(JSON.parse(sessionStorage.getItem('oidc.probe2')!)).to.deep.equal({ access_token: 'at', token_type: 'DPoP', expires_at: 9, profile: { sub: 's', name: 'N' } });
    await s.stateStore!.remove('probe');
    await s.userStore!.remove('probe2');
    expect(localStorage.length).to.equal(before);
  });

  it('stores no user and keeps the DPoP key in memory with storage: memory; passes resource, acrValues and DPoP', async () => {
    const { auth, settings } = setup({ storage: 'memory', resource: 'https://api.test', acrValues: 'idporten-loa-substantial', dpop: true });
    await auth.init();
    const s = settings();
    await s.userStore!.set('probe', JSON.stringify({ access_token: 'at', token_type: 'DPoP', profile: { sub: 's' } }));
    expect(sessionStorage.getItem('oidc.probe')).to.equal(null);
    expect(await s.userStore!.get('probe')).to.equal(undefined);
    expect(s.resource).to.equal('https://api.test');
    expect(s.extraTokenParams).to.deep.equal({ resource: 'https://api.test' });
    expect(s.acr_values).to.equal('idporten-loa-substantial');
    expect(s.dpop?.bind_authorization_code).to.equal(true);
    expect(s.dpop?.store).to.be.instanceOf(MemoryDPoPStore);
  });

  it('keeps the DPoP key in IndexedDB with the default storage (a reload keeps the session)', async () => {
    const oidc = await import('oidc-client-ts');
    const { auth, settings } = setup({ dpop: true });
    await auth.init();
    expect(settings().dpop?.store).to.be.instanceOf(oidc.IndexedDbDPoPStore);
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
    const state = () => (fake.signinArgs as { state: unknown }).state;
    await auth.signIn();
    expect(state()).to.deep.equal({ returnTo: location.href });
    await auth.signIn({ returnTo: '/min-side?tab=2' });
    expect(state()).to.deep.equal({ returnTo: `${location.origin}/min-side?tab=2` });
    await auth.signIn({ returnTo: 'https://evil.example/' });
    expect(state()).to.deep.equal({ returnTo: location.href });
    await auth.signIn({ returnTo: 'http://[' });
    expect(state()).to.deep.equal({ returnTo: location.href });
  });

  it('signIn sends a fresh nonce each time (oidc-client-ts keeps it in the state and checks the ID token against it)', async () => {
    const { auth, fake } = setup();
    const nonce = () => (fake.signinArgs as { nonce?: string }).nonce;
    await auth.signIn();
    const first = nonce();
    await auth.signIn();
    expect(first).to.match(/^[\w-]{43}$/);
    expect(nonce()).to.match(/^[\w-]{43}$/);
    expect(nonce()).to.not.equal(first);
  });

  it('a step-up sign-in asks for a new authentication: max_age and prompt=login, the max age kept in the sign-in state', async () => {
    const { auth, fake } = setup();
    await auth.signIn({ returnTo: '/min-side', maxAge: 300 });
    const args = fake.signinArgs as { state: unknown; max_age?: number; prompt?: string; nonce?: string };
    expect(args.state).to.deep.equal({ returnTo: `${location.origin}/min-side`, maxAge: 300 });
    expect(args.max_age).to.equal(300);
    expect(args.prompt).to.equal('login');
    expect(args.nonce).to.match(/^[\w-]{43}$/);
    await auth.signIn();
    expect(fake.signinArgs).to.not.have.any.keys('max_age', 'prompt');
    for (const maxAge of [-1, 0.5, 3601]) {
      const err = await auth.signIn({ maxAge }).then(() => undefined, (e: unknown) => e);
      expect(err, String(maxAge)).to.be.instanceOf(RangeError);
    }
    expect(fake.calls.filter((c) => c === 'signinRedirect')).to.have.length(2);
  });

  describe('the callback of a step-up checks auth_time against max_age (oidc-client-ts does not)', () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const idToken = (claims: object) => `${b64({ alg: 'RS256' })}.${b64({ sub: 'pairwise-1', ...claims })}.sig`;
    const now = () => Math.floor(Date.now() / 1000);
    const callback = async (claims: object, state: object = { returnTo: location.href, maxAge: 300 }) => {
      withCallback('code=abc&state=xyz');
      const fake = new FakeManager();
      fake.callbackUser = fakeUser({ id_token: idToken(claims), state });
      const { auth } = setup({}, fake);
      return { state: await auth.init(), fake, auth };
    };

    it('a fresh auth_time: signed in, the ID token dropped as always', async () => {
      const { state, fake } = await callback({ auth_time: now() - 20 });
      expect(state.status).to.equal('signed-in');
      expect(fake.calls).to.not.include('removeUser');
      expect(new URL(location.href).searchParams.has('code')).to.equal(false);
    });

    it('an auth_time older than max_age, or none: a failed sign-in, the new user removed, nothing authorized', async () => {
      for (const claims of [{ auth_time: now() - 3600 }, {}, { auth_time: 'yesterday' }]) {
        const { state, fake, auth } = await callback(claims);
        expect(state, JSON.stringify(claims)).to.deep.equal({ status: 'signed-out', reason: 'failed' });
        expect(fake.calls).to.include('removeUser');
        expect((await rejection(auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }))).kind).to.equal('auth');
        expect(new URL(location.href).searchParams.has('code')).to.equal(false);
      }
    });

    it('an ordinary sign-in is not held to a max age', async () => {
      const { state } = await callback({ auth_time: now() - 3600 }, { returnTo: location.href });
      expect(state.status).to.equal('signed-in');
    });
  });

  it('signOut removes the user, then ends the provider session without an ID token in the URL', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser();
    const { auth, seen } = setup({ postLogoutRedirectUri: `${location.origin}/bye` }, fake);
    await auth.init();
    await auth.signOut();
    expect(fake.calls).to.deep.equal(['getUser', 'removeUser', 'clearStaleState', 'metadata', 'signoutRedirect']);
    // oidc-client-ts adds client_id with post_logout_redirect_uri when there is no id_token_hint.
    expect(fake.signoutArgs).to.deep.equal({});
    expect(seen.at(-1)).to.deep.equal({ status: 'signed-out' });
    expect((await rejection(auth.authorize({ method: 'GET', url: 'https://api.test/v1/me' }))).kind).to.equal('auth');
  });

  it('signOut stays local without an end-session endpoint or with redirect: false', async () => {
    const fake = new FakeManager();
    fake.endSession = undefined;
    await setup({}, fake).auth.signOut();
    expect(fake.calls).to.deep.equal(['removeUser', 'clearStaleState', 'metadata']);
    const local = new FakeManager();
    await setup({}, local).auth.signOut({ redirect: false });
    expect(local.calls).to.deep.equal(['removeUser', 'clearStaleState']);
    // Without a post-logout redirect URI, client_id names the client (still no ID token).
    const noReturn = new FakeManager();
    await setup({}, noReturn).auth.signOut();
    expect(noReturn.signoutArgs).to.deep.equal({ extraQueryParams: { client_id: 'omsorg' } });
  });
});
