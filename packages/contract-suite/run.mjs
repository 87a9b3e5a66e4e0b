#!/usr/bin/env node
// @ts-check
/**
 * Runs the contract suite against one or more targets, one `node --test` process per target.
 *
 *   node packages/contract-suite/run.mjs                       # mocks, sandbox, sandbox on FHIR
 *   node packages/contract-suite/run.mjs --target all          # mocks, sandbox, sandbox-fhir, sandbox-sources, external
 *   OMSORG_BASE_URL=https://api.example.no OMSORG_TOKEN=… [OMSORG_OTHER_TOKEN=…] \
 *     node packages/contract-suite/run.mjs --target external
 *
 * Options: --target <list> (mocks, sandbox, sandbox-fhir, sandbox-sources, external, all; comma-separated;
 *          default mocks,sandbox,sandbox-fhir,sandbox-sources)
 *          --reporter <name> (node:test reporter, default spec)  --no-self-check
 *          --report <dir> (writes the conformance report there: conformance.json, conformance.html
 *          and <target>.junit.xml; see report/report.mjs)
 * The mocks run also runs self-check.test.js (the suite fails on deliberately broken mocks).
 * Prints node:test's summary lines per target and a last line per target; exits 1 on any failure.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { OPENAPI_PATH } from './contract.js';
import { notRun } from './harness.js';
import { buildReport, targetReport, writeReport } from './report/report.mjs';
import { TARGET_ENV, TARGET_NAMES } from './targets.js';

const here = (/** @type {string} */ f) => fileURLToPath(new URL(f, import.meta.url));

function usage(/** @type {string} */ message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error('usage: node packages/contract-suite/run.mjs [--target mocks|sandbox|sandbox-fhir|sandbox-sources|external|all[,…]] [--reporter spec|tap|dot] [--no-self-check] [--report <dir>]');
  process.exit(2);
}

const args = process.argv.slice(2);
let targetArg = 'mocks,sandbox,sandbox-fhir,sandbox-sources';
let reporter = 'spec';
let selfCheck = true;
/** @type {string | undefined} */
let reportDir;
for (let i = 0; i < args.length; i++) {
  const a = /** @type {string} */ (args[i]);
  const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  const value = () => inline ?? args[++i] ?? usage(`${flag} needs a value`);
  if (flag === '--target' || flag === '-t') targetArg = String(value());
  else if (flag === '--reporter') reporter = String(value());
  else if (flag === '--no-self-check') selfCheck = false;
  else if (flag === '--report') reportDir = resolve(String(value()));
  else if (flag === '--help' || flag === '-h') usage('');
  else usage(`unknown argument ${a}`);
}
const targets = targetArg === 'all' ? [...TARGET_NAMES] : [...new Set(targetArg.split(',').map((s) => s.trim()).filter(Boolean))];
for (const t of targets) if (!(/** @type {readonly string[]} */ (TARGET_NAMES)).includes(t)) usage(`unknown target "${t}"`);
if (targets.length === 0) usage('no target');
if (targets.includes('external') && (!process.env.OMSORG_BASE_URL || !process.env.OMSORG_TOKEN)) {
  usage('the external target needs OMSORG_BASE_URL and OMSORG_TOKEN (optionally OMSORG_OTHER_TOKEN)');
}

/** Where a target's outcomes go with --report: node:test's JUnit file, and our checks file. */
const reportFiles = (/** @type {string} */ dir, /** @type {string} */ target) => ({ junit: join(dir, `${target}.junit.xml`), checks: join(dir, `.${target}.checks.json`) });

/**
 * @param {string} target
 * @returns {Promise<{ target: string, code: number, summary: Record<string, string>, ms: number }>}
 */
function runTarget(target) {
  const files = [here('./contract.test.js'), ...(target === 'mocks' && selfCheck ? [here('./self-check.test.js')] : [])];
  const reporters = [`--test-reporter=${reporter}`, '--test-reporter-destination=stdout'];
  if (reportDir) {
    mkdirSync(reportDir, { recursive: true });
    const out = reportFiles(reportDir, target);
    reporters.push('--test-reporter=junit', `--test-reporter-destination=${out.junit}`);
    reporters.push(`--test-reporter=${here('./report/checks-reporter.mjs')}`, `--test-reporter-destination=${out.checks}`);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', ...reporters, '--test-concurrency=1', ...files], {
      env: { ...process.env, [TARGET_ENV]: target, OMSORG_CONTRACT_RUNNER: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    /** @type {Record<string, string>} */
    const summary = {};
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // spec: "ℹ tests 30"; tap: "# tests 30"
        const m = /^(?:ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\S+)\s*$/.exec(line.trim());
        if (m?.[1] && m[2]) summary[m[1]] = m[2];
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ target, code: code ?? (signal ? 1 : 0), summary, ms: performance.now() - started }));
  });
}

const results = [];
for (const target of targets) {
  console.log(`\n=== omsorg contract suite: target ${target} ===`);
  for (const n of notRun(target)) console.log(`not run on ${target}: [${n.group}] ${n.title}: ${n.why}`);
  results.push(await runTarget(target));
}

console.log('\n=== omsorg contract suite: summary ===');
let failed = false;
for (const r of results) {
  const s = r.summary;
  const ok = r.code === 0 && (s.fail ?? '0') === '0' && (s.cancelled ?? '0') === '0' && s.tests !== '0';
  failed ||= !ok;
  const skipped = notRun(r.target).length;
  console.log(
    `${ok ? 'PASS' : 'FAIL'} ${r.target}: tests ${s.tests ?? '?'}, pass ${s.pass ?? '?'}, fail ${s.fail ?? '?'}, cancelled ${s.cancelled ?? '?'}` +
      `${skipped ? `, not run ${skipped} (see above)` : ''}, ${(r.ms / 1000).toFixed(1)} s${r.code !== 0 ? ` (exit ${r.code})` : ''}`,
  );
}

if (reportDir) {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8'));
  const suite = JSON.parse(readFileSync(here('./package.json'), 'utf8'));
  const report = buildReport({
    contract: { title: String(doc.info?.title ?? 'omsorg API'), version: String(doc.info?.version ?? '?') },
    suiteVersion: String(suite.version),
    targets: results.map((r) => {
      const file = reportFiles(/** @type {string} */ (reportDir), r.target).checks;
      const { checks } = JSON.parse(readFileSync(file, 'utf8'));
      rmSync(file);
      return targetReport({
        name: r.target,
        ...(r.target === 'external' && process.env.OMSORG_BASE_URL ? { baseUrl: process.env.OMSORG_BASE_URL } : {}),
        exitCode: r.code,
        durationMs: r.ms,
        outcomes: checks,
        notRun: notRun(r.target),
      });
    }),
  });
  writeReport(reportDir, report);
  console.log(`conformance report: ${join(reportDir, 'conformance.html')} (and conformance.json, ${results.map((r) => `${r.target}.junit.xml`).join(', ')})`);
  failed ||= !report.passed;
}
process.exitCode = failed ? 1 : 0;
