// Part of `npm run bench:sandbox`: what the backend-for-frontend costs per proxied request.
//
// One process runs the sandbox (API, provider, PGlite, production setting: no response
// validation) with the BFF under /bff. Two clients signed in as Ola make the same GETs one at a
// time (no concurrency, so CPU time and latency belong to one request):
//   direct  GET /v1/…      with a DPoP-bound token and a proof signed here per request (what a
//                          browser on oidc-client-ts sends; the signing is measured apart)
//   bff     GET /bff/api/… with the session cookie (the BFF finds the session, unseals it, signs
//                          the proof, streams the call to the API over loopback HTTP)
// The whole process's CPU time (process.cpuUsage) per request in each mode, the median latency,
// and the ES256 proof signing alone. The BFF's own CPU per request = bff − direct + signing
// (the direct mode's client signing is done in the browser in real life, the BFF's is not).
// Goal (the issue's): ≤ 300 µs CPU per proxied request. Prints; fails only on errors.
//
// Env: BENCH_BFF_N (default 400 per path and mode, after 50 warm-up requests)
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createBff, loadOrCreateDevKeys } from '@omsorg/bff';
import { startSandbox, TEST_CLIENT_ID } from '../../packages/sandbox/src/index.js';
import { BFF_CLIENT_ID } from '../../packages/sandbox/src/server.js';
import { signIn } from '@omsorg/sandbox/test-support/login.js';
import { browser } from '@omsorg/sandbox/test-support/bff-browser.js';

const N = Number(process.env.BENCH_BFF_N ?? 400);
const WARMUP = 50;
const PATHS = ['/v1/me', '/v1/subjects/me/appointments?when=upcoming&limit=20'];

const dir = await mkdtemp(join(tmpdir(), 'omsorg-bench-bff-'));
const sandbox = await startSandbox({ port: 0, dataDir: dir, bff: true, validateResponses: false, logger: { log() {}, error: console.error } });
try {
  const origin = sandbox.url;
  const direct = await signIn({ issuer: sandbox.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${origin}/callback`, personId: 'psn-ola-7f3a', dpop: true });
  const b = browser(origin);
  await b.signIn('psn-ola-7f3a');
  const cookie = [...b.jar].map(([k, v]) => `${k}=${v.value}`).join('; ');

  const modes = {
    direct: async (path) => fetch(`${origin}${path}`, { headers: { Accept: 'application/json', ...(await direct.authorization('GET', `${origin}${path}`)) } }),
    bff: (path) => fetch(`${origin}/bff/api${path}`, { headers: { Accept: 'application/json', Cookie: cookie } }),
  };

  /** @param {(path: string) => Promise<Response>} call @param {string} path */
  async function run(call, path) {
    for (let i = 0; i < WARMUP; i++) await (await call(path)).arrayBuffer();
    const times = [];
    let errors = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const res = await call(path);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) errors++;
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((x, y) => x - y);
    return { cpuUs: (cpu.user + cpu.system) / N, p50: times[Math.floor(N / 2)], p90: times[Math.floor(N * 0.9)], errors };
  }

  // The BFF alone: a second BFF on the same database, keys and sessions (so Ola's cookie is good
  // there too), in front of a stub API that answers at once with the body the real API gave.
  // Beside the real API's own work (PGlite, the access log) a BFF's few hundred µs drown in noise;
  // against the stub, "via BFF − direct" is the BFF's own work: parse the request, find and
  // unseal the session, sign the proof, call the API, stream the answer back.
  const bodies = new Map();
  for (const path of PATHS) {
    const res = await modes.direct(path);
    bodies.set(path, { type: res.headers.get('content-type') ?? 'application/json', etag: res.headers.get('etag'), body: Buffer.from(await res.arrayBuffer()) });
  }
  const stub = createServer((req, res) => {
    const b = bodies.get(req.url ?? '');
    const ok = b && req.headers.authorization?.startsWith('DPoP ') && req.headers.dpop;
    req.resume();
    if (!ok) return void res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{}');
    res.writeHead(200, { 'Content-Type': b.type, 'Content-Length': b.body.length, ...(b.etag ? { ETag: b.etag } : {}), 'Cache-Control': 'private, no-cache' });
    res.end(b.body);
  });
  await new Promise((r) => stub.listen(0, '127.0.0.1', () => r(undefined)));
  const stubOrigin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (stub.address()).port}`;
  const keys = await loadOrCreateDevKeys(join(dir, 'bff', 'bff-keys.json'));
  const front = createServer((req, res) => void alone.handle(req, res));
  await new Promise((r) => front.listen(0, '127.0.0.1', () => r(undefined)));
  const frontOrigin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (front.address()).port}`;
  const alone = await createBff({ db: sandbox.db, sessionKey: keys.sessionKey, publicOrigin: frontOrigin, apiBaseUrl: stubOrigin, issuer: sandbox.issuer, clientId: BFF_CLIENT_ID, clientKey: keys.clientKey, allowHttp: true, logger: { error: console.error, warn() {} } });
  // What a browser sends the API directly: a token and a proof of the sizes the BFF sends.
  const fakeAuth = { Authorization: `DPoP ${'t'.repeat(700)}`, DPoP: 'p'.repeat(560) };
  const stubModes = {
    direct: (path) => fetch(`${stubOrigin}${path}`, { headers: { Accept: 'application/json', ...fakeAuth } }),
    bff: (path) => fetch(`${frontOrigin}/bff/api${path}`, { headers: { Accept: 'application/json', Cookie: cookie } }),
  };

  console.log(`\nBFF cost per proxied request (sequential, ${N} requests per row after ${WARMUP} warm-up; PGlite; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log('The BFF alone, in front of a stub API (CPU of this whole process per request):');
  console.log('| path | to the stub directly, CPU µs | via the BFF, CPU µs | **BFF CPU µs** (goal ≤ 300) | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  let failed = false;
  for (const path of PATHS) {
    const d = await run(stubModes.direct, path);
    const f = await run(stubModes.bff, path);
    failed ||= d.errors + f.errors > 0;
    console.log(`| ${path} | ${d.cpuUs.toFixed(0)} | ${f.cpuUs.toFixed(0)} | **${(f.cpuUs - d.cpuUs).toFixed(0)}** | ${d.errors + f.errors} |`);
  }
  console.log('\nIn front of the real API (the browser signs its proof in the direct mode; here this process does):');
  console.log('| path | direct p50 ms | via BFF p50 ms | added p50 ms | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const path of PATHS) {
    const d = await run(modes.direct, path);
    const f = await run(modes.bff, path);
    failed ||= d.errors + f.errors > 0;
    console.log(`| ${path} | ${d.p50.toFixed(2)} | ${f.p50.toFixed(2)} | ${(f.p50 - d.p50).toFixed(2)} | ${d.errors + f.errors} |`);
  }
  await alone.close();
  front.close();
  stub.close();
  if (failed) process.exitCode = 1;
} finally {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
}
