#!/usr/bin/env bash
# What a composite route costs (issue 15): a product page assembled from three parallel steps (catalogue, price,
# stock) against the slowest single step proxied on its own, through the same node, at the same fixed request rate.
#
#   bench/composite.sh [--rate 1000] [--duration 15] [--warmup 20] [--rounds 2]
#
# One node on core 0 (key auth + call logging, as a production route has them); the upstream nginx, the admin, its
# PostgreSQL (pinned, bench/lib/postgres-affinity.sh) and the load generator on core 1. The three upstream answers
# are static nginx locations (the same upstream for every step, so "the slowest single step" is any of them: the
# single route calls /price). Per round, in turn: nginx directly (the reference, no proxy), the single-step route,
# the composite route, each with the open-loop generator bench/load/FixedRate.java at --rate req/s for --duration s
# after a 5 s ramp, 64 connections. Prints p50/p99/max, and the node's CPU time per call (user + system of the node
# process over the run, divided by the calls answered); then the composite's added p50/p99 and CPU over the single
# step, per round and as the mean. After the rounds, a closed-loop wrk -t1 -c64 run of 10 s each shows the most calls
# per second the node answers on one core for the single and the composite route.
# Needs the built jars (./mvnw -B -DskipTests package), nginx, wrk, curl, psql, python3, a JDK. Loopback only; every
# process it starts is stopped by PID at exit; the database it creates is dropped.
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RATE=1000; DURATION=15; WARMUP=20; ROUNDS=2
while (($#)); do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source bench/lib/common.sh
ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
[[ -f $ADMIN_JAR && -f $RUNTIME_JAR ]] || die "build first: ./mvnw -B -DskipTests package"
WORK=$(mktemp -d /tmp/gatehouse-composite.XXXXXX)
DB=gatehouse_composite_$RANDOM$RANDOM
PIDS=()
DROP_DB=true
PG_HOST=127.0.0.1; PG_PORT=5432; PG_USER=postgres; LOAD_CORE=1; PROXY_CORE=0
source bench/lib/postgres-affinity.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

UP_PORT=$(free_port)
cat >"$WORK/upstream.conf" <<NGINX
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$UP_PORT; keepalive_requests 1000000;
    location /catalogue/ { return 200 '{"id":"p1","name":"Desk lamp","sellerId":"s9","tags":["home","light"]}'; }
    location /price/ { return 200 '{"amount":49.90,"currency":"EUR","vatIncluded":true,"validUntil":"2026-12-31"}'; }
    location /stock/ { return 200 '{"available":7,"warehouse":"north","restock":"2026-12-20","reserved":2}'; } } }
NGINX
taskset -c "$LOAD_CORE" nginx -c "$WORK/upstream.conf"
wait_http "http://127.0.0.1:$UP_PORT/price/p1" 10

pin_postgres
psql -h "$PG_HOST" -U "$PG_USER" -qc "CREATE DATABASE $DB" >/dev/null
TOKEN=gha_cmp_$RANDOM$RANDOM; CLUSTER=ghc_cmp_$RANDOM$RANDOM
ADMIN_PORT=$(free_port)
log "starting the admin (core $LOAD_CORE)"
GATEHOUSE_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB GATEHOUSE_DB_USER=$PG_USER GATEHOUSE_DB_PASSWORD= \
  GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=cmp-password-$RANDOM \
  SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 taskset -c "$LOAD_CORE" java -Xmx768m -jar "$ADMIN_JAR" \
  >"$WORK/admin.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ADMIN_PORT/actuator/health" 400
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
post() { curl -fsS "${H[@]}" -X POST "http://127.0.0.1:$ADMIN_PORT/api/v1$1" -d "$2" || die "POST $1 $2 failed"; }
for s in catalogue price stock; do
  post /services "{\"name\":\"$s\",\"basePath\":\"/$s\",\"targets\":[{\"host\":\"127.0.0.1\",\"port\":$UP_PORT}]}" \
    >/dev/null
done
post /routes '{"name":"single","service":"price","paths":["/single"],"stripPrefix":true,"auth":"key"}' >/dev/null
post /routes '{"name":"page","kind":"composite","paths":["/page"],"auth":"key","composite":{"deadlineMs":2000,
  "steps":[{"name":"catalogue","service":"catalogue","path":"/{path.1}"},
           {"name":"price","service":"price","path":"/{path.1}","fields":[{"pointer":"/amount","as":"price"},
             {"pointer":"/currency"}],"placement":"merge"},
           {"name":"stock","service":"stock","path":"/{path.1}","required":false}]}}' >/dev/null
post /consumers '{"name":"bench"}' >/dev/null
KEY=$(post "/consumers/bench/keys" '{}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
HDR="X-API-Key: $KEY"

NODE_PORT=$(free_port); MGMT_PORT=$(free_port)
log "starting the node (core $PROXY_CORE)"
GATEHOUSE_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID=composite-bench \
  GATEHOUSE_NODE_DATA_DIR="$WORK/node" SERVER_PORT=$NODE_PORT SERVER_ADDRESS=127.0.0.1 \
  MANAGEMENT_SERVER_PORT=$MGMT_PORT MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
  taskset -c "$PROXY_CORE" java @deploy/jvm.options -Xms512m -Xmx512m -jar "$RUNTIME_JAR" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
PIDS+=($NODE_PID)
wait_http "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" 300
NODE=http://127.0.0.1:$NODE_PORT
wait_http "$NODE/page/p1" 60 -H "$HDR"
wait_http "$NODE/single/p1" 60 -H "$HDR"
log "composite answer: $(curl -fsS -H "$HDR" "$NODE/page/p1")"

mkdir -p "$WORK/fixedrate"
javac -d "$WORK/fixedrate" bench/load/FixedRate.java || die "bench/load/FixedRate.java does not compile"
RT=; chrt -f 10 true 2>/dev/null && RT=realtime=10
wrk1() { taskset -c "$LOAD_CORE" wrk -t1 -c64 -d"${1}s" --latency -H "$HDR" "$2"; }
log "JIT warm-up, $WARMUP s per route"
wrk1 "$WARMUP" "$NODE/single/p1" >/dev/null
wrk1 "$WARMUP" "$NODE/page/p1" >/dev/null
TCK=$(getconf CLK_TCK)
RAW=$WORK/raw
fixed() { # name, url -> one line: name round p50 p99 max achieved cpu-us/call
  local t0 t1 out answered
  t0=$(cpu_ticks "$NODE_PID")
  out=$(taskset -c "$LOAD_CORE" java -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$WORK/fixedrate" FixedRate \
    url="$2" rate="$RATE" duration="$DURATION" warmup=5 connections=64 $RT "header=$HDR") ||
    die "the fixed-rate generator failed on $1"
  t1=$(cpu_ticks "$NODE_PID")
  kv() { awk -F= -v k="$1" '$1==k {print $2}' <<<"$out"; }
  answered=$(awk -v r="$(kv achieved_rate)" -v d="$DURATION" 'BEGIN { printf "%d", r * (d + 5) }')
  cpu=-
  [[ $1 != nginx ]] && cpu=$(awk -v t=$((t1 - t0)) -v hz="$TCK" -v n="$answered" \
    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$1 $r $(kv p50_ms) $(kv p99_ms) $(kv max_ms) $(kv achieved_rate) $cpu" | tee -a "$RAW"
}
echo "# bench/composite.sh --rate $RATE --duration $DURATION --warmup $WARMUP --rounds $ROUNDS ($(date -u +%F\ %T) UTC, $(git rev-parse --short HEAD))"
echo "target round p50-ms p99-ms max-ms achieved-req/s node-cpu-us/call"
for ((r = 1; r <= ROUNDS; r++)); do
  fixed nginx "http://127.0.0.1:$UP_PORT/price/p1"
  fixed single "$NODE/single/p1"
  fixed composite "$NODE/page/p1"
done
awk '{ p50[$1" "$2] = $3; p99[$1" "$2] = $4; cpu[$1" "$2] = $7; rounds[$2] = 1 }
  END { for (r in rounds) {
          a50 = p50["composite " r] - p50["single " r]; a99 = p99["composite " r] - p99["single " r]
          ac = cpu["composite " r] - cpu["single " r]
          printf "round %s: composite adds p50 %+.2f ms, p99 %+.2f ms, node CPU %+.1f us per call (%.2f x the single step)\n",
            r, a50, a99, ac, cpu["composite " r] / cpu["single " r]
          s50 += a50; s99 += a99; sc += ac; n++ }
        printf "mean over %d rounds: composite adds p50 %+.2f ms, p99 %+.2f ms, node CPU %+.1f us per call\n",
          n, s50 / n, s99 / n, sc / n }' "$RAW"
echo "closed loop, wrk -t1 -c64 10 s (most calls per second on one core):"
for target in single page; do
  out=$(wrk1 10 "$NODE/$target/p1")
  echo "$target $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p50 $(awk '$1=="50%" {print $2}' <<<"$out"), p99 $(awk '$1=="99%" {print $2}' <<<"$out"), non-2xx $(awk '/Non-2xx/ {print $NF}' <<<"$out")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $PG_PIN_NOTE"
exit 0
}
