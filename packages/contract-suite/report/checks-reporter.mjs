// @ts-check
/**
 * A node:test reporter that writes each test's outcome as one JSON document (run.mjs passes it
 * with `--test-reporter` and a destination file per target): the path of suites above it
 * (`contract [sandbox]` › `cancel`), its title, passed / failed / skipped, the time it took and,
 * when it failed, the error's message. report.mjs turns these into the conformance report.
 *
 * @typedef {{ path: string[], title: string, status: 'passed' | 'failed' | 'skipped', durationMs: number, message?: string }} CheckOutcome
 */

/** The first line or so of an error, as a person reads it (a cause's message when it has one). */
function messageOf(/** @type {any} */ error) {
  const e = error?.cause ?? error;
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : e?.message ?? String(e ?? '');
  return String(text).slice(0, 2000);
}

/**
 * @param {AsyncIterable<{ type: string, data: any }>} source
 * @returns {AsyncGenerator<string>}
 */
export default async function* checksReporter(source) {
  /** @type {string[]} */
  const stack = [];
  /** @type {CheckOutcome[]} */
  const checks = [];
  for await (const { type, data } of source) {
    if (type === 'test:start') {
      stack.length = data.nesting;
      stack[data.nesting] = data.name;
    } else if ((type === 'test:pass' || type === 'test:fail') && data.details?.type !== 'suite') {
      const path = stack.slice(0, data.nesting);
      const skipped = data.skip !== undefined || data.todo !== undefined;
      checks.push({
        path,
        title: data.name,
        status: type === 'test:fail' ? 'failed' : skipped ? 'skipped' : 'passed',
        durationMs: Math.round(data.details?.duration_ms ?? 0),
        ...(type === 'test:fail' ? { message: messageOf(data.details?.error) } : {}),
      });
    } else if (type === 'test:fail' && data.details?.type === 'suite') {
      // A suite that failed by itself (its `before` hook: the target did not start) fails a check of its own.
      const message = messageOf(data.details?.error);
      if (!/subtests? failed/.test(message)) checks.push({ path: stack.slice(0, data.nesting), title: `${data.name} (setup)`, status: 'failed', durationMs: Math.round(data.details?.duration_ms ?? 0), message });
    }
  }
  yield `${JSON.stringify({ checks }, null, 2)}\n`;
}
