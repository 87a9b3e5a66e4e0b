// @ts-check
/**
 * The whole sandbox on an ephemeral port over a fresh test database (PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set), seeded at the tests' fixed clock, for tests that need the real
 * server (provider, API, BFF) rather than the API alone (test/api-helpers.js).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox } from '../src/server.js';
import { openTestDatabase } from './database.js';

/**
 * @param {{ now: Date, options?: Partial<Parameters<typeof startSandbox>[0]> }} o `now`: the
 *   sandbox's clock and seed time; `options`: more of startSandbox's
 */
export async function startTestSandbox({ now, options = {} }) {
  const t = await openTestDatabase();
  await t.db.close();
  const tmp = await mkdtemp(join(tmpdir(), 'omsorg-sandbox-'));
  const s = await startSandbox({
    port: 0,
    dataDir: t.dataDir ? dirname(t.dataDir) : tmp,
    databaseUrl: t.databaseUrl,
    schema: t.schema,
    now: () => now,
    seedNow: now,
    logger: { log() {}, error: console.error },
    ...options,
  });
  return {
    /** The test database (`reopen` gives another connection to it). */
    t,
    /** The running sandbox. */
    s,
    async close() {
      await s.close();
      await t.reopen();
      await t.cleanup();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
