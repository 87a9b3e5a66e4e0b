// One bounded load run for scripts/bench-sandbox.mjs: the load generator (load.mjs) in a child
// process, the server's CPU time over the run (this process, and PostgreSQL's from /proc when the
// server is ours), the requests the server answered, and the run's figures per request.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cleanups } from './cleanup.mjs';

const LOAD = fileURLToPath(new URL('./load.mjs', import.meta.url));

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
export function trackRequests(server) {
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
 * @param {object} job see load.mjs
 * @param {Tracker} tracker
 * @param {number | undefined} [postmaster]
 * @returns {Promise<{ result: import('autocannon').Result, cpuMs: number, sysMs: number, loadCpuMs: number | undefined, pgCpuMs: number | undefined, served: number }>}
 */
export function cannon(job, tracker, postmaster) {
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
      else ok({ result: msg.result, served, cpuMs: (cpu.user + cpu.system) / 1000, sysMs: cpu.system / 1000, loadCpuMs: msg.cpuMs, pgCpuMs: pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0 });
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
 * @param {{ result: import('autocannon').Result, cpuMs: number, sysMs: number, loadCpuMs: number | undefined, pgCpuMs: number | undefined, served: number }} run
 * @param {{ statements: number, transactions: number, commits?: number, walSyncs?: number, logRows?: number }} [counted]
 *   what the database was asked over the same run (totals)
 */
export function figures({ result: r, cpuMs, sysMs, loadCpuMs, pgCpuMs, served }, counted) {
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
    // Of which in the kernel (sockets: the API's answers and its statements to PostgreSQL).
    nodeSysUs: per(sysMs * 1000),
    loadUs: per(loadCpuMs === undefined ? undefined : loadCpuMs * 1000),
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
