// @ts-check
/**
 * Helpers of the BFF's tests: the whole sandbox (API, development OpenID provider, database)
 * with the BFF under /bff, started on a free loopback port over a throw-away database, and the
 * browser stand-in (`browser`, from the sandbox's test-support: the PostgreSQL tests of two
 * instances use it too).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox } from '@omsorg/sandbox';
import { openTestDatabase } from '@omsorg/sandbox/test-support/database.js';

export { browser } from '@omsorg/sandbox/test-support/bff-browser.js';

/** Clock of the tests: stands still at the time it was made until a test moves it. */
export function testClock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (/** @type {number} */ ms) => void (t += ms) };
}

/**
 * @param {{ now?: () => Date, accessTokenTtl?: number }} [o]
 */
export async function startWithBff(o = {}) {
  const t = await openTestDatabase();
  await t.db.close();
  const tmp = await mkdtemp(join(tmpdir(), 'omsorg-bff-'));
  const dataDir = t.dataDir ? dirname(t.dataDir) : tmp;
  const logger = { log() {}, warn: process.env.BFF_DEBUG ? console.warn : () => {}, error: console.error };
  const s = await startSandbox({ port: 0, dataDir, databaseUrl: t.databaseUrl, schema: t.schema, bff: true, logger, ...o });
  return {
    sandbox: s,
    dataDir,
    testDb: t,
    async close() {
      await s.close();
      // PostgreSQL: the schema is dropped through a connection, and the first one was closed above.
      if (t.databaseUrl) await t.reopen();
      await t.cleanup();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
