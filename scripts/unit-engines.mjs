#!/usr/bin/env node
// `npm run test:unit:engines`: every browser test file in Chromium (two pages at a time, with
// coverage), then in Firefox and WebKit side by side (web-test-runner.config.mjs says why).
//
// A file whose page stopped answering runs once more, alone in that engine, and the log says so
// in capitals: a file that did not start or did not finish within the runner's limits, or whose
// browser went away, with no failing test. A file with a failing test is never run again: its
// failure stands, and so does any other failure of the run. (The stall that failed a CI run on
// 2026-12-04 was a failing test whose report could not leave the page; the element tests' setup
// now makes such a report sendable, and web-test-runner.config.mjs describes any page that
// stalls.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wtr = join(root, 'node_modules', '.bin', 'web-test-runner');
const scratch = mkdtempSync(join(tmpdir(), 'omsorg-wtr-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** One web-test-runner run; resolves to its exit code and what the config's reporter wrote. */
function run(label, env, files) {
  const out = join(scratch, `${label}.json`);
  const args = ['--config', 'web-test-runner.config.mjs', ...(files.length ? ['--files', ...files] : [])];
  return new Promise((resolve) => {
    const child = spawn(wtr, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env, OMSORG_FAILED_FILES_OUT: out } });
    child.once('exit', (code, signal) => {
      const record = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
      resolve({ code: code ?? (signal ? 1 : 0), record });
    });
  });
}

/** A pass over the given engines; files whose page stopped answering get one more run each. */
async function pass(engines) {
  const first = await run(engines.replace(',', '-'), { OMSORG_BROWSERS: engines }, files);
  if (first.code === 0) return 0;
  const failed = first.record?.files;
  // No record (the runner itself broke), a failing test, or coverage below its threshold: the
  // run's result stands.
  if (!failed?.length || failed.some((f) => !f.unanswered) || first.record.coverageFailed) return first.code;
  for (const engine of new Set(failed.map((f) => f.engine))) {
    const stalled = failed.filter((f) => f.engine === engine).map((f) => f.file);
    console.error(`\n[omsorg test runner] A ${engine.toUpperCase()} PAGE STOPPED ANSWERING in ${stalled.join(', ')}:\n` +
      `  ${failed.find((f) => f.engine === engine).errors.join('\n  ')}\n` +
      `  Running ${stalled.length === 1 ? 'that file' : 'those files'} once more in ${engine}, in a fresh browser, without coverage.`);
    const again = await run(`again-${engine}`, { OMSORG_BROWSERS: engine, OMSORG_COVERAGE: 'off' }, stalled);
    if (again.code !== 0) return again.code;
    console.error(`[omsorg test runner] ${stalled.join(', ')} passed in ${engine} when run again.`);
  }
  return 0;
}

// `npm run test:unit:engines -- 'packages/sdk/**/*.test.ts'`: only those files.
const files = process.argv.slice(2);
let code = await pass('chromium');
if (code === 0) code = await pass('firefox,webkit');
process.exit(code);
