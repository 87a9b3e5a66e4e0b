/**
 * A sign-in again with a maximum age (a step-up, OpenID Connect Core 3.1.2.1 `max_age` with
 * `prompt=login`): which ages may be asked for, and whether a sign-in's `auth_time` meets one.
 * The SDK's sign-in modes check both before and after the provider; the BFF checks both too.
 */

export const signInLimits = {
  /** The largest `maxAge` a sign-in may ask for, in seconds (a step-up is about minutes). */
  maxAgeSeconds: 3600,
  /** How far the provider's clock and ours may differ, in seconds (openid-client's default). */
  clockLeewaySeconds: 30,
} as const;

/** A `maxAge` a sign-in may ask for: a whole number of seconds from 0 to `signInLimits.maxAgeSeconds`. */
export function isSignInMaxAge(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= signInLimits.maxAgeSeconds;
}

/**
 * True when a sign-in at `authTime` (seconds since the epoch, the ID token's `auth_time`) is at
 * most `maxAge` seconds old at `now`, within the clock leeway either way (a sign-in from further
 * in the future is refused too). A missing or malformed `auth_time` is never recent enough.
 */
export function isSignedInWithin(authTime: unknown, maxAge: number, now: Date): boolean {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return false;
  const age = now.getTime() / 1000 - authTime;
  return age <= maxAge + signInLimits.clockLeewaySeconds && age >= -signInLimits.clockLeewaySeconds;
}
