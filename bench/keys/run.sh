#!/usr/bin/env bash
# Gatehouse benchmark for issue 3: a runtime node holding N active API keys (default 1,000,000).
#
#   bench/keys/run.sh [--keys N] [--rounds R] [--timeout S] [--keep-work]
#
# Measures and prints, then writes to bench/results/keys-<date>.md:
#   - full-sync time of a fresh node (empty data dir) against an admin holding N keys:
#     JVM start -> readiness 200 with gatehouse_config_keys = N, and the node's own log timings
#     (stream connect -> "Serving configuration ... N keys");
#   - heap used after a full GC (jcmd GC.run, then GC.heap_info and the Prometheus heap gauges) on that node
#     and on a node with the same configuration and 0 keys; bytes per key = (with - without) / N;
#   - size of the node's last-known-good file;
#   - one-key propagation with N keys loaded: issue -> the key works on the node, revoke -> refused (R rounds,
#     median and worst), plus a check that a well-formed key that was never issued gets 401.
#
# Everything runs on 127.0.0.1: a fresh database gatehouse_bench_<random> on the local PostgreSQL server
# (dropped at the end), the demo upstream, the admin (-Xmx768m) and runtime nodes (-Xmx1g, brute-force limiter
# off so that polling with a not-yet-valid key is not blocked). Every process is stopped by PID on exit, also on
# failure or Ctrl-C. Each wait is bounded by --timeout seconds.
#
# Keys are loaded with one bulk SQL INSERT into api_keys (random 32-byte hashes), then the admin's content hash
# is made consistent the supported way: config_state.rehash = true and an admin restart, so ContentHashRepair
# recomputes the hash over every stored object (keys included) and advances the revision.
#
# A run with 1,000,000 keys takes about 6-8 minutes on 2 cores (most of it: JVM starts, the bulk INSERT, the
# admin restart and the snapshot stream); all timings move with the machine's load, which the table records.
# --keep-work keeps the logs (admin, nodes, GC logs, raw propagation figures) in /tmp/gatehouse-bench-keys.*;
# they are also kept when the run fails.
#
# Environment: GATEHOUSE_BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres; only host and port are
# used), GATEHOUSE_BENCH_PG_USER (postgres), GATEHOUSE_BENCH_PG_PASSWORD (empty), JAVA (java on PATH).
# Needs: JDK 17+ (java, jcmd), curl, psql.
set -euo pipefail

script=${BASH_SOURCE[0]}
BENCH_DIR=$(cd "$(dirname "$script")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
RESULTS_DIR=$ROOT/bench/results
COMMAND_LINE="bench/keys/run.sh${*:+ $*}"

KEYS=1000000
ROUNDS=20
TIMEOUT=300
KEEP_WORK=false
ADMIN_HEAP=768m
NODE_HEAP=1g

usage() {
  sed -n '2,/^set -euo/p' "$script" | sed -e '$d' -e 's/^# \{0,1\}//'
}

while (($#)); do
  case $1 in
    --keys) KEYS=${2:?--keys needs a number}; shift 2 ;;
    --keys=*) KEYS=${1#*=}; shift ;;
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
    --rounds=*) ROUNDS=${1#*=}; shift ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
    --timeout=*) TIMEOUT=${1#*=}; shift ;;
    --keep-work) KEEP_WORK=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ $KEYS =~ ^[0-9]+$ && $KEYS -ge 1 ]] || { echo "--keys must be a positive integer" >&2; exit 2; }
[[ $ROUNDS =~ ^[0-9]+$ && $ROUNDS -ge 1 ]] || { echo "--rounds must be a positive integer" >&2; exit 2; }
[[ $TIMEOUT =~ ^[0-9]+$ && $TIMEOUT -ge 10 ]] || { echo "--timeout must be at least 10 seconds" >&2; exit 2; }

JAVA=${JAVA:-java}
JCMD=$(command -v jcmd || true)
if [[ -z $JCMD ]]; then
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
  JCMD=$java_home/bin/jcmd
fi
for tool in "$JAVA" "$JCMD" curl psql; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool not found" >&2; exit 1; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[%s] FAILED: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; } # milliseconds -> "12.3"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }  # bytes -> "12.3"

# --- PostgreSQL ---------------------------------------------------------------------------------------------
PG_URL=${GATEHOUSE_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
PG_USER=${GATEHOUSE_BENCH_PG_USER:-postgres}
PG_PASSWORD=${GATEHOUSE_BENCH_PG_PASSWORD:-}
pg_hostport=${PG_URL#jdbc:}
pg_hostport=${pg_hostport#postgresql://}
pg_hostport=${pg_hostport#postgres://}
pg_hostport=${pg_hostport##*@}
pg_hostport=${pg_hostport%%/*}
pg_hostport=${pg_hostport%%\?*}
PG_HOST=${pg_hostport%%:*}
PG_PORT=5432
[[ $pg_hostport == *:* ]] && PG_PORT=${pg_hostport##*:}
DB_NAME=gatehouse_bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
DB_CREATED=false

psql_on() { # database, psql args...
  local db=$1
  shift
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=10 PGOPTIONS="-c statement_timeout=${TIMEOUT}s" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
    -U "$PG_USER" -d "$db" "$@"
}
sql() { psql_on "$DB_NAME" -At -c "$1"; }

# --- processes ----------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/gatehouse-bench-keys.XXXXXX)
PIDS=()
NAMES=()

stop_pid() { # pid, name
  local pid=$1 name=$2 deadline
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 40)) # Spring's graceful shutdown waits up to 30 s
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop in time; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

CLEANED=false
cleanup() {
  local rc=$?
  [[ $CLEANED == true ]] && return
  CLEANED=true
  trap - INT TERM
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[i]}" "${NAMES[i]}"
  done
  if [[ $DB_CREATED == true ]]; then
    psql_on postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 ||
      psql_on postgres -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 ||
      echo "run.sh: could not drop database $DB_NAME; drop it by hand" >&2
  fi
  rm -rf "$WORK"/node-*/data
  if [[ $rc -ne 0 || $KEEP_WORK == true ]]; then
    echo "run.sh: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_proc() { # name, log file, command...
  local name=$1 logfile=$2
  shift 2
  "$@" >"$logfile" 2>&1 </dev/null &
  PIDS+=("$!")
  NAMES+=("$name")
}

forget_pid() { # pid: after it has been stopped
  local i
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if [[ ${PIDS[i]} == "$1" ]]; then
      unset 'PIDS[i]' 'NAMES[i]'
      PIDS=("${PIDS[@]}")
      NAMES=("${NAMES[@]}")
      return
    fi
  done
}

# Runs a command in the background (so the traps can stop it by PID) and waits for it.
run_tracked() { # name, command...
  local name=$1 rc=0
  shift
  "$@" </dev/null &
  local pid=$!
  PIDS+=("$pid")
  NAMES+=("$name")
  wait "$pid" || rc=$?
  forget_pid "$pid"
  return "$rc"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
USED_PORTS=" "
free_port() {
  local port tries=0
  while ((tries++ < 200)); do
    port=$((20000 + RANDOM % 40000))
    [[ $USED_PORTS == *" $port "* ]] && continue
    if ! port_open "$port"; then
      USED_PORTS+="$port "
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" 2>/dev/null || true; }

wait_http() { # name, pid, log file, url: until it answers 200 (bounded)
  local name=$1 pid=$2 logfile=$3 url=$4 deadline=$((SECONDS + TIMEOUT))
  until [[ $(http_code "$url") == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$logfile" >&2 || true
      die "$name exited during start-up (log $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$logfile" >&2 || true
      die "$name did not answer 200 on $url within ${TIMEOUT}s"
    fi
    sleep 0.2
  done
}

# --- build --------------------------------------------------------------------------------------------------
ADMIN_JAR=$ROOT/gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=$ROOT/gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
CONFIG_JAR=$ROOT/gateway-config/target/gateway-config-0.1.0-SNAPSHOT.jar
if [[ ! -f $ADMIN_JAR || ! -f $RUNTIME_JAR || ! -f $CONFIG_JAR ]]; then
  log "building the jars: ./mvnw -q -B -DskipTests package"
  (cd "$ROOT" && sh ./mvnw -q -B -DskipTests package)
fi
for jar in "$ADMIN_JAR" "$RUNTIME_JAR" "$CONFIG_JAR"; do
  [[ -f $jar ]] || die "missing $jar after the build"
done

# --- machine ------------------------------------------------------------------------------------------------
NPROC=$(nproc)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_TOTAL=$(free -h | awk '/^Mem:/ { print $2 }')
MEM_AVAILABLE=$(free -h | awk '/^Mem:/ { print $7 }')
FREE_H=$(free -h)
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -n 1)
JAVA_VM=$("$JAVA" -version 2>&1 | tail -n 1)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "n/a")
if [[ $GIT_REV != n/a && -n $(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1) ]]; then
  GIT_REV="$GIT_REV (with uncommitted changes)"
fi
STARTED_AT=$(date '+%Y-%m-%d %H:%M:%S %Z')
log "N=$KEYS keys, $ROUNDS rounds, timeout ${TIMEOUT}s per wait; $NPROC cores, load $LOAD_START; work dir $WORK"

# --- database, upstream, admin ------------------------------------------------------------------------------
PG_VERSION=$(psql_on postgres -At -c "SHOW server_version") || die "PostgreSQL at $PG_HOST:$PG_PORT does not answer"
psql_on postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
DB_CREATED=true
log "database $DB_NAME created on $PG_HOST:$PG_PORT (PostgreSQL $PG_VERSION)"

UPSTREAM_PORT=$(free_port)
ADMIN_PORT=$(free_port)
ADMIN_URL=http://127.0.0.1:$ADMIN_PORT
API=$ADMIN_URL/api/v1
random_alnum() { head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c "1-$1"; }
ADMIN_TOKEN=gha_$(random_alnum 40)
CLUSTER_TOKEN=ghc_$(random_alnum 40)
ADMIN_PASSWORD=$(random_alnum 24)

start_proc upstream "$WORK/upstream.log" \
  env DEMO_NAME=bench-upstream DEMO_BIND=127.0.0.1 "$JAVA" -Xmx64m "$ROOT/demo/DemoUpstream.java" "$UPSTREAM_PORT"
UPSTREAM_PID=${PIDS[-1]}

ADMIN_LOG=$WORK/admin.log
start_admin() {
  start_proc admin "$ADMIN_LOG" \
    env -u MANAGEMENT_SERVER_PORT \
    SERVER_PORT="$ADMIN_PORT" \
    GATEHOUSE_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME" \
    GATEHOUSE_DB_USER="$PG_USER" \
    GATEHOUSE_DB_PASSWORD="$PG_PASSWORD" \
    GATEHOUSE_DATA_DIR="$WORK/admin-data" \
    GATEHOUSE_ADMIN_USER=admin \
    GATEHOUSE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    GATEHOUSE_ADMIN_TOKEN="$ADMIN_TOKEN" \
    GATEHOUSE_CLUSTER_TOKEN="$CLUSTER_TOKEN" \
    GATEHOUSE_DEMO_SEED=false \
    "$JAVA" -Xmx$ADMIN_HEAP -jar "$ADMIN_JAR"
  ADMIN_PID=${PIDS[-1]}
}
start_admin
wait_http upstream "$UPSTREAM_PID" "$WORK/upstream.log" "http://127.0.0.1:$UPSTREAM_PORT/"
wait_http admin "$ADMIN_PID" "$ADMIN_LOG" "$ADMIN_URL/actuator/health"
log "admin ready on $ADMIN_URL (pid $ADMIN_PID), upstream on 127.0.0.1:$UPSTREAM_PORT"

api() { # method, path, [json body]: fails unless 2xx
  local method=$1 path=$2 body=${3:-} out code
  out=$WORK/api-response.json
  code=$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -X "$method" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$API$path") || true
  [[ $code == 2?? ]] || die "$method $path answered ${code:-nothing}: $(head -c 600 "$out" 2>/dev/null)"
}

CONSUMER=bench-consumer
ROUTE_PATH=/bench
api POST /services "{\"name\": \"bench-upstream\", \"protocol\": \"http\", \"basePath\": \"\",
  \"targets\": [{\"host\": \"127.0.0.1\", \"port\": $UPSTREAM_PORT, \"weight\": 100}],
  \"connectTimeoutMs\": 2000, \"responseTimeoutMs\": 10000}"
api POST /routes "{\"name\": \"bench\", \"service\": \"bench-upstream\", \"paths\": [\"$ROUTE_PATH\"],
  \"pathMatch\": \"prefix\", \"auth\": \"key\", \"keyAuth\": {\"header\": \"X-API-Key\"}}"
api POST /consumers "{\"name\": \"$CONSUMER\", \"description\": \"bench/keys/run.sh\"}"
CONSUMER_ID=$(sql "SELECT id FROM consumers WHERE name = '$CONSUMER'")
[[ -n $CONSUMER_ID ]] || die "consumer $CONSUMER not found in the database"
log "service, route $ROUTE_PATH (auth: key) and consumer $CONSUMER ($CONSUMER_ID) created"

# --- runtime nodes ------------------------------------------------------------------------------------------
# Starts a fresh node and waits until it is ready with the expected number of keys. Sets NODE_PID,
# NODE_PROXY_PORT, NODE_MGMT_PORT, NODE_DIR, NODE_LOG, NODE_LAUNCH_MS, NODE_READY_MS.
start_node() { # id, expected keys
  local id=$1 expected=$2 deadline code keys
  NODE_DIR=$WORK/node-$id
  mkdir -p "$NODE_DIR/data"
  NODE_LOG=$NODE_DIR/node.log
  NODE_PROXY_PORT=$(free_port)
  NODE_MGMT_PORT=$(free_port)
  NODE_LAUNCH_MS=$(now_ms)
  start_proc "node $id" "$NODE_LOG" \
    env SERVER_PORT="$NODE_PROXY_PORT" \
    MANAGEMENT_SERVER_PORT="$NODE_MGMT_PORT" \
    GATEHOUSE_ADMIN_URL="$ADMIN_URL" \
    GATEHOUSE_CLUSTER_TOKEN="$CLUSTER_TOKEN" \
    GATEHOUSE_NODE_ID="$id" \
    GATEHOUSE_NODE_DATA_DIR="$NODE_DIR/data" \
    GATEHOUSE_NODE_ADDRESS="127.0.0.1:$NODE_PROXY_PORT" \
    GATEHOUSE_AUTH_BRUTE_FORCE_ENABLED=false \
    LOGGING_LEVEL_DEV_GATEHOUSE_RUNTIME_SYNC=DEBUG \
    LOGGING_LEVEL_DEV_GATEHOUSE_RUNTIME_LKG=DEBUG \
    "$JAVA" -Xmx$NODE_HEAP "-Xlog:gc:file=$NODE_DIR/gc.log" -jar "$RUNTIME_JAR"
  NODE_PID=${PIDS[-1]}
  deadline=$((SECONDS + TIMEOUT))
  while true; do
    code=$(http_code "http://127.0.0.1:$NODE_MGMT_PORT/actuator/health/readiness")
    if [[ $code == 200 ]]; then
      NODE_READY_MS=$(now_ms)
      keys=$(node_metric gatehouse_config_keys)
      if [[ -n $keys && $keys -ge $expected ]]; then
        NODE_KEYS=$keys
        break
      fi
    fi
    if ! kill -0 "$NODE_PID" 2>/dev/null; then
      tail -n 40 "$NODE_LOG" >&2 || true
      die "node $id exited while syncing (log $NODE_LOG)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$NODE_LOG" >&2 || true
      die "node $id not ready with $expected keys within ${TIMEOUT}s (readiness ${code:-none}, keys ${keys:-?})"
    fi
    sleep 0.1
  done
}

node_metric() { # name: value of an unlabelled gauge, as an integer
  curl -s --max-time 10 "http://127.0.0.1:$NODE_MGMT_PORT/actuator/prometheus" 2>/dev/null |
    awk -v m="$1" '$1 == m { printf "%d\n", $2 + 0 }'
}

# Epoch milliseconds of the first log line of a file matching a pattern (Spring Boot's ISO timestamps).
log_ms() { # file, extended regex
  local line
  line=$(grep -m 1 -E "$2" "$1" 2>/dev/null) || return 0
  date -d "${line%%[[:space:]]*}" +%s%3N 2>/dev/null || true
}

# Waits until the node has written its last-known-good file and the file has stopped changing.
wait_lkg() { # expected keys
  local file=$NODE_DIR/data/config.json deadline=$((SECONDS + TIMEOUT)) size last=-1 stable=0
  while ((stable < 3)); do
    ((SECONDS < deadline)) || die "no stable last-known-good file at $file within ${TIMEOUT}s"
    if grep -q "Wrote last known good configuration.*($1 keys)" "$NODE_LOG" 2>/dev/null && [[ -f $file ]]; then
      size=$(stat -c %s "$file")
      if [[ $size == "$last" ]]; then stable=$((stable + 1)); else stable=0; fi
      last=$size
    fi
    sleep 1
  done
  LKG_BYTES=$last
  LKG_WRITE_MS=$(grep -E "Wrote last known good configuration.*\($1 keys\)" "$NODE_LOG" | tail -n 1 |
    sed -n 's/.* in \([0-9]*\) ms.*/\1/p')
}

# Full GC, then the heap in use: G1's own figure (GC.heap_info) and the sum of the Prometheus heap pools.
measure_heap() {
  "$JCMD" "$NODE_PID" GC.run >/dev/null
  sleep 1
  "$JCMD" "$NODE_PID" GC.run >/dev/null
  local info
  info=$("$JCMD" "$NODE_PID" GC.heap_info)
  HEAP_USED=$(($(sed -n 's/.*heap.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' <<<"$info" | head -n 1) * 1024))
  HEAP_REGION=$(sed -n 's/.*region size \([0-9]*[KM]\).*/\1/p' <<<"$info" | head -n 1)
  HEAP_PROM=$(curl -s --max-time 10 "http://127.0.0.1:$NODE_MGMT_PORT/actuator/prometheus" |
    awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF } END { printf "%d\n", s }')
  HISTOGRAM=$("$JCMD" "$NODE_PID" GC.class_histogram 2>/dev/null | sed -n '1,10p')
}

# Largest heap occupancy before a collection, from the node's GC log (MiB), during the whole run so far.
gc_peak() {
  grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$NODE_DIR/gc.log" 2>/dev/null |
    awk -F'[M>(-]+' '{ if ($1 > p) p = $1; if ($3 > c) c = $3 } END { printf "%d/%d\n", p, c }'
}

run_keybench() { # out file
  run_tracked keybench "$JAVA" -Xmx256m -cp "$CONFIG_JAR" "$BENCH_DIR/KeyBench.java" \
    admin="$ADMIN_URL" token="$ADMIN_TOKEN" consumer="$CONSUMER" \
    proxy="http://127.0.0.1:$NODE_PROXY_PORT$ROUTE_PATH/ping" rounds="$ROUNDS" timeout-ms=30000 out="$1"
}

kv() { sed -n "s/^$2=//p" "$1" | head -n 1; } # file, key

# --- baseline: a node with the same configuration and 0 keys -----------------------------------------------
log "baseline node (0 keys): starting"
start_node base 0
BASE_PID=$NODE_PID
BASE_READY=$((NODE_READY_MS - NODE_LAUNCH_MS))
wait_lkg 0
BASE_LKG=$LKG_BYTES
measure_heap
BASE_HEAP=$HEAP_USED
BASE_HEAP_PROM=$HEAP_PROM
BASE_HISTOGRAM=$HISTOGRAM
log "baseline node ready in $(secs "$BASE_READY") s; heap after full GC $(mib "$BASE_HEAP") MiB; LKG $BASE_LKG bytes"
log "baseline node: propagation with 0 keys ($ROUNDS rounds)"
run_keybench "$WORK/propagation-0.txt" >"$WORK/keybench-0.log" 2>&1 ||
  { cat "$WORK/keybench-0.log" >&2; die "propagation on the baseline node failed"; }
BASE_NODE_DIR=$NODE_DIR
stop_pid "$BASE_PID" "baseline node"
forget_pid "$BASE_PID"
log "baseline node stopped"

# --- load N keys --------------------------------------------------------------------------------------------
log "loading $KEYS keys with one INSERT ... SELECT generate_series"
LOAD_START_MS=$(now_ms)
psql_on "$DB_NAME" -v n="$KEYS" -v consumer="$CONSUMER_ID" >/dev/null <<'SQL'
-- Random 32-byte hashes as base64url without padding (43 characters), display prefixes gwk_ + 8 characters,
-- canonical lower-case UUID ids: the form keys issued through the API have.
INSERT INTO api_keys (id, consumer_id, prefix, hash)
SELECT gen_random_uuid(),
       :'consumer'::uuid,
       'gwk_' || substr(translate(encode(sha256(convert_to('p' || g || ':' || random(), 'UTF8')), 'base64'),
                                  '+/=', 'xyz'), 1, 8),
       rtrim(translate(encode(sha256(convert_to('h' || g || ':' || random(), 'UTF8')), 'base64'), '+/', '-_'), '=')
FROM generate_series(1, :n) AS g;
ANALYZE api_keys;
SQL
LOAD_INSERT_MS=$(($(now_ms) - LOAD_START_MS))
ACTIVE_KEYS=$(sql "SELECT count(*) FROM api_keys WHERE revoked_at IS NULL")
[[ $ACTIVE_KEYS == "$KEYS" ]] || die "expected $KEYS active keys in api_keys, found $ACTIVE_KEYS"
REV_BEFORE=$(sql "SELECT revision || ' ' || hash FROM config_state")
log "inserted in $(secs "$LOAD_INSERT_MS") s; asking for a content hash recomputation (config_state.rehash) and restarting the admin"

# ContentHashRepair runs while the admin starts (before it serves), recomputes the hash over every stored object,
# keys included, advances the revision and clears the change log.
sql "UPDATE config_state SET rehash = true WHERE id" >/dev/null
RESTART_START_MS=$(now_ms)
stop_pid "$ADMIN_PID" admin
forget_pid "$ADMIN_PID"
ADMIN_LOG=$WORK/admin-2.log
start_admin
wait_http admin "$ADMIN_PID" "$ADMIN_LOG" "$ADMIN_URL/actuator/health"
LOAD_RESTART_MS=$(($(now_ms) - RESTART_START_MS))
REPAIR_LINE=$(grep -m 1 "Content hash recomputed" "$ADMIN_LOG" || true)
[[ -n $REPAIR_LINE ]] || die "the admin did not log a content hash recomputation (see $ADMIN_LOG)"
REHASH_LEFT=$(sql "SELECT rehash FROM config_state")
[[ $REHASH_LEFT == f ]] || die "config_state.rehash is still set after the admin restart"
REV_AFTER=$(sql "SELECT revision || ' ' || hash FROM config_state")
log "admin restarted and ready in $(secs "$LOAD_RESTART_MS") s; revision/hash $REV_BEFORE -> $REV_AFTER"

# --- full sync of a fresh node ------------------------------------------------------------------------------
log "fresh node: starting; waiting for readiness with $KEYS keys"
start_node full "$KEYS"
FULL_PID=$NODE_PID
FULL_READY=$((NODE_READY_MS - NODE_LAUNCH_MS))
FULL_KEYS=$NODE_KEYS
T_STARTED=$(log_ms "$NODE_LOG" 'Started GatewayRuntimeApplication')
T_CONNECT=$(log_ms "$NODE_LOG" 'Connecting to .* after revision 0')
T_SERVING=$(log_ms "$NODE_LOG" "Serving configuration revision .* $KEYS keys\) from admin")
T_ADMIN_SENT=$(log_ms "$ADMIN_LOG" 'Node full opened a configuration stream')
STARTED_LINE=$(grep -m 1 'Started GatewayRuntimeApplication' "$NODE_LOG" | sed 's/.*: //' || true)
SERVING_LINE=$(grep -m 1 'Serving configuration revision' "$NODE_LOG" | sed 's/.*: //' || true)
ms_between() { [[ -n $1 && -n $2 ]] && echo $(($2 - $1)) || echo ""; }
D_LAUNCH_STARTED=$(ms_between "$NODE_LAUNCH_MS" "$T_STARTED")
D_CONNECT_SERVING=$(ms_between "$T_CONNECT" "$T_SERVING")
D_CONNECT_ADMIN_SENT=$(ms_between "$T_CONNECT" "$T_ADMIN_SENT")
D_CONNECT_READY=$(ms_between "$T_CONNECT" "$NODE_READY_MS")
D_LAUNCH_CONNECT=$(ms_between "$NODE_LAUNCH_MS" "$T_CONNECT")
FULL_GC_PEAK_SYNC=$(gc_peak)
log "fresh node ready with $FULL_KEYS keys $(secs "$FULL_READY") s after JVM start" \
  "(connect -> serving $(secs "${D_CONNECT_SERVING:-0}") s)"

wait_lkg "$KEYS"
FULL_LKG=$LKG_BYTES
FULL_LKG_WRITE_MS=$LKG_WRITE_MS
measure_heap
FULL_HEAP=$HEAP_USED
FULL_HEAP_PROM=$HEAP_PROM
FULL_REGION=$HEAP_REGION
FULL_HISTOGRAM=$HISTOGRAM
BYTES_PER_KEY=$(awk -v a="$FULL_HEAP" -v b="$BASE_HEAP" -v n="$KEYS" 'BEGIN { printf "%.1f", (a - b) / n }')
BYTES_PER_KEY_PROM=$(awk -v a="$FULL_HEAP_PROM" -v b="$BASE_HEAP_PROM" -v n="$KEYS" 'BEGIN { printf "%.1f", (a - b) / n }')
log "heap after full GC $(mib "$FULL_HEAP") MiB (baseline $(mib "$BASE_HEAP") MiB): $BYTES_PER_KEY bytes/key;" \
  "LKG $(mib "$FULL_LKG") MiB"

log "one-key propagation with $KEYS keys loaded ($ROUNDS rounds)"
run_keybench "$WORK/propagation-n.txt" >"$WORK/keybench-n.log" 2>&1 ||
  { cat "$WORK/keybench-n.log" >&2; die "propagation on the loaded node failed"; }
FULL_GC_PEAK_ALL=$(gc_peak)
P=$WORK/propagation-n.txt
P0=$WORK/propagation-0.txt
KEYS_AFTER=$(node_metric gatehouse_config_keys)
NODE_ERRORS=$(grep -cE ' (ERROR|WARN) ' "$NODE_LOG" || true)
ADMIN_ERRORS=$(cat "$WORK/admin.log" "$WORK/admin-2.log" | grep -cE ' (ERROR|WARN) ' || true)
NODE_WARN_LINES=$(grep -E ' (ERROR|WARN) ' "$NODE_LOG" "$BASE_NODE_DIR/node.log" | cut -c 1-300 | head -n 10 || true)
ADMIN_WARN_LINES=$(grep -E ' (ERROR|WARN) ' "$WORK/admin.log" "$WORK/admin-2.log" | cut -c 1-300 | head -n 10 || true)
stop_pid "$FULL_PID" "fresh node"
forget_pid "$FULL_PID"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------------------------------------
N_FMT=$(sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<<"$KEYS") # 1000000 -> 1,000,000
orq() { [[ -n $1 ]] && echo "$(secs "$1") s" || echo "n/a"; }
med_worst() { echo "$(kv "$1" "$2_median_ms") / $(kv "$1" "$2_worst_ms") ms"; }
within_1s() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && b != "" && a < 1000 && b < 1000 ? "**met**" : "**NOT met**") }'; }

TABLE=$(
  cat <<EOF
| measure | value |
|---|---|
| N (active keys, one consumer) | $KEYS |
| full sync, fresh node: JVM start → readiness 200 with gatehouse_config_keys = N | **$(secs "$FULL_READY") s** |
| full sync, node's stream connect → "Serving configuration … N keys" (node log) | $(orq "$D_CONNECT_SERVING") |
| full sync, node's stream connect → admin finished sending snapshot + keys (admin log) | $(orq "$D_CONNECT_ADMIN_SENT") |
| JVM start → node's stream connect (node log) | $(orq "$D_LAUNCH_CONNECT") |
| baseline node (0 keys): JVM start → ready | $(secs "$BASE_READY") s |
| heap used after full GC, node with N keys (GC.heap_info) | $(mib "$FULL_HEAP") MiB |
| heap used after full GC, same node config with 0 keys | $(mib "$BASE_HEAP") MiB |
| **heap per key** (with − without) / N | **$BYTES_PER_KEY bytes** (Prometheus heap pools: $BYTES_PER_KEY_PROM) |
| G1 region size (node -Xmx$NODE_HEAP) | $FULL_REGION |
| node heap peak before a GC / committed (GC log): until ready; whole run | ${FULL_GC_PEAK_SYNC%/*} / ${FULL_GC_PEAK_SYNC#*/} MiB; ${FULL_GC_PEAK_ALL%/*} / ${FULL_GC_PEAK_ALL#*/} MiB |
| last-known-good file, N keys (0 keys) | $(mib "$FULL_LKG") MiB = $(awk -v a="$FULL_LKG" -v n="$KEYS" 'BEGIN { printf "%.1f", a / n }') bytes/key ($BASE_LKG bytes); write took ${FULL_LKG_WRITE_MS:-?} ms |
| issue → key works on the node, median / worst ($ROUNDS rounds, N loaded) | **$(med_worst "$P" issue_works)** |
| revoke → key refused on the node, median / worst ($ROUNDS rounds, N loaded) | **$(med_worst "$P" revoke_refused)** |
| bound: issue → works and revoke → refused within 1 s, worst with N loaded (the end-to-end tests only wait for it) | $(within_1s "$(kv "$P" issue_works_worst_ms)" "$(kv "$P" revoke_refused_worst_ms)") |
| of which the admin API call (until it answered), median: issue / revoke | $(kv "$P" issue_api_median_ms) / $(kv "$P" revoke_api_median_ms) ms |
| of which after the API answered (push, apply, poll), median / worst: issue; revoke | $(med_worst "$P" issue_after_api); $(med_worst "$P" revoke_after_api) |
| same on the node with 0 keys: issue → works; revoke → refused, median / worst | $(med_worst "$P0" issue_works); $(med_worst "$P0" revoke_refused) |
| same with 0 keys: admin API call, median: issue / revoke | $(kv "$P0" issue_api_median_ms) / $(kv "$P0" revoke_api_median_ms) ms |
| never-issued well-formed key / no key / malformed key | $(kv "$P" check_never_issued_key_status) / $(kv "$P" check_no_key_status) / $(kv "$P" check_malformed_key_status) |
| load (not the metric): bulk INSERT of N keys; admin restart with hash recomputation | $(secs "$LOAD_INSERT_MS") s; $(secs "$LOAD_RESTART_MS") s |
| machine | $NPROC cores ($CPU_MODEL), RAM $MEM_TOTAL ($MEM_AVAILABLE available at start), load avg $LOAD_START at start / $LOAD_END at end |
| java | $JAVA_VERSION; $JAVA_VM |
| PostgreSQL | $PG_VERSION |
EOF
)

echo
echo "$TABLE"
echo

mkdir -p "$RESULTS_DIR"
RESULT_FILE=$RESULTS_DIR/keys-$(date +%Y-%m-%d-%H%M%S).md
{
  echo "# Keys benchmark (issue 3): $N_FMT keys on one node"
  echo
  echo "Run $STARTED_AT, sources at $GIT_REV."
  echo
  echo '```sh'
  echo "$COMMAND_LINE"
  echo '```'
  echo
  echo "$TABLE"
  echo
  echo "## Details"
  echo
  echo "- Node JVMs: \`java -Xmx$NODE_HEAP -jar gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar\`, fresh data dir,"
  echo "  \`GATEHOUSE_AUTH_BRUTE_FORCE_ENABLED=false\` (polling with a key that is not yet valid counts as failed"
  echo "  authentications and would get the client blocked); admin \`-Xmx$ADMIN_HEAP\` on PostgreSQL $PG_VERSION."
  echo "- Heap: \`jcmd <pid> GC.run\` twice, then \`GC.heap_info\` (\"used\"); also the sum of"
  echo "  \`jvm_memory_used_bytes{area=\"heap\"}\`: $(mib "$FULL_HEAP_PROM") MiB with N keys, $(mib "$BASE_HEAP_PROM") MiB with 0."
  echo "  Taken after the node wrote its last-known-good file (no pinned old table)."
  echo "- Full sync: readiness and \`gatehouse_config_keys\` polled every 100 ms from outside. Node log:"
  echo "  \`$STARTED_LINE\`; \`$SERVING_LINE\`."
  echo "  JVM start → Spring context started: $(orq "$D_LAUNCH_STARTED"); connect → readiness seen: $(orq "$D_CONNECT_READY")."
  echo "- Hash: $KEYS rows inserted with one \`INSERT … SELECT generate_series\` (random 32-byte base64url hashes, \`gwk_\`"
  echo "  + 8-character prefixes, \`gen_random_uuid()\` ids), then \`UPDATE config_state SET rehash = true\` and an admin"
  echo "  restart: ContentHashRepair logged \`${REPAIR_LINE##*: }\`; (revision hash) $REV_BEFORE → $REV_AFTER."
  echo "- Propagation: KeyBench.java issues a key with \`POST /api/v1/consumers/$CONSUMER/keys\` and polls"
  echo "  \`GET $ROUTE_PATH/ping\` on the node (header \`X-API-Key\`, route \`auth: key\`, 1 ms between polls, one keep-alive"
  echo "  connection) until 200, timed from just before the POST; then revokes each key (\`DELETE\`) and polls until 401."
  echo "  One warm-up round before (not counted): issue $(kv "$P" warmup_issue_ms) ms, revoke $(kv "$P" warmup_revoke_ms) ms."
  echo "  Other statuses seen while polling: $(kv "$P" unexpected_statuses). Keys on the node afterwards: $KEYS_AFTER."
  echo "  All rounds (ms), issue → works: $(kv "$P" issue_works_all_ms)"
  echo "  All rounds (ms), revoke → refused: $(kv "$P" revoke_refused_all_ms)"
  echo "  p90: issue → works $(kv "$P" issue_works_p90_ms) ms, revoke → refused $(kv "$P" revoke_refused_p90_ms) ms."
  echo "- WARN/ERROR lines: node $NODE_ERRORS, admin $ADMIN_ERRORS."
  if [[ -n $NODE_WARN_LINES$ADMIN_WARN_LINES ]]; then
    echo
    echo '```'
    [[ -n $NODE_WARN_LINES ]] && echo "${NODE_WARN_LINES//$WORK\//}"
    [[ -n $ADMIN_WARN_LINES ]] && echo "${ADMIN_WARN_LINES//$WORK\//}"
    echo '```'
  fi
  echo
  echo "Class histogram of the node with N keys after the full GC (top):"
  echo
  echo '```'
  echo "$FULL_HISTOGRAM"
  echo '```'
  echo
  echo "Same for the node with 0 keys:"
  echo
  echo '```'
  echo "$BASE_HISTOGRAM"
  echo '```'
  echo
  echo "Machine (\`nproc\`: $NPROC; \`free -h\` at start):"
  echo
  echo '```'
  echo "$FREE_H"
  "$JAVA" -version 2>&1
  echo '```'
} >"$RESULT_FILE"
log "written to ${RESULT_FILE#"$ROOT"/}"
