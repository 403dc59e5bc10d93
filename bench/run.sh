#!/usr/bin/env bash
# Gatehouse proxy benchmark (issue 6): Gatehouse against nginx and Spring Cloud Gateway, one command, one run.
#
#   bench/run.sh [--quick] [--duration S] [--warmup S] [--connections N] [--no-keys]
#
# Prints seven scenarios and writes them to bench/results/proxy-<date>.md:
#   1. max throughput (wrk) through each target to the same nginx upstream answering 200 {"ok":true}: the upstream
#      direct (the limit), nginx reverse proxy (upstream keep-alive), plain Spring Cloud Gateway (one static route,
#      defaults), SCG + an API-key check filter + the built-in RedisRateLimiter, and Gatehouse with API-key auth +
#      a rate limit (high enough never to throttle) + call logging; req/s, p50, p99, errors, ratio to nginx and SCG;
#   2. latency at a fixed 5,000 req/s (bench/load/FixedRate.java, open loop, no coordinated omission);
#   3. Gatehouse throughput with 10 routes and with 10,000 routes;
#   4. a node with 1,000,000 keys (runs bench/keys/run.sh: heap, full sync, one-key propagation);
#   5. configuration propagation admin -> 2 nodes over 100 changes (bench/propagation/PropagationBench.java);
#   6. call-log ingestion rate of the admin (bench/calllog/ingest.py: 10 gzip batches of 5,000 records);
#   7. the cost of each policy alone (key auth, rate limit, call logging) as a ratio to a node with none.
#
# CPU pinning: every proxy (nginx proxy, SCG, Gatehouse nodes) on core 0 (taskset -c 0); wrk, the load generators,
# the nginx upstream, Redis and the admin on core 1. Each target gets the same load: wrk -t1 -c<connections> for
# --duration seconds after a --warmup of its own, every target once per round, two rounds (interleaved). Each JVM
# target is warmed up first in 10 s windows until three windows in a row agree within 5 % (at least 60 s, at most
# 180 s): the JIT needs one to two minutes to reach steady state (a node went from ~900 to ~4,200 req/s; SCG sat
# at ~1,500 req/s for 20 s before reaching ~4,300).
# The full run takes about 25-30 minutes (of which scenario 4 about 7); --quick is a short smoke run (~5 min:
# short loads, 10,000 keys) whose figures are not meant for comparison; --no-keys skips scenario 4.
#
# Installs what it lacks from Debian packages (nginx-light, wrk, redis-server; needs root or sudo), builds the
# project (./mvnw package) when the jars are missing and the SCG reference app (bench/scg, Maven Central) when its
# jar is missing. Uses the local PostgreSQL (127.0.0.1:5432, user postgres, a throwaway database dropped at the
# end) and the Redis on 127.0.0.1:6379 when it answers (only keys under a per-run prefix), else starts its own.
# Loopback only; every load is bounded in time; every process started here is stopped by PID at exit.
#
# Environment: PROXY_JAVA_OPTS (default "-Xms512m -Xmx512m", the same for SCG and Gatehouse nodes),
# REDIS_PORT (use this Redis instead), GATEHOUSE_BENCH_PG_HOST/PORT/USER.
set -euo pipefail
{ # the whole script is one compound command: bash parses it before running, so editing the file mid-run is harmless

script=${BASH_SOURCE[0]}
BENCH_DIR=$(cd "$(dirname "$script")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
COMMAND_LINE="bench/run.sh${*:+ $*}"

QUICK=false
DURATION=15
WARMUP=5
WARMUP_JIT=180
WARMUP_MIN=60
CONNECTIONS=64
RUN_KEYS=true
FIXED_RATE=5000
while (($#)); do
  case $1 in
    --quick) QUICK=true; shift ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --connections) CONNECTIONS=${2:?}; shift 2 ;;
    --no-keys) RUN_KEYS=false; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$script" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
KEYS=1000000
KEY_ROUNDS=20
FR_WARMUP=10
FR_DURATION=15
ROUTES_FILLER=9990
CHANGES=100
if $QUICK; then
  DURATION=5; WARMUP=2; WARMUP_JIT=10; WARMUP_MIN=10; KEYS=10000; KEY_ROUNDS=5; FR_WARMUP=5; FR_DURATION=5; CHANGES=20
fi
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:--Xms512m -Xmx512m}
PG_HOST=${GATEHOUSE_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${GATEHOUSE_BENCH_PG_PORT:-5432}
PG_USER=${GATEHOUSE_BENCH_PG_USER:-postgres}

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

# --- prerequisites ---------------------------------------------------------------------------------------------
missing=()
need nginx || missing+=(nginx-light)
need wrk || missing+=(wrk)
need redis-server || missing+=(redis-server)
if ((${#missing[@]})); then
  log "installing ${missing[*]} from Debian packages"
  SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
    { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
for tool in java curl psql python3 taskset; do need "$tool" || die "$tool is required"; done
((CPUS = $(nproc))) && ((CPUS >= 2)) || die "needs at least 2 cores (proxy on core 0, load on core 1)"

ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
CONFIG_JAR=gateway-config/target/gateway-config-0.1.0-SNAPSHOT.jar
SCG_JAR=bench/scg/target/scg-reference.jar
if [[ ! -f $ADMIN_JAR || ! -f $RUNTIME_JAR || ! -f $CONFIG_JAR ]]; then
  log "building Gatehouse (./mvnw package, tests skipped)"
  ./mvnw -q -B -DskipTests package
fi
if [[ ! -f $SCG_JAR ]]; then
  log "building the Spring Cloud Gateway reference (bench/scg)"
  ./mvnw -q -B -f bench/scg/pom.xml -DskipTests package
fi

# --- processes -------------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/gatehouse-bench.XXXXXX)
DB=gatehouse_bench_$RANDOM$RANDOM
PIDS=()
NGINX_PIDFILES=()
ADMIN_PID=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}" $ADMIN_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}" $ADMIN_PID; do wait "$pid" 2>/dev/null || true; done
  for f in "${NGINX_PIDFILES[@]}"; do [[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null || true; done
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  if ((rc != 0)); then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { # url, seconds, [curl args]
  local url=$1 deadline=$((SECONDS + $2)); shift 2
  until curl -fs -o /dev/null "$@" "$url"; do
    ((SECONDS < deadline)) || die "timeout waiting for $url"
    sleep 0.3
  done
}
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -At -c "$1"; }

start_nginx() { # name, core, config body (http block content)
  cat >"$WORK/$1.conf" <<NGINX
worker_processes 1;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log;
events { worker_connections 4096; }
http {
  access_log off;
$3
}
NGINX
  NGINX_PIDFILES+=("$WORK/$1.pid")
  taskset -c "$2" nginx -c "$WORK/$1.conf"
}

UP_PORT=$(free_port)
NGX_PORT=$(free_port)
log "starting the nginx upstream (:$UP_PORT, core 1) and the nginx reverse proxy (:$NGX_PORT, core 0)"
start_nginx upstream 1 "  server {
    listen 127.0.0.1:$UP_PORT;
    keepalive_requests 1000000;
    location / { default_type application/json; return 200 '{\"ok\":true}'; }
  }"
start_nginx proxy 0 "  upstream backend { server 127.0.0.1:$UP_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGX_PORT;
    keepalive_requests 1000000;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"
wait_http "http://127.0.0.1:$UP_PORT/" 10
wait_http "http://127.0.0.1:$NGX_PORT/" 10

# Redis: the shared local one if it answers (per-run key prefixes only), else our own.
if [[ -n ${REDIS_PORT:-} ]]; then
  :
elif need redis-cli && [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; then
  REDIS_PORT=6379
else
  REDIS_PORT=$(free_port)
  log "starting redis-server on :$REDIS_PORT (core 1)"
  taskset -c 1 redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$WORK" >"$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do [[ $(redis-cli -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] && break; sleep 0.2; done
fi
RUN_ID=bench$RANDOM$RANDOM

# SCG references, pinned to core 0 like every proxy
SCG_KEY=bench-scg-key-$RANDOM$RANDOM
start_scg() { # name, profile, port
  SERVER_PORT=$3 SERVER_ADDRESS=127.0.0.1 BENCH_UPSTREAM=http://127.0.0.1:$UP_PORT SPRING_PROFILES_ACTIVE=$2 \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT BENCH_API_KEYS=$SCG_KEY \
    BENCH_REDIS_PREFIX=$RUN_ID taskset -c 0 java $PROXY_JAVA_OPTS -jar "$SCG_JAR" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  SCG_PIDS+=($!)
}
SCG_PIDS=()
SCG_PORT=$(free_port)
SCGRL_PORT=$(free_port)
log "starting Spring Cloud Gateway references: plain (:$SCG_PORT), key + RedisRateLimiter (:$SCGRL_PORT)"
start_scg scg-plain default "$SCG_PORT"
start_scg scg-key-rl key-rl "$SCGRL_PORT"

# Admin on core 1 (it ingests call logs during the runs: it must not take the proxies' core)
psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "CREATE DATABASE $DB" >/dev/null
TOKEN=gha_bench_$RANDOM$RANDOM$RANDOM
CLUSTER=ghc_bench_$RANDOM$RANDOM$RANDOM
ADMIN_PORT=$(free_port)
start_admin() {
  GATEHOUSE_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB GATEHOUSE_DB_USER=$PG_USER GATEHOUSE_DB_PASSWORD= \
    GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=bench-password-$RANDOM \
    SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 \
    taskset -c 1 java -Xmx768m -jar "$ADMIN_JAR" >>"$WORK/admin.log" 2>&1 &
  ADMIN_PID=$!
  wait_http "http://127.0.0.1:$ADMIN_PORT/actuator/health" 600
}
log "starting the admin (:$ADMIN_PORT, core 1, database $DB)"
start_admin
API=http://127.0.0.1:$ADMIN_PORT/api/v1
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
api() { # method, path, [body] -> sets API_STATUS and API_BODY
  API_STATUS=$(curl -s -o "$WORK/api.out" -w '%{http_code}' "${H[@]}" -X "$1" "$API$2" ${3:+-d "$3"})
  API_BODY=$(cat "$WORK/api.out")
}
api_ok() { api "$@"; [[ $API_STATUS == 2* ]] || die "$1 $2 answered $API_STATUS: $API_BODY"; printf '%s' "$API_BODY"; }

log "configuring Gatehouse through the admin API"
api_ok POST /services "{\"name\":\"bench\",\"targets\":[{\"host\":\"127.0.0.1\",\"port\":$UP_PORT}]}" >/dev/null
route() { # name, path, auth
  api_ok POST /routes "{\"name\":\"$1\",\"service\":\"bench\",\"paths\":[\"$2\"],\"auth\":\"$3\"}" >/dev/null
}
route bench-full /full key   # key auth + rate limit (+ call logging on node B): the Gatehouse row of scenario 1
route bench-none /none none  # no policy
route bench-key /key key     # key auth alone
route bench-rl /rl none      # rate limit alone
for i in 1 2 3 4 5 6; do route "filler-$i" "/filler-$i/items" none; done # 10 routes in all
api_ok POST /consumers '{"name":"bench"}' >/dev/null
GH_KEY=$(api_ok POST /consumers/bench/keys '{}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
[[ $GH_KEY == gwk_* ]] || die "could not issue an API key"
RL_NOTE=
policy() { # name, route, by
  local body
  api POST /policies "{\"name\":\"$1\",\"enabled\":true,\"scope\":\"route\",\"route\":\"$2\",
    \"config\":{\"type\":\"rate-limit\",\"limits\":[{\"requests\":1000000000,\"window\":\"second\"}],\"by\":\"$3\"}}"
  body=$API_BODY
  case $API_STATUS in
    2*) return 0 ;;
    404) RL_NOTE="rate limit SKIPPED: POST /api/v1/policies answered 404 (policies API not in this build)" ;;
    *) RL_NOTE="rate limit SKIPPED: POST /api/v1/policies answered $API_STATUS: ${body:0:300}" ;;
  esac
  return 1
}
RATE_LIMIT=true
if policy bench-full-limit bench-full consumer && policy bench-rl-limit bench-rl route; then
  log "rate-limit policies created (1,000,000,000 requests per second: never throttles)"
else
  RATE_LIMIT=false
  log "$RL_NOTE"
fi

start_node() { # name, call log enabled -> sets NODE_PORT_<name>, NODE_MGMT_<name>
  local port mport
  port=$(free_port); mport=$(free_port)
  GATEHOUSE_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID="bench-$1" \
    GATEHOUSE_NODE_DATA_DIR="$WORK/node-$1" GATEHOUSE_CALL_LOG_ENABLED=$2 \
    GATEHOUSE_REDIS_URL=redis://127.0.0.1:$REDIS_PORT SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$REDIS_PORT \
    SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$mport MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    taskset -c 0 java $PROXY_JAVA_OPTS -jar "$RUNTIME_JAR" >"$WORK/node-$1.log" 2>&1 &
  PIDS+=($!)
  printf -v "NODE_PID_$1" '%s' "$!"
  printf -v "NODE_PORT_$1" '%s' "$port"
  printf -v "NODE_MGMT_$1" '%s' "$mport"
}
log "starting Gatehouse nodes: A (call logging off), B (call logging on), both on core 0"
start_node A false
start_node B true
wait_http "http://127.0.0.1:$SCG_PORT/bench/ping" 300
wait_http "http://127.0.0.1:$SCGRL_PORT/bench/ping" 300 -H "X-API-Key: $SCG_KEY"
wait_http "http://127.0.0.1:$NODE_MGMT_A/actuator/health/readiness" 300
wait_http "http://127.0.0.1:$NODE_MGMT_B/actuator/health/readiness" 300
A=http://127.0.0.1:$NODE_PORT_A
B=http://127.0.0.1:$NODE_PORT_B
KEYH="X-API-Key: $GH_KEY"
wait_http "$B/full/ping" 60 -H "$KEYH"
wait_http "$A/none/ping" 60
# sanity: refusals are refusals (the load runs count every non-2xx as an error)
[[ $(curl -s -o /dev/null -w '%{http_code}' "$B/full/ping") == 401 ]] || die "Gatehouse /full without a key is not 401"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SCGRL_PORT/bench/ping") == 401 ]] ||
  die "SCG key-rl without a key is not 401"

# --- load ------------------------------------------------------------------------------------------------------
RAW=$WORK/raw.tsv # scenario, target, round, rps, p50 ms, p99 ms, errors, CPU us per request
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
wrk_run() { # seconds, url, [header] -> wrk output
  if [[ -n ${3:-} ]]; then
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${1}s" --latency -H "$3" "$2"
  else
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${1}s" --latency "$2"
  fi
}
nginx_pids() { local m; m=$(cat "$WORK/$1.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }
cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $t; }
TCK=$(getconf CLK_TCK)
measure() { # scenario, target label, round, url, header, pids of the target (for its CPU time per request)
  local out rps p50 p99 non2xx sock reqs t0 t1 cpu
  wrk_run "$WARMUP" "$4" "${5:-}" >/dev/null
  t0=$(cpu_ticks ${6:-})
  out=$(wrk_run "$DURATION" "$4" "${5:-}")
  t1=$(cpu_ticks ${6:-})
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  cpu=$(awk -v t=$((t1 - t0)) -v hz="$TCK" -v n="${reqs:-0}" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" $((${non2xx:-0} + ${sock:-0})) "$cpu" >>"$RAW"
  log "  $2 (round $3): $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $((${non2xx:-0} + ${sock:-0})), CPU $cpu us/request"
}
jit_warmup() { # label, max seconds, url, [header]: 10 s windows, at least WARMUP_MIN s, until three in a row agree
  # within 5 % (a JVM proxy can sit on a plateau for 20 s and then double when C2 finishes: two windows were not
  # enough on a slow machine, which left the SCG references half warm in a run on 2026-11-29)
  local label=$1 max=$2 url=$3 header=${4:-} spent=0 rps rates="" recent=()
  local window=$((max < 10 ? max : 10)) min=$((WARMUP_MIN < max ? WARMUP_MIN : max))
  while ((spent < max)); do
    rps=$(wrk_run "$window" "$url" "$header" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    spent=$((spent + window))
    rates="$rates ${rps:-0}"
    recent+=("${rps:-0}")
    if ((spent >= min && ${#recent[@]} >= 3)) && awk -v w="${recent[*]: -3}" 'BEGIN { n = split(w, r, " "); if (n < 3) exit 1;
        lo = r[1]; hi = r[1]; for (i = 2; i <= 3; i++) { if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
        exit !(lo > 0 && (hi - lo) / hi < 0.05) }'; then
      break
    fi
  done
  log "JIT warm-up: $label, $spent s (req/s per ${window} s window:$rates)"
  echo "$label:$rates" >>"$WORK/warmup.txt"
}

# target labels and URLs of scenario 1
T_DIRECT="upstream direct (the limit)"
T_NGINX="nginx reverse proxy, upstream keep-alive"
T_SCG="Spring Cloud Gateway, one static route"
T_SCGRL="SCG + API-key filter + RedisRateLimiter"
if $RATE_LIMIT; then
  T_GH="Gatehouse: key auth + rate limit + call logging"
else
  T_GH="Gatehouse: key auth + call logging (no rate limit)"
fi
scenario1_target() { # index -> measure args
  case $1 in
    0) echo "$T_DIRECT|http://127.0.0.1:$UP_PORT/bench/ping||$(nginx_pids upstream)" ;;
    1) echo "$T_NGINX|http://127.0.0.1:$NGX_PORT/bench/ping||$(nginx_pids proxy)" ;;
    2) echo "$T_SCG|http://127.0.0.1:$SCG_PORT/bench/ping||${SCG_PIDS[0]}" ;;
    3) echo "$T_SCGRL|http://127.0.0.1:$SCGRL_PORT/bench/ping|X-API-Key: $SCG_KEY|${SCG_PIDS[1]}" ;;
    4) echo "$T_GH|$B/full/ping|$KEYH|$NODE_PID_B" ;;
  esac
}
S7_NONE="no policies (auth none, call log off)"
S7_KEY="key auth alone"
S7_RL="rate limit alone (by route)"
S7_LOG="call logging alone"
S7_ALL="all three"
scenario7_target() {
  case $1 in
    0) echo "$S7_NONE|$A/none/ping||$NODE_PID_A" ;;
    1) echo "$S7_KEY|$A/key/ping|$KEYH|$NODE_PID_A" ;;
    2) if $RATE_LIMIT; then echo "$S7_RL|$A/rl/ping||$NODE_PID_A"; fi ;;
    3) echo "$S7_LOG|$B/none/ping||$NODE_PID_B" ;;
    4) echo "$S7_ALL|$B/full/ping|$KEYH|$NODE_PID_B" ;;
  esac
}

jit_warmup "SCG plain" "$WARMUP_JIT" "http://127.0.0.1:$SCG_PORT/bench/ping"
jit_warmup "SCG key + RedisRateLimiter" "$WARMUP_JIT" "http://127.0.0.1:$SCGRL_PORT/bench/ping" "X-API-Key: $SCG_KEY"
jit_warmup "Gatehouse node B /full" "$WARMUP_JIT" "$B/full/ping" "$KEYH"
jit_warmup "Gatehouse node A /key" "$WARMUP_JIT" "$A/key/ping" "$KEYH"
SHORT=$((WARMUP_JIT / 8 > 10 ? WARMUP_JIT / 8 : 10))
jit_warmup "Gatehouse node B /none" "$SHORT" "$B/none/ping"
$RATE_LIMIT && jit_warmup "Gatehouse node A /rl" "$SHORT" "$A/rl/ping"
jit_warmup "Gatehouse node A /none" "$SHORT" "$A/none/ping"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for round in 1 2; do
  log "scenario 1, round $round: wrk -t1 -c$CONNECTIONS, ${WARMUP} s warm-up + ${DURATION} s each"
  for i in 0 1 2 3 4; do
    IFS='|' read -r label url header pids <<<"$(scenario1_target $i)"
    measure s1 "$label" "$round" "$url" "$header" "$pids"
  done
done
for round in 1 2; do
  log "scenario 7, round $round"
  for i in 0 1 2 3 4; do
    t=$(scenario7_target $i)
    [[ -n $t ]] || continue
    IFS='|' read -r label url header pids <<<"$t"
    measure s7 "$label" "$round" "$url" "$header" "$pids"
  done
done

# scenario 2: fixed rate
FR=$WORK/fixed-rate.tsv # target, p50, p90, p99, p99.9, max, achieved, non2xx, conn errors, unanswered
fixed_rate() { # label, url, [header]
  local out
  log "scenario 2: $1 at $FIXED_RATE req/s (${FR_WARMUP} s warm-up + ${FR_DURATION} s)"
  out=$(taskset -c 1 java bench/load/FixedRate.java url="$2" rate=$FIXED_RATE duration=$FR_DURATION \
    warmup=$FR_WARMUP connections=$CONNECTIONS ${3:+"header=$3"})
  kv() { awk -F= -v k="$1" '$1==k {print $2}' <<<"$out"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(kv p50_ms)" "$(kv p90_ms)" "$(kv p99_ms)" \
    "$(kv p999_ms)" "$(kv max_ms)" "$(kv achieved_rate)" "$(kv non2xx)" "$(kv connection_errors)" \
    "$(kv unanswered)" "$(kv saturated)" >>"$FR"
  log "  p50 $(kv p50_ms) ms, p99 $(kv p99_ms) ms, max $(kv max_ms) ms, achieved $(kv achieved_rate) req/s"
}
fixed_rate "$T_DIRECT" "http://127.0.0.1:$UP_PORT/bench/ping"
fixed_rate "$T_NGINX" "http://127.0.0.1:$NGX_PORT/bench/ping"
fixed_rate "$T_SCG" "http://127.0.0.1:$SCG_PORT/bench/ping"
fixed_rate "$T_SCGRL" "http://127.0.0.1:$SCGRL_PORT/bench/ping" "X-API-Key: $SCG_KEY"
fixed_rate "$T_GH" "$B/full/ping" "$KEYH"

# the SCG references are done: free core 0 for the rest
for pid in "${SCG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
log "scenario 5: configuration propagation, $CHANGES changes, admin -> nodes A and B"
PROP=$WORK/propagation.txt
taskset -c 1 java bench/propagation/PropagationBench.java admin="http://127.0.0.1:$ADMIN_PORT" token="$TOKEN" \
  service=bench nodes="$A,$B" changes=$CHANGES >"$PROP" 2>"$WORK/propagation.err" ||
  { cat "$WORK/propagation.err" >&2; die "propagation benchmark failed"; }
pkv() { awk -F= -v k="$1" '$1==k {print $2}' "$PROP"; }
log "  median $(pkv propagation_median_ms) ms, worst $(pkv propagation_worst_ms) ms"

log "scenario 6: call-log ingestion (10 gzip batches of 5,000 records to POST /cluster/v1/calls)"
INGEST=$WORK/ingest.txt
taskset -c 1 python3 bench/calllog/ingest.py "http://127.0.0.1:$ADMIN_PORT" "$CLUSTER" 10 5000 >"$INGEST" ||
  die "ingestion benchmark failed"
ikv() { awk -F= -v k="$1" '$1==k {print $2}' "$INGEST"; }
INGEST_ROWS=$(sql "SELECT count(*) FROM call_log WHERE route_id = '$(ikv route_id)'")
log "  $(ikv rate) records/s ($(ikv records) in $(ikv seconds) s; $INGEST_ROWS rows stored)"

# scenario 3: 10 routes (measured now) vs 10,000 routes (after a bulk insert)
ROUTES_BEFORE=$(curl -fs "http://127.0.0.1:$NODE_MGMT_A/actuator/prometheus" | awk '/^gatehouse_config_routes/ {print int($2)}')
for round in 1 2; do
  log "scenario 3: node A /key with $ROUTES_BEFORE routes, round $round"
  measure s3 "$ROUTES_BEFORE routes" "$round" "$A/key/ping" "$KEYH" "$NODE_PID_A"
done
log "scenario 3: inserting $ROUTES_FILLER routes with SQL, admin recomputes the hash on restart"
SVC_ID=$(sql "SELECT id FROM services WHERE name = 'bench'")
sql "INSERT INTO routes (id, name, service_id, paths, auth)
     SELECT gen_random_uuid(), 'bulk-' || g, '$SVC_ID', ARRAY['/bulk-' || g || '/items'], 'none'
     FROM generate_series(1, $ROUTES_FILLER) g" >/dev/null
sql "UPDATE config_state SET rehash = true WHERE id" >/dev/null
kill "$ADMIN_PID"; wait "$ADMIN_PID" 2>/dev/null || true
start_admin
WANT=$((ROUTES_BEFORE + ROUTES_FILLER))
deadline=$((SECONDS + 300))
until [[ $(curl -fs "http://127.0.0.1:$NODE_MGMT_A/actuator/prometheus" | awk '/^gatehouse_config_routes/ {print int($2)}') == "$WANT" ]]; do
  ((SECONDS < deadline)) || die "node A did not reach $WANT routes"
  sleep 0.5
done
ROUTES_AFTER=$WANT
[[ $(curl -s -o /dev/null -w '%{http_code}' "$A/bulk-$ROUTES_FILLER/items/x") == 200 ]] || die "a bulk route does not work"
# the snapshot swap replaces the compiled route and key structures: warm up again until the rate settles
jit_warmup "node A with $ROUTES_AFTER routes" "$WARMUP_JIT" "$A/key/ping" "$KEYH"
for round in 1 2; do
  log "scenario 3: node A /key with $ROUTES_AFTER routes, round $round"
  measure s3 "$ROUTES_AFTER routes" "$round" "$A/key/ping" "$KEYH" "$NODE_PID_A"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# everything of scenarios 1-3, 5-7 is done: stop it before the keys benchmark starts its own processes
log "stopping proxies, nodes and admin"
for pid in "${PIDS[@]}" $ADMIN_PID; do kill "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}" $ADMIN_PID; do wait "$pid" 2>/dev/null || true; done
PIDS=(); ADMIN_PID=

KEYS_FILE=
if $RUN_KEYS; then
  log "scenario 4: bench/keys/run.sh --keys $KEYS --rounds $KEY_ROUNDS"
  before=$(ls bench/results/keys-*.md 2>/dev/null | sort | tail -1 || true)
  bench/keys/run.sh --keys "$KEYS" --rounds "$KEY_ROUNDS" >"$WORK/keys.out" 2>&1 ||
    { tail -30 "$WORK/keys.out" >&2; die "bench/keys/run.sh failed"; }
  KEYS_FILE=$(ls bench/results/keys-*.md | sort | tail -1)
  [[ $KEYS_FILE != "$before" ]] || die "bench/keys/run.sh wrote no result"
fi

# --- report ----------------------------------------------------------------------------------------------------
avg() { # scenario, label, column (4 rps, 5 p50, 6 p99) -> mean over rounds
  awk -F'\t' -v s="$1" -v t="$2" -v c="$3" '$1==s && $2==t {sum += $c; n++} END { if (n) printf "%.2f", sum / n }' "$RAW"
}
rounds() { awk -F'\t' -v s="$1" -v t="$2" '$1==s && $2==t {printf "%s%.0f", (n++ ? " / " : ""), $4}' "$RAW"; }
errs() { awk -F'\t' -v s="$1" -v t="$2" '$1==s && $2==t {e += $7} END {print e + 0}' "$RAW"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
fmt0() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
NGINX_RPS=$(avg s1 "$T_NGINX" 4)
SCG_RPS=$(avg s1 "$T_SCG" 4)
SCGRL_RPS=$(avg s1 "$T_SCGRL" 4)
GH_RPS=$(avg s1 "$T_GH" 4)
NONE_RPS=$(avg s7 "$S7_NONE" 4)

report() {
  echo "## 1. Max throughput, wrk -t1 -c$CONNECTIONS, ${DURATION} s per target and round after ${WARMUP} s, 2 rounds interleaved"
  echo
  echo "| target | req/s (mean; rounds) | p50 ms | p99 ms | errors | ÷ nginx | ÷ SCG | CPU µs/request |"
  echo "|---|---|---|---|---|---|---|---|"
  for i in 0 1 2 3 4; do
    IFS='|' read -r label _ _ _ <<<"$(scenario1_target $i)"
    local rps; rps=$(avg s1 "$label" 4)
    echo "| $label | **$(fmt0 "$rps")** ($(rounds s1 "$label")) | $(avg s1 "$label" 5) | $(avg s1 "$label" 6) | $(errs s1 "$label") | $(ratio "$rps" "$NGINX_RPS") | $(ratio "$rps" "$SCG_RPS") | $(avg s1 "$label" 8) |"
  done
  if [[ -n $RL_NOTE ]]; then echo; echo "Note: $RL_NOTE."; fi
  echo
  echo "## 2. Latency at a fixed $FIXED_RATE req/s (bench/load/FixedRate.java, $CONNECTIONS connections, ${FR_DURATION} s after ${FR_WARMUP} s; from the time each request was due)"
  echo
  echo "| target | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | achieved req/s | non-2xx | conn. errors | unanswered | p99 − nginx p99 |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  local nginx_p99; nginx_p99=$(awk -F'\t' -v t="$T_NGINX" '$1==t {print $4}' "$FR")
  while IFS=$'\t' read -r label p50 p90 p99 p999 max ach n2 ce un sat; do
    [[ $sat == true ]] && label="$label (**saturated**: cannot sustain $FIXED_RATE req/s; percentiles of answered requests only)"
    echo "| $label | $p50 | $p90 | $p99 | $p999 | $max | $ach | $n2 | $ce | $un | $(awk -v a="$p99" -v b="$nginx_p99" 'BEGIN { printf "%+.2f ms", a - b }') |"
  done <"$FR"
  echo
  echo "## 3. Route count (node A, /key route, key auth, call log off)"
  echo
  echo "| routes | req/s (mean; rounds) | p50 ms | p99 ms | errors | CPU µs/request |"
  echo "|---|---|---|---|---|---|"
  for label in "$ROUTES_BEFORE routes" "$ROUTES_AFTER routes"; do
    echo "| $label | **$(fmt0 "$(avg s3 "$label" 4)")** ($(rounds s3 "$label")) | $(avg s3 "$label" 5) | $(avg s3 "$label" 6) | $(errs s3 "$label") | $(avg s3 "$label" 8) |"
  done
  echo
  echo "$ROUTES_AFTER routes ÷ $ROUTES_BEFORE routes: **$(ratio "$(avg s3 "$ROUTES_AFTER routes" 4)" "$(avg s3 "$ROUTES_BEFORE routes" 4)")** (goal ≥ 0.95)."
  echo
  echo "## 4. A node with $KEYS keys (bench/keys/run.sh --keys $KEYS --rounds $KEY_ROUNDS)"
  echo
  if [[ -n $KEYS_FILE ]]; then
    echo "| measure | value |"
    echo "|---|---|"
    grep -E '^\| (\*\*heap per key|full sync, fresh node|full sync, node.s stream connect → "Serving|issue → key works|revoke → key refused|of which after the API|bound: )' "$KEYS_FILE"
    echo
    echo "Full report: ${KEYS_FILE#"$ROOT"/}."
  else
    echo "Skipped (--no-keys)."
  fi
  echo
  echo "## 5. Configuration propagation, admin API → 2 nodes, $(pkv changes) changes (half route creates, half deletes)"
  echo
  echo "| measure | median | p90 | worst |"
  echo "|---|---|---|---|"
  echo "| API call → both nodes serve the change | **$(pkv propagation_median_ms) ms** | $(pkv propagation_p90_ms) ms | **$(pkv propagation_worst_ms) ms** |"
  echo "| of which the API call | $(pkv api_median_ms) ms | $(pkv api_p90_ms) ms | $(pkv api_worst_ms) ms |"
  echo
  # the end-to-end tests only wait for each change to arrive; the product's "well under a second" is checked here
  echo "Bound: every change on both nodes within 1 s (worst < 1,000 ms): **$(awk -v w="$(pkv propagation_worst_ms)" 'BEGIN { print (w != "" && w < 1000 ? "met" : "NOT met") }')**."
  echo
  echo "## 6. Call-log ingestion into PostgreSQL"
  echo
  echo "$(ikv records) records in $(ikv batches) gzip batches through \`POST /cluster/v1/calls\` (gunzip, parse, validate, COPY, minute roll-ups, commit per batch): **$(ikv rate) records/s** ($(ikv seconds) s; $INGEST_ROWS rows stored)."
  echo
  echo "## 7. Cost of each policy alone (Gatehouse node, wrk as in 1)"
  echo
  echo "| node configuration | req/s (mean; rounds) | p50 ms | p99 ms | errors | ÷ no policies | CPU µs/request |"
  echo "|---|---|---|---|---|---|---|"
  for i in 0 1 2 3 4; do
    local t; t=$(scenario7_target $i)
    [[ -n $t ]] || continue
    IFS='|' read -r label _ _ _ <<<"$t"
    local rps; rps=$(avg s7 "$label" 4)
    echo "| $label | **$(fmt0 "$rps")** ($(rounds s7 "$label")) | $(avg s7 "$label" 5) | $(avg s7 "$label" 6) | $(errs s7 "$label") | $(ratio "$rps" "$NONE_RPS") | $(avg s7 "$label" 8) |"
  done
  if [[ -n $RL_NOTE ]]; then echo; echo "Note: $RL_NOTE."; fi
  echo
  echo "## Goals (issue 6)"
  echo
  echo "| goal | measured | met |"
  echo "|---|---|---|"
  local r1 r2; r1=$(ratio "$GH_RPS" "$SCGRL_RPS"); r2=$(ratio "$GH_RPS" "$SCG_RPS")
  echo "| Gatehouse (all policies) ≥ 2 × SCG + key filter + RedisRateLimiter | $r1 × | $(awk -v r="$r1" 'BEGIN { print (r >= 2 ? "yes" : "no") }') |"
  echo "| Gatehouse (all policies) ≥ plain SCG | $r2 × | $(awk -v r="$r2" 'BEGIN { print (r >= 1 ? "yes" : "no") }') |"
  local gp np; gp=$(awk -F'\t' -v t="$T_GH" '$1==t {print $4}' "$FR"); np=$(awk -F'\t' -v t="$T_NGINX" '$1==t {print $4}' "$FR")
  local gs ns; gs=$(awk -F'\t' -v t="$T_GH" '$1==t {print $11}' "$FR"); ns=$(awk -F'\t' -v t="$T_NGINX" '$1==t {print $11}' "$FR")
  if [[ $gs == true || $ns == true ]]; then
    echo "| p99 at $FIXED_RATE req/s ≤ nginx + 2 ms | not measurable: $([[ $gs == true ]] && echo Gatehouse || echo nginx) could not sustain the rate in this run | no |"
  else
    echo "| p99 at $FIXED_RATE req/s ≤ nginx + 2 ms | $gp ms vs $np ms | $(awk -v a="$gp" -v b="$np" 'BEGIN { print (a <= b + 2 ? "yes" : "no") }') |"
  fi
  local rr; rr=$(ratio "$(avg s3 "$ROUTES_AFTER routes" 4)" "$(avg s3 "$ROUTES_BEFORE routes" 4)")
  echo "| 10,000 routes ≥ 95 % of 10 routes | $rr | $(awk -v r="$rr" 'BEGIN { print (r >= 0.95 ? "yes" : "no") }') |"
  echo
  echo "## Run"
  echo
  echo "\`$COMMAND_LINE\`, $(date -u '+%Y-%m-%d %H:%M UTC'), sources at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (+ local changes)')."
  echo "Machine: $CPUS cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average $LOAD_START at the start of the load runs, $LOAD_END at their end."
  echo "$(java -version 2>&1 | head -1); nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "Pinning: proxies (nginx proxy, both SCG apps, both Gatehouse nodes) on core 0 with \`taskset -c 0\`; wrk, the"
  echo "fixed-rate generator, the nginx upstream, Redis and the admin on core 1. JVMs: \`java $PROXY_JAVA_OPTS -jar ...\` for"
  echo "SCG and Gatehouse alike; each JVM warmed up before the first measurement until its rate settled (details below). Gatehouse: node A"
  echo "(call logging off) and node B (call logging on) share one admin; API-key auth on /full and /key, rate-limit"
  echo "policies on /full (by consumer) and /rl (by route) of 1,000,000,000 requests per second$($RATE_LIMIT || echo " (skipped in this run, see the notes)")."
  echo
  echo "JIT warm-up (req/s per 10 s window):"
  echo
  sed 's/^/- /' "$WORK/warmup.txt"
}
REPORT=$(report)
echo
echo "$REPORT"
mkdir -p bench/results
RESULT=bench/results/proxy-$(date -u +%Y-%m-%d-%H%M%S).md
{
  echo "# Proxy benchmark (issue 6)"
  echo
  echo "$REPORT"
} >"$RESULT"
log "written to $RESULT"
exit 0
}
