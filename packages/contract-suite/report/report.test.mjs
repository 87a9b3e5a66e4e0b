// @ts-check
// The conformance report (run.mjs --report): the reporter's outcomes from a real node:test run,
// the report built from them, its HTML with hostile text from a server, and run.mjs writing all
// three files against the mocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildReport, escapeHtml, reportHtml, targetReport } from './report.mjs';

const run = promisify(execFile);
/** The environment without this test run's own node:test context (a child `node --test` would report to us, not to its reporters). */
const { NODE_TEST_CONTEXT: _ours, ...childEnv } = process.env;
const here = (/** @type {string} */ f) => fileURLToPath(new URL(f, import.meta.url));
const HOSTILE = '<script>alert(1)</script> "quoted" \u202Egnp.exe';

/** Runs `source` as a test file under node:test with the checks reporter; returns its outcomes. */
async function outcomesOf(/** @type {string} */ source) {
  const dir = mkdtempSync(join(tmpdir(), 'omsorg-report-'));
  try {
    writeFileSync(join(dir, 'fixture.test.mjs'), source);
    const out = join(dir, 'checks.json');
    await run(process.execPath, ['--test', `--test-reporter=${here('./checks-reporter.mjs')}`, `--test-reporter-destination=${out}`, join(dir, 'fixture.test.mjs')], { env: childEnv }).catch(() => undefined);
    return JSON.parse(readFileSync(out, 'utf8')).checks;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FIXTURE = `
import { describe, it } from 'node:test';
describe('contract [x]', () => {
  describe('reads', () => {
    it('lists', () => {});
    it('pages', () => { throw new Error(${JSON.stringify(HOSTILE)}); });
  });
  describe('cancel', () => {
    it('cancels', () => {});
  });
});
describe('self-check', () => { it('catches broken mocks', () => {}); });
`;

test('the reporter records each check with its group path, result, time and a failure\'s message', async () => {
  const outcomes = await outcomesOf(FIXTURE);
  assert.deepEqual(
    outcomes.map((/** @type {any} */ o) => [o.path.join(' › '), o.title, o.status]),
    [
      ['contract [x] › reads', 'lists', 'passed'],
      ['contract [x] › reads', 'pages', 'failed'],
      ['contract [x] › cancel', 'cancels', 'passed'],
      ['self-check', 'catches broken mocks', 'passed'],
    ],
  );
  assert.equal(outcomes[1].message, HOSTILE);
  for (const o of outcomes) assert.equal(typeof o.durationMs, 'number');
});

test('a target with a failed check fails; not-run checks are listed with the reason; the self-check is left out', async () => {
  const outcomes = await outcomesOf(FIXTURE);
  const t = targetReport({ name: 'external', baseUrl: 'https://api.example.no', exitCode: 1, durationMs: 1234, outcomes, notRun: [{ group: 'cors', title: 'preflight', why: 'OMSORG_CORS_ORIGIN not set' }] });
  assert.deepEqual(t.counts, { passed: 2, failed: 1, skipped: 0, notRun: 1 });
  assert.equal(t.passed, false);
  assert.deepEqual(t.checks.map((c) => `${c.group}: ${c.title} ${c.status}`), ['reads: lists passed', 'reads: pages failed', 'cancel: cancels passed', 'cors: preflight not-run']);
  const report = buildReport({ contract: { title: 'omsorg citizen API', version: '1.0.0' }, suiteVersion: '0.1.0', targets: [t], now: new Date('2026-12-03T12:00:00Z') });
  assert.equal(report.passed, false);
  assert.equal(report.generatedAt, '2026-12-03T12:00:00.000Z');
  const passing = targetReport({ name: 'mocks', exitCode: 0, durationMs: 10, outcomes: outcomes.filter((/** @type {any} */ o) => o.status === 'passed'), notRun: [] });
  assert.equal(passing.passed, true);
  assert.equal(buildReport({ contract: report.contract, suiteVersion: '0.1.0', targets: [passing] }).passed, true);
  // Nothing run is no pass.
  assert.equal(targetReport({ name: 'mocks', exitCode: 0, durationMs: 10, outcomes: [], notRun: [] }).passed, false);
});

test('the HTML page escapes what a server sent, and is a table per target with its result in words', async () => {
  const outcomes = await outcomesOf(FIXTURE);
  const t = targetReport({ name: 'external', baseUrl: 'https://api.example.no/<b>', exitCode: 1, durationMs: 1000, outcomes, notRun: [] });
  const html = reportHtml(buildReport({ contract: { title: 'omsorg citizen API', version: '1.0.0' }, suiteVersion: '0.1.0', targets: [t] }));
  assert.doesNotMatch(html, /<script/i);
  assert.ok(html.includes(escapeHtml(HOSTILE)));
  assert.ok(html.includes('https://api.example.no/&lt;b&gt;'));
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<caption>Checks on external<\/caption>/);
  assert.match(html, /<th scope="col">Result<\/th>/);
  assert.match(html, /version 1\.0\.0/);
  assert.match(html, /At least one check FAILED/);
  assert.match(html, /<td>FAILED<\/td>/);
});

test('run.mjs --report writes conformance.json, conformance.html and the JUnit file for the mocks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'omsorg-conformance-'));
  try {
    await run(process.execPath, [here('../run.mjs'), '--target', 'mocks', '--report', dir, '--reporter', 'dot'], { env: childEnv, maxBuffer: 20 * 1024 * 1024 });
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    assert.equal(report.format, 'omsorg-conformance/1');
    assert.equal(report.contract.title, 'omsorg citizen API');
    assert.match(report.contract.version, /^\d+\.\d+\.\d+$/);
    assert.equal(report.passed, true);
    const [mocks] = report.targets;
    assert.equal(mocks.name, 'mocks');
    assert.ok(mocks.counts.passed > 50, `${mocks.counts.passed} checks passed`);
    assert.equal(mocks.counts.failed, 0);
    assert.ok(mocks.checks.every((/** @type {any} */ c) => c.group !== 'suite'), 'every check has its group');
    const junit = readFileSync(join(dir, 'mocks.junit.xml'), 'utf8');
    assert.match(junit, /^<\?xml/);
    assert.ok((junit.match(/<testcase /g) ?? []).length >= mocks.counts.passed);
    assert.match(readFileSync(join(dir, 'conformance.html'), 'utf8'), /Every target passed every check it ran/);
    assert.equal(existsSync(join(dir, '.mocks.checks.json')), false, 'the intermediate file is removed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
