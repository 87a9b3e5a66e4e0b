// One database for scripts/bench-sandbox.mjs: where PostgreSQL comes from, then start the
// sandbox on it, sign in, insert, LIST (Bearer, DPoP), POLL (304), CANCEL, and check the cancels.
import { generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, TEST_CLIENT_ID } from '../../packages/sandbox/src/index.js';
import { signIn } from '@omsorg/sandbox/test-support/login.js';
import { startThrowawayPostgres } from './postgres.mjs';
import { CANCEL, CANCEL_BODY, LIST, PERSON, POLL, PROFILE, SCHEMES, SUBJECT, WARMUP } from './config.mjs';
import { cleanups } from './cleanup.mjs';
import { cannon, figures, trackRequests } from './load-run.mjs';
import { countStatements, measureDb } from './db-counters.mjs';
import { profiled } from './profile.mjs';
import { dec, fmt, printFigures, us } from './report.mjs';

/**
 * The postmaster's PID of the server behind `db`, when we may read its data directory.
 * @param {import('../../packages/sandbox/src/db/index.js').Database} db
 */
async function postmasterOf(db) {
  try {
    const dir = (await db.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`)).rows[0]?.setting;
    return dir ? Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]) || undefined : undefined;
  } catch {
    return undefined;
  }
}

// ----------------------------------------------------------------------------------------------
// PostgreSQL: DATABASE_URL, or a throw-away server of our own.
// ----------------------------------------------------------------------------------------------
export async function postgresSource() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, how: 'DATABASE_URL (a new schema, dropped afterwards)' };
  const pg = startThrowawayPostgres({ db: 'omsorg_bench', durable: true });
  if ('skip' in pg) return { skip: `no DATABASE_URL and ${pg.skip}` };
  cleanups.push(pg.stop);
  return { url: pg.url, postmaster: pg.postmaster, how: `a throw-away PostgreSQL started by scripts/ci-postgres.sh (${pg.bin}, default durability: fsync on)` };
}

// ----------------------------------------------------------------------------------------------
// One database: start, sign in, insert, LIST (Bearer, DPoP), POLL (304), CANCEL, check.
// ----------------------------------------------------------------------------------------------
/**
 * @param {'pglite' | 'postgres'} engine
 * @param {string | undefined} databaseUrl
 * @param {number} [postmaster] the PID of our own PostgreSQL server (for its CPU time)
 */
export async function benchOne(engine, databaseUrl, postmaster) {
  const dataDir = await mkdtemp(join(tmpdir(), `omsorg-bench-${engine}-`));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const schema = databaseUrl ? `omsorg_bench_${randomBytes(4).toString('hex')}` : undefined;
  const t0 = performance.now();
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    ...(databaseUrl ? { databaseUrl, schema } : {}),
    validateResponses: false,
  });
  let dropped = false;
  const close = async () => {
    if (schema && !dropped) {
      dropped = true;
      await sandbox.db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await sandbox.close();
  };
  cleanups.push(close);
  const version = (await sandbox.db.query('SELECT version() AS v')).rows[0].v.split(' on ')[0];
  if (engine === 'postgres' && !postmaster) postmaster = await postmasterOf(sandbox.db);
  console.log(
    `  sandbox ${sandbox.url} (${version}${schema ? `, schema ${schema}` : ''}) up in ${((performance.now() - t0) / 1000).toFixed(1)} s` +
      (engine === 'postgres' ? `; PostgreSQL's CPU ${postmaster ? `from /proc (postmaster ${postmaster} and its children)` : 'not measured (not our server)'}` : ''),
  );

  // Full sign-ins (authorize, the login page, consent, the code for tokens), timed here and
  // not in a test: on a busy machine a duration says nothing about correctness.
  const tSignIn = performance.now();
  const signInAs = { issuer: sandbox.issuer, clientId: TEST_CLIENT_ID, redirectUri: `${sandbox.url}/callback`, personId: PERSON };
  const session = await signIn(signInAs);
  console.log(`  a full sign-in through the provider took ${(performance.now() - tSignIn).toFixed(0)} ms`);
  if (session.tokenType !== 'Bearer') throw new Error(`expected a Bearer token, got ${session.tokenType}`);
  // The DPoP key: made here, so that the load generator can sign each request's proof with it.
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = pair.privateKey.export({ format: 'jwk' });
  const publicJwk = pair.publicKey.export({ format: 'jwk' });
  const dpopKeyPair = {
    privateKey: await webcrypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
    publicKey: await webcrypto.subtle.importKey('jwk', publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']),
  };
  const dpopSession = await signIn({ ...signInAs, dpop: true, dpopKeyPair });
  if (dpopSession.tokenType !== 'DPoP') throw new Error(`expected a DPoP token, got ${dpopSession.tokenType}`);
  const authorization = `Bearer ${session.accessToken}`;
  // One request by hand for each scheme: the scenario answers 200 before any load is put on it.
  for (const headers of [{ Authorization: authorization }, await dpopSession.authorization('GET', `${sandbox.url}${LIST.path}`)]) {
    const probe = await fetch(`${sandbox.url}${LIST.path}`, { headers });
    if (probe.status !== 200) throw new Error(`GET ${LIST.path}: HTTP ${probe.status} ${await probe.text()}`);
    await probe.arrayBuffer();
  }

  // N cancellable appointments for Ola, starting in a year (deadline a day before each).
  const t1 = performance.now();
  const from = new Date(Date.now() + 365 * 86_400_000);
  const inserted = await sandbox.db.query(
    `INSERT INTO appointments (subject_id, id, version, status, service_type_system, service_type_code, start_at, end_at,
                               timing, description, care_service_id, policy_deadline, policy_phone, policy_mode)
     SELECT t.subject_id, $4 || lpad(g::text, 6, '0'), 'v1', 'booked', t.service_type_system, t.service_type_code,
            $2::timestamptz + g * interval '1 hour', $2::timestamptz + g * interval '1 hour' + interval '30 minutes',
            'exact', 'Benchmark', t.care_service_id, $2::timestamptz + g * interval '1 hour' - interval '1 day', t.policy_phone, 'final'
       FROM (SELECT * FROM appointments WHERE subject_id = $1 ORDER BY start_at, id LIMIT 1) t
      CROSS JOIN generate_series(1, $3::int) g`,
    [SUBJECT, from, CANCEL.n, CANCEL.prefix],
  );
  if (inserted.rowCount !== CANCEL.n) throw new Error(`inserted ${inserted.rowCount} appointments, not ${CANCEL.n}`);
  // What autovacuum would do within a minute (PGlite has none): without fresh statistics the
  // planner takes the table for nearly empty and sorts all of Ola's appointments for each page.
  await sandbox.db.exec('ANALYZE appointments');
  console.log(`  signed in as ${PERSON} (Bearer, and DPoP with its own key); inserted ${fmt(CANCEL.n)} cancellable appointments (and ANALYZE) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const counter = countStatements(sandbox.db);
  const tracker = trackRequests(sandbox.server);
  const headers = { authorization };
  const dpopJob = { accessToken: dpopSession.accessToken, privateJwk, publicJwk };

  // LIST ---------------------------------------------------------------------------------------
  const listUrl = `${sandbox.url}${LIST.path}`;
  /** @type {Record<string, ReturnType<typeof figures>>} */
  const list = {};
  for (const scheme of SCHEMES) {
    const auth = scheme === 'dpop' ? { dpop: dpopJob } : { headers };
    await cannon({ url: listUrl, ...auth, connections: WARMUP.connections, duration: WARMUP.seconds, maxOverallRequests: WARMUP.max }, tracker);
    const done = await measureDb(counter, sandbox.db);
    const run = await cannon({ url: listUrl, ...auth, connections: LIST.connections, duration: LIST.seconds, maxOverallRequests: LIST.max }, tracker, postmaster);
    list[scheme] = figures(run, await done());
    printFigures(`LIST ${scheme === 'dpop' ? 'DPoP  ' : 'Bearer'} (${LIST.connections} connections)`, list[scheme]);
    if (PROFILE) {
      await profiled(`LIST ${scheme}, ${Math.min(LIST.seconds, 5)} s more`, () =>
        cannon({ url: listUrl, ...auth, connections: LIST.connections, duration: Math.min(LIST.seconds, 5), maxOverallRequests: LIST.max }, tracker),
      );
    }
  }

  // POLL: open tabs revalidating their threads ------------------------------------------------
  const threadsUrl = `${sandbox.url}${POLL.path}`;
  const first = await fetch(threadsUrl, { headers: { Authorization: authorization } });
  const etag = first.headers.get('etag');
  await first.arrayBuffer();
  if (first.status !== 200 || !etag) throw new Error(`GET ${POLL.path}: HTTP ${first.status}, ETag ${etag}`);
  const rate = Math.round(POLL.tabs / POLL.minIntervalSec);
  const pollHeaders = { authorization, 'if-none-match': etag };
  await cannon({ url: threadsUrl, headers: pollHeaders, connections: WARMUP.connections, duration: WARMUP.seconds, maxOverallRequests: WARMUP.max }, tracker);
  const pollDone = await measureDb(counter, sandbox.db);
  const pollRun = await cannon(
    { url: threadsUrl, headers: pollHeaders, connections: POLL.connections, duration: POLL.seconds, maxOverallRequests: rate * POLL.seconds, overallRate: rate },
    tracker,
    postmaster,
  );
  const poll = figures(pollRun, await pollDone());
  const notModified = poll.statuses['304'] ?? 0;
  printFigures(`POLL   (${fmt(POLL.tabs)} tabs offered at ${fmt(rate)} req/s)`, poll);
  const perCore = (/** @type {number} */ intervalSec) => ((POLL.tabs / intervalSec) * ((poll.nodeUs ?? 0) + (poll.pgUs ?? 0))) / 1e6;
  console.log(
    `  a 304 costs ${us(poll.nodeUs)} µs in the server and ${us(poll.pgUs)} µs in PostgreSQL, ${dec(poll.statements)} statements, ` +
      `${dec(poll.logRows)} access-log rows (${notModified === poll.requests ? 'every answer 304' : `only ${notModified} of ${poll.requests} answers 304`}); ` +
      `${fmt(POLL.tabs)} tabs polling every ${POLL.minIntervalSec} s need ${perCore(POLL.minIntervalSec).toFixed(2)} cores, every ${POLL.maxIntervalSec} s ${perCore(POLL.maxIntervalSec).toFixed(3)}`,
  );

  // CANCEL -------------------------------------------------------------------------------------
  const logBefore = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel'`)).rows[0].n;
  const cancelDone = await measureDb(counter, sandbox.db);
  const cancel = figures(
    await cannon(
      {
        url: sandbox.url,
        headers,
        connections: CANCEL.connections,
        duration: CANCEL.seconds,
        maxOverallRequests: CANCEL.n,
        cancel: { prefix: CANCEL.prefix, n: CANCEL.n, body: CANCEL_BODY },
      },
      tracker,
      postmaster,
    ),
    await cancelDone(),
  );
  printFigures(`CANCEL (${CANCEL.connections} connections)`, cancel);
  await new Promise((r) => setTimeout(r, 300)); // answers cut off by the time cap may still commit

  // Exactly one change per appointment: status, version, the idempotency records, the log.
  const { rows } = await sandbox.db.query(
    `SELECT count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE status = 'cancelled' AND version = 'v2' AND cancel_reason_code = 'pat-crs')::int AS once,
            count(*) FILTER (WHERE status <> 'cancelled' AND version = 'v1')::int AS untouched
       FROM appointments WHERE subject_id = $1 AND id LIKE $2`,
    [SUBJECT, `${CANCEL.prefix}%`],
  );
  const idem = (await sandbox.db.query('SELECT count(*)::int AS n FROM idempotency_records WHERE person_id = $1', [PERSON])).rows[0].n;
  const logged = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel' AND outcome = 'ok'`)).rows[0].n;
  const logAfter = (await sandbox.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'cancel'`)).rows[0].n;
  const c = rows[0];
  const consistent =
    c.cancelled === CANCEL.n && c.once === CANCEL.n && c.untouched === 0 && cancel.ok === CANCEL.n && idem === CANCEL.n && logged === CANCEL.n && logAfter - logBefore === CANCEL.n;
  console.log(
    `  check: ${c.cancelled} of ${CANCEL.n} cancelled (${c.once} exactly once, v1→v2), ${c.untouched} untouched; ` +
      `${cancel.ok} answers 200; ${idem} idempotency records; ${logged} access-log rows 'ok' → ${consistent ? 'OK' : 'MISMATCH'}`,
  );
  await close();
  return { list, poll, cancel, consistent };
}
