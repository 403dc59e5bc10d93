#!/usr/bin/env bash
# What each balancing algorithm costs per call (issue 13): one service of three targets per algorithm (round robin,
# least requests, consistent hash on a header with the default bound 1.25), routed through the same node, measured
# in one run against round robin, the default.
#
#   bench/balancing.sh [--rate 2000] [--duration 15] [--warmup 20] [--rounds 2] [--order "rr least hash"]
#
# One node on core 0 (anonymous routes: the balancer is what differs); the three upstream nginx servers, the admin,
# its PostgreSQL (pinned, bench/lib/postgres-affinity.sh) and the load generators on core 1. Per round, in turn for
# each route: the open-loop generator bench/load/FixedRate.java at --rate req/s for --duration s after a 5 s ramp, 64
# connections, every call with the same X-User (for the consistent hash: one hot key, which the bound spreads over
# the targets, its most expensive path); prints p50/p99/max and the node's CPU time per call. Then a closed-loop wrk
# -t1 -c64 run of 10 s per route with X-User drawn from 10,000 users (bench/balancing-users.lua) shows the most calls
# per second on one core. Needs the built jars (./mvnw -B -DskipTests package), nginx, wrk, curl, psql, python3, a
# JDK. Loopback only; every process it starts is stopped by PID at exit; the database it creates is dropped.
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RATE=2000; DURATION=15; WARMUP=20; ROUNDS=2; ORDER="rr least hash"
while (($#)); do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --order) ORDER=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source bench/lib/common.sh
WORK=$(mktemp -d /tmp/gatehouse-balancing.XXXXXX)
DB=gatehouse_balancing_$RANDOM$RANDOM
PIDS=()
PG_HOST=127.0.0.1; PG_PORT=5432; PG_USER=postgres; LOAD_CORE=1; PROXY_CORE=0
source bench/lib/postgres-affinity.sh
source bench/lib/stack.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

PORTS=($(free_port) $(free_port) $(free_port))
{
  echo "worker_processes 1; pid $WORK/upstream.pid; error_log $WORK/upstream-error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; default_type application/json;"
  for p in "${PORTS[@]}"; do
    echo "  server { listen 127.0.0.1:$p; keepalive_requests 1000000; location / { return 200 '{\"port\":$p}'; } }"
  done
  echo "}"
} >"$WORK/upstream.conf"
taskset -c "$LOAD_CORE" nginx -c "$WORK/upstream.conf"
for p in "${PORTS[@]}"; do wait_http "http://127.0.0.1:$p/" 10; done

pin_postgres
start_admin
TARGETS="[{\"host\":\"127.0.0.1\",\"port\":${PORTS[0]}},{\"host\":\"127.0.0.1\",\"port\":${PORTS[1]}},{\"host\":\"127.0.0.1\",\"port\":${PORTS[2]}}]"
declare -A BALANCING=(
  [rr]='{"algorithm":"round_robin"}'
  [least]='{"algorithm":"least_requests"}'
  [hash]='{"algorithm":"consistent_hash","hashOn":"header","hashKey":"X-User"}')
read -r -a ROUTES <<<"$ORDER"
for r in "${ROUTES[@]}"; do
  post /services "{\"name\":\"$r\",\"targets\":$TARGETS,\"balancing\":${BALANCING[$r]}}" >/dev/null
  post /routes "{\"name\":\"$r\",\"service\":\"$r\",\"paths\":[\"/$r\"],\"auth\":\"none\"}" >/dev/null
done
start_node balancing-bench
for r in "${ROUTES[@]}"; do wait_http "$NODE/$r" 60 -H "X-User: u1"; done

wrk1() { taskset -c "$LOAD_CORE" wrk -t1 -c64 -d"${1}s" --latency -s bench/balancing-users.lua "$2"; }
log "JIT warm-up, $WARMUP s per route"
for r in "${ROUTES[@]}"; do wrk1 "$WARMUP" "$NODE/$r" >/dev/null; done
RAW=$WORK/raw
echo "# bench/balancing.sh --rate $RATE --duration $DURATION --warmup $WARMUP --rounds $ROUNDS --order \"$ORDER\" ($(date -u +%F\ %T) UTC, $(git rev-parse --short HEAD))"
echo "route p50-ms p99-ms max-ms achieved-req/s node-cpu-us/call (round)"
for ((round = 1; round <= ROUNDS; round++)); do
  for r in "${ROUTES[@]}"; do
    line=$(fixed_rate "$r" "$NODE/$r" "$RATE" "$DURATION" "header=X-User: hot-user")
    echo "$line ($round)"
    echo "$line $round" >>"$RAW"
  done
done
awk '{ cpu[$1" "$7] = $6; p99[$1" "$7] = $3; rounds[$7] = 1 }
  END { for (r in rounds) { for (a in cpu) { split(a, k, " "); if (k[2] == r && k[1] != "rr") {
          printf "round %s: %s vs round robin: node CPU %+.1f us per call (%.2f x), p99 %+.2f ms\n", r, k[1],
            cpu[a] - cpu["rr " r], cpu[a] / cpu["rr " r], p99[a] - p99["rr " r] } } } }' "$RAW" | sort
echo "closed loop, wrk -t1 -c64 10 s, X-User from 10,000 users (most calls per second on one core):"
for r in "${ROUTES[@]}"; do
  out=$(wrk1 10 "$NODE/$r")
  echo "$r $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p50 $(awk '$1=="50%" {print $2}' <<<"$out"), p99 $(awk '$1=="99%" {print $2}' <<<"$out"), non-2xx $(awk '/Non-2xx/ {print $NF}' <<<"$out")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $PG_PIN_NOTE"
exit 0
}
