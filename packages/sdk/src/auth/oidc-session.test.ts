/**
 * What the browser-only sign-in keeps (only `sub`, the name and a DPoP-bound token), the end of
 * a session at expiry without a call (on a fake clock), and sign-out across the tabs of a page.
 */
import { expect } from '@open-wc/testing';
import { createClient } from '../client.js';
import { installClock, realSetTimeout, uninstallClock } from '../test/clock.js';
import { FakeManager, fakeUser, setup } from '../test/oidc-fake.js';
import type { AuthState } from '../types.js';
import { keptUser, MemoryDPoPStore } from './oidc-stores.js';
import { openTabs, whoOf } from './tabs.js';

const JWT = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;
const PID = /\d{11}/;

const fullUser = (o: Record<string, unknown> = {}) => ({
  id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzIiwicGlkIjoiMTIzNDU2Nzg5MDEifQ.c2lnbmF0dXJlLWJ5dGVz',
  session_state: 'ss',
  access_token: 'at-dpop',
  refresh_token: 'rt',
  token_type: 'DPoP',
  scope: 'openid profile',
  profile: { sub: 'psn-1', name: 'Ola Nordmann', pid: '12345678901', amr: ['TestID'], acr: 'idporten-loa-high' },
  expires_at: 2_000_000_000,
  ...o,
});

describe('oidc auth: what is stored', () => {
  it('keeps only the DPoP-bound access token, its expiry and scope, sub and the name', () => {
    const kept = keptUser(JSON.stringify(fullUser()), true)!;
    expect(JSON.parse(kept)).to.deep.equal({
      access_token: 'at-dpop',
      token_type: 'DPoP',
      scope: 'openid profile',
      expires_at: 2_000_000_000,
      profile: { sub: 'psn-1', name: 'Ola Nordmann' },
    });
    expect(kept).to.not.match(JWT);
    expect(kept).to.not.match(PID);
  });

  it('builds the name from given and family name', () => {
    const kept = keptUser(JSON.stringify(fullUser({ profile: { sub: 's', given_name: 'Kari', family_name: 'Nordmann', pid: '12345678901' } })), true)!;
    expect(JSON.parse(kept).profile).to.deep.equal({ sub: 's', name: 'Kari Nordmann' });
  });

  it('stores nothing for a bearer token, without persistence, or for what is not a user', () => {
    expect(keptUser(JSON.stringify(fullUser({ token_type: 'Bearer' })), true)).to.equal(undefined);
    expect(keptUser(JSON.stringify(fullUser()), false)).to.equal(undefined);
    expect(keptUser(JSON.stringify(fullUser({ profile: {} })), true)).to.equal(undefined);
    expect(keptUser('{"access_token":', true)).to.equal(undefined);
    expect(keptUser('null', true)).to.equal(undefined);
  });

  it('writes the kept part through the settings’ userStore and clears it on expiry', async () => {
    const { auth, settings } = setup({ dpop: true });
    await auth.init();
    const store = settings().userStore!;
    await store.set('user:probe', JSON.stringify(fullUser()));
    const raw = sessionStorage.getItem('oidc.user:probe')!;
    expect(raw).to.not.match(JWT);
    expect(raw).to.not.match(PID);
    await store.set('user:probe', JSON.stringify(fullUser({ token_type: 'Bearer' })));
    expect(sessionStorage.getItem('oidc.user:probe'), 'a bearer token replaces nothing with itself').to.equal(null);
  });

  it('holds no ID token and no claims but sub and the name in memory after the callback', async () => {
    const fake = new FakeManager();
    fake.user = fakeUser({ id_token: 'idt', profile: { sub: 'psn-1', name: 'Ola', pid: '12345678901' } });
    const { auth } = setup({}, fake);
    await auth.init();
    expect(fake.user!.id_token).to.equal(undefined);
    expect(fake.user!.profile).to.deep.equal({ sub: 'psn-1', name: 'Ola' });
  });

  it('a memory DPoP store answers like oidc-client-ts’s own: undefined when empty', async () => {
    const keys = new MemoryDPoPStore();
    expect(await keys.get('c')).to.equal(undefined);
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    await keys.set('c', { keys: pair });
    expect(await keys.getAllKeys()).to.deep.equal(['c']);
    expect((await keys.get('c')).keys.privateKey.extractable).to.equal(false);
    expect((await keys.remove('c')).keys).to.equal(pair);
    expect(await keys.getAllKeys()).to.deep.equal([]);
  });
});

describe('oidc auth: the end of a session', () => {
  afterEach(() => uninstallClock());

  it('signs out with reason expired when the access token expires, without a call', async () => {
    const clock = installClock();
    const fake = new FakeManager();
    const expiresAt = Math.ceil(clock.now() / 1000) * 1000 + 60_000;
    fake.user = fakeUser({ expires_at: expiresAt / 1000 });
    const { auth, seen, settings } = setup({ dpop: true }, fake);
    expect((await auth.init()).status).to.equal('signed-in');
    await settings().userStore!.set('user:x', JSON.stringify(fullUser()));
    clock.tick(expiresAt - clock.now() - 1);
    expect(auth.state().status).to.equal('signed-in');
    clock.tick(1);
    expect(auth.state()).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    expect(seen.map((s) => s.status)).to.deep.equal(['signed-in', 'signed-out']);
    expect(fake.calls).to.deep.equal(['getUser'], 'no call, no token use');
    await new Promise((r) => realSetTimeout(r, 0)); // the store's removal is asynchronous
    expect(sessionStorage.getItem('oidc.user:x'), 'the stored token is dropped').to.equal(null);
  });

  it('through the client: the warning first (drafts are saved then), then the page is cleared at expiry, no request made', async () => {
    const clock = installClock();
    const fake = new FakeManager();
    const expiresAt = Math.ceil(clock.now() / 1000) * 1000 + 600_000;
    fake.user = fakeUser({ expires_at: expiresAt / 1000 });
    const { auth } = setup({}, fake);
    await auth.init();
    const requests: string[] = [];
    const client = createClient({ baseUrl: 'https://api.test', auth, fetch: async (input) => (requests.push(String(input)), new Response(null, { status: 500 })) });
    const events: string[] = [];
    client.on('session-expiring', () => events.push('warning'));
    client.on('cleared', () => events.push('cleared'));
    client.on('auth-changed', (s) => events.push(`${s.status}${s.reason ? `/${s.reason}` : ''}`));
    clock.tick(expiresAt - 120_000 - clock.now());
    expect(events).to.deep.equal(['warning']);
    clock.tick(120_000);
    expect(events).to.deep.equal(['warning', 'cleared', 'signed-out/expired']);
    expect(requests).to.deep.equal([]);
  });

  it('a new session plans its own end; a sign-out cancels the plan', async () => {
    const clock = installClock();
    const fake = new FakeManager();
    fake.user = fakeUser({ expires_at: Math.floor(clock.now() / 1000) + 3600 });
    const { auth } = setup({}, fake);
    await auth.init();
    expect(clock.pending()).to.have.length(1);
    await auth.signOut({ redirect: false });
    expect(clock.pending()).to.deep.equal([]);
  });
});

describe('oidc auth: other tabs', () => {
  const channel = () => `test tabs ${Math.random()}`;
  /** Resolves with the next state an auth reports. */
  const next = (auth: { onChange(l: (s: AuthState) => void): () => void }) =>
    new Promise<AuthState>((resolve) => {
      const off = auth.onChange((s) => (off(), resolve(s)));
    });

  async function signedIn(tabChannel: string, sub = 'psn-1') {
    const fake = new FakeManager();
    fake.user = fakeUser({ profile: { sub, name: sub } });
    const tab = setup({ tabChannel }, fake);
    await tab.auth.init();
    return tab;
  }

  it('a sign-out in one tab signs the other tabs out (local only: no second provider round trip)', async () => {
    const name = channel();
    const a = await signedIn(name);
    const b = await signedIn(name);
    const bChanged = next(b.auth);
    await a.auth.signOut({ redirect: false });
    expect(await bChanged).to.deep.equal({ status: 'signed-out' });
    expect(b.fake.calls).to.deep.equal(['getUser']);
  });

  it('a sign-in as another person signs this tab out; the same person does not', async () => {
    const name = channel();
    const b = await signedIn(name, 'psn-ola');
    const other = openTabs(name, () => {});
    const probe = new BroadcastChannel(name);
    const pinged = new Promise<void>((resolve) => (probe.onmessage = (e) => e.data?.type === 'ping' && resolve()));
    other.tell({ type: 'signed-in', who: await whoOf('psn-ola') });
    // A marker no tab acts on, delivered after the news: once the probe has it, b has the news.
    (other as unknown as { tell(x: unknown): void }).tell({ type: 'ping' });
    await pinged;
    await whoOf('x'); // b compares digests asynchronously
    await new Promise((r) => realSetTimeout(r, 0));
    expect(b.auth.state().status, 'the same person in another tab').to.equal('signed-in');
    probe.close();

    const c = await signedIn(name, 'psn-ola');
    const cChanged = next(c.auth);
    other.tell({ type: 'signed-in', who: await whoOf('psn-per') });
    expect(await cChanged).to.deep.equal({ status: 'signed-out' });
    other.close();
  });

  it('the news carries no personal data', async () => {
    const name = channel();
    const raw: unknown[] = [];
    const rawChannel = new BroadcastChannel(name);
    const got = new Promise<void>((resolve) => (rawChannel.onmessage = (e) => (raw.push(e.data), resolve())));
    const a = await signedIn(name, 'psn-ola');
    await a.auth.signOut({ redirect: false });
    await got;
    expect(raw).to.deep.equal([{ type: 'signed-out' }]);
    expect(await whoOf('psn-ola')).to.match(/^[\w-]{43}$/).and.not.include('ola');
    rawChannel.close();
  });
});
