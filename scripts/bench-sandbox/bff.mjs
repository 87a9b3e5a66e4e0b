// Part of `npm run bench:sandbox`: what the backend-for-frontend costs per proxied request.
//
// One process runs the sandbox (API, provider; production setting: no response validation) with
// the BFF under /bff, its sessions in PostgreSQL as in production (see postgresFor). Requests go
// one at a time (no concurrency, so CPU time and latency belong to one request):
//   1. The BFF alone: a second BFF on the same database and keys, in front of a stub API that
//      answers at once. Per request, this process's CPU (process.cpuUsage) calling the stub
//      directly, through a bare pass-through on the same node:http calls, and through the BFF.
//      Pass-through − direct is what any extra HTTP hop costs here; BFF − pass-through is the
//      BFF's own work (cookie, session row, sealed secrets, DPoP proof, header lists).
//   2. In front of the real API: the median latency directly (a DPoP-bound token, the proof
//      signed here) and through the BFF.
// Goal (the issue's): ≤ 300 µs CPU per proxied request. Prints; fails only on errors.
//
// Env: BENCH_BFF_N (default 2000 per path and mode, after 300 warm-up requests of each on each path),
//      BENCH_BFF_DB=pglite (sessions in PGlite, whose SQL runs in this process), DATABASE_URL
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, createServer, request } from 'node:http';
import { createBff, loadOrCreateDevKeys } from '@omsorg/bff';
import { startSandbox, TEST_CLIENT_ID } from '../../packages/sandbox/src/index.js';
import { BFF_CLIENT_ID } from '../../packages/sandbox/src/server.js';
import { signIn } from '@omsorg/sandbox/test-support/login.js';
import { browser } from '@omsorg/sandbox/test-support/bff-browser.js';
import { startThrowawayPostgres } from './postgres.mjs';

const N = Number(process.env.BENCH_BFF_N ?? 2000);
/**
 * PostgreSQL for the sessions: DATABASE_URL, else a throw-away server (stopped at the end), else
 * none (PGlite) when Debian's binaries are missing or `which` is 'pglite'.
 * @param {string} which
 * @returns {{ url: string, stop: () => void } | undefined}
 */
function postgresFor(which) {
  if (which === 'pglite') return undefined;
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop() {} };
  const pg = startThrowawayPostgres({ db: 'omsorg_bench_bff' });
  if ('skip' in pg) {
    console.log(`(${pg.skip}: the sessions are in PGlite)`);
    return undefined;
  }
  return pg;
}
// Warm-up per mode and path before anything is measured: with 50 the first path measured still
// paid for the JIT compiling the BFF's code (its 'own work' read 900-1,260 µs, the second path's
// 330-600 µs, on the same code).
const WARMUP = 300;
const PATHS = ['/v1/me', '/v1/subjects/me/appointments?when=upcoming&limit=20'];

const dir = await mkdtemp(join(tmpdir(), 'omsorg-bench-bff-'));
// The production shape: sessions in PostgreSQL (DATABASE_URL, or a throw-away server of Debian's
// when its binaries are there). PGlite runs its SQL in this process, so on it the session lookup
// is part of the BFF's CPU (BENCH_BFF_DB=pglite measures that).
const pg = postgresFor(process.env.BENCH_BFF_DB ?? 'postgres');
const sandbox = await startSandbox({ port: 0, dataDir: dir, ...(pg ? { databaseUrl: pg.url, schema: `omsorg_bench_bff_${process.pid}` } : {}), bff: true, validateResponses: false, logger: { log() {}, error: console.error } });
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

  const ROUND = 50;
  /** Every mode on every path, WARMUP times, before the first measurement. @param {Record<string, (path: string) => Promise<Response>>} calls */
  async function warmUp(calls) {
    for (const path of PATHS) for (const call of Object.values(calls)) for (let i = 0; i < WARMUP; i++) await (await call(path)).arrayBuffer();
  }

  /**
   * The modes in turn, ROUND requests each, until each has made N: other work on the machine
   * then weighs on every mode alike. Per mode: the median of the rounds' CPU µs per request,
   * and the median latency.
   * @param {Record<string, (path: string) => Promise<Response>>} calls
   * @param {string} path
   */
  async function runInTurn(calls, path) {
    const names = Object.keys(calls);
    /** @type {Record<string, { cpu: number[], times: number[], errors: number }>} */
    const seen = Object.fromEntries(names.map((n) => [n, { cpu: [], times: [], errors: 0 }]));
    for (let done = 0; done < N; done += ROUND) {
      for (const name of names) {
        const m = seen[name];
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < ROUND; i++) {
          const t0 = performance.now();
          const res = await calls[name](path);
          await res.arrayBuffer();
          m.times.push(performance.now() - t0);
          if (res.status !== 200) m.errors++;
        }
        const cpu = process.cpuUsage(cpu0);
        m.cpu.push((cpu.user + cpu.system) / ROUND);
      }
    }
    const median = (/** @type {number[]} */ xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    return Object.fromEntries(names.map((n) => [n, { cpuUs: median(seen[n].cpu), p50: median(seen[n].times), errors: seen[n].errors }]));
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
  // A bare pass-through on the same node:http calls the BFF uses (keep-alive agent, piped
  // bodies): what any extra HTTP hop costs, so the BFF's own work (session, proof) shows apart.
  const hopAgent = new Agent({ keepAlive: true });
  const hop = createServer((req, res) => {
    const up = request(`${stubOrigin}${req.url}`, { method: req.method, headers: { accept: 'application/json', authorization: fakeAuth.Authorization, dpop: fakeAuth.DPoP }, agent: hopAgent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', ...(answer.headers['content-length'] ? { 'content-length': answer.headers['content-length'] } : {}) });
      answer.pipe(res);
    });
    req.resume();
    up.end();
  });
  await new Promise((r) => hop.listen(0, '127.0.0.1', () => r(undefined)));
  const hopOrigin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (hop.address()).port}`;
  const stubModes = {
    direct: (path) => fetch(`${stubOrigin}${path}`, { headers: { Accept: 'application/json', ...fakeAuth } }),
    hop: (path) => fetch(`${hopOrigin}${path}`, { headers: { Accept: 'application/json' } }),
    bff: (path) => fetch(`${frontOrigin}/bff/api${path}`, { headers: { Accept: 'application/json', Cookie: cookie } }),
  };

  console.log(`\nBFF cost per proxied request (sequential, ${N} requests per mode in rounds of 50 taken in turn, median of the rounds, after ${WARMUP} warm-up requests of each mode on each path; sessions in ${pg ? 'PostgreSQL' : 'PGlite'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log('The BFF alone, in front of a stub API (CPU of this whole process per request):');
  console.log('| path | to the stub directly | via a bare pass-through | via the BFF | the extra hop (pass-through − direct) | **the BFF\'s own work** (BFF − pass-through; goal ≤ 300) | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  let failed = false;
  await warmUp(stubModes);
  for (const path of PATHS) {
    const { direct: d, hop: h, bff: f } = await runInTurn(stubModes, path);
    const errors = d.errors + h.errors + f.errors;
    failed ||= errors > 0;
    console.log(`| ${path} | ${d.cpuUs.toFixed(0)} µs | ${h.cpuUs.toFixed(0)} µs | ${f.cpuUs.toFixed(0)} µs | ${(h.cpuUs - d.cpuUs).toFixed(0)} µs | **${(f.cpuUs - h.cpuUs).toFixed(0)} µs** | ${errors} |`);
  }
  console.log('\nIn front of the real API (the browser signs its proof in the direct mode; here this process does):');
  console.log('| path | direct p50 ms | via BFF p50 ms | added p50 ms | errors |');
  console.log('| --- | --- | --- | --- | --- |');
  await warmUp(modes);
  for (const path of PATHS) {
    const { direct: d, bff: f } = await runInTurn(modes, path);
    failed ||= d.errors + f.errors > 0;
    console.log(`| ${path} | ${d.p50.toFixed(2)} | ${f.p50.toFixed(2)} | ${(f.p50 - d.p50).toFixed(2)} | ${d.errors + f.errors} |`);
  }
  await alone.close();
  hop.close();
  hopAgent.destroy();
  front.close();
  stub.close();
  if (failed) process.exitCode = 1;
} finally {
  await sandbox.close();
  pg?.stop();
  await rm(dir, { recursive: true, force: true });
}
