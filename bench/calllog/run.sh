#!/usr/bin/env bash
# The throughput cost of call logging on one runtime node: the same node configuration with
# GATEHOUSE_CALL_LOG_ENABLED=true and =false, measured in turn in one run (ON, OFF, ON, OFF) with wrk.
#
#   bench/calllog/run.sh [--duration 10] [--connections 32]
#
# Installs wrk and nginx (the upstream: answers 200 {"ok":true}) from Debian packages when missing, creates a
# throwaway database on the local PostgreSQL (127.0.0.1:5432, user postgres), starts the admin and an
# upstream, configures a service and an auth-none route through the admin API, then runs each node in turn.
# The node is pinned to core 0, wrk and nginx to core 1 (taskset). Loopback only; every process started here
# is stopped by PID at exit; every load run is bounded by --duration.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=10
CONNECTIONS=32
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--connections N]" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  log "installing wrk and nginx-light"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light >/dev/null
fi
ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
if [[ ! -f $ADMIN_JAR || ! -f $RUNTIME_JAR ]]; then
  log "building jars"
  ./mvnw -q -B -DskipTests package
fi

WORK=$(mktemp -d /tmp/gatehouse-bench-calllog.XXXXXX)
DB=gatehouse_bench_$RANDOM$RANDOM
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    ((SECONDS < deadline)) || { echo "timeout waiting for $1" >&2; exit 1; }
    sleep 0.2
  done
}

UP_PORT=$(free_port); ADMIN_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$UP_PORT;
    location / { default_type application/json; return 200 '{"ok":true}'; }
  }
}
NGINX
taskset -c 1 nginx -c "$WORK/nginx.conf"

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null
TOKEN=bench-admin-token
CLUSTER=bench-cluster-token
GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD= \
  GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=bench-password-1 \
  SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 \
  taskset -c 1 java -Xmx512m -jar "$ADMIN_JAR" >"$WORK/admin.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ADMIN_PORT/actuator/health" 120
API="http://127.0.0.1:$ADMIN_PORT/api/v1"
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
curl -fs "${H[@]}" -X POST "$API/services" -d "{\"name\":\"bench\",\"targets\":[{\"host\":\"127.0.0.1\",\"port\":$UP_PORT}]}" >/dev/null
curl -fs "${H[@]}" -X POST "$API/routes" -d '{"name":"bench","service":"bench","paths":["/bench"],"auth":"none"}' >/dev/null

run_node() { # label, call log enabled
  local port mport pid out
  port=$(free_port); mport=$(free_port)
  GATEHOUSE_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID="bench-$1" \
    GATEHOUSE_NODE_DATA_DIR="$WORK/node-$1-$RANDOM" GATEHOUSE_CALL_LOG_ENABLED=$2 \
    SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$mport MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    taskset -c 0 java -Xmx512m -jar "$RUNTIME_JAR" >"$WORK/node-$1.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$mport/actuator/health/readiness" 120
  wait_http "http://127.0.0.1:$port/bench" 30
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$port/bench" >/dev/null  # warm-up
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port/bench")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${errors:-none}"
}

{
  echo "# Call-log cost on one node, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/calllog/run.sh --duration $DURATION --connections $CONNECTIONS\` (wrk -t1 -c$CONNECTIONS, ${DURATION}s after a 5 s warm-up;"
  echo "node on core 0, wrk + nginx upstream + admin on core 1; route auth none). $(nproc) cores, $(java -version 2>&1 | head -1)."
  echo
  echo "| node | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
  run_node calllog-on-1 true
  run_node calllog-off-1 false
  run_node calllog-on-2 true
  run_node calllog-off-2 false
} | tee "$WORK/result.md"
mkdir -p bench/results
cp "$WORK/result.md" "bench/results/calllog-$(date -u +%Y-%m-%d-%H%M%S).md"
