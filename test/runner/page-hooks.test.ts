import { expect } from '@open-wc/testing';

// This file does not import the page hooks itself (only dynamically, below): the runner's plugin
// must have loaded them before its code, as it does for every browser test file.
describe('the runner\'s page hooks', () => {
  it('are loaded before a test file\'s own code, and keep the page\'s progress', function () {
    const progress = globalThis.__omsorgProgress;
    expect(progress, 'window.__omsorgProgress').to.be.an('object');
    expect(progress?.test).to.equal(this.test?.fullTitle());
    expect(progress?.done).to.equal(undefined);
  });

  it('counts the tests that passed', async () => {
    const { pageProgress } = await import('./page-hooks.js');
    expect(pageProgress()).to.equal(globalThis.__omsorgProgress, 'one record, whichever way the module is reached');
    expect(pageProgress().passed).to.equal(1);
    expect(pageProgress().failed).to.equal(0);
  });

  it('makes a failure\'s values copyable for the runner, and leaves the rest as they are', async () => {
    const { reportable } = await import('./page-hooks.js');
    const el = document.createElement('omsorg-demo');
    el.setAttribute('thread-id', 'thr-1');
    el.textContent = 'x'.repeat(50);
    expect(reportable(el)).to.equal('<omsorg-demo thread-id="thr-1">');
    expect(reportable(document.createTextNode('t'))).to.equal('[#text]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(reportable(cyclic)).to.equal('[object Object]');
    expect(reportable(() => 1)).to.be.a('string');
    const big = { text: 'y'.repeat(20_001) };
    expect(reportable(big)).to.be.a('string').with.length(20_000).and.match(/^\{"text":"y/);
    const small = { items: [1, 2], at: new Date(0) };
    expect(reportable(small)).to.equal(small);
    for (const v of [null, undefined, 3, 'text', true]) expect(reportable(v)).to.equal(v);
    // What the runner does with the values: a copy must now succeed.
    for (const v of [el, cyclic, big, small]) expect(() => structuredClone(reportable(v))).not.to.throw();
    expect(() => structuredClone(el)).to.throw();
  });
});
