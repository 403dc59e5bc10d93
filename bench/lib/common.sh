# Sourced by the bench/ scripts: logging, free loopback ports, waiting for an HTTP endpoint, and CPU time of
# processes. Needs nothing else; defines log, die, free_port, wait_http, cpu_ticks.
log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { # url, seconds, [curl args]
  local url=$1 deadline=$((SECONDS + $2)); shift 2
  until curl -fs -o /dev/null "$@" "$url"; do
    ((SECONDS < deadline)) || die "timeout waiting for $url"
    sleep 0.3
  done
}
# CPU time (user + system, clock ticks of getconf CLK_TCK) the processes used so far: divided by the requests served
# over a run it is the cost per request, which other processes on a busy machine disturb far less than req/s
cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $t; }
# EXIT trap of a bench script: stops the processes in PIDS and the nginx whose pid file is $WORK/upstream.pid, gives
# PostgreSQL its CPU affinity back (bench/lib/postgres-affinity.sh), drops the run's database $DB when DROP_DB is
# true, and keeps $WORK (logs) only when the run failed. Use: trap bench_cleanup EXIT
bench_cleanup() {
  local rc=$?
  trap - EXIT
  unpin_postgres
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -f $WORK/upstream.pid ]] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
  if ${DROP_DB:-false}; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if ((rc != 0)); then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
