#!/usr/bin/env bash
# The cost of tracing (issue 16), measured with bench/compare.sh on ONE node build: a node with tracing off against
# the same build exporting spans to an OTLP sink, once at 1 % sampling and once at 100 %, each A/B side by side on
# core 0 with the same wrk load alternately (rounds interleaved). The sink is nginx on core 1 (with wrk, the upstream
# and the admin) answering 200 to every POST /v1/traces and discarding the body, so the figures are the node's own
# cost of making, batching, encoding and sending spans, not a collector's.
#
#   bench/tracing.sh [--jar JAR] [--ratio 0.01]... [--rounds 3] [--duration 10] [--warmup 60] [--path full] [--force]
#
# Without --ratio it measures 0.01 and 1 (each --ratio adds one A/B; 0 measures the unsampled path alone: trace
# context read and written, no span recorded). Prints, per ratio and round, on ÷ off in req/s and in CPU time per
# request, and writes the same to bench/results/tracing-<date>.md. About 4-5 minutes per ratio.
#
# Refuses to start on a busy machine (1-minute load average >= 0.5), like bench/jvmflags.sh; --force runs anyway
# and says so in the report. Needs nginx and wrk (bench/run.sh installs them); loopback only, stopped by PID.
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib/common.sh
JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
RATIOS=()
ROUNDS=3; DURATION=10; WARMUP=60; PATH_KIND=full; FORCE=false
while (($#)); do
  case $1 in
    --jar) JAR=${2:?}; shift 2 ;;
    --ratio) RATIOS+=("${2:?}"); shift 2 ;;
    --rounds) ROUNDS=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --path) PATH_KIND=${2:?}; shift 2 ;;
    --force) FORCE=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
((${#RATIOS[@]})) || RATIOS=(0.01 1)
for ratio in "${RATIOS[@]}"; do
  awk -v r="$ratio" 'BEGIN { exit !(r ~ /^[0-9.]+$/ && r >= 0 && r <= 1) }' || die "--ratio must be between 0 and 1, not $ratio"
done
[[ -f $JAR ]] || die "no jar at $JAR: build first (./mvnw -B -DskipTests package) or pass --jar"
command -v nginx >/dev/null || die "nginx is missing (bench/run.sh installs nginx-light)"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${LOAD%% *}" 'BEGIN { exit !(l >= 0.5) }'; then
  $FORCE || die "load average $LOAD: the machine is busy, the A/B would measure the neighbours (--force to run anyway)"
  log "load average $LOAD: busy machine, running anyway (--force); the report says so"
fi

WORK=$(mktemp -d /tmp/gatehouse-tracing.XXXXXX)
cleanup() {
  [[ -f $WORK/sink.pid ]] && kill "$(cat "$WORK/sink.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
JARCOPY=$WORK/node.jar # the jar under test must not change under a rebuild
cp "$JAR" "$JARCOPY"

SINK_PORT=$(free_port)
cat >"$WORK/sink.conf" <<NGINX
worker_processes 1;
pid $WORK/sink.pid;
error_log $WORK/sink-error.log;
events { worker_connections 1024; }
http { access_log off; client_max_body_size 64m; client_body_buffer_size 1m;
  server { listen 127.0.0.1:$SINK_PORT; keepalive_requests 1000000;
    # an empty body is an empty ExportTraceServiceResponse: every span accepted
    location = /v1/traces { default_type application/x-protobuf; return 200 ''; } } }
NGINX
taskset -c 1 nginx -c "$WORK/sink.conf"
wait_http "http://127.0.0.1:$SINK_PORT/v1/traces" 10 -X POST --data-binary '' || die "the OTLP sink did not start"
log "OTLP sink (nginx) on :$SINK_PORT, core 1"

BASE="@deploy/jvm.options -Xms512m -Xmx512m"
OFF="$BASE"
TABLE=""
for ratio in "${RATIOS[@]}"; do
  ON="$BASE -Dgatehouse.tracing.otlp-endpoint=http://127.0.0.1:$SINK_PORT/v1/traces -Dgatehouse.tracing.sample-ratio=$ratio"
  log "A/B: tracing off against tracing on at sampling ratio $ratio ($ROUNDS rounds of ${DURATION} s after ${WARMUP} s)"
  bench/compare.sh "$JARCOPY" "$JARCOPY" --path "$PATH_KIND" --rounds "$ROUNDS" --duration "$DURATION" \
    --warmup "$WARMUP" --old-opts "$OFF" --new-opts "$ON" >"$WORK/ab.out"
  cat "$WORK/ab.out"
  row=$(awk -v ratio="$ratio" '
    $1 == "old" && $2 ~ /^[0-9]+$/ { orps[$2] = $3; ocpu[$2] = $7; op99[$2] = $5 }
    $1 == "new" && $2 ~ /^[0-9]+$/ { nrps[$2] = $3; ncpu[$2] = $7; np99[$2] = $5; n = ($2 > n ? $2 : n) }
    END {
      rr = ""; cr = ""; pr = ""; sr = 0; sc = 0
      for (r = 1; r <= n; r++) {
        q = nrps[r] / orps[r]; c = ncpu[r] / ocpu[r]; sr += q; sc += c
        rr = rr (r > 1 ? " / " : "") sprintf("%.3f", q); cr = cr (r > 1 ? " / " : "") sprintf("%.3f", c)
        pr = pr (r > 1 ? " / " : "") op99[r] " → " np99[r]
      }
      printf "| %s %% | %s (mean %.3f) | %s (mean %.3f) | %s |", ratio * 100, rr, (n ? sr / n : 0), cr,
        (n ? sc / n : 0), pr
    }' "$WORK/ab.out")
  TABLE+="$row"$'\n'
done
REPORT=$(
  echo "# Cost of tracing, A/B on one node build (bench/tracing.sh)"
  echo
  echo "Off: \`$OFF\`; on: the same plus an OTLP endpoint (nginx sink answering 200, core 1) and the sampling ratio;"
  echo "path $PATH_KIND; $ROUNDS rounds of ${DURATION} s after ${WARMUP} s JIT warm-up; $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "sources at $(git rev-parse --short HEAD); load average $LOAD at the start$($FORCE && echo " (**--force: not a quiet machine**)")."
  echo
  echo "| sampled | req/s on ÷ off per round | CPU µs/request on ÷ off per round | p99 off → on per round |"
  echo "|---|---|---|---|"
  printf '%s' "$TABLE"
)
echo
echo "$REPORT"
mkdir -p bench/results
OUT=bench/results/tracing-$(date -u +%Y-%m-%d-%H%M%S).md
echo "$REPORT" >"$OUT"
log "written to $OUT"
exit 0
}
