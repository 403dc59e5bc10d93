#!/usr/bin/env bash
# A declarative import of 1,000 routes with policies (issue 14): how long `gatehouse apply` takes, and how long until
# a node serves the new revision.
#
#   bench/import.sh [--routes 1000] [--services 10]
#
# Starts an admin (the local PostgreSQL, a throwaway database) and one runtime node, generates a file with --routes
# routes over --services services, each route with one route-scoped policy (a request header transform on even routes,
# a rate limit by route on odd ones; bench/import/routes.py), and runs the CLI jar (gatehouse-cli/target/gatehouse-cli.jar)
# with an admin token from GATEHOUSE_TOKEN, in order:
#   1. `gatehouse --version`: the CLI's JVM start alone, part of every figure below;
#   2. `gatehouse diff`: the dry run of the whole import (exit 2 expected);
#   3. `gatehouse apply`: the import itself; it must be exactly one new revision;
#   4. the time from apply's return until the node's gatehouse_config_revision gauge (its management port's
#      /actuator/prometheus, polled every 20 ms) shows that revision, and the total from apply's start; then a call
#      to the first and the last imported route on the node, which must be answered by a route (not 404 no_route);
#   5. `gatehouse diff` and `gatehouse apply` again: no changes (exit 0), no new revision.
# Prints the figures with the machine facts and writes them to bench/results/import-<date>.md.
# Needs the built jars (./mvnw -B -DskipTests package; builds nothing), curl, psql, python3, a JDK. Loopback only; every
# wait is bounded in time; every process it starts is stopped by PID at exit; the database it creates is dropped.
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROUTES=1000; SERVICES=10
while (($#)); do
  case $1 in
    --routes) ROUTES=${2:?}; shift 2 ;;
    --services) SERVICES=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $ROUTES =~ ^[1-9][0-9]*$ && $SERVICES =~ ^[1-9][0-9]*$ ]] || { echo "--routes and --services: positive numbers" >&2; exit 2; }
source bench/lib/common.sh # log, die, free_port, wait_http, bench_cleanup
for tool in java curl psql python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
ADMIN_JAR=gateway-admin/target/gateway-admin-0.1.0-SNAPSHOT.jar
RUNTIME_JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
CLI_JAR=gatehouse-cli/target/gatehouse-cli.jar
[[ -f $ADMIN_JAR && -f $RUNTIME_JAR && -f $CLI_JAR ]] || die "build first: ./mvnw -B -DskipTests package"
WORK=$(mktemp -d /tmp/gatehouse-import.XXXXXX)
DB=gatehouse_import_$RANDOM$RANDOM
PIDS=()
DROP_DB=true
PG_HOST=127.0.0.1; PG_PORT=5432; PG_USER=postgres; LOAD_CORE=1
source bench/lib/postgres-affinity.sh # unpin_postgres, called by bench_cleanup (nothing is pinned here)
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"

psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "CREATE DATABASE $DB" >/dev/null
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -At -c "$1"; }
TOKEN=gha_imp_$RANDOM$RANDOM$RANDOM; CLUSTER=ghc_imp_$RANDOM$RANDOM
ADMIN_PORT=$(free_port)
log "starting the admin"
GATEHOUSE_DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB GATEHOUSE_DB_USER=$PG_USER GATEHOUSE_DB_PASSWORD= \
  GATEHOUSE_ADMIN_TOKEN=$TOKEN GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_ADMIN_PASSWORD=imp-password-$RANDOM \
  GATEHOUSE_DATA_DIR="$WORK/admin" SERVER_PORT=$ADMIN_PORT SERVER_ADDRESS=127.0.0.1 \
  java -Xmx768m -jar "$ADMIN_JAR" >"$WORK/admin.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ADMIN_PORT/actuator/health" 400

NODE_PORT=$(free_port); MGMT_PORT=$(free_port)
log "starting the node"
GATEHOUSE_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_CLUSTER_TOKEN=$CLUSTER GATEHOUSE_NODE_ID=import-bench \
  GATEHOUSE_NODE_DATA_DIR="$WORK/node" GATEHOUSE_CALL_LOG_ENABLED=false SERVER_PORT=$NODE_PORT SERVER_ADDRESS=127.0.0.1 \
  MANAGEMENT_SERVER_PORT=$MGMT_PORT MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
  java @deploy/jvm.options -Xms512m -Xmx512m -jar "$RUNTIME_JAR" >"$WORK/node.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" 300
node_revision() { # the revision the node serves, -1 while it cannot say
  curl -fsS --max-time 2 "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" 2>/dev/null |
    awk '/^gatehouse_config_revision[{ ]/ { printf "%d\n", $NF; found = 1; exit } END { if (!found) print -1 }'
}
await_revision() { # revision, seconds -> waits until the node serves at least that revision
  local deadline=$((SECONDS + $2))
  until (($(node_revision) >= $1)); do
    ((SECONDS < deadline)) || die "the node did not serve revision $1 within $2 s (it serves $(node_revision))"
    sleep 0.02
  done
}
REV_START=$(sql "SELECT revision FROM config_state")
await_revision "$REV_START" 60

FILE=$WORK/gatehouse.yaml
python3 bench/import/routes.py --routes "$ROUTES" --services "$SERVICES" --prefix imp --target-port 9 >"$FILE"
FILE_BYTES=$(wc -c <"$FILE")
log "generated $FILE: $ROUTES routes, $ROUTES policies, $SERVICES services, $FILE_BYTES bytes"

export GATEHOUSE_URL=http://127.0.0.1:$ADMIN_PORT GATEHOUSE_TOKEN=$TOKEN
now_ms() { echo $(($(date +%s%N) / 1000000)); }
CLI_RC=0
cli() { # name, args... -> runs the CLI (bounded), output in $WORK/<name>.out, exit code in CLI_RC, wall ms in CLI_MS
  local name=$1 t0; shift
  t0=$(now_ms)
  CLI_RC=0
  timeout 600 java -jar "$CLI_JAR" "$@" >"$WORK/$name.out" 2>&1 || CLI_RC=$?
  CLI_MS=$(($(now_ms) - t0))
}
cli version --version
((CLI_RC == 0)) || die "gatehouse --version failed: $(cat "$WORK/version.out")"
START_MS=$CLI_MS
cli diff1 diff -f "$FILE" --timeout 300
((CLI_RC == 2)) || die "the first diff should exit 2 (changes pending), exit $CLI_RC: $(tail -5 "$WORK/diff1.out")"
DIFF_MS=$CLI_MS
DIFF_SUMMARY=$(tail -1 "$WORK/diff1.out")

t0=$(now_ms)
cli apply apply -f "$FILE" --timeout 300
((CLI_RC == 0)) || die "gatehouse apply failed (exit $CLI_RC): $(tail -20 "$WORK/apply.out")"
APPLY_MS=$CLI_MS
APPLY_SUMMARY=$(tail -1 "$WORK/apply.out")
REVISION=$(sed -n 's/^Applied as revision \([0-9]*\):.*/\1/p' "$WORK/apply.out")
[[ -n $REVISION ]] || die "no 'Applied as revision N' in the apply output: $APPLY_SUMMARY"
t1=$(now_ms)
await_revision "$REVISION" 120
t2=$(now_ms)
PROPAGATION_MS=$((t2 - t1))
TOTAL_MS=$((t2 - t0))
ONE_REVISION=no; ((REVISION == REV_START + 1)) && ONE_REVISION=yes
[[ $(sql "SELECT revision FROM config_state") == "$REVISION" ]] || die "the admin is not at revision $REVISION after apply"
DB_ROUTES=$(sql "SELECT count(*) FROM routes"); DB_POLICIES=$(sql "SELECT count(*) FROM policies")
last=$((ROUTES - 1)); width=${#last}; ((width >= 4)) || width=4 # the generator's zero padding
LAST=$(printf 'imp-%0*d' "$width" "$last")
NODE_ANSWERS=
for route in imp-0000 "$LAST"; do
  code=$(curl -s -o "$WORK/node-answer" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$NODE_PORT/$route/x" || true)
  grep -q no_route "$WORK/node-answer" && die "the node has no route /$route after the import (HTTP $code)"
  NODE_ANSWERS+="/$route/x: HTTP $code; "
done

cli diff2 diff -f "$FILE" --timeout 300
((CLI_RC == 0)) || die "the diff after apply should exit 0 (no changes), exit $CLI_RC: $(tail -5 "$WORK/diff2.out")"
DIFF2_MS=$CLI_MS
cli apply2 apply -f "$FILE" --timeout 300
((CLI_RC == 0)) || die "the second apply failed (exit $CLI_RC): $(tail -5 "$WORK/apply2.out")"
APPLY2_MS=$CLI_MS
grep -q '^No changes' "$WORK/apply2.out" || die "the second apply changed something: $(tail -1 "$WORK/apply2.out")"
[[ $(sql "SELECT revision FROM config_state") == "$REVISION" ]] || die "the second apply made a new revision"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

REPORT=$WORK/report.md
{
  echo "# Declarative import of $ROUTES routes with policies (issue 14), $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "\`bench/import.sh --routes $ROUTES --services $SERVICES\`, sources at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (+ local changes)')."
  echo "File: $ROUTES routes over $SERVICES services, one route-scoped policy per route (transform / rate limit), $FILE_BYTES bytes of YAML."
  echo
  echo "| step | wall time | result |"
  echo "|---|---|---|"
  echo "| \`gatehouse --version\` (CLI JVM start, in every row below) | $START_MS ms | |"
  echo "| \`gatehouse diff\` (dry run of the whole import) | $DIFF_MS ms | exit 2: $DIFF_SUMMARY |"
  echo "| \`gatehouse apply\` | **$APPLY_MS ms** | $APPLY_SUMMARY |"
  echo "| apply's return → the node serves revision $REVISION | **$PROPAGATION_MS ms** | node gauge polled every 20 ms |"
  echo "| apply's start → the node serves it | $TOTAL_MS ms | |"
  echo "| \`gatehouse diff\` again | $DIFF2_MS ms | exit 0: $(tail -1 "$WORK/diff2.out") |"
  echo "| \`gatehouse apply\` again | $APPLY2_MS ms | $(tail -1 "$WORK/apply2.out") |"
  echo
  echo "One revision: $ONE_REVISION (revision $REV_START before, $REVISION after); the admin holds $DB_ROUTES routes and $DB_POLICIES policies;"
  echo "through the node: ${NODE_ANSWERS%; } (answered by the route: key auth, no upstream on port 9)."
  echo
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average $LOAD_BEFORE before, $LOAD_AFTER after;"
  echo "$(java -version 2>&1 | head -1); PostgreSQL $(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -Atc 'SHOW server_version' 2>/dev/null || echo '?'); admin -Xmx768m, node @deploy/jvm.options -Xms512m -Xmx512m; nothing pinned."
} >"$REPORT"
echo
cat "$REPORT"
mkdir -p bench/results
RESULT=bench/results/import-$(date -u +%Y-%m-%d-%H%M%S).md
cp "$REPORT" "$RESULT"
log "written to $RESULT"
exit 0
}
