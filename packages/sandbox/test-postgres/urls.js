// @ts-check
/**
 * The PostgreSQL server's URLs for the tests in this directory, which run only in .ci/run's
 * PostgreSQL pass (PGlite has one user and one process). Missing: a clear failure, never a skip.
 */

/**
 * @returns {{ url: string, ownerUrl: string, appUrl: string }}
 */
export function postgresUrls() {
  const url = process.env.TEST_DATABASE_URL;
  const ownerUrl = process.env.TEST_DATABASE_OWNER_URL;
  const appUrl = process.env.TEST_DATABASE_APP_URL;
  if (!url || !ownerUrl || !appUrl) {
    throw new Error(
      'packages/sandbox/test-postgres/ needs a PostgreSQL server with the owner and application roles: ' +
        'run `bash scripts/ci-postgres.sh start /tmp/pg.env` and `set -a; . /tmp/pg.env; set +a` first ' +
        '(TEST_DATABASE_URL, TEST_DATABASE_OWNER_URL and TEST_DATABASE_APP_URL)',
    );
  }
  return { url, ownerUrl, appUrl };
}
