import { expect } from '@open-wc/testing';
import { createBffAuth } from './bff-auth.js';
import { createClient } from '../client.js';
import { installClock, uninstallClock } from '../test/clock.js';
import { json, me, problem, rejection, tick, until } from '../test/fixtures.js';
import type { AuthState } from '../types.js';
import { openTabs, whoOf } from './tabs.js';

const USER = { sub: 'opaque-1', name: 'Ola Nordmann' };

/** A BFF stand-in: answers by path, records every request with its init. */
function fakeBff(routes: Record<string, (init: RequestInit) => Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const path = new URL(url, location.href).pathname;
    const answer = routes[path];
    return answer ? answer(init) : problem(404, 'urn:omsorg:problem:not-found');
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('BFF auth', () => {
  afterEach(() => uninstallClock());

  it('restores the session from the BFF: name and opaque id, no token anywhere', async () => {
    const exp = Date.now() + 30 * 60_000;
    const bff = fakeBff({ '/bff/session': () => json({ signedIn: true, user: USER, expiresAt: exp }) });
    const auth = createBffAuth({ fetch: bff.fetch });
    expect(auth.kind).to.equal('bff');
    expect(auth.state().status).to.equal('unknown');
    expect(await auth.init()).to.deep.equal({ status: 'signed-in', user: USER, expiresAt: exp });
    expect(bff.calls[0]!.init.credentials).to.equal('same-origin');
    expect(auth.apiBaseUrl).to.equal(`${location.origin}/bff/api`);
    expect(await auth.authorize({ method: 'POST', url: `${location.origin}/bff/api/v1/me` })).to.deep.equal({ 'X-Omsorg-Csrf': '1' });
    expect(JSON.stringify(sessionStorage) + JSON.stringify(localStorage)).not.to.match(/opaque-1|eyJ/);
  });

  it('signed out: authorize refuses with kind auth; sign-in navigates to the BFF with a same-origin return path', async () => {
    const bff = fakeBff({ '/bff/session': () => json({ signedIn: false }) });
    const went: string[] = [];
    const auth = createBffAuth({ fetch: bff.fetch, navigate: (u) => went.push(u) });
    expect((await auth.init()).status).to.equal('signed-out');
    expect((await rejection(auth.authorize({ method: 'GET', url: '/bff/api/v1/me' }))).kind).to.equal('auth');
    await auth.signIn({ returnTo: `${location.origin}/min-side?tab=2#x` });
    await auth.signIn({ returnTo: 'https://evil.example/steal' });
    expect(went).to.deep.equal([`/bff/login?returnTo=${encodeURIComponent('/min-side?tab=2')}`, `/bff/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`]);
  });

  it('a step-up sign-in sends max_age to the BFF; a maxAge outside the rules navigates nowhere', async () => {
    const bff = fakeBff({ '/bff/session': () => json({ signedIn: true, user: USER }) });
    const went: string[] = [];
    const auth = createBffAuth({ fetch: bff.fetch, navigate: (u) => went.push(u) });
    await auth.init();
    await auth.signIn({ returnTo: '/min-side', maxAge: 300 });
    await auth.signIn({ maxAge: 0 });
    for (const maxAge of [-1, 299.5, 3601]) {
      const err = await auth.signIn({ maxAge }).then(() => undefined, (e: unknown) => e);
      expect(err, String(maxAge)).to.be.instanceOf(RangeError);
    }
    const here = encodeURIComponent(location.pathname + location.search);
    expect(went).to.deep.equal([`/bff/login?returnTo=${encodeURIComponent('/min-side')}&max_age=300`, `/bff/login?returnTo=${here}&max_age=0`]);
  });

  it('a failed sign-in (omsorg-signin=failed) is reported once and taken out of the address bar', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1&omsorg-signin=failed`);
    try {
      const auth = createBffAuth({ fetch: fakeBff({ '/bff/session': () => json({ signedIn: false }) }).fetch });
      expect(await auth.init()).to.deep.equal({ status: 'signed-out', reason: 'failed' });
      expect(location.search).to.equal('?keep=1');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('sign-out POSTs with the CSRF header, is signed out at once, then POSTs the provider form it was given', async () => {
    let signedIn = true;
    const posted: [string, Record<string, string>][] = [];
    const bff = fakeBff({
      '/bff/session': () => json(signedIn ? { signedIn: true, user: USER } : { signedIn: false }),
      '/bff/logout': () => {
        signedIn = false;
        return json({ signedIn: false, endSession: { method: 'POST', url: 'https://op.example/logout', fields: { client_id: 'bff', post_logout_redirect_uri: 'https://x/' } } });
      },
    });
    const auth = createBffAuth({ fetch: bff.fetch, submitForm: (a, f) => posted.push([a, f]) });
    await auth.init();
    await auth.signOut();
    const call = bff.calls.find((c) => c.url.endsWith('/bff/logout'))!;
    expect(call.init.method).to.equal('POST');
    expect(new Headers(call.init.headers).get('X-Omsorg-Csrf')).to.equal('1');
    expect(auth.state()).to.deep.equal({ status: 'signed-out' });
    expect(posted).to.deep.equal([['https://op.example/logout', { client_id: 'bff', post_logout_redirect_uri: 'https://x/' }]]);
    await auth.signOut({ redirect: false });
    expect(posted.length).to.equal(1);
  });

  it('a 401 through its fetch signs out (expired); the client wipes and says so', async () => {
    const bff = fakeBff({
      '/bff/session': () => json({ signedIn: true, user: USER }),
      '/bff/api/v1/me': () => problem(401, 'urn:omsorg:problem:unauthorized'),
    });
    const auth = createBffAuth({ fetch: bff.fetch });
    await auth.init();
    const client = createClient({ baseUrl: auth.apiBaseUrl, auth, fetch: auth.fetch, retry: { retries: 0 } });
    const states: AuthState[] = [];
    client.on('auth-changed', (s) => states.push(s));
    expect((await rejection(client.me())).kind).to.equal('auth');
    await until(() => auth.state().status === 'signed-out');
    expect(auth.state()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    expect(states.at(-1)?.reason).to.equal('expired');
    const sent = bff.calls.find((c) => c.url.endsWith('/v1/me'))!;
    expect(sent.init.credentials).to.equal('same-origin');
    expect(new Headers(sent.init.headers).has('Authorization')).to.equal(false);
  });

  it('follows the session end the proxy reports, and at the end asks the BFF: signed out when it is over (fake clock)', async () => {
    const clock = installClock();
    let exp = Date.now() + 10 * 60_000;
    let live = true;
    // The session answer settles in microtasks only (a real Response's body is read on the
    // engine's own schedule), so a timer fired by the fake clock is done after one real tick.
    const answer = (body: unknown) => ({ ok: true, status: 200, headers: new Headers(), json: async () => body }) as unknown as Response;
    const bff = fakeBff({
      '/bff/session': () => answer(live ? { signedIn: true, user: USER, expiresAt: exp } : { signedIn: false }),
      '/bff/api/v1/me': () => json(me(), 200, { 'X-Omsorg-Session-Expires': String(exp) }),
    });
    const auth = createBffAuth({ fetch: bff.fetch });
    await auth.init();
    exp += 20 * 60_000; // activity moved the idle limit
    const client = createClient({ baseUrl: auth.apiBaseUrl, auth, fetch: auth.fetch });
    await client.me();
    expect(auth.state().expiresAt).to.equal(exp);
    clock.tick(10 * 60_000 + 1);
    await tick();
    expect(auth.state().status).to.equal('signed-in');
    const asked = bff.calls.filter((c) => c.url.endsWith('/bff/session')).length;
    live = false;
    clock.tick(20 * 60_000);
    await tick();
    await tick();
    expect(bff.calls.filter((c) => c.url.endsWith('/bff/session')).length).to.equal(asked + 1);
    expect(auth.state()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
  });

  it('refuses a BFF on another origin', () => {
    expect(() => createBffAuth({ base: 'https://elsewhere.example/bff' })).to.throw(/own origin/);
  });
});

describe('BFF auth: the tabs of a page share one session', () => {
  const channel = () => `test bff tabs ${Math.random()}`;
  /** Resolves with the next state an auth reports. */
  const next = (auth: { onChange(l: (s: AuthState) => void): () => void }) =>
    new Promise<AuthState>((resolve) => {
      const off = auth.onChange((s) => (off(), resolve(s)));
    });
  /** One tab: its own fake BFF answering with whoever holds the (shared) cookie now. */
  async function tab(tabChannel: string, who: () => { sub: string; name: string } | null) {
    const bff = fakeBff({
      '/bff/session': () => {
        const u = who();
        return json(u ? { signedIn: true, user: u } : { signedIn: false });
      },
      '/bff/logout': () => json({ signedIn: false }),
      '/bff/api/v1/me': () => (who() ? json(me()) : problem(401, 'urn:omsorg:problem:unauthorized')),
    });
    const auth = createBffAuth({ fetch: bff.fetch, tabChannel });
    await auth.init();
    return { auth, bff, sessionAsks: () => bff.calls.filter((c) => c.url.endsWith('/bff/session')).length };
  }

  it('a sign-out in one tab signs the other tabs out at once, without waiting for a call', async () => {
    const name = channel();
    let holder: typeof USER | null = USER;
    const a = await tab(name, () => holder);
    const b = await tab(name, () => holder);
    expect(b.auth.state().status).to.equal('signed-in');
    const asked = b.sessionAsks();
    const bChanged = next(b.auth);
    holder = null;
    await a.auth.signOut({ redirect: false });
    expect(await bChanged).to.deep.equal({ status: 'signed-out' });
    expect(b.sessionAsks(), 'the news is enough: no round trip').to.equal(asked);
  });

  it('a session that ends with a 401 in one tab clears the others', async () => {
    const name = channel();
    let holder: typeof USER | null = USER;
    const a = await tab(name, () => holder);
    const b = await tab(name, () => holder);
    const bChanged = next(b.auth);
    holder = null;
    const client = createClient({ baseUrl: a.auth.apiBaseUrl, auth: a.auth, fetch: a.auth.fetch, retry: { retries: 0 } });
    expect((await rejection(client.me())).kind).to.equal('auth');
    expect((await bChanged).status).to.equal('signed-out');
  });

  it('a sign-in as another person in one tab clears the others, which then show that person; the same person changes nothing', async () => {
    const name = channel();
    let holder: { sub: string; name: string } | null = USER;
    const b = await tab(name, () => holder);
    const other = openTabs(name, () => {});
    // The same person (a second tab restoring the session): b stays as it is. A marker no tab
    // acts on follows the news: once the probe has it, b has had the news too.
    const probe = new BroadcastChannel(name);
    const pinged = new Promise<void>((resolve) => (probe.onmessage = (e) => e.data?.type === 'ping' && resolve()));
    other.tell({ type: 'signed-in', who: await whoOf(USER.sub) });
    (other as unknown as { tell(x: unknown): void }).tell({ type: 'ping' });
    await pinged;
    await whoOf('x'); // b compares digests asynchronously
    await tick();
    expect(b.auth.state()).to.deep.equal({ status: 'signed-in', user: USER });
    probe.close();

    const PER = { sub: 'opaque-2', name: 'Per Hansen' };
    const seen: AuthState[] = [];
    b.auth.onChange((s) => seen.push(s));
    holder = PER;
    other.tell({ type: 'signed-in', who: await whoOf(PER.sub) });
    await until(() => seen.length >= 2);
    expect(seen).to.deep.equal([{ status: 'signed-out' }, { status: 'signed-in', user: PER }]);
    other.close();
  });
});
