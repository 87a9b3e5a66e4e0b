// A throw-away PostgreSQL server (Debian's binaries, through scripts/ci-postgres.sh) for the
// benchmarks: bench-sandbox.mjs (the API under load) and bench-sandbox/bff.mjs (the BFF's cost).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CI_POSTGRES = new URL('../ci-postgres.sh', import.meta.url).pathname;

/** Debian's PostgreSQL binaries: $PG_BIN, else 15, else the newest installed (as ci-postgres.sh). */
export function postgresBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'pg_ctl')) ? process.env.PG_BIN : undefined;
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
  } catch {
    return undefined;
  }
  const pick = versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
  return pick ? `/usr/lib/postgresql/${pick}/bin` : undefined;
}

/**
 * Starts a server of our own, with its own directory (not inside a mkdtemp directory: that is
 * 0700 root, and the server runs as `postgres`). `durable` keeps PostgreSQL's default durability
 * (fsync on), as a deployment has it.
 * @param {{ db: string, durable?: boolean }} options
 * @returns {{ url: string, postmaster: number | undefined, bin: string, stop: () => void } | { skip: string }}
 */
export function startThrowawayPostgres({ db, durable = false }) {
  const bin = postgresBin();
  if (!bin) return { skip: `no PostgreSQL binaries (${process.env.PG_BIN ?? '/usr/lib/postgresql/*/bin'}): apt-get install postgresql, or set DATABASE_URL` };
  const dir = join(tmpdir(), `omsorg-bench-pg-${process.pid}-${randomBytes(3).toString('hex')}`);
  const env = { ...process.env, OMSORG_PG_DIR: dir, OMSORG_PG_DB: db, OMSORG_PG_DURABLE: durable ? '1' : '0', PG_BIN: bin };
  const stop = () => {
    const r = spawnSync('bash', [CI_POSTGRES, 'stop'], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) console.error(`ci-postgres.sh stop: ${r.stderr}`);
  };
  const r = spawnSync('bash', [CI_POSTGRES, 'start'], { env, encoding: 'utf8', timeout: 120_000 });
  const url = /^TEST_DATABASE_URL=(\S+)$/m.exec(r.stdout ?? '')?.[1];
  if (r.status !== 0 || !url) {
    stop();
    throw new Error(`scripts/ci-postgres.sh failed (${r.status}): ${r.stderr}`);
  }
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n', 1)[0]) || undefined;
  return { url, postmaster, bin, stop };
}
