import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { json, me, problem, rejection, tick } from './test/fixtures.js';
import { cancelInput, setup } from './test/client-setup.js';
import { createMockAuth } from './auth/mock-auth.js';

describe('client: abort', () => {
  it('rejects at once with aborted when the signal is already aborted', async () => {
    const { client, calls } = setup(() => json(me()));
    const err = await rejection(client.me({ signal: AbortSignal.abort() }));
    expect(err.kind).to.equal('aborted');
    expect(calls).to.have.length(0);
  });

  it('already aborted while signed out: the refused authorize it started is not an unhandled rejection on the page', async () => {
    const { client, calls } = setup(() => json(me()), {
      auth: createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: false, persist: false }),
    });
    const unhandled: unknown[] = [];
    const listener = (e: PromiseRejectionEvent) => {
      unhandled.push(e.reason);
      e.preventDefault();
    };
    window.addEventListener('unhandledrejection', listener);
    try {
      // A read that goes straight to the HTTP layer (no cache in front that checks the signal first).
      const err = await rejection(client.getDialogueConsent('me', { signal: AbortSignal.abort() }));
      expect(err.kind).to.equal('aborted');
      // Unhandled rejections are reported after the microtasks of the task that made them.
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
      expect(unhandled).to.deep.equal([]);
      expect(calls).to.have.length(0);
    } finally {
      window.removeEventListener('unhandledrejection', listener);
    }
  });

  it('stops an in-flight fetch that never answers', async () => {
    const { client, calls } = setup(() => new Promise<Response>(() => {}));
    const ctl = new AbortController();
    const p = client.getAppointment('me', 'a1', { signal: ctl.signal });
    await tick();
    ctl.abort();
    expect((await rejection(p)).kind).to.equal('aborted');
    expect(calls[0]!.signal?.aborted).to.equal(true);
  });

  it('stops waiting between retries', async () => {
    const { client, calls } = setup(() => problem(503, problemTypes.unavailable, {}, { 'retry-after': '60' }), {
      retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 60_000 },
    });
    const ctl = new AbortController();
    const p = client.cancelAppointment(cancelInput(), { signal: ctl.signal });
    await tick();
    await tick();
    ctl.abort();
    expect((await rejection(p)).kind).to.equal('aborted');
    expect(calls).to.have.length(1);
  });
});
