// `npm run bench:sandbox`: load on the sandbox API (packages/sandbox) over both databases.
//
// For each database (PGlite in a temporary directory; PostgreSQL from DATABASE_URL, or a
// throw-away server started with scripts/ci-postgres.sh when Debian's binaries are there):
//   - start the sandbox in this process on 127.0.0.1, an ephemeral port, with the production
//     setting (no response validation against the contract: `validateResponses: false`);
//   - sign in as Ola through the development OpenID provider (real access tokens). The load uses
//     Bearer tokens, not DPoP: a DPoP proof per request would measure the client's signing;
//   - insert N cancellable appointments for Ola with plain SQL;
//   - LIST:   GET /v1/subjects/me/appointments?when=upcoming&limit=20, 50 connections, until
//             BENCH_LIST_SECONDS (10) or BENCH_LIST_MAX requests (20,000), whichever comes first
//             (after a short warm-up that is not counted);
//   - CANCEL: POST …/appointments/<next from the queue>/cancellation, each with a new
//             Idempotency-Key and If-Match "v1", 10 connections, exactly N requests (capped at
//             BENCH_CANCEL_SECONDS, 40); then SQL checks that exactly N appointments changed,
//             once each (no lost or double changes).
// The load generator (autocannon's programmatic API) runs in a child process
// (scripts/bench-sandbox/load.mjs), so the server's CPU time per request can be measured apart
// from the client's: this process's CPU time, and that of the PostgreSQL server when it is ours.
// Those figures depend little on other load on the machine; the latencies do (see the load average).
// Load goes only to the loopback server started here; every run is bounded in count and time.
// Budget (the issue's): LIST p99 < 100 ms at 50 concurrent clients on PostgreSQL, without errors.
// Exit 1 when that budget fails (or a cancel check finds lost/double changes); PGlite has no budget.
//
// Env: BENCH_DB=pglite,postgres  DATABASE_URL  BENCH_LIST_SECONDS  BENCH_LIST_MAX
//      BENCH_LIST_CONNECTIONS  BENCH_CANCEL_N  BENCH_CANCEL_CONNECTIONS  BENCH_CANCEL_SECONDS
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
  seconds: num('BENCH_LIST_SECONDS', 10),
  max: num('BENCH_LIST_MAX', 20_000),
  connections: num('BENCH_LIST_CONNECTIONS', 50),
  path: '/v1/subjects/me/appointments?when=upcoming&limit=20',
};
const WARMUP = { seconds: 2, max: 2_000, connections: 10 };
const CANCEL = {
  n: num('BENCH_CANCEL_N', 3_000),
  connections: num('BENCH_CANCEL_CONNECTIONS', 10),
  seconds: num('BENCH_CANCEL_SECONDS', 40),
  prefix: 'apt-bench-',
};
const BUDGET_P99_MS = 100;
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
const WATCHDOG_MS = 170_000;
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
 * One bounded autocannon run in a child process, with the server's CPU time over the run.
 * @param {object} job see scripts/bench-sandbox/load.mjs
 * @param {number | undefined} postmaster
 * @returns {Promise<{ result: import('autocannon').Result, cpuMs: number, pgCpuMs: number | undefined }>}
 */
function cannon(job, postmaster) {
  return new Promise((ok, ko) => {
    const child = fork(LOAD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const cpu0 = process.cpuUsage();
    const pg0 = postgresCpuMs(postmaster);
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      ko(new Error('the load generator did not finish in time'));
    }, (/** @type {any} */ (job).duration + 30) * 1000);
    child.once('message', (/** @type {any} */ msg) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const cpu = process.cpuUsage(cpu0);
      const pg1 = postgresCpuMs(postmaster);
      if (msg.error) ko(new Error(msg.error));
      else ok({ result: msg.result, cpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0 });
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

/** @param {{ result: import('autocannon').Result, cpuMs: number, pgCpuMs: number | undefined }} run */
function figures({ result: r, cpuMs, pgCpuMs }) {
  const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
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
    nodeUs: total ? (cpuMs * 1000) / total : undefined,
    pgUs: total && pgCpuMs !== undefined ? (pgCpuMs * 1000) / total : undefined,
    load: loadavg()[0],
  };
}
const us = (v) => (typeof v === 'number' ? fmt(v) : '–');

/** @param {string} label @param {ReturnType<typeof figures>} f */
function printFigures(label, f) {
  console.log(
    `  ${label}: ${fmt(f.requests)} requests in ${f.seconds.toFixed(1)} s = ${fmt(f.rps)} req/s; ` +
      `latency p50 ${ms(f.p50)} ms, p90 ${ms(f.p90)} ms, p99 ${ms(f.p99)} ms, max ${ms(f.max)} ms; ` +
      `errors ${f.errors} (timeouts ${f.timeouts}), non-2xx ${f.non2xx}; statuses ${JSON.stringify(f.statuses)}; ` +
      `CPU per request: sandbox ${us(f.nodeUs)} µs, PostgreSQL ${us(f.pgUs)} µs; load average ${f.load.toFixed(1)}`,
  );
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
// One database: start, sign in, insert, LIST, CANCEL, check.
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
  console.log(`  sandbox ${sandbox.url} (${version}${schema ? `, schema ${schema}` : ''}) up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // A full sign-in (authorize, the login page, consent, the code for tokens), timed here and
  // not in a test: on a busy machine a duration says nothing about correctness.
  const tSignIn = performance.now();
  const session = await signIn({ issuer: sandbox.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${sandbox.url}/callback`, personId: PERSON });
  console.log(`  a full sign-in through the provider took ${(performance.now() - tSignIn).toFixed(0)} ms`);
  if (session.tokenType !== 'Bearer') throw new Error(`expected a Bearer token, got ${session.tokenType}`);
  const authorization = `Bearer ${session.accessToken}`;
  // One request by hand: the scenario answers 200 before any load is put on it.
  const probe = await fetch(`${sandbox.url}${LIST.path}`, { headers: { Authorization: authorization } });
  if (probe.status !== 200) throw new Error(`GET ${LIST.path}: HTTP ${probe.status} ${await probe.text()}`);
  await probe.arrayBuffer();

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
  console.log(`  signed in as ${PERSON} (Bearer); inserted ${fmt(CANCEL.n)} cancellable appointments (and ANALYZE) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const headers = { authorization };

  // LIST ---------------------------------------------------------------------------------------
  const listUrl = `${sandbox.url}${LIST.path}`;
  await cannon({ url: listUrl, headers, connections: WARMUP.connections, duration: WARMUP.seconds, maxOverallRequests: WARMUP.max });
  const list = figures(
    await cannon({ url: listUrl, headers, connections: LIST.connections, duration: LIST.seconds, maxOverallRequests: LIST.max }, postmaster),
  );
  printFigures(`LIST   (${LIST.connections} connections)`, list);

  // CANCEL -------------------------------------------------------------------------------------
  const logBefore = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel'`)).rows[0].n;
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
      postmaster,
    ),
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
  return { list, cancel, consistent };
}

// ----------------------------------------------------------------------------------------------
const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
console.log(`bench-sandbox: Node ${process.version}, ${availableParallelism()} × ${cpu}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `  sandbox in this process (validateResponses off, the production setting); autocannon in a child process; ` +
    `Bearer access tokens from the sandbox's OpenID provider (not DPoP: a proof per request would measure the client's signing)`,
);
console.log(
  `  LIST: GET ${LIST.path}, ${LIST.connections} connections, ${LIST.seconds} s or ${fmt(LIST.max)} requests (after a ${WARMUP.seconds} s warm-up); ` +
    `CANCEL: ${fmt(CANCEL.n)} different appointments, ${CANCEL.connections} connections (cap ${CANCEL.seconds} s)`,
);

/** @type {Array<{ engine: string, how: string, list?: any, cancel?: any, consistent?: boolean, skip?: string }>} */
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

console.log('\nSummary (latencies in ms, 2xx answers only; req/s = all answers / wall time; CPU µs per request)');
const rows = [];
for (const r of results) {
  if (r.skip) {
    rows.push([r.how, 'skipped', '', '', '', '', '', '', '', '', '', '']);
    continue;
  }
  for (const [name, f, conns] of [
    ['LIST', r.list, LIST.connections],
    ['CANCEL', r.cancel, CANCEL.connections],
  ]) {
    rows.push([r.how, `${name} ×${conns}`, fmt(f.requests), fmt(f.rps), ms(f.p50), ms(f.p90), ms(f.p99), ms(f.max), `${f.errors}/${f.non2xx}`, us(f.nodeUs), us(f.pgUs), f.load.toFixed(1)]);
  }
}
table(rows, ['database', 'scenario', 'requests', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors/non-2xx', 'CPU sandbox', 'CPU PostgreSQL', 'load']);

for (const r of results) {
  if (r.consistent === false) {
    console.log(`\n${r.how} CANCEL: FAIL: the database does not show exactly ${CANCEL.n} single changes`);
    failed = true;
  }
}
const pg = results.find((r) => r.engine === 'postgres');
if (pg?.list) {
  const ok = pg.list.p99 < BUDGET_P99_MS && pg.list.errors === 0 && pg.list.non2xx === 0;
  console.log(
    `\nBudget: LIST p99 < ${BUDGET_P99_MS} ms at ${LIST.connections} concurrent clients on PostgreSQL, no errors: ` +
      `p99 ${ms(pg.list.p99)} ms, errors ${pg.list.errors}, non-2xx ${pg.list.non2xx} → ${ok ? 'PASS' : 'FAIL'}`,
  );
  if (!ok) failed = true;
} else if (engines.includes('postgres')) {
  console.log(`\nBudget: LIST p99 < ${BUDGET_P99_MS} ms on PostgreSQL: NOT CHECKED (${pg?.skip ?? 'PostgreSQL did not run'})`);
}
process.exit(failed ? 1 : 0);
