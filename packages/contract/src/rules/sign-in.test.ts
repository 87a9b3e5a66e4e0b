import { expect } from '@open-wc/testing';
import { isSignedInWithin, isSignInMaxAge, signInLimits } from './sign-in.js';

describe('rules: sign-in with a maximum age', () => {
  it('a max age is a whole number of seconds from 0 to an hour', () => {
    for (const ok of [0, 1, 300, signInLimits.maxAgeSeconds]) expect(isSignInMaxAge(ok), String(ok)).to.equal(true);
    for (const bad of [-1, 0.5, 3601, Number.NaN, Infinity, '300', null, undefined]) expect(isSignInMaxAge(bad), String(bad)).to.equal(false);
  });

  it('an auth_time within the max age (and the clock leeway) is recent enough; older, from the future or missing is not', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const at = (secondsAgo: number) => now.getTime() / 1000 - secondsAgo;
    expect(isSignedInWithin(at(0), 300, now)).to.equal(true);
    expect(isSignedInWithin(at(300 + signInLimits.clockLeewaySeconds), 300, now)).to.equal(true);
    expect(isSignedInWithin(at(301 + signInLimits.clockLeewaySeconds), 300, now)).to.equal(false);
    expect(isSignedInWithin(at(600), 300, now)).to.equal(false);
    expect(isSignedInWithin(at(-signInLimits.clockLeewaySeconds), 300, now)).to.equal(true);
    expect(isSignedInWithin(at(-signInLimits.clockLeewaySeconds - 1), 300, now), 'from the future').to.equal(false);
    expect(isSignedInWithin(at(5), 0, now), 'max_age=0: just now, within the leeway').to.equal(true);
    for (const missing of [undefined, null, '1764756000', Number.NaN]) expect(isSignedInWithin(missing, 300, now), String(missing)).to.equal(false);
  });
});
