/** Who is calling: the SDK's mock auth sends `Authorization: Bearer mock-token-<person key>`. */
import { personKeys, type PersonKey } from '@omsorg/fixtures';

export const MOCK_TOKEN_PREFIX = 'mock-token-';

/**
 * The Authorization header value the mocks accept for `person`. With `authTime` (seconds since
 * the epoch) the token says when the person signed in (`mock-token-<key>.auth-<seconds>`), for
 * the step-up of relatives' access; without it the sign-in counts as just now.
 */
export const mockAuthorization = (person: PersonKey, o: { authTime?: number } = {}): string =>
  `Bearer ${MOCK_TOKEN_PREFIX}${person}${o.authTime === undefined ? '' : `.auth-${Math.floor(o.authTime)}`}`;

/** `authTime`: when the person signed in (undefined: just now, as far as the mocks know). */
export type AuthResult = { person: PersonKey; authTime?: Date } | { error: string; tokenGiven: boolean };

export function isPersonKey(value: unknown): value is PersonKey {
  return typeof value === 'string' && (personKeys as readonly string[]).includes(value);
}

/**
 * `Bearer|DPoP mock-token-<key>` names the person; any other well-formed token (a real token
 * from a development provider, say) signs in `fallback`. No header or a malformed one is a 401,
 * unless `requireAuth` is false (a cookie-based BFF sends no Authorization header).
 */
export function authenticate(header: string | null, fallback: PersonKey, requireAuth: boolean): AuthResult {
  if (!header) return requireAuth ? { error: 'No Authorization header.', tokenGiven: false } : { person: fallback };
  const match = /^(?:Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  const token = match?.[1];
  if (!token) return { error: 'Malformed Authorization header.', tokenGiven: true };
  if (token.startsWith(MOCK_TOKEN_PREFIX)) {
    const [key, auth] = token.slice(MOCK_TOKEN_PREFIX.length).split('.auth-', 2) as [string, string | undefined];
    if (!isPersonKey(key)) return { error: `Unknown mock person "${key}".`, tokenGiven: true };
    if (auth === undefined) return { person: key };
    return /^\d{1,12}$/.test(auth) ? { person: key, authTime: new Date(Number(auth) * 1000) } : { error: 'Malformed mock token.', tokenGiven: true };
  }
  return { person: fallback };
}
