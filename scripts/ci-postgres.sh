#!/usr/bin/env bash
# A throw-away PostgreSQL server (Debian's packages) for the sandbox's tests and benchmark.
#
#   scripts/ci-postgres.sh [start] [ENV_FILE]   start it (or find it running), print
#                                               TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/omsorg_test
#                                               (a superuser) and the two roles' URLs
#                                               TEST_DATABASE_OWNER_URL (omsorg_owner: owns the
#                                               schema, migrates) and TEST_DATABASE_APP_URL
#                                               (omsorg_app: what the API connects as), and write
#                                               those lines to ENV_FILE (for `. ENV_FILE`)
#   scripts/ci-postgres.sh stop                 stop it (by its PID file) and delete its directory
#   scripts/ci-postgres.sh status               print the URL and exit 0 when running, else exit 1
#
# - Binaries: $PG_BIN, else /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin.
#   None and root: `apt-get install -y postgresql` (Debian's PostgreSQL, 15 on Debian 12).
# - The cluster lives in $OMSORG_PG_DIR (default ${TMPDIR:-/tmp}/omsorg-ci-postgres): data/,
#   the socket, log, url. initdb refuses root, so as root everything runs as `postgres`.
# - Listens on 127.0.0.1 only, on a free port; trust authentication for loopback only.
# - A test server: fsync, synchronous_commit and full_page_writes are off (faster, and a crash
#   loses nothing we need). OMSORG_PG_DURABLE=1 keeps PostgreSQL's defaults (the benchmark).
# - Run twice: `start` on a running server reprints its URL; a dead one's directory is replaced;
#   `stop` with nothing running does nothing.
set -euo pipefail

mode=start
case "${1:-}" in
  start) shift ;;
  stop | status) mode=$1; shift ;;
  -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
esac
env_file=${1:-}

dir=${OMSORG_PG_DIR:-${TMPDIR:-/tmp}/omsorg-ci-postgres}
data=$dir/data
db_name=${OMSORG_PG_DB:-omsorg_test}
log() { printf 'ci-postgres: %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }
# Runs a PostgreSQL binary as the cluster's owner (postgres when we are root).
as_owner() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then [ -x "$PG_BIN/pg_ctl" ] && { echo "$PG_BIN"; return; }; return 1; fi
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] && [ -x "$newest/pg_ctl" ] && { echo "$newest"; return; }
  return 1
}

postmaster_pid() { [ -f "$data/postmaster.pid" ] && head -n 1 "$data/postmaster.pid" | tr -dc '0-9'; }
# Alive and not a zombie (a killed postmaster can linger as one until PID 1 reaps it).
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  if [ -r "/proc/$1/stat" ]; then
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ] || return 1
  fi
}
running() { pid_alive "$(postmaster_pid || true)"; }

# The two roles of a deployment (no passwords: loopback trust): the owner of the schema, who runs
# the migrations, and the application, which may not alter or disable the access log.
ensure_roles() {
  local url=$1
  "$bin/psql" -X -q -v ON_ERROR_STOP=1 "${url%/*}/postgres" >/dev/null <<EOF
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omsorg_owner') THEN CREATE ROLE omsorg_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omsorg_app') THEN CREATE ROLE omsorg_app LOGIN; END IF;
END
\$\$;
GRANT CREATE, CONNECT ON DATABASE "$db_name" TO omsorg_owner;
GRANT CONNECT ON DATABASE "$db_name" TO omsorg_app;
EOF
}

write_env() {
  local url=$1
  local owner_url=${url/postgres@/omsorg_owner@} app_url=${url/postgres@/omsorg_app@}
  printf 'TEST_DATABASE_URL=%s\nTEST_DATABASE_OWNER_URL=%s\nTEST_DATABASE_APP_URL=%s\n' "$url" "$owner_url" "$app_url"
  if [ -n "$env_file" ]; then
    mkdir -p "$(dirname "$env_file")"
    printf 'TEST_DATABASE_URL=%s\nTEST_DATABASE_OWNER_URL=%s\nTEST_DATABASE_APP_URL=%s\n' "$url" "$owner_url" "$app_url" >"$env_file"
    log "wrote $env_file"
  fi
}

stop_server() {
  if running; then
    local pid bin
    pid=$(postmaster_pid)
    bin=$(find_bin || true)
    log "stopping PostgreSQL (pid $pid, $data)"
    if [ -n "$bin" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; fi
    # pg_ctl reads the same PID file; if it could not stop it, signal that PID directly.
    for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.2; done
    if pid_alive "$pid"; then kill -INT "$pid" 2>/dev/null || true; sleep 2; fi
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  fi
  # Only ever delete a directory this script made (it holds our marker file).
  if [ -d "$dir" ]; then
    if [ -f "$dir/.omsorg-ci-postgres" ] || [ ! -e "$data" ]; then rm -rf "$dir"; else log "not deleting $dir: not made by this script"; return 1; fi
  fi
}

case "$mode" in
  stop)
    stop_server
    exit 0
    ;;
  status)
    if running && [ -f "$dir/url" ]; then cat "$dir/url"; exit 0; fi
    exit 1
    ;;
esac

# --- start -------------------------------------------------------------------------------------
if running && [ -f "$dir/url" ]; then
  log "already running (pid $(postmaster_pid), $data)"
  bin=$(find_bin)
  ensure_roles "$(cat "$dir/url")"
  write_env "$(cat "$dir/url")"
  exit 0
fi
if [ -e "$dir" ]; then
  log "removing the remains of an earlier run in $dir"
  stop_server
fi

if ! bin=$(find_bin); then
  if ! is_root; then
    log "no PostgreSQL binaries (looked in \$PG_BIN, /usr/lib/postgresql/*/bin) and not root: apt-get install -y postgresql"
    exit 1
  fi
  log "installing Debian's PostgreSQL (apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -qq
  timeout 600 apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin=$(find_bin) || { log "apt-get installed postgresql but no binaries under /usr/lib/postgresql"; exit 1; }
fi
if is_root && ! id postgres >/dev/null 2>&1; then
  log "running as root and there is no 'postgres' user for initdb (install Debian's postgresql package)"
  exit 1
fi

mkdir -p "$dir"
chmod 700 "$dir"
touch "$dir/.omsorg-ci-postgres"
if is_root; then chown -R postgres:postgres "$dir"; fi

log "initdb ($bin, $data)"
as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
# Loopback only: the Unix socket (in $dir) and 127.0.0.1 / ::1 over TCP, without passwords.
as_owner tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# omsorg CI: a throw-away server, reachable only from this machine
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
host    all   all   ::1/128        trust
EOF

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

settings=(-c listen_addresses=127.0.0.1 -c max_connections=200 -k "$dir")
if [ "${OMSORG_PG_DURABLE:-0}" != 1 ]; then
  settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

port=
for attempt in 1 2 3; do
  port=$(free_port)
  if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/log" -w -t 60 -o "-p $port ${settings[*]}" start >/dev/null 2>&1; then
    break
  fi
  log "start on port $port failed (attempt $attempt): $(tail -n 3 "$dir/log" 2>/dev/null | tr '\n' ' ')"
  port=
done
[ -n "$port" ] || { log "PostgreSQL did not start; see $dir/log"; exit 1; }

"$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "CREATE DATABASE \"$db_name\"" >/dev/null
url="postgres://postgres@127.0.0.1:$port/$db_name"
ensure_roles "$url"
echo "$url" >"$dir/url"
if is_root; then chown postgres:postgres "$dir/url"; fi
log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running (pid $(postmaster_pid), port $port, $([ "${OMSORG_PG_DURABLE:-0}" = 1 ] && echo durable || echo 'fsync off')); stop: $0 stop"
write_env "$url"
