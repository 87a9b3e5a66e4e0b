import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { json, me, problem, rejection, tick } from './test/fixtures.js';
import { cancelInput, setup } from './test/client-setup.js';

describe('client: abort', () => {
  it('rejects at once with aborted when the signal is already aborted', async () => {
    const { client, calls } = setup(() => json(me()));
    const err = await rejection(client.me({ signal: AbortSignal.abort() }));
    expect(err.kind).to.equal('aborted');
    expect(calls).to.have.length(0);
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
