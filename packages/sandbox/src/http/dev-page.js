// @ts-check
/**
 * What the sandbox's development pages share (/staff, /dev/notices): loopback callers only,
 * HTML rendered on the server with every value escaped (`html`), no scripts under a strict CSP,
 * same-origin form posts with a CSRF token compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The CSP of every development page: no scripts at all, styles and forms of its own origin only. */
export const DEV_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** A value already HTML (from `html`), not escaped again. */
export class Html {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** @param {unknown} v */
export const escapeHtml = (v) =>
  String(v).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c] ?? c);

/**
 * Escapes every interpolated value unless it is Html (or an array of Html).
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const parts = Array.isArray(v) ? v : [v];
    out += parts.map((p) => (p instanceof Html ? p.value : p === null || p === undefined || p === false ? '' : escapeHtml(p))).join('');
    out += strings[i + 1] ?? '';
  });
  return new Html(out);
}

/** @param {string | undefined} address */
export function isLoopback(address) {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** @param {string | undefined} header */
export function cookies(header) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** @param {string} a @param {string} b */
export function sameToken(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export const token = () => randomBytes(24).toString('base64url');

/**
 * Same origin only: a cross-site form post fails here even before the token is compared.
 * @param {import('node:http').IncomingMessage} req
 */
export function sameOrigin(req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host}`;
}

/**
 * A page (Html) or a short text, never cached, never framed, under `csp`.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Html} body
 * @param {Record<string, string | string[]>} [extra]
 * @param {string} [csp]
 */
export function sendPage(res, status, body, extra = {}, csp = DEV_PAGE_CSP) {
  const text = body instanceof Html ? `<!doctype html>\n${body.value}` : body;
  res.writeHead(status, {
    'Content-Type': body instanceof Html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...extra,
  });
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {string} location @param {Record<string, string | string[]>} [extra] */
export const redirect = (res, location, extra = {}) => {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': '0', ...extra });
  res.end();
};
