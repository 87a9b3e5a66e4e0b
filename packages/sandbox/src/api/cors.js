// @ts-check
/**
 * CORS for a page on another origin than the API (a municipality's Min side calling a vendor's
 * API). The operator lists the allowed origins (`corsOrigins`, `OMSORG_CORS_ORIGINS`); nothing
 * else is allowed, and there is no wildcard. A preflight is answered here, before
 * authentication (a browser sends it without the token); an origin not on the list gets no CORS
 * headers at all, so the browser keeps the answer from the page. No cookies: no credentials.
 */

/** The request headers the contract uses (the SDK sends no others). */
export const CORS_ALLOW_HEADERS = Object.freeze(['Authorization', 'DPoP', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'Accept-Language']);
/** The contract's methods. */
export const CORS_ALLOW_METHODS = Object.freeze(['GET', 'POST', 'PUT', 'DELETE']);
/** The response headers the SDK reads that are not CORS-safelisted. */
export const CORS_EXPOSE_HEADERS = Object.freeze(['ETag', 'Retry-After', 'Location', 'WWW-Authenticate', 'Content-Disposition']);
/** How long a browser may keep a preflight's answer (seconds). */
export const CORS_MAX_AGE = 600;

/**
 * `https://a.example, http://127.0.0.1:3000` (commas or white space) → the exact origins.
 * Throws for anything that is not a bare origin (a path, `*`, a trailing slash).
 * @param {string | readonly string[] | undefined} value
 * @returns {string[]}
 */
export function parseCorsOrigins(value) {
  const list = value === undefined ? [] : typeof value === 'string' ? value.split(/[\s,]+/) : [...value];
  return list
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      const u = URL.parse(o);
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== o) {
        throw new TypeError(`not an origin (scheme://host[:port], no path): ${o}`);
      }
      return o;
    });
}

/**
 * @param {readonly string[]} origins the allowed origins, exactly
 */
export function createCors(origins) {
  const allowed = new Set(origins);
  /** @param {import('node:http').IncomingMessage} req */
  const originOf = (req) => {
    const o = req.headers.origin;
    return typeof o === 'string' && allowed.has(o) ? o : undefined;
  };
  return {
    /**
     * Headers for every answer: `Vary: Origin` always; for an allowed origin also the origin and
     * the headers the page may read.
     * @param {import('node:http').IncomingMessage} req
     * @returns {Record<string, string>}
     */
    headers(req) {
      const origin = originOf(req);
      if (!origin) return { Vary: 'Origin' };
      return { Vary: 'Origin', 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', ') };
    },

    /**
     * Answers an OPTIONS request (a preflight or not): 204, with the CORS answer only for an
     * allowed origin.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    preflight(req, res) {
      const origin = originOf(req);
      /** @type {Record<string, string>} */
      const headers = { 'Cache-Control': 'no-store', Allow: `${CORS_ALLOW_METHODS.join(', ')}, OPTIONS`, Vary: 'Origin' };
      if (origin && typeof req.headers['access-control-request-method'] === 'string') {
        Object.assign(headers, {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': CORS_ALLOW_METHODS.join(', '),
          'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS.join(', '),
          'Access-Control-Max-Age': String(CORS_MAX_AGE),
        });
      }
      req.resume();
      res.writeHead(204, headers);
      res.end();
    },
  };
}
