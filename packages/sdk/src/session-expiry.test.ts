/** The session-expiry warning: planned from the auth state, moved by sign-in, cancelled by sign-out. */
import { expect } from '@open-wc/testing';
import { createMockAuth } from './auth/mock-auth.js';
import { installClock, uninstallClock } from './test/clock.js';
import { json, me, stubAuth, tick } from './test/fixtures.js';
import { setup } from './test/client-setup.js';

describe('client: session expiry warning', () => {
  afterEach(() => uninstallClock());

  it('emits session-expiring expiryWarningMs before expiresAt', async () => {
    const auth = createMockAuth({ signedIn: true, expiresInMs: 60_000, persist: false });
    const { client } = setup(() => json(me()), { auth, expiryWarningMs: 59_990 });
    const got = await new Promise<{ expiresAt: number }>((resolve) => client.on('session-expiring', resolve));
    expect(got.expiresAt).to.equal(auth.state().expiresAt);
  });

  it('schedules on sign-in and fires at once when already inside the warning window', async () => {
    const auth = createMockAuth({ signedIn: false, expiresInMs: 60_000, persist: false });
    const { client, rec } = setup(() => json(me()), { auth });
    await auth.signIn();
    await tick();
    expect(rec.of('session-expiring')).to.deep.equal([{ expiresAt: auth.state().expiresAt! }]);
  });

  it('warns a listener that subscribes right after creation inside the warning window', async () => {
    const auth = createMockAuth({ signedIn: true, expiresInMs: 60_000, persist: false });
    const { client } = setup(() => json(me()), { auth }); // default window: 120 s > 60 s left
    const got = await new Promise<{ expiresAt: number }>((resolve) => client.on('session-expiring', resolve));
    expect(got.expiresAt).to.equal(auth.state().expiresAt);
  });

  it('is cancelled by sign-out', async () => {
    // On a fake clock the 20 ms warning timer cannot fire before the sign-out, however slow the machine.
    const clock = installClock();
    const auth = createMockAuth({ signedIn: true, expiresInMs: 60_000, persist: false });
    const { client, rec } = setup(() => json(me()), { auth, expiryWarningMs: 59_980 });
    expect(clock.pending()).to.deep.equal([20]);
    await client.signOut();
    expect(clock.pending(), 'the warning timer is cleared').to.deep.equal([]);
    clock.tick(60);
    expect(rec.of('session-expiring')).to.have.length(0);
  });

  it('does not warn for a session that has already expired or has no expiry', async () => {
    const past = stubAuth({ status: 'signed-in', user: { sub: 'x', name: 'X' }, expiresAt: Date.now() - 1 });
    const none = stubAuth({ status: 'signed-in', user: { sub: 'x', name: 'X' } });
    const a = setup(() => json(me()), { auth: past });
    const b = setup(() => json(me()), { auth: none });
    await tick();
    expect(a.rec.of('session-expiring')).to.have.length(0);
    expect(b.rec.of('session-expiring')).to.have.length(0);
  });
});
