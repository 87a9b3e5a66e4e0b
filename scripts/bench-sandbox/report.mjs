// What scripts/bench-sandbox.mjs prints: each run's figures, the summary table, the cancel
// checks and the budgets (issue 12) on PostgreSQL.
import { availableParallelism, loadavg } from 'node:os';
import { BEFORE, BUDGET, CANCEL, LIST, POLL, SCHEMES, engines } from './config.mjs';

export const ms = (v) => (typeof v === 'number' ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : '–');
export const fmt = (n) => Math.round(n).toLocaleString('en');
function table(rows, head) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(all[0]));
  console.log(w.map((x) => '-'.repeat(x)).join('  '));
  all.slice(1).forEach((r) => console.log(line(r)));
}
export const us = (v) => (typeof v === 'number' ? fmt(v) : '–');
export const dec = (v) => (typeof v === 'number' ? v.toFixed(2) : '–');

/** @param {string} label @param {ReturnType<typeof import('./load-run.mjs').figures>} f */
export function printFigures(label, f) {
  console.log(
    `  ${label}: ${fmt(f.requests)} requests in ${f.seconds.toFixed(1)} s = ${fmt(f.rps)} req/s; ` +
      `latency p50 ${ms(f.p50)} ms, p90 ${ms(f.p90)} ms, p99 ${ms(f.p99)} ms, max ${ms(f.max)} ms; ` +
      `errors ${f.errors} (timeouts ${f.timeouts}), non-2xx ${f.non2xx}; statuses ${JSON.stringify(f.statuses)}; ${fmt(f.served)} answered by the server; ` +
      `CPU per request: sandbox ${us(f.nodeUs)} µs (${us(f.nodeSysUs)} of it in the kernel), PostgreSQL ${us(f.pgUs)} µs, the load generator ${us(f.loadUs)} µs; ` +
      `per request: ${dec(f.statements)} statements, ${dec(f.transactions)} transactions (BEGIN…COMMIT), ` +
      `${dec(f.commits)} commits and ${dec(f.walSyncs)} WAL flushes in PostgreSQL, ${dec(f.logRows)} access-log rows; ` +
      `load average ${f.load.toFixed(1)}`,
  );
}

/**
 * The summary table, the cancel checks and the budgets.
 * @param {Array<{ engine: string, how: string, list?: Record<string, any>, poll?: any, cancel?: any, consistent?: boolean, skip?: string }>} results
 * @returns {boolean} whether a check or a budget failed
 */
export function printSummary(results) {
  let failed = false;
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
  return failed;
}
