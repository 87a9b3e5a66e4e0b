// @ts-check
/**
 * The proxy to the API: a request the contract allows goes to the one configured API base URL
 * with the session's DPoP-bound access token and a fresh DPoP proof; bodies stream both ways
 * (attachment uploads and downloads). Only listed headers pass, in both directions: cookies,
 * the CSRF header and the browser's Origin never reach the API, and no header of the API that
 * could carry a token or set a cookie reaches the browser.
 */
import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { boundedMap } from './bounded.js';

const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'content-length', 'content-disposition', 'if-match', 'if-none-match', 'idempotency-key'];
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'etag',
  'cache-control',
  'retry-after',
  'last-modified',
  'vary',
  'location',
  'content-language',
];

/** Each session's proof signer (its imported key, the proof header), kept by session id. */
const SIGNER_CACHE_SIZE = 2000;

const b64 = (/** @type {string | Buffer} */ v) => Buffer.from(v).toString('base64url');

/**
 * @param {object} o
 * @param {string} o.apiBaseUrl e.g. `https://api.kommune.no/omsorg` (paths `/v1/…` are appended)
 * @param {number} [o.timeoutMs] default 30 s
 */
export function createProxy({ apiBaseUrl, timeoutMs = 30_000 }) {
  const base = new URL(apiBaseUrl.replace(/\/+$/, ''));
  const secure = base.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const prefix = base.pathname === '/' ? '' : base.pathname;
  /** @type {ReturnType<typeof boundedMap<{ key: import('node:crypto').KeyObject, header: string, token: string, ath: string }>>} */
  const signers = boundedMap(SIGNER_CACHE_SIZE);

  /** @param {import('./sessions.js').Session} s */
  const signerOf = (s) => {
    let signer = signers.get(s.id);
    if (!signer) {
      const { kty, crv, x, y } = s.secrets.dpopPublic;
      signer = {
        key: createPrivateKey({ key: /** @type {import('node:crypto').JsonWebKey} */ (s.secrets.dpopPrivate), format: 'jwk' }),
        header: b64(JSON.stringify({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty, crv, x, y } })),
        token: '',
        ath: '',
      };
      signers.set(s.id, signer);
    }
    if (signer.token !== s.secrets.accessToken) {
      signer.token = s.secrets.accessToken;
      signer.ath = createHash('sha256').update(signer.token).digest('base64url');
    }
    return signer;
  };

  /**
   * A DPoP proof (RFC 9449): a compact ES256 JWS made with node:crypto's synchronous signer.
   * jose's SignJWT goes through WebCrypto's job queue and was most of the BFF's CPU per request
   * (measured in `npm run bench:sandbox`); the API verifies these proofs with jose.
   * @param {import('./sessions.js').Session} s
   * @param {string} method
   * @param {string} url
   */
  const proof = (s, method, url) => {
    const { key, header, ath } = signerOf(s);
    const input = `${header}.${b64(JSON.stringify({ htm: method, htu: url.split('?', 1)[0], jti: randomUUID(), ath, iat: Math.floor(Date.now() / 1000) }))}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };

  return {
    /** Forgets a session's key (sign-out). @param {string} id */
    forget: (id) => void signers.delete(id),

    /**
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     * @param {import('./sessions.js').Session} session
     * @param {string} path `/v1/…` with its query, already checked against the contract
     */
    async forward(req, res, session, path) {
      const method = /** @type {string} */ (req.method);
      const url = `${base.origin}${prefix}${path}`;
      /** @type {Record<string, string>} */
      const headers = { Authorization: `DPoP ${session.secrets.accessToken}`, DPoP: proof(session, method, url) };
      for (const h of REQUEST_HEADERS) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      if (req.headers['transfer-encoding'] && !headers['content-length']) headers['transfer-encoding'] = 'chunked';
      await new Promise((resolve) => {
        const upstream = request(url, { method, headers, agent, timeout: timeoutMs }, (answer) => {
          /** @type {Record<string, string | string[]>} */
          const out = { 'X-Content-Type-Options': 'nosniff' };
          for (const h of RESPONSE_HEADERS) {
            const v = answer.headers[h];
            if (v !== undefined) out[h] = v;
          }
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
          answer.on('end', () => resolve(undefined));
          answer.on('error', () => {
            res.destroy();
            resolve(undefined);
          });
        });
        const fail = () => {
          if (!res.headersSent) {
            const body = JSON.stringify({ type: 'urn:omsorg:problem:unavailable', title: 'Service unavailable', status: 502, detail: 'The API could not be reached.' });
            res.writeHead(502, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)) });
            res.end(body);
          } else res.destroy();
          resolve(undefined);
        };
        upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
        upstream.on('error', fail);
        req.on('aborted', () => upstream.destroy());
        if (method === 'GET' || method === 'DELETE') {
          req.resume();
          upstream.end();
        } else req.pipe(upstream);
      });
    },

    close: () => agent.destroy(),
  };
}
