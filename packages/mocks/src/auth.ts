/** Who is calling: the SDK's mock auth sends `Authorization: Bearer mock-token-<person key>`. */
import { personKeys, type PersonKey } from '@omsorg/fixtures';

export const MOCK_TOKEN_PREFIX = 'mock-token-';

/** The Authorization header value the mocks accept for `person`. */
export const mockAuthorization = (person: PersonKey): string => `Bearer ${MOCK_TOKEN_PREFIX}${person}`;

export type AuthResult = { person: PersonKey } | { error: string; tokenGiven: boolean };

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
    const key = token.slice(MOCK_TOKEN_PREFIX.length);
    return isPersonKey(key) ? { person: key } : { error: `Unknown mock person "${key}".`, tokenGiven: true };
  }
  return { person: fallback };
}
