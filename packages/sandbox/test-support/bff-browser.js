// @ts-check
/**
 * A browser stand-in for tests of the backend-for-frontend (@omsorg/bff) in the sandbox: a cookie
 * jar that keeps every response the "browser" sees (so a test can scan them all for tokens and
 * identity numbers), manual redirects, a sign-in through /bff/login and the provider's login
 * page, and same-origin API calls with the CSRF header on writes.
 */

/** @typedef {{ url: string, status: number, headers: [string, string][], body: string }} Seen */

/**
 * A browser stand-in for one origin: cookies (with their attributes), manual redirects, and a
 * record of everything it received.
 * @param {string} origin
 * @param {typeof fetch} [fetch] how requests are sent (default the global fetch), e.g. over
 *   connections pinned to one instance each; it must give real `Response`s (`getSetCookie`)
 */
export function browser(origin, fetch = globalThis.fetch) {
  /** @type {Map<string, { value: string, attrs: string }>} */
  const jar = new Map();
  /** @type {Seen[]} */
  const seen = [];
  /** @type {string[]} */
  const setCookies = [];

  /** @param {string | URL} url @param {RequestInit & { follow?: boolean }} [init] */
  async function go(url, init = {}) {
    let u = new URL(url, origin);
    let res;
    let opts = init;
    for (let hop = 0; hop < 15; hop++) {
      const headers = new Headers(opts.headers);
      const c = [...jar].map(([k, v]) => `${k}=${v.value}`).join('; ');
      if (c) headers.set('Cookie', c);
      res = await fetch(u, { ...opts, headers, redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        setCookies.push(line);
        const [pair = '', ...attrs] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (!value || /max-age=0/i.test(line)) jar.delete(name);
        else jar.set(name, { value, attrs: attrs.join(';') });
      }
      const body = res.status >= 300 && res.status < 400 ? '' : await res.text();
      seen.push({ url: u.href, status: res.status, headers: [...res.headers], body });
      const location = res.headers.get('location');
      if (init.follow === false || !location || res.status < 300 || res.status >= 400) return { res, body, url: u };
      u = new URL(location, u);
      opts = {};
    }
    throw new Error('too many redirects');
  }

  /**
   * Signs in through the BFF: /bff/login, the provider's login page, the person's form, back.
   * @param {string} personId
   * @param {string} [returnTo]
   */
  async function signIn(personId, returnTo = '/') {
    const login = await go(`/bff/login?returnTo=${encodeURIComponent(returnTo)}`);
    const form = [...login.body.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[2]?.includes(`value="${personId}"`));
    if (!form) throw new Error(`no login form for ${personId} at ${login.url} (${login.res.status})`);
    return go(new URL(String(form[1]).replace(/&amp;/g, '&'), login.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ person: personId }).toString(),
    });
  }

  /** A fetch from the page: same origin, the CSRF header on writes. @param {string} path @param {RequestInit & { csrf?: boolean }} [init] */
  function api(path, init = {}) {
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && init.csrf !== false) {
      headers.set('X-Omsorg-Csrf', '1');
      headers.set('Origin', origin);
    }
    return go(path, { ...init, headers, follow: false });
  }

  return { go, signIn, api, jar, seen, setCookies };
}
