// What scripts/bench-sandbox.mjs runs, from its environment (the list in its header): the
// scenarios' sizes and bounds, the schemes and databases, the budgets, and the test person.
const num = (name, dflt) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
export const LIST = {
  seconds: num('BENCH_LIST_SECONDS', 8),
  max: num('BENCH_LIST_MAX', 20_000),
  connections: num('BENCH_LIST_CONNECTIONS', 50),
  path: '/v1/subjects/me/appointments?when=upcoming&limit=20',
};
// Until the server's code is compiled by V8's optimising tiers: a count, capped in time.
export const WARMUP = { seconds: num('BENCH_WARMUP_SECONDS', 4), max: 1_500, connections: 10 };
export const SCHEMES = /** @type {Array<'bearer' | 'dpop'>} */ ((process.env.BENCH_SCHEMES ?? 'bearer,dpop').split(',').map((s) => s.trim()).filter(Boolean));
for (const s of SCHEMES) if (s !== 'bearer' && s !== 'dpop') throw new Error(`BENCH_SCHEMES: unknown scheme ${s} (bearer, dpop)`);
export const POLL = {
  tabs: num('BENCH_TABS', 10_000),
  seconds: num('BENCH_POLL_SECONDS', 5),
  connections: 100,
  // The SDK's poller (packages/sdk/src/poll.ts): every 10 s, doubling while nothing changes, up to 120 s.
  minIntervalSec: 10,
  maxIntervalSec: 120,
  path: '/v1/subjects/me/threads',
};
export const PROFILE = process.env.BENCH_PROFILE === '1';
export const CANCEL = {
  n: num('BENCH_CANCEL_N', 3_000),
  connections: num('BENCH_CANCEL_CONNECTIONS', 10),
  seconds: num('BENCH_CANCEL_SECONDS', 40),
  prefix: 'apt-bench-',
};
export const BUDGET = { rps: 2_000, p99Ms: 50, nodeUs: 400, pgUs: 300 };
/** The same figures measured before issue 12 (README, quiet 2-core machine; Bearer only). */
export const BEFORE = { rps: 1_266, p99Ms: 64 };
export const PERSON = 'psn-ola-7f3a';
export const SUBJECT = 'sub-ola-7f3a';
export const CANCEL_BODY = JSON.stringify({ reason: { system: 'urn:omsorg:codesystem:avbestillingsarsak', code: 'pat-crs' } });
export const engines = (process.env.BENCH_DB ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
