/**
 * Loaded first in every browser test file (web-test-runner.config.mjs, `pageHooksPlugin`), so
 * the SDK's, the mocks', the rules core's and the elements' tests alike:
 *
 * - a failed assertion's values are made copyable before the runner sends the file's results
 *   (`reportable`);
 * - where the page is (the test, how many passed and failed, whether its tests ended) is kept on
 *   `window.__omsorgProgress`, for the runner to print when a file does not finish in time
 *   (describeStalls in the config). Test kits add to it: the elements' setup says which `until`
 *   a test waits in and which mock requests are not answered yet.
 */

export interface PageProgress {
  test?: string;
  since?: number;
  /** What the test waits for now (the elements' `until`). */
  waiting?: string;
  passed: number;
  failed: number;
  done?: boolean;
  failures: { test?: string; error: string }[];
  /** The mock API's requests not answered yet (the elements' setup defines it). */
  readonly unanswered?: string[];
}

declare global {
  // eslint-disable-next-line no-var
  var __omsorgProgress: PageProgress | undefined;
}

// Once per page, even if this module is reached under a second URL (the runner's import, and a
// test that imports it itself): one record, one set of hooks.
const progress: PageProgress = globalThis.__omsorgProgress ?? install();

function install(): PageProgress {
  const p: PageProgress = { passed: 0, failed: 0, failures: [] };
  globalThis.__omsorgProgress = p;
  beforeEach(function () {
    p.test = this.currentTest?.fullTitle();
    p.since = Date.now();
    p.waiting = undefined;
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') p.passed++;
    else if (this.currentTest?.state === 'failed') {
      p.failed++;
      const err = (this.currentTest as { err?: Error & { actual?: unknown; expected?: unknown } }).err;
      if (err) {
        err.actual = reportable(err.actual);
        err.expected = reportable(err.expected);
      }
      if (p.failures.length < 3) p.failures.push({ test: this.currentTest.fullTitle(), error: String(err?.stack ?? err).slice(0, 600) });
    }
  });
  after(() => {
    p.done = true;
  });
  return p;
}

/**
 * A failed assertion's value as the runner can carry it. The page sends a file's results once the
 * file ends, copied with structuredClone first, and an element cannot be copied: a failure whose
 * `actual` was an element (`expect(focused).to.equal(box)`) threw there, the results were never
 * sent, and the file "did not finish" with no word of the failure. Elements become their start
 * tag; anything else that cannot be copied, or is over 20,000 characters as JSON, its JSON (or
 * its string) cut to that length.
 */
export function reportable(value: unknown): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (value instanceof Element) return value.outerHTML.slice(0, value.outerHTML.indexOf('>') + 1) || `<${value.localName}>`;
  if (value instanceof Node) return `[${value.nodeName}]`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
    structuredClone(value);
    if (json === undefined || json.length <= 20_000) return value;
  } catch {
    // not copyable (a function, a class with private state), cyclic, or a getter that throws
  }
  return (json ?? String(value)).slice(0, 20_000);
}

/** This page's progress record (made before any test file's own code runs). */
export const pageProgress = (): PageProgress => progress;
