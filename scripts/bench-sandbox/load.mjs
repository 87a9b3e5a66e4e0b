// The load generator of scripts/bench-sandbox.mjs, in a child process of its own (forked with
// IPC): autocannon's programmatic API, so that the server's CPU time can be measured apart from
// the client's. Receives one job, answers with autocannon's result, exits.
//
//   { url, headers, connections, duration, maxOverallRequests, overallRate?,
//     cancel?: { prefix, n, body }, dpop?: { accessToken, privateJwk, publicJwk } }
//
// With `dpop`, every request is sent as `Authorization: DPoP <token>` with a fresh DPoP proof
// (RFC 9449: new jti, iat now, htm, htu, ath), signed here with node:crypto's synchronous ES256
// signer, so the signing costs the load generator's CPU and never the server's.
//
// With `cancel`, every request cancels the NEXT appointment from the queue
// <prefix>000001 … <prefix><n> (all at version v1) with its own Idempotency-Key and If-Match "v1".
// Only loopback URLs are accepted; the run ends by itself (count and time), and this process
// exits at the latest 20 s after the planned duration.
import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import autocannon from 'autocannon';

process.once('message', (/** @type {any} */ job) => {
  const target = new URL(job.url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== '[::1]') {
    process.send?.({ error: `refusing a non-loopback target ${target.origin}` });
    process.exit(2);
  }
  setTimeout(() => {
    process.send?.({ error: 'the load run did not end in time' });
    process.exit(3);
  }, (job.duration + 20) * 1000).unref();

  /** @type {import('autocannon').Options} */
  const opts = {
    url: job.url,
    headers: job.headers,
    connections: job.connections,
    duration: job.duration,
    maxOverallRequests: job.maxOverallRequests,
    timeout: 10,
  };
  if (job.overallRate) opts.overallRate = job.overallRate;
  /** @type {(method: string, path: string) => Record<string, string>} */
  let proofHeaders = () => ({});
  if (job.dpop) {
    const { accessToken, privateJwk, publicJwk } = job.dpop;
    const key = createPrivateKey({ key: privateJwk, format: 'jwk' });
    const b64 = (/** @type {string | Buffer} */ v) => Buffer.from(v).toString('base64url');
    const head = b64(JSON.stringify({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y } }));
    const ath = createHash('sha256').update(accessToken).digest('base64url');
    proofHeaders = (method, path) => {
      const body = b64(JSON.stringify({ htm: method, htu: `${target.origin}${path.split('?', 1)[0]}`, jti: randomUUID(), ath, iat: Math.floor(Date.now() / 1000) }));
      const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' });
      return { authorization: `DPoP ${accessToken}`, dpop: `${head}.${body}.${b64(signature)}` };
    };
  }
  if (!job.cancel && job.dpop) {
    const path = `${target.pathname}${target.search}`;
    opts.requests = [{ method: 'GET', path, setupRequest: (req) => ({ ...req, path, headers: { ...req.headers, ...proofHeaders('GET', path) } }) }];
  }
  if (job.cancel) {
    const { prefix, n, body } = job.cancel;
    const queue = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
    opts.requests = [
      {
        method: 'POST',
        body,
        // Bounded by maxOverallRequests (= n): past the end it asks for an unknown appointment
        // (a 404, counted as non-2xx), never for one already cancelled.
        setupRequest: (req) => {
          const path = `/v1/subjects/me/appointments/${queue.shift() ?? `${prefix}past-the-end`}/cancellation`;
          return {
            ...req,
            path,
            headers: { ...req.headers, ...proofHeaders('POST', path), 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'if-match': '"v1"' },
          };
        },
      },
    ];
  }
  const cpu0 = process.cpuUsage();
  autocannon(opts, (err, result) => {
    // The load generator's own CPU: on one machine it shares the cores with the server and PostgreSQL.
    const cpu = process.cpuUsage(cpu0);
    process.send?.(err ? { error: String(err?.stack ?? err) } : { result, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
});
