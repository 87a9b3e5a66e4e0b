// The test runner's own parts, for web-test-runner.config.mjs: what the dev server adds to the
// test pages (the page hooks, the key-chord command) and the reporter scripts/unit-engines.mjs
// reads.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Every browser test file, of every package, imports test/runner/page-hooks.ts before its own
 * code: a failure's values that the runner could not send are made copyable, and the page keeps
 * the record describeStalls prints. Prepended on the file's first line, so no line number moves.
 */
export function pageHooksPlugin() {
  return {
    name: 'omsorg-page-hooks',
    transform(context) {
      if (!context.path.endsWith('.test.ts')) return undefined;
      return { body: `import '/test/runner/page-hooks.ts';${context.body}` };
    },
  };
}

// sendKeys({ down })/({ up }) works with puppeteer only; this command holds keys down in order
// and releases them in reverse in every launcher (see packages/elements/src/test/keys.ts).
export function keyChordPlugin() {
  return {
    name: 'omsorg-key-chord',
    async executeCommand({ command, payload, session }) {
      if (command !== 'omsorg-key-chord') return undefined;
      const keys = payload?.keys;
      if (!Array.isArray(keys) || !keys.length || !keys.every((k) => typeof k === 'string')) {
        throw new Error('omsorg-key-chord needs { keys: string[] }');
      }
      if (session.browser.type === 'puppeteer') {
        const { keyboard } = session.browser.getPage(session.id);
        for (const k of keys) await keyboard.down(k);
        for (const k of [...keys].reverse()) await keyboard.up(k);
        return true;
      }
      if (session.browser.type === 'webdriver') {
        // webdriverio's keys(): every key down in order, then every key up.
        await session.browser.sendKeys(session.id, keys);
        return true;
      }
      throw new Error(`omsorg-key-chord: unsupported launcher ${session.browser.type}`);
    },
  };
}

/**
 * For scripts/unit-engines.mjs: writes to OMSORG_FAILED_FILES_OUT every file that failed in some
 * engine, and whether its page stopped answering (it did not start, did not finish, or its browser
 * went away, with no failing test) rather than failing a test.
 */
const UNANSWERED = /^(Browser tests did not (start|finish)|Tests were interrupted because the browser disconnected|Timed out stopping the browser page)/;
export function failedFilesReporter() {
  const out = process.env.OMSORG_FAILED_FILES_OUT;
  const failedTest = (suite) => Boolean(suite) && ((suite.tests ?? []).some((t) => !t.passed && !t.skipped) || (suite.suites ?? []).some(failedTest));
  return {
    onTestRunFinished({ sessions, testCoverage }) {
      if (!out) return;
      const files = sessions.filter((s) => !s.passed).map((s) => ({
        engine: { chrome: 'chromium' }[s.browser.name.toLowerCase()] ?? s.browser.name.toLowerCase(),
        file: relative(process.cwd(), s.testFile),
        errors: (s.errors ?? []).map((e) => e.message),
        unanswered: !failedTest(s.testResults) && (s.errors ?? []).length > 0 && s.errors.every((e) => UNANSWERED.test(e.message)),
      }));
      writeFileSync(out, JSON.stringify({ files, coverageFailed: testCoverage ? !testCoverage.passed : false }));
    },
  };
}
