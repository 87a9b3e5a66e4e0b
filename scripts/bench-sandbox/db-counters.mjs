// What the API asks of the database during a run of scripts/bench-sandbox.mjs: the statements
// and transactions it sends (a counting wrapper on the database object), and PostgreSQL's own
// committed transactions, WAL flushes and the access-log rows written.
/**
 * Counts what the API asks of the database: every statement (a query, or BEGIN and COMMIT/ROLLBACK
 * of a transaction) and every transaction, by wrapping the database object the API holds.
 * @param {import('../../packages/sandbox/src/db/index.js').Database} db
 */
export function countStatements(db) {
  const n = { statements: 0, transactions: 0 };
  /** @param {import('../../packages/sandbox/src/db/index.js').Queryable} q */
  const wrap = (q) => ({
    ...q,
    query: (/** @type {string} */ sql, /** @type {unknown[]} */ params) => {
      n.statements++;
      return q.query(sql, params);
    },
    exec: (/** @type {string} */ sql) => {
      n.statements++;
      return q.exec(sql);
    },
  });
  const { query, exec, transaction } = db;
  const plain = wrap({ query: query.bind(db), exec: exec.bind(db) });
  db.query = plain.query;
  db.exec = plain.exec;
  db.transaction = (fn) => {
    n.transactions++;
    n.statements += 2; // BEGIN, COMMIT (or ROLLBACK)
    return transaction.call(db, (tx) => fn(wrap(tx)));
  };
  return { snapshot: () => ({ ...n }) };
}

/**
 * PostgreSQL's own counters (the whole database: every connection): committed transactions and WAL
 * flushes. Counters reach the statistics up to a second late, so read them after a pause.
 * @param {import('../../packages/sandbox/src/db/index.js').Database} db
 * @returns {Promise<{ commits: number, walSyncs: number | undefined, logRows: number } | undefined>}
 */
async function serverCounters(db) {
  const logRows = Number((await db.query('SELECT count(*)::int AS n FROM access_log')).rows[0].n);
  if (db.kind !== 'postgres') return { commits: NaN, walSyncs: undefined, logRows };
  await new Promise((r) => setTimeout(r, 1_200));
  const c = (await db.query('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0];
  const w = await db.query('SELECT wal_sync::text AS n FROM pg_stat_wal').catch(() => ({ rows: [] }));
  return { commits: Number(c?.n), walSyncs: w.rows[0] ? Number(w.rows[0].n) : undefined, logRows };
}

/**
 * @param {ReturnType<typeof countStatements>} counter
 * @param {import('../../packages/sandbox/src/db/index.js').Database} db
 * @returns {Promise<() => Promise<{ statements: number, transactions: number, commits?: number, walSyncs?: number, logRows?: number }>>}
 */
export async function measureDb(counter, db) {
  const s0 = counter.snapshot();
  const c0 = await serverCounters(db);
  return async () => {
    const s1 = counter.snapshot();
    const c1 = await serverCounters(db);
    const d = (/** @type {number | undefined} */ a, /** @type {number | undefined} */ b) => (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) ? b - a : undefined);
    return {
      statements: s1.statements - s0.statements,
      transactions: s1.transactions - s0.transactions,
      commits: d(c0?.commits, c1?.commits),
      walSyncs: d(c0?.walSyncs, c1?.walSyncs),
      logRows: d(c0?.logRows, c1?.logRows),
    };
  };
}
