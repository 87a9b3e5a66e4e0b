// `npm run bench:sandbox`: load on the sandbox API (packages/sandbox) over both databases.
//
// For each database (PGlite in a temporary directory; PostgreSQL from DATABASE_URL, or a
// throw-away server started with scripts/ci-postgres.sh when Debian's binaries are there):
//   - start the sandbox in this process on 127.0.0.1, an ephemeral port, with the production
//     setting (no response validation against the contract: `validateResponses: false`);
//   - sign in as Ola through the development OpenID provider twice (real access tokens): once
//     for a Bearer token, once for a DPoP-bound one (RFC 9449). With DPoP every request carries a
//     fresh proof, signed in the load generator's process (scripts/bench-sandbox/load.mjs), so the
//     server verifies a new proof (signature, htm, htu, iat, ath, key, jti replay) on every request;
//   - insert N cancellable appointments for Ola with plain SQL;
//   - LIST:   GET /v1/subjects/me/appointments?when=upcoming&limit=20, 50 connections, once with
//             Bearer and once with DPoP, each until BENCH_LIST_SECONDS (8) or BENCH_LIST_MAX
//             requests (20,000), whichever comes first (after a short warm-up that is not counted);
//   - POLL:   10,000 open tabs polling their threads with If-None-Match (BENCH_TABS): the SDK's
//             poller asks every 10 s at most often (poll.ts), so the load is offered at
//             tabs / 10 requests a second for BENCH_POLL_SECONDS (5); every answer must be 304.
//             Prints the CPU cost of one 304 and what the tabs would cost at 10 s and at 120 s;
//   - CANCEL: POST …/appointments/<next from the queue>/cancellation, each with a new
//             Idempotency-Key and If-Match "v1", 10 connections, exactly N requests (capped at
//             BENCH_CANCEL_SECONDS, 40); then SQL checks that exactly N appointments changed,
//             once each (no lost or double changes).
// The load generator (autocannon's programmatic API) runs in a child process, so the server's CPU
// time per request can be measured apart from the client's: this process's CPU time, and that of
// the PostgreSQL server when it is ours (or, with DATABASE_URL, when the URL's role may read
// `data_directory`: then its postmaster's PID is read there). CPU figures depend little on other
// load on the machine; the latencies and req/s do (the load average is printed with each run).
// Where the time goes, per request: the statements the API sends (a counting wrapper on the
// database object), the transactions PostgreSQL commits and its WAL flushes (pg_stat_database,
// pg_stat_wal), and with BENCH_PROFILE=1 a CPU profile of this process during one more short LIST
// run per scheme (node:inspector), summarised by part: token and DPoP checks, contract
// validation, the PostgreSQL driver, the sandbox's own code, HTTP, garbage collection.
// Load goes only to the loopback server started here; every run is bounded in count and time.
// Budgets (issue 12), on PostgreSQL, LIST at 50 connections, each for Bearer and for DPoP:
//   ≥ 2,000 requests/s, p99 ≤ 50 ms, no errors; CPU per request ≤ 400 µs in the server and
//   ≤ 300 µs in PostgreSQL. The first two need a quiet 2-core machine; the CPU figures much less.
// Exit 1 when a budget fails (or a cancel check finds lost/double changes); PGlite has no budget.
//
// Env: BENCH_DB=pglite,postgres  DATABASE_URL  BENCH_LIST_SECONDS  BENCH_LIST_MAX
//      BENCH_LIST_CONNECTIONS  BENCH_SCHEMES=bearer,dpop  BENCH_TABS  BENCH_POLL_SECONDS
//      BENCH_CANCEL_N  BENCH_CANCEL_CONNECTIONS  BENCH_CANCEL_SECONDS  BENCH_PROFILE=1
import { fork } from 'node:child_process';
import { generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, TEST_CLIENT_ID } from '../packages/sandbox/src/index.js';
import { signIn } from '@omsorg/sandbox/test-support/login.js';
import { startThrowawayPostgres } from './bench-sandbox/postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CI_POSTGRES = join(root, 'scripts/ci-postgres.sh');
const LOAD = join(root, 'scripts/bench-sandbox/load.mjs');
const num = (name, dflt) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const LIST = {
  seconds: num('BENCH_LIST_SECONDS', 8),
  max: num('BENCH_LIST_MAX', 20_000),
  connections: num('BENCH_LIST_CONNECTIONS', 50),
  path: '/v1/subjects/me/appointments?when=upcoming&limit=20',
};
// Until the server's code is compiled by V8's optimising tiers: a count, capped in time.
const WARMUP = { seconds: num('BENCH_WARMUP_SECONDS', 4), max: 1_500, connections: 10 };
const SCHEMES = /** @type {Array<'bearer' | 'dpop'>} */ ((process.env.BENCH_SCHEMES ?? 'bearer,dpop').split(',').map((s) => s.trim()).filter(Boolean));
for (const s of SCHEMES) if (s !== 'bearer' && s !== 'dpop') throw new Error(`BENCH_SCHEMES: unknown scheme ${s} (bearer, dpop)`);
const POLL = {
  tabs: num('BENCH_TABS', 10_000),
  seconds: num('BENCH_POLL_SECONDS', 5),
  connections: 100,
  // The SDK's poller (packages/sdk/src/poll.ts): every 10 s, doubling while nothing changes, up to 120 s.
  minIntervalSec: 10,
  maxIntervalSec: 120,
  path: '/v1/subjects/me/threads',
};
const PROFILE = process.env.BENCH_PROFILE === '1';
const CANCEL = {
  n: num('BENCH_CANCEL_N', 3_000),
  connections: num('BENCH_CANCEL_CONNECTIONS', 10),
  seconds: num('BENCH_CANCEL_SECONDS', 40),
  prefix: 'apt-bench-',
};
const BUDGET = { rps: 2_000, p99Ms: 50, nodeUs: 400, pgUs: 300 };
/** The same figures measured before issue 12 (README, quiet 2-core machine; Bearer only). */
const BEFORE = { rps: 1_266, p99Ms: 64 };
const PERSON = 'psn-ola-7f3a';
const SUBJECT = 'sub-ola-7f3a';
const CANCEL_BODY = JSON.stringify({ reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' } });
const engines = (process.env.BENCH_DB ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean);

// ----------------------------------------------------------------------------------------------
// Clean-up: servers and the PostgreSQL we started are stopped on every way out.
// ----------------------------------------------------------------------------------------------
/** @type {Array<() => Promise<void> | void>} */
const cleanups = [];
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`clean-up: ${err?.message ?? err}`);
      }
    }
  })());
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}
// The whole bench stays well under 3 minutes; if anything hangs, stop by ourselves.
const WATCHDOG_MS = 240_000;
setTimeout(() => {
  console.error(`\nbench-sandbox: still running after ${WATCHDOG_MS / 1000} s: stopping`);
  cleanup().finally(() => process.exit(1));
}, WATCHDOG_MS).unref();

// ----------------------------------------------------------------------------------------------
const ms = (v) => (typeof v === 'number' ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : '–');
const fmt = (n) => Math.round(n).toLocaleString('en');
function table(rows, head) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(all[0]));
  console.log(w.map((x) => '-'.repeat(x)).join('  '));
  all.slice(1).forEach((r) => console.log(line(r)));
}

/**
 * CPU time (ms) of a PostgreSQL server: the postmaster and its children (the backends), from
 * /proc. Undefined when unknown (not our server, or not Linux).
 * @param {number | undefined} postmaster
 */
function postgresCpuMs(postmaster) {
  if (!postmaster) return undefined;
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[1] = ppid, f[11] = utime, f[12] = stime (clock ticks, 100 per second on Linux)
      if (Number(entry) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
    }
  } catch {
    return undefined;
  }
  return ticks * 10;
}

/**
 * Counts the requests the server answers (or drops), and those still in its hands, so that CPU
 * time is divided by the requests it was spent on: at the end of a run up to one request per
 * connection is still being answered, which matters when a busy machine answers few.
 * @param {import('node:http').Server} server
 */
function trackRequests(server) {
  const n = { inflight: 0, answered: 0 };
  server.on('request', (/** @type {import('node:http').IncomingMessage} */ _req, /** @type {import('node:http').ServerResponse} */ res) => {
    n.inflight++;
    res.once('close', () => {
      n.inflight--;
      n.answered++;
    });
  });
  return {
    answered: () => n.answered,
    /** Resolves once nothing is in flight (at most `maxMs`). */
    async drained(maxMs = 15_000) {
      const until = performance.now() + maxMs;
      while (n.inflight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
/** @typedef {ReturnType<typeof trackRequests>} Tracker */

/**
 * One bounded autocannon run in a child process, with the server's CPU time over the run (until
 * the server has answered every request it was sent).
 * @param {object} job see scripts/bench-sandbox/load.mjs
 * @param {Tracker} tracker
 * @param {number | undefined} [postmaster]
 * @returns {Promise<{ result: import('autocannon').Result, cpuMs: number, pgCpuMs: number | undefined, served: number }>}
 */
function cannon(job, tracker, postmaster) {
  return new Promise((ok, ko) => {
    const pg0 = postgresCpuMs(postmaster);
    const child = fork(LOAD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const served0 = tracker.answered();
    const cpu0 = process.cpuUsage();
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      ko(new Error('the load generator did not finish in time'));
    }, (/** @type {any} */ (job).duration + 30) * 1000);
    child.once('message', async (/** @type {any} */ msg) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      await tracker.drained();
      const cpu = process.cpuUsage(cpu0);
      const served = tracker.answered() - served0;
      const pg1 = postgresCpuMs(postmaster);
      if (msg.error) ko(new Error(msg.error));
      else ok({ result: msg.result, served, cpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0 });
    });
    child.once('exit', (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ko(new Error(`the load generator exited (${code}) without a result`));
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    child.send(job);
  });
}

/**
 * @param {{ result: import('autocannon').Result, cpuMs: number, pgCpuMs: number | undefined, served: number }} run
 * @param {{ statements: number, transactions: number, commits?: number, walSyncs?: number, logRows?: number }} [counted]
 *   what the database was asked over the same run (totals)
 */
function figures({ result: r, cpuMs, pgCpuMs, served }, counted) {
  const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  // Costs are divided by the requests the server answered (counted by the server, in-flight ones included).
  const per = (/** @type {number | undefined} */ n) => (served && typeof n === 'number' ? n / served : undefined);
  return {
    requests: total,
    ok: r['2xx'],
    seconds: r.duration,
    rps: r.duration > 0 ? total / r.duration : 0,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    // CPU time per answered request (µs): the sandbox process (Node), and PostgreSQL when ours.
    served,
    nodeUs: per(cpuMs * 1000),
    pgUs: pgCpuMs === undefined ? undefined : per(pgCpuMs * 1000),
    // Per request: statements sent, explicit transactions, commits and WAL flushes in PostgreSQL, access-log rows.
    statements: per(counted?.statements),
    transactions: per(counted?.transactions),
    commits: per(counted?.commits),
    walSyncs: per(counted?.walSyncs),
    logRows: per(counted?.logRows),
    load: loadavg()[0],
  };
}
const us = (v) => (typeof v === 'number' ? fmt(v) : '–');
const dec = (v) => (typeof v === 'number' ? v.toFixed(2) : '–');

/** @param {string} label @param {ReturnType<typeof figures>} f */
function printFigures(label, f) {
  console.log(
    `  ${label}: ${fmt(f.requests)} requests in ${f.seconds.toFixed(1)} s = ${fmt(f.rps)} req/s; ` +
      `latency p50 ${ms(f.p50)} ms, p90 ${ms(f.p90)} ms, p99 ${ms(f.p99)} ms, max ${ms(f.max)} ms; ` +
      `errors ${f.errors} (timeouts ${f.timeouts}), non-2xx ${f.non2xx}; statuses ${JSON.stringify(f.statuses)}; ${fmt(f.served)} answered by the server; ` +
      `CPU per request: sandbox ${us(f.nodeUs)} µs, PostgreSQL ${us(f.pgUs)} µs; ` +
      `per request: ${dec(f.statements)} statements, ${dec(f.transactions)} transactions (BEGIN…COMMIT), ` +
      `${dec(f.commits)} commits and ${dec(f.walSyncs)} WAL flushes in PostgreSQL, ${dec(f.logRows)} access-log rows; ` +
      `load average ${f.load.toFixed(1)}`,
  );
}

/**
 * Counts what the API asks of the database: every statement (a query, or BEGIN and COMMIT/ROLLBACK
 * of a transaction) and every transaction, by wrapping the database object the API holds.
 * @param {import('../packages/sandbox/src/db/index.js').Database} db
 */
function countStatements(db) {
  const n = { statements: 0, transactions: 0 };
  /** @param {import('../packages/sandbox/src/db/index.js').Queryable} q */
  const wrap = (q) => ({
    ...q,
    query: (/** @type {string} */ sql, /** @type {unknown[]} */ params) => {
      n.statements++;
      return q.query(sql, params);
    },
    exec: (/** @type {string} */ sql) => {
      n.statements++;
      return q.exec(sql);
    },
  });
  const { query, exec, transaction } = db;
  const plain = wrap({ query: query.bind(db), exec: exec.bind(db) });
  db.query = plain.query;
  db.exec = plain.exec;
  db.transaction = (fn) => {
    n.transactions++;
    n.statements += 2; // BEGIN, COMMIT (or ROLLBACK)
    return transaction.call(db, (tx) => fn(wrap(tx)));
  };
  return { snapshot: () => ({ ...n }) };
}

/**
 * PostgreSQL's own counters (the whole database: every connection): committed transactions and WAL
 * flushes. Counters reach the statistics up to a second late, so read them after a pause.
 * @param {import('../packages/sandbox/src/db/index.js').Database} db
 * @returns {Promise<{ commits: number, walSyncs: number | undefined, logRows: number } | undefined>}
 */
async function serverCounters(db) {
  const logRows = Number((await db.query('SELECT count(*)::int AS n FROM access_log')).rows[0].n);
  if (db.kind !== 'postgres') return { commits: NaN, walSyncs: undefined, logRows };
  await new Promise((r) => setTimeout(r, 1_200));
  const c = (await db.query('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0];
  const w = await db.query('SELECT wal_sync::text AS n FROM pg_stat_wal').catch(() => ({ rows: [] }));
  return { commits: Number(c?.n), walSyncs: w.rows[0] ? Number(w.rows[0].n) : undefined, logRows };
}

/**
 * @param {ReturnType<typeof countStatements>} counter
 * @param {import('../packages/sandbox/src/db/index.js').Database} db
 * @returns {Promise<() => Promise<{ statements: number, transactions: number, commits?: number, walSyncs?: number, logRows?: number }>>}
 */
async function measureDb(counter, db) {
  const s0 = counter.snapshot();
  const c0 = await serverCounters(db);
  return async () => {
    const s1 = counter.snapshot();
    const c1 = await serverCounters(db);
    const d = (/** @type {number | undefined} */ a, /** @type {number | undefined} */ b) => (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) ? b - a : undefined);
    return {
      statements: s1.statements - s0.statements,
      transactions: s1.transactions - s0.transactions,
      commits: d(c0?.commits, c1?.commits),
      walSyncs: d(c0?.walSyncs, c1?.walSyncs),
      logRows: d(c0?.logRows, c1?.logRows),
    };
  };
}

/**
 * The part of the server a profiled function belongs to, by its script.
 * @param {{ url: string, functionName: string }} frame
 */
function partOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8 and native (program)';
    return 'native';
  }
  if (/node_modules\/jose\/|\/src\/auth\//.test(url)) return 'token and DPoP checks (jose, auth/)';
  if (/node_modules\/(openapi-backend|ajv|ajv-formats|openapi-types|lodash|bath-es5|mock-json-schema|fast-uri)\/|\/src\/api\/contract\.js/.test(url)) return 'contract (openapi-backend, Ajv)';
  if (/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+|pgpass)\//.test(url)) return 'PostgreSQL driver (pg)';
  if (/\/packages\/contract\//.test(url)) return 'rules core (@omsorg/contract)';
  if (/\/packages\/sandbox\/src\/db\//.test(url)) return 'sandbox db wrapper';
  if (/\/packages\/sandbox\/src\//.test(url)) return 'sandbox API code';
  if (/^node:/.test(url)) return 'Node internals (http, net, streams, crypto)';
  if (/scripts\/bench-sandbox/.test(url)) return 'the bench itself';
  return 'other';
}

/**
 * Runs `work` under the V8 sampling profiler of this process and prints where the CPU went.
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function profiled(label, work) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result;
  try {
    result = await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    summariseProfile(label, /** @type {any} */ (profile));
  }
  return result;
}

/** @param {string} label @param {{ nodes: any[], samples: number[], timeDeltas: number[] }} profile */
function summariseProfile(label, profile) {
  /** @type {Map<number, any>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  /** @type {Map<string, number>} */
  const parts = new Map();
  /** @type {Map<string, number>} */
  const fns = new Map();
  let busy = 0;
  for (const [id, t] of self) {
    const frame = byId.get(id).callFrame;
    const part = partOf(frame);
    if (part === 'idle') continue;
    busy += t;
    parts.set(part, (parts.get(part) ?? 0) + t);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|packages)\//, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const pct = (/** @type {number} */ t) => `${((100 * t) / (busy || 1)).toFixed(1).padStart(5)} %`;
  console.log(`  profile (${label}): ${(busy / 1000).toFixed(0)} ms of CPU sampled in this process, by part:`);
  for (const [part, t] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`    ${pct(t)}  ${part}`);
  console.log(`  … the 12 functions with the most self time:`);
  for (const [fn, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${pct(t)}  ${fn}`);
}

/**
 * The postmaster's PID of the server behind `db`, when we may read its data directory.
 * @param {import('../packages/sandbox/src/db/index.js').Database} db
 */
async function postmasterOf(db) {
  try {
    const dir = (await db.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`)).rows[0]?.setting;
    return dir ? Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]) || undefined : undefined;
  } catch {
    return undefined;
  }
}

// ----------------------------------------------------------------------------------------------
// PostgreSQL: DATABASE_URL, or a throw-away server of our own.
// ----------------------------------------------------------------------------------------------
async function postgresSource() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, how: 'DATABASE_URL (a new schema, dropped afterwards)' };
  const pg = startThrowawayPostgres({ db: 'omsorg_bench', durable: true });
  if ('skip' in pg) return { skip: `no DATABASE_URL and ${pg.skip}` };
  cleanups.push(pg.stop);
  return { url: pg.url, postmaster: pg.postmaster, how: `a throw-away PostgreSQL started by scripts/ci-postgres.sh (${pg.bin}, default durability: fsync on)` };
}

// ----------------------------------------------------------------------------------------------
// One database: start, sign in, insert, LIST (Bearer, DPoP), POLL (304), CANCEL, check.
// ----------------------------------------------------------------------------------------------
/**
 * @param {'pglite' | 'postgres'} engine
 * @param {string | undefined} databaseUrl
 * @param {number} [postmaster] the PID of our own PostgreSQL server (for its CPU time)
 */
async function benchOne(engine, databaseUrl, postmaster) {
  const dataDir = await mkdtemp(join(tmpdir(), `omsorg-bench-${engine}-`));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const schema = databaseUrl ? `omsorg_bench_${randomBytes(4).toString('hex')}` : undefined;
  const t0 = performance.now();
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    ...(databaseUrl ? { databaseUrl, schema } : {}),
    validateResponses: false,
  });
  let dropped = false;
  const close = async () => {
    if (schema && !dropped) {
      dropped = true;
      await sandbox.db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await sandbox.close();
  };
  cleanups.push(close);
  const version = (await sandbox.db.query('SELECT version() AS v')).rows[0].v.split(' on ')[0];
  if (engine === 'postgres' && !postmaster) postmaster = await postmasterOf(sandbox.db);
  console.log(
    `  sandbox ${sandbox.url} (${version}${schema ? `, schema ${schema}` : ''}) up in ${((performance.now() - t0) / 1000).toFixed(1)} s` +
      (engine === 'postgres' ? `; PostgreSQL's CPU ${postmaster ? `from /proc (postmaster ${postmaster} and its children)` : 'not measured (not our server)'}` : ''),
  );

  // Full sign-ins (authorize, the login page, consent, the code for tokens), timed here and
  // not in a test: on a busy machine a duration says nothing about correctness.
  const tSignIn = performance.now();
  const signInAs = { issuer: sandbox.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${sandbox.url}/callback`, personId: PERSON };
  const session = await signIn(signInAs);
  console.log(`  a full sign-in through the provider took ${(performance.now() - tSignIn).toFixed(0)} ms`);
  if (session.tokenType !== 'Bearer') throw new Error(`expected a Bearer token, got ${session.tokenType}`);
  // The DPoP key: made here, so that the load generator can sign each request's proof with it.
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = pair.privateKey.export({ format: 'jwk' });
  const publicJwk = pair.publicKey.export({ format: 'jwk' });
  const dpopKeyPair = {
    privateKey: await webcrypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
    publicKey: await webcrypto.subtle.importKey('jwk', publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']),
  };
  const dpopSession = await signIn({ ...signInAs, dpop: true, dpopKeyPair });
  if (dpopSession.tokenType !== 'DPoP') throw new Error(`expected a DPoP token, got ${dpopSession.tokenType}`);
  const authorization = `Bearer ${session.accessToken}`;
  // One request by hand for each scheme: the scenario answers 200 before any load is put on it.
  for (const headers of [{ Authorization: authorization }, await dpopSession.authorization('GET', `${sandbox.url}${LIST.path}`)]) {
    const probe = await fetch(`${sandbox.url}${LIST.path}`, { headers });
    if (probe.status !== 200) throw new Error(`GET ${LIST.path}: HTTP ${probe.status} ${await probe.text()}`);
    await probe.arrayBuffer();
  }

  // N cancellable appointments for Ola, starting in a year (deadline a day before each).
  const t1 = performance.now();
  const from = new Date(Date.now() + 365 * 86_400_000);
  const inserted = await sandbox.db.query(
    `INSERT INTO appointments (subject_id, id, version, status, service_type_system, service_type_code, start_at, end_at,
                               timing, description, care_service_id, policy_deadline, policy_phone, policy_mode)
     SELECT t.subject_id, $4 || lpad(g::text, 6, '0'), 'v1', 'booked', t.service_type_system, t.service_type_code,
            $2::timestamptz + g * interval '1 hour', $2::timestamptz + g * interval '1 hour' + interval '30 minutes',
            'exact', 'Benchmark', t.care_service_id, $2::timestamptz + g * interval '1 hour' - interval '1 day', t.policy_phone, 'final'
       FROM (SELECT * FROM appointments WHERE subject_id = $1 ORDER BY start_at, id LIMIT 1) t
      CROSS JOIN generate_series(1, $3::int) g`,
    [SUBJECT, from, CANCEL.n, CANCEL.prefix],
  );
  if (inserted.rowCount !== CANCEL.n) throw new Error(`inserted ${inserted.rowCount} appointments, not ${CANCEL.n}`);
  // What autovacuum would do within a minute (PGlite has none): without fresh statistics the
  // planner takes the table for nearly empty and sorts all of Ola's appointments for each page.
  await sandbox.db.exec('ANALYZE appointments');
  console.log(`  signed in as ${PERSON} (Bearer, and DPoP with its own key); inserted ${fmt(CANCEL.n)} cancellable appointments (and ANALYZE) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const counter = countStatements(sandbox.db);
  const tracker = trackRequests(sandbox.server);
  const headers = { authorization };
  const dpopJob = { accessToken: dpopSession.accessToken, privateJwk, publicJwk };

  // LIST ---------------------------------------------------------------------------------------
  const listUrl = `${sandbox.url}${LIST.path}`;
  /** @type {Record<string, ReturnType<typeof figures>>} */
  const list = {};
  for (const scheme of SCHEMES) {
    const auth = scheme === 'dpop' ? { dpop: dpopJob } : { headers };
    await cannon({ url: listUrl, ...auth, connections: WARMUP.connections, duration: WARMUP.seconds, maxOverallRequests: WARMUP.max }, tracker);
    const done = await measureDb(counter, sandbox.db);
    const run = await cannon({ url: listUrl, ...auth, connections: LIST.connections, duration: LIST.seconds, maxOverallRequests: LIST.max }, tracker, postmaster);
    list[scheme] = figures(run, await done());
    printFigures(`LIST ${scheme === 'dpop' ? 'DPoP  ' : 'Bearer'} (${LIST.connections} connections)`, list[scheme]);
    if (PROFILE) {
      await profiled(`LIST ${scheme}, ${Math.min(LIST.seconds, 5)} s more`, () =>
        cannon({ url: listUrl, ...auth, connections: LIST.connections, duration: Math.min(LIST.seconds, 5), maxOverallRequests: LIST.max }, tracker),
      );
    }
  }

  // POLL: open tabs revalidating their threads ------------------------------------------------
  const threadsUrl = `${sandbox.url}${POLL.path}`;
  const first = await fetch(threadsUrl, { headers: { Authorization: authorization } });
  const etag = first.headers.get('etag');
  await first.arrayBuffer();
  if (first.status !== 200 || !etag) throw new Error(`GET ${POLL.path}: HTTP ${first.status}, ETag ${etag}`);
  const rate = Math.round(POLL.tabs / POLL.minIntervalSec);
  const pollHeaders = { authorization, 'if-none-match': etag };
  await cannon({ url: threadsUrl, headers: pollHeaders, connections: WARMUP.connections, duration: WARMUP.seconds, maxOverallRequests: WARMUP.max }, tracker);
  const pollDone = await measureDb(counter, sandbox.db);
  const pollRun = await cannon(
    { url: threadsUrl, headers: pollHeaders, connections: POLL.connections, duration: POLL.seconds, maxOverallRequests: rate * POLL.seconds, overallRate: rate },
    tracker,
    postmaster,
  );
  const poll = figures(pollRun, await pollDone());
  const notModified = poll.statuses['304'] ?? 0;
  printFigures(`POLL   (${fmt(POLL.tabs)} tabs offered at ${fmt(rate)} req/s)`, poll);
  const perCore = (/** @type {number} */ intervalSec) => ((POLL.tabs / intervalSec) * ((poll.nodeUs ?? 0) + (poll.pgUs ?? 0))) / 1e6;
  console.log(
    `  a 304 costs ${us(poll.nodeUs)} µs in the server and ${us(poll.pgUs)} µs in PostgreSQL, ${dec(poll.statements)} statements, ` +
      `${dec(poll.logRows)} access-log rows (${notModified === poll.requests ? 'every answer 304' : `only ${notModified} of ${poll.requests} answers 304`}); ` +
      `${fmt(POLL.tabs)} tabs polling every ${POLL.minIntervalSec} s need ${perCore(POLL.minIntervalSec).toFixed(2)} cores, every ${POLL.maxIntervalSec} s ${perCore(POLL.maxIntervalSec).toFixed(3)}`,
  );

  // CANCEL -------------------------------------------------------------------------------------
  const logBefore = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel'`)).rows[0].n;
  const cancelDone = await measureDb(counter, sandbox.db);
  const cancel = figures(
    await cannon(
      {
        url: sandbox.url,
        headers,
        connections: CANCEL.connections,
        duration: CANCEL.seconds,
        maxOverallRequests: CANCEL.n,
        cancel: { prefix: CANCEL.prefix, n: CANCEL.n, body: CANCEL_BODY },
      },
      tracker,
      postmaster,
    ),
    await cancelDone(),
  );
  printFigures(`CANCEL (${CANCEL.connections} connections)`, cancel);
  await new Promise((r) => setTimeout(r, 300)); // answers cut off by the time cap may still commit

  // Exactly one change per appointment: status, version, the idempotency records, the log.
  const { rows } = await sandbox.db.query(
    `SELECT count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE status = 'cancelled' AND version = 'v2' AND cancel_reason_code = 'pat-crs')::int AS once,
            count(*) FILTER (WHERE status <> 'cancelled' AND version = 'v1')::int AS untouched
       FROM appointments WHERE subject_id = $1 AND id LIKE $2`,
    [SUBJECT, `${CANCEL.prefix}%`],
  );
  const idem = (await sandbox.db.query('SELECT count(*)::int AS n FROM idempotency_records WHERE person_id = $1', [PERSON])).rows[0].n;
  const logged = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel' AND outcome = 'ok'`)).rows[0].n;
  const logAfter = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel'`)).rows[0].n;
  const c = rows[0];
  const consistent =
    c.cancelled === CANCEL.n && c.once === CANCEL.n && c.untouched === 0 && cancel.ok === CANCEL.n && idem === CANCEL.n && logged === CANCEL.n && logAfter - logBefore === CANCEL.n;
  console.log(
    `  check: ${c.cancelled} of ${CANCEL.n} cancelled (${c.once} exactly once, v1→v2), ${c.untouched} untouched; ` +
      `${cancel.ok} answers 200; ${idem} idempotency records; ${logged} access-log rows 'ok' → ${consistent ? 'OK' : 'MISMATCH'}`,
  );
  await close();
  return { list, poll, cancel, consistent };
}

// ----------------------------------------------------------------------------------------------
const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
console.log(`bench-sandbox: Node ${process.version}, ${availableParallelism()} × ${cpu}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `  sandbox in this process (validateResponses off, the production setting); autocannon in a child process; ` +
    `access tokens from the sandbox's OpenID provider: ${SCHEMES.map((s) => (s === 'dpop' ? 'DPoP (a fresh proof per request, signed by the load generator)' : 'Bearer')).join(' and ')}`,
);
console.log(
  `  LIST: GET ${LIST.path}, ${LIST.connections} connections, ${LIST.seconds} s or ${fmt(LIST.max)} requests per scheme (after a ${WARMUP.seconds} s warm-up); ` +
    `POLL: GET ${POLL.path} with If-None-Match, ${fmt(POLL.tabs)} tabs, ${POLL.seconds} s; ` +
    `CANCEL: ${fmt(CANCEL.n)} different appointments, ${CANCEL.connections} connections (cap ${CANCEL.seconds} s)`,
);

/** @type {Array<{ engine: string, how: string, list?: Record<string, any>, poll?: any, cancel?: any, consistent?: boolean, skip?: string }>} */
const results = [];
let failed = false;
try {
  for (const engine of engines) {
    if (engine === 'pglite') {
      console.log(`\nPGlite (a temporary directory)`);
      results.push({ engine, how: 'PGlite', ...(await benchOne('pglite', undefined)) });
    } else if (engine === 'postgres') {
      const src = await postgresSource();
      if ('skip' in src) {
        console.log(`\nPostgreSQL: skipped: ${src.skip}`);
        results.push({ engine, how: 'PostgreSQL', skip: src.skip });
        continue;
      }
      console.log(`\nPostgreSQL: ${src.how}`);
      results.push({ engine, how: 'PostgreSQL', ...(await benchOne('postgres', src.url, src.postmaster)) });
    } else {
      throw new Error(`BENCH_DB: unknown database ${engine} (pglite, postgres)`);
    }
  }
} catch (err) {
  console.error(`\nbench-sandbox failed: ${err?.stack ?? err}`);
  failed = true;
} finally {
  await cleanup();
}

console.log('\nSummary (latencies in ms, 2xx/304 answers; req/s = all answers / wall time; CPU µs per request; statements, commits, WAL flushes and log rows per request)');
const rows = [];
for (const r of results) {
  if (r.skip) {
    rows.push([r.how, 'skipped', ...Array(14).fill('')]);
    continue;
  }
  /** @type {Array<[string, any, number]>} */
  const runs = [
    ...SCHEMES.map((s) => /** @type {[string, any, number]} */ ([`LIST ${s === 'dpop' ? 'DPoP' : 'Bearer'}`, r.list?.[s], LIST.connections])),
    ['POLL 304', r.poll, POLL.connections],
    ['CANCEL Bearer', r.cancel, CANCEL.connections],
  ];
  for (const [name, f, conns] of runs) {
    if (!f) continue;
    rows.push([r.how, `${name} ×${conns}`, fmt(f.requests), fmt(f.rps), ms(f.p50), ms(f.p90), ms(f.p99), ms(f.max), `${f.errors}/${f.non2xx - (f.statuses['304'] ?? 0)}`, us(f.nodeUs), us(f.pgUs), dec(f.statements), dec(f.commits), dec(f.walSyncs), dec(f.logRows), f.load.toFixed(1)]);
  }
}
table(rows, ['database', 'scenario', 'requests', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors/non-2xx', 'CPU sandbox', 'CPU PostgreSQL', 'statements', 'commits', 'WAL flushes', 'log rows', 'load']);

for (const r of results) {
  if (r.consistent === false) {
    console.log(`\n${r.how} CANCEL: FAIL: the database does not show exactly ${CANCEL.n} single changes`);
    failed = true;
  }
}
const pg = results.find((r) => r.engine === 'postgres');
if (pg?.list) {
  console.log(
    `\nBudgets (issue 12), PostgreSQL, LIST at ${LIST.connections} connections on ${availableParallelism()} cores, load average now ${loadavg()[0].toFixed(1)} ` +
      `(before issue 12, Bearer, on a quiet machine: ${fmt(BEFORE.rps)} req/s, p99 ${BEFORE.p99Ms} ms):`,
  );
  for (const scheme of SCHEMES) {
    const f = pg.list[scheme];
    if (!f) continue;
    const checks = [
      [`≥ ${fmt(BUDGET.rps)} req/s`, `${fmt(f.rps)}`, f.rps >= BUDGET.rps],
      [`p99 ≤ ${BUDGET.p99Ms} ms`, `${ms(f.p99)} ms`, f.p99 <= BUDGET.p99Ms],
      ['no errors', `${f.errors} errors, ${f.non2xx} non-2xx`, f.errors === 0 && f.non2xx === 0],
      [`server CPU ≤ ${BUDGET.nodeUs} µs`, `${us(f.nodeUs)} µs`, typeof f.nodeUs === 'number' && f.nodeUs <= BUDGET.nodeUs],
      [`PostgreSQL CPU ≤ ${BUDGET.pgUs} µs`, `${us(f.pgUs)} µs`, typeof f.pgUs === 'number' ? f.pgUs <= BUDGET.pgUs : undefined],
    ];
    for (const [what, got, ok] of checks) {
      console.log(`  ${scheme === 'dpop' ? 'DPoP  ' : 'Bearer'} ${String(what).padEnd(24)} ${String(got).padStart(22)}  ${ok === undefined ? 'NOT MEASURED' : ok ? 'PASS' : 'FAIL'}`);
      if (ok === false) failed = true;
    }
  }
  if (loadavg()[0] > 1.5) console.log(`  (the machine is busy: req/s and latencies are not representative; the CPU figures much less so)`);
} else if (engines.includes('postgres')) {
  console.log(`\nBudgets on PostgreSQL: NOT CHECKED (${pg?.skip ?? 'PostgreSQL did not run'})`);
}
process.exit(failed ? 1 : 0);
