# Sourced by the bench/ scripts after common.sh and postgres-affinity.sh: starts an admin on a fresh database and one
# runtime node, each pinned to a core, and runs the open-loop generator. Expects WORK, DB, PIDS, PG_HOST, PG_PORT,
# PG_USER, LOAD_CORE and PROXY_CORE set, and the built jars.
ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar

# start_admin: creates $DB, starts the admin on $LOAD_CORE; sets ADMIN_PORT, TOKEN, CLUSTER; defines post PATH BODY
start_admin() {
  [[ -f $ADMIN_JAR && -f $RUNTIME_JAR ]] || die "build first: ./mvnw -B -DskipTests package"
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "CREATE DATABASE $DB" >/dev/null
  DROP_DB=true
  TOKEN=gha_bench_$RANDOM$RANDOM; CLUSTER=ghc_bench_$RANDOM$RANDOM
  ADMIN_PORT=$(free_port)
  log "starting the admin (core $LOAD_CORE)"
  GATEHOUSE_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB GATEHOUSE_DB_USER=$PG_USER GATEHOUSE_DB_PASSWORD= \
    GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=bench-password-$RANDOM \
    SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 taskset -c "$LOAD_CORE" java -Xmx768m -jar "$ADMIN_JAR" \
    >"$WORK/admin.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$ADMIN_PORT/actuator/health" 400
}
post() { # path, JSON body -> the answer
  curl -fsS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -X POST \
    "http://127.0.0.1:$ADMIN_PORT/api/v1$1" -d "$2" || die "POST $1 $2 failed"
}

# start_node NAME: starts a node on $PROXY_CORE; sets NODE (its URL), NODE_PID
start_node() {
  local port mgmt
  port=$(free_port); mgmt=$(free_port)
  log "starting the node (core $PROXY_CORE)"
  GATEHOUSE_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID=$1 \
    GATEHOUSE_NODE_DATA_DIR="$WORK/node" SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 \
    MANAGEMENT_SERVER_PORT=$mgmt MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    taskset -c "$PROXY_CORE" java @deploy/jvm.options -Xms512m -Xmx512m -jar "$RUNTIME_JAR" >"$WORK/node.log" 2>&1 &
  NODE_PID=$!
  PIDS+=($NODE_PID)
  wait_http "http://127.0.0.1:$mgmt/actuator/health/readiness" 300
  NODE=http://127.0.0.1:$port
}

# fixed_rate NAME URL RATE DURATION [generator args...]: one line "NAME p50 p99 max achieved cpu-us/call" (node CPU
# over the run divided by the calls answered), after a 5 s ramp, 64 connections, from bench/load/FixedRate.java
fixed_rate() {
  local name=$1 url=$2 rate=$3 duration=$4 t0 t1 out answered cpu rt=
  shift 4
  if [[ ! -f $WORK/fixedrate/FixedRate.class ]]; then
    mkdir -p "$WORK/fixedrate"
    javac -d "$WORK/fixedrate" bench/load/FixedRate.java || die "bench/load/FixedRate.java does not compile"
  fi
  chrt -f 10 true 2>/dev/null && rt=realtime=10
  t0=$(cpu_ticks "$NODE_PID")
  out=$(taskset -c "$LOAD_CORE" java -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$WORK/fixedrate" FixedRate \
    url="$url" rate="$rate" duration="$duration" warmup=5 connections=64 $rt "$@") ||
    die "the fixed-rate generator failed on $name"
  t1=$(cpu_ticks "$NODE_PID")
  kv() { awk -F= -v k="$1" '$1==k {print $2}' <<<"$out"; }
  answered=$(awk -v r="$(kv achieved_rate)" -v d="$duration" 'BEGIN { printf "%d", r * (d + 5) }')
  cpu=$(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n="$answered" \
    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$name $(kv p50_ms) $(kv p99_ms) $(kv max_ms) $(kv achieved_rate) $cpu"
}
