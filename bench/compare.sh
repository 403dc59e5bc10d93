#!/usr/bin/env bash
# A/B comparison of two runtime node builds (for hot-path work, issue 6): both nodes run side by side against one
# admin, pinned to core 0, and are measured alternately with the same wrk load (-t1 -c64), so machine noise hits
# both alike; prints req/s, p50, p99 and the node's CPU time per request (user + system from /proc/<pid>/stat over
# the measured run, divided by the requests served: robust on a busy machine) per round, and the mean ratios.
#
#   bench/compare.sh OLD.jar NEW.jar [--rounds 3] [--duration 10] [--warmup 30] [--path full|key|log|none]
#                    [--old-opts "JVM flags"] [--new-opts "JVM flags"] [--fixed-rate RATE]
#
# --path: full = key auth + call logging (default), key = key auth with call logging off, log = call logging
# alone, none = no policy and call logging off. Copy the jar of the old build aside before rebuilding, e.g.
#   cp gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar /tmp/old.jar; ./mvnw -q -B -DskipTests package
#   bench/compare.sh /tmp/old.jar gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
# --fixed-rate RATE: after the rounds, each node (old, new, new, old) also gets 5 s + 15 s of the open-loop generator
# bench/load/FixedRate.java at RATE req/s (64 connections; its threads real-time where chrt allows, as in
# bench/run.sh), printing p50, p99, max and the generator's send lag: latency A/B, and a way to chase stalls (add
# -Xlog:gc*:file=/tmp/gc.log to --new-opts to see whether a pause lines up with one).
# Set PROFILE=OUT.collapsed to profile the new build with bench/profile/async.sh during one more run of --duration
# seconds after the measured rounds (the profiler's overhead never touches the figures).
# Set ADMIN_URL, ADMIN_TOKEN and CLUSTER_TOKEN to reuse a running admin (with a service "bench"-free database)
# instead of starting one. JVM flags default to "@deploy/jvm.options -Xms512m -Xmx512m" for both (bench/jvmflags.sh
# uses --old-opts/--new-opts with one jar to compare flag sets). The local PostgreSQL is pinned to core 1 for the
# run and given back its affinity at exit (bench/lib/postgres-affinity.sh). Same prerequisites and rules as
# bench/run.sh (loopback only, processes stopped by PID).
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OLD=${1:?usage: bench/compare.sh OLD.jar NEW.jar [options]}
NEW=${2:?usage: bench/compare.sh OLD.jar NEW.jar [options]}
shift 2
FIXED_RATE=; ROUNDS=3; DURATION=10; WARMUP=30; PATH_KIND=full
OLD_OPTS="@deploy/jvm.options -Xms512m -Xmx512m"; NEW_OPTS=$OLD_OPTS
while (($#)); do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --path) PATH_KIND=$2; shift 2 ;;
    --old-opts) OLD_OPTS=$2; shift 2 ;;
    --new-opts) NEW_OPTS=$2; shift 2 ;;
    --fixed-rate) FIXED_RATE=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
source bench/lib/common.sh
WORK=$(mktemp -d /tmp/gatehouse-compare.XXXXXX)
DB=gatehouse_compare_$RANDOM$RANDOM
PIDS=()
DROP_DB=false
PG_HOST=127.0.0.1; PG_PORT=5432; PG_USER=postgres; LOAD_CORE=1
source bench/lib/postgres-affinity.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

UP_PORT=$(free_port)
cat >"$WORK/upstream.conf" <<NGINX
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$UP_PORT; keepalive_requests 1000000;
  location / { default_type application/json; return 200 '{"ok":true}'; } } }
NGINX
taskset -c 1 nginx -c "$WORK/upstream.conf"

if [[ -n ${ADMIN_URL:-} ]]; then
  TOKEN=${ADMIN_TOKEN:?}; CLUSTER=${CLUSTER_TOKEN:?}
else
  DROP_DB=true
  pin_postgres
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
  TOKEN=gha_cmp_$RANDOM$RANDOM; CLUSTER=ghc_cmp_$RANDOM$RANDOM
  ADMIN_PORT=$(free_port)
  ADMIN_URL=http://127.0.0.1:$ADMIN_PORT
  log "starting the admin (core 1)"
  GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD= \
    GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=cmp-password-$RANDOM \
    SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 taskset -c 1 java -Xmx768m -jar "$ADMIN_JAR" >"$WORK/admin.log" 2>&1 &
  PIDS+=($!)
  wait_http "$ADMIN_URL/actuator/health" 400
fi
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
post() { curl -fs "${H[@]}" -X POST "$ADMIN_URL/api/v1$1" -d "$2" || die "POST $1 failed"; }
S=cmp$RANDOM
post /services "{\"name\":\"$S\",\"targets\":[{\"host\":\"127.0.0.1\",\"port\":$UP_PORT}]}" >/dev/null
post /routes "{\"name\":\"$S-key\",\"service\":\"$S\",\"paths\":[\"/$S/key\"],\"auth\":\"key\"}" >/dev/null
post /routes "{\"name\":\"$S-none\",\"service\":\"$S\",\"paths\":[\"/$S/none\"],\"auth\":\"none\"}" >/dev/null
post /consumers "{\"name\":\"$S\"}" >/dev/null
KEY=$(post "/consumers/$S/keys" '{}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
case $PATH_KIND in
  full) URLPATH=/$S/key/ping; CALLLOG=true; HDR="X-API-Key: $KEY" ;;
  key) URLPATH=/$S/key/ping; CALLLOG=false; HDR="X-API-Key: $KEY" ;;
  none) URLPATH=/$S/none/ping; CALLLOG=false; HDR="X-Nothing: 1" ;;
  log) URLPATH=/$S/none/ping; CALLLOG=true; HDR="X-Nothing: 1" ;;
  *) die "--path must be full, key, log or none" ;;
esac

start_node() { # name, jar, opts -> port in NODE_<name>
  local port mport
  port=$(free_port); mport=$(free_port)
  GATEHOUSE_ADMIN_URL=$ADMIN_URL GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID="cmp-$1-$RANDOM" \
    GATEHOUSE_NODE_DATA_DIR="$WORK/node-$1" GATEHOUSE_CALL_LOG_ENABLED=$CALLLOG \
    SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$mport MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    taskset -c 0 java $3 -jar "$2" >"$WORK/node-$1.log" 2>&1 &
  PIDS+=($!)
  printf -v "PID_$1" '%s' "$!"
  printf -v "NODE_$1" '%s' "$port"
  printf -v "MGMT_$1" '%s' "$mport"
}
log "starting both nodes on core 0"
start_node old "$OLD" "$OLD_OPTS"
start_node new "$NEW" "$NEW_OPTS"
for n in old new; do
  m=MGMT_$n; p=NODE_$n
  wait_http "http://127.0.0.1:${!m}/actuator/health/readiness" 400
  wait_http "http://127.0.0.1:${!p}$URLPATH" 60 -H "$HDR"
done
wrk1() { taskset -c 1 wrk -t1 -c64 -d"${1}s" --latency -H "$HDR" "http://127.0.0.1:$2$URLPATH"; }
log "JIT warm-up, $WARMUP s each"
wrk1 "$WARMUP" "$NODE_old" >/dev/null
wrk1 "$WARMUP" "$NODE_new" >/dev/null
TCK=$(getconf CLK_TCK)
RAW=$WORK/raw
echo "node round req/s p50 p99 non-2xx cpu-us/request"
for ((r = 1; r <= ROUNDS; r++)); do
  for n in old new; do
    p=NODE_$n; pid=PID_$n
    wrk1 3 "${!p}" >/dev/null
    t0=$(cpu_ticks "${!pid}")
    out=$(wrk1 "$DURATION" "${!p}")
    t1=$(cpu_ticks "${!pid}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    n2=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    cpu=$(awk -v t=$((t1 - t0)) -v hz="$TCK" -v n="$reqs" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
    echo "$n $r $rps $p50 $p99 ${n2:-0} $cpu" | tee -a "$RAW"
  done
done
awk '{s[$1] += $3; c[$1]++; u[$1] += $7} END {
  printf "old %.0f req/s, new %.0f req/s, new/old %.3f; CPU per request old %.1f us, new %.1f us, new/old %.3f (%d rounds; load avg %s)\n",
  s["old"]/c["old"], s["new"]/c["new"], (s["new"]/c["new"])/(s["old"]/c["old"]), u["old"]/c["old"], u["new"]/c["new"],
  (u["new"]/c["new"])/(u["old"]/c["old"]), c["old"], LOAD }' LOAD="$(cut -d' ' -f1-3 /proc/loadavg)" "$RAW"
if [[ -n $FIXED_RATE ]]; then
  mkdir -p "$WORK/fixedrate"
  javac -d "$WORK/fixedrate" bench/load/FixedRate.java || die "bench/load/FixedRate.java does not compile"
  RT=; chrt -f 10 true 2>/dev/null && RT=realtime=10
  echo "node fixed-rate p50-ms p99-ms max-ms achieved send-lag-p99-ms"
  for n in old new new old; do
    p=NODE_$n
    out=$(taskset -c 1 java -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$WORK/fixedrate" FixedRate \
      url="http://127.0.0.1:${!p}$URLPATH" rate="$FIXED_RATE" duration=15 warmup=5 connections=64 $RT "header=$HDR") ||
      die "the fixed-rate generator failed"
    kv() { awk -F= -v k="$1" '$1==k {print $2}' <<<"$out"; }
    echo "$n $FIXED_RATE $(kv p50_ms) $(kv p99_ms) $(kv max_ms) $(kv achieved_rate) $(kv send_lag_p99_ms)"
  done
fi
if [[ -n ${PROFILE:-} ]]; then
  log "profiling the new build for $DURATION s under the same load into $PROFILE"
  bench/profile/async.sh "$PID_new" "$DURATION" "$PROFILE" &
  profiler=$!
  wrk1 $((DURATION + 2)) "$NODE_new" >/dev/null
  wait "$profiler"
fi
exit 0
}
