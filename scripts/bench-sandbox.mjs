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
//      BENCH_CANCEL_N  BENCH_CANCEL_CONNECTIONS  BENCH_CANCEL_SECONDS  BENCH_PROFILE=1  BENCH_PROFILE_OUT=dir (the raw .cpuprofile)
//
// The parts, in scripts/bench-sandbox/: config.mjs (the settings above), one-database.mjs (the
// server and database, the scenarios, the cancel check), load-run.mjs (a load run and its CPU
// time), db-counters.mjs, profile.mjs, report.mjs (what is printed, the budgets), cleanup.mjs.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { CANCEL, LIST, POLL, SCHEMES, WARMUP, engines } from './bench-sandbox/config.mjs';
import { cleanup, stopOnSignalsAndWatchdog } from './bench-sandbox/cleanup.mjs';
import { benchOne, postgresSource } from './bench-sandbox/one-database.mjs';
import { fmt, printSummary } from './bench-sandbox/report.mjs';

stopOnSignalsAndWatchdog();

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

if (printSummary(results)) failed = true;
process.exit(failed ? 1 : 0);
