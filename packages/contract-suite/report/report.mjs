// @ts-check
/**
 * The conformance report a vendor can publish: what run.mjs writes with `--report <dir>`.
 *
 *   conformance.json        the contract's version, when, and per target each check: passed,
 *                           failed (with the message) or not run (with the reason)
 *   conformance.html        the same on one page, with no scripts and nothing fetched
 *   <target>.junit.xml      node:test's JUnit reporter, for a CI system's test view
 *
 * @typedef {import('./checks-reporter.mjs').CheckOutcome} CheckOutcome
 * @typedef {{ group: string, title: string, status: 'passed' | 'failed' | 'skipped' | 'not-run', durationMs?: number, message?: string, why?: string }} ReportCheck
 * @typedef {{ name: string, baseUrl?: string, passed: boolean, exitCode: number, durationMs: number, counts: Record<'passed' | 'failed' | 'skipped' | 'notRun', number>, checks: ReportCheck[] }} ReportTarget
 * @typedef {{ format: 'omsorg-conformance/1', contract: { title: string, version: string }, suite: { version: string }, generatedAt: string, passed: boolean, targets: ReportTarget[] }} Report
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One target's part of the report, from its outcomes (checks-reporter.mjs) and the checks that
 * were not run there.
 * @param {{ name: string, baseUrl?: string, exitCode: number, durationMs: number, outcomes: readonly CheckOutcome[], notRun: readonly { group: string, title: string, why: string }[] }} t
 * @returns {ReportTarget}
 */
export function targetReport({ name, baseUrl, exitCode, durationMs, outcomes, notRun }) {
  /** @type {ReportCheck[]} */
  const checks = [
    // Only the contract's checks (`contract [<target>]` › group › check): not the suite's self-check.
    ...outcomes.filter((o) => o.path[0]?.startsWith('contract [')).map((o) => ({
      // The path is `contract [<target>]` › <group>: the group is the innermost suite.
      group: o.path.length > 1 ? /** @type {string} */ (o.path[o.path.length - 1]) : 'suite',
      title: o.title,
      status: o.status,
      durationMs: o.durationMs,
      ...(o.message !== undefined ? { message: o.message } : {}),
    })),
    ...notRun.map((n) => ({ group: n.group, title: n.title, status: /** @type {const} */ ('not-run'), why: n.why })),
  ];
  const count = (/** @type {ReportCheck['status']} */ s) => checks.filter((c) => c.status === s).length;
  const counts = { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), notRun: count('not-run') };
  return { name, ...(baseUrl ? { baseUrl } : {}), passed: exitCode === 0 && counts.failed === 0 && counts.passed > 0, exitCode, durationMs: Math.round(durationMs), counts, checks };
}

/**
 * @param {{ contract: { title: string, version: string }, suiteVersion: string, targets: ReportTarget[], now?: Date }} o
 * @returns {Report}
 */
export function buildReport({ contract, suiteVersion, targets, now = new Date() }) {
  return {
    format: 'omsorg-conformance/1',
    contract: { title: contract.title, version: contract.version },
    suite: { version: suiteVersion },
    generatedAt: now.toISOString(),
    passed: targets.length > 0 && targets.every((t) => t.passed),
    targets,
  };
}

/** Text for HTML: every character that could start markup or end an attribute is escaped. */
export function escapeHtml(/** @type {unknown} */ value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STATUS_TEXT = /** @type {const} */ ({ passed: 'passed', failed: 'FAILED', skipped: 'skipped', 'not-run': 'not run' });

/**
 * The report as one HTML page: no scripts, no external files, readable printed and by a screen
 * reader (a table per target with a caption and header cells; the result in words, not colour).
 * @param {Report} r
 */
export function reportHtml(r) {
  const e = escapeHtml;
  const targets = r.targets
    .map((t) => {
      const rows = t.checks
        .map(
          (c) =>
            `<tr class="${c.status}"><td>${e(c.group)}</td><td>${e(c.title)}</td><td>${e(STATUS_TEXT[c.status])}</td><td>${
              c.status === 'failed' ? `<pre>${e(c.message ?? '')}</pre>` : c.status === 'not-run' ? e(c.why ?? '') : c.durationMs !== undefined ? `${e(c.durationMs)} ms` : ''
            }</td></tr>`,
        )
        .join('\n');
      return `<section aria-labelledby="t-${e(t.name)}">
<h2 id="t-${e(t.name)}">Target ${e(t.name)}: ${t.passed ? 'passed' : 'FAILED'}</h2>
${t.baseUrl ? `<p>Base URL: <code>${e(t.baseUrl)}</code></p>` : ''}
<p>${e(t.counts.passed)} passed, ${e(t.counts.failed)} failed, ${e(t.counts.notRun)} not run${t.counts.skipped ? `, ${e(t.counts.skipped)} skipped` : ''}; ${e((t.durationMs / 1000).toFixed(1))} s.</p>
<table>
<caption>Checks on ${e(t.name)}</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(r.contract.title)} ${e(r.contract.version)}: conformance ${r.passed ? 'passed' : 'FAILED'}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.45;margin:0 auto;max-width:70rem;padding:1rem;color:#1e2b3c}
table{border-collapse:collapse;width:100%;margin:.5rem 0 2rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #d5d9e6}
tr.failed td{background:#fdecec}tr.failed td:nth-child(3){font-weight:700}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85rem}
.verdict{font-size:1.2rem;font-weight:700}
</style>
</head>
<body>
<h1>Conformance with the ${e(r.contract.title)}, version ${e(r.contract.version)}</h1>
<p class="verdict">${r.passed ? 'Every target passed every check it ran.' : 'At least one check FAILED.'}</p>
<p>Checked by the omsorg contract suite ${e(r.suite.version)} on <time datetime="${e(r.generatedAt)}">${e(r.generatedAt)}</time>. A check that was not run needs something the target was not given (a second person, a CORS origin); the reason is in its row.</p>
${targets}
</body>
</html>
`;
}

/**
 * Writes conformance.json and conformance.html into `dir` (the JUnit files are written there by
 * node:test's own reporter while the targets run).
 * @param {string} dir
 * @param {Report} report
 */
export function writeReport(dir, report) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'conformance.html'), reportHtml(report));
}
