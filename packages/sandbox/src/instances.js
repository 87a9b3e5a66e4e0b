// @ts-check
/**
 * Several sandbox processes behind ONE port (`cli.js start --instances 2`, `npm run sandbox:two`):
 * node:cluster forks the workers, each a whole sandbox (API, OpenID provider, staff page) of its
 * own (with `bff`, the backend-for-frontend under /bff too), and the primary hands each new
 * connection to the next worker in turn. They share one PostgreSQL database (PGlite belongs to
 * one process): the data, the Idempotency-Key records, the access log's chain, the DPoP proof
 * ids, the provider's sessions (`sharedState`) and the BFF's sessions (`bff_sessions`), and the
 * keys (files in the data directory: the provider's, and the BFF's client and session-sealing
 * key). Every answer names its worker in `X-Sandbox-Instance` (1, 2, …).
 *
 * The primary prepares what must happen once before the workers start: the migrations (the
 * BFF's too) and the seed (or `--reset`), and the key files. A worker that dies stops the whole
 * set.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { openDatabase } from './db/index.js';
import { isEmpty, seed } from './db/seed.js';
import { startSandbox } from './server.js';
import { fhirFileIn, startSeededFhirServer } from './records/open.js';

/**
 * @typedef {Omit<import('./server.js').SandboxOptions, 'instanceId'> & { dataDir: string }} InstanceOptions
 */

/**
 * In the primary: prepares, forks `count` workers, resolves with the shared URL once all listen.
 * In a worker: starts its sandbox and tells the primary. Stops on SIGINT/SIGTERM.
 * @param {number} count
 * @param {InstanceOptions} options
 * @param {{ reset?: () => Promise<void>, log?: Pick<Console, 'log' | 'error'> }} [o]
 * @returns {Promise<string | undefined>} the URL (primary), undefined (worker)
 */
export async function runInstances(count, options, { reset, log = console } = {}) {
  if (!options.databaseUrl) throw new Error('several instances need one PostgreSQL database (DATABASE_URL): PGlite is one process\'s');
  if (cluster.isWorker) {
    const sandbox = await startSandbox({ ...options, instanceId: process.env.SANDBOX_INSTANCE ?? String(cluster.worker?.id) });
    const stop = () => sandbox.close().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.send?.({ ready: sandbox.url });
    return undefined;
  }

  const bffLib = options.bff ? await import('@omsorg/bff') : undefined;
  if (reset) await reset();
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    ownerUrl: options.ownerDatabaseUrl,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(bffLib ? { alsoMigrate: [bffLib.migrateBff] } : {}),
  });
  /** @type {Record<string, string>} */
  const workerEnv = {};
  try {
    const fresh = !reset && (await isEmpty(db));
    if (fresh) await seed(db, { now: options.seedNow ?? new Date() });
    // Record system fhir without a server of its own: one development FHIR server, in the
    // primary, that every instance uses (each its own in memory would not share the data).
    if (options.records === 'fhir' && !options.fhirUrl) {
      const fhir = await startSeededFhirServer(db, { now: options.seedNow ?? new Date(), logger: log, file: fhirFileIn(options.dataDir), fresh: fresh || !!reset });
      workerEnv.OMSORG_FHIR_URL = fhir.fhir.base;
      log.log(`Records: FHIR R4, the development server at ${fhir.fhir.base}, shared by the instances`);
    }
  } finally {
    await db.close();
  }
  const { loadOrCreateCookieKeys, loadOrCreateJwks } = await import('./oidc/keys.js');
  await Promise.all([
    loadOrCreateJwks(join(options.dataDir, 'oidc')),
    loadOrCreateCookieKeys(join(options.dataDir, 'oidc')),
    // One client key (registered with the provider) and one session-sealing key for all workers.
    bffLib?.loadOrCreateDevKeys(join(options.dataDir, 'bff', 'bff-keys.json')),
  ]);

  cluster.setupPrimary({ silent: false });
  let stopping = false;
  /** @type {Promise<string>[]} */
  const ready = [];
  for (let i = 1; i <= count; i++) {
    const worker = cluster.fork({ SANDBOX_INSTANCE: String(i), ...workerEnv });
    ready.push(
      new Promise((ok, ko) => {
        worker.on('message', (m) => {
          if (m && typeof m.ready === 'string') ok(m.ready);
        });
        worker.once('exit', (code) => ko(new Error(`instance ${i} stopped while starting (exit ${code})`)));
      }),
    );
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      log.error(`omsorg sandbox: instance ${i} stopped (${signal ?? `exit ${code}`}); stopping the others`);
      stopAll(1);
    });
  }
  /** @param {number} code */
  const stopAll = (code) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(code);
    for (const w of workers) {
      w?.once('exit', () => {
        if (--left === 0) process.exit(code);
      });
      w?.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  const urls = await Promise.all(ready).catch((err) => {
    stopAll(1);
    throw err;
  });
  return urls[0];
}
